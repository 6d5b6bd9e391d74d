"""Refresh the message catalogues from the code: extract, update, compile.

    .venv/bin/python scripts/messages.py          # after adding or changing a _() text

1. Babel extracts every text marked with `_()`, `N_()` and `ngettext()` under generator/
   (babel.cfg says which files; the keywords are Babel's defaults, which include N_);
2. each catalogue generator/locale/<lang>/LC_MESSAGES/messages.po is updated: new texts
   are added untranslated, texts the code no longer has are dropped (no fuzzy guesses:
   a guessed translation would be shown to editors until someone noticed);
3. each .po is compiled to the messages.mo beside it, which the package reads at run time.

Then translate the new texts in zh_CN/LC_MESSAGES/messages.po (en needs none: the English
msgids are the text) and run this again to compile. tests/test_messages.py fails while a
text has no Chinese translation, or when the .po or .mo lag behind the code.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "generator" / "locale"
LANGUAGES = ("zh_CN", "en")
HEADER = (
    "# Messages of service-guides (generator/common/i18n.py); refreshed by scripts/messages.py.\n"
    "# Translate the empty msgstr of new texts; never edit msgids here, edit the code."
)


def extract() -> Catalog:
    """Return a template catalogue of every marked text in the code."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project="service-guides", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="service-guides", fuzzy=False)
    with path.open("rb") as stream:
        return read_po(stream, locale=language)


def po_bytes(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalogue, width=100, no_location=True, sort_output=True, omit_header=False)
    return out.getvalue()


def mo_bytes(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def _strings(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)


def main() -> int:
    template = extract()
    for language in LANGUAGES:
        catalogue = read_catalogue(language)
        created = catalogue.creation_date
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        # Fixed header: a run that changes no text changes no byte of the catalogues.
        catalogue.creation_date = created
        catalogue.header_comment = HEADER
        catalogue.project, catalogue.version = "service-guides", "1"
        catalogue.msgid_bugs_address = ""
        catalogue.last_translator = "service-guides maintainers"
        catalogue.language_team = "service-guides maintainers"
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalogue))
        with path.open("rb") as stream:  # compile what was written, exactly
            path.with_suffix(".mo").write_bytes(mo_bytes(read_po(stream, locale=language)))
        missing = [m.id for m in catalogue if m.id and not all(_strings(m.string))]
        if language != "en":  # English needs no translation: the msgids are English
            print(f"{language}: {len(missing)} of {len(template)} untranslated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

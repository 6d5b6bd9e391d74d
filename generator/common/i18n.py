"""Messages in the editor's language: the one place the tool's text is translated.

Every text an editor reads (a problem, a hint, a line the CLI prints) is marked with `_()`,
and a text with values is written with named fields and formatted after translation:

    checker.error(path, _("`{value}` is not a known office").format(value=value), hint, code=...)

`N_()` marks a text kept in a constant and translated where it is used; `ngettext` picks
the form for a count. The msgids are English; the catalogues are gettext's, made with
Babel (`pybabel extract`, see babel.cfg and docs/architecture.md, "Messages"):
generator/locale/<lang>/LC_MESSAGES/messages.po, compiled to messages.mo beside it.

Which language (`LANGUAGES`, chosen once per process by `set_language`, or on first use):

1. `--lang` on the command line (passed to `set_language`);
2. else the environment, read as gettext reads it: the first of LANGUAGE, LC_ALL,
   LC_MESSAGES, LANG that is set and not empty; `C` and `POSIX` name no language;
3. else the site's language (`theme.language` of mkdocs.yml, zh-CN when not set: the
   offices write in Chinese), which the CLI passes as `site_language`.

Worker processes do not inherit this choice (they are started by forkserver): the
parent passes `current_language()` to them and they call `set_language` with it.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""generator/locale/<lang>/LC_MESSAGES/messages.mo"""
DOMAIN = "messages"
LANGUAGES = ("zh_CN", "en")
"""The catalogues we ship; the first is the offices' language."""
DEFAULT_LANGUAGE = "zh_CN"

_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_language: str | None = None
_translation: gettext.NullTranslations | None = None


def normalize(tag: str | None) -> str | None:
    """Return the catalogue for a language tag or locale name (`zh-CN`, `zh_CN.UTF-8`, `en`),
    or None when it names no language (`C`, `POSIX`, empty)."""
    if not tag:
        return None
    name = tag.split(".", 1)[0].split("@", 1)[0].strip()
    if not name or name.upper() in ("C", "POSIX"):
        return None
    lower = name.lower().replace("-", "_")
    if lower.startswith("zh"):
        return "zh_CN"  # the only Chinese catalogue: zh, zh_CN, zh-Hans, zh_SG
    if lower.startswith("en"):
        return "en"
    return "en"  # a language we have no catalogue for: the English msgids, as gettext does


def language_from_environment(environ: Any = None) -> str | None:
    """Return the catalogue the environment names, as gettext reads it, or None."""
    environ = os.environ if environ is None else environ
    for variable in _ENVIRONMENT:
        value = environ.get(variable)
        if not value:
            continue
        if variable == "LANGUAGE":
            # A list of preferences, `zh_CN:en`; gettext takes the first it has.
            for part in value.split(":"):
                found = normalize(part)
                if found is not None:
                    return found
            continue
        return normalize(value)  # the first set of these decides, C included
    return None


def site_language(config_file: Path) -> str:
    """Return the catalogue for the site's language in `config_file` (mkdocs.yml).

    `theme.language` when the file sets it; zh-CN otherwise, and when the file cannot be
    read (the command itself will say so).
    """
    import yaml

    class _Loader(yaml.SafeLoader):
        """Reads MkDocs' `!ENV` and `!!python/name:` tags as plain values."""

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return DEFAULT_LANGUAGE
    theme = config.get("theme") if isinstance(config, dict) else None
    tag = theme.get("language") if isinstance(theme, dict) else None
    return normalize(tag if isinstance(tag, str) else None) or DEFAULT_LANGUAGE


def choose_language(cli: str | None = None, config_file: Path | None = None) -> str:
    """Return the catalogue by the order in the module's docstring."""
    return (
        normalize(cli)
        or language_from_environment()
        or (site_language(config_file) if config_file is not None else DEFAULT_LANGUAGE)
    )


def set_language(language: str) -> None:
    """Translate every later message of this process into `language` (a catalogue name)."""
    global _language, _translation
    _language = normalize(language) or DEFAULT_LANGUAGE
    _translation = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[_language], fallback=True
    )


def current_language() -> str:
    """Return the catalogue in use (chosen from the environment on first use)."""
    if _language is None:
        set_language(choose_language())
    assert _language is not None
    return _language


def _current() -> gettext.NullTranslations:
    if _translation is None:
        current_language()
    assert _translation is not None
    return _translation


def _(message: str) -> str:
    """Return `message` in the editor's language."""
    return _current().gettext(message)


def N_(message: str) -> str:
    """Mark `message` for translation where it is used, and return it unchanged."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for `count`, in the editor's language."""
    return _current().ngettext(singular, plural, count)

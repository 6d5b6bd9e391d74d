"""Everyday names: what citizens call a document, benefit or service (户口本, 驾照, 离职证明)
beside the official name a guide writes (居民户口簿, 机动车驾驶证, 解除或终止劳动合同证明).

The table is `everyday-names.yaml` beside this module, written and reviewed by this
project: general synonym dictionaries for Chinese (word-embedding lists, 同义词词林 and
the packages built on it) group related words loosely (驾驶证 with 车牌, 身份证 with
工作证) and miss most names of government documents (房产证, 准生证, 离职证明, 社保卡),
so none fits. Each entry is one thing under all its names.

At build time a guide's search record gets, for every entry one of whose names occurs in
a field of the guide, the entry's other names, in a line of the same weight as that field
(generator/search/index.py, theme/search-record.html): the title and aliases (9), the
summary (4), the result and the materials (2). So 户口本 ranks a guide whose title or
alias names the 户口簿 above one that only asks for it, by the same rules as the names
the editor wrote. A name inside a longer name of another entry does not count there
(证件照 inside 两人合影证件照, 劳动合同 inside 解除或终止劳动合同证明).

The table also tells the search what the site lacks: SearchRecords notes which entries
some record names, and the lexicon lists the names of the others (absent_names), so the
UI answers 离婚证 with 没有找到 on a site without a divorce guide (docs/search.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.common.i18n import _
from generator.model.types import Guide
from generator.search.lexicon import guide_keys
from generator.source.loader import format_path, load_file

#: The table, shipped with the generator.
TABLE_PATH = Path(__file__).with_name("everyday-names.yaml")
#: Shown in messages: where an editor finds the file.
TABLE_DISPLAY = "generator/search/everyday-names.yaml"
_KEYS = ("official", "everyday")


class EverydayNamesError(ValueError):
    """The table of everyday names cannot be read; the message says where and how to fix it."""


@dataclass(frozen=True)
class NameEntry:
    """One thing under all its names."""

    official: tuple[str, ...]
    everyday: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return self.official + self.everyday


@dataclass(frozen=True)
class EverydayWords:
    """The names a guide's search record adds, by the field that named the thing."""

    names: tuple[str, ...] = ()
    """For the title and aliases (weight 9)."""
    summary: tuple[str, ...] = ()
    """For the summary (weight 4)."""
    result: tuple[str, ...] = ()
    """For the result's name (weight 2)."""
    materials: tuple[str, ...] = ()
    """For the materials' names (weight 2)."""

    @property
    def all(self) -> tuple[str, ...]:
        return self.names + self.summary + self.result + self.materials


def read_table(path: Path = TABLE_PATH, display: str = TABLE_DISPLAY) -> tuple[NameEntry, ...]:
    """Read and check the table; raise EverydayNamesError naming the line and the fix."""
    loaded = load_file(path, display)
    if loaded.problems:
        raise EverydayNamesError("\n".join(str(p) for p in loaded.problems))
    data = loaded.data

    def fail(where: tuple[str | int, ...], what: str, fix: str) -> EverydayNamesError:
        line = loaded.position(where)[0]
        return EverydayNamesError(
            _("{file}, line {line}: {what}. {fix}").format(
                file=display, line=line, what=what, fix=fix
            )
        )

    if not isinstance(data, list):
        raise fail((), _("the file must be a list of entries"), _("start each entry with `- `"))
    entries: list[NameEntry] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(data):
        if not isinstance(entry, dict) or set(entry) != set(_KEYS):
            raise fail(
                (number,),
                _("entry {number} must have exactly the keys `official` and `everyday`").format(
                    number=number + 1
                ),
                _("write it as `- official: [居民户口簿]` and `  everyday: [户口本]`"),
            )
        lists: list[tuple[str, ...]] = []
        for key in _KEYS:
            names = entry[key]
            if not isinstance(names, list) or not names:
                raise fail(
                    (number, key),
                    _("`{key}` of entry {number} must be a list of names").format(
                        key=key, number=number + 1
                    ),
                    _("write the names in square brackets: [户口本, 户口册]"),
                )
            for index, name in enumerate(names):
                where = (number, key, index)
                if not isinstance(name, str) or len(name.strip()) < 2 or name != name.strip():
                    raise fail(
                        where,
                        _("`{path}` must be a name of at least two characters").format(
                            path=format_path(where)
                        ),
                        _(
                            "write the name without spaces around it; a single character "
                            "would match inside nearly every guide"
                        ),
                    )
                if name in seen:
                    raise fail(
                        where,
                        _("{name} is already a name of entry {other}").format(
                            name=name, other=seen[name] + 1
                        ),
                        _(
                            "give each name to one entry only: merge the two entries if they "
                            "are the same thing"
                        ),
                    )
                seen[name] = number
            lists.append(tuple(names))
        entries.append(NameEntry(lists[0], lists[1]))
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def table() -> tuple[NameEntry, ...]:
    """The shipped table, read once per process."""
    return read_table()


@functools.lru_cache(maxsize=4)
def _matcher(entries: tuple[NameEntry, ...]) -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern of every name, longest first, and the entry of each name."""
    owner = {name: number for number, entry in enumerate(entries) for name in entry.names}
    names = sorted(owner, key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in names)), owner


def _entries_in(text: str, entries: tuple[NameEntry, ...]) -> list[int]:
    """The entries one of whose names occurs in text. The longest name wins where names
    overlap, so a name inside a longer name of another entry does not count there."""
    pattern, owner = _matcher(entries)
    return list(dict.fromkeys(owner[m.group()] for m in pattern.finditer(text)))


def entries_in(text: str) -> set[int]:
    """The numbers of the shipped table's entries that text names."""
    return set(_entries_in(text, table()))


def absent_names(held: set[int]) -> list[str]:
    """Every name of the entries that no guide names (held: the entries some guide does),
    for the lexicon: the UI answers a query naming one of them with 没有找到."""
    return sorted(n for i, e in enumerate(table()) if i not in held for n in e.names)


def everyday_words(
    fields: Sequence[Iterable[str]], entries: tuple[NameEntry, ...] | None = None
) -> tuple[tuple[str, ...], ...]:
    """For each field (a group of texts, strongest first), the names of the entries found
    in it that the field does not already hold and no stronger field was given."""
    entries = table() if entries is None else entries
    given: set[str] = set()
    out: list[tuple[str, ...]] = []
    for texts in fields:
        joined = "\n".join(texts)
        words: list[str] = []
        found = [entries[number].names for number in _entries_in(joined, entries)]
        for names in found:
            words.extend(n for n in names if n not in joined and n not in given)
        for names in found:
            given.update(names)
        out.append(tuple(dict.fromkeys(words)))
    return tuple(out)


def guide_everyday_words(guide: Guide) -> EverydayWords:
    """The everyday (or official) names the guide's search record adds, by field."""
    result: list[str] = []
    if guide.result:
        result.append(guide.result.name.default)
        if guide.result.e_licence:
            result.append(guide.result.e_licence.name.default)
    names, summary, result_words, materials = everyday_words(
        (
            (guide.title.default, *guide.aliases),
            (guide.summary.default,),
            result,
            [m.name.default for m in guide.materials],
        )
    )
    return EverydayWords(names, summary, result_words, materials)


def record_keys(guide: Guide) -> str:
    """The pinyin keys of the guide's search record: those of its title, its aliases and
    the everyday names they bring (generator/search/lexicon.py)."""
    return guide_keys((guide.title.default, *guide.aliases, *guide_everyday_words(guide).names))

"""How many of a material a step or a FAQ answer asks for, against the material's `copies`.

materials.py compares a material's own notes with its `copies`. A step (带好 4 张合影) or an
answer (身份证复印件两份) that restates the count elsewhere in the guide is read here: a
clause with a count (N 张, N 份, 一式 N 份, in figures or 中文数字) is of the material named
right after it (4 张合影), else of the nearest named before it (身份证原件和两张复印件). A
citizen who prepares from the step brings too few, or is told at the window that one is
missing.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.claims import zh_number
from generator.validate.rules.accuracy.facts import zh
from generator.validate.rules.accuracy.report import conflict
from generator.validate.rules.checker import Checker, items

_COUNT = re.compile(r"(?:一式\s*)?(\d+|[一二两三四五六七八九十]{1,3})\s*(张|份)")
_CLAUSE = re.compile(r"[，。；;！？,]")
_GENERIC = ("居民", "中华人民共和国", "近期", "免冠", "的", "本人", "双方", "两人")
_SHORTEST = 2
"""Characters a clause must share with a material's name to name it (合影 of 两人合影证件照)."""


@functools.lru_cache(maxsize=16384)
def count_claims(text: str) -> tuple[tuple[str, int, str], ...]:
    """The counts a text states, each with its clause: (phrase, count, clause) (a finder of
    statements.py: it finds something in every text `check_counts` can report in)."""
    if ("张" not in text and "份" not in text) or _COUNT.search(text) is None:
        return ()  # 份 of 身份证 alone is no count
    found = []
    before = ""
    for clause in _CLAUSE.split(text):
        for match in _COUNT.finditer(clause):
            count = zh_number(match.group(1).replace("两", "二"))
            if count:
                # A clause that is the count alone (…授权书，一式三份; …复印件，各两份) counts
                # what the clause before it names.
                alone = len(_HAN.findall(clause.replace(match.group(0), ""))) <= _ALONE
                found.append((match.group(0), count, before + clause if alone else clause))
        before = clause
    return tuple(found)


_HAN = re.compile(r"[\u4e00-\u9fff]")
_ALONE = 2
"""Characters beside its count that leave a clause the count alone (共, 各, 即可)."""


def _core(name: str) -> str:
    for word in _GENERIC:
        name = name.replace(word, "")
    return name


PHOTO_WORDS = ("照片", "相片", "证件照", "寸照", "免冠照", "合影")
"""Everyday words for a photo material (证件照 is asked for as 一寸照片 or 相片)."""


def _where(clause: str, core: str) -> int:
    """Where the clause names the material (its longest run of `_SHORTEST` or more characters
    of the name, or for a photo an everyday word for one), or -1."""
    if "照" in core:
        at = min((i for w in PHOTO_WORDS if (i := clause.find(w)) >= 0), default=-1)
        if at >= 0:
            return at
    for size in range(len(core), _SHORTEST - 1, -1):
        for i in range(len(core) - size + 1):
            at = clause.find(core[i : i + size])
            if at >= 0:
                return at
    return -1


def _counted(clause: str, phrase: str, cores: list[tuple[int, str]]) -> int | None:
    """The material a count is of: the one named right after it (4 张合影), else the nearest
    named before it (身份证原件和两张复印件); None when no material is named."""
    start = clause.find(phrase)
    end = start + len(phrase)
    before: tuple[int, int] | None = None
    for number, core in cores:
        at = _where(clause, core)
        if at < 0:
            continue
        if end <= at <= end + 2:
            return number
        if at < start and (before is None or at > before[0]):
            before = (at, number)
    return before[1] if before else None


def check_counts(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """A count in a step or an answer that differs from the `copies` of the one material its
    clause names."""
    found = count_claims(text)
    if not found:
        return
    materials = dict(items(data.get("materials")))
    cores = [(n, _core(zh(m.get("name")))) for n, m in materials.items()]
    cores = [(n, core) for n, core in cores if len(core) >= _SHORTEST]
    for phrase, count, clause in found:
        number = _counted(clause, phrase, cores)
        if number is None:
            continue
        copies = materials[number].get("copies")
        if not isinstance(copies, int) or isinstance(copies, bool) or copies == count:
            continue
        conflict(
            check,
            path,
            phrase,
            ("materials", number, "copies"),
            _("the text asks for `{phrase}`, but the material's `copies` is {copies}").format(
                phrase=phrase, copies=copies
            ),
            _(
                "a citizen prepares from the step or the answer as much as from the list: "
                "make the text and `copies` give the same number"
            ),
            "accuracy.material.count-elsewhere",
        )
        return

"""The two languages of a text that send a citizen to different offices.

A channel note says 户政和出入境服务大厅周六、周日也办理护照 and its English "The Citizen Centre
also issues passports on Saturdays and Sundays": one reader goes to the household hall, the
other to the Citizen Centre. The offices a text names are found by the names `offices.yaml`
gives them (ReferenceFacts.office_names: the Chinese name and short names, the English name
and its last words, short names such as `Hexi centre`; an English name is also read without
the city, `Citizen Centre`). A text is compared only when both languages name an office: `a
district services centre` names none.
"""

from __future__ import annotations

import re
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.facts import ReferenceFacts
from generator.validate.rules.accuracy.texts import Form, GuideTexts
from generator.validate.rules.checker import Checker

_CJK = re.compile(r"[\u3400-\u9fff]")
_CITY_EN = "Linjiang "
"""The city's name before an office's English name (Linjiang Citizen Centre): the texts
drop it (the Citizen Centre)."""

_Patterns = tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str], frozenset[str]]
_remembered: tuple[object, _Patterns] | None = None
"""The patterns of the last facts seen (one run has one set of facts; the preview after an
edit of the reference data builds new ones)."""


def _patterns(facts: ReferenceFacts) -> _Patterns:
    """A pattern for the Chinese names, one for the English names (any case), each name
    (English ones lower-cased) -> its office id, and the last characters of the Chinese names
    (中心, 大厅, 车管所, 号: a text without one of them names no office)."""
    global _remembered
    if _remembered is not None and _remembered[0] is facts:
        return _remembered[1]
    ids: dict[str, str] = {}
    for name, office in facts.office_names.items():
        if _CJK.search(name):
            ids[name] = office
        elif not any(char.isdigit() for char in name):
            ids[name.lower()] = office
            if name.startswith(_CITY_EN):
                ids.setdefault(name[len(_CITY_EN) :].lower(), office)
    zh_names = sorted((n for n in ids if _CJK.search(n)), key=len, reverse=True)
    en_names = sorted((n for n in ids if not _CJK.search(n)), key=len, reverse=True)
    found: _Patterns = (
        re.compile("|".join(map(re.escape, zh_names))) if zh_names else None,
        re.compile(r"\b(?:" + "|".join(map(re.escape, en_names)) + r")\b", re.IGNORECASE)
        if en_names
        else None,
        ids,
        frozenset(name[-1] for name in zh_names),
    )
    _remembered = (facts, found)
    return found


def _pairs(texts: GuideTexts) -> list[tuple[FieldPath, str, str]]:
    """The texts a citizen reads to know where to go, each with both its languages: (the
    path of the mapping, zh-CN, en)."""
    forms: list[Form] = texts.summary + texts.visit_reason + texts.answers
    for entries in (texts.channels, texts.steps, texts.materials):
        for _number, _item, written in entries:
            forms = forms + written
    by_text: dict[FieldPath, dict[str, str]] = {}
    for path, text in forms:
        if path[-1] in ("zh-CN", "en"):
            by_text.setdefault(path[:-1], {})[path[-1]] = text
    return [
        (path, langs["zh-CN"], langs["en"])
        for path, langs in by_text.items()
        if "zh-CN" in langs and "en" in langs
    ]


def check_places(check: Checker, texts: GuideTexts, facts: ReferenceFacts) -> None:
    """Report a text whose English sends people to an office its Chinese does not name."""
    if not facts.office_names:
        return
    zh_pattern, en_pattern, ids, tails = _patterns(facts)
    if zh_pattern is None or en_pattern is None:
        return
    for path, zh, en in _pairs(texts):
        if not any(tail in zh for tail in tails):
            continue  # most texts name no office: a few substring tests say so
        zh_found = {ids[m.group(0)]: m.group(0) for m in zh_pattern.finditer(zh)}
        if not zh_found:
            continue
        en_found = {ids[m.group(0).lower()]: m.group(0) for m in en_pattern.finditer(en)}
        if not set(en_found) - set(zh_found):
            continue  # the English names no office the Chinese does not (it may name fewer)
        _report(check, (*path, "en"), zh_found, en_found)


def _report(
    check: Checker, en_path: FieldPath, zh_found: dict[str, Any], en_found: dict[str, Any]
) -> None:
    only_en = [name for office, name in en_found.items() if office not in zh_found]
    only_zh = [name for office, name in zh_found.items() if office not in en_found]
    check.error_at(
        en_path,
        check.loaded.fragment_position(en_path, only_en[0]),
        _("the English text names {en} where the Chinese names {zh}").format(
            en=", ".join(f"`{n}`" for n in only_en),
            zh=", ".join(f"`{n}`" for n in (only_zh or list(zh_found.values()))),
        ),
        _("the two readers would go to different offices: name the same office in both languages"),
        code="accuracy.language.offices",
    )

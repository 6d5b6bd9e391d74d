"""What a guide's other texts ask a citizen to hand in, against its materials.

A step, a FAQ answer or a channel note may ask for a listed material again in a form its
fields do not say (纸质一寸照片 for an electronic photo), or ask for a document the office looks
up in the e-licence catalogue (请上传学历证书扫描件), or, in English, for a catalogue document no
material names (bring your household registers). The material's own notes are read by
materials.py, the counts a text asks for by counts.py.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

import generator.validate.rules.accuracy.claims as claims
import generator.validate.rules.accuracy.materials as material_rules
from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.counts import PHOTO_WORDS
from generator.validate.rules.accuracy.facts import Licence, ReferenceFacts, zh
from generator.validate.rules.accuracy.materials import names_match, report_unlisted
from generator.validate.rules.accuracy.report import at_phrase, conflict
from generator.validate.rules.accuracy.texts import Form, GuideTexts
from generator.validate.rules.checker import Checker, items

_CLAUSE = re.compile(r"[，。；;！？!?]")
_ASK = re.compile(
    r"准备|携带|带上|带好|带齐|请带|须带|要带|提交|提供|递交|上传|交给|交到|交回|备好|出示|交验"
)
"""A clause that asks the citizen to prepare, bring, hand in or upload something (not 寄到家:
what an office posts to the citizen)."""
_HAND_IN = re.compile(r"上传|扫描件|复印件|提交|递交")
"""A clause that hands a document in as a material (a card shown at an exam, 带上身份证到考场,
is not handed in)."""
_NOT_NEEDED = re.compile(r"不用|无需|无须|不需要?|不必|毋须|免于?提交|不要")
_PAPER = re.compile(r"纸质|打印|冲印|洗印|实体|原件")
_ELECTRONIC = re.compile(r"上传|扫描件|电子版|拍照发送")
_GENERIC = ("居民", "本人", "申请人", "近期", "双方的", "老人的", "孩子的")


def check_material_asks(
    check: Checker, data: dict[str, Any], facts: ReferenceFacts, texts: GuideTexts
) -> None:
    """Steps, FAQ answers and channel notes against the materials' forms, licences and
    requirements; each material's own notes against its licence."""
    materials = [(n, m) for n, m in items(data.get("materials"))]
    _own_notes(check, texts, facts)
    names: tuple[str, ...] | None = None
    result = data.get("result")
    issued = [result] if isinstance(result, dict) else []  # what the guide issues is no ask
    for path, text in _texts(texts):
        if path[-1] == "en":
            asked = _english_asks(text)  # most ask for nothing (remembered per text)
            if asked and not _english_form(check, path, asked, materials):
                _english_unlisted(check, path, asked, materials, issued, facts)
            continue
        clauses = _clauses(text)
        if clauses:
            if names is None:
                names = tuple(zh(material.get("name")) for _n, material in materials)
            found = _named(clauses, names)
            if found:
                _chinese(check, path, found, materials, facts, path[0] == "steps")


@functools.lru_cache(maxsize=16384)
def _named(clauses: tuple[str, ...], names: tuple[str, ...]) -> tuple[tuple[str, int, str], ...]:
    """(clause, index of the material, the words) for each material an asking clause names
    and does not negate (remembered per text and list of materials)."""
    found = []
    for clause in clauses:
        for index, name in enumerate(names):
            word = _mention(clause, name)
            if word is not None and not claims.negated(clause, clause.find(word)):
                found.append((clause, index, word))
    return tuple(found)


def _chinese(
    check: Checker,
    path: FieldPath,
    found: tuple[tuple[str, int, str], ...],
    materials: list[tuple[int, dict[str, Any]]],
    facts: ReferenceFacts,
    step: bool,
) -> None:
    """The materials one Chinese text asks for, against their forms and licences (one report
    a text)."""
    for clause, index, word in found:
        number, material = materials[index]
        read = step and _read_by_steps(clause, material.get("form"))
        if (
            (not read and _form(check, path, clause, word, number, material))
            or _looked_up(check, path, clause, word, material, facts)
            or _requirement(check, path, clause, word, number, material)
        ):
            return


_COMPULSORY = re.compile(r"必须|必需|都须|均须|都要|一律|缺一不可|不可缺少")
"""A clause that makes what it asks for compulsory for everyone (每位申请人都必须交验旧护照)."""
_ONE_CASE = re.compile(r"的|如果|如|若|需要时|有的话|(?:没有|无)[^，。；]{0,4}的")
"""Before the compulsory word, a case the clause is about (换发的都必须带上旧护照): not everyone."""
_AT_ONCE = re.compile(
    r"(?:必须|须|需|应|要|务必)(?:在)?(?:当时|当场|当即|立即|马上|申请时|提交时|报名时)?"
    r"(?:同时|一并|一起)?(?:就)?(?:上传|提交|提供|交|递交|带齐)"
)
_NOW_WORDS = re.compile(r"当时|当场|当即|立即|马上|申请时|提交时|报名时|同时|一并|一起")
"""A clause that wants the material with the application itself (必须当时上传, 须在申请时一并
提交): must + (at the time) + (together) + hand in, with at least one word of when."""


def _requirement(
    check: Checker,
    path: FieldPath,
    clause: str,
    word: str,
    number: int,
    material: dict[str, Any],
) -> bool:
    """A clause of a step or an answer that makes an optional material compulsory for
    everyone, or wants a deferrable one at once (materials.py reads the material's own notes
    the same way); True when it reported."""
    requirement = material.get("requirement")
    if requirement == "optional":
        found = _COMPULSORY.search(clause)
        if found is None or _ONE_CASE.search(clause, 0, found.start()):
            return False
        code = "accuracy.material.compulsory"
        message = _(
            "the text says `{phrase}` of `{name}`, but material {number}'s `requirement` is "
            "optional"
        )
        hint = _(
            "a citizen told it is optional comes without it and is turned away, or one without "
            "it gives up: make the text and `requirement` agree"
        )
    elif requirement == "deferrable":
        found = next(
            (m for m in _AT_ONCE.finditer(clause) if _NOW_WORDS.search(m.group(0))), None
        ) or material_rules.not_later(clause)
        if found is None:
            return False
        code = "accuracy.material.not-deferrable"
        message = _(
            "the text says `{phrase}` of `{name}` (it cannot be handed in later), but material "
            "{number}'s `requirement` is deferrable"
        )
        hint = _(
            "a citizen told it may follow applies without it and is turned away, or waits for "
            "nothing: make the text and `requirement` agree"
        )
    else:
        return False
    conflict(
        check,
        path,
        found.group(0),
        ("materials", number, "requirement"),
        message.format(phrase=found.group(0), name=word, number=number + 1),
        hint,
        code,
    )
    return True


def _own_notes(check: Checker, texts: GuideTexts, facts: ReferenceFacts) -> None:
    """A material's own notes that ask the citizen to hand it in (请上传营业执照副本复印件) where
    the material is an electronic licence the office looks up (免提交)."""
    for _number, material, forms in texts.materials:
        if not forms or not material.get("e_licence") or material.get("form") == "paper":
            continue
        name = zh(material.get("name"))
        for path, text in forms:
            asked = None if path[-1] == "en" else _asks_itself(text, name)
            if asked is not None and _looked_up(check, path, *asked, material, facts):
                return


@functools.lru_cache(maxsize=16384)
def _asks_itself(text: str, name: str) -> tuple[str, str] | None:
    """The first clause of a material's notes that asks to hand the material in (上传, 复印件),
    and the words it names it by (remembered per notes and name: guides share materials)."""
    for clause in _clauses(text):
        word = _mention(clause, name) if _HAND_IN.search(clause) else None
        if word is not None:
            return clause, word
    return None


def _texts(texts: GuideTexts) -> list[Form]:
    """Each language form of the steps' descriptions, the FAQ answers and the channels'
    notes (found once for all whole-guide rules, texts.py)."""
    found = [form for _n, _item, forms in texts.steps for form in forms]
    found += texts.answers
    found += [form for _n, _item, forms in texts.channels for form in forms]
    return found


@functools.lru_cache(maxsize=16384)
def _clauses(text: str) -> tuple[str, ...]:
    """The clauses of a text that ask for something and do not say it is not needed."""
    return tuple(
        clause
        for clause in _CLAUSE.split(text)
        if (ask := _ASK.search(clause)) is not None
        and _NOT_NEEDED.search(clause, 0, ask.start()) is None
    )


@functools.lru_cache(maxsize=16384)
def _mention(clause: str, name: str) -> str | None:
    """The words with which a clause names a material: its name, its name without the
    generic words (学历证书), 证书 said as 证, or an everyday word for a photo."""
    if not name:
        return None
    core = name
    for word in _GENERIC:
        core = core.replace(word, "")
    for short in (name, core, core.replace("证书", "证")):
        if len(short) >= 3 and short in clause:
            return short
    if "照" in name:
        return next((word for word in PHOTO_WORDS if word in clause), None)
    return _said_short(clause, name)


_TAIL = 4
"""The last characters of a name that name it alone (合同证明 of 解除或终止劳动合同证明)."""


def _said_short(clause: str, name: str) -> str | None:
    """A name said short: what follows its last 的 (身份证 of 父母的居民身份证), one of the
    alternatives it offers with 或 (病历 of 近 6 个月的病历或诊断证明: two characters after a 的,
    three elsewhere, where a first word such as 解除 is no document), or its last four
    characters."""
    _head, of, noun = name.rpartition("的")
    shortest = 2 if of else 3
    for part in [noun, *noun.split("或")] if (of or "或" in noun) else ():
        for short in (part, part.replace("居民", "")):
            if len(short) >= shortest and short in clause:
                return short
    tail = name[-_TAIL:]
    if len(name) > _TAIL and tail in clause:
        return tail
    return None


def _read_by_steps(clause: str, form: Any) -> bool:
    """True when materials.py's step rule (accuracy.material.step-form) reads this clause of a
    step already: an upload, or a paper document brought for an electronic-only material."""
    return material_rules.upload_word(clause) is not None or (
        form == "electronic" and material_rules.asks_paper(clause)
    )


def _form(
    check: Checker,
    path: FieldPath,
    clause: str,
    word: str,
    number: int,
    material: dict[str, Any],
) -> bool:
    """A clause that asks for a material on paper (or uploaded) when its `form` says the
    other (counts are read by counts.py); True when it reported."""
    form = material.get("form")
    wants = None
    if form == "electronic" and _PAPER.search(clause):
        wants, shown = _("on paper"), _PAPER.search(clause)
    elif form == "paper" and _ELECTRONIC.search(clause):
        wants, shown = _("uploaded"), _ELECTRONIC.search(clause)
    if wants is not None and shown is not None:
        check.warning_at(
            path,
            at_phrase(check, path, shown.group(0)),
            _(
                "the text asks for `{name}` {wants} (`{phrase}`), but material {number}'s "
                "`form` is {form}"
            ).format(name=word, wants=wants, phrase=shown.group(0), number=number + 1, form=form),
            _(
                "a citizen prepares what the text says and is turned away: make the text and "
                "the material's `form` agree"
            ),
            code="accuracy.material.asked-form",
        )
        return True
    return False


def _looked_up(
    check: Checker,
    path: FieldPath,
    clause: str,
    word: str,
    material: dict[str, Any],
    facts: ReferenceFacts,
) -> bool:
    """A clause that asks the citizen to hand in a material the office looks up in the
    e-licence catalogue (免提交); a paper `form` says the original must still be shown."""
    licence = facts.licences.get(str(material.get("e_licence")))
    if licence is None or material.get("form") == "paper" or not _HAND_IN.search(clause):
        return False
    check.warning_at(
        path,
        at_phrase(check, path, word),
        _(
            "the text asks the citizen to hand in `{name}`, but the material has the "
            "electronic licence `{licence}`: the office looks it up"
        ).format(name=word, licence=licence.id),
        _(
            "citizens need not hand in a catalogued licence (免提交): correct the text, or "
            "set the material's `form` to paper if the original must be shown"
        ),
        code="accuracy.material.licence-asked",
    )
    return True


_ASK_EN = re.compile(
    r"\b(?:bring|hand in|submit|show|upload|provide|present|take along)\b", re.IGNORECASE
)
_NOT_NEEDED_EN = re.compile(
    r"\b(?:no need|not need|needn't|don't|do not|does not|doesn't|never|without|not)\b",
    re.IGNORECASE,
)
_CLAUSE_EN = re.compile(r"[.;!?]\s|[.;!?]$")


@functools.lru_cache(maxsize=16384)
def _english_asks(text: str) -> tuple[str, ...]:
    """Each clause of an English text that asks for something (bring, submit, upload) and
    does not say it is not needed (no need to bring ...), from its asking word on."""
    if _ASK_EN.search(text) is None:
        return ()
    found = []
    for clause in _CLAUSE_EN.split(text):
        ask = _ASK_EN.search(clause)
        if ask is not None and _NOT_NEEDED_EN.search(clause, 0, ask.start()) is None:
            found.append(clause[ask.start() :])
    return tuple(found)


_PAPER_EN = re.compile(r"\b(?:printed|print|paper|hard cop(?:y|ies)|photocop(?:y|ies))\b", re.I)
_ELECTRONIC_EN = re.compile(r"\b(?:upload|uploads|scan|scanned|scans)\b", re.I)
_PHOTO_EN = re.compile(r"\b(?:photo|photos|photograph|photographs|picture|pictures)\b", re.I)
_LEADING_EN = ("your ", "recent ", "both partners' ", "the ", "a ")


def _english_mention(clause: str, material: dict[str, Any]) -> str | None:
    """The words with which an English clause names a material (`_english_word`)."""
    name = material.get("name")
    english = name.get("en") if isinstance(name, dict) else None
    if not isinstance(english, str) or not english:
        return None
    return _english_word(clause, english, "照" in zh(name))


@functools.lru_cache(maxsize=16384)
def _english_word(clause: str, english: str, photo: bool) -> str | None:
    """The words with which an English clause names a material: its English name without a
    leading `your` or `recent`, or a word for a photo where the material is one."""
    short = english.lower()
    for word in _LEADING_EN:
        short = short.removeprefix(word)
    lower = clause.lower()
    if len(short) >= 4 and short in lower:
        start = lower.find(short)
        return clause[start : start + len(short)]
    if photo or "photo" in english.lower():
        found = _PHOTO_EN.search(clause)
        return found.group(0) if found else None
    return None


def _english_form(
    check: Checker,
    path: FieldPath,
    asked: tuple[str, ...],
    materials: list[tuple[int, dict[str, Any]]],
) -> bool:
    """An English clause that asks for a material printed (or uploaded) when its `form` says
    the other (bring two printed photos, for an electronic photo); True when it reported."""
    for clause in asked:
        for number, material in materials:
            form = material.get("form")
            if form not in ("electronic", "paper"):
                continue
            word = _english_mention(clause, material)
            if word is None:
                continue
            shown = None
            if form == "electronic":
                shown, wants = _PAPER_EN.search(clause), _("on paper")
            elif form == "paper":
                shown, wants = _ELECTRONIC_EN.search(clause), _("uploaded")
            if shown is None:
                continue
            check.warning_at(
                path,
                at_phrase(check, path, shown.group(0)),
                _(
                    "the text asks for `{name}` {wants} (`{phrase}`), but material {number}'s "
                    "`form` is {form}"
                ).format(
                    name=word, wants=wants, phrase=shown.group(0), number=number + 1, form=form
                ),
                _(
                    "a citizen prepares what the text says and is turned away: make the text "
                    "and the material's `form` agree"
                ),
                code="accuracy.material.asked-form",
            )
            return True
    return False


def _english_unlisted(
    check: Checker,
    path: FieldPath,
    asked: tuple[str, ...],
    materials: list[tuple[int, dict[str, Any]]],
    issued: list[dict[str, Any]],
    facts: ReferenceFacts,
) -> None:
    """An English text that asks for a document of the e-licence catalogue (bring your
    household registers) which no material of the guide is, nor the guide's result."""
    if not facts.licences:
        return
    for clause in asked:
        for licence, phrase in _english_documents(clause, _catalogue(facts)):
            if any(_is(material, licence) for _n, material in materials) or any(
                _is(result, licence) for result in issued
            ):
                continue
            report_unlisted(check, path, phrase)
            return


class _Catalogue(NamedTuple):
    """Each licence with what finds its English name, one expression for them all, and
    what the clauses met in the run were found to name (clause -> licences and phrases)."""

    names: tuple[tuple[Licence, re.Pattern[str]], ...]
    any_name: re.Pattern[str] | None
    found: dict[str, tuple[tuple[Licence, str], ...]]


_CATALOGUE: tuple[object, _Catalogue] = (None, _Catalogue((), None, {}))
_MOST_CLAUSES = 16384
"""Clauses remembered in one run before starting afresh."""


def _catalogue(facts: ReferenceFacts) -> _Catalogue:
    """Each licence with what finds its English name, singular or plural, with or without a
    first word such as `Resident` (made once per set of facts)."""
    global _CATALOGUE
    if _CATALOGUE[0] is not facts or len(_CATALOGUE[1].found) > _MOST_CLAUSES:
        found = []
        for licence in facts.licences.values():
            words = licence.english.lower().split()
            if not words:
                continue
            names = {" ".join(words)} | ({" ".join(words[1:])} if len(words) >= 3 else set())
            pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            found.append((licence, re.compile(r"\b(?:" + pattern + r")s?\b", re.IGNORECASE)))
        # One search says whether any licence's name occurs (most clauses name none): the
        # union matches where one of its parts does, and no part matches elsewhere.
        any_name = (
            re.compile("|".join(f"(?:{p.pattern})" for _l, p in found), re.IGNORECASE)
            if found
            else None
        )
        _CATALOGUE = (facts, _Catalogue(tuple(found), any_name, {}))
    return _CATALOGUE[1]


def _english_documents(clause: str, catalogue: _Catalogue) -> tuple[tuple[Licence, str], ...]:
    """The licences a clause names, with the words it names each by, in the catalogue's
    order (once per distinct clause of a run: the same answers recur from guide to guide)."""
    known = catalogue.found.get(clause)
    if known is not None:
        return known
    found = []
    if catalogue.any_name is not None and catalogue.any_name.search(clause) is not None:
        for licence, pattern in catalogue.names:
            match = pattern.search(clause)
            if match is not None:
                found.append((licence, match.group(0)))
    known = catalogue.found[clause] = tuple(found)
    return known


def _is(material: dict[str, Any], licence: Licence) -> bool:
    """True when the material is the catalogue's document (linked to it, or named like it)."""
    if material.get("e_licence") == licence.id:
        return True
    name = material.get("name")
    english = name.get("en") if isinstance(name, dict) else None
    if isinstance(english, str) and licence.english.lower() in english.lower():
        return True
    return names_match(zh(name), licence.name)

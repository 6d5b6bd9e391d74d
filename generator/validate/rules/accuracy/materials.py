"""Materials against their notes and the electronic-licence catalogue; the result's licence."""

from __future__ import annotations

import functools
import re
from typing import Any

import orjson

import generator.validate.rules.accuracy.claims as claims
from generator.common.i18n import _
from generator.source.loader import FieldPath, format_path
from generator.validate.problems import Severity
from generator.validate.rules.accuracy.facts import Licence, ReferenceFacts, zh
from generator.validate.rules.accuracy.report import (
    at_phrase,
    conflict,
    in_reference,
    line_of,
    where,
)
from generator.validate.rules.checker import Checker, as_list, items
from generator.validate.rules.walk import Quiet

PAPER_WORDS = (
    "请带",
    "请携带",
    "带上",
    "带到",
    "交回",
    "纸质",
    "打印",
    "实体",
    "现场填写",
    "原件到",
    "冲洗",
    "洗印",
    "交到窗口",
    "送到窗口",
)
"""A note with one of these needs a physical document."""
ELECTRONIC_WORDS = (
    "上传", "JPG", "PDF", "在线填写", "网上填写", "手机上填写", "电子签名", "出示电子", "亮证",
    "电子证照即可", "电子版即可",
)  # fmt: skip
"""A note with one of these needs a file or an online form."""
_LATER = ("补交", "后补", "再补", "容缺", "先申请")
_NEGATED_BEFORE = ("不用", "无需", "不需要", "不必", "无须", "不", "不得", "不能", "不可", "不接受")
_NOT_LATER = re.compile(
    r"(?:不得|不能|不可|不接受|不允许|不予|不支持)(?:事后|日后|之后|以后)?再?"
    r"(?:后补|补交|补充提交|补齐|再补|容缺)"
    r"|不容缺"
    r"|(?:必须|须|需|应|务必)(?:与[^，。；]{1,8})?(?:一并|同时|一起)(?:提交|提供|交)"
)
"""`不得后补`, `不可容缺`, `不接受事后补交`, `须与申请表同时提交`: the material cannot be
handed in later, in two forms: refused + (afterwards) + handing in later, and must + (with
something) + together + hand in."""
_COUNT = re.compile(
    r"(?:一式\s*)?(\d+|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰])\s*(张|份)"
)
_ORIGINAL = re.compile(
    r"(带|提交|提供|交)[^，。；复]{0,10}原件|原件核验|原件[^，。；]{0,3}(带来|带上|带齐|核对|查验)"
    r"|(核验|查验|核对|验)原件"
)
_GENERIC = ("居民", "中华人民共和国", "的")
COPY_ONLY = (
    "无需提交原件", "无需原件", "不需要原件", "不用带原件", "不需要带原件", "不收原件",
    "复印件即可", "只需复印件", "只要复印件", "提交复印件就行",
)  # fmt: skip
"""A note with one of these takes a copy instead of the original."""
_NO_ORIGINAL = COPY_ONLY[:6]
"""The words of `COPY_ONLY` that only say no original is brought (不用带原件): of a material
the office looks up in the e-licence catalogue, that is so, and no copy is taken instead."""
_ASKS_COPY = re.compile(
    r"(?<![不无免需用])(?:提交|提供|交|上传|带)[^，。；]{0,6}复印件|复印件即可|只需复印件|只要复印件"
)
_HANDS_COPY = re.compile(r"(?:提交|提供|交|上传|带)[^，。；]{0,6}复印件")
"""`提交身份证复印件` in notes that never name the original: a copy is what is asked for."""
BOTH = ("原件和复印件", "原件及复印件", "原件、复印件", "原件与复印件", "原件和复印", "原件及复印")
"""A note with one of these asks for the original and a copy (original_and_copy)."""
NO_E_LICENCE = (
    "不支持电子证照", "不接受电子证照", "不认可电子证照", "电子证照无效", "不能用电子证照",
    "不能使用电子证照", "不支持电子证件", "不接受电子证件",
)  # fmt: skip
"""A note with one of these refuses the electronic licence the material names."""
COMPULSORY = (
    "必须提供", "必须提交", "必须携带", "必交", "缺一不可", "不予登记", "不予受理", "一律须",
    "一律需", "一律要", "一律必须", "均须提交", "均须提供", "都须提交", "都必须",
)  # fmt: skip
"""A note with one of these makes the material compulsory (一律须交回: for everyone)."""
REFUSED_WITHOUT = ("不予受理", "不予登记", "缺一不可", "不齐的不受理", "不全的不受理", "一律退回")
"""A note with one of these turns away an application without the material: no 容缺后补."""
_ELECTRONIC_ENOUGH = re.compile(
    r"电子[^，。；]{0,6}?(?:就行|即可|就可以|也行|也可以)"
    r"|(?:不必|不用|无需|无须|不需要)(?:再)?带(?:实体|卡|证件)"
)
"""`亮出电子身份证就行`, `不必带卡`: the electronic document is enough, in two forms."""


def check_materials(check: Checker, data: dict[str, Any], facts: ReferenceFacts) -> None:
    """Each material's form, copies and licence against its notes and the catalogue."""
    for number, material in items(data.get("materials")):
        here: FieldPath = ("materials", number)
        key = _material_key(material)
        if key is None:
            _material(check, here, material, facts)
        else:
            _QUIET.run(check, facts, key, _material, check, here, material, facts)
    _QUIET.run(check, facts, _steps_key(data), _steps, check, data)
    _unlisted(check, data, facts)
    result = data.get("result")
    if isinstance(result, dict):
        licence = facts.licences.get(text_or_none(result.get("e_licence")) or "")
        if licence is not None:
            _licence_name(check, ("result", "e_licence"), zh(result.get("name")), licence)
            lead = text_or_none(data.get("department"))
            joint = [d for d in as_list(data.get("joint_departments")) if isinstance(d, str)]
            departments = {lead, *joint}
            if licence.issuer and lead in facts.departments and licence.issuer not in departments:
                _licence_issuer(
                    check, ("result", "e_licence"), str(data.get("department")), licence
                )


def _material_key(material: dict[str, Any]) -> tuple[str, bytes] | None:
    """The material as written (its JSON), for remembering that `_material` found nothing
    in it under a run's facts: the same material, notes and all, recurs from guide to
    guide (居民身份证 with the same notes). None when the JSON could stand for another
    value (null for NaN) or cannot be made (a key that is not text): checked each time."""
    try:
        written = orjson.dumps(material)
    except TypeError:
        return None
    return None if b"null" in written else ("material", written)


def _material(
    check: Checker, here: FieldPath, material: dict[str, Any], facts: ReferenceFacts
) -> None:
    """One material's form, copies and licence against its notes and the catalogue. It
    reads the material and the facts only (`_material_key` names all it reads)."""
    notes = material.get("notes")
    if isinstance(notes, str):
        _form(check, here, material, notes)
        _copies(check, here, material, notes)
        later = _hit(notes, _LATER)
        if later and material.get("requirement") == "required":
            spot = at_phrase(check, (*here, "notes"), later)
            message = _(
                "the notes say `{phrase}` (may be handed in later), but `requirement` is required"
            ).format(phrase=later)
            hint = _(
                "confirm which is true: a citizen without it may not apply at all; "
                "容缺后补 is `requirement: deferrable`"
            )
            check.warning_at(
                (*here, "notes"), spot, message, hint, code="accuracy.material.deferrable"
            )
            if abs(line_of(check, (*here, "requirement")) - spot[0]) > 1:
                check.warning(
                    (*here, "requirement"), message, hint, code="accuracy.material.deferrable"
                )
        _not_later(check, here, material, notes)
        _copy_only(check, here, material, notes)
        _both(check, here, material, notes)
        _compulsory(check, here, material, notes)
        _dispensable(check, here, material, notes)
        _refuses_licence(check, here, material, notes)
        _lookup_without_licence(check, here, material, notes)
        if material.get("original_or_copy") == "copy":
            found = _ORIGINAL.search(notes)
            if found:
                conflict(
                    check,
                    (*here, "notes"),
                    found.group(0),
                    (*here, "original_or_copy"),
                    _("the notes ask for `{phrase}`, but `original_or_copy` is copy").format(
                        phrase=found.group(0)
                    ),
                    _("say original_and_copy, or correct the notes"),
                    "accuracy.material.original",
                )
    licence = facts.licences.get(text_or_none(material.get("e_licence")) or "")
    if licence is not None:
        _licence_name(check, (*here, "e_licence"), zh(material.get("name")), licence)
        source = material.get("source")
        kind = source.get("kind") if isinstance(source, dict) else None
        if kind in ("applicant", "other"):
            check.error(
                (*here, "source", "kind"),
                _(
                    "the material is an electronic licence issued by "
                    "`{issuer}`, but its source is `{kind}`"
                ).format(issuer=licence.issuer, kind=kind),
                _(
                    "a licence in the catalogue is issued by a government "
                    "body: set `kind: government` "
                    "with its issuer, or remove `e_licence`"
                ),
                code="accuracy.e-licence.source",
            )
        issuer = source.get("issuer") if isinstance(source, dict) else None
        # An issuer that is no department at all is the reference rule's to report.
        if (
            isinstance(issuer, str)
            and licence.issuer
            and issuer != licence.issuer
            and issuer in facts.departments
        ):
            _licence_issuer(check, (*here, "source", "issuer"), issuer, licence)


def _copy_only(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    """无需提交原件 / 复印件即可 where `original_or_copy` asks for the original."""
    if material.get("original_or_copy") != "original" or (
        "原件" not in notes and "复印" not in notes
    ):
        return
    word = next((w for w in COPY_ONLY if w in notes), None)
    if word in _NO_ORIGINAL and material.get("e_licence") and not _ASKS_COPY.search(notes):
        word = None  # an e-licence (免提交): no original brought, and no copy asked for either
    if word is None and "原件" not in notes:
        handed = _HANDS_COPY.search(notes)
        word = handed.group(0) if handed and not _negated(notes, handed.start()) else None
    if word:
        conflict(
            check,
            (*here, "notes"),
            word,
            (*here, "original_or_copy"),
            _("the notes say `{phrase}`, but `original_or_copy` is original").format(phrase=word),
            _(
                "a citizen who leaves the original at home may be turned away: "
                "make `original_or_copy` and the notes agree"
            ),
            "accuracy.material.copy-only",
        )


def _both(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    """原件和复印件 in the notes where `original_or_copy` asks for the original only."""
    which = material.get("original_or_copy")  # for `copy`, the original rule says so
    if which != "original" or "原件" not in notes:
        return
    word = _hit(notes, BOTH)
    if word:
        conflict(
            check,
            (*here, "notes"),
            word,
            (*here, "original_or_copy"),
            _("the notes ask for `{phrase}`, but `original_or_copy` is {value}").format(
                phrase=word, value=which
            ),
            _("say `original_or_copy: original_and_copy`, or correct the notes"),
            "accuracy.material.original-and-copy",
        )


def _refuses_licence(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    """不支持电子证照 in the notes of a material that names an e-licence."""
    if not material.get("e_licence") or "电子" not in notes:
        return
    word = next((w for w in NO_E_LICENCE if w in notes), None)
    if word:
        conflict(
            check,
            (*here, "notes"),
            word,
            (*here, "e_licence"),
            _("the notes say `{phrase}`, but the material names the e-licence `{licence}`").format(
                phrase=word, licence=material.get("e_licence")
            ),
            _(
                "a citizen who shows the licence on a phone is turned away, or brings paper for "
                "nothing: remove `e_licence`, or correct the notes"
            ),
            "accuracy.e-licence.refused",
        )


_LOOKUP = re.compile(
    r"(?:自动|直接|在线)?(?:调取|调用|获取|核验|共享)(?:你的|您的|申请人的)?电子"
    r"[\u4e00-\u9fff]{0,4}?(?:证照|证书|执照|许可证|护照|证件|证|卡)"
)
_ONE_CASE = re.compile(r"[\u4e00-\u9fff]{0,2}?的")
"""After the licence, 的 makes it one case (`能调取电子证照的不用提交`)."""
"""`系统自动调取电子护照`, `直接调用电子证照`: the notes say the city looks the document up in
its electronic licences (`…电子证照的不用提交` is one case, not a claim about this one)."""


def _lookup_without_licence(
    check: Checker, here: FieldPath, material: dict[str, Any], notes: str
) -> None:
    """A note that has the system fetch an electronic licence for a material that names no
    `e_licence`: nothing in the catalogue can be fetched, and the citizen comes without it."""
    if material.get("e_licence") or "电子" not in notes:
        return
    found = _LOOKUP.search(notes)
    if found is None or _negated(notes, found.start()) or _ONE_CASE.match(notes, found.end()):
        return
    conflict(
        check,
        (*here, "notes"),
        found.group(0),
        (*here, "name"),
        _(
            "the notes say `{phrase}` (looked up as an electronic licence), but the material "
            "names no `e_licence`"
        ).format(phrase=found.group(0)),
        _(
            "a citizen leaves the document at home and is turned away: add its `e_licence` "
            "from guides/reference/e-licences.yaml, or correct the notes"
        ),
        "accuracy.e-licence.lookup-without-licence",
    )


def _compulsory(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    """必须提供 / 不予受理 in the notes of a material whose `requirement` is optional."""
    if material.get("requirement") != "optional":
        return
    word = _hit(notes, COMPULSORY)
    if word:
        conflict(
            check,
            (*here, "notes"),
            word,
            (*here, "requirement"),
            _("the notes say `{phrase}`, but `requirement` is optional").format(phrase=word),
            _(
                "a citizen told it is optional comes without it and is turned away: "
                "say `requirement: required`, or correct the notes"
            ),
            "accuracy.material.compulsory",
        )


_DISPENSABLE = re.compile(
    r"(?:也|都)?可以?不(?:交|提交|提供|带)(?![^，。；]{0,4}(?:原件|纸质))|可不(?:交|提交|提供)|不是必须(?:的|提交|提供)?"
    r"|非必须|没有(?:的|也)(?:也)?可以(?:受理|申请|办理)"
)
"""可以不交 / 不是必须 / 没有的也可以受理: the material may be left out altogether. 无需另行提交
(it is looked up) and 可以不交原件 (a copy will do) say something else and are left alone."""


def _dispensable(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    """可以不交 in the notes of a material whose `requirement` is required."""
    if material.get("requirement") != "required" or ("不" not in notes and "没有" not in notes):
        return
    found = _DISPENSABLE.search(notes)
    if found:
        conflict(
            check,
            (*here, "notes"),
            found.group(0),
            (*here, "requirement"),
            _(
                "the notes say `{phrase}` (it may be left out), but `requirement` is required"
            ).format(phrase=found.group(0)),
            _(
                "a citizen leaves it out and is turned away, or brings what is not needed: "
                "say `requirement: optional`, or correct the notes"
            ),
            "accuracy.material.dispensable",
        )


def not_later(clause: str) -> re.Match[str] | None:
    """`_NOT_LATER` in a clause of another text (material_asks.py): 不得后补, 须同时提交."""
    return _NOT_LATER.search(clause)


def _not_later(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    """不得后补 / 必须一并提交 in the notes of a material whose `requirement` is deferrable."""
    if material.get("requirement") != "deferrable":
        return
    found = _NOT_LATER.search(notes)
    phrase = found.group(0) if found else None
    if phrase is None and _hit(notes, _LATER) is None:
        phrase = _hit(notes, REFUSED_WITHOUT)  # 不齐的不予受理, with no word of handing in later
    if phrase is None:
        return
    conflict(
        check,
        (*here, "notes"),
        phrase,
        (*here, "requirement"),
        _(
            "the notes say `{phrase}` (it cannot be handed in later), but `requirement` "
            "is deferrable"
        ).format(phrase=phrase),
        _(
            "a citizen told it may follow applies without it and is turned away: say "
            "`requirement: required`, or correct the notes"
        ),
        "accuracy.material.not-deferrable",
    )


_NEGATED_ACT = re.compile(
    r"(?:" + "|".join(_NEGATED_BEFORE) + r")(?:再|另外?|额外)?"
    r"(?:打印|提交|提供|携带|带|准备|交|上交|出示|冲印|复印)?$"
)
"""`无需打印纸质件`, `无需再打印`, `不用另外带复印件`: a negation, then (again, besides) the act
that would need the thing."""


def _negated(notes: str, start: int) -> bool:
    before = notes[max(0, start - 7) : start]
    return before[-3:].endswith(_NEGATED_BEFORE) or _NEGATED_ACT.search(before) is not None


def _hit(notes: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        start = notes.find(word)
        while start >= 0:
            if not _negated(notes, start):
                return word
            start = notes.find(word, start + 1)
    return None


def _form(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    form = material.get("form")
    if form == "electronic":
        if "自动调取" in notes:
            return  # the system fetches it; a paper one handed back on exchange is another matter
        word = _hit(notes, PAPER_WORDS)
        message = _(
            "the notes say `{phrase}`, which needs a paper document, but `form` is electronic"
        )
    elif form == "paper":
        word = _hit(notes, ELECTRONIC_WORDS)
        enough = None if word else _ELECTRONIC_ENOUGH.search(notes)
        word = enough.group(0) if enough else word
        message = _(
            "the notes say `{phrase}`, which needs a file or an online form, but `form` is paper"
        )
    else:
        return
    if word:
        conflict(
            check,
            (*here, "notes"),
            word,
            (*here, "form"),
            message.format(phrase=word),
            _(
                "a citizen who brings the wrong form is turned away: make `form` "
                "and the notes agree"
            ),
            "accuracy.material.form",
        )


def _copies(check: Checker, here: FieldPath, material: dict[str, Any], notes: str) -> None:
    copies = material.get("copies")
    if not isinstance(copies, int) or isinstance(copies, bool):
        return
    for match in _COUNT.finditer(notes):
        raw = match.group(1)
        count = claims.zh_number(raw) or 0
        if count != copies:
            conflict(
                check,
                (*here, "notes"),
                match.group(0),
                (*here, "copies"),
                _("the notes ask for `{phrase}`, but `copies` is {copies}").format(
                    phrase=match.group(0), copies=copies
                ),
                _("make `copies` and the notes give the same number"),
                "accuracy.material.copies",
            )
            return


def _core(name: str) -> str:
    for word in _GENERIC:
        name = name.replace(word, "")
    return name


def _shared(a: str, b: str) -> int:
    """Length of the longest run of characters the two names share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


@functools.lru_cache(maxsize=16384)
def names_match(material: str, licence: str) -> bool:
    """True when the material is named like the licence (居民 and the like left aside).

    Remembered per pair of names: a run meets the same few (居民身份证, 户口簿) in guide
    after guide, and `_shared` compares every run of characters of the two."""
    core = _core(licence)
    if not core or not material:
        return True
    return _shared(core, _core(material)) >= 0.75 * len(core)


def _licence_name(check: Checker, path: FieldPath, name: str, licence: Licence) -> None:
    if names_match(name, licence.name):
        return
    place = licence.places.get("name")
    check.error(
        path,
        _("`{name}` is not the electronic licence `{licence}` ({title}, {file}:{line})").format(
            name=name,
            licence=licence.id,
            title=licence.name,
            file=place.file if place else "",
            line=place.line if place else 0,
        ),
        _(
            "the applicant would be told not to bring a document the system cannot fetch: "
            "point at the right catalogue entry"
        ),
        code="accuracy.e-licence.name",
    )
    in_reference(
        check,
        place,
        Severity.ERROR,
        _("`{licence}` is named `{title}`, but {guide} uses it for `{name}`").format(
            licence=licence.id, title=licence.name, guide=where(check, path), name=name
        ),
        _("correct the name here, or the guide's `e_licence`"),
        "accuracy.e-licence.name",
    )


def _licence_issuer(check: Checker, path: FieldPath, issuer: str, licence: Licence) -> None:
    place = licence.places.get("issuer")
    check.error(
        path,
        _(
            "`{issuer}` does not issue `{licence}`: the catalogue says "
            "`{catalogue}` ({file}:{line})"
        ).format(
            issuer=issuer,
            licence=licence.id,
            catalogue=licence.issuer,
            file=place.file if place else "",
            line=place.line if place else 0,
        ),
        _("make the issuer agree with guides/reference/e-licences.yaml"),
        code="accuracy.e-licence.issuer",
    )
    in_reference(
        check,
        place,
        Severity.ERROR,
        _(
            "`{licence}` is issued by `{catalogue}` here, but {guide} says `{issuer}` ({field})"
        ).format(
            licence=licence.id,
            catalogue=licence.issuer,
            guide=where(check, path),
            issuer=issuer,
            field=format_path(path),
        ),
        _("correct the issuer here, or the guide"),
        "accuracy.e-licence.issuer",
    )


_UPLOAD = ("上传", "拍照上传", "在线提交", "网上提交")
_BRING_ORIGINAL = re.compile(
    r"(?<![不无免])(?:携带|带上|带齐|带好|请带|须带|要带)[^，。；]{0,8}(?:原件|复印件|纸质)"
    r"|(?:原件|复印件|纸质件?)(?:邮寄|寄送|寄|交|送|带)(?:到|给|至)"
)
"""`携带户口簿原件`, `把身份证复印件寄到社保大厅`: a step that asks for a paper document (the
original or a copy) brought, posted or handed in."""
_STEP_CLAUSE = re.compile(r"[，。；;]")
_NOT_NEEDED = re.compile(r"不用|无需|无须|不需要?|不必|毋须")


def upload_word(clause: str) -> str | None:
    """The word with which a step's clause uploads something (上传), if it does."""
    return _hit(clause, _UPLOAD)


def asks_paper(clause: str) -> bool:
    """`_asks_paper`, for the rules of other texts (material_asks.py)."""
    return _asks_paper(clause)


def _asks_paper(clause: str) -> bool:
    """True when a step's clause asks for a paper document (`_BRING_ORIGINAL`) and no
    negation before it says it is not needed (无需把复印件寄到窗口)."""
    found = _BRING_ORIGINAL.search(clause)
    return found is not None and _NOT_NEEDED.search(clause, 0, found.start()) is None


_QUIET = Quiet()
"""Steps found to agree with the materials' forms, per run (rules/walk.py)."""


def _steps_key(data: dict[str, Any]) -> tuple[Any, ...]:
    """All `_steps` reads: each material's name and form, and the steps' descriptions."""
    return (
        tuple(
            (zh(material.get("name")), material.get("form"))
            for _number, material in items(data.get("materials"))
        ),
        tuple(
            (zh(step.get("description")), isinstance(step.get("description"), str))
            for _number, step in items(data.get("steps"))
        ),
    )


def _steps(check: Checker, data: dict[str, Any]) -> None:
    """A step that uploads a paper-only material, or asks to bring an electronic-only one."""
    names = []
    for number, material in items(data.get("materials")):
        name = zh(material.get("name"))
        core = _core(name)
        for short in {name, core, core.replace("证书", "证")}:
            if len(short) >= 3:
                names.append((short, number, material.get("form")))
    if not names:
        return
    for s_number, step in items(data.get("steps")):
        text = zh(step.get("description"))
        for clause in _STEP_CLAUSE.split(text):
            for short, m_number, form in names:
                if short not in clause:
                    continue
                # An upload of a paper-only material, or the original of an electronic-only
                # one brought to a window (携带户口簿原件): an identity card shown at an exam
                # is not the material handed in, so `bring` alone in a step proves nothing.
                wants = "electronic" if _hit(clause, _UPLOAD) else None
                if wants is None and form == "electronic" and _asks_paper(clause):
                    wants = "paper"
                if wants is not None and wants != form and form in ("paper", "electronic"):
                    path: FieldPath = ("steps", s_number, "description", "zh-CN")
                    if isinstance(step.get("description"), str):
                        path = ("steps", s_number, "description")
                    conflict(
                        check,
                        path,
                        short,
                        ("materials", m_number, "form"),
                        _(
                            "step {step} asks for `{name}` as {wants}, but the "
                            "material's `form` is {form}"
                        ).format(step=s_number + 1, name=short, wants=wants, form=form),
                        _("make the step and the material's `form` agree"),
                        "accuracy.material.step-form",
                    )
                    return


_BRING = re.compile(
    r"携带|带上|带齐|带好|带来|提交|提供|出示|交验|呈验|查验|递交|上交|交回|上传"
    r"|(?:要|须|请|需|应|必须|务必)(?:另外?|再|也|还|额外|一并|同时)?带"
    r"|(?<![地附一纽皮携])带(?=[^，。；]{1,8}(?:到|去|来)[^，。；]{0,8}(?:窗口|大厅|派出所|中心|登记处))"
)
"""A clause that asks a citizen to bring or hand in something (须带, 须另带, 请一并带, 带户口簿到
派出所)."""
_ANSWER_CLAUSE = re.compile(r"[，。；;！？,]")


EVERYDAY_NAMES = {"户口本": "户口簿", "驾照": "驾驶证", "社保卡": "社会保障卡"}
"""What people call a catalogue document (户口本 for 户口簿, 驾照 for 驾驶证): a text that asks
for 户口本 asks for the household register."""
COMMON_DOCUMENTS = (
    "租赁合同", "房产证", "不动产权证", "劳动合同", "毕业证书", "学位证书", "无犯罪记录证明",
    "收入证明", "银行流水", "完税证明", "公证书", "授权委托书",
)  # fmt: skip
"""Documents outside the e-licence catalogue that a guide lists when it needs them (a lease,
a property deed, a labour contract): a text that asks for one the list lacks is short of it,
as with a catalogue document."""


@functools.lru_cache(maxsize=64)
def _licence_words(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Finds the everyday name of any catalogue document (户口簿 of 居民户口簿, or 户口本),
    longest first."""
    cores = {_core(name) for name in names if len(_core(name)) >= 2}
    cores |= {word for word, core in EVERYDAY_NAMES.items() if any(core in c for c in cores)}
    ordered = sorted(cores | set(COMMON_DOCUMENTS), key=len, reverse=True)
    return re.compile("|".join(re.escape(core) for core in ordered)) if ordered else None


_CATALOGUE_WORDS: tuple[object, re.Pattern[str] | None] = (None, None)
"""The facts of the run, and `_licence_words` of their catalogue (made once per facts, not
once per guide)."""


def _catalogue_words(facts: ReferenceFacts) -> re.Pattern[str] | None:
    global _CATALOGUE_WORDS
    known, pattern = _CATALOGUE_WORDS
    if known is not facts:
        pattern = _licence_words(tuple(licence.name for licence in facts.licences.values()))
        _CATALOGUE_WORDS = (facts, pattern)
    return pattern


def _unlisted(check: Checker, data: dict[str, Any], facts: ReferenceFacts) -> None:
    """A FAQ answer, step or material note that asks for a document of the e-licence
    catalogue (户口簿原件也须携带), or a common one (`COMMON_DOCUMENTS`: 另需上传房屋租赁合同),
    which no material names: the list a citizen prepares from is short of it."""
    pattern = _catalogue_words(facts)
    if pattern is None:
        return
    listed: tuple[str, ...] | None = None
    places = [(("faq", n, "answer"), entry.get("answer")) for n, entry in items(data.get("faq"))]
    places += [
        (("steps", n, "description"), step.get("description"))
        for n, step in items(data.get("steps"))
    ]
    materials = data.get("materials")
    if isinstance(materials, list):  # a material's note asking for another (另需上传租赁合同)
        places += [
            (("materials", n, "notes"), material["notes"])
            for n, material in enumerate(materials)
            if isinstance(material, dict) and material.get("notes") is not None
        ]
    for here, value in places:
        text = zh(value)
        asked = _asked_documents(text, pattern)
        if not asked and here[0] != "materials":
            # A document no catalogue knows, named by what it is (社保缴费证明, 同意证明): a
            # FAQ answer or a step only (a material's notes name what that material may be).
            asked = _asked_papers(text)
        if not asked:
            continue  # most texts ask for none (remembered per text)
        if listed is None:
            listed = tuple(zh(m.get("name")) for _n, m in items(data.get("materials")))
            result = data.get("result")
            if isinstance(result, dict) and zh(result.get("name")):
                listed += (zh(result.get("name")),)  # what the guide issues is not asked for
        for word in asked:
            if any(names_match(name, EVERYDAY_NAMES.get(word, word)) for name in listed):
                continue
            if word not in COMMON_DOCUMENTS and any(_names_paper(name, word) for name in listed):
                continue
            report_unlisted(check, here if isinstance(value, str) else (*here, "zh-CN"), word)
            return


@functools.lru_cache(maxsize=16384)
def _asked_documents(text: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The catalogue documents a text asks a citizen to bring or hand in (not 不用带户口簿)."""
    if _BRING.search(text) is None:
        return ()
    asked = []
    for clause in _ANSWER_CLAUSE.split(text):
        bring = _BRING.search(clause)
        if bring is None or claims.negated(clause, bring.start()):
            continue  # 不用交验结婚证: the act itself is negated
        asked += [
            match.group(0)
            for match in pattern.finditer(clause)
            if not claims.negated(clause, match.start())
        ]
    return tuple(asked)


_ASK_PAPER = re.compile(
    r"携带|带上|带齐|带好|提交|提供|出示|交验|递交|上交|上传|备好|准备|附上|另附"
    r"|(?:要|须|请|需|应)(?:另外?|再|也|还|一并|同时)?带"
)
_PAPER_NOUN = re.compile(
    r"([^，。；;、：:]{0,16}?)(证明|证书|同意书|承诺书|委托书|声明书|合同|协议书?|凭证|报告|健康证)"
)
"""What a clause asks for, named by what kind of document it is: the words up to the first
证明, 证书, 合同, 凭证 … after the asking word (上传本人的社保缴费证明)."""
_PAPER_MIN = 4
"""Characters a document's name must have to be one (证明 alone, 上传证明, names none)."""


@functools.lru_cache(maxsize=16384)
def _asked_papers(text: str) -> tuple[str, ...]:
    """The documents a text asks a citizen to bring or hand in, by their kind (健康证明,
    同意证明, 缴费凭证), each without what comes before its last 的 (业主委员会盖章的同意证明
    is 同意证明), unless the act is negated (不用上传房产证)."""
    if _ASK_PAPER.search(text) is None:
        return ()
    asked = []
    for clause in _ANSWER_CLAUSE.split(text):
        ask = _ASK_PAPER.search(clause)
        if ask is None or claims.negated(clause, ask.start()) or _negated(clause, ask.start()):
            continue
        noun = _PAPER_NOUN.match(clause, ask.end())
        if noun is None:
            continue
        name = (noun.group(1).rpartition("的")[2] + noun.group(2)).strip()
        name = re.sub(r"^(?:另外|另行|额外|一份|一张|两份|本人|你的|您的|相关)+", "", name)
        if len(name) >= _PAPER_MIN:
            asked.append(name)
    return tuple(asked)


def _names_paper(listed: str, asked: str) -> bool:
    """True when a listed name (a material's, the result's) is the document asked for: one
    holds the other, or they share four characters (合同证明 of 解除或终止劳动合同证明)."""
    core, other = _core(asked), _core(listed)
    return core in other or other in core or _shared(core, other) >= min(_PAPER_MIN, len(core))


def text_or_none(value: Any) -> str | None:
    """An id as written, or None when the value is no text (the schema reports that)."""
    return value if isinstance(value, str) else None


def report_unlisted(check: Checker, path: FieldPath, phrase: str) -> None:
    """Say that the text at `path` asks for `phrase`, which no material of the guide is (in
    Chinese texts here, in English ones in material_asks.py)."""
    check.warning_at(
        path,
        at_phrase(check, path, phrase),
        _("the text asks for `{name}`, but no material of this guide names it").format(name=phrase),
        _(
            "add it to `materials` (with when it is needed), or correct the text: "
            "citizens prepare from the list"
        ),
        code="accuracy.material.not-listed",
    )

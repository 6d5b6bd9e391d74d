"""Each office a guide sends people to: does it serve the department, is it open when the
guide says, does it have what the guide promises; and each office against its own notes."""

from __future__ import annotations

import functools
import re
from typing import Any

import generator.validate.rules.accuracy.claims as claims
from generator.common.i18n import N_, _
from generator.source.loader import FieldPath
from generator.validate.problems import Severity
from generator.validate.rules.accuracy.facts import (
    ALL_DAY_FROM,
    ALL_DAY_TO,
    WEEKDAYS,
    Office,
    Place,
    ReferenceFacts,
    covers_part,
    open_periods,
    street_of,
    zh,
)
from generator.validate.rules.accuracy.report import at_phrase, forms, in_reference, line_of, where
from generator.validate.rules.accuracy.texts import Form, GuideTexts, guide_texts
from generator.validate.rules.checker import Checker, as_list, day_name, is_time, items
from generator.validate.rules.walk import Quiet

_EVERY = ("均", "都", "各", "所有", "every", "all ")
ACCESS_FIELDS = {
    "step_free": "step_free",
    "priority_window": "priority_window",
    "sign_language": "sign_language",
    "sign_language_walk_in": "sign_language",
    "accessible_parking": "accessible_parking",
    "wheelchair_loan": "wheelchair_loan",
    "accessible_toilet": "accessible_toilet",
    "hearing_loop": "hearing_loop",
}


def has(office: Office, fact: str) -> bool | None:
    value = office.access.get(ACCESS_FIELDS[fact])
    if fact == "sign_language":
        return None if value is None else value != "none"
    if fact == "sign_language_walk_in":  # an interpreter without booking
        return None if value is None else value == "available"
    return value if isinstance(value, bool) else None


# --- a guide against its offices -----------------------------------------------------------------
def check_guide_offices(
    check: Checker, data: dict[str, Any], facts: ReferenceFacts, texts: GuideTexts | None = None
) -> None:
    """Offices of the channels and contacts against the reference data (`texts`: the
    guide's texts as `guide_texts(data)` finds them)."""
    if texts is None:
        texts = guide_texts(data)
    # The lead department (实施主体) receives the application: its office is where to go.
    # An unknown department is the reference rule's to report.
    lead = data.get("department")
    departments = {lead} if isinstance(lead, str) and lead in facts.departments else set()
    # Only the names of offices that do not serve the department are looked for, in the
    # texts that say where to go, each text once a run for a department.
    pattern = facts.foreign_names.get(str(lead)) if departments else None
    if pattern is not None:
        for path, text in _naming_texts(texts):
            _QUIET.run(
                check,
                facts,
                ("named", lead, text),
                _named_office,
                check,
                path,
                text,
                pattern,
                facts,
                departments,
            )
    wrong: list[str] = []
    for number, channel, notes in texts.channels:
        _without_hours(check, ("channels", number, "offices"), channel.get("offices"), facts)
        offices = [
            (o_number, facts.offices[o])
            for o_number, o in enumerate(as_list(channel.get("offices")))
            if isinstance(o, str) and o in facts.offices
        ]
        if not offices:
            continue
        here: FieldPath = ("channels", number)
        for o_number, office in offices:
            if departments and not office.departments & departments:
                _wrong_office(check, (*here, "offices", o_number), office, departments)
                wrong.append(office.id)
        in_channel = [office for _n, office in offices]
        for path, text in notes:
            if _speaks_of_offices(text):
                _about_offices(check, facts, path, text, _named_first(in_channel, text))
        if notes and any(o.weekend_only is not None or o.weekdays_only for o in in_channel):
            for path, text in notes:
                if _WEEKEND_HINT.search(text):  # most notes name no weekend day
                    _weekend_business(check, data, path, text, _named_first(in_channel, text))
    if wrong:
        # The department may be the line edited (a guide moved to another department): the
        # editor sees the problem there too, naming the offices.
        check.error(
            ("department",),
            _("`{department}` is not served by {offices}, where the channels send people").format(
                department=lead, offices=", ".join(f"`{o}`" for o in dict.fromkeys(wrong))
            ),
            _("correct the department, or the channels' offices"),
            code="accuracy.office.wrong-department",
        )
    visited = _guide_offices(texts, facts)
    if visited:
        for path, text in _guide_texts(texts):
            if _speaks_of_offices(text):
                _about_offices(check, facts, path, text, visited)
    for number, contact in items(data.get("contacts")):
        named = _contact_office(contact, facts)
        if named is not None:
            _contact(check, ("contacts", number), contact, named)
        if named is None or not _named_after(_bare(zh(contact.get("name"))), named):
            _street_once(check, ("contacts", number, "address"), contact, facts)
    for number, channel, _notes in texts.channels:
        if channel.get("address") is not None:
            _street_once(check, ("channels", number, "address"), channel, facts)


def _street_once(
    check: Checker, here: FieldPath, item: dict[str, Any], facts: ReferenceFacts
) -> None:
    """`_street`, unless the same address and name agreed with the offices before in the
    run (it reads only those two and the offices: most guides of an office repeat its
    contact, and `_street` compares each with every office's names)."""
    key = ("street", zh(item.get("address")), zh(item.get("name")))
    _QUIET.run(check, facts, key, _street, check, here, item, facts)


def _street(check: Checker, here: FieldPath, item: dict[str, Any], facts: ReferenceFacts) -> None:
    """An address (a post channel's, a contact's) that names an office, in itself or in the
    contact's name (市社会保险服务大厅退休专窗), must give that office's street and number."""
    address = zh(item.get("address"))
    said = street_of(address)
    if said is None:
        return
    words = address + " " + zh(item.get("name"))
    for office in facts.offices.values():
        if office.street is None or not any(
            name in words for name in office.names if not name.endswith("号")
        ):
            continue
        if office.street[:2] == said[:2]:
            return
        path = here if isinstance(item.get("address"), str) else (*here, "zh-CN")
        given, own = said[2], office.street[2]
        place = office.places.get("address")
        check.error_at(
            path,
            at_phrase(check, path, given),
            _(
                "the address names {office} but gives `{given}`; the office is at `{own}` "
                "({file}:{line})"
            ).format(
                office=office.name,
                given=given,
                own=own,
                file=place.file if place else "offices.yaml",
                line=place.line if place else 0,
            ),
            _("a letter or a citizen goes to the wrong door: copy the office's street and number"),
            code="accuracy.address.street",
        )
        return


_QUIET = Quiet()
"""The texts found to agree with the offices they speak of, per run (rules/walk.py)."""


def _about_offices(
    check: Checker, facts: ReferenceFacts, path: FieldPath, text: str, offices: list[Office]
) -> None:
    """A text's days, hours, lunch break and accessibility against the offices it speaks of
    (a text that agreed with the same offices before in the run is not read again)."""
    ids = tuple(office.id for office in offices)
    _QUIET.run(check, facts, ("openings", text, ids), _openings, check, path, text, offices)
    if claims.may_claim_lunch(text):
        _QUIET.run(check, facts, ("lunch", text, ids), _lunch, check, path, text, offices)
    _QUIET.run(check, facts, ("access", text, ids), _access, check, path, text, offices)


@functools.lru_cache(maxsize=65536)
def _speaks_of_offices(text: str) -> bool:
    """True when a finder that `_about_offices`' checks start from finds something in `text`
    (simplified): shut days, opening days and times, all day or part of a day, lunch,
    accessibility. Each check reports only at what these find, so a text without any is
    passed over, once per distinct text of a run (most texts). A new check of
    `_about_offices` that reads something else adds its finder here."""
    return bool(
        claims.closed_days(text)
        or claims.opening_claims(text)
        or _PART_HINT.search(text)
        or claims.lunch_claim(text)
        or claims.access_claims(text)
    )


def _named_first(offices: list[Office], text: str) -> list[Office]:
    """The offices of a channel that its note names (企业服务中心开办专区早上 8 点半开门 speaks
    of that centre only), or all of them when it names none."""
    pattern = _names_pattern(tuple((office.id, office.names) for office in offices))
    if pattern is None or pattern.search(text) is None:
        return offices  # most notes name no office: one scan says so
    named = [office for office in offices if any(name in text for name in office.names)]
    return named or offices


@functools.lru_cache(maxsize=1024)
def _names_pattern(offices: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str] | None:
    """One expression that finds any name of these offices (a channel's offices, remembered)."""
    names = sorted({name for _id, names in offices for name in names}, key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names)) if names else None


_WORKING_DAYS = ("mon", "tue", "wed", "thu", "fri")
_LUNCH = ("12:00", "13:00")


def _lunch(check: Checker, path: FieldPath, text: str, offices: list[Office]) -> None:
    """中午不休息 / no lunch break where no office of the text serves from 12:00 to 13:00."""
    phrase = claims.lunch_claim(text)
    if phrase is None:
        return
    named = sentence_offices(text, phrase, offices)
    if not named and _EVERY_OFFICE.search(text):
        named = offices  # 各办理点午休期间照常受理: every office of the text
    if named:  # 到车管所或市民中心办理的，午间可照常办理: each office the sentence names
        shut = [o for o in named if not _serves_lunch(o)]
        if not shut:
            return
        offices = shut
    else:
        working = [(o, d) for o in offices for d in _WORKING_DAYS if o.open_on(d)]
        if not working or any(office.fits(day, *_LUNCH) for office, day in working):
            return
    check.error_at(
        path,
        at_phrase(check, path, phrase),
        _(
            "the text says `{phrase}` (served over lunch), but {offices} stops between "
            "12:00 and 13:00"
        ).format(phrase=phrase, offices=", ".join(o.id for o in offices)),
        _(
            "a citizen who comes at lunchtime finds the windows shut: correct the text, "
            "or the office's `hours` and `breaks`"
        ),
        code="accuracy.office.lunch-closed",
    )


_EVERY_OFFICE = re.compile(
    r"(?:各个?|所有|每个|每一?个|全部)(?:的)?(?:办理点|窗口|网点|服务点|办事处|中心|大厅|场所)"
    r"|\b(?:every|each|all (?:the )?)\s*(?:offices?|windows?|centres?|halls?)\b",
    re.IGNORECASE,
)
"""`各办理点`, `所有窗口`, "every office": a text that speaks of each office it lists, so one
office that does not keep its word is enough to mislead."""


def _serves_lunch(office: Office) -> bool:
    """True when the office is open over lunch on a working day it opens (or has no hours)."""
    days = [day for day in _WORKING_DAYS if office.open_on(day)]
    return not days or any(office.fits(day, *_LUNCH) for day in days)


_WEEKEND_HINT = re.compile(
    r"周[六日末]|星期[六日天]|礼拜[六日天]|双休|sat|sun|weekend", re.IGNORECASE
)
"""A text that may name a weekend day: what `_weekend_business` reads."""
_LIMITED = re.compile(r"只|仅|不|除外|only|not")
_CLAUSE_END = re.compile(r"[，,。；;！？!?]")


def _clause_of(text: str, phrase: str) -> str:
    start = max(text.find(phrase), 0)
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, start + len(phrase))
    return text[ends[-1] if ends else 0 : after.start() if after else len(text)]


def _guide_words(data: dict[str, Any]) -> tuple[str, ...]:
    """What a guide's service is called: its title and aliases (户口迁入临江, 户口迁移)."""
    words = [zh(data.get("title"))] + [
        a for a in as_list(data.get("aliases")) if isinstance(a, str)
    ]
    return tuple(word for word in words if len(word) >= 2)


def _handles(business: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """True when one of an office note's business words (社保, 户口迁移) names the guide's
    service (one holds the other)."""
    return any(b in w or w in b for b in business for w in words)


def _weekend_business(
    check: Checker, data: dict[str, Any], path: FieldPath, text: str, offices: list[Office]
) -> None:
    """A note that sends people at a weekend (周六上午也可以办理户口迁移) to offices whose own
    weekend notes leave this service out (只办理社保、医保和居住证业务; 户口迁移只在工作日办理)."""
    words = _guide_words(data)
    if not words:
        return
    for opening in claims.opening_claims(text):
        for day in opening.days:
            if day not in ("sat", "sun"):
                continue
            open_then = [office for office in offices if office.open_on(day)]
            if not open_then:
                return  # a shut day is the closed-day rule's
            if _LIMITED.search(_clause_of(text, opening.phrase_for(day))):
                continue  # 周末窗口只办身份证: the text itself says what the weekend is for
            serving = [
                o
                for o in open_then
                if not _handles(o.weekdays_only, words)
                and (o.weekend_only is None or _handles(o.weekend_only, words))
            ]
            if serving:
                continue
            check.error_at(
                path,
                at_phrase(check, path, opening.phrase_for(day)),
                _(
                    "the text says `{phrase}`, but on {day} {offices} do not handle this "
                    "service: their weekend notes leave it out"
                ).format(
                    phrase=opening.phrase_for(day),
                    day=day_name(day),
                    offices=", ".join(o.id for o in open_then),
                ),
                _(
                    "a citizen would come at the weekend and be sent away: correct the text, "
                    "or the offices' `weekend_service.note` in guides/reference/offices.yaml"
                ),
                code="accuracy.office.weekend-business",
            )
            return


def _without_hours(check: Checker, path: FieldPath, ids: Any, facts: ReferenceFacts) -> None:
    """An office without hours that a guide still sends people to: tell offices.yaml too.

    (An id missing from offices.yaml is not reported there as well: a typo in one guide is
    far commoner than a renamed office, and the guide's own problem already suggests the
    close id.)"""
    for number, office_id in enumerate(as_list(ids)):
        office = facts.offices.get(office_id) if isinstance(office_id, str) else None
        if office is not None and not office.periods:
            in_reference(
                check,
                office.places.get("id"),
                Severity.ERROR,
                _("`{office}` has no opening hours, but {guide} sends people there").format(
                    office=office.id, guide=where(check, (*path, number))
                ),
                _("add `hours:` to the office"),
                "accuracy.office.no-hours",
            )


_OFFICE_CHANNELS = ("in_person", "kiosk")
"""Channels whose offices a citizen goes to: a window, or a machine in the office's hall."""


def _guide_offices(texts: GuideTexts, facts: ReferenceFacts) -> list[Office]:
    """Every office a guide's in-person and kiosk channels name."""
    found: dict[str, Office] = {}
    for _n, channel, _notes in texts.channels:
        if channel.get("type") in _OFFICE_CHANNELS:
            for office_id in as_list(channel.get("offices")):
                if isinstance(office_id, str) and office_id in facts.offices:
                    found.setdefault(office_id, facts.offices[office_id])
    return list(found.values())


def _guide_texts(texts: GuideTexts) -> list[Form]:
    """The texts that speak of going to an office: summary, visit reason, steps, FAQ answers
    (春节期间户政大厅也照常开门) and the materials' notes (周六可到窗口提交纸质件 sends people on
    a Saturday too)."""
    found = texts.summary + texts.visit_reason + texts.answers
    for _n, _step, written in texts.steps:
        found += written
    for _n, _material, written in texts.materials:
        found += written
    return found


def _naming_texts(texts: GuideTexts) -> list[Form]:
    """The texts that tell a citizen where to go, in either language: channel notes, steps,
    visit reason (an office is named in English by its English name's last words)."""
    found: list[Form] = []
    for _n, _channel, written in texts.channels:
        found += written
    for _n, _step, written in texts.steps:
        found += written
    return found + texts.visit_reason


def _named_office(
    check: Checker,
    path: FieldPath,
    text: str,
    pattern: re.Pattern[str],
    facts: ReferenceFacts,
    departments: set[Any],
) -> None:
    """An office named in the text (社会保险服务大厅, 车管所) that does not serve the guide's
    department: the citizen would queue where the application cannot be taken."""
    for match in pattern.finditer(text):
        office = facts.offices[facts.office_names[match.group(0)]]
        if claims.negated(text, match.start()):
            continue
        place = office.places.get("departments")
        wanted = ", ".join(f"`{d}`" for d in sorted(str(d) for d in departments))
        check.error_at(
            path,
            at_phrase(check, path, match.group(0)),
            _(
                "the text sends people to `{name}`, but `{office}` does not serve {departments} "
                "({file}:{line})"
            ).format(
                name=match.group(0),
                office=office.id,
                departments=wanted,
                file=place.file if place else "offices.yaml",
                line=place.line if place else 0,
            ),
            _(
                "name an office whose `departments` include the guide's department, "
                "or add the department to that office"
            ),
            code="accuracy.office.named-wrong-department",
        )
        return


def _wrong_office(check: Checker, path: FieldPath, office: Office, departments: set[Any]) -> None:
    wanted = ", ".join(f"`{d}`" for d in sorted(str(d) for d in departments))
    place = office.places.get("departments")
    check.error(
        path,
        _("the office `{office}` does not serve {departments} ({file}:{line})").format(
            office=office.id,
            departments=wanted,
            file=place.file if place else "offices.yaml",
            line=place.line if place else 0,
        ),
        _(
            "send people to an office whose `departments` include the guide's department, "
            "or add the department to the office"
        ),
        code="accuracy.office.wrong-department",
    )
    in_reference(
        check,
        place,
        Severity.ERROR,
        _("`{office}` does not serve {departments}, but {guide} sends people there").format(
            office=office.id, departments=wanted, guide=where(check, path)
        ),
        _("add the department to `departments`, or change the guide's office"),
        "accuracy.office.wrong-department",
    )


def _openings(check: Checker, path: FieldPath, text: str, offices: list[Office]) -> None:
    """Days and times a note says the offices are open (or shut), against their hours."""
    for day, words in claims.closed_days(text):
        if all(office.open_on(day) for office in offices):
            check.error_at(
                path,
                at_phrase(check, path, words),
                _(
                    "the text says the office is shut on {day} (`{phrase}`), "
                    "but {offices} has hours that day"
                ).format(day=day_name(day), phrase=words, offices=", ".join(o.id for o in offices)),
                _(
                    "a citizen would stay away on a day it is open, or the hours are wrong: "
                    "correct the text or the office's `hours`"
                ),
                code="accuracy.office.shut-day-open",
            )
            for office in offices:
                in_reference(
                    check,
                    office.places.get(f"hours.{day}"),
                    Severity.ERROR,
                    _(
                        "`{office}` has hours on {day}, but {guide} says it is shut (`{phrase}`)"
                    ).format(
                        office=office.id,
                        day=day_name(day),
                        guide=where(check, path),
                        phrase=words,
                    ),
                    _("correct the hours here, or the guide"),
                    "accuracy.office.shut-day-open",
                )
            return
    for opening in claims.opening_claims(text):
        for day in opening.days:
            if day == "holiday":
                if any(office.closed_on_holidays for office in offices):
                    _not_open(check, path, opening.phrase_for(day), day, offices)
                    return
                _unconfirmed_holiday(check, path, opening.phrase_for(day))
                return
            elif not any(office.open_on(day) for office in offices):
                _not_open(check, path, opening.phrase_for(day), day, offices)
                return
        days: list[str | None] = [d for d in opening.days if d in WEEKDAYS] or [None]
        for start, end, written in opening.times:
            if start >= end:
                continue  # reported by the dates rules
            # Every day the text names must have the hours at some office: 周一至周日
            # 8:30–17:30 is wrong for a hall that keeps 9:00–16:30 at weekends.
            late = [d for d in days if not any(office.fits(d, start, end) for office in offices)]
            if late:
                _outside_hours(check, path, written, offices, late, (start, end))
                return
    # 全天, 上午, 下午, 晚上 of a day: against the offices open that day (a day none opens
    # is the closed-day rule's, above).
    if not _PART_HINT.search(text):
        return  # no 全天, 上午, 下午 or 晚上: most notes (one C-level scan, no finder call)
    for day, words in claims.all_day_claims(text):
        open_then = [office for office in offices if office.open_on(day)]
        if open_then and not any(office.open_all_day(day) for office in open_then):
            _half_day(check, path, words, day, [o.periods.get(day, ()) for o in open_then])
            return
    for day, words, part in claims.part_of_day_claims(text):
        open_then = [office for office in offices if office.open_on(day)]
        if open_then and not any(office.open_in(day, part) for office in open_then):
            _part_of_day(check, path, words, day, part, [o.periods[day] for o in open_then])
            return


_PART_HINT = re.compile(
    "|".join([*claims.ALL_DAY, *claims.PARTS_OF_DAY, "All day", "Morning", "Afternoon", "Evening"])
)


def _half_day(check: Checker, path: FieldPath, phrase: str, day: str, spans: list[Any]) -> None:
    hours = "; ".join(", ".join(f"{o}–{c}" for o, c in found) for found in spans if found)
    check.error_at(
        path,
        at_phrase(check, path, phrase),
        _("the text says `{phrase}` (all day), but on {day} the hours are only {hours}").format(
            phrase=phrase, day=day_name(day), hours=hours
        ),
        _("a citizen who comes in the afternoon finds it shut: give the hours, or correct `hours`"),
        code="accuracy.office.all-day",
    )


_PARTS = {"morning": N_("in the morning"), "afternoon": N_("in the afternoon"),
          "evening": N_("in the evening")}  # fmt: skip


def _part_of_day(
    check: Checker, path: FieldPath, phrase: str, day: str, part: str, spans: list[Any]
) -> None:
    hours = "; ".join(", ".join(f"{o}–{c}" for o, c in found) for found in spans if found)
    check.error_at(
        path,
        at_phrase(check, path, phrase),
        _("the text says `{phrase}` ({part}), but on {day} the hours are only {hours}").format(
            phrase=phrase, part=_(_PARTS[part]), day=day_name(day), hours=hours
        ),
        _("a citizen would come when it is shut: give the hours, or correct `hours`"),
        code="accuracy.office.part-of-day",
    )


def _not_open(
    check: Checker, path: FieldPath, phrase: str, day: str, offices: list[Office]
) -> None:
    names = ", ".join(office.id for office in offices)
    check.error_at(
        path,
        at_phrase(check, path, phrase),
        _(
            "the text says `{phrase}`, but {offices} is not open on {day} "
            "(guides/reference/offices.yaml)"
        ).format(phrase=phrase, offices=names, day=day_name(day)),
        _("check the days with the office, and correct the text or the office's `hours`"),
        code="accuracy.office.closed-day",
    )
    for office in offices:
        in_reference(
            check,
            _day_place(office, day),
            Severity.ERROR,
            _("`{office}` has no hours on {day}, but {guide} says `{phrase}`").format(
                office=office.id, day=day_name(day), guide=where(check, path), phrase=phrase
            ),
            _("add the day to `hours`, or correct the guide"),
            "accuracy.office.closed-day",
        )


def _unconfirmed_holiday(check: Checker, path: FieldPath, phrase: str) -> None:
    check.warning_at(
        path,
        at_phrase(check, path, phrase),
        _(
            "the text says `{phrase}`, but no office of this channel says it opens on public "
            "holidays"
        ).format(phrase=phrase),
        _(
            "confirm with the office; offices.yaml records weekdays only, so say it in the "
            "office's `weekend_service.note` if it is true"
        ),
        code="accuracy.office.holiday-unconfirmed",
    )


def _day_place(office: Office, day: str) -> Place | None:
    """The hours entry where a missing day would go: the one holding the day before or after."""
    if day in WEEKDAYS:
        index = WEEKDAYS.index(day)
        for near in (WEEKDAYS[index - 1], WEEKDAYS[(index + 1) % 7]):
            if f"hours.{near}" in office.places and near in ("sat", "sun"):
                return office.places[f"hours.{near}"]
    return office.places.get("hours_end") or office.places.get("hours")


def _outside_hours(
    check: Checker,
    path: FieldPath,
    written: str,
    offices: list[Office],
    days: list[str | None],
    span: tuple[str, str],
) -> None:
    names = ", ".join(office.id for office in offices)
    check.error_at(
        path,
        at_phrase(check, path, written),
        _("the text says `{time}`, outside the opening hours of {offices}").format(
            time=written, offices=names
        ),
        _("give the hours in guides/reference/offices.yaml, or correct the office's `hours`"),
        code="accuracy.office.outside-hours",
    )
    for office in offices:
        in_reference(
            check,
            _time_place(office, days, span),
            Severity.ERROR,
            _("{guide} says `{time}`, outside the hours of `{office}`").format(
                guide=where(check, path), time=written, office=office.id
            ),
            _("correct the hours here, or the guide"),
            "accuracy.office.outside-hours",
        )


def _time_place(office: Office, days: list[str | None], span: tuple[str, str]) -> Place | None:
    """The `opens` or `closes` of the hours entry a time outside the hours runs past."""
    start, end = span
    for day in days:
        for opens, closes, opens_at, closes_at in office.entries.get(day or "mon", ()):
            if start < closes and opens < end:  # the entry the time overlaps
                return opens_at if start < opens else closes_at
    return office.places.get("hours")


_SENTENCE_END = re.compile(r"[。；;！？!?]|\.(?:\s|$)")


def sentence_offices(text: str, phrase: str, offices: list[Office]) -> list[Office]:
    """The offices named in the sentence that holds `phrase` (北山区中心设有助听环路 speaks
    of that centre, whatever the other sentences of the note name); none when it names none."""
    start = text.find(phrase)
    if start < 0 or len(offices) < 2:
        return []
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, start + len(phrase))
    sentence = text[ends[-1] if ends else 0 : after.start() if after else len(text)]
    return [office for office in offices if any(name in sentence for name in office.names)]


def _access(check: Checker, path: FieldPath, text: str, offices: list[Office]) -> None:
    every = any(word in text.lower() for word in _EVERY)
    for claim in claims.access_claims(text):
        named = sentence_offices(text, claim.phrase, offices)
        known = [(office, has(office, claim.fact)) for office in named or offices]
        known = [(office, value) for office, value in known if value is not None]
        if not known:
            continue
        if named:
            # A sentence that names its offices says it of each of them.
            wrong = [o for o, v in known if v != bool(claim.value)]
        elif claim.value:
            wrong = (
                [o for o, v in known if not v]
                if every
                else ([o for o, _v in known] if not any(v for _o, v in known) else [])
            )
        else:
            wrong = (
                [o for o, v in known if v] if len([1 for _o, v in known if v]) == len(known) else []
            )
        if wrong:
            check.error_at(
                path,
                at_phrase(check, path, claim.phrase),
                _(
                    "the text says `{phrase}`, but the office data of {offices} says otherwise "
                    "(`accessibility.{field}`)"
                ).format(
                    phrase=claim.phrase,
                    offices=", ".join(o.id for o in wrong),
                    field=ACCESS_FIELDS[claim.fact],
                ),
                _(
                    "a disabled citizen relies on this: make the note agree with "
                    "guides/reference/offices.yaml"
                ),
                code="accuracy.office.accessibility",
            )
            for office in wrong:
                in_reference(
                    check,
                    office.places.get(f"access.{ACCESS_FIELDS[claim.fact]}"),
                    Severity.ERROR,
                    _("`{office}` has `{field}: {value}`, but {guide} says `{phrase}`").format(
                        office=office.id,
                        field=ACCESS_FIELDS[claim.fact],
                        value=_yaml(office.access.get(ACCESS_FIELDS[claim.fact])),
                        guide=where(check, path),
                        phrase=claim.phrase,
                    ),
                    _("correct the accessibility facts here, or the guide"),
                    "accuracy.office.accessibility",
                )
            return


def _yaml(value: Any) -> str:
    """A value as the editor wrote it in YAML (true, not True)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _contact_office(contact: dict[str, Any], facts: ReferenceFacts) -> Office | None:
    """The office a contact is: the first whose name it gives (four characters or more,
    临江市 and the like left out), else the first with its phone."""
    by_name, by_phone = _office_keys(facts)
    name = _bare(zh(contact.get("name")))
    if name and len(name) >= 4 and name in by_name:
        return by_name[name]
    if name:
        office = _by_short_name(name, facts)
        if office is not None:
            return office  # 市公安局车辆管理所: the vehicle office, by its short name 车辆管理所
    phone = contact.get("phone")
    return by_phone.get(phone) if isinstance(phone, str) else None


_keys_of: tuple[object, dict[str, Office], dict[str, Office]] = (None, {}, {})


def _office_keys(facts: ReferenceFacts) -> tuple[dict[str, Office], dict[str, Office]]:
    """Each office by its bare name and by its phone (the first in the file of each), made
    once per set of facts instead of three loops over every office for each contact."""
    global _keys_of
    if _keys_of[0] is not facts:
        by_name: dict[str, Office] = {}
        by_phone: dict[str, Office] = {}
        for office in facts.offices.values():
            by_name.setdefault(_bare(office.name), office)
            if isinstance(office.phone, str):
                by_phone.setdefault(office.phone, office)
        _keys_of = (facts, by_name, by_phone)
    return _keys_of[1], _keys_of[2]


_SHORTEST_NAME = 4
"""A contact is named after an office by a short name of this many characters or more at
its end (车辆管理所, 社保大厅); 车管所 alone is too short to tell one office from a window."""


def _named_after(name: str, office: Office) -> bool:
    """True when a contact's bare name is the office's, or ends with one of its names."""
    return name == _bare(office.name) or name.endswith(_short_names(office))


def _short_names(office: Office) -> tuple[str, ...]:
    names = _SHORT_NAMES.get(office.id)
    if names is None or names[0] is not office:
        kept = tuple(s for s in office.names if len(s) >= _SHORTEST_NAME and s != office.name)
        names = _SHORT_NAMES[office.id] = (office, kept)
    return names[1]


_SHORT_NAMES: dict[str, tuple[Office, tuple[str, ...]]] = {}
"""Each office's short names long enough to name it (made once per office read)."""
_short_of: tuple[object, dict[str, Office | None]] = (None, {})
"""The facts of the run, and the office each contact name seen is named after by a short
name (None: none), so that a name met in guide after guide is looked up once."""


def _by_short_name(name: str, facts: ReferenceFacts) -> Office | None:
    global _short_of
    if _short_of[0] is not facts:
        _short_of = (facts, {})
    known = _short_of[1]
    if name not in known:
        known[name] = next(
            (o for o in facts.offices.values() if name.endswith(_short_names(o))), None
        )
    return known[name]


@functools.cache
def _bare(name: str) -> str:
    for prefix in ("临江市", "临江", "市"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name.strip()


def _contact(check: Checker, here: FieldPath, contact: dict[str, Any], office: Office) -> None:
    named = _named_after(_bare(zh(contact.get("name"))), office)
    phone = contact.get("phone")
    if (
        named
        and isinstance(phone, str)
        and office.phone
        and _digits(phone) != _digits(office.phone)
    ):
        place = office.places.get("phone")
        check.error(
            (*here, "phone"),
            _("`{phone}` is not the phone of {office} ({number}, {file}:{line})").format(
                phone=phone,
                office=office.name,
                number=office.phone,
                file=place.file if place else "",
                line=place.line if place else 0,
            ),
            _("use the office's number, or correct it in guides/reference/offices.yaml"),
            code="accuracy.contact.phone",
        )
        in_reference(
            check,
            place,
            Severity.ERROR,
            _("the phone of {office} is {number}, but {guide} gives `{phone}`").format(
                office=office.name,
                number=office.phone,
                guide=where(check, (*here, "phone")),
                phone=phone,
            ),
            _("correct the number here, or the guide"),
            "accuracy.contact.phone",
        )
    address = zh(contact.get("address"))
    if named and address and office.address and _squash(address) != _squash(office.address):
        check.error(
            (*here, "address"),
            _(
                "the address differs from that of {office} in "
                "guides/reference/offices.yaml: `{address}`"
            ).format(office=office.name, address=office.address),
            _("a citizen would go to the wrong door: copy the office's address"),
            code="accuracy.contact.address",
        )
        in_reference(
            check,
            office.places.get("address"),
            Severity.ERROR,
            _("the address of {office} differs from the one {guide} gives: `{address}`").format(
                office=office.name, guide=where(check, (*here, "address")), address=address
            ),
            _("correct the address here, or the guide"),
            "accuracy.contact.address",
        )
    for _lang, path, text in forms(contact.get("hours"), (*here, "hours")):
        _openings(check, path, text, [office])


def _digits(phone: str) -> str:
    """(0599) 8703 1100 and 0599-8703 1100 are one number."""
    return "".join(c for c in phone if c.isdigit())


def _squash(text: str) -> str:
    return "".join(text.split())


# --- an office against itself ---------------------------------------------------------
def check_office(check: Checker, here: FieldPath, item: dict[str, Any]) -> None:
    """An office's notes, lunch and weekend service against its own hours and accessibility."""
    periods: dict[str, list[tuple[str, str, int]]] = {}
    for number, entry in items(item.get("hours")):
        opens, closes = entry.get("opens"), entry.get("closes")
        if not (is_time(opens) and is_time(closes)) or opens >= closes:
            continue
        for day in as_list(entry.get("days")):
            if not isinstance(day, str):
                continue
            for o, c, other in periods.get(day, []):
                if opens < c and o < closes:
                    check.error(
                        (*here, "hours", number, "opens"),
                        _(
                            "{opens}–{closes} on {day} overlaps {o}–{c} (hours entry {other})"
                        ).format(
                            opens=opens,
                            closes=closes,
                            day=day_name(day),
                            o=o,
                            c=c,
                            other=other + 1,
                        ),
                        _("each day's opening periods must not overlap; check the times"),
                        code="accuracy.office.hours-overlap",
                    )
                    break
            periods.setdefault(day, []).append((opens, closes, number))
    open_days = set(periods)
    hours_end = _hours_end(item)
    written = [(e.get("opens"), e.get("closes")) for _n, e in items(item.get("hours"))]
    readable = all(is_time(o) and is_time(c) and o < c for o, c in written)
    if readable:
        # Hours that are themselves wrong are reported by the reference rules; what the
        # weekend and lunch flags and notes say is compared only with hours that can be read.
        _service_flags(check, here, item, open_days, hours_end)
    _own_notes(check, here, item, open_days if readable else None)


def _own_spans(item: dict[str, Any], day: str) -> tuple[tuple[str, str], ...]:
    """An office's own opening periods on `day`, breaks taken out (earliest first)."""
    return open_periods(item).get(day, ())


def _all_day_own(item: dict[str, Any], day: str) -> bool:
    spans = _own_spans(item, day)
    return not spans or (spans[0][0] <= ALL_DAY_FROM and max(c for _o, c in spans) >= ALL_DAY_TO)


def _fits_own(item: dict[str, Any], days: tuple[str, ...], start: str, end: str) -> bool:
    """True when start–end lies inside one opening period (breaks taken out) of one of `days`,
    or of any day when the text names none."""
    periods = open_periods(item)
    wanted = [d for d in days if d in WEEKDAYS] or list(periods)
    return any(o <= start and end <= c for d in wanted for o, c in periods.get(d, ()))


def _hours_end(item: dict[str, Any]) -> FieldPath | None:
    entries = list(items(item.get("hours")))
    return ("hours", entries[-1][0], "closes") if entries else None


def _service_flags(
    check: Checker,
    here: FieldPath,
    item: dict[str, Any],
    open_days: set[str],
    hours_end: FieldPath | None,
) -> None:
    weekend = item.get("weekend_service")
    if isinstance(weekend, dict) and isinstance(weekend.get("available"), bool):
        has_weekend = bool(open_days & {"sat", "sun"})
        if weekend["available"] != has_weekend:
            message = (
                _(
                    "`weekend_service.available` is true, but no hours are given "
                    "for Saturday or Sunday"
                )
                if weekend["available"]
                else _("`weekend_service.available` is false, but the hours include a weekend day")
            )
            _both_office(
                check,
                here,
                ("weekend_service", "available"),
                hours_end,
                message,
                _("make `weekend_service` and `hours` agree"),
                "accuracy.office.weekend-service",
            )
    lunch = item.get("lunch_service")
    if isinstance(lunch, dict) and isinstance(lunch.get("available"), bool):
        covered = _covers_lunch(item)
        if covered is not None and lunch["available"] != covered:
            message = (
                _("`lunch_service.available` is true, but the hours stop over lunch (12:00–13:00)")
                if lunch["available"]
                else _("`lunch_service.available` is false, but the hours run through lunch")
            )
            _both_office(
                check,
                here,
                ("lunch_service", "available"),
                hours_end,
                message,
                _("make `lunch_service` and `hours` (and its breaks) agree"),
                "accuracy.office.lunch-service",
            )


def _covers_lunch(item: dict[str, Any], window: tuple[str, str] = _LUNCH) -> bool | None:
    """True when, on a working day the office opens, one opening period runs through the
    lunch window (12:00–13:00, or the times its lunch note gives); None without such a day.
    The same reading of the hours as a guide's rules (`open_periods`, `Office.fits`)."""
    periods = open_periods(item)
    days = [day for day in _WORKING_DAYS if periods.get(day)]
    if not days:
        return None
    start, end = window
    return any(o <= start and end <= c for day in days for o, c in periods[day])


def _both_office(
    check: Checker,
    here: FieldPath,
    field: FieldPath,
    other: FieldPath | None,
    message: str,
    hint: str,
    code: str,
) -> None:
    check.error((*here, *field), message, hint, code=code)
    if other is not None and check.loaded.position((*here, *other))[0] != line_of(
        check, (*here, *field)
    ):
        check.error((*here, *other), message, hint, code=code)


def _own_notes(
    check: Checker, here: FieldPath, item: dict[str, Any], open_days: set[str] | None
) -> None:
    days_open: set[str] = open_days or set()
    for key in ("weekend_service", "lunch_service") if open_days is not None else ():
        service = item.get(key)
        if not isinstance(service, dict):
            continue
        offered = service.get("available") is not False
        for _lang, path, text in forms(service.get("note"), (*here, key, "note")):
            lunch = claims.lunch_claim(text)
            # 中午 12:00–13:30 综合窗口不休息: the note's own times are the lunch it promises.
            window = next(((s, e) for s, e, _w in claims.time_ranges(text) if s < e), _LUNCH)
            if lunch and _covers_lunch(item, window) is False:
                check.error_at(
                    path,
                    at_phrase(check, path, lunch),
                    _(
                        "the note says `{phrase}` (served over lunch), but the office's hours "
                        "stop between {start} and {end}"
                    ).format(phrase=lunch, start=window[0], end=window[1]),
                    _("correct the note, or the office's `hours` and `breaks`"),
                    code="accuracy.office.lunch-closed",
                )
            shut = [(d, w) for d, w in claims.closed_days(text) if d in days_open]
            if shut:
                check.error_at(
                    path,
                    at_phrase(check, path, shut[0][1]),
                    _(
                        "the note says the office is shut on {day} (`{phrase}`), "
                        "but `hours` open it that day"
                    ).format(day=day_name(shut[0][0]), phrase=shut[0][1]),
                    _("correct the note, or the office's `hours`"),
                    code="accuracy.office.shut-day-open",
                )
            half = [
                (d, w)
                for d, w in claims.all_day_claims(text)
                if offered and d in days_open and not _all_day_own(item, d)
            ]
            if half:
                _half_day(check, path, half[0][1], half[0][0], [_own_spans(item, half[0][0])])
            parts = [
                (d, w, part)
                for d, w, part in claims.part_of_day_claims(text)
                if offered and d in days_open and not covers_part(_own_spans(item, d), part)
            ]
            if parts:
                d, w, part = parts[0]
                _part_of_day(check, path, w, d, part, [_own_spans(item, d)])
            for opening in claims.opening_claims(text):
                for start, end, written in opening.times if offered else ():
                    if start < end and not _fits_own(item, opening.days, start, end):
                        check.error_at(
                            path,
                            at_phrase(check, path, written),
                            _("the note says `{time}`, outside the office's own hours").format(
                                time=written
                            ),
                            _("correct the note, or the office's `hours`"),
                            code="accuracy.office.outside-hours",
                        )
                        break
                missing = [d for d in opening.days if d in WEEKDAYS and d not in days_open]
                if missing:
                    check.error_at(
                        path,
                        at_phrase(check, path, opening.phrase),
                        _("the note says `{phrase}`, but the office has no hours on {day}").format(
                            phrase=opening.phrase_for(missing[0]), day=day_name(missing[0])
                        ),
                        _("add the day to `hours`, or correct the note"),
                        code="accuracy.office.closed-day",
                    )
                    break
    access = item.get("accessibility")
    if not isinstance(access, dict):
        return
    for _lang, path, text in forms(access.get("notes"), (*here, "accessibility", "notes")):
        for claim in claims.access_claims(text):
            field = ACCESS_FIELDS[claim.fact]
            value = access.get(field)
            actual = (
                (value == "available" if claim.fact == "sign_language_walk_in" else value != "none")
                if field == "sign_language" and isinstance(value, str)
                else value
            )
            if not isinstance(actual, bool) or actual == claim.value:
                continue
            where_ = at_phrase(check, path, claim.phrase)
            field_path = (*here, "accessibility", field)
            message = _("the notes say `{phrase}`, but `{field}` is {value}").format(
                phrase=claim.phrase, field=field, value=_yaml(value)
            )
            hint = _(
                "a disabled citizen plans the trip from this: make the notes and the field agree"
            )
            check.error_at(path, where_, message, hint, code="accuracy.office.accessibility")
            if abs(line_of(check, field_path) - where_[0]) > 1:
                check.error(field_path, message, hint, code="accuracy.office.accessibility")

"""The seventh round of issue 18: rules that compare what a text means (a visit required, a
decision at once, a number of days, where it can be handled, an office's lunch hour and loans,
a day of a month, a period, an English weekday, the hours of each day in both languages)
instead of a phrase list, and the places the rules did not read (materials' notes against the
offices, kiosk offices, the guide's department line). Each form is tested with wordings other
than the entries of tests/eval/accuracy/defects.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_accuracy_more_rules import _found
from test_accuracy_rules import _edit

import generator.validate.rules.accuracy.claims as claims
from generator.validate.rules.accuracy.language import _finding, numbers_en
from generator.validate.rules.accuracy.time_limits import least_calendar_days


# --- visits ------------------------------------------------------------------------------------
def test_no_visit_there_and_back() -> None:
    assert [c.value for c in claims.visit_claims("无需往返办事大厅，在家提交")][:1] == [0]


@pytest.mark.parametrize(
    "text",
    ["材料须申请人亲自到服务中心提交", "务必本人前往派出所办理", "请携带户口簿原件到登记处"],
)
def test_a_visit_required_in_one_general_form(text: str) -> None:
    assert "1+" in [c.value for c in claims.visit_claims(text)]


@pytest.mark.parametrize("text", ["不需要本人前往派出所", "请带实体身份证，现场核验。"])
def test_no_visit_required_stays_quiet(text: str) -> None:
    assert "1+" not in [c.value for c in claims.visit_claims(text)]


def test_a_required_visit_on_a_guide_without_visits(guides: Path) -> None:
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "同时生成电子证书，全程不用跑腿。",
        "同时生成电子证书，纸质证书务必本人前往市民中心领取。",
    )
    found = _found(guides, "accuracy.text.visits", "teacher-qualification.yaml")
    assert line in [p.line for p in found]
    assert "务必本人前往市民中心" in found[0].message


# --- decided at once -------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["材料齐全的即刻予以签发", "The licence is issued right away."])
def test_decided_at_once_in_one_general_form(text: str) -> None:
    assert [c.fact for c in claims.instant_claims(text)] == ["instant"]


@pytest.mark.parametrize(
    "text", ["提交后电子社保卡立即可用", "It is not issued immediately.", "Works straight away."]
)
def test_at_once_without_a_decision_is_no_claim(text: str) -> None:
    assert claims.instant_claims(text) == []


def test_decided_at_once_against_a_promise_in_days(guides: Path) -> None:
    line = _edit(
        guides,
        "services/business-licence-change.yaml",
        "在网上提交，1 个工作日内换发新的营业执照",
        "在网上提交，立刻颁发新的营业执照",
    )
    found = _found(guides, "accuracy.text.instant", "business-licence-change.yaml")
    assert line in [p.line for p in found]


# --- days ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [("预计需要两周办好", (14, "calendar_days")), ("递交后五个工作日内出结果", (5, "working_days")),
     ("It takes around twenty-one days.", (21, "calendar_days")),
     ("processed within twenty-four working days", (24, "working_days"))],
)  # fmt: skip
def test_days_in_more_forms(text: str, value: tuple[int, str]) -> None:
    assert [c.value for c in claims.day_claims(text)] == [value]


@pytest.mark.parametrize("text", ["出生后 30 天内申报", "提交后 30 天内补交材料"])
def test_the_applicants_deadline_is_no_promise(text: str) -> None:
    assert claims.day_claims(text) == []


@pytest.mark.parametrize(
    ("words", "value"), [("twenty-four", 24), ("ninety nine", 99), ("eighteen", 18), ("a", 1)]
)
def test_english_number_words(words: str, value: int) -> None:
    assert claims.en_number(words) == value


def test_weeks_in_english_beyond_the_statutory_limit(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "ask for urgent processing; it usually takes 3 working days.",
        "ask for urgent processing; it takes roughly four weeks.",
    )
    found = _found(guides, "accuracy.text.days-over-statutory", "passport-application.yaml")
    assert line in [p.line for p in found]


def test_a_step_in_working_days_against_a_promise_in_calendar_days(guides: Path) -> None:
    assert [least_calendar_days(n) for n in (1, 5, 6, 10, 11)] == [1, 5, 8, 12, 15]
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "    duration: {value: 7, unit: calendar_days}",
        "    duration: {value: 6, unit: working_days}",
    )
    found = _found(guides, "accuracy.time-limit.steps-over-promised", "passport-application.yaml")
    assert line in [p.line for p in found]


# --- where it can be handled -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "level"),
    [("全国各地均可办理", "national"), ("可在省内范围内受理", "province"),
     ("apply at any office in the province", "province")],
)  # fmt: skip
def test_where_in_one_general_form(text: str, level: str) -> None:
    assert [c.value for c in claims.region_claims(text)] == [level]


def test_a_region_in_english_beyond_cross_region(guides: Path) -> None:
    line = _edit(
        guides,
        "services/elderly-care-subsidy.yaml",
        "It is pa",
        "You can apply throughout China. It is pa",
    )
    found = _found(guides, "accuracy.text.cross-region", "elderly-care-subsidy.yaml")
    assert line in [p.line for p in found]


# --- offices ---------------------------------------------------------------------------------
def test_lunch_said_with_words_between() -> None:
    assert claims.lunch_claim("午饭时间综合窗口照常受理") == "午饭时间综合窗口照常受理"
    assert claims.lunch_claim("中午 12:00–13:30 暂停办理") is None


def test_lunch_at_every_office_where_one_stops(guides: Path) -> None:
    line = _edit(
        guides,
        "services/old-age-allowance.yaml",
        "行动不便的，社区可以上门办理。",
        "行动不便的，社区可以上门办理。所有窗口中午照常办理。",
    )
    found = _found(guides, "accuracy.office.lunch-closed", "old-age-allowance.yaml")
    assert line in [p.line for p in found]
    assert "binjiang-street-station" in found[0].message


@pytest.mark.parametrize(
    ("text", "value"), [("大厅配备轮椅可供借用", True), ("不提供轮椅借用", False)]
)
def test_wheelchair_loans_in_one_general_form(text: str, value: bool) -> None:
    assert [(c.fact, c.value) for c in claims.access_claims(text)] == [("wheelchair_loan", value)]


def test_an_office_note_that_lends_wheelchairs_it_has_not(guides: Path) -> None:
    line = _edit(
        guides,
        "reference/offices.yaml",
        "开办专区 A1 窗口为绿色通道。",
        "开办专区 A1 窗口为绿色通道，入口处可借到轮椅。",
    )
    found = _found(guides, "accuracy.office.accessibility", "offices.yaml")
    assert line in [p.line for p in found]


def test_a_materials_note_against_the_offices_days(guides: Path) -> None:
    """A material's note that names a day but no office: the guide's offices are read."""
    line = _edit(
        guides,
        "services/high-tech-enterprise-recognition.yaml",
        "专利证书、软件著作权登记证书等。",
        "专利证书、软件著作权登记证书等。周日也可到窗口补交纸质件。",
    )
    found = _found(guides, "accuracy.office.closed-day", "high-tech-enterprise-recognition.yaml")
    assert line in [p.line for p in found]


def test_a_kiosk_office_against_the_summarys_days(guides: Path) -> None:
    """A guide whose only offices are those of its kiosks: the summary is read against them."""
    line = _edit(
        guides,
        "services/individual-business-registration.yaml",
        "纸质执照免费寄给你。",
        "纸质执照免费寄给你，周日也可以到自助机打印。",
    )
    found = _found(guides, "accuracy.office.closed-day", "individual-business-registration.yaml")
    assert line in [p.line for p in found]


def test_a_department_no_office_serves_is_reported_at_the_department(guides: Path) -> None:
    line = _edit(
        guides, "services/food-business-licence.yaml", "department: amr", "department: ndrc"
    )
    found = _found(guides, "accuracy.office.wrong-department", "food-business-licence.yaml")
    assert line in [p.line for p in found]
    assert "hexi-district-centre" in next(p for p in found if p.line == line).message


# --- dates -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["每年十三月一日起报名", "于 2 月 30 日前提交", "9月31日截止"])
def test_a_day_of_a_month_without_its_year(guides: Path, text: str) -> None:
    line = _edit(guides, "services/migrant-children-enrolment.yaml", "每年 5 月集中报名", text)
    found = _found(guides, "accuracy.date.not-real", "migrant-children-enrolment.yaml")
    assert line in [p.line for p in found]


def test_a_real_day_without_its_year_is_quiet(guides: Path) -> None:
    _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "每年 5 月集中报名",
        "每年 2 月 29 日前报名",
    )
    assert _found(guides, "accuracy.date.not-real", "migrant-children-enrolment.yaml") == []


def test_a_period_in_chinese_numerals_that_ends_before_it_starts(guides: Path) -> None:
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "每年 5 月集中报名",
        "自二〇二七年五月一日起至二〇二七年四月一日止集中报名",
    )
    found = _found(guides, "accuracy.date.range-reversed", "migrant-children-enrolment.yaml")
    assert line in [p.line for p in found]


@pytest.mark.parametrize(("weekday", "wrong"), [("Tuesday", False), ("Monday", True)])
def test_an_english_weekday_before_a_date(guides: Path, weekday: str, wrong: bool) -> None:
    line = _edit(
        guides,
        "services/marriage-registration.yaml",
        "Popular dates open for booking 30 days ahead;",
        f"Popular dates open for booking 30 days ahead (from {weekday} 8 December 2026);",
    )
    found = _found(guides, "accuracy.date.wrong-weekday", "marriage-registration.yaml")
    assert (line in [p.line for p in found]) is wrong


# --- the two languages -----------------------------------------------------------------------
def test_english_number_words_are_read_whole() -> None:
    assert numbers_en("up to twenty-four months") == ["24"]
    assert _finding("最长 24 个月。", "Up to twenty-four months.") is None
    assert _finding("女方年满 20 周岁", "the woman is eighteen or over") == (
        "numbers",
        ("18",),
        ("20",),
    )


def test_the_hours_of_each_day_in_both_languages() -> None:
    assert _finding("周一至周五 9:00–17:00，周六 9:00–12:00", "Mon–Sat 9:00–17:00") == (
        "hours",
        "sat",
        "09:00–17:00",
        "09:00–12:00",
    )
    assert _finding("周六 9:00–12:00", "Saturday 9 am to noon, 9:00–12:00") is None


def test_hours_that_differ_between_the_languages(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "      en: Monday to Friday 8:30–17:30, Saturday and Sunday 9:00–16:30",
        "      en: Monday to Sunday 8:30–17:30",
    )
    found = _found(guides, "accuracy.language.hours", "passport-application.yaml")
    assert line in [p.line for p in found]


# --- materials -------------------------------------------------------------------------------
def test_an_electronic_lookup_for_a_material_without_a_licence(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "    notes: 换发的请带上旧护照，窗口会剪角后退还给你。",
        "    notes: 窗口在线核验电子护照，不用带旧护照。",
    )
    found = _found(guides, "accuracy.e-licence.lookup-without-licence", "passport-application.yaml")
    assert line in [p.line for p in found]


def test_a_lookup_of_one_case_is_quiet(guides: Path) -> None:
    """`系统能调取电子证照的不用提交` (the sample's own note) names one case, not this material."""
    assert (
        _found(guides, "accuracy.e-licence.lookup-without-licence", "household-transfer.yaml") == []
    )


# --- one reading of an office's hours ----------------------------------------------------------
def test_an_office_lunch_note_against_a_break_inside_its_times(guides: Path) -> None:
    """中午 12:00–13:30 不休息 where a break 13:00–14:00 cuts it: the note's own times are read,
    with the breaks taken out as a guide's rules take them out (`open_periods`)."""
    _edit(
        guides,
        "reference/offices.yaml",
        '        closes: "17:00"\n      - days: [sat]\n        opens: "09:00"\n'
        '        closes: "12:00"\n    lunch_service:\n      available: true\n'
        "      note: {zh-CN: 中午 12:00–13:30 综合窗口不休息",
        '        closes: "17:00"\n        breaks:\n          - {starts: "13:00", ends: "14:00"}\n'
        '      - days: [sat]\n        opens: "09:00"\n        closes: "12:00"\n'
        "    lunch_service:\n      available: true\n"
        "      note: {zh-CN: 中午 12:00–13:30 综合窗口不休息",
    )
    found = _found(guides, "accuracy.office.lunch-closed", "offices.yaml")
    assert [p.path for p in found] == ["offices[0].lunch_service.note.zh-CN"]
    assert "12:00 and 13:30" in found[0].message
    outside = _found(guides, "accuracy.office.outside-hours", "offices.yaml")
    assert [p.path for p in outside] == ["offices[0].lunch_service.note.en"]


def test_an_office_named_in_english_by_its_short_name(guides: Path) -> None:
    """`short_names` hold what English texts call an office too (the vehicle office): a
    sentence that names it speaks of it alone, not of the Citizen Centre beside it."""
    line = _edit(
        guides,
        "services/driving-licence-renewal.yaml",
        "you receive the new licence on the spot.",
        "you receive the new licence on the spot. The vehicle office stays open over lunch.",
    )
    found = _found(guides, "accuracy.office.lunch-closed", "driving-licence-renewal.yaml")
    assert line in [p.line for p in found]
    assert "vehicle-office" in found[0].message


# --- a number of visits ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "count"),
    [("须本人前往窗口三次", 3), ("you need two visits", 2),
     ("You go to the police station once, to confirm your identity.", 1)],
)  # fmt: skip
def test_a_number_of_visits_in_one_general_form(text: str, count: int) -> None:
    assert count in [c.value for c in claims.visit_claims(text)]


@pytest.mark.parametrize(
    "text", ["Once approved, it is paid monthly.", "You need not visit twice."]
)
def test_once_as_a_conjunction_or_negated_is_no_count(text: str) -> None:
    assert [c for c in claims.visit_claims(text) if isinstance(c.value, int)] == []


def test_a_count_of_visits_in_english_against_visits(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "Your photo and fingerprints are taken at the window,",
        "You make three visits in all. Your photo and fingerprints are taken at the window,",
    )
    found = _found(guides, "accuracy.text.visits", "passport-application.yaml")
    assert line in [p.line for p in found]
    assert "three visits" in found[0].message

"""The fifth round of issue 18: what another writer's wordings and places needed (dates in
Chinese numerals and English, a weekday against its date, the named time limit, offices named
by street or English name, bare look-alike hosts, 不得后补, a document no material lists, an
electronic result that is not delivered), and what must stay quiet. Word lists and patterns
are tested one phrase at a time; each new problem code through a copy of the sample guides,
with other wordings than the entries of tests/eval/accuracy/defects.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_accuracy_more_rules import _found
from test_accuracy_rules import _edit

import generator.validate.rules.accuracy.claims as claims
from generator.validate.rules.accuracy import dates
from generator.validate.rules.accuracy.facts import _names
from generator.validate.rules.accuracy.links import may_hold_link


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二〇二五年十二月三十一日前", (2025, 12, 31)),
        ("自二〇二六年三月一日起施行", (2026, 3, 1)),
        ("valid from 1 March 2026", (2026, 3, 1)),
        ("valid from March 1st, 2026", (2026, 3, 1)),
        ("until Sept 30 2026", (2026, 9, 30)),
    ],
)
def test_dates_in_chinese_numerals_and_in_english(text: str, value: tuple[int, int, int]) -> None:
    assert [found for found, _match in dates.written_dates(text)] == [value]


def test_an_english_date_is_a_text_the_date_rule_wants() -> None:
    assert dates.may_hold_date("Certificates issued before 30 February 2025 are void")
    assert not dates.may_hold_date("Bring your identity card")


def test_a_weekday_after_a_date_is_held_to_the_date() -> None:
    def wrong(text: str) -> str | None:
        (found, match), *_rest = dates.written_dates(text)
        return dates._weekday_wrong(text, match, __import__("datetime").date(*found))

    assert wrong("2027 年 1 月 4 日（周日）开始") == "2027 年 1 月 4 日（周日）"
    assert wrong("2027 年 1 月 4 日（星期一）开始") is None
    assert wrong("2027 年 1 月 4 日开始，周日不办公") is None  # no weekday next to the date


def test_a_full_width_dash_between_two_times() -> None:
    assert claims.time_ranges("周六 12:00－9:00") == [("12:00", "09:00", "12:00－9:00")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("审核一般需要 12 个工作日", (12, "working_days")),
        ("大约三周左右", (21, "calendar_days")),
        ("窗口受理后十个工作日内办结", (10, "working_days")),
    ],
)
def test_more_ways_to_say_how_long_it_takes(text: str, value: tuple[int, str]) -> None:
    assert value in [c.value for c in claims.day_claims(text)]


def test_days_after_the_applicants_own_act_stay_a_deadline() -> None:
    """出生后 30 天内 is the parents' deadline; only 受理后 counts from the office's act."""
    assert claims.day_claims("宝宝出生后 30 天内申报") == []
    assert claims.day_claims("一周岁左右的宝宝") == []


def test_free_of_charge_is_no_negation() -> None:
    assert not claims.negated("服务台可免费借用轮椅", "服务台可免费借用轮椅".index("借用轮椅"))
    assert claims.negated("服务台不提供借用轮椅", "服务台不提供借用轮椅".index("借用轮椅"))


def test_hours_until_a_time_in_english() -> None:
    (opening,) = claims.opening_claims("The hall stays open until 6:30 pm on weekdays")
    assert ("18:29", "18:30", "until 6:30 pm") in opening.times


@pytest.mark.parametrize(
    "text", ["No need come to the hall, all is done online.", "You need not visit any office."]
)
def test_non_native_english_no_visit(text: str) -> None:
    assert {c.value for c in claims.visit_claims(text)} == {0}


def test_an_office_is_named_by_its_street_and_its_english_name() -> None:
    item = {
        "name": {"zh-CN": "临江市某某服务中心", "en": "Linjiang Harbour Permit Service Centre"},
        "address": {"zh-CN": "临江市江滨区港口大道 12 号二楼"},
    }
    names = _names(item, "临江市某某服务中心")
    assert "港口大道 12 号" in names and "港口大道12号" in names
    assert "Permit Service Centre" in names
    assert "Service Centre" not in names  # two words are every centre's


def test_a_bare_host_is_a_text_the_link_rule_wants() -> None:
    assert may_hold_link("表格在 rsj-linjiang.cn 下载")
    assert not may_hold_link("表格在窗口领取")


def test_a_bare_look_alike_host_is_an_error(guides: Path) -> None:
    line = _edit(
        guides,
        "services/retirement-pension.yaml",
        "养老金发到社保卡的金融账户。",
        "养老金发到社保卡的金融账户，明细可在 linjlang-rsj.net 查询。",
    )
    found = _found(guides, "accuracy.link.look-alike", "retirement-pension.yaml")
    assert [p.line for p in found] == [line]


def test_the_wrong_weekday_after_a_date(guides: Path) -> None:
    line = _edit(
        guides,
        "services/old-age-allowance.yaml",
        "可以。满 80 周岁的当月申请，当月开始发放。",
        "可以。2027 年 3 月 1 日（周五）起满 80 周岁的，当月申请，当月开始发放。",
    )
    found = _found(guides, "accuracy.date.wrong-weekday", "old-age-allowance.yaml")
    assert [p.line for p in found] == [line]
    assert "Monday" in found[0].message


def test_a_named_statutory_limit_against_the_field(guides: Path) -> None:
    """承诺时限 said in a FAQ answer, against `time_limit.promised` (10 working days)."""
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "过期后需要重新参加考试。",
        "过期后需要重新参加考试。本事项承诺时限为 8 个工作日。",
    )
    found = _found(guides, "accuracy.text.named-time-limit", "teacher-qualification.yaml")
    assert line in [p.line for p in found]
    assert "`time_limit.promised` is 10 working days" in found[0].message


def test_a_named_limit_that_agrees_is_quiet(guides: Path) -> None:
    _edit(
        guides,
        "services/teacher-qualification.yaml",
        "过期后需要重新参加考试。",
        "过期后需要重新参加考试。本事项法定时限为二十个工作日。",
    )
    assert _found(guides, "accuracy.text.named-time-limit", "teacher-qualification.yaml") == []


def test_an_office_named_by_its_address_that_does_not_serve_the_department(guides: Path) -> None:
    line = _edit(
        guides,
        "services/elderly-care-subsidy.yaml",
        "也可以到户籍所在的社区居委会，由工作人员帮你提交。",
        "也可以到人民路301号大厅，由工作人员帮你提交。",
    )
    found = _found(guides, "accuracy.office.named-wrong-department", "elderly-care-subsidy.yaml")
    assert [p.line for p in found] == [line]
    assert "`social-security-hall`" in found[0].message


def test_not_to_be_handed_in_later_on_a_deferrable_material(guides: Path) -> None:
    line = _edit(
        guides,
        "services/unemployment-benefit.yaml",
        "拿不到证明的，可以先申请，30 天内补交。",
        "该证明不可容缺，申请时一并上传。",
    )
    found = _found(guides, "accuracy.material.not-deferrable", "unemployment-benefit.yaml")
    assert line in [p.line for p in found]
    assert "`不可容缺`" in found[0].message


def test_a_step_that_brings_the_original_of_an_electronic_material(guides: Path) -> None:
    line = _edit(
        guides,
        "services/id-card-replacement.yaml",
        "你确认信息后交工本费。",
        "你确认信息后交工本费，请带好户口簿原件。",
    )
    found = _found(guides, "accuracy.material.step-form", "id-card-replacement.yaml")
    assert line in [p.line for p in found]


def test_a_document_no_material_names(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "带上证明可以申请加急，",
        "带上证明和结婚证可以申请加急，",
    )
    found = _found(guides, "accuracy.material.not-listed", "passport-application.yaml")
    assert [(p.line, p.severity.value) for p in found] == [(line, "warning")]
    assert "`结婚证`" in found[0].message


def test_a_document_the_text_says_not_to_bring_is_quiet(guides: Path) -> None:
    _edit(
        guides,
        "services/passport-application.yaml",
        "带上证明可以申请加急，",
        "带上证明可以申请加急，不用带户口簿，",
    )
    assert _found(guides, "accuracy.material.not-listed", "passport-application.yaml") == []


def test_an_electronic_result_that_is_not_delivered(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "and you can have it posted to you.",
        "and you can have it posted to you; an electronic passport appears in the app.",
    )
    found = _found(guides, "accuracy.text.electronic-result", "passport-application.yaml")
    assert line in [p.line for p in found]


def test_an_electronic_result_that_is_delivered_is_quiet(guides: Path) -> None:
    """食品经营许可: no e_licence in the catalogue, but `delivery` has electronic."""
    assert _found(guides, "accuracy.text.electronic-result", "food-business-licence.yaml") == []


def test_the_applicants_time_to_complete_is_no_promise() -> None:
    """需要 N 个工作日内补正 is the applicant's deadline (内 and 补正), not how long it takes."""
    assert claims.day_claims("如材料不全，你需要 3 个工作日内补正") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The registry can only be reached by stairs.", False),
        ("大厅仅有楼梯，没有电梯。", False),
    ],
)
def test_no_step_free_access_said_in_other_words(text: str, value: bool) -> None:
    facts = [(c.fact, c.value) for c in claims.access_claims(text)]
    assert any(fact in ("step_free", "stairs_only") for fact, _v in facts), facts


def test_stairs_beside_a_lift_are_no_claim() -> None:
    assert claims.access_claims("Take the lift, or go up by stairs.") == []


def test_an_electronic_document_the_citizen_uses_is_no_electronic_result(guides: Path) -> None:
    """电子签名 and 凭电子身份证登录 in a passport summary (delivery: pickup, post) are tools
    the citizen uses, not the passport."""
    _edit(
        guides,
        "services/passport-application.yaml",
        "到窗口拍照、录指纹，",
        "凭电子身份证登录预约，到窗口拍照、录指纹，",
    )
    assert _found(guides, "accuracy.text.electronic-result", "passport-application.yaml") == []

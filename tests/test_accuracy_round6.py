"""The sixth round of issue 18: general forms instead of more phrases (traditional characters,
廿 and 拾, not needed + in person + go + office, a decision on a named day, lunch said as
usual, offices named per sentence, every named day's hours, post addresses, the whole promise
used, the offices' weekend business), and what must stay quiet. Each form is tested with
other wordings than the entries of tests/eval/accuracy/defects.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_accuracy_more_rules import _found
from test_accuracy_rules import _edit

import generator.validate.rules.accuracy.claims as claims
from generator.validate.rules.accuracy import materials
from generator.validate.rules.accuracy.facts import _names
from generator.validate.rules.accuracy.script import original_phrase, simplified


def test_traditional_characters_are_read_one_for_one() -> None:
    text = "週日休息，請親自前往辦理"
    assert simplified(text) == "周日休息，请亲自前往办理"
    assert len(simplified(text)) == len(text)
    assert original_phrase(text, "亲自前往") == "親自前往"
    plain = "周一至周五 8:30–17:30"
    assert simplified(plain) == plain  # simplified text is handed back as it is


def test_the_word_lists_read_traditional_characters() -> None:
    assert [c.value for c in claims.region_claims("本證可全國通辦")] == ["national"]
    assert claims.closed_days("週日不辦公") == [("sun", "周日")]


@pytest.mark.parametrize(
    ("word", "value"),
    [("廿", 20), ("廿三", 23), ("卅", 30), ("拾", 10), ("壹佰伍拾", 150), ("二〇二七", 2027),
     ("三五", 5), ("十五", 15)],
)  # fmt: skip
def test_numerals_of_receipts_and_older_writing(word: str, value: int) -> None:
    assert claims.zh_number(word) == value


def test_an_amount_in_formal_numerals_is_a_fee() -> None:
    assert [c.value for c in claims.fee_claims("证照工本费壹拾伍元")] == [15.0]


@pytest.mark.parametrize(
    "text",
    ["毋须本人到窗口，在线即可", "勿需前往政务中心", "全程无需亲自到柜台", "不必当面到现场"],
)
def test_no_visit_in_one_general_form(text: str) -> None:
    assert [c.value for c in claims.visit_claims(text)][:1] == [0]


@pytest.mark.parametrize("text", ["不用再去窗口", "无需到窗口排队取号", "毋须到服务中心开证明"])
def test_one_visit_or_one_errand_fewer_is_no_claim(text: str) -> None:
    assert claims.visit_claims(text) == []


@pytest.mark.parametrize(
    ("text", "fact"),
    [("受理后翌日即可领取", "next_day"), ("材料齐全的，隔天就能拿到", "next_day"),
     ("即日办结", "same_day"), ("当天即予发证", "same_day")],
)  # fmt: skip
def test_a_decision_on_a_named_day(text: str, fact: str) -> None:
    assert [c.fact for c in claims.instant_claims(text)] == [fact]


@pytest.mark.parametrize(
    "text",
    ["从审批通过的次日起计发", "请于次日前来领取回执", "急用的次日即可领取，其他的 5 个工作日内"],
)
def test_a_named_day_that_decides_nothing(text: str) -> None:
    assert [c for c in claims.instant_claims(text) if c.fact == "next_day"] == []


def test_noon_and_midnight_end_a_twelve_hour_range() -> None:
    assert claims.am_pm_ranges("Sat 9 am–noon") == [("09:00", "12:00", "9 am–noon")]
    assert claims.am_pm_ranges("open 8 p.m. to midnight") == [
        ("20:00", "24:00", "8 p.m. to midnight")
    ]


@pytest.mark.parametrize(
    ("text", "claimed"),
    [("午休时间也正常受理", True), ("中午亦可照常办理", True), ("午间不停办", True),
     ("中午 12:00–13:30 暂停办理", False), ("午间请预约", False)],
)  # fmt: skip
def test_lunch_service_in_one_general_form(text: str, claimed: bool) -> None:
    assert (claims.lunch_claim(text) is not None) is claimed


@pytest.mark.parametrize(
    ("text", "found"),
    [("不支持日后补交", True), ("须与身份证一并提交", True), ("务必同时提交", True),
     ("可以先申请，日后补交", False)],
)  # fmt: skip
def test_not_later_in_two_general_forms(text: str, found: bool) -> None:
    assert (materials._NOT_LATER.search(text) is not None) is found


def test_a_next_day_decision_against_a_longer_promise(guides: Path) -> None:
    line = _edit(
        guides,
        "services/residence-permit.yaml",
        "证件免费寄给你。",
        "受理后翌日即可领取证件。",
    )
    found = _found(guides, "accuracy.text.next-day", "residence-permit.yaml")
    assert line in [p.line for p in found]
    assert "`翌日即可领取`" in found[0].message


def test_a_next_day_decision_within_the_promise_is_quiet(guides: Path) -> None:
    """Driving licence renewal promises 1 working day: the next day is within it."""
    _edit(
        guides,
        "services/driving-licence-renewal.yaml",
        "新驾驶证邮寄到家，工本费 10 元。",
        "次日即可办好，新驾驶证邮寄到家，工本费 10 元。",
    )
    assert _found(guides, "accuracy.text.next-day", "driving-licence-renewal.yaml") == []


def test_a_post_address_that_names_an_office_at_another_number(guides: Path) -> None:
    line = _edit(
        guides,
        "services/retirement-pension.yaml",
        "临江市江滨区人民路 301 号 市社会保险服务大厅退休专窗（收）",
        "临江市江滨区人民路 130 号 市社会保险服务大厅退休专窗（收）",
    )
    found = _found(guides, "accuracy.address.street", "retirement-pension.yaml")
    assert [p.line for p in found] == [line]
    assert "`人民路 301 号`" in found[0].message


def test_a_contact_named_after_a_window_of_an_office(guides: Path) -> None:
    """市社会保险服务大厅退休专窗 is the hall's window: its address is the hall's."""
    line = _edit(
        guides,
        "services/retirement-pension.yaml",
        "    address: 临江市江滨区人民路 301 号\n",
        "    address: 临江市江滨区人民路 310 号\n",
    )
    found = _found(guides, "accuracy.address.street", "retirement-pension.yaml")
    assert [p.line for p in found] == [line]


def test_the_whole_promise_used_before_a_later_step(guides: Path) -> None:
    """Minimum living allowance: review 15 working days, then 7 days of public notice, within a
    promise of 20 working days; a review of 20 leaves no time for the notice."""
    line = _edit(
        guides,
        "services/minimum-living-allowance.yaml",
        "    duration: {value: 15, unit: working_days}",
        "    duration: {value: 22, unit: working_days}",
    )
    assert line in [
        p.line
        for p in _found(
            guides, "accuracy.time-limit.steps-over-promised", "minimum-living-allowance.yaml"
        )
    ]
    _edit(
        guides,
        "services/minimum-living-allowance.yaml",
        "    duration: {value: 22, unit: working_days}",
        "    duration: {value: 20, unit: working_days}",
    )
    found = _found(guides, "accuracy.time-limit.no-time-left", "minimum-living-allowance.yaml")
    assert line in [p.line for p in found]
    assert "step 4 still takes 7 calendar days" in found[0].message


def test_delivery_after_the_whole_promise_is_quiet(guides: Path) -> None:
    """Driving licence renewal: a review of 1 working day (the whole promise), then the licence
    posted in 3 calendar days, is delivery."""
    assert _found(guides, "accuracy.time-limit.no-time-left", "driving-licence-renewal.yaml") == []


def test_hours_on_every_named_day(guides: Path) -> None:
    line = _edit(
        guides,
        "services/id-card-replacement.yaml",
        "      zh-CN: 周一至周五 8:30–17:30，周六周日 9:00–16:30",
        "      zh-CN: 每周一至周六 8:30–17:30",
    )
    found = _found(guides, "accuracy.office.outside-hours", "id-card-replacement.yaml")
    assert line in [p.line for p in found]


def test_a_sentence_that_names_its_office(guides: Path) -> None:
    line = _edit(
        guides,
        "services/minimum-living-allowance.yaml",
        "    note: 也可以到户籍所在地的街道（乡镇）社会救助窗口申请。",
        "    note: 河西区中心有助听环路。北山区中心也可借用轮椅。",
    )
    found = _found(guides, "accuracy.office.accessibility", "minimum-living-allowance.yaml")
    assert [p.line for p in found] == [line]
    assert "beishan-district-centre" in found[0].message


def test_a_sentence_whose_office_has_it_is_quiet(guides: Path) -> None:
    _edit(
        guides,
        "services/minimum-living-allowance.yaml",
        "    note: 也可以到户籍所在地的街道（乡镇）社会救助窗口申请。",
        "    note: 北山区中心不能借用轮椅；河西区中心可借用轮椅。",
    )
    assert _found(guides, "accuracy.office.accessibility", "minimum-living-allowance.yaml") == []


def test_weekend_business_the_offices_leave_out(guides: Path) -> None:
    line = _edit(
        guides,
        "services/household-transfer.yaml",
        "    note: 户口迁移只在工作日办理，周末窗口只办身份证和出入境证件。",
        "    note: 迁户口周日也能办。",
    )
    found = _found(guides, "accuracy.office.weekend-business", "household-transfer.yaml")
    assert [p.line for p in found] == [line]


def test_weekend_business_an_office_does_is_quiet(guides: Path) -> None:
    """The Hexi centre's weekend note keeps Saturday to social security, medical insurance and
    residence permits: a residence-permit note that sends people there on Saturday is true."""
    _edit(
        guides,
        "services/residence-permit.yaml",
        "      zh-CN: 也可以到居住地的派出所户籍窗口办理。",
        "      zh-CN: 河西区中心周六上午也可以办理。",
    )
    assert _found(guides, "accuracy.office.weekend-business", "residence-permit.yaml") == []


def test_a_traditional_note_is_reported_where_it_is_written(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "      zh-CN: 户政和出入境服务大厅周六、周日也办理护照。",
        "      zh-CN: 戶政和出入境服務大廳週六、週日也辦理護照，國慶節照常辦公。",
    )
    found = _found(guides, "accuracy.office.holiday-unconfirmed", "passport-application.yaml")
    found += _found(guides, "accuracy.office.closed-day", "passport-application.yaml")
    assert [p.line for p in found] == [line]


def test_the_citizen_centre_is_called_by_the_rest_of_its_name() -> None:
    """临江市民中心 is 临江 + 市民中心: guides say 市民中心 (市民中心三楼婚姻登记处)."""
    item = {"name": {"zh-CN": "临江市民中心"}, "address": {"zh-CN": "临江市江滨区市民街 88 号"}}
    assert "市民中心" in _names(item, "临江市民中心")
    assert "社会保险服务大厅" in _names({}, "临江市社会保险服务大厅")


def test_a_traditional_phrase_is_quoted_as_written(guides: Path) -> None:
    line = _edit(
        guides,
        "services/residence-permit.yaml",
        "先在网上申报，再去一次派出所或户政大厅拍照和核对身份",
        "先在网上申报，毋須親身前往派出所，照片在網上核對",
    )
    found = _found(guides, "accuracy.text.visits", "residence-permit.yaml")
    assert [p.line for p in found][:1] == [line]
    assert "`毋須親身前往派出所`" in found[0].message


def test_a_material_note_that_asks_for_a_visit_on_a_no_visit_guide(guides: Path) -> None:
    """需本人到场核验原件 in a material's notes of a guide with `visits: 0` (found by trying
    the starter project: the summary was read, the materials' notes were not)."""
    line = _edit(
        guides,
        "services/old-age-allowance.yaml",
        "notes: 家属或社区工作人员代办时需要。",
        "notes: 家属或社区工作人员代办时需要，需本人到场核验原件。",
    )
    found = _found(guides, "accuracy.text.visits", "old-age-allowance.yaml")
    assert line in [p.line for p in found]


def test_a_material_note_on_a_check_at_the_window_of_a_visiting_guide_is_quiet(
    guides: Path,
) -> None:
    """The samples' own 到现场核验时请带上实体身份证 (residence permit, one visit)."""
    assert _found(guides, "accuracy.text.visits", "residence-permit.yaml") == []

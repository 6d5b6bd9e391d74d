"""The ninth round of issue 18: facts read with their kind and unit in both languages
(quantities.py), how the result is delivered (delivery.py), counts restated in steps and
answers (counts.py), an office named by its short name, 通办 in a step, a list of fees.
Each form is tested with other wordings than the entries r9-… of
tests/eval/accuracy/defects.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_accuracy_more_rules import _found
from test_accuracy_rules import _edit

from generator.source.loader import load_file
from generator.validate.problems import Severity
from generator.validate.rules.accuracy import quantities
from generator.validate.rules.accuracy.delivery import delivery_claims
from generator.validate.rules.accuracy.language import _finding
from generator.validate.rules.checker import Checker


# --- typed facts of the two languages ----------------------------------------------------------
@pytest.mark.parametrize(
    ("zh", "en", "kind"),
    [
        ("有效期 3 个月", "valid for 3 weeks", "duration"),  # same number, other unit
        ("半小时就能办完", "it takes 20 minutes", "duration"),
        ("两周内寄出", "posted within 10 days", "duration"),
        ("10 个工作日内办结", "decided within 10 days", "duration"),  # working against calendar
        ("最长两年", "for up to 36 months", "duration"),
        ("按百分之七十发放", "paid at 90 %", "percent"),
        ("六十五周岁以上", "aged 60 or over", "age"),
        ("向北步行 5 分钟", "walk south for 5 minutes", "direction"),
        ("地铁 C 口出", "metro exit D", "exit"),
        ("四代以内", "within three generations", "count"),
        ("每年申报两次", "you report once a year", "count"),
        ("新证免费邮寄到家", "the new card is posted to you at your cost", "postage"),
        ("必须本人办理，不能委托", "a relative can apply on your behalf", "proxy"),
    ],
)
def test_a_fact_of_one_kind_said_otherwise_in_the_other_language(
    zh: str, en: str, kind: str
) -> None:
    found = quantities.difference(zh, en)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("最长三年", "for up to 36 months"),  # years as months
        ("两周内寄出", "posted within two weeks"),
        ("半个月内", "within 15 days"),
        ("半小时", "half an hour"),
        ("百分之九十", "ninety per cent"),
        ("六十周岁以上", "60 or over"),
        ("中心东侧有停车场", "car park on the east side"),
        ("B 口出", "exit B"),
        ("每年受理两批", "two rounds a year"),  # how often, not how long
        ("3 至 5 个工作日", "5 working days"),  # one language says more, not otherwise
        ("１０ 天", "ten days"),
        ("三代以内", "within three generations"),
        ("每年集中受理两批", "two application rounds a year"),
        ("每年签注一次，到期前 30 天提醒", "once a year; we text you 30 days before"),
        ("三代以内，签注两次", "within three generations; once you have applied"),  # as soon as
        ("一次性创业补贴，只跑一次", "a one-off grant; you only go once."),
        ("邮费自付", "it comes by EMS at your cost"),
        ("不能代办", "nobody else can apply for you"),
        ("可以由子女代办", "your children can apply for you"),
    ],
)
def test_the_same_fact_written_otherwise_is_no_difference(zh: str, en: str) -> None:
    assert quantities.difference(zh, en) is None


def test_the_bare_numbers_rule_reads_years_as_months() -> None:
    """三年 and 36 months are one time: the bare numbers 3 and 36 are no difference."""
    assert _finding("租房补贴最长三年", "housing subsidy for up to 36 months") is None
    assert _finding("租房补贴最长两年", "housing subsidy for up to 36 months") is not None


def test_a_unit_changed_in_one_language_at_its_line(guides: Path) -> None:
    line = _edit(
        guides,
        "services/residence-permit.yaml",
        "we text you 30 days before it is due",
        "we text you 30 working days before it is due",
    )
    found = _found(guides, "accuracy.language.duration", "residence-permit.yaml")
    assert [(p.line, p.severity) for p in found] == [(line, Severity.ERROR)]
    assert "30 working days" in found[0].message


def test_directions_of_an_office_in_the_reference_data(guides: Path) -> None:
    line = _edit(
        guides, "reference/offices.yaml", "then 5 minutes' walk south", "then 5 minutes' walk north"
    )
    found = _found(guides, "accuracy.language.direction", "offices.yaml")
    assert [p.line for p in found] == [line]


# --- delivery ----------------------------------------------------------------------------------
def test_a_result_said_to_be_collected_where_delivery_has_no_pickup(guides: Path) -> None:
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "审核通过后发放教师资格证书，",
        "审核通过后请到市民中心窗口领取教师资格证书，",
    )
    found = _found(guides, "accuracy.text.delivery-pickup", "teacher-qualification.yaml")
    lines = [p.line for p in found]
    assert line in lines and len(lines) == 2  # the text, and `result.delivery` naming it


def test_a_result_said_to_be_posted_where_delivery_has_no_post(guides: Path) -> None:
    line = _edit(
        guides,
        "services/marriage-registration.yaml",
        "当场领取结婚证，每人一本。",
        "结婚证制好后免费邮寄到家，每人一本。",
    )
    found = _found(guides, "accuracy.text.delivery-post", "marriage-registration.yaml")
    assert line in [p.line for p in found]


def test_the_result_named_short_is_the_result_in_both_languages(guides: Path) -> None:
    """新证 (the new card) in the Chinese summary is the identity card the English calls "the
    new card": posting it where `delivery` has no `post` is reported in both languages."""
    _edit(
        guides,
        "services/id-card-replacement.yaml",
        "delivery: [post, pickup]",
        "delivery: [pickup]",
    )
    text = (guides / "services" / "id-card-replacement.yaml").read_text(encoding="utf-8")
    zh_line = text[: text.index("新证可以邮寄到家")].count("\n") + 1
    en_line = text[: text.index("the new card can be posted to you")].count("\n") + 1
    found = _found(guides, "accuracy.text.delivery-post", "id-card-replacement.yaml")
    assert {zh_line, en_line} <= {p.line for p in found}


def test_a_choice_of_delivery_states_one_case() -> None:
    assert delivery_claims("选邮寄的，护照寄到家；选自取的，到原窗口领取。") == ()
    assert delivery_claims("If you chose post, the card is posted to you.") == ()


def test_another_document_posted_is_not_the_result(guides: Path) -> None:
    """The talent guide's result is a certificate; its step posts a household register."""
    assert _found(guides, "accuracy.text.delivery-post", "talent-introduction.yaml") == []


# --- counts in steps and answers ---------------------------------------------------------------
def test_a_count_in_an_answer_against_the_materials_copies(guides: Path) -> None:
    line = _edit(
        guides,
        "services/marriage-registration.yaml",
        "不用，带身份证就行。",
        "不用，带身份证和 2 张合影就行。",
    )
    found = _found(guides, "accuracy.material.count-elsewhere", "marriage-registration.yaml")
    assert line in [p.line for p in found]
    assert "`copies` is 3" in found[0].message


def test_the_same_count_in_words_is_quiet(guides: Path) -> None:
    _edit(
        guides,
        "services/marriage-registration.yaml",
        "不用，带身份证就行。",
        "不用，带身份证和三张合影就行。",
    )
    assert _found(guides, "accuracy.material.count-elsewhere", "marriage-registration.yaml") == []


def test_a_step_bringing_a_document_to_a_window_that_is_no_material(guides: Path) -> None:
    line = _edit(
        guides,
        "services/residence-permit.yaml",
        "按预约时间带身份证到派出所或户政大厅",
        "按预约时间带结婚证到派出所或户政大厅",
    )
    found = _found(guides, "accuracy.material.not-listed", "residence-permit.yaml")
    assert [(p.line, p.severity) for p in found] == [(line, Severity.WARNING)]


# --- references, regions, fees -----------------------------------------------------------------
def test_a_contact_named_by_an_offices_short_name_has_its_phone(guides: Path) -> None:
    """市公安局车辆管理所 ends with the vehicle office's short name 车辆管理所."""
    line = _edit(
        guides, "services/driving-licence-renewal.yaml", '"0599-8703 2122"', '"0599-8703 2123"'
    )
    found = _found(guides, "accuracy.contact.phone", "driving-licence-renewal.yaml")
    assert [p.line for p in found] == [line]


def test_tongban_in_a_step_against_cross_region(guides: Path) -> None:
    line = _edit(
        guides,
        "services/company-registration.yaml",
        "税务、公安、人社等部门同步办好各自的事项。",
        "税务、公安、人社等部门同步办好各自的事项，全国通办。",
    )
    found = _found(guides, "accuracy.text.cross-region", "company-registration.yaml")
    assert line in [p.line for p in found]


def test_the_second_fee_of_a_list_in_a_step(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "核对信息后你交费。",
        "核对信息后你交 120 元护照费及 30 元加急费。",
    )
    found = _found(guides, "accuracy.text.fees", "passport-application.yaml")
    assert line in [p.line for p in found]
    assert any("30 元加急费" in p.message for p in found)


def test_a_text_that_sends_people_home_on_a_service_handled_anywhere(guides: Path) -> None:
    """只能在户籍所在地办理 on the passport guide, which is handled nationwide."""
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "能。普通护照已经全国通办，带身份证到任何一个出入境窗口都可以申请。",
        "不能。普通护照只能在户籍所在地出入境窗口申请。",
    )
    found = _found(guides, "accuracy.text.home-region", "passport-application.yaml")
    assert line in [p.line for p in found]
    _edit(guides, "services/passport-application.yaml", "只能在户籍所在地", "也可以在户籍所在地")
    assert _found(guides, "accuracy.text.home-region", "passport-application.yaml") == []


# --- badges against the fields behind them -----------------------------------------------------
def test_fully_online_with_visits(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "online_depth: online_booking",
        "online_depth: fully_online",
    )
    found = _found(guides, "accuracy.badge.fully-online-visits", "passport-application.yaml")
    assert line in [p.line for p in found] and len(found) == 2  # and at `visits`


def test_an_online_depth_without_an_online_channel(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "  - type: app\n    name:\n      zh-CN: 临江办事\n      en: Linjiang Services\n    path:\n"
        "      zh-CN: 首页 › 户籍居住 › 出入境证件预约\n"
        "      en: Home › Residence › Book a travel document appointment\n",
        "",
    )
    found = _found(guides, "accuracy.badge.online-without-channel", "passport-application.yaml")
    assert [p.line for p in found] and line > found[0].line  # at `online_depth`, above


def test_no_visit_where_the_result_can_only_be_collected(guides: Path) -> None:
    line = _edit(
        guides,
        "services/birth-medical-certificate.yaml",
        "  delivery: [electronic, pickup]",
        "  delivery: [pickup]",
    )
    found = _found(guides, "accuracy.badge.no-visit-pickup-only", "birth-medical-certificate.yaml")
    assert line in [p.line for p in found]


# --- a fee of the service itself, outside the summary, on a free service -----------------------
def test_a_fee_of_the_service_itself_in_an_answer_on_a_free_service(guides: Path) -> None:
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "不能。合格证明有效期为 3 年，过期后需要重新参加考试。",
        "不能。合格证明有效期为 3 年，过期后需要重新参加考试，认定费 50 元。",
    )
    found = _found(guides, "accuracy.text.fees", "teacher-qualification.yaml")
    assert line in [p.line for p in found]


def test_a_replacement_fee_in_its_own_clause_is_one_case(guides: Path) -> None:
    """The residence-permit sample: 补领收工本费 20 元 on a free service stays quiet."""
    _edit(guides, "services/residence-permit.yaml", "补领收工本费 20 元", "补领的收取工本费 20 元")
    assert _found(guides, "accuracy.text.fees", "residence-permit.yaml") == []


def test_a_charge_said_with_its_verb_and_no_fee_name(guides: Path) -> None:
    """需缴纳 30 元 on the free teacher-qualification service; 补办 in its clause is one case."""
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "不能。合格证明有效期为 3 年，过期后需要重新参加考试。",
        "不能。合格证明有效期为 3 年，过期后需要重新参加考试，报名需缴纳 30 元。",
    )
    found = _found(guides, "accuracy.text.fees", "teacher-qualification.yaml")
    assert line in [p.line for p in found]
    _edit(guides, "services/teacher-qualification.yaml", "报名需缴纳 30 元", "证书补办需缴纳 30 元")
    assert _found(guides, "accuracy.text.fees", "teacher-qualification.yaml") == []


def test_an_age_in_the_summary_that_the_eligibility_does_not_name(guides: Path) -> None:
    """Both languages of the summary say 70 where the eligibility says 80: a warning."""
    line = _edit(
        guides,
        "services/old-age-allowance.yaml",
        "  zh-CN: 年满 80 周岁、户口在临江的老人",
        "  zh-CN: 年满 70 周岁、户口在临江的老人",
    )
    _edit(
        guides,
        "services/old-age-allowance.yaml",
        "If you are 80 or over and",
        "If you are 70 or over and",
    )
    found = _found(guides, "accuracy.text.age-eligibility", "old-age-allowance.yaml")
    assert [(p.line, p.severity) for p in found] == [
        (line, Severity.WARNING),
        (line + 1, Severity.WARNING),
    ]
    assert "80" in found[0].message


def test_the_ages_of_a_text_are_read_once_a_run(
    guides: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The eligibility, summary and answers recur from guide to guide: a second guide with
    the same texts is answered from what the first taught (issue 15), with the same
    warnings at its own lines."""
    _edit(
        guides,
        "services/old-age-allowance.yaml",
        "  zh-CN: 年满 80 周岁、户口在临江的老人",
        "  zh-CN: 年满 70 周岁、户口在临江的老人",
    )
    read: list[str] = []

    def counted(reader: Any) -> Any:
        def read_ages(text: str) -> Any:
            read.append(text)
            return reader(text)

        return read_ages

    monkeypatch.setitem(quantities._AGES, "zh-CN", counted(quantities.ages_zh))
    monkeypatch.setitem(quantities._AGES, "en", counted(quantities.ages_en))
    for remembered in vars(quantities).values():  # a fresh run: nothing remembered yet
        if hasattr(remembered, "cache_clear"):
            remembered.cache_clear()
    loaded = load_file(guides / "services" / "old-age-allowance.yaml")
    assert isinstance(loaded.data, dict)
    found = []
    for _copy in range(2):
        check = Checker(loaded)
        quantities.check_restated_ages(check, loaded.data)
        found.append([(p.code, p.line) for p in check.problems])
    assert found[0] == found[1] and found[0]
    assert found[0][0][0] == "accuracy.text.age-eligibility"
    assert sorted(read) == sorted(set(read))  # each text read once, in the first guide


def test_an_answer_naming_the_eligibilitys_age_is_quiet(guides: Path) -> None:
    assert _found(guides, "accuracy.text.age-eligibility", "passport-application.yaml") == []

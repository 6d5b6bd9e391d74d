"""The eighth round of issue 18: links, phone numbers, addresses, dates, numbers between the
two languages, fees and e-licence catalogue edits, each read in a general form (a host's
labels and port, a hotline's owner by the department's name, an office's street, a date in
figures, an amount in 万 against millions). Each form is tested with other wordings than the
entries r8-… of tests/eval/accuracy/defects.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_accuracy_more_rules import _found
from test_accuracy_rules import _edit

import generator.validate.rules.accuracy.claims as claims
from generator.validate.problems import Severity
from generator.validate.rules.accuracy.language import _finding, numbers_en


# --- links -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://uat.zwfw.linjiang.example/complaints", "accuracy.link.test-host"),
        ("https://zwfw-staging.linjiang.example/complaints", "accuracy.link.test-host"),
        ("https://zwfw.linjiang.example:9090/complaints", "accuracy.link.port"),
        ("https://zwfw.linjiang.example/complaints?utm_source=wechat", "accuracy.link.tracking"),
    ],
)
def test_what_a_reviewer_refuses_in_an_address_on_the_citys_own_host(
    guides: Path, url: str, code: str
) -> None:
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "    url: https://zwfw.linjiang.example/complaints",
        f"    url: {url}",
    )
    found = _found(guides, code, "teacher-qualification.yaml")
    assert [p.line for p in found] == [line]


def test_a_plain_version_parameter_is_no_tracking(guides: Path) -> None:
    _edit(
        guides,
        "services/teacher-qualification.yaml",
        "    url: https://zwfw.linjiang.example/complaints",
        "    url: https://zwfw.linjiang.example/complaints?lang=en",
    )
    assert _found(guides, "accuracy.link.tracking", "teacher-qualification.yaml") == []


def test_a_contact_on_another_departments_website(guides: Path) -> None:
    """Education complaints on the tax bureau's site: a warning naming the tax bureau."""
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "    url: https://zwfw.linjiang.example/complaints",
        "    url: https://tax.linjiang.example/complaints",
    )
    found = _found(guides, "accuracy.link.other-department", "migrant-children-enrolment.yaml")
    assert [(p.line, p.severity) for p in found] == [(line, Severity.WARNING)]
    assert "临江市税务局" in found[0].message or "税务" in found[0].message


# --- phones ------------------------------------------------------------------------------------
def test_a_contact_named_after_one_hotline_with_another_number(guides: Path) -> None:
    line = _edit(
        guides,
        "services/residence-permit.yaml",
        '    phone: "12345"',
        '    phone: "12315"',
    )
    found = _found(guides, "accuracy.phone.name-number", "residence-permit.yaml")
    assert [p.line for p in found] == [line]


def test_a_national_hotline_of_another_department(guides: Path) -> None:
    """12315 (market regulation) as the education bureau's complaints line."""
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        '    phone: "0599-8701 2300"',
        '    phone: "12315"',
    )
    found = _found(guides, "accuracy.phone.other-hotline", "teacher-qualification.yaml")
    assert [p.line for p in found] == [line]
    assert "市场监督" in found[0].message


def test_a_hotline_named_in_the_contacts_name_is_its_own(guides: Path) -> None:
    """The samples' 12366 contact on the flexible-employment guide (hrss) stays quiet."""
    assert (
        _found(guides, "accuracy.phone.other-hotline", "flexible-employment-insurance.yaml") == []
    )


def test_another_area_code(guides: Path) -> None:
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        '    phone: "0599-8701 2345"',
        '    phone: "0595-8701 2345"',
    )
    assert [
        p.line for p in _found(guides, "accuracy.phone.area-code", "teacher-qualification.yaml")
    ] == [line]
    _edit(guides, "services/teacher-qualification.yaml", "0595-8701 2345", "13905991234")
    assert _found(guides, "accuracy.phone.area-code", "teacher-qualification.yaml") == []


def test_an_offices_number_in_a_text(guides: Path) -> None:
    line = _edit(
        guides,
        "services/retirement-pension.yaml",
        "    note: 社保大厅 3 号窗口是退休专窗，可以帮你核对缴费记录。",
        "    note: 社保大厅 3 号窗口是退休专窗（咨询电话 0599-8704 3333），可以帮你核对缴费记录。",
    )
    found = _found(guides, "accuracy.phone.office-in-text", "retirement-pension.yaml")
    assert [p.line for p in found] == [line]


def test_the_same_number_written_otherwise_is_the_offices(guides: Path) -> None:
    _edit(
        guides,
        "services/unemployment-benefit.yaml",
        '    phone: "0599-8704 3301"',
        '    phone: "0599-87043301"',
    )
    assert _found(guides, "accuracy.contact.phone", "unemployment-benefit.yaml") == []


# --- addresses ---------------------------------------------------------------------------------
def test_an_offices_street_and_number_in_another_district(guides: Path) -> None:
    line = _edit(
        guides,
        "services/retirement-pension.yaml",
        "    address: 临江市江滨区人民路 301 号\n  - purpose: complaint",
        "    address: 临江市北山区人民路 301 号\n  - purpose: complaint",
    )
    found = _found(guides, "accuracy.address.district", "retirement-pension.yaml")
    assert line in [p.line for p in found]


def test_another_city_with_the_citys_district_and_an_unknown_district(guides: Path) -> None:
    line = _edit(
        guides,
        "services/company-registration.yaml",
        "      zh-CN: 临江市江滨区金融街 66 号二层",
        "      zh-CN: 临江县江滨区金融街 66 号二层",
    )
    assert _found(guides, "accuracy.address.city", "company-registration.yaml") == []  # 县
    _edit(guides, "services/company-registration.yaml", "临江县江滨区", "临川市江滨区")
    assert [
        p.line for p in _found(guides, "accuracy.address.city", "company-registration.yaml")
    ] == [line]
    _edit(guides, "services/company-registration.yaml", "临川市江滨区", "临江市东湖区")
    found = _found(guides, "accuracy.address.unknown-district", "company-registration.yaml")
    assert [(p.line, p.severity) for p in found] == [(line, Severity.WARNING)]


def test_a_postcode_of_seven_digits(guides: Path) -> None:
    line = _edit(guides, "services/retirement-pension.yaml", "邮编 359000", "邮政编码：3590000")
    assert [
        p.line for p in _found(guides, "accuracy.address.postcode", "retirement-pension.yaml")
    ] == [line]


def test_an_office_named_with_another_number_on_its_street(guides: Path) -> None:
    line = _edit(
        guides,
        "services/retirement-pension.yaml",
        "    note: 社保大厅 3 号窗口是退休专窗",
        "    note: 人民路 310 号社保大厅 3 号窗口是退休专窗",
    )
    found = _found(guides, "accuracy.address.office-number", "retirement-pension.yaml")
    assert [p.line for p in found] == [line]


# --- dates -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written",
    ["2026-02-29", "2026.2.29", "2027/04/31"],
)
def test_a_date_in_figures_that_does_not_exist(guides: Path, written: str) -> None:
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "      zh-CN: 8 月有一次补报名",
        f"      zh-CN: {written} 前有一次补报名",
    )
    assert line in [
        p.line for p in _found(guides, "accuracy.date.not-real", "migrant-children-enrolment.yaml")
    ]


def test_an_english_weekday_and_period(guides: Path) -> None:
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "      en: There is a second round in August;",
        "      en: There is a second round from 20 August to 2 August"
        " (it opens on Tuesday 3 August 2026);",
    )
    found = _found(guides, "accuracy.date.range-reversed", "migrant-children-enrolment.yaml")
    assert [p.line for p in found] == [line]
    found = _found(guides, "accuracy.date.wrong-weekday", "migrant-children-enrolment.yaml")
    assert [p.line for p in found] == [line]  # 3 August 2026 is a Monday


def test_a_weekday_after_a_date_whose_year_is_written_before(guides: Path) -> None:
    """2026 年 … 12 月 12 日（周五）: 12 December 2026 is a Saturday."""
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "      zh-CN: 8 月有一次补报名",
        "      zh-CN: 2026 年的补报名在 12 月 12 日（周五）",
    )
    found = _found(guides, "accuracy.date.wrong-weekday", "migrant-children-enrolment.yaml")
    assert [p.line for p in found] == [line]


def test_a_window_for_applying_that_has_passed(guides: Path) -> None:
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "每年 5 月集中报名",
        "2024 年 5 月至 6 月集中报名",
    )
    found = _found(guides, "accuracy.date.window-over", "migrant-children-enrolment.yaml")
    assert [(p.line, p.severity) for p in found] == [(line, Severity.WARNING)]


# --- the two languages -------------------------------------------------------------------------
def test_amounts_in_wan_and_yi_against_millions() -> None:
    assert _finding("最多 30 万元", "up to 300,000 yuan") is None
    assert _finding("最多 30 万元", "up to 3 million yuan") is not None
    assert _finding("不超过 1.2 亿元", "no more than 120 million yuan") is None
    assert _finding("不超过 1.2 亿元", "no more than 1.2 billion yuan") is not None


def test_a_repeated_large_amount_keeps_its_count_in_a_long_text() -> None:
    zh = "收入 5000 万元以下的不低于 5%，5000 万元至 2 亿元的不低于 4%，2 亿元以上的不低于 3%。" * 2
    en = "5 % below 50 million yuan, 4 % from 50 to 200 million, 3 % above 200 million. " * 2
    assert _finding(zh, en) is None
    assert _finding(zh, en.replace("below 50 million", "below 5 million", 1)) is not None


@pytest.mark.parametrize(
    ("english", "value"),
    [("twenty-four months", "24"), ("one thousand yuan", "1000"), ("two million", "2000000")],
)
def test_number_words_of_two_parts_are_read_whole(english: str, value: str) -> None:
    assert value in numbers_en(english)


def test_may_the_verb_is_no_month() -> None:
    assert "5" not in numbers_en("the office may be rented")
    assert "5" in numbers_en("applications open every May")


# --- fees --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["工本费一律免收", "费用全免", "免交手续费", "you pay nothing", "at no cost"]
)
def test_free_in_one_general_form(text: str) -> None:
    assert any(c.fact == "free" for c in claims.fee_claims(text))


def test_free_postage_is_no_free_service() -> None:
    assert not any(c.fact == "free" for c in claims.fee_claims("邮费全免"))


def test_a_reduction_where_no_fee_item_can_be_reduced(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "        zh-CN: 选择邮寄的，邮费由邮政企业另外收取，不属于政府收费。",
        "        zh-CN: 选择邮寄的，邮费由邮政企业另外收取，不属于政府收费。残疾人减半收取。",
    )
    found = _found(guides, "accuracy.text.fee-reduction", "passport-application.yaml")
    assert [(p.line, p.severity) for p in found] == [(line, Severity.WARNING)]


def test_free_said_of_posting_or_a_photo_is_no_free_service() -> None:
    assert not any(c.fact == "free" for c in claims.fee_claims("the card is posted at no cost"))
    assert not any(c.fact == "free" for c in claims.fee_claims("窗口免交照片费"))


def test_this_city_said_without_its_name_is_no_other_city(guides: Path) -> None:
    _edit(
        guides,
        "services/retirement-pension.yaml",
        "    note: 社保大厅 3 号窗口是退休专窗",
        "    note: 在本市江滨区的社保大厅 3 号窗口是退休专窗",
    )
    assert _found(guides, "accuracy.address.city", "retirement-pension.yaml") == []


def test_a_query_that_names_a_date_is_no_tracking(guides: Path) -> None:
    _edit(
        guides,
        "services/teacher-qualification.yaml",
        "    url: https://zwfw.linjiang.example/complaints",
        "    url: https://zwfw.linjiang.example/complaints?from=2026-01-01",
    )
    assert _found(guides, "accuracy.link.tracking", "teacher-qualification.yaml") == []


def test_amounts_in_chinese_numerals_with_wan() -> None:
    assert _finding("最多三十万元", "up to 300,000 yuan") is None
    assert _finding("最多三十万元", "up to 30,000 yuan") is not None
    assert _finding("补贴一万五千元", "a grant of 15,000 yuan") is None
    assert _finding("补贴一万五千元", "a grant of 1,500 yuan") is not None


def test_the_two_languages_linking_to_different_hosts() -> None:
    zh, en = "见[标准](https://mzj.linjiang.example/a)", "see [it](https://mzj-linjiang.example/a)"
    assert _finding(zh, en) == ("links", ("mzj-linjiang.example",), ("mzj.linjiang.example",))
    assert _finding(zh, "see [it](https://mzj.linjiang.example/en/a)") is None


@pytest.mark.parametrize("text", ["Fee: 150 yuan", "a fee of 150 yuan", "fees are 150 yuan"])
def test_an_english_fee_said_with_a_colon_or_of(text: str) -> None:
    assert [c.value for c in claims.fee_claims(text)] == [150.0]


def test_a_deadline_for_applying_that_has_passed(guides: Path) -> None:
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "      en: There is a second round in August;",
        "      en: There is a second round in August (register before 31 August 2025);",
    )
    found = _found(guides, "accuracy.date.window-over", "migrant-children-enrolment.yaml")
    assert [(p.line, p.severity) for p in found] == [(line, Severity.WARNING)]


def test_an_office_phone_with_another_area_code_in_the_reference_data(guides: Path) -> None:
    line = _edit(guides, "reference/offices.yaml", '"0599-8733 1200"', '"0591-8733 1200"')
    found = _found(guides, "accuracy.phone.area-code", "offices.yaml")
    assert [p.line for p in found] == [line]


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("护照全程免费", True),
        ("免费申领护照", True),
        ("Passports are free.", True),
        ("The application is free of charge.", True),
        ("The photo is free.", False),
        ("The card is free to collect at the window", False),
    ],
)
def test_free_said_of_the_service_or_of_one_part(text: str, free: bool) -> None:
    assert any(c.fact == "free" for c in claims.fee_claims(text)) is free


def test_a_date_said_with_hao(guides: Path) -> None:
    line = _edit(
        guides,
        "services/migrant-children-enrolment.yaml",
        "      zh-CN: 8 月有一次补报名",
        "      zh-CN: 2027年2月29号前有一次补报名",
    )
    assert line in [
        p.line for p in _found(guides, "accuracy.date.not-real", "migrant-children-enrolment.yaml")
    ]


def test_a_host_that_only_contains_gov_cn_is_a_look_alike(guides: Path) -> None:
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "    url: https://zwfw.linjiang.example/complaints",
        "    url: https://www.gov.cn.jubao-center.com/complaints",
    )
    found = _found(guides, "accuracy.link.look-alike", "teacher-qualification.yaml")
    assert [p.line for p in found] == [line]


def test_a_number_in_a_text_with_a_digit_missing(guides: Path) -> None:
    line = _edit(
        guides,
        "services/retirement-pension.yaml",
        "    note: 社保大厅 3 号窗口是退休专窗",
        "    note: 退休专窗电话 0599-8704 330，社保大厅 3 号窗口是退休专窗",
    )
    found = _found(guides, "accuracy.phone.text-shape", "retirement-pension.yaml")
    assert [p.line for p in found] == [line]
    assert "the city's numbers have 8" in found[0].message


def test_no_area_code_is_checked_before_the_office_gives_its_own() -> None:
    """A repository from `guides init` has 0000 numbers: a guide with the office's real code
    is not told it is in another city."""
    from generator.validate.rules.accuracy.facts import Department, ReferenceFacts
    from generator.validate.rules.accuracy.phones import city_area_code

    placeholder = ReferenceFacts(
        department_facts={"civil": Department("civil", ("民政局",), "0000-8600 6000", "")}
    )
    assert city_area_code(placeholder) is None
    real = ReferenceFacts(
        department_facts={"civil": Department("civil", ("民政局",), "0599-8600 6000", "")}
    )
    assert city_area_code(real) == "0599"

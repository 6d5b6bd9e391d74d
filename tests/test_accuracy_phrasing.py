"""The third round of issue 18: the same facts said in other words (numerals in words and
full-width, weeks, 当场 / while you wait, 不用去派出所, 零收费, 8am–6pm, Mon–Sat, 早上 8 点半开门,
原件要带来, 不支持电子证照), and what must stay quiet. Word lists are tested one phrase at a
time; the new problem code and the line-finding fix through a copy of the sample guides."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_accuracy_more_rules import _found
from test_accuracy_rules import TODAY, _edit

import generator.validate.rules.accuracy.claims as claims
from generator.validate.rules.accuracy.language import _finding, numbers_en, numbers_zh
from generator.validate.tree import validate_tree


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("三", 3),
        ("十", 10),
        ("十五", 15),
        ("六十五", 65),
        ("八十", 80),
        ("一百二十", 120),
        ("７", 7),
    ],
)
def test_numbers_in_chinese_numerals_and_full_width(word: str, value: int) -> None:
    assert claims.zh_number(word) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("实体卡三个工作日内寄到家", (3, "working_days")),
        ("７个工作日内办好", (7, "working_days")),
        ("两周内办结", (14, "calendar_days")),
        ("the card is posted within three working days", (3, "working_days")),
        ("the passport is ready within two weeks", (14, "calendar_days")),
        ("the passport is ready within a week", (7, "calendar_days")),
    ],
)
def test_days_said_in_words_and_weeks(text: str, value: tuple[int, str]) -> None:
    assert [c.value for c in claims.day_claims(text)] == [value]


def test_an_age_in_weeks_is_no_promise() -> None:
    assert claims.day_claims("年满十八周岁以内") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("不用去派出所，在网上拍照", 0),
        ("一趟都不用跑，7 天内做好", 0),
        ("App 上就能登记，两人不必到场。", 0),
        ("请本人携带材料原件到窗口核验。", "1+"),
        ("认定时须本人携带学历证书原件到市民中心窗口核验。", "1+"),
        ("You can do it all from home.", 0),
        ("without setting foot in an office", 0),
        ("You must bring your original diploma to the Citizen Centre.", "1+"),
    ],
)
def test_visits_said_in_other_words(text: str, value: object) -> None:
    assert value in [c.value for c in claims.visit_claims(text)]


@pytest.mark.parametrize("text", ["不用再去派出所", "不用回原籍开证明", "不需要本人携带原件到窗口"])
def test_one_visit_fewer_or_none_is_not_read_as_a_visit_claim(text: str) -> None:
    assert "1+" not in [c.value for c in claims.visit_claims(text)]
    assert 0 not in [c.value for c in claims.visit_claims(text)] or "不需要" in text


@pytest.mark.parametrize(
    "text",
    [
        "材料齐全的，当场就能拿到营业执照",
        "随到随办，证件寄给你",
        "The permit is issued while you wait.",
    ],
)
def test_instant_said_in_other_words(text: str) -> None:
    assert [c.fact for c in claims.instant_claims(text)] == ["instant"]


@pytest.mark.parametrize(
    "text",
    [
        "If you need one urgently, you can get a temporary card on the spot.",
        "选择告知承诺的，当场拿到许可证；其他的 3 个工作日内办好。",
    ],
)
def test_on_the_spot_for_one_case_is_no_claim(text: str) -> None:
    assert claims.instant_claims(text) == []


def test_same_day_said_as_getting_it_that_day() -> None:
    assert [c.fact for c in claims.instant_claims("当天就能拿到证书")] == ["same_day"]


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("全程零收费。", "free", True),
        ("办护照不花一分钱。", "free", True),
        ("不收取工本费，新证寄到家", "free", True),
        ("There is no charge.", "free", True),
        ("需交 9 元登记费。", "fee", 9.0),
        ("工本费十五元", "fee", 15.0),
        ("护照费一百二十元", "fee", 120.0),
    ],
)
def test_fees_said_in_other_words(text: str, fact: str, value: object) -> None:
    assert (fact, value) in [(c.fact, c.value) for c in claims.fee_claims(text)]


def test_hours_in_chinese_numerals_am_pm_and_opening_time() -> None:
    assert claims.zh_time_ranges("早上八点到下午六点")[0][:2] == ("08:00", "18:00")
    assert claims.zh_time_ranges("中午十二点到一点半")[0][:2] == ("12:00", "13:30")
    assert claims.am_pm_ranges("open 8am–6pm")[0][:2] == ("08:00", "18:00")
    assert claims.am_pm_ranges("8:30 a.m. to 5 p.m.")[0][:2] == ("08:30", "17:00")
    (opening,) = claims.opening_claims("开办专区早上8点半开门")
    assert opening.times[0][:2] == ("08:30", "08:31")


def test_english_day_abbreviations() -> None:
    (opening,) = claims.opening_claims("The window is open Mon–Sat.")
    assert opening.days == ("mon", "tue", "wed", "thu", "fri", "sat")
    assert claims.weekend_days("Sat–Sun 9:00–12:00") == {"sat", "sun"}
    assert claims.weekend_days("Sat 9:00–12:00") == {"sat"}
    assert claims.weekend_days("satisfied customers") == set()


def test_language_numbers_read_numerals_am_pm_and_floors() -> None:
    assert numbers_zh("年满八十周岁") == ["80"]
    assert numbers_en("Daily 8am–8pm") == ["8:00", "20:00"]
    assert _finding("每天 8:00–20:00", "Daily 8am–8pm") is None
    assert _finding("年满八十周岁", "aged 80 or over") is None
    assert (
        _finding("三楼婚姻登记处周六九点至十二点", "the 3rd floor registry, Saturday mornings")
        is None
    )
    assert (
        _finding("工作日 9:00–17:00，周六 9:00–12:00", "Working days 9:00–17:00, Sat 9:00–12:00")
        is None
    )


def test_a_number_written_otherwise_is_reported_at_its_own_text(guides: Path) -> None:
    """六十五周岁 against 80: at the eligibility line that says it, not at another text."""
    line = _edit(
        guides, "services/old-age-allowance.yaml", "年满 **80 周岁**；", "年满 **六十五周岁**；"
    )
    found = _found(guides, "accuracy.language.numbers", "old-age-allowance.yaml")
    assert line in [p.line for p in found]


def test_notes_that_refuse_the_e_licence_the_material_names(guides: Path) -> None:
    line = _edit(
        guides,
        "services/social-security-card.yaml",
        "新生儿没有身份证的，用出生医学证明和户口簿申领。",
        "不支持电子证照，新生儿没有身份证的，用出生医学证明和户口簿申领。",
    )
    found = _found(guides, "accuracy.e-licence.refused", "social-security-card.yaml")
    assert [p.line for p in found] == [line]
    assert "`resident-id-card`" in found[0].message


def test_the_samples_raise_nothing_new(guides: Path) -> None:
    assert validate_tree(guides, today=TODAY, workers=1).problems == []


def test_same_day_in_the_otherwise_branch_is_still_a_claim() -> None:
    """Only 当场 words are passed over in a sentence naming a case: 其他的当日办结 still claims."""
    assert [c.fact for c in claims.instant_claims("告知承诺的当场发证；其他的当日办结")] == [
        "same_day"
    ]


def test_days_beyond_the_statutory_limit_in_a_channel_note(guides: Path) -> None:
    """30 个工作日内办结 in a note of a service whose statutory limit is 20 working days."""
    line = _edit(
        guides,
        "services/elderly-care-subsidy.yaml",
        "也可以到户籍所在的社区居委会，由工作人员帮你提交。",
        "也可以到户籍所在的社区居委会，由工作人员帮你提交，30 个工作日内办结。",
    )
    found = _found(guides, "accuracy.text.days-over-statutory", "elderly-care-subsidy.yaml")
    assert line in [p.line for p in found]
    assert "beyond the statutory time limit of 20 working days" in found[0].message


def test_the_applicants_own_deadline_in_an_answer_is_no_promise(guides: Path) -> None:
    """The sample's 30 天内为员工做就业登记 (company registration, statutory 3 days) is quiet."""
    assert _found(guides, "accuracy.text.days-over-statutory", "company-registration.yaml") == []


def test_instant_approval_in_a_channel_note(guides: Path) -> None:
    line = _edit(
        guides,
        "services/teacher-qualification.yaml",
        "工作人员帮你在网上提交。",
        "工作人员帮你在网上提交，秒批出证。",
    )
    found = _found(guides, "accuracy.text.instant", "teacher-qualification.yaml")
    assert line in [p.line for p in found]


def test_an_amount_in_a_fee_items_note(guides: Path) -> None:
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "选择邮寄的，邮费由邮政企业另外收取，不属于政府收费。",
        "护照工本费 160 元；选择邮寄的，邮费由邮政企业另外收取。",
    )
    found = _found(guides, "accuracy.text.fees", "passport-application.yaml")
    assert line in [p.line for p in found]


@pytest.mark.parametrize(
    ("text", "value"),
    [("It costs RMB 15.", 15.0), ("工本费 ¥25，新证", 25.0), ("a charge of 30 yuan", 30.0)],
)
def test_amounts_with_currency_words_and_signs(text: str, value: float) -> None:
    assert [c.value for c in claims.fee_claims(text) if c.fact == "fee"] == [value]


def test_full_width_times_open_all_year_and_minutes() -> None:
    (opening,) = claims.opening_claims("可在８：００－１８：００到综合窗口")
    assert opening.times[0][:2] == ("08:00", "18:00")
    (opening,) = claims.opening_claims("综合窗口（全年无休）")
    assert "sun" in opening.days and "holiday" in opening.days
    (opening,) = claims.opening_claims("open 7 days a week")
    assert "sun" in opening.days
    (opening,) = claims.opening_claims("工作日早上8点30分就开门")
    assert opening.times[0][:2] == ("08:30", "08:31")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("再去两趟派出所", 2),
        ("不见面办理，拍照都在手机上完成", 0),
        ("but you must appear in person to collect it.", "1+"),
    ],
)
def test_more_visit_wordings(text: str, value: object) -> None:
    assert value in [c.value for c in claims.visit_claims(text)]


@pytest.mark.parametrize(
    "text", ["you do not need to appear in person", "不用跑两趟", "最多跑两次"]
)
def test_negated_or_capped_visits_claim_no_count(text: str) -> None:
    assert [c for c in claims.visit_claims(text) if c.value in ("1+", 2)] == []


def test_materials_notes_electronic_on_paper_and_a_copy_on_an_original(guides: Path) -> None:
    line = _edit(
        guides,
        "services/marriage-registration.yaml",
        "请带实体身份证，现场核验。",
        "出示电子身份证即可，现场核验。",
    )
    assert line in [
        p.line for p in _found(guides, "accuracy.material.form", "marriage-registration.yaml")
    ]
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "请带实体身份证，窗口要读卡核验。",
        "提交身份证复印件，窗口核验。",
    )
    found = _found(guides, "accuracy.material.copy-only", "passport-application.yaml")
    assert line in [p.line for p in found]


def test_a_daily_hotline_said_with_mei_ri_is_no_language_difference() -> None:
    assert _finding("每日 8:00–20:00", "Daily 8:00–20:00") is None


def test_a_note_naming_one_office_of_its_channel_is_held_to_that_office(guides: Path) -> None:
    """企业服务中心 … 早上8点半开门: the enterprise centre opens at 09:00, though the Hexi centre
    of the same channel opens at 08:30."""
    line = _edit(
        guides,
        "services/company-registration.yaml",
        "企业服务中心开办专区有帮办员",
        "企业服务中心开办专区早上8点半开门，有帮办员",
    )
    found = _found(guides, "accuracy.office.outside-hours", "company-registration.yaml")
    assert line in [p.line for p in found]


def test_days_after_the_office_that_acts_are_its_promise() -> None:
    assert [c.value for c in claims.day_claims("银行在三个工作日内制作实体卡")] == [
        (3, "working_days")
    ]
    assert claims.day_claims("请在 30 天内办理") == []


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("一楼服务台可提供轮椅租借。", "wheelchair_loan", True),
        ("wheelchairs can be borrowed there", "wheelchair_loan", True),
        ("设有无障碍洗手间", "accessible_toilet", True),
        ("大厦有残疾人专用车位。", "accessible_parking", True),
        ("A sign-language interpreter is on hand", "sign_language", True),
        ("There is no sign-language interpreter here", "sign_language", False),
    ],
)
def test_accessibility_said_in_other_words(text: str, fact: str, value: bool) -> None:
    assert (fact, value) in [(c.fact, c.value) for c in claims.access_claims(text)]


def test_a_guide_note_naming_an_office_is_held_to_its_accessibility(guides: Path) -> None:
    """北山区中心可以借用轮椅 in a channel whose other offices lend wheelchairs."""
    line = _edit(
        guides,
        "services/elderly-care-subsidy.yaml",
        "也可以到户籍所在的社区居委会，由工作人员帮你提交。",
        "也可以到户籍所在的社区居委会，由工作人员帮你提交。北山区中心可以借用轮椅。",
    )
    found = _found(guides, "accuracy.office.accessibility", "elderly-care-subsidy.yaml")
    assert line in [p.line for p in found]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("车管所中午不休息", "中午不休息"),
        ("午间不休，窗口照常办理", "午间不休"),
        ("The vehicle office has no lunch break.", "no lunch break"),
        ("中午 12:00–13:30 暂停办理", None),
    ],
)
def test_lunch_claims(text: str, phrase: str | None) -> None:
    assert claims.lunch_claim(text) == phrase


def test_lunchtime_service_at_an_office_whose_hours_stop(guides: Path) -> None:
    """车管所中午不休息, where the vehicle office shuts from 12:00 to 13:30."""
    line = _edit(
        guides,
        "services/driving-licence-renewal.yaml",
        "到车管所或市民中心交警窗口办理的，当场拿到新证。",
        "车管所中午不休息，到车管所窗口办理的，当场拿到新证。",
    )
    found = _found(guides, "accuracy.office.lunch-closed", "driving-licence-renewal.yaml")
    assert [p.line for p in found] == [line]


_BREAK_THEN_LUNCH = (
    '          - {starts: "12:00", ends: "13:30"}\n    lunch_service:\n      available: false\n'
)


def test_an_offices_own_note_of_lunchtime_service_against_its_breaks(guides: Path) -> None:
    line = _edit(
        guides,
        "reference/offices.yaml",
        _BREAK_THEN_LUNCH,
        _BREAK_THEN_LUNCH
        + "      note: {zh-CN: 午间不休，窗口照常办理, en: Windows stay open over lunch}\n",
    )
    found = _found(guides, "accuracy.office.lunch-closed", "offices.yaml")
    assert line + 3 in [p.line for p in found]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("其他的最长不超过 7 个工作日", (7, "working_days")),
        ("大约 5 个工作日宝宝就会登记", (5, "working_days")),
        ("二十五个工作日办结", (25, "working_days")),
        ("a new licence is issued in 5 business days", (5, "working_days")),
        ("It takes about 10 working days.", (10, "working_days")),
        ("It takes up to 7 days.", (7, "calendar_days")),
    ],
)
def test_days_said_without_nei(text: str, value: tuple[int, str]) -> None:
    assert [c.value for c in claims.day_claims(text)] == [value]


@pytest.mark.parametrize("text", ["in 2 days you can apply again", "超过 30 天未办理的"])
def test_days_that_are_no_promise_without_nei(text: str) -> None:
    assert claims.day_claims(text) == []


def test_once_and_one_that_are_no_counts() -> None:
    assert numbers_en("Once approved you receive a paper one and an electronic one, with") == []
    assert numbers_en("once you have the certificate") == []
    assert numbers_en("You go to the police station once, to confirm") == ["1"]
    # "at once" is "straight away" (the starter guide: you are approved at once).
    assert numbers_en("If you qualify you are approved at once, and the card") == []
    assert numbers_en("Both are handed in at once.") == []
    assert (
        _finding("十个工作日办结，审核通过后发放", "Once approved you receive an electronic one.")
        is None
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全程线上办理，在家就能领新户口簿", 0),
        ("You can apply from the comfort of your home,", 0),
        ("须本人亲自到社保大厅办理。", "1+"),
        ("无需本人亲自到场", 0),
    ],
)
def test_visits_online_at_home_and_in_person(text: str, value: object) -> None:
    assert value in [c.value for c in claims.visit_claims(text)]


def test_english_immediately_and_the_service_is_free() -> None:
    assert [c.fact for c in claims.instant_claims("It is approved immediately.")] == ["instant"]
    assert ("free", True) in [(c.fact, c.value) for c in claims.fee_claims("The service is free.")]


@pytest.mark.parametrize(
    "text", ["If you sat the exam last year", "a wedding to remember", "the sun"]
)
def test_lower_case_words_are_no_day_abbreviations(text: str) -> None:
    assert claims.english_days(text) == []
    assert claims.weekend_days(text) == set()


@pytest.mark.parametrize(
    ("zh", "en", "kind"),
    [
        ("补卡要交工本费 20 元。", "Replacements are free too.", "fees"),
        ("补卡不收费。", "A replacement costs 20 yuan.", "fees"),
        ("补领收工本费 20 元。", "A replacement costs 20 yuan.", None),
        (
            "补卡收费 20 元，电子卡免费。",
            "A new card costs 20 yuan; the electronic card is free.",
            None,
        ),
    ],
)
def test_a_fee_in_one_language_and_free_in_the_other(zh: str, en: str, kind: str | None) -> None:
    finding = _finding(zh, en)
    assert (finding[0] if finding else None) == kind


def test_language_fees_at_the_english_line(guides: Path) -> None:
    line = _edit(
        guides, "services/social-security-card.yaml", "补卡也不收费，", "补卡要交工本费 20 元，"
    )
    found = _found(guides, "accuracy.language.fees", "social-security-card.yaml")
    assert [p.line for p in found] == [line + 1]


def test_closing_time_about_days_fee_with_a_colon_and_checking_the_original() -> None:
    (opening,) = claims.opening_claims("专窗可以帮你提交，下午 5 点半关门。")
    assert opening.times[0][:2] == ("17:29", "17:30")
    assert [c.value for c in claims.day_claims("30 个工作日左右发放")] == [(30, "working_days")]
    assert [c.value for c in claims.fee_claims("护照费：150 元。")] == [150.0]
    assert [c.value for c in claims.fee_claims("费用为 20 元")] == [20.0]


def test_checking_the_original_of_a_copy_material(guides: Path) -> None:
    line = _edit(
        guides,
        "services/household-transfer.yaml",
        "比如房产证、租赁合同、劳动合同；",
        "比如房产证、租赁合同、劳动合同，窗口会查验原件；",
    )
    found = _found(guides, "accuracy.material.original", "household-transfer.yaml")
    assert line in [p.line for p in found]


@pytest.mark.parametrize(
    "text",
    [
        "Fill in and sign the form on the spot.",
        "You can apply on the same day you arrive.",
        "提交后当场拿到受理回执",
        "There is no charge for postage.",
        "Postage costs 12 yuan.",
        "邮费 12 元",
        "You must bring your ID card when you collect it.",
        "请于三个工作日内补正材料",
        "不用到窗口排队，在自助机上办",
        "不用去派出所开证明",
    ],
)
def test_words_that_claim_nothing_about_the_service(text: str) -> None:
    """What the wider word lists must leave alone: a form filled in on the spot, a receipt,
    postage, something to bring, the applicant's deadline, one errand fewer."""
    found = (
        claims.instant_claims(text)
        + claims.fee_claims(text)
        + claims.visit_claims(text)
        + claims.day_claims(text)
    )
    assert found == []


def test_the_cheap_lunch_test_lets_every_lunch_phrase_through() -> None:
    """may_claim_lunch passes most texts over before lunch_claim reads them: a phrase added
    to LUNCH_OPEN without 午 or lunch in it would never be found."""
    for phrase in claims.LUNCH_OPEN:
        assert claims.may_claim_lunch(phrase), phrase
        assert claims.may_claim_lunch(phrase.upper()), phrase
        assert claims.lunch_claim(f"窗口{phrase}。") is not None, phrase

"""Round 13a of issue 18: the classes the entries r13a-… of tests/eval/accuracy/defects.yaml
belong to, caught in general, each tested with other wordings than those entries.

Text against the fields: a visit required of someone named before 本人 (须由监护人本人到…),
no visit said as not leaving home (不出门), visits counted with 回 or an ordinal (第三次去), a
count above `visits` outside the summary, a step's days beyond the law or against its
minutes, 需回户籍地 after an answer's 不能，, 全国任一窗口, English no-visit and in-person
forms, a fortnight, 当场发放 and "get it instantly". Fees: a fee to pay with no amount, free of
the service itself in a clause that also names a photo, the price of a document (每本 N 元),
"pay the N yuan fee", "for free". Language: Chinese numerals with 千, an English sentence in a
Chinese text, a list compared item by item (and located at its item), "a week before", and an
answer that says yes in one language and no in the other.
"""

from __future__ import annotations

import pytest
from test_accuracy_rules import EditedSamples

from generator.validate.problems import Severity
from generator.validate.rules.accuracy import (
    answers,
    claims,
    language,
    quantities,
    regions,
    statements,
)


# --- numbers ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "value"),
    [("三千二百", 3200), ("两千", 2000), ("一千零八", 1008), ("仟", 1000), ("拾伍", 15)],
)
def test_chinese_numerals_with_thousands(word: str, value: int) -> None:
    assert claims.zh_number(word) == value


def test_a_count_in_thousands_is_read_whole() -> None:
    assert language.numbers_zh("每户两千元") == ["2000"]
    assert language.numbers_zh("补贴一万二千元") == ["12000"]  # not 12000 and 2000


# --- visits -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("须由监护人本人到派出所办理", "1+"),
        ("必须法定代表人亲自前往企业服务中心签字", "1+"),
        ("需要把材料交到窗口", None),
        ("不出门也能办好", 0),
        ("无需离家，在手机上就能办", 0),
        ("前后要去三回", 3),
        ("第三次来是领取证件", 3),
        ("You will not have to travel to the hall at all.", 0),
        ("You do not need to come back again.", None),
        ("Please collect the certificate in person.", "1+"),
        ("You do not have to sign in person.", None),
        ("If you prefer, you can register in person.", None),
        ("You do not need to go to the hospital first.", None),
    ],
)
def test_visit_claims_in_other_words(text: str, value: object) -> None:
    found = [c.value for c in claims.visit_claims(text)]
    assert (found[0] if found else None) == value


def test_a_count_of_visits_for_another_case() -> None:
    assert statements._one_visit_case("补办的要再跑三次", "跑三次")
    assert not statements._one_visit_case("前后要去派出所三趟", "去派出所三趟")


def test_online_or_in_person_is_a_choice() -> None:
    assert claims._IN_PERSON_EN.search("You can apply online or in person.") is None


# --- where --------------------------------------------------------------------------------------
def test_any_office_of_the_country_or_province() -> None:
    said = claims.region_claims("全国任何一个出入境窗口均可受理")
    assert [c.value for c in said] == ["national"]
    said = claims.region_claims("省内任意一家社保经办机构都能办理")
    assert [c.value for c in said] == ["province"]


def test_any_office_of_the_province_in_english() -> None:
    said = claims.region_claims("You can go to any tax office in the province.")
    assert [c.value for c in said] == ["province"]


def test_back_home_after_a_negative_answer() -> None:
    assert regions.home_claims("不可以，须返回户籍地登记。") == ("须返回户籍地登记",)
    assert regions.home_claims("不需要回户籍地办理") == ()


# --- time ---------------------------------------------------------------------------------------
def test_a_fortnight_and_a_week_before() -> None:
    assert [c.value for c in claims.day_claims("It takes about a fortnight.")] == [
        (14, "calendar_days")
    ]
    facts = quantities.durations_en("We send a reminder a month before the date.")
    assert [f.value for f in facts] == [("months", 1.0)]
    assert quantities.durations_en("Renew it once a year.") == []


def test_months_said_without_within() -> None:
    assert [c.value for c in claims.day_claims("审批大概需要三个月左右")] == [(90, "calendar_days")]
    assert claims.day_claims("每年 6 月办结上一年度的申请") == []  # June, not six months


def test_issued_on_the_spot_and_got_instantly() -> None:
    assert [c.fact for c in claims.instant_claims("资料核对无误后当场颁发证书")] == ["instant"]
    assert claims.instant_claims("当场拿到受理凭证") == []
    found = claims.instant_claims("You receive the permit right away.")
    assert [c.fact for c in found] == ["instant"]
    found = claims.instant_claims("Claims are handled at once by the system.")
    assert [c.fact for c in found] == ["instant"]


# --- fees ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("申请人须先支付评估费", "fee-due"),
        ("窗口加收加急费", "fee-due"),
        ("Applicants have to pay a processing fee.", "fee-due"),
        ("邮费需要你自己支付", None),
        ("登记后须按月缴纳医疗保险费", None),
        ("公章每套 150 元由政府承担", None),
        ("评审费用由申请人自行负担", "fee-due"),
        ("快递费由你承担", None),
        ("An interpreter is available for free.", None),
        ("证件照每张 10 元，也可以自带", None),
        ("不需要缴纳任何费用", "free"),
        ("拍好照片后当场免费制证", "free"),
        ("Replacements are done for free.", "free"),
        ("证书每套 80 元", "fee"),
        ("Then you pay the 50 yuan fee.", "fee"),
    ],
)
def test_fee_claims_in_other_words(text: str, fact: str | None) -> None:
    found = [c.fact for c in claims.fee_claims(text)]
    assert (found[0] if found else None) == fact


def test_the_price_of_a_document_is_read_as_its_amount() -> None:
    assert [c.value for c in claims.fee_claims("工本费标准：每本八十元")] == [80.0]


# --- language -----------------------------------------------------------------------------------
def test_an_english_sentence_in_a_chinese_text() -> None:
    zh = "先在网上预约，then bring your identity card to the window，再交费。"
    en = "Book online, then bring your identity card to the window and pay."
    assert language._finding(zh, en) == (
        "zh-has-english",
        "then bring your identity card to the window",
    )
    assert (
        language._finding("打开 Linjiang Services App 申请", "Apply in the Linjiang Services app")
        is None
    )
    store = ("在 App Store or Google Play 下载", "Download it from App Store or Google Play")
    assert language._finding(*store) is None


def test_a_list_is_compared_item_by_item() -> None:
    zh = "条件：\n\n- 在临江居住满 2 年；\n- 缴纳社保满 1 年；\n- 居住满 2 年的优先。"
    en = (
        "Conditions:\n\n- you have lived in Linjiang for 2 years;\n"
        "- you have paid social insurance for 2 years;\n- those with 2 years' residence come first."
    )
    lines = language._differing_lines(zh, en, items=True)
    assert lines is not None and lines[2][1:] == (("2",), ("1",))
    assert language._differing_lines(zh, zh.replace("1 年", "一年"), items=True) is None


@pytest.mark.parametrize(
    ("zh", "en", "differ"),
    [
        ("不行，要先做居住登记。", "Yes, you can apply now.", True),
        ("可以，带上身份证就行。", "Not usually: bring your permit.", True),
        ("原则上不可以。", "No. It must be the applicant.", False),
        ("能。", "Yes.", False),
        ("可以在 App 里补办。", "No, apply in the app.", False),
        ("不能。", "Not always: it depends on the office.", False),
        ("还能补办，只是要等一周。", "You cannot apply any more.", True),
        ("是否收费，要看你选的服务。", "No, it depends on the service you choose.", False),
    ],
)
def test_an_answer_yes_in_one_language_and_no_in_the_other(zh: str, en: str, differ: bool) -> None:
    said_zh, said_en = answers.verdict_zh(zh), answers.verdict_en(en)
    assert (said_zh is not None and said_en is not None and said_zh[0] != said_en[0]) is differ


# --- whole guides: one edited copy, validated once ---------------------------------------------
_EDITS = {
    "named": (
        "services/birth-registration.yaml",
        "zh-CN: 户籍所在地派出所核对出生医学证明和户籍信息，登记宝宝的户口。",
        "zh-CN: 须由父母一方本人到派出所核对出生医学证明和户籍信息，登记宝宝的户口。",
    ),
    "reason": (
        "services/household-transfer.yaml",
        "visit_reason: 领新户口簿时要本人到场核对身份",
        "visit_reason: 申请和领证前后要去派出所三趟，领新户口簿时要本人到场核对身份",
    ),
    "step-law": (
        "services/recruitment-subsidy.yaml",
        "description: 人社部门复核后在网上公示 5 个工作日。",
        "description: 人社部门复核，25 个工作日内批准并在网上公示。",
    ),
    "fee-due": (
        "services/retirement-pension.yaml",
        "description: 社保机构审核退休条件，核定你每月的养老金。",
        "description: 社保机构审核退休条件，核定你每月的养老金，申请人须另行缴纳审核费。",
    ),
    "free-verb": (
        "services/id-card-replacement.yaml",
        "zh-CN: 户政大厅的自助拍照机可以先拍好证件照，节省排队时间。",
        "zh-CN: 户政大厅的自助机拍照后可以当场免费制证。",
    ),
    "answer": (
        "services/marriage-registration.yaml",
        "en: Yes. Marriage registration works nationwide; just bring your identity cards.",
        "en: Not usually. Marriage registration works nationwide; just bring your identity cards.",
    ),
    "zh-english": (
        "services/passport-application.yaml",
        "zh-CN: 16 周岁以上的 10 年，未满 16 周岁的 5 年。",
        "zh-CN: 16 周岁以上的 10 年；children under sixteen get five years.",
    ),
    "item": (
        "services/old-age-allowance.yaml",
        "    - aged 100 or over: 1,000 yuan.",
        "    - aged 100 or over: 100 yuan.",
    ),
    "fortnight": (
        "services/company-registration.yaml",
        "With complete documents you get your business licence within 1 working day",
        "With complete documents you get your business licence within a fortnight",
    ),
    "office": (
        "services/social-security-card.yaml",
        "en: The social insurance hall and the Hexi centre have instant-card windows",
        "en: The social insurance hall and the household hall have instant-card windows",
    ),
    "fewer-offices": (
        "services/unemployment-benefit.yaml",
        "go to the social insurance hall or a district services centre;",
        "go to a district services centre;",
    ),
    "thousands": (
        "services/recruitment-subsidy.yaml",
        "就可以领吸纳就业补贴，每招一人 1500 元。",
        "就可以领吸纳就业补贴，每招一人一千五百元。",
    ),
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> EditedSamples:
    """The samples with the edits, validated once."""
    return EditedSamples.make(tmp_path_factory.mktemp("round13a"), _EDITS)


@pytest.mark.parametrize(
    ("key", "code", "severity"),
    [
        ("named", "accuracy.text.visits", Severity.ERROR),
        ("reason", "accuracy.text.visits", Severity.ERROR),
        ("step-law", "accuracy.text.days-over-statutory", Severity.ERROR),
        ("fee-due", "accuracy.text.fees", Severity.ERROR),
        ("free-verb", "accuracy.text.fees", Severity.ERROR),
        ("answer", "accuracy.language.answer", Severity.ERROR),
        ("zh-english", "accuracy.language.zh-not-chinese", Severity.ERROR),
        ("item", "accuracy.language.numbers", Severity.ERROR),
        ("fortnight", "accuracy.text.days", Severity.ERROR),
        ("office", "accuracy.language.offices", Severity.ERROR),
    ],
)
def test_each_edit_is_reported_at_its_line(
    edited: EditedSamples, key: str, code: str, severity: Severity
) -> None:
    assert edited.at(key, code).severity is severity


def test_the_answer_message_names_both_verdicts(
    edited: EditedSamples,
) -> None:
    problem = edited.at("answer", "accuracy.language.answer")
    assert "Not usually." in problem.message and "能。" in problem.message


def test_an_amount_in_chinese_thousands_is_no_difference(
    edited: EditedSamples,
) -> None:
    found = edited.codes_in(edited.file_of("thousands"))
    assert [code for code in found if code.startswith("accuracy.language")] == []


def test_an_english_text_that_names_fewer_offices_is_no_difference(
    edited: EditedSamples,
) -> None:
    assert "accuracy.language.offices" not in edited.codes_in(edited.file_of("fewer-offices"))


def test_the_offices_message_names_both_offices(
    edited: EditedSamples,
) -> None:
    problem = edited.at("office", "accuracy.language.offices")
    assert "`household hall`" in problem.message and "`河西区中心`" in problem.message

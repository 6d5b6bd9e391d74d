"""Round 13b of issue 18: materials, links and office hours said where earlier rounds did
not look. A step, FAQ answer or channel note that asks for a listed material in another form
or number of copies (a photo asked for as 相片), or for a document the office looks up in the
e-licence catalogue, or (in English) for a catalogue document no material names; a material's
form or sample on another department's site; an office named without its district
(滨江街道便民服务站) or, in English, without the city (the Citizen Centre); a day said to be shut
with 不开门 or 不营业, open with 每周 7 天, served over lunch with 午餐时间也可以办; hours on a
12-hour clock whose start leaves am or pm to its end (1:30 to 5:30 pm); a link in a text to
another department's site; 驾照 and 户口本 for the catalogue's 驾驶证 and 户口簿; days claimed in
a FAQ answer. Each is tested
with other wordings than the entries r13b-… of tests/eval/accuracy/defects.yaml; the rules
that read a whole guide share one validation of one edited copy."""

from __future__ import annotations

import shutil

import pytest
from support import REPO
from test_accuracy_rules import TODAY, EditedSamples, _edit

from generator.validate.problems import Severity
from generator.validate.rules.accuracy import claims, counts, links, material_asks
from generator.validate.rules.accuracy.facts import office_names
from generator.validate.tree import validate_tree


# --- word lists and patterns -------------------------------------------------------------------
def test_a_range_whose_start_shares_the_ends_am_or_pm() -> None:
    found = claims.am_pm_ranges("Open 9 to 11:30 am, and 2 to 6 pm on Fridays")
    assert [(start, end) for start, end, _w in found] == [("09:00", "11:30"), ("14:00", "18:00")]
    assert claims.am_pm_ranges("from 10 to 1 pm")[0][:2] == ("10:00", "13:00")
    assert claims.time_ranges("Saturday 2:00 to 4:30 pm") == []


def test_days_said_to_be_shut_in_other_words() -> None:
    assert [day for day, _w in claims.closed_days("区中心周六、周日不营业")] == ["sat", "sun"]
    opened = claims.opening_claims("便民服务站周末不开门，请工作日再来")
    assert not {"sat", "sun"} & {day for opening in opened for day in opening.days}


def test_an_office_is_called_without_its_district_or_its_city() -> None:
    station = {
        "name": {"zh-CN": "河西区望江街道便民服务站", "en": "Wangjiang Street Service Point"}
    }
    assert "望江街道便民服务站" in office_names(station)
    hall = {"name": {"zh-CN": "临江市政务服务大厅", "en": "Linjiang Services Hall"}}
    assert "Services Hall" in office_names(hall)
    # a name without a city keeps its English whole: `Street Service Point` is not shortened
    assert "Service Point" not in office_names(station)


def test_a_photo_material_is_asked_for_in_everyday_words() -> None:
    assert counts._where("带两人的相片一张", "合影证件照") == 4
    assert material_asks._mention("请另备小二寸相片一张", "近期免冠证件照") == "相片"
    assert material_asks._mention("请带上户口本", "近期免冠证件照") is None
    assert material_asks._mention("请上传学位证书", "学历证书") is None


def test_a_clause_that_says_it_is_not_needed_asks_for_nothing() -> None:
    assert material_asks._clauses("不需要提交纸质照片") == ()
    assert material_asks._clauses("无须另行上传身份证扫描件，系统自动调取") == ()
    assert material_asks._clauses("请准备纸质照片两张") == ("请准备纸质照片两张",)


def test_a_host_one_typed_slip_from_the_citys_name_looks_alike() -> None:
    marks = links._marks(frozenset({"linjiang.example", "gov.cn"}))
    assert links._looks_like("www.linjaing.example", marks)  # two letters swapped
    assert links._looks_like("rsj.linjang.example", marks)  # one dropped
    assert not links._looks_like("www.beijing.example", marks)


def test_a_declared_domain_that_imitates_another_is_reported(tmp_path_factory) -> None:
    """A department that declares lin-jiang.example as its own beside linjiang.example."""
    guides = tmp_path_factory.mktemp("round13b-domains") / "guides"
    shutil.copytree(REPO / "guides", guides)
    line = _edit(
        guides,
        "reference/departments.yaml",
        "    website: https://tax.linjiang.example\n",
        "    website: https://tax.linjiang.example\n"
        "    domains: [etax.lin-jiang.example, tax.gov.cn]\n",
    )
    found = [
        (p.line, p.severity)
        for p in validate_tree(guides, today=TODAY, workers=1).problems
        if p.code == "accuracy.link.look-alike-declared"
    ]
    assert found == [(line + 1, Severity.ERROR)]


# --- whole guides: one edited copy, validated once ---------------------------------------------
_EDITS = {
    "form": (
        "services/social-security-card.yaml",
        '在"临江办事"App 选择"社保卡申领"，选择银行和邮寄地址。',
        '在"临江办事"App 选择"社保卡申领"，选择银行和邮寄地址；还要准备身份证的纸质打印件。',
    ),
    "copies": (
        "services/marriage-registration.yaml",
        "zh-CN: 不用，带身份证就行。",
        "zh-CN: 不用，带身份证和两人的相片一张就行。",
    ),
    "looked-up": (
        "services/migrant-children-enrolment.yaml",
        "zh-CN: 系统自动核对居住证、社保和住所信息。",
        "zh-CN: 请递交居住证复印件，社保和住所信息由系统核对。",
    ),
    "english": (
        "services/passport-application.yaml",
        "any entry-exit window in the country with your identity card.",
        "any entry-exit window in the country with your identity card. "
        "Please also bring your marriage certificate.",
    ),
    "sample": (
        "services/social-security-card.yaml",
        "sample: https://zwfw.linjiang.example/samples/id-photo.jpg",
        "sample: https://mzj.linjiang.example/samples/id-photo.jpg",
    ),
    "district": (
        "services/old-age-allowance.yaml",
        "行动不便的，社区可以上门办理。",
        "行动不便的，社区可以上门办理。滨江街道便民服务站周六上午也开。",
    ),
    "english-form": (
        "services/social-security-card.yaml",
        "en: Report it lost in the app, then apply for a new one.",
        "en: Report it lost in the app, then bring a printed photo to the hall for a new one.",
    ),
    "text-link": (
        "services/high-tech-enterprise-recognition.yaml",
        "(https://kjj.linjiang.example/policy/high-tech-fields)；",
        "(https://scjg.linjiang.example/policy/high-tech-fields)；",
    ),
    "everyday": (
        "services/id-card-replacement.yaml",
        "也可以在窗口当场办临时身份证",
        "也可以带上驾照到窗口当场办临时身份证",
    ),
    "lunch": (
        "services/driving-licence-renewal.yaml",
        "zh-CN: 到车管所或市民中心交警窗口办理的，当场拿到新证。",
        "zh-CN: 到车管所或市民中心交警窗口办理的，午餐时间也可以办，当场拿到新证。",
    ),
    "week": (
        "services/food-business-licence.yaml",
        "窗口可以和营业执照一起办。",
        "窗口每周 7 天开放，可以和营业执照一起办。",
    ),
    "faq-hours": (
        "services/marriage-registration.yaml",
        "zh-CN: 热门日期提前 30 天开放预约，放号时间在 App 首页公告。",
        "zh-CN: 热门日期提前 30 天开放预约，国庆节当天市民中心也照常登记。",
    ),
    "city": (
        "services/id-card-replacement.yaml",
        "en: The household hall is also open on Saturdays and Sundays.",
        "en: The Citizen Centre opens on Sundays as well.",
    ),
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> EditedSamples:
    """The samples with the edits, validated once."""
    return EditedSamples.make(tmp_path_factory.mktemp("round13b"), _EDITS)


@pytest.mark.parametrize(
    ("key", "code", "severity"),
    [
        ("form", "accuracy.material.asked-form", Severity.WARNING),
        ("copies", "accuracy.material.count-elsewhere", Severity.ERROR),
        ("looked-up", "accuracy.material.licence-asked", Severity.WARNING),
        ("english", "accuracy.material.not-listed", Severity.WARNING),
        ("sample", "accuracy.link.other-department", Severity.WARNING),
        ("district", "accuracy.office.closed-day", Severity.ERROR),
        ("city", "accuracy.office.closed-day", Severity.ERROR),
        ("english-form", "accuracy.material.asked-form", Severity.WARNING),
        ("text-link", "accuracy.link.other-department", Severity.WARNING),
        ("everyday", "accuracy.material.not-listed", Severity.WARNING),
        ("lunch", "accuracy.office.lunch-closed", Severity.ERROR),
        ("week", "accuracy.office.closed-day", Severity.ERROR),
        ("faq-hours", "accuracy.office.closed-day", Severity.ERROR),
    ],
)
def test_each_edit_is_reported_at_its_line(
    edited: EditedSamples, key: str, code: str, severity: Severity
) -> None:
    assert edited.at(key, code).severity is severity


def test_the_copies_message_names_both_counts(
    edited: EditedSamples,
) -> None:
    problem = edited.at("copies", "accuracy.material.count-elsewhere")
    assert "`一张`" in problem.message and "3" in problem.message


def test_the_english_message_names_the_document(
    edited: EditedSamples,
) -> None:
    problem = edited.at("english", "accuracy.material.not-listed")
    assert "marriage certificate" in problem.message


def test_what_the_guide_lists_serves_or_issues_is_not_reported(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Bring your identity card (listed), no need to bring a household register, lunchtime
    service at a hall that serves over lunch, and the card the guide issues: nothing."""
    edits = {
        "listed": (
            "services/passport-application.yaml",
            "any entry-exit window in the country with your identity card.",
            "any entry-exit window in the country; bring your identity card. "
            "There is no need to bring a household register.",
        ),
        "noon": (
            "services/driving-licence-renewal.yaml",
            "en: Working days 8:30–12:00 and 13:30–17:30, Saturday 9:00–12:00",
            "en: Working days 8:30 to 12 noon and 1:30 to 5:30 pm, Saturday 9 to 12 noon",
        ),
        "lunch": (
            "services/retirement-pension.yaml",
            "note: 社保大厅 3 号窗口是退休专窗，",
            "note: 社保大厅 3 号窗口是退休专窗，午饭时间也能办，",
        ),
        "issued": (
            "services/social-security-card.yaml",
            "en: Report it lost in the app, then apply for a new one.",
            "en: Report it lost in the app; to replace it, submit a new social security card "
            "application.",
        ),
    }
    problems = EditedSamples.make(tmp_path_factory.mktemp("round13b-ok"), edits).problems
    assert [(p.file, p.line, p.code) for p in problems] == []


def test_a_steps_upload_is_reported_once(tmp_path_factory: pytest.TempPathFactory) -> None:
    """上传 in a step, of a paper-only material: the step rule's, not asked-form as well."""
    edit = (
        "services/marriage-registration.yaml",
        "zh-CN: 按预约时间两人一起到登记处，填写并签署声明。",
        "zh-CN: 先在网上上传两人合影证件照，再按预约时间到登记处签署声明。",
    )
    edited = EditedSamples.make(tmp_path_factory.mktemp("round13b-once"), {"upload": edit})
    codes = set(edited.codes_in(edited.file_of("upload")))
    assert "accuracy.material.step-form" in codes
    assert "accuracy.material.asked-form" not in codes

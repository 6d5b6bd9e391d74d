"""The twelfth round of issue 18: facts no earlier round compared. The online depth against a
guide with no visit; the audience against the title and the eligibility; the catalogue code
against the task code; the departments a guide names (joint, owner, a step); a complaints
line marked as consultation; a material listed twice; an app path of another length in each
language; a promise in minutes on a service that is not 即办; the system said to approve with
no 秒批 badge; an app, a kiosk or the post offered that the guide has no channel for; a metro
line the offices' directions do not give; a deadline the summary gives otherwise than the
rest of the guide; an office's district against its address, and two offices with one phone;
an alias that is another guide's title, and a task code with another department's prefix.
Each form is tested with other wordings than the entries r12-… of
tests/eval/accuracy/defects.yaml; the rules that read a whole guide share one validation of
one edited copy."""

from __future__ import annotations

import pytest
from test_accuracy_rules import EditedSamples

from generator.validate.problems import Severity
from generator.validate.rules.accuracy import deadlines, fields, materials, offers
from generator.validate.rules.accuracy.claims import negated
from generator.validate.rules.accuracy.facts import metro_stops


# --- word lists and patterns -------------------------------------------------------------------
def test_deadlines_after_a_birth_and_before_expiry() -> None:
    assert [d[:2] for d in deadlines._said("请在出生之日起两个月内申报")] == [("birth", 60)]
    assert [d[:2] for d in deadlines._said("证件到期前 60 日内可以换领")] == [("expiry", 60)]
    assert [d[:2] for d in deadlines._said("超过十五天还没申报的怎么办")] == [("birth", 15)]
    assert deadlines._said("出生医学证明由医院签发") == []


def test_metro_stops_with_several_lines() -> None:
    assert metro_stops("乘地铁 3、5 号线江滨站 A 口出") == [({"3", "5"}, "江滨站")]
    assert metro_stops("公交 18 路到市民中心站") == []


@pytest.mark.parametrize(
    ("note", "dispensable"),
    [
        ("暂时没有的，也可以不提交", True),
        ("这份材料不是必须的", True),
        ("已在线核验的，无需另行提交", False),
        ("可以不交原件，复印件即可", False),
    ],
)
def test_a_required_material_said_to_be_dispensable(note: str, dispensable: bool) -> None:
    assert (materials._DISPENSABLE.search(note) is not None) is dispensable


def test_a_kiosk_offered_and_denied() -> None:
    offered = offers._KIOSK_ZH.search("大厅的自助终端上也能办理")
    assert offered is not None
    denied = "本事项不能在自助一体机上办理"
    found = offers._KIOSK_ZH.search(denied)
    assert found is not None and negated(denied, found.start())


def test_the_post_offered_for_the_application_not_the_result() -> None:
    assert offers._POST_ZH.search("可以把申请表邮寄给区教育局")
    assert offers._POST_EN.search("You may also mail your application to the office.")
    assert offers._POST_ZH.search("证书免费邮寄到家") is None


def test_an_app_named_in_quotes() -> None:
    assert [m.group(1) for m in offers._APP.finditer("打开「粤省事」小程序申请")] == ["粤省事"]


def test_an_age_is_of_a_person_not_of_a_company() -> None:
    assert fields._AGE.search("未满 16 周岁的孩子由监护人陪同")
    assert fields._AGE.search("年满八十周岁的老人")
    assert fields._AGE.search("成立未满 1 年的企业") is None


def test_the_system_said_to_approve_by_itself() -> None:
    assert fields._APPROVES.search("提交后系统自动审批")
    assert fields._APPROVES.search("The system approves automatically.")
    assert fields._APPROVES.search("系统自动核验身份") is None


# --- whole guides: one edited copy, validated once ---------------------------------------------
_EDITS = {
    "depth": (
        "services/tech-sme-assessment.yaml",
        "online_depth: fully_online",
        "online_depth: online_booking",
    ),
    "audience": (
        "services/investment-project-filing.yaml",
        "audience: [enterprise, public_institution]",
        "audience: [individual]",
    ),
    "catalog": (
        "services/employment-registration.yaml",
        'catalog_code: "000311001000"',
        'catalog_code: "000311002000"',
    ),
    "joint": (
        "services/teacher-qualification.yaml",
        "joint_departments: [health]",
        "joint_departments: [edu]",
    ),
    "step": (
        "services/elderly-care-subsidy.yaml",
        "description: 街道审核家庭经济状况和评估结果",
        "description: 市公安局审核家庭经济状况和评估结果",
    ),
    "purpose": (
        "services/retirement-pension.yaml",
        "  - purpose: complaint\n",
        "  - purpose: consultation\n",
    ),
    "instant": ("services/marriage-registration.yaml", "  instant: true\n", "  instant: false\n"),
    "kiosk": (
        "services/household-transfer.yaml",
        "note: 户口迁移只在工作日办理，",
        "note: 户政大厅自助终端也可以申请户口迁移；户口迁移只在工作日办理，",
    ),
    "metro": (
        "services/unemployment-benefit.yaml",
        "可以到社保大厅或区政务服务中心窗口办理",
        "可以到社保大厅（地铁 1 号线人民路站）或区政务服务中心窗口办理",
    ),
    "deadline": (
        "services/driving-licence-renewal.yaml",
        "你的驾驶证有效期还有 90 天内到期",
        "你的驾驶证有效期还有六十天内到期",
    ),
    "alias": ("services/student-financial-aid.yaml", "  - 困难学生补助\n", "  - 临时救助申请\n"),
    "prefix": (
        "services/flexible-employment-insurance.yaml",
        'task_code: "11330599MB1520964P',
        'task_code: "11330599MB1611853R',
    ),
    "district": (
        "reference/offices.yaml",
        "    district: {zh-CN: 北山区, en: Beishan District}",
        "    district: {zh-CN: 河西区, en: Beishan District}",
    ),
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> EditedSamples:
    """The samples with the edits, validated once."""
    return EditedSamples.make(tmp_path_factory.mktemp("round12"), _EDITS)


@pytest.mark.parametrize(
    ("key", "code", "severity"),
    [
        ("depth", "accuracy.badge.no-visit-not-online", Severity.ERROR),
        ("audience", "accuracy.audience.enterprise", Severity.ERROR),
        ("catalog", "accuracy.codes.catalog-tail", Severity.WARNING),
        ("joint", "accuracy.departments.joint-own", Severity.ERROR),
        ("step", "accuracy.departments.step", Severity.WARNING),
        ("purpose", "accuracy.contacts.complaint-purpose", Severity.WARNING),
        ("instant", "accuracy.time.instant-minutes", Severity.WARNING),
        ("kiosk", "accuracy.channels.kiosk-not-channel", Severity.ERROR),
        ("metro", "accuracy.offices.metro-line", Severity.ERROR),
        ("deadline", "accuracy.text.deadline-restated", Severity.WARNING),
        ("district", "accuracy.office.district", Severity.ERROR),
        ("alias", "across.alias-title", Severity.WARNING),
        ("prefix", "across.task-code-department", Severity.WARNING),
    ],
)
def test_each_edit_is_reported_at_its_line(
    edited: EditedSamples, key: str, code: str, severity: Severity
) -> None:
    assert edited.at(key, code).severity is severity


def test_the_metro_message_names_the_line_of_the_directions(
    edited: EditedSamples,
) -> None:
    problem = edited.at("metro", "accuracy.offices.metro-line")
    assert "人民路站" in problem.message and "2" in problem.message

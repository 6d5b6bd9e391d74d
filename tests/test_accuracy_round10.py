"""The tenth round of issue 18: a promise in months, days after the body that acts (街道在 …
内), a reduction said with its verb, days on a service marked instant, a negation before
the act that needs paper, and a step that posts a paper copy of an electronic material.
Each form is tested with other wordings than the entries r10-… of
tests/eval/accuracy/defects.yaml; the two rules that read a whole guide share one
validation of one edited copy."""

from __future__ import annotations

import shutil

import pytest
from support import REPO
from test_accuracy_rules import TODAY, _edit

import generator.validate.rules.accuracy.claims as claims
from generator.validate.problems import Problem, Severity
from generator.validate.rules.accuracy import materials, statements
from generator.validate.rules.accuracy.language import _finding
from generator.validate.tree import validate_tree


# --- what a text claims --------------------------------------------------------------------------
def test_a_promise_in_months_counts_thirty_days_a_month() -> None:
    """预计两个月内审结 is 60 days; 6 个月内有效 is a validity, 3 月内 no count."""
    assert [c.value for c in claims.day_claims("预计两个月内审结")] == [(60, "calendar_days")]
    assert claims.day_claims("复查结果 6 个月内有效") == []
    assert claims.day_claims("3 月内到期的") == []


def test_a_month_agrees_with_the_working_days_of_a_month() -> None:
    """一个月内 where the promise is 21 working days or 30 days agrees; 10 working days not."""
    assert statements._whole_months(30, "calendar_days", [(21, "working_days")])
    assert statements._whole_months(60, "calendar_days", [(60, "calendar_days")])
    assert not statements._whole_months(30, "calendar_days", [(10, "working_days")])


def test_days_after_the_body_that_acts_are_its_promise() -> None:
    """区民政局在 25 个工作日内作出决定 is a promise; 请在 25 个工作日内补正 the applicant's."""
    said = claims.day_claims("区民政局在 25 个工作日内作出决定")
    assert [c.value for c in said] == [(25, "working_days")]
    assert [c.value for c in claims.day_claims("乡镇将在十五个工作日内审核")] == [
        (15, "working_days")
    ]
    assert claims.day_claims("请在 25 个工作日内补正材料") == []


@pytest.mark.parametrize("text", ["家庭困难的可予减免", "经批准后按半价收取", "困难群众准予免收"])
def test_a_reduction_said_with_its_verb(text: str) -> None:
    assert claims.reduction_claims(text)


def test_the_reductions_a_note_names_as_not_applying_are_none() -> None:
    """The sample's 法律规定的免收、减收…只适用于第一次申领 names the reductions, not one."""
    note = "法律规定的免收、减收只适用于第一次申领和到期换领，补领要交全额。"
    assert claims.reduction_claims(note) == []


# --- the two languages ------------------------------------------------------------------------
def test_an_amount_to_pay_in_one_language_only() -> None:
    """One language names a sum to pay, the other says nothing of money at all."""
    assert _finding(
        "带上证明可以申请加急，一般 3 个工作日内办好。",
        "Bring proof and pay 80 yuan for urgent processing; it takes 3 working days.",
    ) == ("fee-one-language", "en", "80 yuan")
    assert _finding("窗口可以代为复印，每页 1 元。", "The window can make copies for you.") == (
        "fee-one-language",
        "zh",
        "1 元",
    )


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("工本费 20 元。", "The fee is 20 yuan."),
        ("窗口可以代为复印，每页 1 元。", "The window makes copies at 1 yuan a page."),
        ("元旦（1 月 1 日）不办公。", "Closed on New Year's Day (1 January)."),
        ("每页收费 1 元。", "Copies are charged by the page."),
    ],
)
def test_an_amount_both_languages_speak_of_is_no_difference(zh: str, en: str) -> None:
    found = _finding(zh, en)
    assert found is None or found[0] != "fee-one-language"


# --- materials -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "note", ["审核通过后不需要另外携带纸质材料", "无需再打印纸质版", "不用额外带复印件到窗口"]
)
def test_a_negation_before_the_act_that_needs_paper(note: str) -> None:
    assert materials._hit(note, materials.PAPER_WORDS) is None


def test_paper_asked_for_without_a_negation_is_still_read() -> None:
    assert materials._hit("审核后须打印纸质版交回", materials.PAPER_WORDS) is not None


@pytest.mark.parametrize(
    ("clause", "asks"),
    [
        ("并将户口簿复印件邮寄至派出所", True),
        ("把结婚证原件交到登记处", True),
        ("无需把户口簿复印件寄到派出所", False),
        ("在 App 里核对户口簿信息", False),
    ],
)
def test_a_step_that_posts_or_hands_in_a_paper_document(clause: str, asks: bool) -> None:
    assert materials._asks_paper(clause) is asks


# --- whole guides: one edited copy, validated once ---------------------------------------------
_INSTANT_NOTE = (
    "services/unemployment-benefit.yaml",
    "可以到社保大厅或区政务服务中心窗口办理，当场办结。",
    "可以到社保大厅或区政务服务中心窗口办理，一般五个工作日内审批完毕。",
)
_FEE_IN_ENGLISH = (
    "services/marriage-registration.yaml",
    "the release time is announced on the app's home page.",
    "the release time is announced on the app's home page; a popular date costs 50 yuan.",
)
_POSTED_COPY = (
    "services/birth-registration.yaml",
    "勾选要一起办的医保参保和社保卡。",
    "勾选要一起办的医保参保和社保卡，并将户口簿复印件邮寄至派出所。",
)


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], list[Problem]]:
    """The samples with both edits, validated once; the line each edit starts on."""
    guides = tmp_path_factory.mktemp("round10") / "guides"
    shutil.copytree(REPO / "guides", guides)
    lines = {name: _edit(guides, name, find, replace) for name, find, replace in
             (_INSTANT_NOTE, _POSTED_COPY, _FEE_IN_ENGLISH)}  # fmt: skip
    return lines, validate_tree(guides, today=TODAY, workers=1).problems


def _of(problems: list[Problem], code: str, name: str) -> list[Problem]:
    return [p for p in problems if p.code == code and p.file.endswith(name)]


def test_days_in_a_channel_note_of_a_service_marked_instant(
    edited: tuple[dict[str, int], list[Problem]],
) -> None:
    """五个工作日内审批完毕 in a note where `time_limit.instant` is true: a warning at the note
    naming the badge's line."""
    lines, problems = edited
    found = _of(problems, "accuracy.text.days-on-instant", "unemployment-benefit.yaml")
    assert [p.line for p in found] == [lines[_INSTANT_NOTE[0]]]
    assert found[0].severity is Severity.WARNING
    # The line of `instant: true` under `time_limit:` in the sample, wherever edits move it.
    text = (REPO / "guides" / _INSTANT_NOTE[0]).read_text("utf-8").split("\n")
    block = text.index("time_limit:")
    badge = next(n for n in range(block, len(text)) if text[n].strip() == "instant: true") + 1
    assert f"(line {badge}, `time_limit.instant`)" in found[0].message


def test_the_statutory_limit_on_a_service_marked_instant_is_no_conflict(
    edited: tuple[dict[str, int], list[Problem]],
) -> None:
    """The sample's 转人工审核，5 个工作日内办好 (the statutory 5 working days) raises nothing."""
    _lines, problems = edited
    assert [p for p in problems if p.code == "accuracy.text.days-on-instant"
            and not p.file.endswith("unemployment-benefit.yaml")] == []  # fmt: skip


def test_a_step_that_posts_a_copy_of_an_electronic_material(
    edited: tuple[dict[str, int], list[Problem]],
) -> None:
    """将户口簿复印件邮寄至派出所 where the household register is electronic: at the step."""
    lines, problems = edited
    found = _of(problems, "accuracy.material.step-form", "birth-registration.yaml")
    assert lines[_POSTED_COPY[0]] in [p.line for p in found]


def test_a_fee_in_the_english_of_a_faq_answer_only(
    edited: tuple[dict[str, int], list[Problem]],
) -> None:
    """ "a popular date costs 50 yuan" where the Chinese answer names no fee: a warning at the
    English line."""
    lines, problems = edited
    found = _of(problems, "accuracy.language.fee-one-language", "marriage-registration.yaml")
    assert [p.line for p in found] == [lines[_FEE_IN_ENGLISH[0]]]
    assert found[0].severity is Severity.WARNING
    assert "`50 yuan`" in found[0].message

"""The eleventh round of issue 18: no visit said as 无须到场, Cantonese 唔使 and Taiwan 免临柜,
a visit said as 亲临; days after which the result comes (N 个工作日后领取); the statutory
limit given in a summary as how long an instant service takes; an original asked for in
more words, a note for everyone (一律须), refusal on a deferrable material, the electronic
document said to be enough; a step that asks to show (交验) an unlisted document; a closing
time said as 八点前都能办; an English text half left in Chinese; "only where you are
registered". Each form is tested with other wordings than the entries r11-… of
tests/eval/accuracy/defects.yaml; the rules that read a whole guide share one validation
of one edited copy."""

from __future__ import annotations

import shutil

import pytest
from support import REPO
from test_accuracy_rules import TODAY, _edit

import generator.validate.rules.accuracy.claims as claims
from generator.validate.problems import Problem, Severity
from generator.validate.rules.accuracy import materials
from generator.validate.rules.accuracy.language import _finding
from generator.validate.rules.accuracy.regions import home_claims
from generator.validate.tree import validate_tree


# --- visits --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "全程毋须到场",
        "唔洗亲身去大厅",
        "网上申请，全程免临柜",
        "无须本人到场签字",
        "线上申报免跑腿",
    ],
)
def test_no_visit_in_formal_cantonese_and_taiwan_wording(text: str) -> None:
    assert [c.value for c in claims.visit_claims(text)] == [0]


def test_a_visit_said_as_going_in_person() -> None:
    """须亲临服务大厅 requires a visit; 免费 and 临时 are no going anywhere."""
    assert [c.value for c in claims.visit_claims("申请人须亲临服务大厅核对")] == ["1+"]
    assert claims.visit_claims("照片可免费到窗口拍") == []
    assert claims.visit_claims("急用的可办临时身份证") == []


# --- days ----------------------------------------------------------------------------------------
def test_days_after_which_the_result_comes() -> None:
    """五个工作日后即可领取 is a promise of 5 working days; 受理后 3 个工作日 and 3 天后再来
    promise nothing."""
    assert [c.value for c in claims.day_claims("五个工作日后即可领取")] == [(5, "working_days")]
    assert [c.value for c in claims.day_claims("两周以后才能拿到")] == [(14, "calendar_days")]
    assert claims.day_claims("3 天后再来窗口") == []


# --- materials -------------------------------------------------------------------------------
def test_an_original_asked_for_in_more_words() -> None:
    assert materials._ORIGINAL.search("须提交加盖单位公章的纸质原件")
    assert materials._ORIGINAL.search("提交复印件即可，原件留存") is None


@pytest.mark.parametrize("note", ["换发的一律须交回旧证", "申请人都必须提供"])
def test_a_note_for_everyone_makes_a_material_compulsory(note: str) -> None:
    assert materials._hit(note, materials.COMPULSORY)


@pytest.mark.parametrize(
    ("note", "enough"),
    [
        ("出示手机里的电子证件即可", True),
        ("不用带卡，刷脸核验", True),
        ("电子版不行，请带原件", False),
        ("请带实体卡", False),
    ],
)
def test_the_electronic_document_said_to_be_enough(note: str, enough: bool) -> None:
    assert (materials._ELECTRONIC_ENOUGH.search(note) is not None) is enough


def test_a_step_that_asks_to_show_an_unlisted_document() -> None:
    pattern = materials._licence_words(("居民户口簿", "结婚证"))
    assert pattern is not None
    assert materials._asked_documents("到窗口后交验户口簿原件", pattern) == ("户口簿",)
    assert materials._asked_documents("不用交验结婚证", pattern) == ()


# --- office hours ------------------------------------------------------------------------------
def test_a_closing_time_said_as_before_eight() -> None:
    """傍晚六点半前都可以办理 closes at 18:30; 9 点前到窗口取号 says nothing of the hours."""
    (opening,) = claims.opening_claims("傍晚六点半前都可以办理")
    assert [t[:2] for t in opening.times] == [("18:29", "18:30")]
    assert claims.opening_claims("9 点前到窗口取号") == []


# --- the two languages and where ----------------------------------------------------------------
def test_an_english_text_half_left_in_chinese() -> None:
    found = _finding("先挂失，再补卡。", "First 挂失 in the app, then 申请 a 新卡.")
    assert found is not None and found[0] == "en-not-english"


def test_one_chinese_name_in_english_is_no_mixture() -> None:
    found = _finding("在 App 搜索社保卡。", 'Search for "社保卡" in the app.')
    assert found is None or found[0] != "en-not-english"


def test_only_where_you_are_registered_in_english() -> None:
    assert home_claims("Yes, but only at the office where you are registered.")
    assert home_claims("You can apply even if your household is registered elsewhere.") == ()


# --- whole guides: one edited copy, validated once ---------------------------------------------
_STATUTORY_SUMMARY = (
    "services/flexible-employment-insurance.yaml",
    "在手机上登记，几分钟就批准",
    "在手机上登记，预计五个工作日审批完毕",
)
_STATUTORY_NAMED = (
    "services/unemployment-benefit.yaml",
    "符合条件的几分钟内批准",
    "符合条件的几分钟内批准，法定时限 10 个工作日",
)
_REFUSED = (
    "services/temporary-assistance.yaml",
    "情况紧急的可以先救助，事后补交。",
    "证明不全的，窗口不予受理。",
)
_REFUSED_IF_LATE = (
    "services/unemployment-benefit.yaml",
    "拿不到证明的，可以先申请，30 天内补交。",
    "拿不到证明的，可以先申请，30 天内补交，逾期不补交的不予受理。",
)


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], list[Problem]]:
    """The samples with the edits, validated once; the line each edit starts on."""
    guides = tmp_path_factory.mktemp("round11") / "guides"
    shutil.copytree(REPO / "guides", guides)
    lines = {find: _edit(guides, name, find, replace) for name, find, replace in
             (_STATUTORY_SUMMARY, _STATUTORY_NAMED, _REFUSED, _REFUSED_IF_LATE)}  # fmt: skip
    return lines, validate_tree(guides, today=TODAY, workers=1).problems


def _of(problems: list[Problem], code: str, name: str) -> list[Problem]:
    return [p for p in problems if p.code == code and p.file.endswith(name)]


def test_the_statutory_limit_as_how_long_an_instant_service_takes(
    edited: tuple[dict[str, int], list[Problem]],
) -> None:
    """预计五个工作日审批完毕 (the statutory 5 working days) in the summary of a service
    promised in 5 minutes: an error at the summary naming the promise's line."""
    lines, problems = edited
    found = _of(
        problems, "accuracy.text.statutory-as-promise", "flexible-employment-insurance.yaml"
    )
    assert lines[_STATUTORY_SUMMARY[1]] in [p.line for p in found]
    assert found[0].severity is Severity.ERROR
    assert "`time_limit.promised`" in found[0].message


def test_the_statutory_limit_named_as_such_is_no_promise(
    edited: tuple[dict[str, int], list[Problem]],
) -> None:
    _lines, problems = edited
    assert _of(problems, "accuracy.text.statutory-as-promise", "unemployment-benefit.yaml") == []


def test_refusal_without_a_deferrable_material(
    edited: tuple[dict[str, int], list[Problem]],
) -> None:
    """不予受理 in the notes of a deferrable material: an error at the note; 逾期不补交的不予
    受理, which keeps handing in later, raises nothing."""
    lines, problems = edited
    found = _of(problems, "accuracy.material.not-deferrable", "temporary-assistance.yaml")
    assert lines[_REFUSED[1]] in [p.line for p in found]
    assert _of(problems, "accuracy.material.not-deferrable", "unemployment-benefit.yaml") == []

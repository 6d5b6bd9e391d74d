"""The accuracy rules added in the second round of issue 18: one edit each to a copy of the
sample guides, the problem's code and the line it is given at, and what must stay quiet."""

from __future__ import annotations

from pathlib import Path

# The date and the one-edit helper are test_accuracy_rules.py's own.
from test_accuracy_rules import TODAY, _edit

from generator.validate.problems import Problem
from generator.validate.tree import validate_tree


def _found(guides: Path, code: str, name: str) -> list[Problem]:
    problems = validate_tree(guides, today=TODAY, workers=1).problems
    return [p for p in problems if p.code == code and p.file.endswith(name)]


def test_a_fee_in_a_step_that_is_no_fee_item(guides: Path) -> None:
    """交费 150 元 in a step where the only fee item is 120 yuan: at the step, naming `fees`."""
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "核对信息后你交费。",
        "核对信息后你交费 150 元。",
    )
    found = _found(guides, "accuracy.text.fees", "passport-application.yaml")
    assert line in [p.line for p in found]
    assert "150 元`) that is not among the fee items" in found[0].message


def test_a_replacement_fee_in_a_faq_of_a_free_service_is_no_conflict(guides: Path) -> None:
    """The samples' own 补领收工本费 20 元 (residence permit, free) raises nothing: one case."""
    assert _found(guides, "accuracy.text.fees", "residence-permit.yaml") == []


def test_english_free_against_a_charged_service(guides: Path) -> None:
    """It is free of charge. in the English summary of a 120-yuan passport."""
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "The fee is 120 yuan.",
        "It is free of charge.",
    )
    found = _found(guides, "accuracy.text.fees", "passport-application.yaml")
    assert line in [p.line for p in found]


def test_same_day_against_a_promise_in_days(guides: Path) -> None:
    """当日办结 in the summary of a 3-working-day licence."""
    line = _edit(
        guides, "services/food-business-licence.yaml", "其他的 3 个工作日内办好", "其他的当日办结"
    )
    found = _found(guides, "accuracy.text.instant", "food-business-licence.yaml")
    assert line in [p.line for p in found]
    assert "decided the same day" in found[0].message


def test_same_day_on_an_instant_service_is_true(guides: Path) -> None:
    """当日办结 on the marriage registration, promised in 30 minutes: nothing."""
    _edit(
        guides,
        "services/marriage-registration.yaml",
        "符合条件的当场登记。",
        "符合条件的当场登记，当日办结。",
    )
    assert _found(guides, "accuracy.text.instant", "marriage-registration.yaml") == []


def test_a_step_description_against_its_duration(guides: Path) -> None:
    """3 个工作日内 in a step that takes 5 working days."""
    line = _edit(
        guides,
        "services/social-security-card.yaml",
        "zh-CN: 银行制作实体卡并免费寄给你。",
        "zh-CN: 银行制作实体卡，3 个工作日内免费寄给你。",
    )
    found = _found(guides, "accuracy.text.step-days", "social-security-card.yaml")
    assert line in [p.line for p in found]
    assert "its `duration` is 5 working days" in found[0].message


def test_all_day_on_a_half_day(guides: Path) -> None:
    """周六全天 in the citizen centre's weekend note; it opens 09:00–12:00 on Saturdays."""
    line = _edit(
        guides,
        "reference/offices.yaml",
        "周六上午办理社保、户籍、企业开办业务",
        "周六全天办理社保、户籍、企业开办业务",
    )
    found = _found(guides, "accuracy.office.all-day", "offices.yaml")
    assert [p.line for p in found] == [line]
    assert "09:00–12:00" in found[0].message


def test_open_until_after_closing(guides: Path) -> None:
    """延长到 19:30 in a channel note; the halls close at 17:30."""
    line = _edit(
        guides,
        "services/social-security-card.yaml",
        "现场 10 分钟拿卡。",
        "现场 10 分钟拿卡，工作日晚上延长到 19:30。",
    )
    found = _found(guides, "accuracy.office.outside-hours", "social-security-card.yaml")
    assert line in [p.line for p in found]


def test_copy_only_notes_on_an_original(guides: Path) -> None:
    """无需提交原件 in the notes of a material whose original is asked for."""
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "notes: 请带实体身份证，窗口要读卡核验。",
        "notes: 请带实体身份证，无需提交原件，带复印件即可。",
    )
    found = _found(guides, "accuracy.material.copy-only", "passport-application.yaml")
    assert line in [p.line for p in found]


def test_compulsory_notes_on_an_optional_material(guides: Path) -> None:
    """必须提供 in the notes of an optional material; 不必提供 says nothing."""
    find = "notes: 2 寸红底合影 3 张。登记处也可以免费拍。"
    line = _edit(
        guides,
        "services/marriage-registration.yaml",
        find,
        "notes: 2 寸红底合影 3 张，必须提供。",
    )
    found = _found(guides, "accuracy.material.compulsory", "marriage-registration.yaml")
    assert line in [p.line for p in found]


def test_a_bare_address_on_a_look_alike_domain(guides: Path) -> None:
    """www.linjiang-gov.com written without https:// is read as a link."""
    line = _edit(
        guides,
        "services/minimum-living-allowance.yaml",
        "notes: 所有成年家庭成员都要签字。",
        "notes: 所有成年家庭成员都要签字。表格也可以在 www.linjiang-gov.com 下载。",
    )
    found = _found(guides, "accuracy.link.look-alike", "minimum-living-allowance.yaml")
    assert [p.line for p in found] == [line]


def test_a_host_with_a_letter_that_only_looks_latin(guides: Path) -> None:
    """A Cyrillic і in linjiang."""
    line = _edit(
        guides,
        "services/social-security-card.yaml",
        "sample: https://zwfw.linjiang.example/samples/id-photo.jpg",
        "sample: https://zwfw.linj\u0456ang.example/samples/id-photo.jpg",
    )
    found = _found(guides, "accuracy.link.non-latin-host", "social-security-card.yaml")
    assert [p.line for p in found] == [line]
    assert "\u0456" in found[0].message


def test_an_office_named_in_a_note_that_does_not_serve_the_department(guides: Path) -> None:
    """车管所 in the in-person note of an unemployment benefit (hrss): names offices.yaml."""
    line = _edit(
        guides,
        "services/unemployment-benefit.yaml",
        "可以到社保大厅或区政务服务中心窗口办理",
        "可以到车管所或区政务服务中心窗口办理",
    )
    found = _found(guides, "accuracy.office.named-wrong-department", "unemployment-benefit.yaml")
    assert [p.line for p in found] == [line]
    assert "`vehicle-office` does not serve `hrss` (" in found[0].message
    assert "offices.yaml:" in found[0].message


def test_an_office_named_in_full_that_serves_the_department_is_fine(guides: Path) -> None:
    """临江市社会保险服务大厅 in the same note: it serves hrss; 不能到车管所 is a negation."""
    _edit(
        guides,
        "services/unemployment-benefit.yaml",
        "可以到社保大厅或区政务服务中心窗口办理",
        "可以到临江市社会保险服务大厅或区政务服务中心窗口办理，不能到车管所办理",
    )
    assert (
        _found(guides, "accuracy.office.named-wrong-department", "unemployment-benefit.yaml") == []
    )


def test_an_afternoon_on_a_morning_only_day(guides: Path) -> None:
    """周六下午 in a marriage note: the centres open 09:00–12:00 on Saturdays; 上午 is fine."""
    line = _edit(
        guides,
        "services/marriage-registration.yaml",
        "市民中心三楼婚姻登记处周六上午也办理结婚登记。",
        "市民中心三楼婚姻登记处周六下午也办理结婚登记。",
    )
    found = _found(guides, "accuracy.office.part-of-day", "marriage-registration.yaml")
    assert [p.line for p in found] == [line]
    assert "in the afternoon" in found[0].message and "09:00–12:00" in found[0].message


def test_original_and_copy_in_the_notes_of_an_original(guides: Path) -> None:
    """请带原件和复印件 on a material whose `original_or_copy` is original."""
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "notes: 换发的请带上旧护照，窗口会剪角后退还给你。",
        "notes: 换发的请带上旧护照原件和复印件，窗口会剪角后退还给你。",
    )
    found = _found(guides, "accuracy.material.original-and-copy", "passport-application.yaml")
    assert line in [p.line for p in found]


def test_hours_in_words_outside_the_hours(guides: Path) -> None:
    """周六 9 点到 12 点半 in a marriage note: the centres close at 12:00 on Saturdays."""
    line = _edit(
        guides,
        "services/marriage-registration.yaml",
        "市民中心三楼婚姻登记处周六上午也办理结婚登记。",
        "市民中心三楼婚姻登记处周六 9 点到 12 点半也办理结婚登记。",
    )
    found = _found(guides, "accuracy.office.outside-hours", "marriage-registration.yaml")
    assert line in [p.line for p in found]
    assert "`9 点到 12 点半`" in found[0].message

"""The word lists behind the accuracy rules: each fact, its phrase, and its negations."""

from __future__ import annotations

import pytest

from generator.validate.rules.accuracy import claims
from generator.validate.rules.accuracy.language import numbers_en, numbers_zh
from generator.validate.rules.accuracy.materials import names_match


def _visits(text: str) -> list[tuple[object, str]]:
    return [(claim.value, claim.phrase) for claim in claims.visit_claims(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全程网上办理，零跑动。", [(0, "全程网上办"), (0, "零跑动")]),
        ("审核通过后需本人到场领取。", [("1+", "需本人到场")]),
        ("无需本人到场，证件寄到家。", [(0, "无需本人到场")]),
        ("不需要到现场，在手机上确认即可。", [(0, "不需要到现场")]),
        ("你只要到派出所去一次。", [(1, "去一次")]),
        ("最多跑一次，材料齐全当场办结。", [("0-1", "最多跑一次")]),
        ("一次都不用跑。", [(0, "一次都不用跑")]),
        ("不用回原籍开证明。", []),
        ("Apply online, with no need to visit an office.", [(0, "no need to visit")]),
        ("You must come in person to sign.", [("1+", "must come in person")]),
    ],
)
def test_visit_claims(text: str, expected: list[tuple[object, str]]) -> None:
    """零跑动, 需本人到场 and its negations, 去一次, 最多跑一次, in Chinese and English."""
    assert _visits(text) == expected


def test_visits_agree() -> None:
    """At most one visit holds for 0 and 1; a visit needed, for 1 and more."""
    assert claims.visits_agree("0-1", 1) and not claims.visits_agree("0-1", 2)
    assert claims.visits_agree("1+", 2) and not claims.visits_agree("1+", 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("材料齐全的秒批。", [("instant_approval", "秒批")]),
        ("提交后秒报，系统自动备案。", [("instant_filing", "秒报")]),
        ("窗口即办。", [("instant", "即办")]),
        ("请立即办理挂失。", []),
        ("本事项不是秒批，需要人工审核。", []),
        ("The system approves eligible claims within minutes.", [("instant", "within minutes")]),
    ],
)
def test_instant_claims(text: str, expected: list[tuple[str, str]]) -> None:
    """秒批, 秒报 and 即办 are claims; 立即办理 and a negated 秒批 are not."""
    assert [(c.fact, c.phrase) for c in claims.instant_claims(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 个工作日内办好。", [(3, "working_days")]),
        ("7 天内做好。", [(7, "calendar_days")]),
        ("请在 30 天内办理变更登记。", []),
        ("驾驶证在 90 天内到期的可以申请。", []),
        ("posted to you within 5 working days", [(5, "working_days")]),
        ("You get the result within 3 working days of applying.", [(3, "working_days")]),
        # the applicant's deadline, in English: the clause's doer is the applicant
        ("If it changes, register the change within 30 days.", []),
        ("You must apply within 60 days of the birth.", []),
        ("Apply online: a licence is issued within 1 working day.", [(1, "working_days")]),
    ],
)
def test_day_claims(text: str, expected: list[tuple[int, str]]) -> None:
    """A promised number of days, not an applicant's deadline or a validity."""
    assert [c.value for c in claims.day_claims(text)] == expected


def test_fee_and_region_claims() -> None:
    """不收费 and 工本费 N 元 are fee claims; 免费邮寄 is not; 全国通办 names the region."""
    assert [(c.fact, c.value) for c in claims.fee_claims("工本费 20 元，不收费。")] == [
        ("free", True),
        ("fee", 20.0),
    ]
    assert claims.fee_claims("证件免费寄给你。") == []
    assert [c.value for c in claims.region_claims("护照已经全国通办。")] == ["national"]
    assert claims.region_claims("本事项不全省通办。") == []


def test_opening_claims_leave_out_shut_days() -> None:
    """周六、周日也办理 claims both days; 周末不办公 and a call to book a home visit claim none."""
    found = claims.opening_claims("周六、周日 9:00–16:30 也办理；周末不办公；可在周日预约上门服务")
    assert [(o.days, o.times) for o in found] == [
        (("sat", "sun"), (("09:00", "16:30", "9:00–16:30"),))
    ]
    ranged = claims.opening_claims("周一至周五 8:30–17:30")[0]
    assert ranged.days == ("mon", "tue", "wed", "thu", "fri")
    assert ranged.phrase_for("wed") == "周一至周五"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 号门有无障碍坡道和升降电梯。", [("step_free", True)]),
        ("正门有台阶，没有无障碍坡道。", [("step_free", False), ("step_free", False)]),
        ("大厦无专用无障碍车位。", [("accessible_parking", False)]),
        ("服务站没有手语翻译。", [("sign_language", False)]),
        ("需要手语翻译的，请提前预约。", [("sign_language", True)]),
        ("There is no sign language interpreter here.", [("sign_language", False)]),
        ("Door 1 has a ramp and a lift.", [("step_free", True)]),
    ],
)
def test_access_claims(text: str, expected: list[tuple[str, bool]]) -> None:
    """无障碍 is a noun, not a negation; 没有, 无 and `no` before a facility deny it."""
    assert sorted((c.fact, c.value) for c in claims.access_claims(text)) == sorted(expected)


def test_numbers_of_both_languages() -> None:
    """万 and million, 半年 and 6 months, August and 8 月, times: read as the same numbers."""
    assert numbers_zh("收入 5000 万元以下，8 月 31 日前，住满半年，9:00–17:00") == [
        "9:00", "17:00", "50000000", "8", "31", "6",
    ]  # fmt: skip
    assert sorted(
        numbers_en("below 50 million yuan, by 31 August, 6 months, 9:00–17:00")
    ) == sorted(["9:00", "17:00", "50000000", "31", "6", "8"])
    assert numbers_en("from 50 to 200 million") == ["50000000", "200000000"]


@pytest.mark.parametrize(
    ("material", "licence", "same"),
    [
        ("股东、法定代表人的身份证件", "居民身份证", True),
        ("居民户口簿（迁出地）", "居民户口簿", True),
        ("学历证书或职称证书", "学历证书", True),
        ("居民身份证", "居民户口簿", False),
        ("学历证书", "学位证书", False),
        ("结婚证", "离婚证", False),
    ],
)
def test_material_names_against_the_catalogue(material: str, licence: str, same: bool) -> None:
    """A material is the licence it points to when it shares the licence's name, 居民 aside."""
    assert names_match(material, licence) is same


def test_shut_days_and_weekend_days() -> None:
    """周末不办公 names the shut days; 周一至周日 and Monday to Sunday name the weekend too."""
    assert claims.closed_days("周末和法定节假日不办公；急需办理的可拨打 12345") == [
        ("sat", "周末"),
        ("sun", "周末"),
    ]
    assert claims.closed_days("户口迁移只在工作日办理") == []
    assert claims.weekend_days("周一至周日 9:00–17:00") == {"sat", "sun"}
    assert claims.weekend_days("Monday to Sunday, 9:00–17:00") == {"sat", "sun"}
    assert claims.weekend_days("Closed at weekends") == {"sat", "sun"}
    assert claims.weekend_days("工作日 9:00–17:00") == set()


# --- the word lists widened in the second round (issue 18) -----------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Everything is done online; you do not have to come to the office.", 0),
        ("You do not have to come back to collect it.", None),
        ("You don't need to come in: the card is posted.", 0),
    ],
)
def test_english_no_visit_phrases(text: str, expected: object) -> None:
    """ "do not have to come" says no visit, unless it is "come back" (one visit fewer)."""
    values = {claim.value for claim in claims.visit_claims(text)}
    assert values == ({expected} if expected is not None else set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("材料齐全的当日办结。", [("same_day", "当日办结")]),
        ("不能当天办结，需要实地核查。", []),
        ("It is decided on the same day.", [("same_day", "decided on the same day")]),
    ],
)
def test_same_day_claims(text: str, expected: list[tuple[str, str]]) -> None:
    """当日办结 / decided on the same day, and the negation 不能当天办结."""
    assert [(c.fact, c.phrase) for c in claims.instant_claims(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("材料齐全的，10 个工作日办结。", [((10, "working_days"), "10 个工作日办结")]),
        (
            "办结时限为 8 个工作日，可在 App 查进度。",
            [((8, "working_days"), "办结时限为 8 个工作日")],
        ),
        ("承诺时限 5 个工作日内。", [((5, "working_days"), "5 个工作日内")]),
        ("请在 30 天办结前补齐材料。", []),
    ],
)
def test_days_written_without_nei(text: str, expected: list[tuple[object, str]]) -> None:
    """A promise without 内 (10 个工作日办结, 办结时限为 8 个工作日), each read once."""
    assert [(c.value, c.phrase) for c in claims.day_claims(text)] == expected


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("It is free of charge.", True),
        ("There is no fee.", True),
        ("Staff take your photo free of charge, and you pay the fee.", False),
    ],
)
def test_english_free_phrases(text: str, free: bool) -> None:
    """The whole service said to be free; a free photo within a paid service is no such claim."""
    assert any(c.fact == "free" for c in claims.fee_claims(text)) is free


def test_weekend_and_holiday_words() -> None:
    """周六、日 names Saturday and Sunday; 春节 and 国庆 are public holidays."""
    (opening,) = claims.opening_claims("周六、日全天办理结婚登记")
    assert set(opening.days) == {"sat", "sun"}
    (holiday,) = claims.opening_claims("春节、国庆假期也能办")
    assert holiday.days == ("holiday",)


def test_open_until_a_time() -> None:
    """延长到 19:30 is a time the office must be open at; a phone line's hours are left out."""
    (opening,) = claims.opening_claims("工作日晚上延长到 19:30")
    assert opening.times == (("19:29", "19:30", "延长到 19:30"),)
    assert claims.opening_claims("热线电话延长到 20:00") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周六全天办理社保卡", [("sat", "周六全天")]),
        (
            "周一至周五全天办理，周六上午办理",
            [(d, "周一至周五全天") for d in ("mon", "tue", "wed", "thu", "fri")],
        ),
        ("周末不办公，全天暂停", []),
        ("自助机 24 小时可用", []),
    ],
)
def test_all_day_claims(text: str, expected: list[tuple[str, str]]) -> None:
    """全天 with the days of its clause; a clause that says the office is shut claims nothing."""
    assert claims.all_day_claims(text) == expected


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("服务台有轮椅可借。", "wheelchair_loan", True),
        ("各窗口均配有助听设备。", "hearing_loop", True),
        ("暂无助听设备。", "hearing_loop", False),
    ],
)
def test_more_accessibility_words(text: str, fact: str, value: bool) -> None:
    """轮椅可借 and 助听设备, with the negation 暂无."""
    assert [(c.fact, c.value) for c in claims.access_claims(text)] == [(fact, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周六下午也办理结婚登记", [("sat", "周六下午", "afternoon")]),
        ("周末下午不办公", []),
        ("下午 3 点前提交的当天办结", []),
    ],
)
def test_part_of_day_claims(text: str, expected: list[tuple[str, str, str]]) -> None:
    """上午 / 下午 / 晚上 with the days of the clause; shut, or no day named: nothing."""
    assert claims.part_of_day_claims(text) == expected


def test_a_trip_is_a_visit() -> None:
    """跑一趟 counts one visit; 最多跑一趟 at most one."""
    assert _visits("你只要去一趟派出所。") == [(1, "去一趟")]
    assert _visits("最多跑一趟。") == [("0-1", "最多跑一趟")]


def test_english_number_words_up_to_ninety() -> None:
    """fifteen … ninety are read as numbers, as 1 … 12 are."""
    assert "15" in numbers_en("within fifteen working days")
    assert "30" in numbers_en("thirty days")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周一至周五 8 点半到 17 点", [("08:30", "17:00", "8 点半到 17 点")]),
        ("上午 9 点至下午 5 点半", [("09:00", "17:30", "上午 9 点至下午 5 点半")]),
        ("工作日 8 点到 5 点", [("08:00", "17:00", "8 点到 5 点")]),
        ("自助机 24 小时可用", []),
        ("下午 3 点前提交的当天办结", []),
    ],
)
def test_hours_written_in_words(text: str, expected: list[tuple[str, str, str]]) -> None:
    """`8 点半到 17 点` read as 08:30–17:00; 下午 and an end before the start mean afternoon."""
    assert claims.zh_time_ranges(text) == expected


def test_colloquial_and_english_holiday_days() -> None:
    """礼拜天 is Sunday; the Spring Festival is a public holiday."""
    (sunday,) = claims.opening_claims("礼拜天也能办")
    assert sunday.days == ("sun",)
    (holiday,) = claims.opening_claims("Open during the Spring Festival too.")
    assert holiday.days == ("holiday",)


def test_hours_in_words_are_times_for_the_language_check() -> None:
    """9 点到 12 点半 in Chinese is 9:00 and 12:30, as the English writes them."""
    assert numbers_zh("周六 9 点到 12 点半也办理") == ["9:00", "12:30"]

"""How much of a query a result must answer, in a real browser (docs/search.md, "When
nothing is found"): a query that means nothing to the guides says 没有找到 instead of
listing guides that share a character, a number or one word of it with the query, while
the queries those rules must not silence still find their guide; and typed pinyin with a
sound mixed up (zh for z) finds the name it means.
"""

from __future__ import annotations

import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("search-quiet")]

WAIT_SECONDS = 30
NOTHING_FOUND = "没有找到"


def _search(driver: WebDriver, site_url: str, query: str) -> tuple[list[str], str]:
    """Open the search page with query; return the guide ids listed and what was said."""
    driver.get(urllib.parse.urljoin(site_url, "search/?" + urllib.parse.urlencode({"q": query})))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda _: status.text and form.get_attribute("aria-busy") != "true"
    )
    links = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] a")
    ids = [(link.get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1] for link in links]
    return ids, status.text


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("人", "one character alone: in 20 guides' text"),
        ("证", "one character alone: in every guide's text"),
        ("100", "a number of a summary (100% 加计扣除), not a guide's name"),
        ("0", "a digit alone"),
        ("燃气开户", "开户 of a summary qualified by a word no guide holds"),
        ("建筑施工许可证", "another kind of 许可证 than the food licence"),
        ("烟草专卖许可证", "许可证 qualified by words no guide holds"),
        ("手机没电了", "a common summary word (在手机上申请) alone"),
        ("I would like to know the best way to cook pasta at home", "home of Home care"),
        ("Yesterday Once More", "once and more of the residence permit's summary"),
        ("楼下新开的火锅店好吃吗", "a shop already open, not one to open"),
        ("what is 85 plus 3", "a number after is, but no one's age"),
        # Found through a word that only says what kind of procedure it is (登记, 许可证),
        # said of a thing no guide holds: before it, or after it.
        ("养猫登记", "登记 of 养猫: the guides' 登记 are for other things"),
        ("电动车上牌登记", "登记 of a vehicle plate"),
        ("宠物医院许可证", "许可证 of a pet clinic, not the food licence"),
        ("注册域名", "注册 of a domain name, not 公司注册"),
        # An English query sharing only the kind of paper (licence, permit) with a guide,
        # said of a thing no guide holds: ENGLISH_KIND.
        ("boat licence", "licence of a boat, not the food or driving licence"),
        ("hunting permit", "permit of hunting, not the residence permit"),
        # A thing of the everyday-names table that no guide names.
        ("养老院怎么住进去", "a care home place; 居家养老 is care at home"),
        ("药店许可证", "a pharmacy's licence, one character from the food licence"),
    ],
)
def test_a_query_the_guides_do_not_answer_finds_nothing(
    driver: WebDriver, site_url: str, query: str, why: str
) -> None:
    ids, said = _search(driver, site_url, query)
    assert said.startswith(NOTHING_FOUND), f"{query} ({why}): {ids} {said}"
    assert ids == []


@pytest.mark.parametrize(
    ("query", "guide"),
    [
        ("江滨区 低保", "minimum-living-allowance"),  # a third, through one of its names whole
        ("出国旅游", "passport-application"),  # half of the query
        ("身份证过期", "id-card-replacement"),  # the word no guide holds comes after
        ("下个月办婚礼", "marriage-registration"),  # qualified, but a name of the guide whole
        ("家里有人得了重病", "temporary-assistance"),  # 得了 says what happened, not what kind
        # Only 登记 in common, but the guide is a 登记 and the query names nothing it lacks.
        ("刚找到工作要不要登记", "employment-registration"),
        ("爷爷九十岁了", "old-age-allowance"),  # an age in words is someone old
        ("俺家老头子八十多了有啥钱领不", "old-age-allowance"),  # 八十多, apart
        ("媳妇生了个大胖小子", "birth-medical-certificate"),  # a child born
        ("老婆生了个闺女", "birth-medical-certificate"),  # a child born
        ("家里添了个闺女", "birth-medical-certificate"),  # a child added to the family
        ("想开个理发店", "individual-business-registration"),  # a kind of shop: 开店
        ("孩子要去英国读研究生", "passport-application"),  # a country: 出国
        ("my father is 85", "old-age-allowance"),  # an age in English
        ("marriage licence", "marriage-registration"),  # named, one word of two
        ("zhanzhuzheng", "residence-permit"),  # 暂住证 (zan) said with zh
        ("jiashi zeng huanzheng", "driving-licence-renewal"),  # 驾驶证换证, zh typed z
        ("家里添了个外孙", "birth-medical-certificate"),  # a grandchild born
        ("女儿考到了英国的大学", "passport-application"),  # 到了 a country: 出国
        ("奶奶八十大寿", "old-age-allowance"),  # an age's birthday is someone old
        ("想开个牛肉面馆", "individual-business-registration"),  # a kind of 馆: 开店
        ("snack bar permit", "food-business-licence"),  # what it is about, whatever the kind
        ("living permit", "residence-permit"),  # only the kind, but nothing the site lacks
        ("出生医学证明原件", "birth-registration"),  # which copy: the document it asks for
    ],
)
def test_what_those_rules_must_not_silence_is_found(
    driver: WebDriver, site_url: str, query: str, guide: str
) -> None:
    ids, said = _search(driver, site_url, query)
    assert guide in ids[:5], f"{query}: {ids} {said}"


@pytest.mark.parametrize("query", ["zhangsan", "wo xiang chi huoguo", "kuaidi dao le mei"])
def test_pinyin_with_a_sound_changed_still_finds_nothing_it_does_not_name(
    driver: WebDriver, site_url: str, query: str
) -> None:
    ids, said = _search(driver, site_url, query)
    assert said.startswith(NOTHING_FOUND), f"{query}: {ids} {said}"


@pytest.mark.parametrize(
    ("query", "guide"),
    [
        # Typed pinyin in words: the word that names something, the others left out.
        ("shebaoka huaile zenme ban", "social-security-card"),
        ("jiehunzheng yao dai shenme", "marriage-registration"),
        # Initials with the initials of an asking word after the name's.
        ("hzsq", "passport-application"),  # 护照 + 申请
        ("gthbl", "individual-business-registration"),  # 个体户 + 办理
    ],
)
def test_pinyin_and_initials_typed_with_words_of_asking_find_the_name(
    driver: WebDriver, site_url: str, query: str, guide: str
) -> None:
    ids, said = _search(driver, site_url, query)
    assert guide in ids[:5], f"{query}: {ids} {said}"


@pytest.mark.parametrize("query", ["shui", "fang"])
def test_one_pinyin_syllable_alone_finds_nothing(
    driver: WebDriver, site_url: str, query: str
) -> None:
    ids, said = _search(driver, site_url, query)
    assert said.startswith(NOTHING_FOUND), f"{query}: {ids} {said}"
    assert ids == []


def test_among_guides_holding_some_words_the_longer_words_come_first(
    driver: WebDriver, site_url: str
) -> None:
    """As many of the query's words held, 孩子上学 (the student aid's life event) says more
    than 家里 (in the home care and dibao summaries)."""
    ids, said = _search(driver, site_url, "孩子上学家里困难")
    assert ids[:1] == ["student-financial-aid"], f"{ids} {said}"

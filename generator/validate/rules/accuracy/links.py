"""Links against the web domains the reference data declares as the government's own."""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urlsplit

from generator.common.i18n import N_, _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.report import at_phrase
from generator.validate.rules.accuracy.texts import Form, GuideTexts
from generator.validate.rules.checker import Checker, strings

_URL = re.compile(r"https://[^\s<>()\[\]\"'，。；、）]+")
_BARE = re.compile(r"(?<![/\w.@-])www(?:\.[\w-]+)+", re.ASCII)
"""An address written without https:// (www.linjiang-gov.com): the link rules read it too."""
_BARE_HOST = re.compile(
    r"(?<![/\w.@-])(?:[a-z0-9-]+\.)+(?:com|cn|net|org|cc|top|xyz|info|vip|site)(?![\w@-]|\.\w)",
    re.ASCII | re.IGNORECASE,
)
"""Any host written without https:// or www. (mzj-linjiang.com, also at a sentence's end:
`track it at rsj.linjiang.com.`): read only for look-alikes, since a bare name that is no
address (a file name) must not be called a foreign site."""
_COMMON_LABELS = frozenset({"www", "com", "cn", "net", "org", "gov", "example", "edu"})
_LOOKS = str.maketrans({"1": "l", "i": "l", "0": "o", "-": "", "_": ""})
"""Letters read alike: 1 and I (lower-cased i) for l, 0 for o; hyphens dropped."""


def check_links(check: Checker, data: Any, domains: frozenset[str]) -> None:
    """Every https:// address of a file: on a declared government domain, or said why not."""
    if isinstance(data, dict | list):
        for path, text in strings(data, ()):
            if "https://" in text:
                check_link_text(check, path, text, domains)


def check_link_text(check: Checker, path: FieldPath, text: str, domains: frozenset[str]) -> None:
    """The https:// addresses of one text, and those written from `www.` without a scheme."""
    if len(domains) < 2:  # only gov.cn: the office has declared no domains of its own yet
        return
    marks = _marks(domains)
    found = [(url, urlsplit(url)) for url in _URL.findall(text)]
    if "www." in text:
        found += [(bare, urlsplit("https://" + bare)) for bare in _BARE.findall(text)]
    for bare in _BARE_HOST.findall(text) if "." in text else ():
        host = bare.lower()
        if any(host in url for url, _parts in found):
            continue  # already read as part of an address
        if not _is_government(host, domains) and _looks_like(host, marks):
            found.append((bare, urlsplit("https://" + bare)))
    for url, parts in found:
        host = (parts.hostname or "").lower()
        if url.startswith("https://") and host.isascii() and "@" not in parts.netloc:
            _address_parts(check, path, url, parts, host)
        if not host.isascii():
            check.error_at(
                path,
                check.loaded.fragment_position(path, url),
                _("`{host}` has letters that only look Latin (`{letters}`)").format(
                    host=host, letters="".join(c for c in host if not c.isascii())
                ),
                _(
                    "a look-alike letter leads to another site: type the address again "
                    "on the department's own domain"
                ),
                code="accuracy.link.non-latin-host",
            )
        elif "@" in parts.netloc:
            check.error_at(
                path,
                check.loaded.fragment_position(path, url),
                _("`{url}` hides its real host `{host}` behind an `@`").format(
                    url=url[:80], host=host
                ),
                _("write the address of the page itself, without `user@`"),
                code="accuracy.link.userinfo",
            )
        elif _is_government(host, domains):
            continue
        elif _looks_like(host, marks):
            check.error_at(
                path,
                check.loaded.fragment_position(path, url),
                _(
                    "`{host}` looks like a government address but is not one of the city's domains"
                ).format(host=host),
                _(
                    "a look-alike domain can be a phishing site: use the "
                    "address on the department's "
                    "own domain (`domains` in guides/reference/departments.yaml)"
                ),
                code="accuracy.link.look-alike",
            )
        else:
            check.warning_at(
                path,
                check.loaded.fragment_position(path, url),
                _("`{host}` is not a government domain").format(host=host),
                _(
                    "confirm that citizens should leave the government's "
                    "sites here; if the domain is "
                    "the government's, add it to `domains` in guides/reference/departments.yaml"
                ),
                code="accuracy.link.not-government",
            )


_TEST_LABELS = frozenset(
    {"test", "testing", "dev", "devel", "staging", "stage", "uat", "sit", "pre", "preview",
     "demo", "sandbox", "beta", "localhost", "internal", "intranet"}
)  # fmt: skip
"""Host labels of systems that are not the public service (test.qykb…, qykb-uat…)."""
_TRACKING = re.compile(
    r"(?:^|&)(?:(?:utm_[a-z]+|isappinstalled|spm|share_token|sharer_[a-z]+|fbclid)="
    r"|from=(?:singlemessage|groupmessage|timeline))",
    re.IGNORECASE,
)
"""Query parameters a share or a campaign adds (WeChat's from=groupmessage, utm_source)."""
_LABEL_SPLIT = re.compile(r"[.-]")


def _address_parts(check: Checker, path: FieldPath, url: str, parts: Any, host: str) -> None:
    """What a reviewer refuses in a published address whatever its host: a port, a host
    of a test or internal system, the tracking of the share it was copied from."""
    try:
        port = parts.port
    except ValueError:
        port = None
    labels = set(_LABEL_SPLIT.split(host))
    # where the address is written: only for a problem (a clean guide is never located,
    # tests/test_validate_positions.py)
    if host == "localhost" or labels & _TEST_LABELS:
        check.error_at(
            path,
            check.loaded.fragment_position(path, url),
            _("`{host}` is the address of a test or internal system").format(host=host),
            _(
                "citizens cannot reach it, or reach a system that does not act: "
                "give the public address"
            ),
            code="accuracy.link.test-host",
        )
    elif port is not None and port != 443:
        check.warning_at(
            path,
            check.loaded.fragment_position(path, url),
            _("`{url}` names the port {port}").format(url=url[:80], port=port),
            _(
                "a port is usually an internal or test address that is blocked outside the "
                "office: confirm the address works from home, or give the public one"
            ),
            code="accuracy.link.port",
        )
    elif parts.query and _TRACKING.search(parts.query):
        check.warning_at(
            path,
            check.loaded.fragment_position(path, url),
            _("`{url}` carries the tracking of a share or campaign").format(url=url[:80]),
            _("confirm the clean address (without from=, utm_… and the like) and use it"),
            code="accuracy.link.tracking",
        )


def check_guide_links(check: Checker, data: dict[str, Any], facts: Any, texts: GuideTexts) -> None:
    """A contact's, channel's or material's address, or a link in a text, on the website of
    another department than the guide's (a police complaint sent to the human resources
    bureau's page); an address whose path names another guide of the site."""
    addresses: list[tuple[FieldPath, str, dict[str, Any]]] = []
    for key in ("contacts", "channels", "materials"):
        value = data.get(key)
        for number, item in enumerate(value if isinstance(value, list) else ()):
            if not isinstance(item, dict):
                continue
            for field in ("url",) if key != "materials" else ("blank_form", "sample"):
                url = item.get(field)
                if isinstance(url, str) and url.startswith("https://"):
                    addresses.append(((key, number, field), url, item))
    link_texts = _link_texts(data, texts)
    given = data.get("related")
    if isinstance(given, list) and given and (addresses or link_texts):
        _other_service(check, addresses, link_texts, given, data.get("id"))
    websites = _websites(facts)
    if not websites:
        return
    lead = data.get("department")
    joint = data.get("joint_departments")
    ours = {lead} | ({d for d in joint if isinstance(d, str)} if isinstance(joint, list) else set())
    for here, url, item in addresses:
        _other_department(check, here, url, item, websites, ours)
    _text_links(check, link_texts, websites, ours)


def _other_service(
    check: Checker,
    addresses: list[tuple[FieldPath, str, dict[str, Any]]],
    link_texts: list[Form],
    given: list[Any],
    own: Any,
) -> None:
    """A channel's, contact's or material's address, or a link in a text, whose path names
    one of the guide's related guides by its id (…/services/talent-introduction on the
    teacher qualification guide): copied from that guide, it sends citizens to the other
    service's page."""
    try:
        related = tuple(given)
        found = _first_naming(tuple(url for _here, url, _item in addresses), related, own)
    except TypeError:
        return  # an id that is no text (a mapping): the schema reports it
    if found is not None:
        here, url, _item = addresses[found[0]]
        check.warning(
            here,
            _("the address names `{other}`, another guide's id: `{url}`").format(
                other=found[1], url=url
            ),
            _(_OTHER_SERVICE_HINT),
            code="accuracy.link.other-service",
        )
        return
    for path, text in link_texts:
        urls = _urls_in(text)
        found = _first_naming(urls, related, own) if urls else None
        if found is not None:
            check.warning_at(
                path,
                at_phrase(check, path, urls[found[0]]),
                _("the address names `{other}`, another guide's id: `{url}`").format(
                    other=found[1], url=urls[found[0]]
                ),
                _(_OTHER_SERVICE_HINT),
                code="accuracy.link.other-service",
            )
            return


@functools.lru_cache(maxsize=16384)
def _first_naming(
    urls: tuple[str, ...], related: tuple[Any, ...], own: Any
) -> tuple[int, str] | None:
    """The first address whose path has a segment that is the id of one of the related
    guides other than the guide itself (a file name without `.pdf` and the like counts too),
    and that id; remembered per guide's addresses and related guides, which recur."""
    ids = {r for r in related if isinstance(r, str) and r and r != own}
    for index, url in enumerate(urls):
        for segment in urlsplit(url).path.split("/"):
            segment = segment.rsplit(".", 1)[0] if "." in segment else segment
            if segment in ids:
                return index, segment
    return None


_OTHER_SERVICE_HINT = N_(
    "a citizen who follows the link lands on another service's page: link this guide's own "
    "page, or confirm the other one is meant"
)


@functools.lru_cache(maxsize=16384)
def _urls_in(text: str) -> tuple[str, ...]:
    """The https:// addresses of a text (remembered per text)."""
    return tuple(_URL.findall(text))


def _other_department(
    check: Checker,
    here: FieldPath,
    url: str,
    item: dict[str, Any],
    websites: dict[str, Any],
    ours: set[Any],
) -> None:
    """An address of a contact, channel or material on another department's website (a
    material's issuer's site is its own: a certificate's sample where it is issued)."""
    owner = websites.get((urlsplit(url).hostname or "").lower())
    if owner is None or owner.id in ours:
        return
    source = item.get("source") if here[0] == "materials" else None
    if isinstance(source, dict) and source.get("issuer") == owner.id:
        return
    names = str(item.get("name") or "")
    if any(name in names for name in owner.names):
        return
    check.warning(
        here,
        _("`{host}` is the website of {owner}, not of this guide's department").format(
            host=(urlsplit(url).hostname or "").lower(),
            owner=owner.names[0] if owner.names else owner.id,
        ),
        _(
            "confirm the page: a complaint or an application sent to another "
            "department is not handled"
        ),
        code="accuracy.link.other-department",
    )


def _text_links(
    check: Checker,
    link_texts: list[Form],
    websites: dict[str, Any],
    ours: set[Any],
) -> None:
    """A link written in a text (the eligibility's [查询学历](https://…), a FAQ answer, a note)
    to the website of another department than the guide's."""
    for path, text in link_texts:
        for host in _hosts_in(text):
            owner = websites.get(host)
            if owner is None or owner.id in ours:
                continue
            check.warning_at(
                path,
                at_phrase(check, path, host),
                _("`{host}` is the website of {owner}, not of this guide's department").format(
                    host=host, owner=owner.names[0] if owner.names else owner.id
                ),
                _(
                    "confirm the page: a complaint or an application sent to another "
                    "department is not handled"
                ),
                code="accuracy.link.other-department",
            )
            return


@functools.lru_cache(maxsize=16384)
def _hosts_in(text: str) -> tuple[str, ...]:
    """The hosts of the https:// addresses of a text (remembered per text)."""
    return tuple((urlsplit(url).hostname or "").lower() for url in _URL.findall(text))


def _link_texts(data: dict[str, Any], texts: GuideTexts) -> list[Form]:
    """The forms of the texts a link may be written in (the eligibility, and those found once
    for all whole-guide rules, texts.py) that hold one: most hold none."""
    eligibility = data.get("eligibility")  # read as written: an address has no 繁體
    found: list[Form] = []
    if isinstance(eligibility, str):
        if "https://" in eligibility:
            found.append((("eligibility",), eligibility))
    elif isinstance(eligibility, dict):
        found += [
            (("eligibility", k), v)
            for k, v in eligibility.items()
            if isinstance(v, str) and "https://" in v
        ]
    for form in texts.summary + texts.answers:
        if "https://" in form[1]:
            found.append(form)
    for entries in (texts.steps, texts.channels, texts.materials):
        for _n, _item, forms in entries:
            for form in forms:
                if "https://" in form[1]:
                    found.append(form)
    return found


_websites_of: tuple[object, dict[str, Any]] = (None, {})


def _websites(facts: Any) -> dict[str, Any]:
    """Each department by its website's host, made once per set of facts (not per guide)."""
    global _websites_of
    if _websites_of[0] is not facts:
        _websites_of = (facts, {d.host: d for d in facts.department_facts.values() if d.host})
    return _websites_of[1]


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return (
        [(n, v) for n, v in enumerate(value) if isinstance(v, dict)]
        if isinstance(value, list)
        else []
    )


def may_hold_link(text: str) -> bool:
    """True of every text `check_link_text` can report in: an address, or a bare host."""
    return (
        "https://" in text
        or "www." in text
        or ("." in text and _BARE_HOST.search(text) is not None)
    )


def _is_government(host: str, domains: frozenset[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


@functools.cache
def _marks(domains: frozenset[str]) -> frozenset[str]:
    """The distinctive labels of the declared domains (linjiang of linjiang.example)."""
    return frozenset(
        label.translate(_LOOKS)
        for domain in domains
        for label in domain.split(".")
        if len(label) >= 4 and label not in _COMMON_LABELS
    )


def _looks_like(host: str, marks: frozenset[str]) -> bool:
    squashed = host.translate(_LOOKS)
    if "gov" in host and ("gov.cn" in host or "govcn" in squashed):
        return True  # gov.cn.example.com, www-gov-cn.com: only gov.cn itself is government
    if any(mark in squashed for mark in marks):
        return True
    labels = [label.translate(_LOOKS) for label in _LABEL_SPLIT.split(host)]
    return any(_one_slip(label, mark) for label in labels if len(label) >= 5 for mark in marks)


def _one_slip(label: str, mark: str) -> bool:
    """True when `label` is `mark` with one letter changed, dropped, added, or two
    neighbours swapped (linijang, linjang, linjiiang for linjiang): a typed look-alike."""
    if label == mark or abs(len(label) - len(mark)) > 1:
        return False
    if len(label) == len(mark):
        diff = [i for i, (a, b) in enumerate(zip(label, mark, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and label[diff[0]] == mark[diff[1]]
            and label[diff[1]] == mark[diff[0]]
        )
    short, long = sorted((label, mark), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def check_declared_domains(check: Checker, data: Any) -> None:
    """A domain a department declares as its own (`domains` in departments.yaml) that only
    looks like one of the city's (etax.lin-jiang.example beside linjiang.example): every
    link to it would pass the link rules."""
    if not isinstance(data, dict) or not isinstance(data.get("domains"), list):
        return
    city = frozenset(
        {"gov.cn"} | {d.lower().strip() for d in data["domains"] if isinstance(d, str)}
    )
    marks = _marks(city)
    for number, item in _items(data.get("departments")):
        declared = item.get("domains")
        for index, host in enumerate(declared if isinstance(declared, list) else []):
            if not isinstance(host, str):
                continue
            host = host.lower().strip()
            if _is_government(host, city) or not _looks_like(host, marks):
                continue
            check.error(
                ("departments", number, "domains", index),
                _(
                    "`{host}` is declared as a department's own domain, but it only looks "
                    "like one of the city's (`domains`)"
                ).format(host=host),
                _(
                    "every link to a declared domain passes the link rules: remove the "
                    "look-alike, or correct it to the city's domain"
                ),
                code="accuracy.link.look-alike-declared",
            )

"""Links against the web domains the reference data declares as the government's own."""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urlsplit

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.checker import Checker, strings

_URL = re.compile(r"https://[^\s<>()\[\]\"'，。；、）]+")
_BARE = re.compile(r"(?<![/\w.@-])www(?:\.[\w-]+)+", re.ASCII)
"""An address written without https:// (www.linjiang-gov.com): the link rules read it too."""
_BARE_HOST = re.compile(
    r"(?<![/\w.@-])(?:[a-z0-9-]+\.)+(?:com|cn|net|org|cc|top|xyz|info|vip|site)(?![\w.@-])",
    re.ASCII | re.IGNORECASE,
)
"""Any host written without https:// or www. (mzj-linjiang.com): read only for look-alikes,
since a bare name that is no address (a file name) must not be called a foreign site."""
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
    return any(mark in squashed for mark in marks)

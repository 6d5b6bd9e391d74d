"""The safe Markdown subset: what an editor writes can never run on a citizen's page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.site.markdown import _clean, is_safe_link, render_markdown


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def assert_inert(html: str) -> None:
    """No script element, no event handler, no link that is not https/mailto/tel/relative."""
    found = elements(html)
    assert "script" not in found.tags
    assert not [name for name, _ in found.attrs if name.startswith("on")]
    for name, value in found.attrs:
        if name in ("href", "src"):
            assert is_safe_link(value), value


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "![x](https://evil.example/x.png)",
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "[x](//evil.example/)",
    "<javascript:alert(1)>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_render_inert(attack: str) -> None:
    """Scripts, handlers and dangerous links in a field come out as harmless text."""
    assert_inert(render_markdown(attack))


def test_raw_html_is_shown_as_text() -> None:
    """Raw HTML is off: a `<script>` in a field is shown, escaped, as the editor typed it."""
    assert render_markdown("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_javascript_link_is_not_a_link() -> None:
    """A `javascript:` link stays as its Markdown text, not an <a>."""
    html = render_markdown("[click](javascript:alert(1))")
    assert "<a" not in html
    assert "[click](javascript:alert(1))" in html


def test_allowed_links_survive() -> None:
    """https, mailto, tel and relative links are kept."""
    html = render_markdown(
        "[a](https://a.example/) [b](mailto:x@a.example) [c](tel:12345) [d](../x/)"
    )
    assert elements(html).attrs == [
        ("href", "https://a.example/"),
        ("href", "mailto:x@a.example"),
        ("href", "tel:12345"),
        ("href", "../x/"),
    ]


def test_lists_and_emphasis_render() -> None:
    """The subset covers what guides need: paragraphs, lists, emphasis."""
    html = render_markdown("你可以申请，如果你：\n\n- **年满** 18 岁；\n- 有*居住证*。")
    assert elements(html).tags == ["p", "ul", "li", "strong", "li", "em"]


def test_images_are_not_rendered() -> None:
    """Images would fetch from another host; they are not in the subset."""
    assert "img" not in elements(render_markdown("![photo](https://x.example/a.png)")).tags


def test_second_fence_strips_what_the_parser_let_through() -> None:
    """nh3 removes dangerous markup even if the Markdown step ever produced it."""
    html = _clean('<p onclick="x()">a<script>b</script><a href="javascript:c">d</a></p>')
    assert html == "<p>a<a>d</a></p>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a.example", True),
        ("mailto:a@b.example", True),
        ("tel:+8612345", True),
        ("../relative/", True),
        ("#anchor", True),
        ("http://a.example", False),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example", False),
        ("ftp://a.example", False),
    ],
)
def test_link_rule(url: str, safe: bool) -> None:
    """Links: https, mailto, tel and relative only."""
    assert is_safe_link(url) is safe

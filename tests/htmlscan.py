"""A small HTML scanner for the build tests: links, ids, headings, scripts, attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Scan:
    """What one HTML page contains."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)
    """(tag, attribute, value) of every attribute on the page."""
    tags: list[str] = field(default_factory=list)
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(tag, attributes) of every element that has attributes."""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.scan.tags.append(tag)
        if values:
            self.scan.elements.append((tag, values))
        self.scan.attributes.extend((tag, name, value) for name, value in values.items())
        if "id" in values:
            self.scan.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.scan.links.append(values["href"])
        if tag == "link" and "href" in values:
            self.scan.links.append(values["href"])
        if tag == "script":
            if "src" in values:
                self.scan.links.append(values["src"])
            self._script, self._script_text = values, []
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.scan.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scan.scripts.append((self._script, "".join(self._script_text)))
            self._script = None


def scan_html(text: str) -> Scan:
    """Scan one page's HTML."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.scan


def scan_file(path: Path) -> Scan:
    """Scan one HTML file."""
    return scan_html(path.read_text("utf-8"))

"""A clean guide is never located: positions are worked out only for a problem.

The loader gives a clean file's data without positions (source/fast_yaml.py), and works
them out from the source, with its own slower reader, the first time a problem asks where
a field is (`LoadedFile._located`, about 1 ms a guide). A rule that asks for a place
before it knows it has something to report costs every guide that much: on the
synthetic benchmark a text's clean answer is remembered, so such a rule shows only on a
real office's guides, whose texts differ. Each sample is clean: checked with nothing
remembered (facts of its own), none may be located.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from support import REPO
from test_validate_passes import TODAY

from generator.source.files import scan_tree
from generator.source.loader import LoadedFile, load_bytes
from generator.validate.rules import build_index
from generator.validate.rules.accuracy import build_facts
from generator.validate.schema import load_schemas
from generator.validate.tree import check_guide_file, load_reference

GUIDES = REPO / "guides"
SAMPLES = sorted((GUIDES / "services").glob("*.yaml"))


def _checked(
    monkeypatch: pytest.MonkeyPatch, path: Path, raw: bytes, name: str
) -> tuple[list, list[str]]:
    """Check one guide's bytes with facts of its own, and return its problems and the files
    located while checking it."""
    schemas = load_schemas()
    reference, files = load_reference(GUIDES, scan_tree(GUIDES).reference, schemas, [])
    index = dataclasses.replace(build_index(reference), facts=build_facts(files))
    located: list[str] = []
    real = LoadedFile._located

    def locating(self: LoadedFile) -> object:
        located.append(self.display)
        return real(self)

    monkeypatch.setattr(LoadedFile, "_located", locating)
    loaded = load_bytes(raw, path, name)
    loaded.untouched = True
    return check_guide_file(loaded, schemas, index, today=TODAY), located


@pytest.mark.parametrize("path", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_a_clean_guide_is_never_located(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    problems, located = _checked(
        monkeypatch, path, path.read_bytes(), f"guides/services/{path.name}"
    )
    assert problems == [], [p.as_text() for p in problems]
    assert located == []


def test_a_problem_is_still_located(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch above sees a locating at all: a guide with a problem is located."""
    path = GUIDES / "services" / SAMPLES[0].name
    raw = path.read_bytes().replace(b"\nvisits: ", b"\nvisits: 7\nx_unknown: ", 1)
    problems, located = _checked(monkeypatch, path, raw, "x.yaml")
    assert problems
    assert located

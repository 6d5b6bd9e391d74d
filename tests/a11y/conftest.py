"""Shared fixtures for the accessibility suite's own tests: one browser per test worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.a11y.axe import find_axe_script
from generator.a11y.runner import Result, Worker
from generator.a11y.server import SiteServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "a11y"
PAGES = FIXTURES / "pages"
BROKEN_SITE = FIXTURES / "broken-site"


@pytest.fixture(scope="session")
def fixture_worker() -> Iterator[Worker]:
    """A worker (one headless Chromium) pointed at the fixture pages."""
    with SiteServer(PAGES) as server:
        worker = Worker(server.origin, find_axe_script(), [])
        try:
            yield worker
        finally:
            worker.close()


def checks_of(result: Result) -> set[str]:
    return {f.check for f in result.failures}

"""Helpers that tests import by name (a conftest cannot be imported: there are several)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent

ProjectFactory = Callable[..., Path]

TODAY_EPOCH = 1796083200
"""2026-12-01 00:00 UTC: "today" for the whole suite (SOURCE_DATE_EPOCH, set in conftest)."""


def run_guides(*args: str) -> tuple[int, str]:
    """Run the `guides` command in-process; return (exit code, everything it printed)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def load_sample_guide(guide_id: str = "teacher-qualification") -> dict[str, Any]:
    """Return a sample guide's data, to be changed by a test."""
    data = yaml.safe_load((REPO / "guides" / "services" / f"{guide_id}.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data

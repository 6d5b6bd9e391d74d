"""Helpers that tests import by name (a conftest cannot be imported: there are several)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.model.catalogue import build_catalogue
from generator.model.types import Catalogue

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


# Reference data for model and page tests: two departments, one office, two topics given
# out of order, one life event, one electronic licence.
MODEL_REFERENCE: dict[str, list[dict[str, Any]]] = {
    "departments": [
        {"id": "edu", "name": {"zh-CN": "临江市教育局", "en": "Education Bureau"}},
        {"id": "psb", "name": "临江市公安局", "short_name": "市公安局"},
    ],
    "offices": [
        {
            "id": "hall",
            "name": "市民中心",
            "departments": ["edu", "psb"],
            "hours": [{"days": ["mon", "tue"], "opens": "09:00", "closes": "17:00"}],
            "lunch_service": {"available": True, "note": "中午不休"},
            "accessibility": {"step_free": True, "sign_language": "by_appointment"},
        }
    ],
    "topics": [
        {"id": "b", "order": 20, "name": "乙"},
        {"id": "a", "order": 10, "name": "甲"},
    ],
    "life_events": [{"id": "work", "order": 1, "name": "工作"}],
    "e_licences": [{"id": "id-card", "issuer": "psb", "name": "居民身份证"}],
}


def guide_data(guide_id: str, **extra: Any) -> dict[str, Any]:
    """Return a small validated guide that refers to MODEL_REFERENCE; `extra` replaces fields."""
    data: dict[str, Any] = {
        "id": guide_id,
        "_source": f"guides/services/{guide_id}.yaml",
        "title": {"zh-CN": f"事项{guide_id}", "en": f"Service {guide_id}"},
        "summary": "摘要",
        "audience": ["individual"],
        "department": "edu",
        "topics": ["a", "b"],
        "life_events": ["work"],
        "materials": [{"name": "身份证", "requirement": "required", "e_licence": "id-card"}],
        "steps": [{"title": "申请", "duration": {"value": 1, "unit": "working_days"}}],
        "channels": [{"type": "in_person", "offices": ["hall"]}],
        "reviewed": "2026-09-15",
        "updated": dt.date(2026, 8, 30),
    }
    data.update(extra)
    return data


def catalogue_of(*guides: dict[str, Any]) -> Catalogue:
    """Build the model's catalogue from guide_data() dicts, as build_catalogue gets them."""
    return build_catalogue(SimpleNamespace(guides=list(guides), reference=MODEL_REFERENCE))


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` of a file with `new`; `old` must be there."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")

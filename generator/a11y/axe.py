"""axe-core through axe-selenium-python, pointed at the axe-core installed from npm."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
_REPO_AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


class AxeMissing(RuntimeError):
    pass


def find_axe_script() -> Path:
    """$SG_AXE_PATH, then ./node_modules/axe-core/axe.min.js, then this repository's copy."""
    override = os.environ.get("SG_AXE_PATH")
    if override:
        path = Path(override)
        if path.is_file():
            return path
        raise AxeMissing(f"SG_AXE_PATH={override} is not a file.")
    for path in (Path.cwd() / "node_modules" / "axe-core" / "axe.min.js", _REPO_AXE):
        if path.is_file():
            return path
    raise AxeMissing(
        "axe-core not found: run `npm install axe-core@4.14.1` here (or `npm ci` in the "
        "service-guides repository), or set SG_AXE_PATH to axe.min.js."
    )


def _criterion(tags: list[str]) -> str:
    """'wcag143' -> '1.4.3'; best-practice rules have no success criterion."""
    for tag in tags:
        if tag.startswith("wcag") and tag[4:].isdigit() and len(tag) >= 7:
            digits = tag[4:]
            return f"{digits[0]}.{digits[1]}.{digits[2:]}"
    return "best practice"


def _target(node: dict[str, Any]) -> str:
    parts = []
    for t in node.get("target", []):
        parts.append(" >>> ".join(t) if isinstance(t, list) else str(t))
    return ", ".join(parts)


def run_axe(driver: Any, script: Path) -> list[dict[str, str]]:
    """Every axe violation on the current page, one entry per element."""
    from axe_selenium_python import Axe

    axe = Axe(driver, script_url=str(script))
    axe.inject()
    # Axe.run pastes its options into JavaScript source, hence a JSON string.
    results = axe.run(options=json.dumps(AXE_OPTIONS))
    failures: list[dict[str, str]] = []
    for violation in results.get("violations", []):
        criterion = _criterion(violation.get("tags", []))
        for node in violation.get("nodes", []):
            summary = (node.get("failureSummary") or violation.get("help", "")).strip()
            failures.append(
                {
                    "check": f"axe:{violation['id']}",
                    "rule": violation["id"],
                    "criterion": criterion,
                    "impact": violation.get("impact") or "",
                    "selector": _target(node),
                    "message": f"{violation.get('help', '')}. {summary}".strip(),
                    "help": violation.get("helpUrl", ""),
                }
            )
    return failures

"""axe-core through axe-selenium-python, pointed at the axe-core vendored in this package."""

from __future__ import annotations

import atexit
import functools
import os
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Any

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
# Keeps a temporary copy of the script alive until exit when the package is not on disk.
_extracted = ExitStack()
atexit.register(_extracted.close)


class AxeMissing(RuntimeError):
    pass


def find_axe_script() -> Path:
    """$SG_AXE_PATH when set, else the axe-core vendored in this package."""
    override = os.environ.get("SG_AXE_PATH")
    if override:
        path = Path(override)
        if path.is_file():
            return path
        raise AxeMissing(f"SG_AXE_PATH={override} is not a file.")
    return _vendored_script()


@functools.cache
def _vendored_script() -> Path:
    """generator/a11y/vendor/axe.min.js as a file on disk (see vendor/README.md)."""
    script = resources.files("generator.a11y").joinpath("vendor", "axe.min.js")
    if not script.is_file():
        raise AxeMissing(
            "axe-core not found: generator/a11y/vendor/axe.min.js is missing from this "
            "installation; reinstall the service-guides package, or set SG_AXE_PATH to an "
            "axe.min.js."
        )
    if isinstance(script, Path):
        return script
    # axe-selenium-python opens script_url as a file, so a zipped package needs a real copy.
    return _extracted.enter_context(resources.as_file(script))


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


#: Adds axe-core to the page from the checker's server (arguments[1]: its URL) unless the
#: page has it, then runs it with the options (arguments[0]); only the violations come back
#: (the full results are 60 KB a page, every rule that passed described). One call, one
#: round trip to the browser; `{missing: true}` when the script could not be loaded.
_LOAD_AND_RUN_JS = """
const done = arguments[arguments.length - 1];
const options = arguments[0], url = arguments[1];
const run = () => axe.run(document, options).then(
  (results) => done(results.violations),
  (error) => done({ error: String(error) }),
);
if (window.axe) { run(); return; }
if (!url) { done({ missing: true }); return; }
const script = document.createElement("script");
script.src = url;
script.onload = () => (window.axe ? run() : done({ missing: true }));
script.onerror = () => done({ missing: true });
(document.head || document.documentElement).append(script);
"""


def run_axe(driver: Any, script: Path, url: str | None = None) -> list[dict[str, str]]:
    """Every axe violation on the current page, one entry per element.

    With `url` (the script served by the checker's SiteServer, `tool_url`) the page loads
    axe-core as a script the browser keeps compiled from page to page; without it, or when
    that fails, the script's text is sent through WebDriver (axe-selenium-python).
    """
    from axe_selenium_python import Axe

    if not url:
        Axe(driver, script_url=str(script)).inject()
    violations = driver.execute_async_script(_LOAD_AND_RUN_JS, AXE_OPTIONS, url)
    if isinstance(violations, dict) and violations.get("missing"):
        Axe(driver, script_url=str(script)).inject()
        violations = driver.execute_async_script(_LOAD_AND_RUN_JS, AXE_OPTIONS, None)
    if isinstance(violations, dict):
        raise RuntimeError(f"axe-core failed: {violations.get('error')}")
    failures: list[dict[str, str]] = []
    for violation in violations:
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

"""Rule exceptions: only ever for a named element, always with a written reason.

The file (default `a11y-exceptions.yaml` in the current directory, or $SG_A11Y_EXCEPTIONS):

    exceptions:
      - rule: color-contrast          # an axe rule id or one of our check ids
        selector: ".sg-map__label"    # the element it applies to, a CSS selector
        reason: "Text over the office map photo; the same text is in the table below."
        pages: ["/offices/"]          # optional: only pages whose path contains one of these
        modes: [default]              # optional: only in these modes
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_FILE = "a11y-exceptions.yaml"
# Selectors that would switch a rule off for (nearly) everything.
_GLOBAL = {"*", "html", "body", ":root", "main", "html *", "body *", "main *"}


class ExceptionsError(ValueError):
    pass


@dataclass(frozen=True)
class RuleException:
    rule: str
    selector: str
    reason: str
    pages: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()

    def applies(self, rule: str, page: str, mode: str) -> bool:
        return (
            rule == self.rule
            and (not self.pages or any(p in page for p in self.pages))
            and (not self.modes or mode in self.modes)
        )


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ExceptionsError(f"{where}: must be a list of non-empty strings")
    return tuple(value)


def load_exceptions(path: Path | None = None) -> list[RuleException]:
    if path is None:
        env = os.environ.get("SG_A11Y_EXCEPTIONS")
        path = Path(env) if env else Path(DEFAULT_FILE)
        if not env and not path.is_file():
            return []
    if not path.is_file():
        raise ExceptionsError(f"{path}: no such file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ExceptionsError(f"{path}: not valid YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("exceptions", []), list):
        raise ExceptionsError(f"{path}: expected a mapping with a list under 'exceptions:'")
    out: list[RuleException] = []
    for i, item in enumerate(data.get("exceptions") or [], start=1):
        where = f"{path}: exception {i}"
        if not isinstance(item, dict):
            raise ExceptionsError(f"{where}: must be a mapping with rule, selector and reason")
        unknown = set(item) - {"rule", "selector", "reason", "pages", "modes"}
        if unknown:
            raise ExceptionsError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        rule, selector, reason = item.get("rule"), item.get("selector"), item.get("reason")
        for key, value in (("rule", rule), ("selector", selector), ("reason", reason)):
            if not isinstance(value, str) or not value.strip():
                raise ExceptionsError(f"{where}: '{key}' is required and must be text")
        assert isinstance(rule, str) and isinstance(selector, str) and isinstance(reason, str)
        if selector.strip() in _GLOBAL:
            raise ExceptionsError(
                f"{where}: selector {selector!r} would turn '{rule}' off everywhere; "
                "name the one element it is about"
            )
        if len(reason.strip()) < 15:
            raise ExceptionsError(f"{where}: the reason must say why (a sentence, not a word)")
        out.append(
            RuleException(
                rule=rule.strip().removeprefix("axe:"),
                selector=selector.strip(),
                reason=reason.strip(),
                pages=_strings(item.get("pages"), f"{where}: pages"),
                modes=_strings(item.get("modes"), f"{where}: modes"),
            )
        )
    return out

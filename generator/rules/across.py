"""Rules that need every guide at once: unique ids and titles, related guides that exist."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.loader import FieldPath, LoadedFile
from generator.problems import Problem, Severity
from generator.rules.checker import as_list, closest


@dataclass(frozen=True)
class GuideKey:
    """What the rules across files need to know of one guide."""

    display: str
    path: Path
    guide_id: str | None
    title: str | None
    related: tuple[str, ...]

    def position(self, field: FieldPath) -> tuple[int, int]:
        """Locate a field by reading the file again; only needed when there is a problem."""
        from generator.loader import load_file

        return load_file(self.path, self.display).position(field)


def guide_key(loaded: LoadedFile) -> GuideKey:
    """Extract the id, title and related ids of a loaded guide."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    guide_id = data.get("id") if isinstance(data.get("id"), str) else None
    related = [item if isinstance(item, str) else "" for item in as_list(data.get("related"))]
    return GuideKey(loaded.display, loaded.path, guide_id, _zh(data.get("title")), tuple(related))


def check_across(keys: list[GuideKey], other_ids: frozenset[str] = frozenset()) -> list[Problem]:
    """Apply the rules that need every guide: unique ids and titles, related guides exist.

    `other_ids` are the ids of guides in the tree that were not checked in this run
    (taken from their file names, which the id must match).
    """
    problems: list[Problem] = []
    first_id: dict[str, GuideKey] = {}
    by_title: dict[str, list[GuideKey]] = {}
    for key in keys:
        if key.guide_id is not None:
            if key.guide_id in first_id:
                other = first_id[key.guide_id]
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("id",)),
                        Severity.ERROR,
                        "id",
                        f"the id `{key.guide_id}` is also used by {other.display}",
                        "give every guide its own id",
                    )
                )
            first_id.setdefault(key.guide_id, key)
        if key.title:
            by_title.setdefault(key.title, []).append(key)
    for title, sharing in by_title.items():
        for key in sharing if len(sharing) > 1 else ():
            others = ", ".join(other.display for other in sharing if other is not key)
            problems.append(
                Problem(
                    key.display,
                    *key.position(("title",)),
                    Severity.ERROR,
                    "title",
                    f"the title `{title}` is also used by {others}",
                    "make the titles distinct, for example by naming who or "
                    "what the service is for",
                )
            )
    known = frozenset(first_id) | other_ids
    for key in keys:
        for number, related in enumerate(key.related):
            path = f"related[{number}]"
            if related and related == key.guide_id:
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("related", number)),
                        Severity.ERROR,
                        path,
                        "a guide cannot be related to itself",
                        "remove this entry",
                    )
                )
            elif related and related not in known:
                close = closest(related, known)
                hint = f"did you mean `{close}`? " if close else ""
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("related", number)),
                        Severity.ERROR,
                        path,
                        f"there is no guide with the id `{related}`",
                        hint + "use the id of a guide in guides/services/",
                    )
                )
    return problems


def _zh(text: Any) -> str | None:
    if isinstance(text, str):
        return text.strip()
    if isinstance(text, dict) and isinstance(text.get("zh-CN"), str):
        return str(text["zh-CN"]).strip()
    return None

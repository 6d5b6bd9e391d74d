"""Rules that need every guide at once: unique ids and titles, related guides that exist, an
alias that is another guide's title, and a task code with another department's prefix."""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath, LoadedFile
from generator.validate.problems import Problem, Severity
from generator.validate.rules.checker import as_list, closest
from generator.validate.rules.text import INVISIBLE, visible


@dataclass(frozen=True)
class GuideKey:
    """What the rules across files need to know of one guide."""

    display: str
    path: Path
    guide_id: str | None
    title: str | None
    related: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    department: str | None = None
    code_prefix: str | None = None
    """The first 18 characters of `task_code`: the implementing body's credit code."""

    def position(self, field: FieldPath) -> tuple[int, int]:
        """Locate a field by reading the file again; only needed when there is a problem."""
        from generator.source.loader import load_file

        return load_file(self.path, self.display).position(field)


def guide_key(loaded: LoadedFile) -> GuideKey:
    """Extract the id, title and related ids of a loaded guide."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    guide_id = data.get("id") if isinstance(data.get("id"), str) else None
    related = [item if isinstance(item, str) else "" for item in as_list(data.get("related"))]
    aliases = [item if isinstance(item, str) else "" for item in as_list(data.get("aliases"))]
    department = data.get("department") if isinstance(data.get("department"), str) else None
    task = data.get("task_code")
    prefix = task[:_PREFIX] if isinstance(task, str) and len(task) > _PREFIX else None
    return GuideKey(
        loaded.display,
        loaded.path,
        guide_id,
        _zh(data.get("title")),
        tuple(related),
        tuple(aliases),
        department,
        prefix,
    )


_PREFIX = 18
"""实施编码 begins with the 18-character unified credit code of the body that carries it out."""


def check_across(keys: list[GuideKey], focus: frozenset[str] | None = None) -> list[Problem]:
    """Apply the rules that need every guide: unique ids and titles, related guides exist.

    `keys` are every guide of the tree. Given `focus` (absolute paths of the guides asked
    for), only problems that involve one of them are returned: on them, or on another
    guide that clashes with one of them.
    """

    def involved(*sharing: GuideKey) -> bool:
        return focus is None or any(os.path.abspath(key.path) in focus for key in sharing)

    problems: list[Problem] = []
    by_id: dict[str, list[GuideKey]] = {}
    by_title: dict[str, list[GuideKey]] = {}
    for key in keys:
        if key.guide_id is not None:
            by_id.setdefault(key.guide_id, []).append(key)
        if key.title:
            by_title.setdefault(title_key(key.title), []).append(key)
    # Both sides of a clash are told, so that the message is the same whichever file
    # was named or was read first. The hints are translated once, not once per guide.
    id_hint = _("give every guide its own id")
    title_hint = _("make the titles distinct, for example by naming who or what the service is for")
    clashes = [
        (
            "id",
            "across.duplicate-id",
            sharing,
            lambda key, others: _("the id `{id}` is also used by {others}").format(
                id=key.guide_id, others=others
            ),
            id_hint,
        )
        for sharing in by_id.values()
        if len(sharing) > 1
    ] + [
        (
            "title",
            "across.duplicate-title",
            sharing,
            lambda key, others: _("the title `{title}` is also used by {others}").format(
                title=visible(key.title or ""), others=others
            ),
            title_hint,
        )
        for sharing in by_title.values()
        if len(sharing) > 1
    ]
    for field, code, sharing, what, hint in clashes:
        if len(sharing) < 2 or not involved(*sharing):
            continue
        for key in sharing:
            others = ", ".join(other.display for other in sharing if other is not key)
            problems.append(
                Problem(
                    key.display,
                    *key.position((field,)),
                    Severity.ERROR,
                    field,
                    what(key, others),
                    hint,
                    code,
                )
            )
    known = frozenset(by_id)
    for key in keys:
        if not involved(key):
            continue
        for number, related in enumerate(key.related):
            path = f"related[{number}]"
            if related and related == key.guide_id:
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("related", number)),
                        Severity.ERROR,
                        path,
                        _("a guide cannot be related to itself"),
                        _("remove this entry"),
                        "related.self",
                    )
                )
            elif related and related not in known:
                close = closest(related, known)
                hint = _("did you mean `{value}`? ").format(value=close) if close else ""
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("related", number)),
                        Severity.ERROR,
                        path,
                        _("there is no guide with the id `{id}`").format(id=related),
                        hint + _("use the id of a guide in guides/services/"),
                        "related.unknown",
                    )
                )
    problems += _aliases(keys, by_title, involved)
    problems += _code_prefixes(keys, involved)
    return problems


def _aliases(
    keys: list[GuideKey],
    by_title: dict[str, list[GuideKey]],
    involved: Callable[..., bool],
) -> list[Problem]:
    """An alias that is the title of another guide: its search sends people here."""
    problems = []
    for key in keys:
        for number, alias in enumerate(key.aliases):
            owners = (
                [k for k in by_title.get(title_key(alias), []) if k is not key] if alias else []
            )
            if not owners or not involved(key, *owners):
                continue
            problems.append(
                Problem(
                    key.display,
                    *key.position(("aliases", number)),
                    Severity.WARNING,
                    f"aliases[{number}]",
                    _("the alias `{alias}` is the title of {other}").format(
                        alias=visible(alias), other=owners[0].display
                    ),
                    _(
                        "a citizen who searches for that service is sent to this one: remove the "
                        "alias, or use a word of this service"
                    ),
                    "across.alias-title",
                )
            )
    return problems


def _code_prefixes(keys: list[GuideKey], involved: Callable[..., bool]) -> list[Problem]:
    """A task code that begins with the code most guides of another department begin with."""
    by_department: dict[str, Counter[str]] = {}
    for key in keys:
        if key.department and key.code_prefix:
            by_department.setdefault(key.department, Counter())[key.code_prefix] += 1
    usual = {
        department: counts.most_common(1)[0][0]
        for department, counts in by_department.items()
        if counts.most_common(1)[0][1] > 1
    }
    owner_of = {prefix: department for department, prefix in usual.items()}
    problems = []
    for key in keys:
        own = usual.get(key.department or "")
        other = owner_of.get(key.code_prefix or "")
        if own is None or other is None or other == key.department or not involved(key):
            continue
        problems.append(
            Problem(
                key.display,
                *key.position(("task_code",)),
                Severity.WARNING,
                "task_code",
                _(
                    "`task_code` begins {prefix}, as the guides of `{other}` do; the guides of "
                    "`{department}` begin {own}"
                ).format(prefix=key.code_prefix, other=other, department=key.department, own=own),
                _("copy the implementation code of this service from the catalogue"),
                "across.task-code-department",
            )
        )
    return problems


def title_key(title: str) -> str:
    """Return what two titles are compared by: NFKC, without whitespace or invisible characters.

    `居住证\u3000申领`, `居住证 申领` and `居住证\u200b申领` all read as `居住证申领`.
    """
    normal = unicodedata.normalize("NFKC", INVISIBLE.sub("", title))
    return "".join(normal.split())


def _zh(text: Any) -> str | None:
    if isinstance(text, str):
        return text.strip()
    if isinstance(text, dict) and isinstance(text.get("zh-CN"), str):
        return str(text["zh-CN"]).strip()
    return None

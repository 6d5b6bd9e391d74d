"""A guide's fields against each other, where no earlier rule compared them.

Each is one small check of two fields that state the same fact:

- `catalog_code` (基本编码) is the tail of `task_code` (实施编码): a code copied from another
  guide sends a citizen who looks the service up on the national platform to another one;
- `joint_departments` naming the guide's own department, and `owner` or a department step
  naming a bureau that is neither the department nor a joint one: the citizen chases the
  wrong bureau;
- `audience` against the title and the eligibility: a 企业 service not listed for
  enterprises, or one whose eligibility speaks of ages (周岁) not listed for individuals, is
  missing from the browse pages of those it serves;
- a contact named 投诉, 监督 or 举报 marked `consultation`: the page shows it as a place to
  ask, not to complain;
- two materials with one name (one of them copied over another);
- an app channel whose path has another number of taps in each language;
- a promise counted in minutes on a service that is not 即办 (`instant: false`);
- the summary or a step saying the system approves by itself (自动批准, 几分钟就批准,
  approves automatically) while `instant_approval` is none: the 秒批 badge is missing, or
  the text promises what the service does not do.
"""

from __future__ import annotations

import re
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.facts import ReferenceFacts, zh
from generator.validate.rules.accuracy.report import line_of, naming_field
from generator.validate.rules.checker import Checker, as_list, items

_CATALOG_TAIL = 12
"""The basic code (基本编码) is the last 12 characters of the implementation code."""
_COMPLAINT_WORDS = ("投诉", "监督", "举报", "complaint")
_ENTERPRISE = "企业"
_ORGANISATIONS = ("enterprise", "public_institution", "social_organisation", "other_organisation")
_AGE = re.compile(r"[\d一二三四五六七八九十]+\s*周岁")
"""An age (16 周岁, 八十周岁): a person applies; 成立未满 1 年的企业 is no age."""
_PATH_SEPARATOR = re.compile(r"\s*[›>»]\s*")
_APPROVES = re.compile(
    r"自动(?:审批|批准|核准)|立即批准|几分钟(?:就|内)?(?:批准|审批)"
    r"|\bapproves? (?:automatically|within minutes|straight away)",
    re.IGNORECASE,
)


def check_fields(check: Checker, data: dict[str, Any], facts: ReferenceFacts) -> None:
    """Compare the fields of one guide that state the same fact."""
    _codes(check, data)
    _departments(check, data, facts)
    _audience(check, data)
    _contacts(check, data)
    _materials(check, data)
    _app_paths(check, data)
    _instant(check, data)
    _approves(check, data)


def _codes(check: Checker, data: dict[str, Any]) -> None:
    task, catalog = data.get("task_code"), data.get("catalog_code")
    if not (isinstance(task, str) and isinstance(catalog, str)) or not catalog:
        return
    if not (task.isalnum() and len(task) > _CATALOG_TAIL):
        return  # a code of the wrong form is the schema's to report
    if len(catalog) == _CATALOG_TAIL and not task.endswith(catalog):
        check.warning(
            ("catalog_code",),
            naming_field(
                _(
                    "`catalog_code` {catalog} is not the end of `task_code` {task}: one of "
                    "them belongs to another service"
                ).format(catalog=catalog, task=task),
                line_of(check, ("task_code",)),
                ("task_code",),
            ),
            _(
                "the basic code is the last 12 characters of the implementation code: copy "
                "both from the catalogue entry of this service"
            ),
            code="accuracy.codes.catalog-tail",
        )


def _departments(check: Checker, data: dict[str, Any], facts: ReferenceFacts) -> None:
    department = data.get("department")
    joint = [d for d in as_list(data.get("joint_departments")) if isinstance(d, str)]
    if isinstance(department, str) and department in joint:
        check.error(
            ("joint_departments",),
            _("`joint_departments` names `{department}`, the guide's own department").format(
                department=department
            ),
            _(
                "list only the other departments that take part; the one that was meant is "
                "probably missing"
            ),
            code="accuracy.departments.joint-own",
        )
    if not isinstance(department, str) or department not in facts.department_facts:
        return  # an unknown department is the reference rules' to report
    others = _other_names(facts, frozenset((department, *joint)))
    owner = data.get("owner")
    if isinstance(owner, str):
        for name, other in others.items():
            if owner.startswith(name):
                check.warning(
                    ("owner",),
                    _(
                        "the owner `{owner}` is part of {name} (`{other}`), but the guide's "
                        "department is `{department}`"
                    ).format(owner=owner, name=name, other=other, department=department),
                    _(
                        "name the team of the department that carries out the service, or "
                        "correct `department`"
                    ),
                    code="accuracy.departments.owner",
                )
                break
    for number, step in items(data.get("steps")):
        if step.get("actor") != "department":
            continue
        text = zh(step.get("description"))
        if "市" not in text and "局" not in text and "委" not in text:
            continue  # names no bureau (市人社局, 临江市民政局, 市卫健委)
        for name, other in others.items():
            if name in text:
                check.warning_at(
                    ("steps", number, "description"),
                    check.loaded.fragment_position(
                        ("steps", number, "description", "zh-CN")
                        if isinstance(step.get("description"), dict)
                        else ("steps", number, "description"),
                        name,
                    ),
                    _(
                        "the step says `{name}` (`{other}`) does the work, but it is neither "
                        "the guide's department (`{department}`) nor a joint one"
                    ).format(name=name, other=other, department=department),
                    _(
                        "a citizen asks the wrong bureau about their case: name the department "
                        "that does it, or add it to `joint_departments`"
                    ),
                    code="accuracy.departments.step",
                )
                break


_MOST_SETS = 4096
"""Sets of departments remembered in one run before starting afresh."""
_others_of: tuple[object, dict[frozenset[str], dict[str, str]]] = (None, {})
"""The facts of the run, and for each set of a guide's departments the names of the other
departments (name -> id), made once per set instead of once per guide."""


def _other_names(facts: ReferenceFacts, ours: frozenset[str]) -> dict[str, str]:
    """The names of the departments other than `ours` (name -> id), in the facts' order."""
    global _others_of
    if _others_of[0] is not facts or len(_others_of[1]) > _MOST_SETS:
        _others_of = (facts, {})
    known = _others_of[1]
    others = known.get(ours)
    if others is None:
        others = known[ours] = {
            name: other.id
            for other in facts.department_facts.values()
            if other.id not in ours
            for name in other.names
        }
    return others


def _audience(check: Checker, data: dict[str, Any]) -> None:
    audience = [a for a in as_list(data.get("audience")) if isinstance(a, str)]
    if not audience:
        return
    title = zh(data.get("title"))
    if _ENTERPRISE in title and not set(audience) & set(_ORGANISATIONS):
        check.error(
            ("audience",),
            _(
                "the title `{title}` speaks of enterprises (企业), but `audience` is {audience}"
            ).format(title=title, audience=", ".join(audience)),
            _(
                "enterprises browsing their services will not find it: add `enterprise` to the "
                "audience"
            ),
            code="accuracy.audience.enterprise",
        )
    eligibility = zh(data.get("eligibility"))
    if "individual" not in audience and (age := _AGE.search(eligibility)):
        check.error(
            ("audience",),
            naming_field(
                _(
                    "the eligibility speaks of a person's age (`{phrase}`), but `audience` has "
                    "no `individual`: {audience}"
                ).format(phrase=age.group(0), audience=", ".join(audience)),
                line_of(check, ("eligibility",)),
                ("eligibility",),
            ),
            _(
                "the people who may apply will not find it among services for individuals: "
                "add `individual` to the audience"
            ),
            code="accuracy.audience.individual",
        )


def _contacts(check: Checker, data: dict[str, Any]) -> None:
    contacts = items(data.get("contacts"))
    if not contacts:
        return
    for number, contact in contacts:
        name = zh(contact.get("name")) or str(contact.get("name") or "")
        if contact.get("purpose") == "consultation" and any(
            word in name for word in _COMPLAINT_WORDS
        ):
            check.warning(
                ("contacts", number, "purpose"),
                _(
                    "the contact `{name}` is a complaints line, but its `purpose` is consultation"
                ).format(name=name),
                _("set `purpose: complaint`, so that the page shows how to complain"),
                code="accuracy.contacts.complaint-purpose",
            )


def _materials(check: Checker, data: dict[str, Any]) -> None:
    seen: dict[str, int] = {}
    for number, material in items(data.get("materials")):
        name = "".join(zh(material.get("name")).split())
        if not name:
            continue
        if name in seen:
            check.warning(
                ("materials", number, "name"),
                naming_field(
                    _("the material `{name}` is listed twice").format(name=name),
                    line_of(check, ("materials", seen[name], "name")),
                    ("materials", seen[name], "name"),
                ),
                _(
                    "one entry was probably copied over another material: restore the one "
                    "that is missing, or remove the copy"
                ),
                code="accuracy.materials.duplicate",
            )
        else:
            seen[name] = number


def _app_paths(check: Checker, data: dict[str, Any]) -> None:
    for number, channel in items(data.get("channels")):
        path = channel.get("path")
        if channel.get("type") != "app" or not isinstance(path, dict):
            continue
        taps = {
            lang: len(_PATH_SEPARATOR.split(text.strip()))
            for lang, text in path.items()
            if isinstance(text, str) and text.strip()
        }
        if len(set(taps.values())) > 1:
            check.warning(
                ("channels", number, "path"),
                _(
                    "the app path has {counts} steps in its languages: it must be the same path"
                ).format(counts=", ".join(f"{lang} {count}" for lang, count in taps.items())),
                _(
                    "a citizen follows the path to a screen that is not there: give every step in "
                    "both languages"
                ),
                code="accuracy.channels.path-steps",
            )


def _instant(check: Checker, data: dict[str, Any]) -> None:
    limit = data.get("time_limit")
    if not isinstance(limit, dict) or limit.get("instant") is not False:
        return
    promised = limit.get("promised")
    if isinstance(promised, dict) and promised.get("unit") == "minutes":
        check.warning(
            ("time_limit", "instant"),
            naming_field(
                _("the promise is {value} minutes, but `instant` is false (not 即办)").format(
                    value=promised.get("value")
                ),
                line_of(check, ("time_limit", "promised")),
                ("time_limit", "promised"),
            ),
            _(
                "a service done while the citizen waits is 即办: set `instant: true`, or correct "
                "the promise"
            ),
            code="accuracy.time.instant-minutes",
        )


def _approves(check: Checker, data: dict[str, Any]) -> None:
    if data.get("instant_approval") != "none":
        return
    texts: list[tuple[FieldPath, Any]] = [(("summary",), data.get("summary"))]
    texts += [
        (("steps", n, "description"), s.get("description")) for n, s in items(data.get("steps"))
    ]
    for here, value in texts:
        for path, text in _forms(value, here):
            if "批" not in text and "pprove" not in text:
                continue  # most texts: a substring first
            found = _APPROVES.search(text)
            if found is None:
                continue
            where = check.loaded.fragment_position(path, found.group(0))
            message = _(
                "the text says `{phrase}` (approved by the system at once), but "
                "`instant_approval` is none"
            ).format(phrase=found.group(0))
            hint = _("set `instant_approval` to what the service does (秒批), or correct the text")
            code = "accuracy.badge.approves-without-badge"
            field_line = line_of(check, ("instant_approval",))
            check.warning_at(
                path,
                where,
                naming_field(message, field_line, ("instant_approval",)),
                hint,
                code=code,
            )
            if abs(field_line - where[0]) > 1:  # the editor who changed the badge sees it too
                check.warning(
                    ("instant_approval",),
                    message + " " + _("(the text at line {line})").format(line=where[0]),
                    hint,
                    code=code,
                )
            return


def _forms(value: Any, path: FieldPath) -> list[tuple[FieldPath, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [((*path, k), v) for k, v in value.items() if isinstance(v, str)]
    return []

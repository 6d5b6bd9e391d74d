"""Schema checks: compile schema/*.json once, and turn each schema error into a plain message.

jsonschema-rs is used rather than the pure-Python `jsonschema`: a valid guide is
checked in about 20 microseconds (`is_valid`), so 10,000 guides cost well under a
second, and errors are only collected (`iter_errors`) for files that fail. The
messages an editor reads are written here from the error kind and from our own
walk of the schema, never passed through from the validator.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs

from generator.common import resources
from generator.common.i18n import N_, _, current_language, ngettext
from generator.source.cache import rules_digest
from generator.source.loader import FieldPath, LoadedFile, format_path
from generator.validate.problems import Problem, Severity

SCHEMA_DIR = resources.schema_dir()
"""Where the schemas live: the package's copy (`schema/` at the top of the repository)."""

SCHEMA_FILES = {
    "guide": "guide.schema.json",
    "departments": "departments.schema.json",
    "offices": "offices.schema.json",
    "topics": "topics.schema.json",
    "life-events": "life-events.schema.json",
    "e-licences": "e-licences.schema.json",
}

_TYPE_NAMES = {
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "object": N_("a mapping of keys"),
    "array": N_("a list"),
    "null": N_("empty"),
}

_PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        N_("{value} must be an id of lower-case letters, digits and hyphens"),
        N_("for example `teacher-qualification`; no spaces, capitals or underscores"),
    ),
    "^https://[^\\s]+$": (
        N_("{value} must be a full web address starting with https://"),
        N_("plain http://, javascript: and data: links are not allowed; no spaces"),
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": (
        N_("{value} must be a date written YYYY-MM-DD"),
        N_("for example 2026-09-15"),
    ),
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": (
        N_("{value} must be a time written HH:MM"),
        N_('for example "09:00"; write it in quotes'),
    ),
    "^[0-9A-Z]{6,40}$": (
        N_("{value} must be an official code of 6 to 40 digits or capital letters"),
        N_("copy the code from the service catalogue, in quotes"),
    ),
    "\\S": (N_("must not be blank"), N_("write the text, or remove the key")),
}

_YAML11_BOOLEANS = frozenset(
    {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}
)


_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?")


class SchemaUnavailable(Exception):
    """The schemas cannot be read or compiled; validation cannot run."""


@dataclass
class SchemaSet:
    """The compiled validators and the raw schemas they came from (never changed once made:
    `load_schemas` hands the same set to every caller while the files stay the same)."""

    raw: dict[str, dict[str, Any]]
    validators: dict[str, Any]

    @functools.cached_property
    def digest(self) -> str:
        """The digest of these schemas and of the rules' code (results cache keys)."""
        return rules_digest(self.raw)

    def check(self, kind: str, loaded: LoadedFile) -> list[Problem]:
        """Validate one loaded file against the schema of its kind; return its problems."""
        validator = self.validators[kind]
        if validator.is_valid(loaded.data):
            return []
        root = self.raw[SCHEMA_FILES[kind]]
        problems: list[Problem] = []
        for error in validator.iter_errors(loaded.data):
            for problem in _describe(self, root, loaded, error):
                if problem not in problems:
                    problems.append(problem)
        return problems

    def subschema(self, root: dict[str, Any], path: FieldPath) -> dict[str, Any]:
        """Return the schema that applies to the value at `path`, refs followed."""
        current = self.resolve(root, root)
        for part in path:
            if isinstance(part, int):
                current = self.resolve(root, current.get("items", {}))
            else:
                current = self.resolve(root, current.get("properties", {}).get(part, {}))
        return current

    def resolve(self, root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
        """Merge a schema with the target of its `$ref` (our refs only: file#/$defs/name)."""
        seen = 0
        merged = dict(schema)
        while "$ref" in merged and seen < 10:
            seen += 1
            ref = merged.pop("$ref")
            file_part, _hash, pointer = ref.partition("#")
            target: Any = self.raw[file_part] if file_part else root
            for part in pointer.strip("/").split("/") if pointer else []:
                target = target[part]
            merged = {**target, **merged}
        return merged


_compiled: dict[tuple[str, tuple[tuple[str, bytes], ...]], SchemaSet] = {}
"""The last schemas compiled, by their folder and every file's bytes: a preview or a script
that validates again and again compiles them once (about 7 ms each time before), and an
edited schema has other bytes, so it is compiled anew."""


def load_schemas(directory: Path | None = None) -> SchemaSet:
    """Read and compile every schema (default: SCHEMA_DIR); raise SchemaUnavailable if we can't."""
    directory = directory if directory is not None else SCHEMA_DIR
    sources: list[tuple[str, bytes]] = []
    for path in sorted(directory.glob("*.schema.json")):
        try:
            sources.append((path.name, path.read_bytes()))
        except OSError as error:
            raise SchemaUnavailable(
                _("cannot read schema {path}: {error}").format(path=path, error=error)
            ) from error
    key = (str(directory.resolve()), tuple(sources))
    if key not in _compiled:
        compiled = _compile(directory, sources)
        _compiled.clear()
        _compiled[key] = compiled
    return _compiled[key]


def _compile(directory: Path, sources: list[tuple[str, bytes]]) -> SchemaSet:
    raw: dict[str, dict[str, Any]] = {}
    for name, source in sources:
        try:
            raw[name] = json.loads(source.decode("utf-8"))
        except ValueError as error:
            raise SchemaUnavailable(
                _("cannot read schema {path}: {error}").format(path=directory / name, error=error)
            ) from error
    missing = [name for name in [*SCHEMA_FILES.values(), "common.schema.json"] if name not in raw]
    if missing:
        raise SchemaUnavailable(
            _("schema files missing in {folder}: {names}").format(
                folder=directory, names=", ".join(missing)
            )
        )
    try:
        registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in raw.values()])
        validators = {
            kind: jsonschema_rs.Draft202012Validator(
                raw[name], registry=registry, validate_formats=False
            )
            for kind, name in SCHEMA_FILES.items()
        }
    except (KeyError, ValueError, jsonschema_rs.ReferencingError) as error:
        raise SchemaUnavailable(
            _("cannot compile the schemas in {folder}: {error}").format(
                folder=directory, error=error
            )
        ) from error
    # Our own walk of the schemas follows refs by file name, so local refs get theirs.
    walkable = {name: _qualify_refs(schema, name) for name, schema in raw.items()}
    return SchemaSet(raw=walkable, validators=validators)


def _qualify_refs(schema: Any, name: str) -> Any:
    if isinstance(schema, dict):
        out = {key: _qualify_refs(value, name) for key, value in schema.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            out["$ref"] = name + ref
        return out
    if isinstance(schema, list):
        return [_qualify_refs(item, name) for item in schema]
    return schema


def _describe(
    schemas: SchemaSet, root: dict[str, Any], loaded: LoadedFile, error: Any
) -> list[Problem]:
    path: FieldPath = tuple(error.instance_path)
    kind = error.kind
    name = type(kind).__name__
    value = error.instance
    here = schemas.subschema(root, path)

    code = "schema." + _CODES.get(name, "other")

    def problem(
        message: str,
        hint: str = "",
        at: FieldPath = path,
        key: bool = False,
        field: FieldPath = path,
    ) -> Problem:
        line, column = loaded.key_position(at) if key else loaded.position(at)
        return Problem(
            loaded.display, line, column, Severity.ERROR, format_path(field), message, hint, code
        )

    if name == "AdditionalProperties":
        allowed = sorted(here.get("properties", {}))
        found = []
        for key in kind.unexpected:
            if "\u3000" in key:
                # `\u3000\u3000en: ...`: YAML read the full-width spaces as part of the key.
                found.append(
                    Problem(
                        loaded.display,
                        *loaded.key_position((*path, key)),
                        Severity.ERROR,
                        format_path((*path, key)),
                        _(
                            "this line is indented with a full-width space; "
                            "YAML allows only ordinary spaces"
                        ),
                        _(
                            "delete the full-width spaces at the start of the line and indent "
                            "with ordinary spaces (typed with the input method in English mode), "
                            "2 for each level"
                        ),
                        "yaml.fullwidth-space",
                    )
                )
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = _did_you_mean(close[0]) if close else ""
            if _is_text_schema(here):
                hint += _("language tags look like `zh-CN` or `en`")
            else:
                hint += _("allowed keys here: {keys}").format(keys=", ".join(allowed))
            found.append(
                problem(
                    _("unknown key `{key}`").format(key=key),
                    hint,
                    at=(*path, key),
                    key=True,
                    field=(*path, key),
                )
            )
        return found
    if name == "Required":
        prop = kind.property
        target = schemas.subschema(root, (*path, prop))
        if _is_text_schema(here) and prop == "zh-CN":
            return [
                problem(
                    _("text given per language must include `zh-CN`"),
                    _("add a `zh-CN:` line with the Chinese text"),
                    key=bool(path),
                )
            ]
        if isinstance(value, dict) and _misspelt(prop, value, here):
            return []  # the unknown key beside it says "did you mean `{prop}`?"
        if path:
            hint = _("add `{key}:` under `{parent}`").format(key=prop, parent=format_path(path))
        else:
            hint = _("add `{key}:` at the top level of the file").format(key=prop)
        if target.get("description"):
            hint += _(": {description}").format(description=_described(target["description"]))
        return [
            problem(_("the required key `{key}` is missing").format(key=prop), hint, key=bool(path))
        ]
    if name == "Type":
        parent = schemas.subschema(root, path[:-1]) if path else {}
        if _is_text_schema(parent) and not _LANGUAGE_TAG.fullmatch(str(path[-1])):
            return []  # reported once as a key that is not a language tag
        message, hint = _type_message(kind.types, value, loaded.plain_texts.get(path))
        if not hint and kind.types == ["object"] and here.get("required"):
            hint = _("write it as keys on the lines below, such as {keys}").format(
                keys=", ".join(f"`{key}:`" for key in here["required"])
            )
        return [problem(message, hint)]
    if name == "Enum":
        options = [str(option) for option in kind.options]
        shown = _show(value)
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        hint = _did_you_mean(close[0]) if close else ""
        return [
            problem(
                _("{value} is not an allowed value").format(value=shown),
                hint + _("use one of: {options}").format(options=", ".join(options)),
            )
        ]
    if name == "Pattern":
        message, hint = _PATTERN_MESSAGES.get(
            kind.pattern, (N_("{value} does not match the pattern {pattern}"), "")
        )
        return [
            problem(
                _(message).format(value=_show(value), pattern=kind.pattern),
                _(hint) if hint else "",
            )
        ]
    if name == "MinLength":
        if kind.limit <= 1:
            return [problem(_("must not be empty"), _("write the text, or remove the key"))]
        return [
            problem(
                ngettext(
                    "{value} is shorter than {limit} character",
                    "{value} is shorter than {limit} characters",
                    kind.limit,
                ).format(value=_show(value), limit=kind.limit),
                _described(here.get("description", "")),
            )
        ]
    if name == "MaxLength":
        return [
            problem(
                ngettext(
                    "is longer than {limit} character",
                    "is longer than {limit} characters",
                    kind.limit,
                ).format(limit=kind.limit),
                _("shorten it"),
            )
        ]
    if name == "MinItems":
        return [
            problem(
                ngettext(
                    "needs at least {limit} item", "needs at least {limit} items", kind.limit
                ).format(limit=kind.limit),
                _described(here.get("description", "")),
            )
        ]
    if name == "MaxItems":
        return [
            problem(
                ngettext(
                    "has more than {limit} item", "has more than {limit} items", kind.limit
                ).format(limit=kind.limit),
                _("remove some"),
            )
        ]
    if name == "Minimum":
        return [
            problem(
                _("{value} is too small; the smallest allowed is {limit}").format(
                    value=_show(value), limit=kind.limit
                )
            )
        ]
    if name == "Maximum":
        return [
            problem(
                _("{value} is too large; the largest allowed is {limit}").format(
                    value=_show(value), limit=kind.limit
                )
            )
        ]
    if name == "UniqueItems":
        return [problem(_("lists the same value more than once"), _("remove the repeated value"))]
    if name == "MinProperties":
        return [problem(_("must not be an empty mapping"), _("add the text, or remove the key"))]
    if name == "PropertyNames":
        return (
            [
                _bad_language_key(loaded, path, key, value[key])
                for key in value
                if not _LANGUAGE_TAG.fullmatch(key)
            ]
            if isinstance(value, dict)
            else []
        )
    return [problem(_("does not follow the schema: {detail}").format(detail=error.message))]


_CODES = {
    "AdditionalProperties": "unknown-key",
    "Required": "required",
    "Type": "type",
    "Enum": "enum",
    "Pattern": "pattern",
    "MinLength": "min-length",
    "MaxLength": "max-length",
    "MinItems": "min-items",
    "MaxItems": "max-items",
    "Minimum": "minimum",
    "Maximum": "maximum",
    "UniqueItems": "unique-items",
    "MinProperties": "min-properties",
    "PropertyNames": "language-tag",
}
"""The stable code of each kind of schema error: `schema.<code>` (schema.other otherwise)."""


def _did_you_mean(close: str) -> str:
    return _("did you mean `{value}`? ").format(value=close)


def _bad_language_key(loaded: LoadedFile, path: FieldPath, key: str, value: Any) -> Problem:
    line, column = loaded.key_position((*path, key))
    field = format_path((*path, key))
    if value is None:
        # `{en: Births, medical care}`: inside braces a comma starts a new key.
        return Problem(
            loaded.display,
            line,
            column,
            Severity.ERROR,
            field,
            _("`{key}` became a key of its own: inside {{...}} a comma starts a new key").format(
                key=key
            ),
            _('put the text that contains the comma in quotes, such as en: "Births, medical care"'),
            "schema.comma-in-braces",
        )
    return Problem(
        loaded.display,
        line,
        column,
        Severity.ERROR,
        field,
        _("`{key}` is not a language tag").format(key=key),
        _("language tags look like `zh-CN` or `en`"),
        "schema.language-tag",
    )


def _misspelt(prop: str, value: dict[str, Any], schema: dict[str, Any]) -> bool:
    known = schema.get("properties", {})
    unknown = [key for key in value if key not in known]
    return bool(difflib.get_close_matches(prop, unknown, n=1, cutoff=0.6))


def _type_message(types: list[str], value: Any, plain: str | None) -> tuple[str, str]:
    wanted = _(" or ").join(_(_TYPE_NAMES[t]) if t in _TYPE_NAMES else t for t in types)
    if value is None:
        return _("has no value"), _("write the value after the colon, or remove the key")
    if "string" in types and plain is not None:
        if isinstance(value, bool):
            message = _("must be text, but {plain} is read as true or false")
        else:
            message = _("must be text, but {plain} is read as a number")
        return (
            message.format(plain=plain),
            _('write it in quotes: "{plain}"').format(plain=plain),
        )
    if types == ["boolean"] and isinstance(value, str):
        hint = _("write true or false")
        if value in _YAML11_BOOLEANS:
            hint += _(" (`{value}` is text in this project, not a yes/no value)").format(
                value=value
            )
        return _("must be true or false, not {value}").format(value=_show(value)), hint
    if ("integer" in types or "number" in types) and isinstance(value, str):
        return (
            _("must be {wanted}, not the text {value}").format(wanted=wanted, value=_show(value)),
            _("write a plain number such as 1, without quotes or leading zeros"),
        )
    if types == ["array"] and isinstance(value, str | int | float):
        return (
            _("must be a list, not {value}").format(value=_describe_value(value)),
            _("write it as a list: [{value}]").format(value=value),
        )
    return _("must be {wanted}, not {value}").format(
        wanted=wanted, value=_describe_value(value)
    ), ""


def _describe_value(value: Any) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text {value}").format(value=_show(value))
    if isinstance(value, list):
        return _("a list")
    return _("a mapping")


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    if len(text) > 60:
        text = text[:57] + "..."
    return f"`{text}`"


def _is_text_schema(schema: dict[str, Any]) -> bool:
    return "propertyNames" in schema


def _described(description: str) -> str:
    """Return the part of a schema description in the editor's language.

    The schemas' descriptions are written `中文。English`: the Chinese before the first
    `。`, the English after it.
    """
    chinese, stop, english = description.partition("。")
    if current_language() == "zh_CN" and stop:
        return chinese.strip()
    return (english if stop else description).strip()

"""Schema checks: compile schema/*.json once, and turn each schema error into a plain message.

jsonschema-rs is used rather than the pure-Python `jsonschema`: a valid guide is
checked in about 20 microseconds (`is_valid`), so 10,000 guides cost well under a
second, and errors are only collected (`iter_errors`) for files that fail. The
messages an editor reads are written here from the error kind and from our own
walk of the schema, never passed through from the validator.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs

from generator.common import resources
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
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of keys",
    "array": "a list",
    "null": "empty",
}

_PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "must be an id of lower-case letters, digits and hyphens",
        "for example `teacher-qualification`; no spaces, capitals or underscores",
    ),
    "^https://[^\\s]+$": (
        "must be a full web address starting with https://",
        "plain http://, javascript: and data: links are not allowed; no spaces",
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": (
        "must be a date written YYYY-MM-DD",
        "for example 2026-09-15",
    ),
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": (
        "must be a time written HH:MM",
        'for example "09:00"; write it in quotes',
    ),
    "^[0-9A-Z]{6,40}$": (
        "must be an official code of 6 to 40 digits or capital letters",
        "copy the code from the service catalogue, in quotes",
    ),
    "\\S": ("must not be blank", "write the text, or remove the key"),
}

_YAML11_BOOLEANS = frozenset(
    {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}
)


_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?")


class SchemaUnavailable(Exception):
    """The schemas cannot be read or compiled; validation cannot run."""


@dataclass
class SchemaSet:
    """The compiled validators and the raw schemas they came from."""

    raw: dict[str, dict[str, Any]]
    validators: dict[str, Any]

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
            file_part, _, pointer = ref.partition("#")
            target: Any = self.raw[file_part] if file_part else root
            for part in pointer.strip("/").split("/") if pointer else []:
                target = target[part]
            merged = {**target, **merged}
        return merged


def load_schemas(directory: Path | None = None) -> SchemaSet:
    """Read and compile every schema (default: SCHEMA_DIR); raise SchemaUnavailable if we can't."""
    directory = directory if directory is not None else SCHEMA_DIR
    raw: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.schema.json")):
        try:
            raw[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SchemaUnavailable(f"cannot read schema {path}: {error}") from error
    missing = [name for name in [*SCHEMA_FILES.values(), "common.schema.json"] if name not in raw]
    if missing:
        raise SchemaUnavailable(f"schema file(s) missing in {directory}: {', '.join(missing)}")
    try:
        registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in raw.values()])
        validators = {
            kind: jsonschema_rs.Draft202012Validator(
                raw[name], registry=registry, validate_formats=False
            )
            for kind, name in SCHEMA_FILES.items()
        }
    except (KeyError, ValueError, jsonschema_rs.ReferencingError) as error:
        raise SchemaUnavailable(f"cannot compile the schemas in {directory}: {error}") from error
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

    def problem(
        message: str,
        hint: str = "",
        at: FieldPath = path,
        key: bool = False,
        field: FieldPath = path,
    ) -> Problem:
        line, column = loaded.key_position(at) if key else loaded.position(at)
        return Problem(
            loaded.display, line, column, Severity.ERROR, format_path(field), message, hint
        )

    if name == "AdditionalProperties":
        allowed = sorted(here.get("properties", {}))
        found = []
        for key in kind.unexpected:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`? " if close else ""
            if _is_text_schema(here):
                hint += "language tags look like `zh-CN` or `en`"
            else:
                hint += f"allowed keys here: {', '.join(allowed)}"
            found.append(
                problem(f"unknown key `{key}`", hint, at=(*path, key), key=True, field=(*path, key))
            )
        return found
    if name == "Required":
        prop = kind.property
        where = f"under `{format_path(path)}`" if path else "at the top level of the file"
        target = schemas.subschema(root, (*path, prop))
        if _is_text_schema(here) and prop == "zh-CN":
            return [
                problem(
                    "text given per language must include `zh-CN`",
                    "add a `zh-CN:` line with the Chinese text",
                    key=bool(path),
                )
            ]
        if isinstance(value, dict) and _misspelt(prop, value, here):
            return []  # the unknown key beside it says "did you mean `{prop}`?"
        hint = f"add `{prop}:` {where}"
        if target.get("description"):
            hint += f": {_english(target['description'])}"
        return [problem(f"the required key `{prop}` is missing", hint, key=bool(path))]
    if name == "Type":
        parent = schemas.subschema(root, path[:-1]) if path else {}
        if _is_text_schema(parent) and not _LANGUAGE_TAG.fullmatch(str(path[-1])):
            return []  # reported once as a key that is not a language tag
        message, hint = _type_message(kind.types, value, loaded.plain_texts.get(path))
        if not hint and kind.types == ["object"] and here.get("required"):
            hint = "write it as keys on the lines below, such as " + ", ".join(
                f"`{key}:`" for key in here["required"]
            )
        return [problem(message, hint)]
    if name == "Enum":
        options = [str(option) for option in kind.options]
        shown = _show(value)
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`? " if close else ""
        return [
            problem(f"{shown} is not an allowed value", hint + f"use one of: {', '.join(options)}")
        ]
    if name == "Pattern":
        message, hint = _PATTERN_MESSAGES.get(kind.pattern, (f"does not match {kind.pattern}", ""))
        return [
            problem(
                f"{_show(value)} {message}" if message != "must not be blank" else message, hint
            )
        ]
    if name == "MinLength":
        if kind.limit <= 1:
            return [problem("must not be empty", "write the text, or remove the key")]
        return [
            problem(
                f"{_show(value)} is shorter than {kind.limit} characters",
                _english(here.get("description", "")),
            )
        ]
    if name == "MaxLength":
        return [problem(f"is longer than {kind.limit} characters", "shorten it")]
    if name == "MinItems":
        return [
            problem(f"needs at least {kind.limit} item(s)", _english(here.get("description", "")))
        ]
    if name == "MaxItems":
        return [problem(f"has more than {kind.limit} items", "remove some")]
    if name == "Minimum":
        return [problem(f"{_show(value)} is too small; the smallest allowed is {kind.limit}")]
    if name == "Maximum":
        return [problem(f"{_show(value)} is too large; the largest allowed is {kind.limit}")]
    if name == "UniqueItems":
        return [problem("lists the same value more than once", "remove the repeated value")]
    if name == "MinProperties":
        return [problem("must not be an empty mapping", "add the text, or remove the key")]
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
    return [problem(error.message)]


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
            f"`{key}` became a key of its own: inside {{...}} a comma starts a new key",
            'put the text that contains the comma in quotes, such as en: "Births, medical care"',
        )
    return Problem(
        loaded.display,
        line,
        column,
        Severity.ERROR,
        field,
        f"`{key}` is not a language tag",
        "language tags look like `zh-CN` or `en`",
    )


def _misspelt(prop: str, value: dict[str, Any], schema: dict[str, Any]) -> bool:
    known = schema.get("properties", {})
    unknown = [key for key in value if key not in known]
    return bool(difflib.get_close_matches(prop, unknown, n=1, cutoff=0.6))


def _type_message(types: list[str], value: Any, plain: str | None) -> tuple[str, str]:
    wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
    if value is None:
        return "has no value", "write the value after the colon, or remove the key"
    if "string" in types and plain is not None:
        read_as = "true or false" if isinstance(value, bool) else "a number"
        return (f"must be text, but {plain} is read as {read_as}", f'write it in quotes: "{plain}"')
    if types == ["boolean"] and isinstance(value, str):
        hint = "write true or false"
        if value in _YAML11_BOOLEANS:
            hint += f" (`{value}` is text in this project, not a yes/no value)"
        return f"must be true or false, not {_show(value)}", hint
    if ("integer" in types or "number" in types) and isinstance(value, str):
        return (
            f"must be {wanted}, not the text {_show(value)}",
            "write a plain number such as 1, without quotes or leading zeros",
        )
    if types == ["array"] and isinstance(value, str | int | float):
        return f"must be a list, not {_describe_value(value)}", f"write it as a list: [{value}]"
    return f"must be {wanted}, not {_describe_value(value)}", ""


def _describe_value(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    if len(text) > 60:
        text = text[:57] + "..."
    return f"`{text}`"


def _is_text_schema(schema: dict[str, Any]) -> bool:
    return "propertyNames" in schema


def _english(description: str) -> str:
    return description.split("。", 1)[-1].strip()

"""The bundled schemas: read once, every ``$ref`` put in place, and their validators."""

import functools
import json
from typing import Any

from jsonschema import Draft202012Validator

from .resources import bundled

__all__ = [
    "inlined_session_schema",
    "is_definition",
    "pack_validator",
    "resolve",
    "schema",
    "session_schema",
    "session_validator",
    "split_validators",
]


@functools.cache
def schema() -> dict[str, Any]:
    """The content-file schema the package validates with."""
    loaded: dict[str, Any] = json.loads(bundled("schema/pack.schema.json").read_text("utf-8"))
    return loaded


@functools.cache
def session_schema() -> dict[str, Any]:
    """The session-file schema (``schema/session.schema.json``)."""
    loaded: dict[str, Any] = json.loads(bundled("schema/session.schema.json").read_text("utf-8"))
    return loaded


@functools.cache
def inlined_session_schema() -> dict[str, Any]:
    """The session-file schema with every ``$ref`` put in place (for editors' look-ups)."""
    return _inlined(session_schema())


@functools.cache
def session_validator() -> Draft202012Validator:
    return Draft202012Validator(
        inlined_session_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def pack_validator() -> Draft202012Validator:
    return Draft202012Validator(
        _inlined(schema()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _inlined(source: dict[str, Any]) -> dict[str, Any]:
    """The schema with every ``$ref`` put in place, so validating never looks one up.

    Looking up references is most of jsonschema's time on a pack; the inlined schema
    validates the same (a tip's points refer back to the tip itself, as before).
    """
    defs: dict[str, Any] = source["$defs"]
    done: dict[str, dict[str, Any]] = {}

    def definition(name: str) -> dict[str, Any]:
        if name not in done:
            done[name] = {}
            done[name].update(inline(defs[name]))
        return done[name]

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                target = definition(node["$ref"].rsplit("/", 1)[-1])
                extra = {k: v for k, v in node.items() if k != "$ref"}
                return {**target, **extra} if extra else target
            return {k: inline(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    inlined: dict[str, Any] = inline(source)
    return inlined


@functools.cache
def split_validators() -> tuple[Draft202012Validator, dict[str, Draft202012Validator]]:
    """A validator of the file without its lists' items, and one for each list's items."""
    whole = _inlined(schema())
    properties = dict(whole["properties"])
    of_items: dict[str, Draft202012Validator] = {}
    for name, listed in whole["properties"].items():
        if listed.get("type") == "array" and isinstance(listed.get("items"), dict):
            of_items[name] = Draft202012Validator(
                listed["items"], format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            properties[name] = {k: v for k, v in listed.items() if k != "items"}
    top = Draft202012Validator(
        {**whole, "properties": properties}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return top, of_items


def _def(name: str) -> dict[str, Any]:
    found: dict[str, Any] = schema()["$defs"][name]
    return found


def is_definition(subschema: dict[str, Any], name: str) -> bool:
    """Whether a (possibly inlined) subschema is the definition ``name``."""
    return subschema.get("title") == _def(name)["title"] and "title" in subschema


def resolve(subschema: dict[str, Any] | None) -> dict[str, Any]:
    """The definition a ``{"$ref": ...}`` subschema stands for (an empty one for none)."""
    while subschema and "$ref" in subschema and "type" not in subschema:
        subschema = _def(subschema["$ref"].rsplit("/", 1)[-1])
    return subschema or {}

"""A second reading of a formatted file, by another YAML parser, before it is written.

fmt reads its result back with the parser it read the file with, so a misreading of that
parser would pass unseen. Here libyaml (through PyYAML; PyYAML's own parser where libyaml
is not compiled in) reads the file before and after, and the two readings must hold the
same values, once what fmt is allowed to change is set aside: durations in canonical
spelling, and how a value or key is written (quotes, ``True`` as ``true``) as long as it
reads as the same thing under the YAML 1.2 core schema.
"""

from typing import Any

import yaml
from yaml.nodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)

from recurrent_care_pack._durations import diagnose, format_duration, parse_duration
from recurrent_care_pack._errors import CrossReadError

from .reading import _resolve as resolve_scalar
from .reading import needs_quotes_for_yaml_1_1
from .schema import resolve, schema

__all__ = ["branch", "canonical_duration", "differences", "text_in_yaml_1_1"]

_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # no tags resolved: styles kept


_RESOLVER_1_1 = yaml.resolver.Resolver()


def text_in_yaml_1_1(plain: str) -> bool:
    """Whether YAML 1.1 tools read ``plain``, written without quotes, as text.

    Not so for ``yes``, ``y``, ``2019-01-01``, ``1:20``, ``1_000``, ``<<`` and the like.
    """
    tag = _RESOLVER_1_1.resolve(ScalarNode, plain, (True, False))  # type: ignore[no-untyped-call]
    return tag == "tag:yaml.org,2002:str" and not needs_quotes_for_yaml_1_1(plain)


def canonical_duration(text: str) -> str | None:
    """``text``, a readable duration, spelt the canonical way; ``None`` if it stays."""
    if diagnose(text) is not None:
        return None
    canonical = format_duration(parse_duration(text))
    if diagnose(canonical) is None and parse_duration(canonical) == parse_duration(text):
        return canonical
    return None


def branch(subschema: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    """The branch of a choice that a mapping takes, by the keys it has."""
    for option in subschema.get("oneOf", []):
        chosen = resolve(option)
        if set(chosen.get("required", ())) & keys:
            return chosen
    return subschema


def differences(before: str, after: str) -> tuple[int, int] | None:
    """Where (line, column from 1, in ``before``) the other parser finds a value changed.

    `CrossReadError` if it cannot read ``before``; a place in ``before`` if it cannot
    read ``after``.
    """
    old = _compose(before)
    try:
        new = _compose(after)
    except CrossReadError:
        return (1, 1)
    return _first_difference(old, new, schema())


def _compose(text: str) -> Node | None:
    try:
        node: Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:  # a place where libyaml gives one (not for a bad character)
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise CrossReadError(line, column) from error
    return node


def _where(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _value(node: ScalarNode) -> Any:
    """A scalar as rcpack reads it: plain ones by the YAML 1.2 core schema, others as text."""
    return resolve_scalar(_Event(node.value, node.style or ""))  # type: ignore[arg-type]


def _key(node: ScalarNode) -> tuple[str, type]:
    """A key as written, with what it reads as: ``1`` and ``'1'`` are not the same key."""
    return node.value, type(_value(node))


_Place = tuple[int, int] | None


def _first_difference(old: Node | None, new: Node | None, subschema: Any) -> _Place:
    here = resolve(subschema)
    if old is None or new is None:
        return None if old is new else (1, 1)
    if isinstance(old, MappingNode) and isinstance(new, MappingNode):
        return _mapping_difference(old, new, here)
    if isinstance(old, SequenceNode) and isinstance(new, SequenceNode):
        if len(old.value) != len(new.value):
            return _where(old)
        found = (
            _first_difference(mine, theirs, here.get("items"))
            for mine, theirs in zip(old.value, new.value, strict=True)
        )
        return next((place for place in found if place is not None), None)
    if not (isinstance(old, ScalarNode) and isinstance(new, ScalarNode)):
        return _where(old)  # a value of another kind: a list for a mapping, text for a list
    was, now = _value(old), _value(new)
    if here is schema()["$defs"]["duration"] and isinstance(was, str):
        was = canonical_duration(was) or was
    return None if _same(was, now) else _where(old)


def _mapping_difference(old: MappingNode, new: MappingNode, here: dict[str, Any]) -> _Place:
    """Where two mappings differ; keys other than scalars, or twice, are not compared."""
    mine = {_key(key): (key, value) for key, value in old.value if isinstance(key, ScalarNode)}
    theirs = {_key(key): value for key, value in new.value if isinstance(key, ScalarNode)}
    if (len(mine), len(theirs)) != (len(old.value), len(new.value)) or set(mine) != set(theirs):
        missing = [key for name, (key, _) in mine.items() if name not in theirs]
        return _where(missing[0]) if missing else _where(old)
    properties = branch(here, {name for name, _ in mine}).get("properties", {})
    for name, (_, value) in mine.items():
        found = _first_difference(value, theirs[name], properties.get(name[0]))
        if found is not None:
            return found
    return None


def _same(one: Any, other: Any) -> bool:
    if type(one) is not type(other):
        return False
    if isinstance(one, float) and one != one and other != other:  # noqa: PLR0124 (nan)
        return True
    return bool(one == other)


class _Event:
    """What `resolve_scalar` looks at in a parser's event."""

    __slots__ = ("implicit", "style", "value")

    def __init__(self, value: str, style: str) -> None:
        self.value = value
        self.style = style
        self.implicit = (True, False)

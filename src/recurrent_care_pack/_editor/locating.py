"""Where the cursor is: the key or value under it, and what the schema says is there."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from recurrent_care_pack._content.schema import inlined_session_schema, resolve, schema

from .documents import char_column  # where the cursor's UTF-16 units are read

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from recurrent_care_pack._content.reading import Document, KeyPath

__all__ = [
    "Spot",
    "SpotsByLine",
    "char_column",
    "is_duration",
    "keys_of",
    "spot",
    "subschema",
    "value_at",
    "written_by_line",
]


def value_at(data: Any, path: KeyPath) -> Any:
    """The value at ``path`` in ``data`` (a document's), or None where nothing is written."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@frozen
class Spot:
    """What the cursor is on: the path of a key or a value, and which of the two."""

    path: KeyPath
    on_key: bool
    line: int
    column: int


#: Each line's keys and values, from `written_by_line`.
SpotsByLine = dict[int, list["Spot"]]


def spot(
    document: Document,
    lines: list[str],
    line: int,
    column: int,
    *,
    by_line: SpotsByLine | None = None,
) -> Spot | None:
    """The key or value written at or just before ``line``:``column`` (from 1), if any.

    A value counts only when it is text, a number or empty (not a mapping or list), and
    the cursor is within its line's text from where it starts. ``by_line`` is
    ``written_by_line(document)``, if kept.
    """
    best: Spot | None = None
    on_line = (written_by_line(document) if by_line is None else by_line).get(line, ())
    for found in on_line:
        if found.column > column:
            continue
        if best is None or (found.column, found.on_key) > (best.column, best.on_key):
            best = found
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if best is None or (not best.on_key and column > len(text.rstrip()) + 1):
        return None
    return best


def written_by_line(document: Document) -> SpotsByLine:
    """Every key, and every value that is not a mapping or list, by the line it is on."""
    found: SpotsByLine = {}
    for each in _written(document):
        found.setdefault(each.line, []).append(each)
    return found


def _written(document: Document) -> Iterator[Spot]:
    """Every key, and every value that is not a mapping or list, where it is written."""
    for path, mark in document.keys.items():
        yield Spot(path, True, mark.line, mark.column)  # noqa: FBT003 (a record)
    for path, mark in document.values.items():
        if not isinstance(value_at(document.data, path), (dict, list)):
            yield Spot(path, False, mark.line, mark.column)  # noqa: FBT003
    for path, marks in document.items.items():
        items = value_at(document.data, path)
        for index, packed in enumerate(marks):
            value = items[index] if isinstance(items, list) and index < len(items) else None
            if not isinstance(value, (dict, list)):
                yield Spot((*path, index), False, packed >> 32, packed & 0xFFFFFFFF)  # noqa: FBT003


def subschema(path: KeyPath) -> dict[str, Any] | None:
    """What the schema says of the value at ``path`` (a branch of a choice that fits), if known."""
    # A session file's one key is 'session' (never a pack's): its own schema says the rest.
    here: dict[str, Any] = inlined_session_schema() if path[:1] == ("session",) else schema()
    for part in path:
        here = resolve(here)
        if isinstance(part, int):
            items = here.get("items")
            if not isinstance(items, dict):
                return None
            here = items
            continue
        found = None
        for branch in _branches(here):
            properties = branch.get("properties", {})
            if part in properties:
                found = properties[part]
                break
        if found is None:
            return None
        here = found
    return here


def _branches(here: dict[str, Any]) -> list[dict[str, Any]]:
    """``here`` and the branches of any choice it offers, resolved."""
    found = [here]
    for choice in ("oneOf", "anyOf"):
        found.extend(resolve(branch) for branch in here.get(choice, ()))
    return found


def keys_of(path: KeyPath) -> dict[str, dict[str, Any]]:
    """The keys the schema allows in the mapping at ``path`` (any branch), with their schemas."""
    here = subschema(path)
    if here is None:
        return {}
    keys: dict[str, dict[str, Any]] = {}
    for branch in _branches(resolve(here)):
        keys.update(branch.get("properties", {}))
    return keys


def is_duration(sub: dict[str, Any] | None) -> bool:
    """Whether ``sub`` is the schema of a duration ('23 minutes')."""
    return resolve(sub).get("title") == "duration"


def description(sub: dict[str, Any] | None) -> str | None:
    """The schema's words for ``sub``, Markdown if it has them."""
    if sub is None:
        return None
    for where in (sub, resolve(sub)):
        for key in ("markdownDescription", "description"):
            if isinstance(where.get(key), str):
                return str(where[key])
    return None

"""Where the cursor is: the key or value under it, and what the schema says is there."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from attrs import frozen

from recurrent_care_pack._content.schema import inlined_session_schema, resolve, schema

from .documents import char_column  # where the cursor's UTF-16 units are read

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from recurrent_care_pack._content.reading import Document, KeyPath, Mark

__all__ = [
    "Spot",
    "char_column",
    "first_on",
    "is_duration",
    "keys_of",
    "spot",
    "subschema",
    "value_at",
    "written_on",
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


def spot(document: Document, lines: list[str], line: int, column: int) -> Spot | None:
    """The key or value written at or just before ``line``:``column`` (from 1), if any.

    A value counts only when it is text, a number or empty (not a mapping or list), and
    the cursor is within its line's text from where it starts.
    """
    best: Spot | None = None
    for found in written_on(document, line):
        if found.column > column:
            continue
        if best is None or (found.column, found.on_key) > (best.column, best.on_key):
            best = found
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if best is None or (not best.on_key and column > len(text.rstrip()) + 1):
        return None
    return best


def written_on(document: Document, line: int) -> list[Spot]:
    """Every key, and every value that is not a mapping or list, written on ``line``.

    Found where they are, not by making every line's (a file of a megabyte has tens of
    thousands): a reading keeps its keys and values in the order written, so that those of
    a line are found by halving; list items, packed a list at a time, are looked through.
    """
    found = [
        Spot(path, True, mark.line, mark.column)  # noqa: FBT003 (a record)
        for path, mark in _marked_on(document.keys, line)
    ]
    found.extend(
        Spot(path, False, mark.line, mark.column)  # noqa: FBT003
        for path, mark in _marked_on(document.values, line)
        if not isinstance(value_at(document.data, path), (dict, list))
    )
    for path, marks in document.items.items():
        items = None
        for index, packed in enumerate(marks):
            if packed >> 32 != line:
                continue
            items = value_at(document.data, path) if items is None else items
            value = items[index] if isinstance(items, list) and index < len(items) else None
            if not isinstance(value, (dict, list)):
                found.append(Spot((*path, index), False, line, packed & 0xFFFFFFFF))  # noqa: FBT003
    return found


def first_on(marks: dict[KeyPath, Mark], line: int) -> tuple[list[KeyPath], int]:
    """The paths of ``marks`` (in the order written), and where those on ``line`` begin."""
    paths = list(marks)
    return paths, bisect_left(paths, line, key=lambda path: marks[path].line)


def _marked_on(marks: dict[KeyPath, Mark], line: int) -> Iterator[tuple[KeyPath, Mark]]:
    """The entries of ``marks`` (in the order written) on ``line``."""
    paths, at = first_on(marks, line)
    while at < len(paths) and marks[paths[at]].line == line:
        yield paths[at], marks[paths[at]]
        at += 1


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

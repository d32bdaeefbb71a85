"""The safety check: the text fmt writes reads back as what it was given.

The same values (of the same kinds), the keys YAML 1.1 tools read as text still so, each
comment with the same thing; and a second parser (libyaml) reads the same values before
and after. Where any of these fails, a `LayoutError` names the place.
"""

from collections.abc import Iterator
from typing import Any

from recurrent_care_pack._content.crosscheck import differences
from recurrent_care_pack._errors import CrossReadError

from .tree import (
    Entry,
    Item,
    LayoutError,
    Map,
    Node,
    Seq,
    Source,
    is_empty,
    is_flow_out,
    refusal,
)

__all__ = ["compare", "cross_check"]


def cross_check(before: str, after: str) -> None:
    """Refuse unless another YAML parser (libyaml) reads the same values before and after."""
    try:
        where = differences(before, after)
    except CrossReadError as error:
        raise LayoutError(
            error.line, error.column, refusal("another YAML reader (libyaml) cannot read this")
        ) from error
    if where is not None:
        line, column = where
        raise LayoutError(
            line, column, refusal("another YAML reader (libyaml) reads a value here differently")
        )


def compare(source: Source, again: Source) -> None:
    """Refuse unless ``again`` holds ``source``'s values, keys and comments in place."""
    expected, found = _data(source.root), _data(again.root)
    if not _same(expected, found):
        line, column = _first_difference(source.root, again.root)
        raise LayoutError(line, column, refusal("a value here would change"))
    places = {path: where for path, _, _, _, where in _walk(source.root, (), None)}
    for path in sorted(_slips(again) - _slips(source), key=repr):
        line, column = places.get(path, (1, 1))
        raise LayoutError(line, column, refusal("YAML 1.1 tools would read this key otherwise"))
    for where, (was, now) in _pairs(_anchors(source), _anchors(again)):
        if was != now:
            line, column = where
            raise LayoutError(line, column, refusal("a comment here would move or be lost"))


def _slips(source: Source) -> set["_Path"]:
    """The keys YAML 1.1 tools read as something other than text, by their paths."""
    return {
        path
        for path, _, _, child, _ in _walk(source.root, (), None)
        if isinstance(child, Entry) and not child.key.kind[1]
    }


def _data(node: Node | None) -> Any:
    if isinstance(node, Map):
        return {(entry.key.value, entry.key.kind[0]): _data(entry.value) for entry in node.entries}
    if isinstance(node, Seq):
        return [_data(item.value) for item in node.items]
    return None if node is None else node.value


def _same(one: Any, other: Any) -> bool:
    """Equal, and of the same kinds (1, 1.0 and true differ; nan is itself)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return list(one) == list(other) and all(_same(one[k], other[k]) for k in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(_same(a, b) for a, b in zip(one, other, strict=True))
    if isinstance(one, float) and one != one and other != other:  # noqa: PLR0124 (nan)
        return True
    return bool(one == other)


def _first_difference(one: Node | None, other: Node | None) -> tuple[int, int]:
    if isinstance(one, Map) and isinstance(other, Map):
        for mine, theirs in zip(one.entries, other.entries, strict=False):
            if (mine.key.value, mine.key.kind[0]) != (theirs.key.value, theirs.key.kind[0]):
                return mine.key.line, mine.key.column
            if not _same(_data(mine.value), _data(theirs.value)):
                return (
                    _first_difference(mine.value, theirs.value)
                    if mine.value
                    else (mine.key.line, mine.key.column)
                )
    if isinstance(one, Seq) and isinstance(other, Seq):
        for item, again in zip(one.items, other.items, strict=False):
            if not _same(_data(item.value), _data(again.value)):
                return _first_difference(item.value, again.value)
    if one is None:
        return 1, 1
    return one.line, one.column


_Anchor = tuple[tuple[str | int, ...], str]


def _anchors(source: Source) -> dict[_Anchor, tuple[tuple[int, int], list[str]]]:
    """Each comment's text under what it annotates, with where that is in the file."""
    found: dict[_Anchor, tuple[tuple[int, int], list[str]]] = {}

    def add(
        path: tuple[str | int, ...], place: str, where: tuple[int, int], texts: list[str]
    ) -> None:
        comments = [text for text in texts if text]
        if comments:
            _, already = found.setdefault((path, place), (where, []))
            already.extend(comments)

    add((), "above start", (1, 1), source.above_start)
    add((), "top", (1, 1), source.header)
    add((), "end", (1, 1), source.trailing + source.after_end)
    for path, anchor, node, child, where in _walk(source.root, (), None):
        if child.before or child.eol:
            add(anchor, "at", where, [*child.before, child.eol])
        if isinstance(node, (Map, Seq)) and node.tail:
            add(path, "tail", where, node.tail)
    return found


_Path = tuple[str | int, ...]


def _walk(
    node: Node | None, path: _Path, lift: _Path | None
) -> Iterator[tuple[_Path, _Path, Node | None, Entry | Item, tuple[int, int]]]:
    """Each entry and item: its path, what its comments annotate, its value, it, its place.

    A list item's first entry is written on the item's line (``- id: a``), so a comment
    above or after either annotates the item: ``lift`` is that item's own anchor.
    """
    if isinstance(node, Map):
        for number, entry in enumerate(node.entries):
            here = (*path, entry.key.value)
            anchor = lift if number == 0 and lift is not None else here
            yield here, anchor, entry.value, entry, (entry.key.line, entry.key.column)
            yield from _walk(entry.value, here, None)
    elif isinstance(node, Seq):
        for number, item in enumerate(node.items):
            here = (*path, number)
            anchor = lift if number == 0 and lift is not None and not node.flow_out else here
            value = item.value
            where = (value.line, value.column) if value is not None else (1, 1)
            yield here, anchor, value, item, where
            inline = (
                isinstance(value, (Map, Seq)) and not is_empty(value) and not is_flow_out(value)
            )
            yield from _walk(value, here, anchor if inline else None)


def _pairs(
    one: dict[_Anchor, tuple[tuple[int, int], list[str]]],
    other: dict[_Anchor, tuple[tuple[int, int], list[str]]],
) -> Iterator[tuple[tuple[int, int], tuple[list[str], list[str]]]]:
    for anchor in sorted(set(one) | set(other), key=repr):
        where, mine = one.get(anchor, ((1, 1), []))
        _, theirs = other.get(anchor, ((1, 1), []))
        yield where, (sorted(mine), sorted(theirs))

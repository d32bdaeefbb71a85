"""Completion: the schema's keys, allowed values, and ids of the kind a reference wants.

What is being typed is read from the line before the cursor; where it is in the pack (the
mapping or list it belongs to) from the keys and items written above it, in the file as
last read (a half-typed line seldom reads).
"""

from __future__ import annotations

import re

from attrs import frozen
from lsprotocol import types

from recurrent_care_pack._content.schema import resolve

from .documents import units
from .index import PackIndex, item_label, reference_kind
from .locating import description, first_on, is_duration, keys_of, subschema, value_at

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from recurrent_care_pack._content.reading import Document, KeyPath

__all__ = ["Typing", "complete", "typing_at"]

#: A key being typed: ``  - tit`` (a new list item's first key) or ``    tit``; or an item
#: of a list of ids (``  - film-``).
_KEY = re.compile(r"(?P<indent> *)(?P<dash>(?:- +)?)(?P<word>[A-Za-z0-9_-]*)")
#: A value being typed after its key: ``    exercise: exer``.
_VALUE = re.compile(r"(?P<indent> *)(?P<dash>(?:- +)?)(?P<key>[A-Za-z_]+): +(?P<word>\S*)")
#: An item being typed in a flow list after its key: ``    films: [film-2, fi``.
_FLOW = re.compile(
    r"(?P<indent> *)(?P<dash>(?:- +)?)(?P<key>[A-Za-z_]+): *\[(?:[^\]]*, *)?(?P<word>[^\s,\]]*)"
)


#: An item written in a flow list: what is between its commas.
_FLOW_ITEM = re.compile(r"[^\s,\[\]]+")


@frozen
class Typing:
    """What the cursor is typing: a key, or a value, at ``column`` (from 1) of its line.

    ``new_item`` says a list item begins on the line (``- ``); ``key`` is the key whose
    value is typed, if a value is.
    """

    column: int
    word: str
    new_item: bool
    key: str | None = None
    flow: bool = False


def typing_at(before: str) -> Typing | None:
    """What ``before`` (the line up to the cursor) is typing, if a key or a value."""
    for pattern, flow in ((_FLOW, True), (_VALUE, False)):
        found = pattern.fullmatch(before)
        if found is not None:
            column = len(found["indent"]) + len(found["dash"]) + 1
            return Typing(column, found["word"], bool(found["dash"]), found["key"], flow=flow)
    found = _KEY.fullmatch(before)
    if found is not None:
        return Typing(
            len(found["indent"]) + len(found["dash"]) + 1, found["word"], bool(found["dash"])
        )
    return None


#: A key or list item written above the cursor: its line, column, path, and whether a key.
_Mark = tuple[int, int, "KeyPath", bool]


def _container(document: Document, line: int, column: int, *, new_item: bool) -> KeyPath | None:
    """The path of the mapping whose keys start at ``column`` on ``line`` (or of the new item).

    Found from the nearest key or list item above (the last written at or left of
    ``column``): one at the same column is a sibling, one further left the parent. A file
    of a megabyte has tens of thousands of marks: the keys, kept in the order written, are
    searched back from ``line``; the list items, packed a list at a time, looked through.
    """
    best = _key_above(document, line, column)
    for listed, packed in document.items.items():
        for index, value in enumerate(packed):
            item_line, item_column = value >> 32, value & 0xFFFFFFFF
            if item_line < line and item_column <= column:
                mark = (item_line, item_column, (*listed, index), False)
                if best is None or mark[:2] > best[:2] or (mark[:2] == best[:2] and mark > best):
                    best = mark
    if best is None:
        return () if column == 1 else None
    _, mark_column, path, is_key = best
    if mark_column == column:  # a sibling: a key of the same mapping, or an item
        return path[:-1] if is_key else path
    if not is_key:
        return path
    return (*path, 0) if new_item else path


def _key_above(document: Document, line: int, column: int) -> _Mark | None:
    """The last key written above ``line`` at or left of ``column``, as a mark."""
    keys = document.keys
    paths, at = first_on(keys, line)
    found: _Mark | None = None
    for path in reversed(paths[:at]):
        mark = keys[path]
        if found is not None and mark.line < found[0]:
            break  # the keys of the line found are all seen
        if mark.column <= column:
            here = (mark.line, mark.column, path, True)
            found = here if found is None or here > found else found
    return found


def complete(
    document: Document,
    index: PackIndex,
    line: int,
    before: str,
    *,
    snippets: bool = False,
) -> list[types.CompletionItem]:
    """What may be written where the line ``line`` reads ``before`` up to the cursor.

    Each item replaces the word typed so far (its text edit), so that no editor has to guess
    where a word with a hyphen starts. A duration is offered as a snippet whose numbers are
    placeholders, where the editor takes ``snippets``.
    """
    typing = typing_at(before)
    if typing is None:
        return []
    start = units(before[: len(before) - len(typing.word)])
    typed = types.Range(
        start=types.Position(line=line - 1, character=start),
        end=types.Position(line=line - 1, character=units(before)),
    )
    mapping = _container(document, line, typing.column, new_item=typing.new_item)
    if _is_duration(mapping, typing):
        offered = _durations(typing.word, snippets=snippets)
    else:
        offered = _offered(document, index, line, before, typing, mapping)
    return [_replacing(item, typed) for item in offered]


def _is_duration(mapping: KeyPath | None, typing: Typing) -> bool:
    """Whether ``typing`` is the value of a key whose value is a duration."""
    if typing.key is None or typing.flow:
        return False
    return mapping is not None and is_duration(subschema((*mapping, typing.key)))


#: The durations offered for a value being typed: as the pack writes them, and a snippet
#: of each, its numbers placeholders.
_DURATIONS = (
    ("30 minutes", "${1:30} minutes"),
    ("1 hour 30 minutes", "${1:1} hour ${2:30} minutes"),
    ("22 minutes 31 seconds", "${1:22} minutes ${2:31} seconds"),
)

#: The units a number typed may take, each with the most of it that reads naturally.
_UNITS = (("minutes", 600), ("hours", 12), ("seconds", 59))


def _durations(word: str, *, snippets: bool) -> list[types.CompletionItem]:
    """Durations to write: a number typed with each unit it may take, else the usual forms."""
    if word.isascii() and word.isdigit() and int(word) > 0:
        number = int(word)
        return [
            types.CompletionItem(
                label=f"{number} {unit[:-1] if number == 1 else unit}",
                kind=types.CompletionItemKind.Value,
                sort_text=str(order),
            )
            for order, (unit, most) in enumerate(_UNITS)
            if number <= most
        ]
    return [
        types.CompletionItem(
            label=label,
            kind=types.CompletionItemKind.Snippet if snippets else types.CompletionItemKind.Value,
            insert_text=snippet if snippets else None,
            insert_text_format=types.InsertTextFormat.Snippet if snippets else None,
            detail="a duration, as the pack writes them",
            sort_text=str(order),
        )
        for order, (label, snippet) in enumerate(_DURATIONS)
    ]


def _replacing(item: types.CompletionItem, typed: types.Range) -> types.CompletionItem:
    """``item`` as an edit of the word typed so far."""
    text = item.insert_text or item.label
    item.text_edit = types.TextEdit(range=typed, new_text=text)
    item.filter_text = item.label
    item.insert_text = None
    return item


def _offered(  # noqa: PLR0913, PLR0917 (what complete found, each needed here)
    document: Document,
    index: PackIndex,
    line: int,
    before: str,
    typing: Typing,
    mapping: KeyPath | None,
) -> list[types.CompletionItem]:
    """What may be written where ``typing`` is, in the mapping at ``mapping`` (`_container`)."""
    if mapping is None:
        return []
    if typing.key is None:
        value_here = value_at(document.data, mapping)
        if not keys_of(mapping):  # not a mapping: an item of a list of single values
            if not typing.new_item:
                return []
            listed = mapping[:-1] if mapping and isinstance(mapping[-1], int) else mapping
            return _values(index, mapping, _listed_elsewhere(document, listed, line))
        if typing.new_item or not isinstance(value_here, dict):
            written: set[str] = set()
        else:
            written = set(value_here)
        return _keys(mapping, written)
    path: KeyPath = (*mapping, typing.key)
    if typing.flow:
        return _values(index, (*path, 0), _listed_before(before, typing))
    return _values(index, path)


def _listed_elsewhere(document: Document, path: KeyPath, line: int) -> set[str]:
    """The ids the list at ``path`` gives on lines other than ``line`` (being typed)."""
    written = value_at(document.data, path)
    marks = document.items.get(path)
    if not isinstance(written, list) or marks is None:
        return set()
    return {
        each
        for each, mark in zip(written, marks, strict=False)
        if isinstance(each, str) and mark >> 32 != line
    }


def _listed_before(before: str, typing: Typing) -> set[str]:
    """The ids a flow list gives before the one being typed, as written on the line."""
    written = before[before.rindex("[") + 1 : len(before) - len(typing.word)]
    return set(_FLOW_ITEM.findall(written))


def _keys(mapping: KeyPath, written: set[str]) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=key,
            kind=types.CompletionItemKind.Property,
            detail=_first_line(description(sub)),
            insert_text=f"{key}: ",
        )
        for key, sub in keys_of(mapping).items()
        if key not in written
    ]


def _values(
    index: PackIndex, path: KeyPath, listed: AbstractSet[str] = frozenset()
) -> list[types.CompletionItem]:
    """Ids of the kind a reference at ``path`` wants (but those ``listed``), or allowed values."""
    kind = reference_kind(path)
    if kind is None and isinstance(path[-1], str):  # a list of references: its items
        kind = reference_kind((*path, 0))
    if kind is not None:
        return [
            types.CompletionItem(
                label=named.id,
                kind=types.CompletionItemKind.Reference,
                detail=item_label(named.item, kind),
            )
            for named in index.of_kind(kind)
            if named.id not in listed
        ]
    sub = resolve(subschema(path))
    if sub.get("type") == "array":
        sub = resolve(sub.get("items"))
    if sub.get("type") == "boolean":
        return [
            types.CompletionItem(label=w, kind=types.CompletionItemKind.Value)
            for w in ("true", "false")
        ]
    return [
        types.CompletionItem(label=str(value), kind=types.CompletionItemKind.EnumMember)
        for value in sub.get("enum", ())
    ]


def _first_line(text: str | None) -> str | None:
    return text.split("\n", 1)[0] if text else None

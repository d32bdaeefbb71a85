"""Reading an edited file again: only the part the edit is in, where that is sure to be the same.

An editor changes a file a few characters at a time, and reading a 1 MB file whole takes a
quarter of a second. The part read again is the item of a top-level block list the edit
falls in (a section, say), or else the top-level key's whole value; it is read alone, an
item with its key's line in front (so that it nests as deeply as in the file), and spliced
into the last reading: the marks after it move by the lines the edit added or took away.

The result is exactly what reading the whole file gives (the same data, marks, and
problems, in the same order), or None, and the whole file is read: whenever the last
reading had a problem, the text breaks lines with a lone CR, the edit is outside every part
or reaches its first line's indent, or the part read alone has a problem, is not one item
of the same list (or one key), or has a line at the left edge that is not a comment.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from attrs import evolve

from recurrent_care_pack._problems import MAX_PROBLEMS, format_path

from .events import MAX_VALUES
from .reading import Document, Mark, read_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from recurrent_care_pack._problems import Problem

    from .reading import KeyPath

__all__ = ["node_count", "reread"]

T = TypeVar("T")

#: How many characters are compared at once when looking for what an edit changed.
_BLOCK = 4096

#: A key written plainly, that a line of its own ("name:") gives back the same.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def node_count(data: Any) -> int:
    """How many values (keys, items, texts, numbers, lists, mappings) ``data`` holds.

    For a document read without problems, what reading counted against `MAX_VALUES`.
    """
    if isinstance(data, dict):
        return 1 + sum(1 + node_count(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(node_count(item) for item in data)
    return 1


def reread(
    before: Document, text_before: str, values_before: int, text: str
) -> tuple[Document, int] | None:
    """``text`` read as ``before`` (a reading of ``text_before``) was, and its value count.

    ``before`` must have been read without problems, and ``values_before`` be its
    `node_count`. None when only reading ``text`` whole can say what it holds.
    """
    if not isinstance(before.data, dict) or not _plain_breaks(text, text_before):
        return None
    start = _shared_start(text_before, text)
    most = min(len(text_before), len(text)) - start
    end = _shared_end(text_before, text, most)
    old_end, new_end = len(text_before) - end, len(text) - end
    part = _part(before, text_before, start, old_end)
    if part is None:
        return None
    prefix, first_line, begin, stop = part
    after = stop + new_end - old_end  # where the rest of the file starts now
    if after < len(text) and text[after - 1] != "\n":
        return None  # the part's last line break is gone: the rest starts mid-line
    written = text[begin:after]
    if any(line[:1] not in {"", " ", "#", "\r"} for line in written.split("\n")[1:]):
        return None  # a line at the left edge: a key, a document marker, or an error
    delta = text.count("\n", start, new_end) - text_before.count("\n", start, old_end)
    end_line = first_line + text_before.count("\n", begin, stop)  # the first line after
    if stop == len(text_before) and not text_before.endswith("\n"):
        end_line += 1
    try:
        return _spliced(
            before, values_before, written, _Place(prefix, first_line, end_line, delta)
        )
    except _Unsure:
        return None


def _plain_breaks(*texts: str) -> bool:
    """Whether every line of ``texts`` ends in LF or CRLF, as lines are counted here."""
    return all(text.count("\r") == text.count("\r\n") for text in texts)


def _shared_start(one: str, other: str) -> int:
    """How many characters ``one`` and ``other`` share at their start."""
    most, at = min(len(one), len(other)), 0
    while at < most and one[at : at + _BLOCK] == other[at : at + _BLOCK]:
        at += _BLOCK
    at = min(at, most)
    while at < most and one[at] == other[at]:
        at += 1
    return at


def _shared_end(one: str, other: str, most: int) -> int:
    """How many characters (up to ``most``) ``one`` and ``other`` share at their end."""
    size, other_size, at = len(one), len(other), 0
    while at + _BLOCK <= most and (
        one[size - at - _BLOCK : size - at] == other[other_size - at - _BLOCK : other_size - at]
    ):
        at += _BLOCK
    while at < most and one[size - at - 1] == other[other_size - at - 1]:
        at += 1
    return at


def _line_start(text: str, line: int, known: int, known_line: int) -> int:
    """Where ``line`` starts in ``text``, walking from ``known``, the start of ``known_line``."""
    at = known
    for _ in range(known_line - line):
        at = text.rfind("\n", 0, at - 1) + 1
    for _ in range(line - known_line):
        at = text.find("\n", at) + 1
        if at == 0:
            return len(text)
    return at


def _part(
    before: Document, text: str, start: int, end: int
) -> tuple[KeyPath, int, int, int] | None:
    """The part of ``text`` that holds the change ``start`` to ``end``, if one does.

    Its path (``(key,)`` or ``(key, index)``), first line, and where it starts and stops
    in ``text`` (its last line's break included).
    """
    tops = [(key, before.keys.get((key,))) for key in before.data]
    lines = [mark.line for _, mark in tops if mark is not None and mark.column == 1]
    if len(lines) != len(tops) or not tops:
        return None
    # A change from a line's start is taken as the end of the line before: text typed
    # in front of an item (or key) may belong to the one above it, never to it.
    probe = start - 1 if start > 0 and text[start - 1] == "\n" else start
    line = text.count("\n", 0, probe) + 1
    here = text.rfind("\n", 0, probe) + 1  # where that line starts
    which = bisect_right(lines, line) - 1
    if which < 0:
        return None  # before the first key: a comment, a directive
    key = str(tops[which][0])
    stop_line = lines[which + 1] if which + 1 < len(lines) else None
    marks = before.items.get((key,))
    list_mark = before.values.get((key,))
    if marks and list_mark is not None and _PLAIN_KEY.fullmatch(key):
        firsts = [packed >> 32 for packed in marks]
        index = bisect_right(firsts, line) - 1
        if index >= 0:
            first = firsts[index]
            begin = _line_start(text, first, here, line)
            dash = list_mark.column - 1  # where every item's '-' is
            if text[begin : begin + dash + 1] != " " * dash + "-" or start <= begin + dash:
                return None
            after = firsts[index + 1] if index + 1 < len(firsts) else stop_line
            stop = len(text) if after is None else _line_start(text, after, here, line)
            return ((key, index), first, begin, stop) if end <= stop else None
    first = lines[which]
    begin = _line_start(text, first, here, line)
    stop = len(text) if stop_line is None else _line_start(text, stop_line, here, line)
    if end > stop or 2 * (stop - begin) > len(text):
        return None  # past the part, or most of the file: read it whole
    return (key,), first, begin, stop


class _Place(NamedTuple):
    """Where the part read again is: its path, first line, the line after it, lines added."""

    prefix: KeyPath
    first_line: int
    end_line: int  # before the edit
    delta: int  # how many lines the edit added (fewer than none: took away)


def _read_part(before: Document, written: str, place: _Place) -> tuple[Document, Any, Any]:
    """The part ``written`` read alone (its marks its own): it, its new value and its old one.

    An item is read with its key's line in front, so that it nests as deeply as in the file.
    """
    key = str(place.prefix[0])
    item = len(place.prefix) == 2
    header = f"{key}:\n" if item else ""
    part, problems = read_text(before.file, (header + written).encode("utf-8"))
    if part is None or problems or not isinstance(part.data, dict) or list(part.data) != [key]:
        raise _Unsure
    if not item:
        if part.keys[(key,)] != Mark(1, 1):
            raise _Unsure
        return part, part.data[key], before.data[key]
    listed, mark = part.data[key], part.values.get((key,))
    if not isinstance(listed, list) or len(listed) != 1 or mark is None:
        raise _Unsure
    if (mark.line, mark.column) != (2, before.values[(key,)].column):
        raise _Unsure  # not an item of the same list
    return part, listed[0], before.data[key][place.prefix[1]]


def _spliced(
    before: Document, values_before: int, written: str, place: _Place
) -> tuple[Document, int]:
    """``before`` with the part at ``place`` read again from ``written``, and its value count."""
    part, new, old = _read_part(before, written, place)
    prefix, key, item = place.prefix, str(place.prefix[0]), len(place.prefix) == 2
    count = values_before - node_count(old) + node_count(new)
    words = [path for path in before.yes_no_words if path[: len(prefix)] != prefix]
    if count > MAX_VALUES or len(words) + len(part.yes_no_words) >= MAX_PROBLEMS:
        raise _Unsure
    moved = place.first_line - (2 if item else 1)  # the part's lines, as lines of the file
    own = (key, 0) if item else (key,)

    def ours(found: dict[KeyPath, T]) -> dict[KeyPath, T]:
        """The part's own entries, under their paths in the file."""
        return {
            (*prefix, *path[len(own) :]): value
            for path, value in found.items()
            if path[: len(own)] == own
        }

    lifted = moved << 32
    read_words = {
        path: evolve(word, line=_line(path, word) + moved, path=format_path(path))
        for path, word in ours(part.yes_no_words).items()
    }
    data = dict(before.data)
    items = _splice(
        before.items,
        {path: array("Q", [v + lifted for v in a]) for path, a in ours(part.items).items()},
        place,
        lambda path, _: before.where(path).line,
        _shift_array,
    )
    if item:
        index = int(prefix[1])
        data[key] = [*before.data[key][:index], new, *before.data[key][index + 1 :]]
        items[(key,)] = _item_marks(before.items[(key,)], index, part, moved, place.delta)
    else:
        data[key] = new
    document = Document(
        file=before.file,
        data=data,
        values=_splice(before.values, _moved(ours(part.values), moved), place, _line, _shift),
        keys=_splice(before.keys, _moved(ours(part.keys), moved), place, _line, _shift),
        items=items,
        yes_no_words=_splice(before.yes_no_words, read_words, place, _line, _shift_word),
    )
    return document, count


def _line(_: KeyPath, mark: Mark | Problem) -> int:
    """The line ``mark`` (or a problem) is on."""
    return mark.line or 1


def _moved(marks: dict[KeyPath, Mark], lines: int) -> dict[KeyPath, Mark]:
    return {path: Mark(mark.line + lines, mark.column) for path, mark in marks.items()}


def _item_marks(
    marks: array[int], index: int, part: Document, moved: int, delta: int
) -> array[int]:
    """A list's item marks with item ``index``'s read again, and those after it moved."""
    found = array("Q", marks)
    key = next(iter(part.data))
    found[index] = part.items[(key,)][0] + (moved << 32)
    for later in range(index + 1, len(found)):
        found[later] += delta << 32
    return found


def _shift(mark: Mark, delta: int) -> Mark:
    return Mark(mark.line + delta, mark.column)


def _shift_array(marks: array[int], delta: int) -> array[int]:
    return array("Q", [packed + (delta << 32) for packed in marks])


def _shift_word(word: Problem, delta: int) -> Problem:
    return evolve(word, line=(word.line or 1) + delta)


class _Unsure(Exception):  # noqa: N818 (a signal, not an error)
    """The marks are not as a reading leaves them: read the whole file."""


def _splice(
    old: dict[KeyPath, T],
    part: dict[KeyPath, T],
    place: _Place,
    line: Callable[[KeyPath, T], int],
    shift: Callable[[T, int], T],
) -> dict[KeyPath, T]:
    """``old`` with its entries under the prefix replaced by ``part``, in the same place.

    The entries from the line after the part on are moved by the lines the edit added.
    A reading adds entries in the order they are written, so their lines never go down:
    the part's are found by halving, not one by one.
    """
    prefix, first_line, end_line, delta = place
    size = len(prefix)
    paths = list(old)

    def line_of(path: KeyPath) -> int:
        return line(path, old[path])

    start = bisect_left(paths, first_line, key=line_of)
    while (
        start < len(paths) and paths[start][:size] != prefix and line_of(paths[start]) < end_line
    ):
        start += 1  # a list's own mark, on its first item's line
    stop = bisect_left(paths, end_line, lo=start, key=line_of)
    if any(path[:size] != prefix for path in paths[start:stop]):
        raise _Unsure
    # islice of items(), not a list of them: a pair is made once, not once an entry
    found = dict(islice(old.items(), start))
    found.update(part)
    if delta:
        found.update((path, shift(old[path], delta)) for path in paths[stop:])
    else:
        found.update(islice(old.items(), stop, None))
    return found

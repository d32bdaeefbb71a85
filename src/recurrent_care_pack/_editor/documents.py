r"""Text as the editor counts it: lines broken at ``\n``, ``\r\n`` and ``\r`` only.

The language server protocol breaks lines there and nowhere else, and counts a line's
characters in UTF-16 units. Python's ``splitlines()`` also breaks at ``\x0b``, ``\x0c``,
``\x1c``-``\x1e``, ``\x85``, U+2028 and U+2029 (text pasted from a word processor or the
web holds them), so every line count and position here goes through these functions.
"""

from __future__ import annotations

from lsprotocol import types

from recurrent_care_pack._text import LINE_BREAK

__all__ = ["apply_change", "char_column", "end_of", "lines_of", "offset_at", "units"]


def lines_of(text: str) -> list[str]:
    """The lines of ``text``, their breaks left out; a final break ends an empty last line."""
    return LINE_BREAK.split(text)


def units(text: str) -> int:
    """The length of ``text`` in UTF-16 units (fast for ASCII, on a line of a megabyte)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def char_column(line: str, units: int) -> int:
    """The column (characters from 1) of the editor's ``units`` (UTF-16 from 0) in ``line``.

    Past the line's end, the column just after it.
    """
    seen = 0
    for index, character in enumerate(line):
        if seen >= units:
            return index + 1
        seen += 2 if ord(character) > 0xFFFF else 1
    return len(line) + 1


def offset_at(text: str, where: types.Position) -> int:
    """The index in ``text`` of the editor's position ``where``.

    As the protocol says: a character past its line's end means the line's end (never
    inside its break), and a line past the last the end of the text.
    """
    # What follows the line's break, split fast where every line ends in \n or \r\n.
    if where.line == 0:  # (a maxsplit of 0 would split at every break)
        parts = [text]
    elif text.count("\r") == text.count("\r\n"):
        parts = text.split("\n", where.line)
    else:
        parts = LINE_BREAK.split(text, maxsplit=where.line)
    if len(parts) <= where.line:
        return len(text)
    start = len(text) - len(parts[-1])
    found = LINE_BREAK.search(text, start)
    end = found.start() if found is not None else len(text)
    return start + char_column(text[start:end], where.character) - 1


def apply_change(text: str, change: types.TextDocumentContentChangeEvent) -> str:
    """``text`` with one of the editor's changes made: a range replaced, or the whole text."""
    if not isinstance(change, types.TextDocumentContentChangePartial):
        return change.text
    start = offset_at(text, change.range.start)
    end = max(start, offset_at(text, change.range.end))
    return text[:start] + change.text + text[end:]


def end_of(text: str) -> types.Position:
    """The editor's position of the end of ``text``."""
    lines = lines_of(text)
    return types.Position(line=len(lines) - 1, character=units(lines[-1]))

"""Formatting a buffer as ``rcpack fmt`` would the saved file, comments kept."""

from __future__ import annotations

from lsprotocol import types

from recurrent_care_pack._content.diffing import opcodes
from recurrent_care_pack._content.formatting import _REFUSED, LayoutError, format_text
from recurrent_care_pack._content.reading import read_bytes
from recurrent_care_pack._text import LINE_BREAK

from .documents import end_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["format_edits", "line_edits"]


def format_edits(file: Path, text: str) -> tuple[list[types.TextEdit] | None, str | None]:
    """The edits that lay out ``text`` as fmt does (`line_edits`), or why fmt refuses."""
    document, problems = read_bytes(file, text.encode("utf-8", "surrogatepass"))
    refused = [p for p in problems if p.code in _REFUSED]  # fmt's own rule
    if document is None or refused:
        first = (refused or problems)[0]
        where = f"{first.line}:{first.column}: " if first.line is not None else ""
        return None, f"rcpack fmt left {file.name} as it is: {where}{first.code} {first.message}"
    try:
        after = format_text(text)
    except LayoutError as error:
        where = f"{error.line}:{error.column}"
        return None, f"rcpack fmt left {file.name} as it is: {where}: RC120 {error.message}"
    except ValueError as error:
        return None, f"rcpack fmt left {file.name} as it is: {error}"
    return line_edits(text, after), None


def line_edits(before: str, after: str) -> list[types.TextEdit]:
    """The edits that make ``before`` into ``after``, each of whole lines that change.

    Lines are matched as ``rcpack fmt --check``'s diff matches them (`opcodes`, in
    near-linear time: difflib took 43 s over 1,000 modules).

    A line left as it was is not in any edit, so what the editor keeps on it (a mark, a
    breakpoint, the cursor) stays where it was.
    """
    old, new = _lines_kept(before), _lines_kept(after)
    edits = []
    for tag, first, last, start, end in opcodes(old, new):  # as fmt --check's diff matches
        if tag == "equal":
            continue
        edits.append(
            types.TextEdit(
                range=types.Range(
                    start=_start_of(before, old, first), end=_start_of(before, old, last)
                ),
                new_text="".join(new[start:end]),
            )
        )
    return edits


def _lines_kept(text: str) -> list[str]:
    """The lines of ``text``, each with its break (as the editor breaks lines)."""
    found, start = [], 0
    for match in LINE_BREAK.finditer(text):
        found.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        found.append(text[start:])
    return found


def _start_of(text: str, lines: list[str], number: int) -> types.Position:
    """Where line ``number`` (from 0) of ``lines`` starts; past the last, the end of ``text``."""
    if number < len(lines):
        return types.Position(line=number, character=0)
    return end_of(text)

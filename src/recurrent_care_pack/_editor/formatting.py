"""Formatting a buffer as ``rcpack fmt`` would the saved file, comments kept."""

from __future__ import annotations

from lsprotocol import types

from recurrent_care_pack._content.formatting import _REFUSED, LayoutError, format_text
from recurrent_care_pack._content.reading import read_bytes

from .documents import end_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["format_edits"]


def format_edits(file: Path, text: str) -> tuple[list[types.TextEdit] | None, str | None]:
    """The edit that lays out ``text`` as fmt does, or why fmt refuses (a problem line)."""
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
    if after == text:
        return [], None
    whole = types.Range(start=types.Position(line=0, character=0), end=end_of(text))
    return [types.TextEdit(range=whole, new_text=after)], None

"""Formatting: content files in one canonical layout, every comment and value kept.

Four steps, a module each: `tree` reads a file into a tree that keeps its comments and
blank lines where they belong; `layout` puts the tree in canonical order and spelling and
writes it out; `safety` reads the result back and refuses it unless it holds the same
values and each comment in its place; `files` reads and writes the files and says what
``rcpack fmt`` did with each.
"""

from .files import _REFUSED as _REFUSED  # the editor refuses what fmt refuses
from .files import (
    FormatResult,
    Formatted,
    Outcome,
    format_file,
    format_path,
    format_text,
    write_formatted,
)
from .layout import written_text
from .tree import LayoutError

__all__ = [
    "FormatResult",
    "Formatted",
    "LayoutError",
    "Outcome",
    "format_file",
    "format_path",
    "format_text",
    "write_formatted",
    "written_text",
]

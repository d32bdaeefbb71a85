"""Folding and selection ranges: the blocks of a file, read from its indentation.

Read from the lines, not the parsed document, so that both work while the file does not
read (it is broken most of the time while someone types). A block is a line and the
deeper lines under it: a module and its keys, a key and its list or its block of text. A
list written at its key's own indentation (``media:`` then ``- id: ...`` under the ``m``)
is that key's block too. Comment lines and blank lines neither start nor end a block.
"""

from __future__ import annotations

import re

from lsprotocol import types

from .documents import units

__all__ = ["blocks", "folding_ranges", "selection_ranges"]

#: A list item's dash, with what follows it on its line.
_ITEM = re.compile(r"-(?:\s|$)")
#: A key with nothing after it on its line (but a comment): what it holds is below.
_BARE_KEY = re.compile(r"""[^\s#'"\[{-][^#]*:\s*(?:#.*)?$|['"][^#]*['"]:\s*(?:#.*)?$""")
#: A word the cursor may be on: text between YAML's punctuation and spaces.
_WORD = re.compile(r"[^\s:,\[\]{}#\"']+")


def blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Each block as its first and last line (from 0), outermost first where two start together.

    Its last line is its last content line: blank and comment lines after it are left out.
    """
    found: list[tuple[int, int]] = []
    open_: list[
        tuple[float, int, bool]
    ] = []  # (depth, first line, a bare key?) of each still open
    last = -1  # the last content line so far

    def close(deeper_than: float) -> None:
        while open_ and open_[-1][0] > deeper_than:
            _, first, _ = open_.pop()
            if last > first:
                found.append((first, last))

    for number, line in enumerate(lines):
        text = line.lstrip(" ")
        if not text.strip() or text.startswith("#"):
            continue
        indent = len(line) - len(text)
        depth: float = indent
        if _ITEM.match(text):
            close(indent)  # what is deeper, and an item before it at its key's indentation
            if open_ and open_[-1][0] == indent and open_[-1][2]:
                depth = indent + 0.5  # an item under its key, written at the key's indentation
        close(depth - 0.5)
        open_.append((depth, number, _BARE_KEY.match(text) is not None))
        last = number
    close(-1)
    return sorted(found, key=lambda block: (block[0], -block[1]))


def folding_ranges(lines: list[str]) -> list[types.FoldingRange]:
    """Every block, and every run of two or more comment lines, as a range the editor folds."""
    ranges = [types.FoldingRange(start_line=first, end_line=end) for first, end in blocks(lines)]
    run: list[int] = []
    for number, line in enumerate([*lines, ""]):
        if line.strip().startswith("#"):
            run.append(number)
            continue
        if len(run) >= 2:
            ranges.append(
                types.FoldingRange(
                    start_line=run[0], end_line=run[-1], kind=types.FoldingRangeKind.Comment
                )
            )
        run = []
    return sorted(ranges, key=lambda found: (found.start_line, -found.end_line))


def selection_ranges(
    lines: list[str], positions: list[types.Position]
) -> list[types.SelectionRange]:
    """For each position, the word under it, its line, each block around it, the file."""
    spans = blocks(lines)
    whole = types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(
            line=max(len(lines) - 1, 0), character=units(lines[-1] if lines else "")
        ),
    )
    found = []
    for where in positions:
        chain = [whole]
        for first, end in spans:  # outermost first: each range inside the one before
            if first <= where.line <= end:
                chain.append(_lines_range(lines, first, end))
        text = lines[where.line] if where.line < len(lines) else ""
        if text.strip():
            chain.append(_lines_range(lines, where.line, where.line))
            word = _word(text, where.character)
            if word is not None:
                chain.append(
                    types.Range(
                        start=types.Position(line=where.line, character=word[0]),
                        end=types.Position(line=where.line, character=word[1]),
                    )
                )
        outermost, *inner = _distinct(chain)
        selection = types.SelectionRange(range=outermost)
        for each in inner:
            selection = types.SelectionRange(range=each, parent=selection)
        found.append(selection)
    return found


def _lines_range(lines: list[str], first: int, end: int) -> types.Range:
    """From the first non-blank of line ``first`` to the end of line ``end``."""
    start = len(lines[first]) - len(lines[first].lstrip())
    return types.Range(
        start=types.Position(line=first, character=units(lines[first][:start])),
        end=types.Position(line=end, character=units(lines[end].rstrip())),
    )


def _word(text: str, character: int) -> tuple[int, int] | None:
    """The word at or just before ``character`` (UTF-16 units) in ``text``, in UTF-16 units."""
    for match in _WORD.finditer(text):
        start, end = units(text[: match.start()]), units(text[: match.end()])
        if start <= character <= end:
            return start, end
    return None


def _distinct(chain: list[types.Range]) -> list[types.Range]:
    """``chain`` (outermost first) with each range that equals the one before it left out."""
    found: list[types.Range] = []
    for each in chain:
        if not found or found[-1] != each:
            found.append(each)
    return found

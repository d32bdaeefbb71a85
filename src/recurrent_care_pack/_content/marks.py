"""Where things are in a file: marks (line and column), paths of keys, problems placed there."""

from pathlib import Path
from typing import NamedTuple

from attrs import evolve

from recurrent_care_pack._problems import Fix, Problem, format_path
from recurrent_care_pack._text import LINE_BREAK

__all__ = ["KeyPath", "Mark", "located", "mark_after", "mended"]

#: The keys and list indexes down to a value in a document: ``("sections", 0, "title")``.
KeyPath = tuple[str | int, ...]


class Mark(NamedTuple):
    """A place in a file; line and column count from 1 (a tuple: there are very many)."""

    line: int
    column: int


def mark_after(before: str) -> Mark:
    """Where the text after ``before`` starts: its lines broken as YAML breaks them."""
    breaks = list(LINE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return Mark(len(breaks) + 1, len(before) - start + 1)


def located(file: Path, mark: Mark, code: str, message: str, path: KeyPath = ()) -> Problem:
    """The problem at ``mark`` in ``file``, its path inside the file as a JSON path."""
    return Problem(
        file=file,
        line=mark.line,
        column=mark.column,
        code=code,
        message=message,
        path=format_path(path),
    )


def mended(problem: Problem, fix: Fix | None) -> Problem:
    """``problem`` with the fix its message names, if any."""
    return problem if fix is None else evolve(problem, fix=fix)

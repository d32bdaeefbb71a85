"""Problems as the editor's diagnostics: the range of what is wrong, the code, its help."""

from __future__ import annotations

import functools
import re

from lsprotocol import types

from recurrent_care_pack._content.resources import bundled
from recurrent_care_pack._installed import web_file
from recurrent_care_pack._output.reports import shown
from recurrent_care_pack._output.starter import hooks_source
from recurrent_care_pack._problems import CODES, Problem, marked_length

from .actions import fix_data
from .documents import units
from .workspace import uri_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = [
    "cannot_check",
    "diagnostic",
    "help_link",
    "position",
    "problem_page",
    "range_at",
    "utf16_column",
]


@functools.cache
def problem_page() -> str:
    """The page problem codes link to: docs/problem-codes.md on the web, or as installed.

    On the web where rcpack's repository is known from how it was installed (a git address,
    or a clone whose remote has its commit: `hooks_source`) and its forge is one whose pages
    are known (`web_file`); else the file installed with the package.
    """
    source = hooks_source()
    if source is not None and source.requirement is not None:
        page = web_file(source.repo, source.rev, "docs/problem-codes.md")
        if page is not None:
            return page
    try:
        return bundled("docs/problem-codes.md").as_uri()
    except FileNotFoundError:  # a copy without its docs: the link names the file all the same
        return "docs/problem-codes.md"


@functools.cache
def help_link(code: str, page: str | None = None) -> str:
    """The link to ``code``'s section of the problem codes' ``page`` (`problem_page`)."""
    page = page or problem_page()
    heading = f"{code}: {CODES.get(code, '')}".lower()
    anchor = re.sub(r"[^a-z0-9 _-]", "", heading).replace(" ", "-")
    return f"{page.split('#', 1)[0]}#{anchor}"


def utf16_column(line: str, column: int) -> int:
    """The editor's column (UTF-16 units from 0) of ``column`` (characters from 1)."""
    return units(line[: max(column - 1, 0)])


def position(lines: list[str], line: int, column: int) -> types.Position:
    """The editor's position of a line and column counted from 1 in characters."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return types.Position(line=max(line - 1, 0), character=utf16_column(text, column))


def range_at(lines: list[str], line: int | None, column: int | None) -> types.Range:
    """What is marked for a problem at ``line``:``column``: the key, the value, or one character.

    A key is marked up to its colon; a value to the end of the line (a comment left out),
    or in a flow list to the next comma; a quoted value to its closing quote.
    """
    line = line or 1
    column = column or 1
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    end = column + marked_length(text, column)
    return types.Range(
        start=position(lines, line, column),
        end=types.Position(line=max(line - 1, 0), character=utf16_column(text, end)),
    )


def diagnostic(
    problem: Problem,
    lines: list[str],
    lines_of: Callable[[Path], list[str]] | None = None,
    help_page: str | None = None,
) -> types.Diagnostic:
    """The diagnostic for ``problem`` in a file of ``lines``, its code linked to ``help_page``.

    The other places it concerns are its related information, each marked as its own
    problem would be in the lines ``lines_of`` gives for that file (none: no lines known).
    """
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=uri_of(place.file),
                range=range_at(lines_of(place.file) if lines_of else [], place.line, place.column),
            ),
            message=place.message,
        )
        for place in problem.related
    ]
    return types.Diagnostic(
        range=range_at(lines, problem.line, problem.column),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        code=problem.code,
        code_description=types.CodeDescription(href=help_link(problem.code, help_page)),
        source="rcpack",
        related_information=related or None,
        data={
            "path": problem.path,
            "title": CODES.get(problem.code, ""),
            "fix": fix_data(problem.fix),
        },
    )


def cannot_check(error: OSError) -> str:
    """Why a pack cannot be checked: the file that cannot be read, why, and what to do."""
    where = f" '{shown(str(error.filename))}'" if error.filename else ""
    reason = str(error.strerror or error)
    reason = reason[:1].lower() + reason[1:]
    return (
        f"rcpack cannot check this pack: cannot read{where}: {reason}; make it a readable "
        "file, or move it out of the pack's folder"
    )

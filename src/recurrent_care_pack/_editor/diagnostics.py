"""Problems as the editor's diagnostics: the range of what is wrong, the code, its help."""

from __future__ import annotations

import functools
import re

from lsprotocol import types

from recurrent_care_pack._content.resources import bundled
from recurrent_care_pack._output.reports import shown
from recurrent_care_pack._problems import CODES, Problem

from .documents import units

__all__ = ["cannot_check", "diagnostic", "help_link", "position", "range_at", "utf16_column"]


#: A key at the start of what is marked: ``title:`` (not a time such as ``22:31``).
_KEY = re.compile(r"""[^\s#'"\-?:,\[\]{}][^#:]*?(?=:(?:\s|$))""")
#: A value in a flow list or mapping: up to the next ',', ']' or '}'.
_IN_FLOW = re.compile(r"[^,\]}]*?(?=\s*(?:[,\]}]|$))")
#: A comment after a value.
_COMMENT = re.compile(r"\s+#.*$")


@functools.cache
def help_link(code: str) -> str:
    """The link to ``code``'s section of docs/problem-codes.md, as installed with the package."""
    try:
        docs = bundled("docs/problem-codes.md").as_uri()
    except FileNotFoundError:  # a copy without its docs: the link names the file all the same
        docs = "docs/problem-codes.md"
    heading = f"{code}: {CODES.get(code, '')}".lower()
    anchor = re.sub(r"[^a-z0-9 _-]", "", heading).replace(" ", "-")
    return f"{docs}#{anchor}"


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
    rest = text[column - 1 :]
    length = 0
    # Each pattern is tried only where it can match: a problem's range must not cost a pass
    # over its whole line (a flow list of a megabyte has a thousand problems on one line).
    key = _KEY.match(rest) if ":" in rest else None
    if key is not None:
        length = len(key.group().rstrip())
    elif rest[:1] in {"'", '"'}:
        close = rest.find(rest[0], 1)
        length = close + 1 if close > 0 else len(rest.rstrip())
    else:
        length = len((_COMMENT.sub("", rest) if "#" in rest else rest).rstrip())
        before = text[: column - 1]
        in_flow = _IN_FLOW.match(rest)
        opened = before.count("[") > before.count("]") or before.count("{") > before.count("}")
        if opened and in_flow is not None:
            length = len(in_flow.group())
    end = column + max(length, 1)
    return types.Range(
        start=position(lines, line, column),
        end=types.Position(line=max(line - 1, 0), character=utf16_column(text, end)),
    )


def diagnostic(problem: Problem, lines: list[str]) -> types.Diagnostic:
    """The diagnostic for ``problem`` in a file of ``lines``."""
    return types.Diagnostic(
        range=range_at(lines, problem.line, problem.column),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        code=problem.code,
        code_description=types.CodeDescription(href=help_link(problem.code)),
        source="rcpack",
        data={"path": problem.path, "title": CODES.get(problem.code, "")},
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

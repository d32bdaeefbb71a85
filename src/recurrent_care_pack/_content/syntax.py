"""YAML syntax errors explained: where the mistake is, and what to write (a glued key)."""

import re
from pathlib import Path

from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from recurrent_care_pack._problems import Fix, Problem, quoted, write_as
from recurrent_care_pack._text import LINE_BREAK

from .marks import Mark, located, mark_after, mended

__all__ = ["reader_problem", "spaced", "syntax_problem"]


def reader_problem(file: Path, text: str, error: ReaderError) -> Problem:
    """The RC101 problem for a character YAML does not allow."""
    before = text[: error.position]
    mark = mark_after(before)
    code_point = error.character if isinstance(error.character, int) else ord(error.character)
    message = f"character U+{code_point:04X} is not allowed in YAML; delete or replace it"
    return located(file, mark, "RC101", message)


def syntax_problem(file: Path, error: MarkedYAMLError, text: str) -> Problem:
    """The RC101 problem for a YAML syntax error, located, with a hint where one helps."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = " ".join(str(error.problem or error.context or "").split())
    lines = LINE_BREAK.split(text)
    here = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    glued = _glued_key(lines, error, line)
    fix = None
    if here == "\t" or "\\t" in problem:
        message = "a tab is used for indenting; indent with spaces, not tabs"
    elif glued is not None:
        line, column, message, fix = glued
    elif (unclosed := _unclosed(error)) is not None:
        line, column, message = unclosed
    elif "mapping values are not allowed" in problem:
        message = (
            "this is not valid YAML (a ': ' inside a value starts a new mapping); "
            "put the value in quotes, or check the indentation"
        )
    else:
        message = f"this is not valid YAML ({problem}); check the indentation and quoting here"
    return mended(located(file, Mark(line, column), "RC101", message), fix)


def _unclosed(error: MarkedYAMLError) -> tuple[int, int, str] | None:
    """Where a '[' or '{' is that nothing closes, and what to do: at the bracket itself.

    The parser stops where it gave up looking, often on a later line.
    """
    problem, context, mark = str(error.problem or ""), str(error.context or ""), error.context_mark
    for opening, closing, kind in (("[", "]", "sequence"), ("{", "}", "mapping")):
        if f"',' or '{closing}'" in problem and f"flow {kind}" in context and mark is not None:
            what = "list" if opening == "[" else "mapping"
            message = (
                f"this '{opening}' starts a {what} that is not closed: end it with "
                f"'{closing}', or put the value in quotes if it is text"
            )
            return mark.line + 1, mark.column + 1, message
    return None


#: A key with its value glued to its colon, as a line holds it: ``kind:film``, ``id:film-6``
#: (not ``https://...``: a web address is no key).
_GLUED = re.compile(r"(?P<key>[^\W\d][\w-]*):(?P<value>[^\s:/#].*)")
_COMMENT = re.compile(r"\s#")
#: What may come before the place a parser stops at, on a line after a glued one.
_KEY_START = re.compile(r"\s*(?:[^\W\d][\w-]*\s*)?")
_NO_COLON = (
    "this line has no ': ' after its key; write 'key: value', or indent the line more "
    "if it goes on from the line above"
)
#: Parser problems found on the line after a glued key, which the glued line explains.
_AFTER_GLUED = (
    "mapping values are not allowed",  # the next line's key continued it: 'id:film-6 kind'
    "did not find expected key",  # a comment ended it, and the mapping goes on
    "did not find expected '-' indicator",  # so in a list
    "expected <block end>",  # both, as the pure-Python parser says them
)


#: Where a glued key is, what the message says, and the fix it names (none for no colon).
_Glued = tuple[int, int, str, Fix | None]


def _glued_key(lines: list[str], error: MarkedYAMLError, line: int) -> _Glued | None:
    """Where a key is glued to its value (``kind:film``), and what to write instead.

    The parser finds no ':' after it and says so on the next line, or reads it as text
    that the next line's key continues: either way, the mistake is on the glued line.
    """
    problem = str(error.problem or "")
    if "could not find expected ':'" in problem and error.context_mark is not None:
        mark = error.context_mark  # where the key starts; the parser stops on the next line
        where = (mark.line + 1, mark.column + 1)
        return _glued_at(lines, *where) or (*where, _NO_COLON, None)
    if not any(text in problem for text in _AFTER_GLUED) or error.problem_mark is None:
        return None
    mark = error.problem_mark
    if line > len(lines):
        return None
    glued = _glued_at(lines, mark.line + 1, mark.column + 1)
    if glued is not None or not _KEY_START.fullmatch(lines[line - 1][: mark.column]):
        return glued  # else a ': ' inside a value on its own line
    before = next(
        (n for n in range(line - 1, 0, -1) if lines[n - 1].strip()[:1] not in {"", "#"}), 0
    )
    text = lines[before - 1] if before else ""
    return _glued_at(lines, before, len(text) - len(text.lstrip(" -")) + 1) if before else None


def _glued_at(lines: list[str], line: int, column: int) -> _Glued | None:
    text = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    shown, mended = spaced(text), _unglued(text)
    if shown is None or mended is None:
        return None
    message = f"a colon needs a space after it: write {shown}"
    return line, column, message, write_as([mended])


def _unglued(text: str) -> str | None:
    """``kind: film`` for ``kind:film``: the key and its whole value (no comment), spaced."""
    found = _GLUED.fullmatch(text)
    if found is None:
        return None
    return f"{found['key']}: {_COMMENT.split(found['value'], maxsplit=1)[0].strip()}"


def spaced(text: str) -> str | None:
    """``'kind: film'`` for a key glued to its value such as ``kind:film``, else ``None``.

    ``text`` is a line from the key on, or a value read: a comment after it is left out.
    """
    found = _GLUED.fullmatch(text)
    if found is None:
        return None
    value = " ".join(_COMMENT.split(found["value"], maxsplit=1)[0].split())
    value = value if len(value) <= _LONGEST_SHOWN else value[: _LONGEST_SHOWN - 3] + "..."
    return quoted(f"{found['key']}: {value}")


#: The most characters of a value a message shows.
_LONGEST_SHOWN = 40

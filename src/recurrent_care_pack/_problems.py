"""Problems: what is wrong with some content, where, and how to put it right."""

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from attrs import field, frozen

__all__ = [
    "CODES",
    "MAX_PROBLEMS",
    "Fix",
    "Place",
    "Problem",
    "change_to",
    "format_path",
    "marked_length",
    "mendable",
    "quoted",
    "too_many",
    "write_as",
]

#: Checking a file stops after this many problems: the first thousand say enough.
MAX_PROBLEMS = 1000

#: Every problem code, with a short title. The codes are stable: tools may match on them.
CODES: Mapping[str, str] = MappingProxyType(
    {
        "RC101": "the file is not valid YAML",
        "RC102": "the file is empty",
        "RC103": "a key appears twice in one mapping",
        "RC104": "a YAML tag is used",
        "RC105": "a YAML anchor, alias or merge key is used",
        "RC106": "the file holds more than one YAML document",
        "RC107": "the file is not UTF-8 text",
        "RC108": "the file starts with a byte-order mark",
        "RC109": "the file asks for an old YAML version",
        "RC110": "the content is nested too deeply",
        "RC111": "a plain value that YAML 1.1 tools read differently ('no', '010')",
        "RC112": "the file is larger than the size limit",
        "RC113": "so many problems in one file that checking it stopped",
        "RC114": "so many values in one file that checking it stopped",
        "RC115": "a control character in text",
        "RC116": "a number too long to be one",
        "RC120": "a layout rcpack fmt cannot rewrite without changing it",
        "RC201": "an unknown key",
        "RC202": "a required key is missing",
        "RC203": "a value of the wrong kind",
        "RC204": "a value that is not one of those allowed",
        "RC205": "an id that is not written the way ids are",
        "RC206": "a date that is not written YYYY-MM-DD",
        "RC207": "a number out of range",
        "RC208": "an empty text or list where something is needed",
        "RC209": "a value not written the way the schema asks",
        "RC301": "a duration that could mean two things (22:31)",
        "RC302": "a duration with no unit",
        "RC303": "a duration that is zero or negative",
        "RC304": "a duration written in a way rcpack cannot read",
        "RC401": "an id used twice",
        "RC402": "a reference to an id that does not exist",
        "RC403": "a number used twice",
        "RC404": "an exercise whose phases do not add up to its time",
        "RC405": "an allowance shorter than the running time of the films",
        "RC406": "a different-day allowance that does not add up",
        "RC407": "no pack details (the 'pack' key) in the pack",
        "RC408": "pack details given more than once",
        "RC409": "a re-watched film with no allowance",
        "RC410": "an exercise that follows two modules",
        "RC411": "a film listed twice in one module",
        "RC412": "a module that re-watches one of its own films",
        "RC413": "an exercise that discusses a film not shown before it",
        "RC414": "an exercise that draws on a film of its own module",
        "RC501": "a session slot that ends before it starts",
        "RC502": "session slots that overlap, are listed out of order, or are dated only some",
        "RC503": (
            "a session break in no slot, past its slot's end, overlapping another, or never placed"
        ),
        "RC504": "a session item that the pack does not hold, or cannot be run",
        "RC505": "a session location for a film or case study the pack does not hold",
        "RC506": "a session whose pack cannot be found or has problems",
        "RC507": "a session that cannot be planned as it is written",
    }
)


def _texts(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(texts)


def _place(at: tuple[int, int] | None) -> tuple[int, int] | None:
    return None if at is None else (int(at[0]), int(at[1]))  # a Mark, kept as a plain pair


def _one_way(fix: "Fix", _: object, key: str | None) -> None:
    if (key is None) == (not fix.replacements):
        raise ValueError("a fix gives its replacements or a key to add, one of the two")


@frozen(kw_only=True)
class Fix:
    """How to put a problem right, as an editor can: its marked span replaced, or a key added.

    The marked span is the key or value that starts at the problem's line and column.
    ``replacements`` are the texts that may take its place, most likely first: one, or the
    candidates "did you mean" gives. ``key`` is instead a key to add before the span (the
    mapping's missing key, as its first), or before ``at`` (line and column from 1) if
    given: a mapping under a key is told at that key, and its own first key is below it.
    ``action`` says what the fix does, ``{}`` standing for the text: ``"Change to '{}'"``,
    ``"Add '{}'"``.
    """

    action: str
    replacements: tuple[str, ...] = field(default=(), converter=_texts)
    key: str | None = field(default=None, validator=_one_way)
    at: tuple[int, int] | None = field(default=None, converter=_place)

    @property
    def offers(self) -> tuple[tuple[str, str], ...]:
        """Each edit with its title, in order: ``("Change to 'title'", "title")``."""
        texts = (self.key,) if self.key is not None else self.replacements
        return tuple((self.action.format(text), text) for text in texts)


def change_to(candidates: Iterable[str]) -> Fix | None:
    """The fix "did you mean" names: the marked text changed to a candidate (none if none)."""
    found = tuple(candidates)
    return Fix(action="Change to '{}'", replacements=found) if found else None


def write_as(candidates: Iterable[str]) -> Fix | None:
    """The fix "write ..." names: the value written as a candidate ('30 minutes'; none if none)."""
    found = tuple(candidates)
    return Fix(action="Write '{}'", replacements=found) if found else None


@frozen(kw_only=True)
class Place:
    """Another place a problem concerns (the first use of an id used twice), and why.

    ``line`` and ``column`` count from 1, as a problem's do.
    """

    file: Path
    line: int
    column: int
    message: str


def _places(places: Iterable[Place]) -> tuple[Place, ...]:
    return tuple(places)


@frozen(kw_only=True, order=True)
class Problem:
    """One problem with some content: a stable code, a message, and where it is.

    ``line`` and ``column`` count from 1; ``path`` is the JSON path inside the file,
    such as ``$.sections[0].exercises[1].time``. ``fix`` is the fix the message names, if
    it names one, as edits (`Fix`); ``related`` the other places it concerns (`Place`).
    """

    file: Path
    line: int | None = field(order=lambda line: line or 0)  # no line sorts first
    column: int | None = field(order=lambda column: column or 0)
    code: str
    message: str
    path: str = "$"
    fix: Fix | None = field(default=None, order=False)
    related: tuple[Place, ...] = field(default=(), order=False, converter=_places)

    def __str__(self) -> str:
        """Format as ``PATH:LINE:COL: CODE message``."""
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.code} {self.message}"


#: A key at the start of what is marked: ``title:`` (not a time such as ``22:31``).
_KEY = re.compile(r"""[^\s#'"\-?:,\[\]{}][^#:]*?(?=:(?:\s|$))""")
#: A value in a flow list or mapping: up to the next ',', ']' or '}'.
_IN_FLOW = re.compile(r"[^,\]}]*?(?=\s*(?:[,\]}]|$))")
#: A comment after a value.
_COMMENT = re.compile(r"\s+#.*$")


def marked_length(line: str, column: int) -> int:
    """How many characters a problem at ``column`` (from 1) of ``line`` marks: one at least.

    The key there up to its colon; else a quoted value to its closing quote; else a value
    to the end of the line (a comment left out), or in a flow list to the next comma. A
    fix's replacement takes the place of these characters (`Fix`).
    """
    rest = line[column - 1 :]
    # Each pattern is tried only where it can match: a problem's span must not cost a pass
    # over its whole line (a flow list of a megabyte has a thousand problems on one line).
    key = _KEY.match(rest) if ":" in rest else None
    opened = None  # whether a flow list or mapping is open at the column, once asked
    if key is not None and "," in key.group():
        opened = _opened(line[: column - 1])
        if opened:
            key = None  # in a flow mapping, 'X, title' is a value, then the next key
    if key is not None:
        length = len(key.group().rstrip())
    elif rest[:1] in {"'", '"'}:
        close = _closing_quote(rest)
        length = close + 1 if close > 0 else len(rest.rstrip())
    else:
        length = len((_COMMENT.sub("", rest) if "#" in rest else rest).rstrip())
        in_flow = _IN_FLOW.match(rest)
        if opened is None:
            opened = _opened(line[: column - 1])
        if opened and in_flow is not None:
            length = len(in_flow.group())
    return max(length, 1)


def _closing_quote(text: str) -> int:
    r"""Where the quoted scalar ``text`` starts with closes: -1 if not on this line.

    In single quotes ``''`` is a quote inside; in double quotes ``\"`` is.
    """
    quote, at = text[0], 1
    while (at := text.find(quote, at)) > 0:
        if quote == "'" and text.startswith("'", at + 1):
            at += 2
            continue
        slashes = 0  # backslashes just before it: an odd number escapes it
        while quote == '"' and text[at - 1 - slashes] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            return at
        at += 1
    return -1


def _opened(before: str) -> bool:
    """Whether a flow list or mapping is open at the end of ``before``."""
    return before.count("[") > before.count("]") or before.count("{") > before.count("}")


def mendable(line: str, column: int) -> bool:
    """Whether a fix may edit what starts at ``column`` (from 1) of ``line``.

    Not a flow mapping or list (no edit there is safe), nor a place past the line's end.
    """
    return line[column - 1 : column] not in {"{", "[", ""}


def sort_key(problem: Problem) -> tuple[str, int, int, str, str]:
    """Order problems by file, line and column."""
    return (
        str(problem.file),
        problem.line or 0,
        problem.column or 0,
        problem.code,
        problem.message,
    )


def format_path(path: Iterable[str | int]) -> str:
    """Write a path inside a document as a JSON path: ``$.sections[0].title``."""
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


#: How much of a value a message echoes: past this, its start and how long it is.
QUOTED_AT_MOST = 200


def quoted(text: str) -> str:
    """``text`` in quotes, one line: a line break or other unseen character as its escape.

    A text longer than `QUOTED_AT_MOST` characters is shown by its start and its length,
    so that a message stays a line, however long the value.
    """
    more = ""
    if len(text) > QUOTED_AT_MOST:
        more = f"\u2026 ({len(text):,} characters)"
        text = text[: QUOTED_AT_MOST // 2]
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return f"'{shown}'{more}"


def too_many(file: Path) -> Problem:
    """The problem that ends a file's check once it has `MAX_PROBLEMS` problems."""
    return Problem(
        file=file,
        line=1,
        column=1,
        code="RC113",
        message=f"checking stopped after {MAX_PROBLEMS} problems in this file; fix those "
        "first (is it a content file at all?)",
    )

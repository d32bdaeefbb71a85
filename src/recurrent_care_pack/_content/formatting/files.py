"""Formatting a file: read it, lay it out, check the layout, write it; what fmt did.

The layout is written by this package, not by a YAML emitter, and is then read back and
compared: the same values, the same comments in the same places, and formatting again
changes nothing. A file that fails any of these is refused with the place, never written.
"""

import enum
import errno
from pathlib import Path

from attrs import frozen

from recurrent_care_pack._content.diffing import unified_diff
from recurrent_care_pack._content.reading import MAX_FILE_SIZE, read_file, read_text
from recurrent_care_pack._files import FileChangedError, WriteError, replace_file
from recurrent_care_pack._problems import Problem
from recurrent_care_pack._text import line_break, shown

from .layout import arrange, emit
from .safety import compare, cross_check
from .tree import LayoutError, parse, refusal

__all__ = [
    "FormatResult",
    "Formatted",
    "Outcome",
    "format_file",
    "format_path",
    "format_text",
    "write_formatted",
]

#: Reading problems that leave a file unfit to be rewritten (RC108, a BOM, is dropped, and
#: RC111, a word YAML 1.1 misreads, is put in quotes: formatting mends both).
_REFUSED = frozenset(
    {"RC101", "RC102", "RC103", "RC104", "RC105", "RC106", "RC107", "RC109", "RC110"}
    | {"RC112", "RC113"}
)


@frozen(kw_only=True)
class Formatted:
    """One file's formatting: its text before and after, or why it was not formatted.

    ``raw`` is the file's bytes as they were read and formatted: a write must find them
    still there.
    """

    file: Path
    before: str | None
    after: str | None
    problems: tuple[Problem, ...] = ()
    raw: bytes | None = None

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.after is not None and self.after != self.before

    def diff(self, name: str | None = None) -> str:
        """The change as a unified diff, the file called ``name`` (default: its path)."""
        name = str(self.file) if name is None else name
        return unified_diff(
            self.before or "", self.after or "", f"{name} (now)", f"{name} (formatted)"
        )


def format_file(file: Path, max_size: int = MAX_FILE_SIZE) -> Formatted:
    """Format one file in memory; it is refused (with its problems) unless it reads cleanly.

    The file is read once: the bytes checked are the bytes formatted.
    """
    with file.open("rb") as stream:
        raw = stream.read(max_size + 1)
    document, problems = read_file(file, max_size) if len(raw) > max_size else read_text(file, raw)
    if document is None or any(p.code in _REFUSED for p in problems):
        return Formatted(file=file, before=None, after=None, problems=tuple(problems))
    before = raw.decode("utf-8")
    try:
        after = format_text(before.removeprefix("\ufeff"))
    except LayoutError as error:
        problem = Problem(
            file=file,
            line=error.line,
            column=error.column,
            code="RC120",
            message=error.message,
            path="$",
        )
        return Formatted(file=file, before=None, after=None, problems=(problem,))
    return Formatted(file=file, before=before, after=after, raw=raw)


def write_formatted(file: Path, formatted: Formatted) -> bool:
    """Write the formatted text, unless the file no longer holds the text that was formatted.

    Whether it was written; `WriteError` (one line) when it cannot be.
    """
    if formatted.after is None:
        return False
    try:
        now = file.read_bytes()
    except FileNotFoundError:
        return False  # gone meanwhile: changed, as far as fmt can tell
    if now != formatted.raw:
        return False
    try:
        replace_file(file, formatted.after.encode("utf-8"), expected=now)
    except FileChangedError:
        return False
    return True


def format_text(text: str) -> str:
    """The canonical layout of one content file's text, read back and checked.

    Raises `LayoutError` where the layout cannot be made without changing a value or
    moving a comment, and `ValueError` for text that is not readable YAML.
    """
    newline = line_break(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # YAML reads all three alike
    source = arrange(parse(text))
    after = emit(source)
    again = arrange(parse(after))
    compare(source, again)
    if emit(again) != after:
        raise LayoutError(1, 1, refusal("formatting it twice would not give the same text"))
    cross_check(text, after)
    return after.replace("\n", newline) if newline != "\n" else after


class Outcome(enum.Enum):
    """What ``rcpack fmt`` did with one file."""

    CHANGED = "changed"  # reformatted (with --check: would be)
    UNCHANGED = "unchanged"
    REFUSED = "refused"  # left as it is: it does not read cleanly, or cannot be laid out
    UNREAD = "unread"  # it could not be read (a pipe, no permission)
    FAILED = "failed"  # it could not be written


@frozen(kw_only=True)
class FormatResult:
    """What fmt did with one file, and what it has to say of it.

    ``problems`` and ``reason`` say why a file was refused; ``diff`` is the change
    ``--check`` shows; ``error`` why a file could not be read or written (one line).
    """

    file: Path
    outcome: Outcome
    problems: tuple[Problem, ...] = ()
    reason: str | None = None
    diff: str | None = None
    error: str | None = None


#: Why a file is refused: its layout, what it holds, or an edit made while fmt ran.
_UNSAFE_LAYOUT = "its layout cannot be rewritten safely"
_UNCLEAN = "it must read cleanly to be formatted"
_EDITED = "the file changed while it was being formatted; run rcpack fmt again"


def format_path(file: Path, *, check: bool) -> FormatResult:  # noqa: PLR0911 (one per outcome)
    """Format one file as ``rcpack fmt`` does: in place, or (``check``) only its diff.

    A file that cannot be read (a pipe, no permission) or written is said in the result;
    other errors (its folder gone) are raised.
    """
    try:
        result = format_file(_readable(file))
    except OSError as error:
        return FormatResult(file=file, outcome=Outcome.UNREAD, error=str(error.strerror or error))
    if result.after is None:
        unsafe = any(problem.code == "RC120" for problem in result.problems)
        return FormatResult(
            file=file,
            outcome=Outcome.REFUSED,
            problems=result.problems,
            reason=_UNSAFE_LAYOUT if unsafe else _UNCLEAN,
        )
    if not result.changed:
        return FormatResult(file=file, outcome=Outcome.UNCHANGED)
    if check:
        return FormatResult(file=file, outcome=Outcome.CHANGED, diff=result.diff(shown(str(file))))
    try:
        written = write_formatted(file, result)
    except WriteError as error:
        return FormatResult(file=file, outcome=Outcome.FAILED, error=str(error))
    if written:
        return FormatResult(file=file, outcome=Outcome.CHANGED)
    return FormatResult(file=file, outcome=Outcome.REFUSED, reason=_EDITED)


def _readable(file: Path) -> Path:
    """``file``, if it is a file; ``OSError`` saying what it is else (a pipe would never end)."""
    if not file.is_file():
        file.stat()  # a link to nothing says so itself
        raise OSError(errno.EINVAL, "it is not a file (a pipe, socket or device)")
    return file

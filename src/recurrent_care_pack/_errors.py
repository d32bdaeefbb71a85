"""Every error rcpack raises, in one place: what went wrong, in its user's words, and where.

Each is raised by the stage named beside it and carries the fields a caller needs; those
made from fields pickle as them (worker processes get them whole).
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from recurrent_care_pack._problems import Problem, sort_key
from recurrent_care_pack._text import shown

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

__all__ = [
    "CrossReadError",
    "DurationError",
    "FileChangedError",
    "FormatMismatchError",
    "LayoutError",
    "MissingExtraError",
    "NoContentError",
    "PackError",
    "PlanError",
    "RenameError",
    "WriteError",
]


class PackError(ValueError):
    """Raised by `load_pack` when content has problems; carries every one of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Keep all the problems, sorted by file and line."""
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=sort_key))
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{count} problem{'' if count == 1 else 's'} in the pack:\n{lines}")

    def __reduce__(self) -> tuple[type[PackError], tuple[tuple[Problem, ...]]]:
        """Pickle as the problems it was made from (another process gets them all)."""
        return type(self), (self.problems,)


class DurationError(ValueError):
    """A duration an editor wrote that cannot be read without guessing."""

    def __init__(
        self,
        code: str,
        reason: str,
        fixed: str | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        """Record the problem code, the reason in the editor's words, and the text mended.

        ``choices``: the durations the text may mean, when it may mean more than one.
        """
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.fixed = fixed  # the duration written as the reason says to write it, if it does
        self.choices = choices

    def __reduce__(
        self,
    ) -> tuple[type[DurationError], tuple[str, str, str | None, tuple[str, ...]]]:
        """Pickle as the code, reason, mended text and choices it was made from."""
        return type(self), (self.code, self.reason, self.fixed, self.choices)


class WriteError(OSError):
    """A file could not be written; its message is one line, and the old file is as it was.

    ``reason`` is the message without the ``cannot write 'PATH': `` it starts with. Control
    characters in either (a newline in a file's name) are written as escapes.
    """

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(shown(message))
        self.reason = shown(reason or message)


class FileChangedError(WriteError):
    """The file no longer holds what was read from it: something else changed it meanwhile."""


class NoContentError(FileNotFoundError):
    """A folder to check holds no pack content."""

    def __init__(self, folder: Path) -> None:
        """Name the folder."""
        super().__init__(errno.ENOENT, "no pack content in this folder", str(folder))
        self.folder = folder

    def __reduce__(self) -> tuple[type[NoContentError], tuple[Path]]:
        """Pickle as the folder it was made from."""
        return type(self), (self.folder,)


class LayoutError(ValueError):
    """The canonical layout of a file could not be made safely; ``line`` says where."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.line = line
        self.column = column
        self.message = message

    def __reduce__(self) -> tuple[type[LayoutError], tuple[int, int, str]]:
        """Pickle as the line, column and message it was made from."""
        return type(self), (self.line, self.column, self.message)


class CrossReadError(ValueError):
    """The other parser could not read a text; ``line`` and ``column`` (from 1) say where."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(f"{line}:{column}")
        self.line = line
        self.column = column


class PlanError(ValueError):
    """A plan that cannot be made as asked, with the reason in a facilitator's words."""


class MissingExtraError(ImportError):
    """A format needs an optional extra that is not installed; the message says how."""


class FormatMismatchError(ValueError):
    """The format asked for is not the one the file's name ends with."""

    def __init__(self, path: Path, named: str, fmt: str) -> None:
        super().__init__(f"'{path}' names a {named} file, not {fmt}")
        self.path, self.named, self.fmt = path, named, fmt


class RenameError(ValueError):
    """A rename that would not leave the pack valid; the message says why."""

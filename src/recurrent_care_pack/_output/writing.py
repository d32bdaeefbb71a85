"""Where output goes: the file an output option names, never a content file, written safely.

A handout and a calendar are checked the same way before anything is made (the name
names a file; it is not a content file), and written whole or not at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from attrs import frozen

from recurrent_care_pack._content.finding import CONTENT_SUFFIXES
from recurrent_care_pack._files import file_named, replace_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from recurrent_care_pack._model import Pack
    from recurrent_care_pack._session import Session
    from recurrent_care_pack._use.planning import Agenda

__all__ = ["CALENDAR", "HANDOUT", "Output", "output_file", "refuse_content_file", "write_calendar"]


@frozen
class Output:
    """A kind of output file: what it is called, who writes it, a name to suggest."""

    what: str
    writer: str
    example: str


#: A handout file, and an iCalendar file.
HANDOUT = Output("handout", "a handout", "handout.md")
CALENDAR = Output("calendar", "the calendar", "session.ics")


def output_file(name: str, content: Iterable[Path] = (), kind: Output = HANDOUT) -> Path:
    """The file ``name`` (as typed) names, checked before anything is made.

    `WriteError` (an ``OSError``) if it names a folder or nothing; ``ValueError`` if it is a
    content file: a YAML name, or one of ``content`` (links followed; see
    `refuse_content_file`).
    """
    path = file_named(name, kind.example)
    refuse_content_file(path, content, kind)
    return path


def refuse_content_file(path: Path, content: Iterable[Path] = (), kind: Output = HANDOUT) -> None:
    """Raise ``ValueError`` if ``path`` is a content file: a YAML file, or one of ``content``.

    Links are followed, so a link or another name for a content file is refused too; so is
    a link to a YAML name that is not there yet.
    """
    ends = {path.suffix.lower(), Path(os.path.realpath(path)).suffix.lower()}
    if not (ends & set(CONTENT_SUFFIXES) or any(_same_file(path, file) for file in content)):
        return
    if os.path.exists(path):  # noqa: PTH110 (False for a link to nothing)
        why = f"it is a content file, and {kind.writer} would overwrite it"
    else:
        ending = os.path.splitext(os.path.realpath(path))[1]  # noqa: PTH122
        why = f"a name ending '{ending}' is a content file's"
    raise ValueError(
        f"cannot write '{path}': {why}; name the {kind.what} file something like '{kind.example}'"
    )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def write_calendar(  # noqa: PLR0913 (agenda_calendar's choices, and where to write)
    path: str | os.PathLike[str],
    agenda: Agenda,
    title: str,
    events: str = "day",
    session: Session | None = None,
    *,
    pack: Pack | None = None,
    content: Iterable[Path] = (),
) -> Path:
    """Write the plan as iCalendar (see `agenda_calendar`) into ``path``; return the file.

    ``ValueError`` when ``path`` is a content file (or one of ``content``) or the plan
    cannot be a calendar; `MissingExtraError` without icalendar; `WriteError` when it
    cannot be written, the old file then being as it was.
    """
    from .calendar import agenda_calendar  # noqa: PLC0415 (only for a calendar)

    target = output_file(os.fspath(path), content, CALENDAR)
    replace_file(
        target,
        agenda_calendar(agenda, title, events, session=session, pack=pack),
        example=CALENDAR.example,
    )
    return target

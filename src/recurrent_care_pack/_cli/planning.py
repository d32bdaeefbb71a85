"""The commands for a facilitator: ``plan``, ``handout``, ``show``, ``materials``, ``summary``.

Each takes the pack from ``--pack`` (default: the pack folder it runs in, else the bundled
pack); a pack with problems has them printed, and the command exits 1.
"""

from __future__ import annotations

import os
import sys

from .status import OK, PROBLEMS, USAGE, Exit

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from pathlib import Path

    from recurrent_care_pack._content import Pack
    from recurrent_care_pack._use import Agenda, PlanOptions, Session

__all__ = ["handout", "materials", "plan", "show", "summary"]


def summary(args: argparse.Namespace) -> int:
    """Print a short summary of the pack."""
    from recurrent_care_pack._output import pack_summary  # noqa: PLC0415

    if args.path is not None and args.pack is not None and args.path != args.pack:
        raise Exit(USAGE, "summary: name the pack once, as PATH or as --pack PATH")
    print(pack_summary(_pack(args.pack or args.path)))
    return OK


def show(args: argparse.Namespace) -> int:
    """Print one item with its times."""
    from recurrent_care_pack._output import item_text  # noqa: PLC0415
    from recurrent_care_pack._use import find  # noqa: PLC0415

    pack = _pack(args.pack)
    try:
        item = find(pack, " ".join(args.item))
    except LookupError as error:
        raise Exit(USAGE, _reason(error)) from None
    print(item_text(pack, item))
    return OK


def materials(args: argparse.Namespace) -> int:
    """Print the checklist of what to print and bring."""
    from recurrent_care_pack._output import materials_data, materials_text  # noqa: PLC0415
    from recurrent_care_pack._use import item_names  # noqa: PLC0415
    from recurrent_care_pack._use import materials as needed  # noqa: PLC0415

    pack = _pack(args.pack)
    try:
        found = needed(pack, item_names(args.items))
    except LookupError as error:
        raise Exit(USAGE, _reason(error)) from None
    print(_json(materials_data(found)) if args.json else materials_text(pack, found))
    return OK


def plan(args: argparse.Namespace) -> int:
    """Print the agenda; with ``--ics``, also write it as a calendar (said on stderr)."""
    from recurrent_care_pack._output import (  # noqa: PLC0415
        CALENDAR,
        MissingExtraError,
        WriteError,
        agenda_data,
        agenda_text,
        output_file,
        write_calendar,
    )

    calendar = None
    if args.ics is not None:
        try:
            calendar = output_file(args.ics, _PackFiles(args.pack), CALENDAR)
        except (ValueError, WriteError) as error:
            raise Exit(USAGE, str(error)) from None
    pack, agenda, session = _planned(args)
    if calendar is not None:
        try:
            write_calendar(calendar, agenda, pack.title, args.ics_events, session, pack=pack)
        except (ValueError, MissingExtraError) as error:
            raise Exit(USAGE, f"cannot write the calendar: {_reason(error)}") from None
        except WriteError as error:
            raise Exit(USAGE, str(error)) from None
        print(f"wrote {_shown(calendar)}", file=sys.stderr)  # stdout holds the plan
    print(_json(agenda_data(agenda)) if args.json else agenda_text(agenda, session=session))
    return OK


def handout(args: argparse.Namespace) -> int:
    """Write a handout for the planned session; say where."""
    from recurrent_care_pack._output import (  # noqa: PLC0415
        FormatMismatchError,
        MissingExtraError,
        WriteError,
        handout_file,
        write_handout,
    )

    content = _PackFiles(args.pack)
    try:
        output, fmt = handout_file(args.output, args.fmt, content)
    except FormatMismatchError as error:
        raise Exit(
            USAGE,
            f"--format {error.fmt} does not match '{error.path}', a {error.named} file name; "
            f"leave out --format, or name the file '{error.path.with_suffix('.' + error.fmt)}'",
        ) from None
    except (ValueError, WriteError) as error:
        raise Exit(USAGE, str(error)) from None
    pack, agenda, session = _planned(args)
    try:
        write_handout(
            output,
            pack,
            args.kind,
            fmt or "md",
            agenda,
            large_print=args.large_print,
            participants=args.participants if session is None else session.participants,
            session=args.session if session is None else session,
            content=content,
        )
    except (MissingExtraError, WriteError) as error:
        raise Exit(USAGE, str(error)) from None
    # A handout written to the command's own output must not end with this note.
    print(f"wrote {_shown(output)}", file=sys.stderr if _is_stdout(output) else sys.stdout)
    return OK


class _PackFiles:
    """The content files an output file must never be: the pack's (``--pack``, or here's).

    Found when first asked for, once the output's name has been checked.
    """

    def __init__(self, pack: Path | None) -> None:
        self._pack = pack
        self._files: list[Path] | None = None

    def __iter__(self) -> Iterator[Path]:
        from recurrent_care_pack._content import pack_files  # noqa: PLC0415

        if self._files is None:
            self._files = pack_files(self._pack or _here_or_bundled())
        return iter(self._files)


def _is_stdout(path: Path) -> bool:
    """Whether ``path`` is the file this command prints to (``-o /dev/stdout``)."""
    try:
        return os.path.samestat(path.stat(), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError):  # no file behind stdout (a test capturing output)
        return False


def _shown(path: Path) -> str:
    """``path`` on one line, whatever its name holds."""
    from recurrent_care_pack._output import shown  # noqa: PLC0415

    return shown(str(path))


def _planned(args: argparse.Namespace) -> tuple[Pack, Agenda, Session | None]:
    """The pack, the agenda, and the session: from a session file if the first item names one."""
    from .session import session_of  # noqa: PLC0415

    found = session_of(args)
    if found is None:
        return (*_agenda(args), None)
    return found


def _agenda(args: argparse.Namespace) -> tuple[Pack, Agenda]:
    """The pack and the agenda the plan options ask for."""
    from recurrent_care_pack._use import PlanError, item_names  # noqa: PLC0415
    from recurrent_care_pack._use import plan as planned  # noqa: PLC0415

    pack = _pack(args.pack)
    try:
        return pack, planned(pack, item_names(args.items), _options(args))
    except (PlanError, LookupError) as error:
        raise Exit(USAGE, f"cannot plan: {_reason(error)}") from None


def _options(args: argparse.Namespace) -> PlanOptions:
    """The plan options the flags give: the defaults for what is not given.

    There are breaks only when some break flag is given. ``--slot`` is refused with
    ``--start``, ``--days``, ``--day-end`` or ``--date``; ``--lunch-length`` without
    ``--lunch`` is refused.
    """
    from recurrent_care_pack._use import (  # noqa: PLC0415
        LUNCH,
        Break,
        Breaks,
        PlanError,
        PlanOptions,
    )

    if args.slots and (
        args.start is not None or args.days != 1 or args.day_end is not None or args.dates
    ):
        raise PlanError(
            "give each session with --slot, or the days with --start, --days, --day-end "
            "and --date, not both"
        )
    if args.lunch_length is not None and args.lunch is None:
        raise PlanError("--lunch-length needs --lunch, the time of the lunch (--lunch 12:00)")
    breaks = None
    fixed = (
        ()
        if args.lunch is None
        else (Break(at=args.lunch, length=args.lunch_length or LUNCH, title="Lunch"),)
    )
    if (
        args.break_length
        or args.break_after_exercises
        or args.break_every
        or args.break_at
        or fixed
    ):
        breaks = Breaks(
            length=args.break_length or Breaks().length,
            after_exercises=args.break_after_exercises,
            every=args.break_every,
            at=tuple(args.break_at),
            fixed=fixed,
        )
    return PlanOptions(
        start=args.start or PlanOptions().start,
        discussions=args.with_discussions,
        rewatch=args.rewatch,
        breaks=breaks,
        days=args.days,
        day_end=args.day_end,
        budget=args.budget,
        setup=args.setup,
        opening=args.opening,
        closing=args.closing,
        dates=tuple(args.dates),
        booked=tuple(args.slots),
    )


def _pack(path: Path | None) -> Pack:
    """The pack at ``path`` (default: `_here_or_bundled`); its problems reported, exit 1."""
    from recurrent_care_pack._content import check  # noqa: PLC0415
    from recurrent_care_pack._output import text_report  # noqa: PLC0415

    result = check(path or _here_or_bundled())
    if result.pack is None:
        for line in text_report(result.problems, result.files):
            print(line)
        raise Exit(PROBLEMS)
    return result.pack


def _here_or_bundled() -> Path | None:
    """The pack folder the current folder is in, if it is in one; else the bundled pack."""
    from pathlib import Path  # noqa: PLC0415

    from recurrent_care_pack._content import pack_folder_of  # noqa: PLC0415

    return pack_folder_of(Path())


def _json(data: object) -> str:
    import json  # noqa: PLC0415

    return json.dumps(data, indent=2, ensure_ascii=False)


def _reason(error: Exception) -> str:
    return str(error.args[0]) if error.args else str(error)

"""The ``rcpack`` command: wires the stages together and decides the exit code."""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys

from ._version import __version__

# Not typing.TYPE_CHECKING: ``rcpack --version`` must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date, time, timedelta
    from pathlib import Path
    from typing import NoReturn

    from _typeshed import SupportsWrite

    from ._model import Pack
    from ._session import Session, Slot
    from ._use.planning import Agenda

__all__ = ["main", "run"]

OK, PROBLEMS, USAGE = 0, 1, 2

#: Where the commands that use a pack (not validate or fmt) take it from without --pack.
_DEFAULT_PACK = "the pack folder you are in, else the bundled pack"


class _Exit(Exception):  # noqa: N818 (it is not an error: the command ends so)
    """End the command with ``status``, saying ``message`` on stderr first if there is one."""

    def __init__(self, status: int, message: str | None = None) -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message


def run() -> NoReturn:
    """The ``rcpack`` command itself: `main`, with its output written out, then exit.

    What stdout's encoding cannot hold is written as a backslash escape, not refused.
    """
    if sys.stdout is None:  # started with stdout closed (rcpack validate >&-)
        print("rcpack: cannot write the output: standard output is closed", file=sys.stderr)
        sys.exit(USAGE)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader of the output has gone (rcpack validate | head -1)
        _stop_writing()
        status = 141
    except OSError as error:  # the disk is full, or the output may not be written
        _stop_writing()
        status = _cannot_write(error)
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``rcpack``; return the exit status.

    0 valid, 1 content problems (or a file fmt left as it was), 2 usage, a path that cannot
    be read or written or output that cannot be written, 130 interrupted, 141 when the reader
    of the output has gone.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors and 0 on --help
        return int(stop.code or 0)
    except BrokenPipeError:  # rcpack --help | head -1
        _stop_writing()
        return 141
    except OSError as error:  # --help or --version could not be written (the disk is full)
        _stop_writing()
        return _cannot_write(error)
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE
    return _command(args)


def _command(args: argparse.Namespace) -> int:  # noqa: PLR0911 (one status per way to end)
    """Run the command ``args`` names; what goes wrong outside the content is one line."""
    try:
        status: int = args.run(args)
    except _Exit as stop:
        if stop.message is not None:
            from ._output.reports import shown  # noqa: PLC0415 (only when there is one)

            print(f"rcpack: {shown(stop.message)}", file=sys.stderr)
        return stop.status
    except KeyboardInterrupt:
        print("rcpack: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output has gone (rcpack ... | head -1)
        _stop_writing()
        return 141  # as a shell reports a command stopped by SIGPIPE
    except OSError as error:  # a path names what could not be read; else it is the output
        if _folder_gone():
            print(f"rcpack: {_FOLDER_GONE}", file=sys.stderr)
            return USAGE
        if error.filename is not None:
            return _cannot_read(error)
        _stop_writing()
        return _cannot_write(error)
    except Exception as error:  # noqa: BLE001 (a bug must never show an editor a traceback)
        print(f"rcpack: internal error, please report it: {error!r}", file=sys.stderr)
        return USAGE
    return status


_FOLDER_GONE = (
    "the current folder no longer exists (it was deleted or moved); go to a folder that "
    "exists (cd), then run again"
)


def _folder_gone() -> bool:
    """Whether the folder rcpack runs in has been deleted (or moved) since it started."""
    try:
        os.getcwd()  # noqa: PTH109 (keep pathlib unloaded)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def _stop_writing() -> None:
    """Send what is still to be written to stdout nowhere, rather than fail again on exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file behind stdout (a test capturing it)
        pass


def _cannot_write(error: OSError) -> int:
    print(f"rcpack: cannot write the output: {error.strerror or error}", file=sys.stderr)
    return USAGE


class _Parser(argparse.ArgumentParser):
    """argparse's parser: ``--help`` or ``--version`` that cannot be written is said.

    A usage error is one line, whatever the value it names holds (a newline in it).
    """

    def error(self, message: str) -> NoReturn:
        from ._text import shown  # noqa: PLC0415 (only on a usage error)

        super().error(shown(message))

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            stream = file or sys.stderr
            stream.write(message)
            flush = getattr(stream, "flush", None)
            if flush is not None:
                flush()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rcpack",
        description="Check and summarise Recurrent Care Resource Pack content.",
    )
    parser.add_argument("--version", action="version", version=f"rcpack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check packs: files and folders (default: the packs in the current folder)",
        description="Check packs; exit 0 when valid, 1 when there are problems, 2 when a "
        "path cannot be read. A file or folder inside a pack folder (one with a pack.yaml) "
        "checks the whole pack; another folder, the packs in it.",
    )
    validate.add_argument(
        "paths", nargs="*", type=_path, metavar="PATH", help="default: the current folder"
    )
    _add_content_only(validate)
    validate.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="text (PATH:LINE:COL: CODE message), json, github (annotations on a pull "
        "request) or sarif (SARIF 2.1.0, for code scanning)",
    )
    validate.add_argument(
        "--max-file-size",
        type=_size,
        default=None,
        metavar="SIZE",
        help="refuse files larger than this, e.g. 64M or 500K (default 32M)",
    )
    validate.set_defaults(run=_validate)
    summary = commands.add_parser(
        "summary",
        help=f"print a short summary of a pack (default: {_DEFAULT_PACK})",
        description="Print the sections, modules with their times, exercises and tips.",
    )
    summary.add_argument(
        "path", nargs="?", type=_path, metavar="PATH", help=f"the pack (default: {_DEFAULT_PACK})"
    )
    summary.add_argument(
        "--pack", type=_path, dest="pack", help="the pack, as the other commands take it"
    )
    summary.set_defaults(run=_summary)

    fmt = commands.add_parser(
        "fmt",
        help="rewrite content files in the canonical layout, keeping every comment",
        description="Rewrite content files in one canonical layout: keys in the schema's "
        "order, two-space indentation, quotes only where needed, durations spelt the "
        "canonical way. Every comment and value is kept; files are replaced whole.",
    )
    fmt.add_argument(
        "paths", nargs="*", type=_path, metavar="PATH", help="default: the current folder"
    )
    _add_content_only(fmt)
    fmt.add_argument(
        "--check",
        action="store_true",
        help="change nothing; print a diff and exit 1 if any file would change",
    )
    fmt.set_defaults(run=_fmt)

    plan = commands.add_parser(
        "plan",
        help="print an agenda with clock times (default: the whole pack)",
        description="Plan modules, exercises or sections (ids or names such as 'Module 2', "
        "'Exercise 9', 'section-3'); a module brings its exercise. Durations are written "
        "as you would say them: '15 minutes', '3h'. Or name a session file instead of "
        "items (rcpack plan session.yaml): it says what is run, when and where.",
    )
    _add_plan_options(plan)
    plan.add_argument("--json", action="store_true", help="print the agenda as JSON")
    plan.add_argument(
        "--ics",
        type=str,
        metavar="FILE",
        help="also write the plan as an iCalendar file (needs --date; never a content file)",
    )
    plan.add_argument(
        "--ics-events",
        choices=("day", "entry"),
        default="day",
        help="one calendar event per day, its agenda the description (the default), "
        "or one per entry",
    )
    plan.set_defaults(run=_plan)

    handout = commands.add_parser(
        "handout",
        help="write a handout: guide, exercises or tips, as md, html, pdf or docx",
        description="Write a handout for a planned session: the facilitator guide, the "
        "participants' exercise sheets, or the tip cards. The plan options choose the "
        "session (default: the whole pack), or a session file named instead of items "
        "(rcpack handout guide session.yaml -o guide.pdf).",
    )
    handout.add_argument(
        "kind",
        choices=("guide", "exercises", "tips"),
        metavar="KIND",
        help="guide, exercises or tips",
    )
    _add_plan_options(handout)
    handout.add_argument(
        "--participants",
        type=_count,
        metavar="N",
        help="how many take part: the guide gives the copies to print",
    )
    handout.add_argument(
        "--session",
        metavar="NAME",
        help="the session's name, printed on every handout",
    )
    handout.add_argument(
        "--format",
        dest="fmt",
        choices=("md", "html", "pdf", "docx"),
        default=None,
        help="md, html, pdf or docx (default: as the -o file's name ends, else md)",
    )
    handout.add_argument(
        "--large-print",
        action="store_true",
        help="16 pt body text, headings in proportion (default: 12 pt, UK clear print)",
    )
    handout.add_argument(
        "-o",
        "--output",
        type=str,
        required=True,
        metavar="FILE",
        help="the file to write (replaced only once the new one is whole; never a content file)",
    )
    handout.set_defaults(run=_handout)

    init = commands.add_parser(
        "init",
        help="make a content repository: a starter pack, the schema, hooks and CI",
        description="Write a starter content repository into FOLDER: the bundled pack in "
        "content/, the schema and an editor setting for it, a yamllint configuration, "
        "pre-commit hooks and a GitHub Actions workflow. A file that exists is kept.",
    )
    init.add_argument(
        "folder", nargs="?", type=_path, metavar="FOLDER", help="default: the current folder"
    )
    init.set_defaults(run=_init)

    show = commands.add_parser("show", help="print one item with its times")
    show.add_argument(
        "item",
        nargs="+",
        metavar="ITEM",
        help="an id or a name such as 'Film 6' (quotes optional)",
    )
    show.add_argument(
        "--pack",
        type=_path,
        help="the pack (default: the pack folder you are in, else the bundled pack)",
    )
    show.set_defaults(run=_show)

    materials = commands.add_parser(
        "materials",
        help="print the checklist of what to bring (default: everything)",
        description="Print what to print and bring for modules, exercises or sections: case "
        "studies to hand out, things to bring, and choices, each with the exercises that "
        "need it.",
    )
    materials.add_argument(
        "items", nargs="*", metavar="ITEM", help="ids or names such as 'Module 2' (default: all)"
    )
    materials.add_argument("--json", action="store_true", help="print the list as JSON")
    materials.add_argument(
        "--pack",
        type=_path,
        help="the pack (default: the pack folder you are in, else the bundled pack)",
    )
    materials.set_defaults(run=_materials)

    lsp = commands.add_parser(
        "lsp",
        help="the language server: every check, and the pack's meaning, in your editor",
        description="Serve the Language Server Protocol over stdin and stdout, for an "
        "editor to start (see README, 'In your editor'). Needs the lsp extra: "
        "pip install 'recurrent-care-pack[lsp]'.",
    )
    lsp.add_argument("--stdio", action="store_true", help="accepted: stdio is the only way")
    lsp.set_defaults(run=_lsp)
    return parser


def _lsp(_: argparse.Namespace) -> int:
    try:
        from ._editor.server import serve  # noqa: PLC0415 (only for this command)
    except ImportError as error:  # the lsp extra is not installed
        message = (
            f"rcpack lsp needs {(error.name or 'pygls').split('.')[0]}, which is not installed; "
            "install it with: pip install 'recurrent-care-pack[lsp]'"
        )
        raise _Exit(USAGE, message) from None
    return serve()


def _add_content_only(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content-only",
        action="store_true",
        help="pass over named files that are not pack content (for pre-commit hooks): "
        "content is what lies in a pack folder, or starts with the schema line",
    )


def _path(text: str) -> Path:
    from pathlib import Path  # noqa: PLC0415 (keep --version and --help fast)

    return Path(text)


def _time_of_day(text: str) -> time:
    from datetime import datetime  # noqa: PLC0415

    try:
        return datetime.strptime(text.strip(), "%H:%M").time()  # noqa: DTZ007 (a time of day, no zone)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time of day like 09:30") from None


def _date(text: str) -> date:
    from datetime import date  # noqa: PLC0415

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2027-01-12") from None


#: The most people a handout counts copies for, and the most days a plan spreads over.
_MOST_PARTICIPANTS, _MOST_DAYS = 1000, 366


def _digits(text: str) -> int | None:
    """``text`` as a whole number above 0 in ASCII digits (not full-width ones); else None."""
    if not (text.isascii() and text.isdigit()) or len(text) > 30 or int(text) == 0:
        return None
    return int(text)


def _whole_number(text: str, like: str, most: int, past: str) -> int:
    """``text`` as a whole number from 1 to ``most``.

    ``like`` says what is wanted ("a number of days like 2"), ``past`` what more would be.
    """
    number = _digits(text.strip())
    if number is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not {like}")
    if number > most:
        raise argparse.ArgumentTypeError(f"'{text}' is {past} (at most {most})")
    return number


def _count(text: str) -> int:
    return _whole_number(
        text,
        "a number of people like 12",
        _MOST_PARTICIPANTS,
        "more people than a handout is printed for",
    )


def _days(text: str) -> int:
    return _whole_number(
        text, "a number of days like 2", _MOST_DAYS, "more days than rcpack plans"
    )


def _duration(text: str) -> timedelta:
    from ._durations import DurationError, parse_duration  # noqa: PLC0415

    try:
        return parse_duration(text)
    except DurationError as error:
        raise argparse.ArgumentTypeError(error.reason) from None


def _pack(path: Path | None) -> Pack:
    """The pack at ``path`` (default: `_here_or_bundled`); its problems reported, exit 1."""
    from ._content.loading import check  # noqa: PLC0415
    from ._output.reports import text_report  # noqa: PLC0415

    result = check(path or _here_or_bundled())
    if result.pack is None:
        for line in text_report(result.problems, result.files):
            print(line)
        raise _Exit(PROBLEMS)
    return result.pack


def _here_or_bundled() -> Path | None:
    """The pack folder the current folder is in, if it is in one; else the bundled pack."""
    from pathlib import Path  # noqa: PLC0415

    from ._content.finding import pack_folder_of  # noqa: PLC0415

    return pack_folder_of(Path())


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("items", nargs="*", metavar="ITEM")
    parser.add_argument(
        "--slot",
        dest="slots",
        type=_slot,
        action="append",
        default=[],
        metavar="[DATE ]HH:MM-HH:MM",
        help="a booked session, e.g. '2027-01-12 09:30-11:00': one per session, in order "
        "(instead of --start, --days, --day-end and --date); its end is a hard limit",
    )
    parser.add_argument("--start", type=_time_of_day, help="start time, e.g. 09:30 (the default)")
    parser.add_argument(
        "--days", type=_days, default=1, help="spread the plan over this many days"
    )
    parser.add_argument("--day-end", type=_time_of_day, help="no day may end after this time")
    parser.add_argument("--budget", type=_duration, help="the time available; plan what fits")
    parser.add_argument(
        "--with-discussions", action="store_true", help="include the optional discussions"
    )
    parser.add_argument(
        "--no-rewatch",
        dest="rewatch",
        action="store_false",
        help="leave out the films the pack suggests watching again before a module run on a "
        "later day than them",
    )
    parser.add_argument(
        "--break",
        dest="break_length",
        type=_duration,
        metavar="LENGTH",
        help="how long a break is (default 15 minutes)",
    )
    parser.add_argument(
        "--break-after-exercises", action="store_true", help="a break after each exercise"
    )
    parser.add_argument(
        "--break-every",
        type=_duration,
        metavar="DURATION",
        help="at most this much time without a break: a break goes at the last point "
        "between items before it",
    )
    parser.add_argument(
        "--break-at",
        type=_time_of_day,
        action="append",
        default=[],
        metavar="HH:MM",
        help="a break at about this time, at the nearest point between items (may be repeated)",
    )
    parser.add_argument(
        "--lunch",
        type=_time_of_day,
        metavar="HH:MM",
        help="a lunch at about this time, at the nearest point between items (45 minutes)",
    )
    parser.add_argument(
        "--lunch-length", type=_duration, metavar="LENGTH", help="how long the lunch is"
    )
    parser.add_argument(
        "--setup",
        type=_duration,
        metavar="LENGTH",
        help="your set-up time, ending when a session starts",
    )
    parser.add_argument(
        "--opening",
        type=_duration,
        metavar="LENGTH",
        help="your own opening, from a session's start",
    )
    parser.add_argument(
        "--closing", type=_duration, metavar="LENGTH", help="your own closing, after the last item"
    )
    parser.add_argument(
        "--date",
        dest="dates",
        type=_date,
        action="append",
        default=[],
        metavar="YYYY-MM-DD",
        help="the date of a day: one per day, in order (repeat it for --days)",
    )
    parser.add_argument(
        "--pack",
        type=_path,
        help="the pack to plan from (default: the pack folder you are in, else the bundled pack)",
    )


def _slot(text: str) -> "Slot":  # noqa: UP037 (Slot is imported only for type checkers)
    """A booked session: '2027-01-12 09:30-11:00' or '09:30-11:00'."""
    from ._session import Slot  # noqa: PLC0415

    words = text.split()
    if len(words) not in (1, 2) or words[-1].count("-") != 1:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a session like '2027-01-12 09:30-11:00' or '09:30-11:00'"
        )
    start, end = words[-1].split("-")
    return Slot(
        start=_time_of_day(start),
        end=_time_of_day(end),
        date=_date(words[0]) if len(words) == 2 else None,
    )


def _agenda(args: argparse.Namespace) -> tuple[Pack, Agenda]:
    """The pack and the agenda the plan options ask for."""
    from ._use.planning import PlanError, plan, plan_options  # noqa: PLC0415

    pack = _pack(args.pack)
    try:
        options = plan_options(
            start=args.start,
            discussions=args.with_discussions,
            rewatch=args.rewatch,
            days=args.days,
            day_end=args.day_end,
            budget=args.budget,
            break_length=args.break_length,
            break_after_exercises=args.break_after_exercises,
            break_every=args.break_every,
            break_at=tuple(args.break_at),
            setup=args.setup,
            opening=args.opening,
            closing=args.closing,
            dates=tuple(args.dates),
            booked=tuple(args.slots),
            lunch=args.lunch,
            lunch_length=args.lunch_length,
        )
        return pack, plan(pack, _names(args.items), options)
    except (PlanError, LookupError) as error:
        raise _Exit(USAGE, f"cannot plan: {_reason(error)}") from None


def _plan(args: argparse.Namespace) -> int:
    from ._output.tables import agenda_data, agenda_text  # noqa: PLC0415

    calendar = None if args.ics is None else _output_file(args.ics, example="session.ics")
    if calendar is not None:
        _refuse_content_file(calendar, args.pack, calendar=True)
    pack, agenda, session = _planned(args)
    if calendar is not None:
        _write_calendar(calendar, pack, agenda, args.ics_events, session)
    print(_json(agenda_data(agenda)) if args.json else agenda_text(agenda, session=session))
    return OK


def _planned(args: argparse.Namespace) -> tuple[Pack, Agenda, Session | None]:
    """The pack, the agenda, and the session: from a session file if the first item names one."""
    from ._cli_session import session_of  # noqa: PLC0415

    found = session_of(args)
    if found is None:
        return (*_agenda(args), None)
    if isinstance(found, tuple):
        return found
    for line in found.lines:
        print(line)
    raise _Exit(found.status, found.message)


def _write_calendar(
    file: Path, pack: Pack, agenda: Agenda, events: str, session: Session | None = None
) -> None:
    """Write the plan's calendar to ``file``, saying so on stderr (stdout holds the plan)."""
    from ._output.calendar import agenda_calendar  # noqa: PLC0415
    from ._output.word import MissingExtraError  # noqa: PLC0415

    try:
        content = agenda_calendar(agenda, pack.title, events, session=session, pack=pack)
    except (ValueError, MissingExtraError) as error:
        raise _Exit(USAGE, f"cannot write the calendar: {_reason(error)}") from None
    _write(file, content, "session.ics")
    print(f"wrote {_shown(file)}", file=sys.stderr)


def _refuse_content_file(output: Path, pack: Path | None, *, calendar: bool = False) -> None:
    """Exit 2 if ``output`` is a content file (a YAML file, or one of the pack's files)."""
    from ._content.loading import pack_files  # noqa: PLC0415
    from ._output.rendering import refuse_content_file  # noqa: PLC0415

    try:
        refuse_content_file(output, pack_files(pack or _here_or_bundled()))
    except ValueError:
        what, example = ("calendar", "session.ics") if calendar else ("handout", "handout.md")
        if os.path.exists(output):  # noqa: PTH110 (keep pathlib unloaded)
            doer = "the calendar" if calendar else "a handout"
            why = f"it is a content file, and {doer} would overwrite it"
        else:
            ending = os.path.splitext(os.path.realpath(output))[1]  # noqa: PTH122
            why = f"a name ending '{ending}' is a content file's"
        raise _Exit(
            USAGE,
            f"cannot write '{output}': {why}; name the {what} file something like '{example}'",
        ) from None


def _handout(args: argparse.Namespace) -> int:
    from ._output.rendering import (  # noqa: PLC0415
        MissingExtraError,
        format_named_by,
        render_handout,
    )

    output = _output_file(args.output)
    named = format_named_by(output)
    if args.fmt is not None and named is not None and args.fmt != named:
        raise _Exit(
            USAGE,
            f"--format {args.fmt} does not match '{output}', a {named} file name; "
            f"leave out --format, or name the file '{output.with_suffix('.' + args.fmt)}'",
        )
    _refuse_content_file(output, args.pack)
    pack, agenda, session = _planned(args)
    try:
        content = render_handout(
            pack,
            args.kind,
            args.fmt or named or "md",
            agenda,
            large_print=args.large_print,
            participants=args.participants if session is None else session.participants,
            session=args.session if session is None else session,
        )
    except MissingExtraError as error:
        raise _Exit(USAGE, str(error)) from None
    _write(output, content)
    # A handout written to the command's own output must not end with this note.
    print(f"wrote {_shown(output)}", file=sys.stderr if _is_stdout(output) else sys.stdout)
    return OK


def _output_file(name: str, example: str = "handout.md") -> Path:
    """The file an output option names; exit 2 if it names a folder (``-o missing/``).

    ``example``: the kind of file to suggest a name like, in a message.
    """
    from ._files import WriteError, file_named  # noqa: PLC0415

    try:
        return file_named(name, example)
    except WriteError as error:
        raise _Exit(USAGE, str(error)) from None


def _shown(path: Path) -> str:
    """``path`` on one line, whatever its name holds."""
    from ._output.reports import shown  # noqa: PLC0415

    return shown(str(path))


def _write(file: Path, content: bytes, example: str = "handout.md") -> None:
    """Write ``content`` to ``file`` safely (``example``: a name to suggest, if it is not one)."""
    from ._files import WriteError, replace_file  # noqa: PLC0415

    try:
        replace_file(file, content, example=example)
    except WriteError as error:
        raise _Exit(USAGE, str(error)) from None


def _is_stdout(path: Path) -> bool:
    """Whether ``path`` is the file this command prints to (``-o /dev/stdout``)."""
    try:
        return os.path.samestat(path.stat(), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError):  # no file behind stdout (a test capturing output)
        return False


def _show(args: argparse.Namespace) -> int:
    from ._output.tables import item_text  # noqa: PLC0415
    from ._use.queries import find  # noqa: PLC0415

    pack = _pack(args.pack)
    try:
        item = find(pack, " ".join(args.item))
    except LookupError as error:
        raise _Exit(USAGE, _reason(error)) from None
    print(item_text(pack, item))
    return OK


def _materials(args: argparse.Namespace) -> int:
    from ._output.tables import materials_data, materials_text  # noqa: PLC0415
    from ._use.queries import materials  # noqa: PLC0415

    pack = _pack(args.pack)
    try:
        found = materials(pack, _names(args.items))
    except LookupError as error:
        raise _Exit(USAGE, _reason(error)) from None
    print(_json(materials_data(found)) if args.json else materials_text(pack, found))
    return OK


#: The words that name a numbered thing: 'Module 2' typed without quotes is two arguments.
_NUMBERED = frozenset({"module", "exercise", "film", "section", "presentation"})


def _names(words: Sequence[str]) -> list[str]:
    """The items named, with ``Module 2`` typed without quotes taken as one name."""
    names: list[str] = []
    for word in words:
        if word.isdigit() and names and names[-1].lower() in _NUMBERED:
            names[-1] = f"{names[-1]} {word}"
        else:
            names.append(word)
    return names


def _json(data: object) -> str:
    import json  # noqa: PLC0415

    return json.dumps(data, indent=2, ensure_ascii=False)


def _reason(error: Exception) -> str:
    return str(error.args[0]) if error.args else str(error)


def _validate(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415 (keep --version and --help fast)

    from ._content.loading import check_paths  # noqa: PLC0415
    from ._output.reports import REPORTERS, write_step_summary  # noqa: PLC0415
    from ._use.sessions import planned  # noqa: PLC0415

    paths = args.paths or [Path()]
    result = check_paths(paths, args.max_file_size, content_only=args.content_only, then=planned)
    for line in REPORTERS[args.format](result.problems, list(result.files)):
        print(line)
    warning = write_step_summary(result.problems, list(result.files))  # in GitHub Actions
    if warning is not None:
        print(f"rcpack: warning: {warning}", file=sys.stderr)
    return PROBLEMS if result.problems else OK


def _fmt(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from ._content.finding import find_files  # noqa: PLC0415
    from ._content.formatting import Outcome, format_path  # noqa: PLC0415
    from ._output.reports import fmt_lines, fmt_summary  # noqa: PLC0415

    files = find_files(args.paths or [Path()], content_only=args.content_only, lenient=True)
    results = []
    for file in files:
        result = format_path(file, check=args.check)
        for line, to_stderr in fmt_lines(result):
            print(line, file=sys.stderr if to_stderr else sys.stdout)
        results.append(result)
    print(fmt_summary(results, check=args.check))
    outcomes = {result.outcome for result in results}
    if Outcome.FAILED in outcomes or Outcome.UNREAD in outcomes:
        return USAGE
    if Outcome.REFUSED in outcomes or (args.check and Outcome.CHANGED in outcomes):
        return PROBLEMS
    return OK


def _in_a_loop(path: Path) -> bool:
    """Whether ``path`` is a link in a loop of links."""
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _init(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from ._files import WriteError, what_is  # noqa: PLC0415
    from ._output.reports import shown  # noqa: PLC0415
    from ._output.starter import CONTENT, SESSION, make_starter  # noqa: PLC0415

    folder: Path = args.folder or Path()
    if not folder.is_absolute() and _folder_gone():
        raise _Exit(USAGE, _FOLDER_GONE)
    if folder.exists() and not folder.is_dir():
        raise _Exit(
            USAGE, f"'{folder}' is {what_is(folder)}, not a folder; name a folder to write into"
        )
    if folder.is_symlink() and not folder.is_dir():
        looped = _in_a_loop(folder)
        raise _Exit(
            USAGE,
            f"'{folder}' is {what_is(folder)}; "
            + (
                "name another folder"
                if looped
                else "make the folder it leads to first, or name another folder"
            ),
        )
    if not folder.is_dir():
        raise _Exit(USAGE, f"'{folder}' is not a folder; make it first (mkdir '{folder}')")
    try:
        made = make_starter(folder)
    except WriteError as error:
        raise _Exit(USAGE, str(error)) from None
    for name in made.written:
        print(f"wrote {shown(str(folder / name))}")
    for name, why in made.kept:
        print(f"kept {shown(str(folder / name))}: {shown(why)}")
    if made.hooks is None:
        print(
            "note: rcpack cannot tell where it was installed from, so the pre-commit hooks "
            "run the rcpack installed beside pre-commit, and .github/workflows/content.yml "
            "needs the address to install rcpack from (see the comment there)"
        )
    elif made.hooks.requirement is None:
        print(
            f"note: the pre-commit hooks come from {made.hooks.repo} (commit "
            f"{made.hooks.rev[:12]}), a folder on this machine; .github/workflows/content.yml "
            "needs the address to install rcpack from (see the comment there)"
        )
    print(f"next: rcpack validate {CONTENT}/ {SESSION}, then git init and pre-commit install")
    return OK


def _size(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = text.strip().upper().rstrip("B").rstrip("I"), ""
    if number[-1:] in units:
        number, unit = number[:-1], number[-1]
    count = _digits(number)
    if count is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 64M, 500K or 1048576")
    if count * units[unit] > _MOST_FILE_SIZE:
        raise argparse.ArgumentTypeError(
            f"'{text}' is larger than any file rcpack reads (at most 4G)"
        )
    return count * units[unit]


#: The largest --max-file-size: 4G, far more than any pack, and a buffer a read may ask for
#: (a file is read with room for one byte more than this).
_MOST_FILE_SIZE = 4 << 30


def _summary(args: argparse.Namespace) -> int:
    from ._output.summary import summary  # noqa: PLC0415

    if args.path is not None and args.pack is not None and args.path != args.pack:
        raise _Exit(USAGE, "summary: name the pack once, as PATH or as --pack PATH")
    print(summary(_pack(args.pack or args.path)))
    return OK


def _cannot_read(error: OSError) -> int:
    from ._content.finding import NoContentError  # noqa: PLC0415
    from ._output.reports import shown  # noqa: PLC0415

    if isinstance(error, NoContentError):
        print(
            f"rcpack: '{shown(str(error.filename))}' holds no pack content: a pack is a folder "
            "with a pack.yaml, or YAML files with a pack's keys (pack, sections, case_studies, "
            "people, organisations, works) or the schema line; name a file to check it anyway",
            file=sys.stderr,
        )
        return USAGE
    where = f" '{shown(str(error.filename))}'" if error.filename else ""
    print(f"rcpack: cannot read{where}: {error.strerror or error}", file=sys.stderr)
    return USAGE

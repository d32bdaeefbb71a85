"""The command line: the commands, their arguments and their help, as argparse reads them."""

from __future__ import annotations

import argparse
import sys

from recurrent_care_pack._version import __version__

from . import arguments, checking, planning
from . import fmt as formatting
from . import site as website

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

    from _typeshed import SupportsWrite

__all__ = ["parser"]

#: Where the commands that use a pack (not validate or fmt) take it from without --pack.
_DEFAULT_PACK = "the pack folder you are in, else the bundled pack"


class _Parser(argparse.ArgumentParser):
    """argparse's parser: ``--help`` or ``--version`` that cannot be written is said.

    A usage error is one line, whatever the value it names holds (a newline in it). A
    command that needs an extra says in its help whether it is installed, and if not, how.
    """

    #: The extra this command needs, and the modules it brings.
    extra: tuple[str, tuple[str, ...]] | None = None

    def format_help(self) -> str:
        if self.extra is not None:
            self.epilog = _extra_said(*self.extra)
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        from recurrent_care_pack._output import shown  # noqa: PLC0415 (only on a usage error)

        super().error(shown(message))

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            stream = file or sys.stderr
            stream.write(message)
            flush = getattr(stream, "flush", None)
            if flush is not None:
                flush()


def _extra_said(extra: str, modules: tuple[str, ...]) -> str:
    """Whether ``extra`` is installed, and if not, the command that installs it."""
    import importlib.util  # noqa: PLC0415 (only for --help)

    missing = next((m for m in modules if importlib.util.find_spec(m) is None), None)
    if missing is None:
        return f"It needs rcpack's {extra} extra, which is installed."
    from recurrent_care_pack._output import missing_extra  # noqa: PLC0415

    return missing_extra("It needs", missing, extra)


def parser() -> argparse.ArgumentParser:
    """The command line: every command, its arguments and its help."""
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
        "paths", nargs="*", type=arguments.path, metavar="PATH", help="default: the current folder"
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
        type=arguments.size,
        default=None,
        metavar="SIZE",
        help="refuse files larger than this, e.g. 64M or 500K (default 32M)",
    )
    validate.set_defaults(run=checking.validate)
    summary = commands.add_parser(
        "summary",
        help=f"print a short summary of a pack (default: {_DEFAULT_PACK})",
        description="Print the sections, modules with their times, exercises and tips.",
    )
    summary.add_argument(
        "path",
        nargs="?",
        type=arguments.path,
        metavar="PATH",
        help=f"the pack (default: {_DEFAULT_PACK})",
    )
    summary.add_argument(
        "--pack", type=arguments.path, dest="pack", help="the pack, as the other commands take it"
    )
    summary.set_defaults(run=planning.summary)

    fmt = commands.add_parser(
        "fmt",
        help="rewrite content files in the canonical layout, keeping every comment",
        description="Rewrite content files in one canonical layout: keys in the schema's "
        "order, two-space indentation, quotes only where needed, durations spelt the "
        "canonical way. Every comment and value is kept; files are replaced whole.",
    )
    fmt.add_argument(
        "paths", nargs="*", type=arguments.path, metavar="PATH", help="default: the current folder"
    )
    _add_content_only(fmt)
    fmt.add_argument(
        "--check",
        action="store_true",
        help="change nothing; print a diff and exit 1 if any file would change",
    )
    fmt.set_defaults(run=formatting.fmt)

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
    plan.set_defaults(run=planning.plan)

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
        type=arguments.count,
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
    handout.set_defaults(run=planning.handout)

    init = commands.add_parser(
        "init",
        help="make a content repository: a starter pack, the schema, hooks and CI",
        description="Write a starter content repository into FOLDER: the bundled pack in "
        "content/, the schema and an editor setting for it, a yamllint configuration, "
        "pre-commit hooks and a GitHub Actions workflow. A file that exists is kept.",
    )
    init.add_argument(
        "folder",
        nargs="?",
        type=arguments.path,
        metavar="FOLDER",
        help="default: the current folder",
    )
    init.set_defaults(run=checking.init)

    _add_site(commands)

    show = commands.add_parser("show", help="print one item with its times")
    show.add_argument(
        "item",
        nargs="+",
        metavar="ITEM",
        help="an id or a name such as 'Film 6' (quotes optional)",
    )
    _add_pack(show)
    show.set_defaults(run=planning.show)

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
    _add_pack(materials)
    materials.set_defaults(run=planning.materials)

    _add_lsp(commands)
    return parser


def _add_lsp(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``rcpack lsp``: the language server."""
    lsp = commands.add_parser(
        "lsp",
        help="the language server: every check, and the pack's meaning, in your editor",
        description="Serve the Language Server Protocol over stdin and stdout, for an\n"
        "editor to start (see README, 'In your editor: rcpack lsp').",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the command, on one line
    )
    lsp.extra = ("lsp", ("pygls", "lsprotocol"))
    lsp.add_argument("--stdio", action="store_true", help="accepted: stdio is the only way")
    lsp.set_defaults(run=checking.lsp)


def _add_site(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``rcpack site``: its arguments and its help."""
    site = commands.add_parser(
        "site",
        help="write the pack as an accessible web site, with a live view of each session",
        description="Write the pack as a static web site into FOLDER: the pack, its "
        "modules, exercises, case studies, tips and reading, a page for each session file "
        "(its running sheet and a live view for the room), search, and linked data. A pack "
        "or session with problems writes no site. FOLDER is replaced whole, and only if it "
        "is new, empty, or a site rcpack wrote.",
    )
    site.add_argument("folder", type=arguments.path, metavar="FOLDER", help="where to write it")
    site.add_argument(
        "--session",
        dest="sessions",
        action="append",
        default=[],
        metavar="FILE",
        help="a session file to give a page (may be repeated; default: the session files "
        "in the current folder)",
    )
    site.add_argument(
        "--url",
        metavar="URL",
        help="the site's address, such as https://example.github.io/pack/ (for sitemap.xml)",
    )
    site.add_argument(
        "--no-search", action="store_true", help="leave out the search index (Pagefind)"
    )
    site.add_argument(
        "--serve",
        action="store_true",
        help="then serve it on this machine, build it again when a content or session file "
        "is saved, and reload the page (Ctrl-C to stop)",
    )
    site.add_argument(
        "--port", type=int, default=8000, help="the port --serve serves on (default 8000)"
    )
    _add_pack(site)
    site.set_defaults(run=website.site)


def _add_pack(parser: argparse.ArgumentParser, what: str = "the pack") -> None:
    parser.add_argument("--pack", type=arguments.path, help=f"{what} (default: {_DEFAULT_PACK})")


def _add_content_only(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content-only",
        action="store_true",
        help="pass over named files that are not pack content (for pre-commit hooks): "
        "content is what lies in a pack folder, or starts with the schema line",
    )


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("items", nargs="*", metavar="ITEM")
    parser.add_argument(
        "--slot",
        dest="slots",
        type=arguments.slot,
        action="append",
        default=[],
        metavar="[DATE ]HH:MM-HH:MM",
        help="a booked session, e.g. '2027-01-12 09:30-11:00': one per session, in order "
        "(instead of --start, --days, --day-end and --date); its end is a hard limit",
    )
    parser.add_argument(
        "--start", type=arguments.time_of_day, help="start time, e.g. 09:30 (the default)"
    )
    parser.add_argument(
        "--days", type=arguments.days, default=1, help="spread the plan over this many days"
    )
    parser.add_argument(
        "--day-end", type=arguments.time_of_day, help="no day may end after this time"
    )
    parser.add_argument(
        "--budget", type=arguments.duration, help="the time available; plan what fits"
    )
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
        type=arguments.duration,
        metavar="LENGTH",
        help="how long a break is (default 15 minutes)",
    )
    parser.add_argument(
        "--break-after-exercises", action="store_true", help="a break after each exercise"
    )
    parser.add_argument(
        "--break-every",
        type=arguments.duration,
        metavar="DURATION",
        help="at most this much time without a break: a break goes at the last point "
        "between items before it",
    )
    parser.add_argument(
        "--break-at",
        type=arguments.time_of_day,
        action="append",
        default=[],
        metavar="HH:MM",
        help="a break at about this time, at the nearest point between items (may be repeated)",
    )
    parser.add_argument(
        "--lunch",
        type=arguments.time_of_day,
        metavar="HH:MM",
        help="a lunch at about this time, at the nearest point between items (45 minutes)",
    )
    parser.add_argument(
        "--lunch-length", type=arguments.duration, metavar="LENGTH", help="how long the lunch is"
    )
    parser.add_argument(
        "--setup",
        type=arguments.duration,
        metavar="LENGTH",
        help="your set-up time, ending when a session starts",
    )
    parser.add_argument(
        "--opening",
        type=arguments.duration,
        metavar="LENGTH",
        help="your own opening, from a session's start",
    )
    parser.add_argument(
        "--closing",
        type=arguments.duration,
        metavar="LENGTH",
        help="your own closing, after the last item",
    )
    parser.add_argument(
        "--date",
        dest="dates",
        type=arguments.date_of,
        action="append",
        default=[],
        metavar="YYYY-MM-DD",
        help="the date of a day: one per day, in order (repeat it for --days)",
    )
    _add_pack(parser, "the pack to plan from")

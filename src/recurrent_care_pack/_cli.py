"""The ``rcpack`` command: wires the stages together and decides the exit code."""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__

__all__ = ["main"]

OK, PROBLEMS, USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``rcpack``; return the exit status (0 valid, 1 content problems, 2 usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors and 0 on --help
        return int(stop.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("rcpack: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 (a bug must never show an editor a traceback)
        print(f"rcpack: internal error, please report it: {error!r}", file=sys.stderr)
        return USAGE
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rcpack",
        description="Check and summarise Recurrent Care Resource Pack content.",
    )
    parser.add_argument("--version", action="version", version=f"rcpack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check content files and folders (default: the bundled pack)",
        description="Check content files and folders; exit 0 when valid, 1 when there "
        "are problems, 2 when a path cannot be read.",
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.set_defaults(run=_validate)
    summary = commands.add_parser(
        "summary",
        help="print a short summary of a pack (default: the bundled pack)",
        description="Print the sections, modules with their times, exercises and tips.",
    )
    summary.add_argument("path", nargs="?", type=Path, metavar="PATH")
    summary.set_defaults(run=_summary)
    return parser


def _validate(args: argparse.Namespace) -> int:
    from ._loading import check, pack_roots  # noqa: PLC0415 (keep --version and --help fast)
    from ._problems import Problem, sort_key  # noqa: PLC0415
    from ._reporting import text_report  # noqa: PLC0415

    paths: list[Path] = args.paths
    unreadable = _check_paths(paths)
    if unreadable:
        return unreadable
    roots: list[Path | None] = list(pack_roots(paths)) if paths else [None]
    files: list[Path] = []
    problems: list[Problem] = []
    for root in roots:
        try:
            result = check(root)
        except OSError as error:
            return _cannot_read(error)
        files.extend(f for f in result.files if f not in files)
        problems.extend(result.problems)
    for line in text_report(sorted(problems, key=sort_key), files):
        print(line)
    return PROBLEMS if problems else OK


def _summary(args: argparse.Namespace) -> int:
    from ._loading import check, pack_roots  # noqa: PLC0415
    from ._reporting import text_report  # noqa: PLC0415
    from ._summary import summary  # noqa: PLC0415

    path: Path | None = args.path
    if path is not None:
        unreadable = _check_paths([path])
        if unreadable:
            return unreadable
        path = pack_roots([path])[0]
    try:
        result = check(path)
    except OSError as error:
        return _cannot_read(error)
    if result.pack is None:
        for line in text_report(result.problems, result.files):
            print(line)
        return PROBLEMS
    print(summary(result.pack))
    return OK


def _check_paths(paths: Sequence[Path]) -> int:
    from ._loading import content_files  # noqa: PLC0415

    for path in paths:
        if not path.exists():
            print(f"rcpack: cannot read '{path}': no such file or folder", file=sys.stderr)
            return USAGE
        try:
            found = content_files(path)
        except OSError as error:
            return _cannot_read(error)
        if not found:
            print(f"rcpack: '{path}' holds no .yaml or .yml files", file=sys.stderr)
            return USAGE
    return OK


def _cannot_read(error: OSError) -> int:
    where = f" '{error.filename}'" if error.filename else ""
    print(f"rcpack: cannot read{where}: {error.strerror or error}", file=sys.stderr)
    return USAGE

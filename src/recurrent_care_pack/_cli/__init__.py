"""The ``rcpack`` command: each command parses, calls one stage, reports, returns a status.

`main` runs it and returns the exit status; `run` is the installed command. The parser is
in ``parser.py``, the argument types in ``arguments.py``, the commands in ``checking.py``
(validate, init, lsp), ``fmt.py``, ``planning.py`` (plan, handout, show, materials,
summary) and ``session.py`` (a session file named instead of items). What goes wrong
outside the content becomes one line and a status here, in `main`, alone; a command
ends early by raising ``status.Exit``.
"""

from __future__ import annotations

import io
import os
import sys

from .status import FOLDER_GONE, OK, PROBLEMS, USAGE, Exit, folder_gone

# Not typing.TYPE_CHECKING: ``rcpack --version`` must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import NoReturn

__all__ = ["OK", "PROBLEMS", "USAGE", "main", "run"]


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
    from .parser import parser  # noqa: PLC0415 (the commands need this module first)

    command_line = parser()
    try:
        args = command_line.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors and 0 on --help
        return int(stop.code or 0)
    except BrokenPipeError:  # rcpack --help | head -1
        _stop_writing()
        return 141
    except OSError as error:  # --help or --version could not be written (the disk is full)
        _stop_writing()
        return _cannot_write(error)
    if args.command is None:
        command_line.print_help(sys.stderr)
        return USAGE
    return _command(args)


def _command(args: argparse.Namespace) -> int:  # noqa: PLR0911 (one status per way to end)
    """Run the command ``args`` names; what goes wrong outside the content is one line."""
    try:
        status: int = args.run(args)
    except Exit as stop:
        if stop.message is not None:
            from recurrent_care_pack._output import shown  # noqa: PLC0415 (only when said)

            print(f"rcpack: {shown(stop.message)}", file=sys.stderr)
        return stop.status
    except KeyboardInterrupt:
        print("rcpack: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output has gone (rcpack ... | head -1)
        _stop_writing()
        return 141  # as a shell reports a command stopped by SIGPIPE
    except OSError as error:  # a path names what could not be read; else it is the output
        if folder_gone():
            print(f"rcpack: {FOLDER_GONE}", file=sys.stderr)
            return USAGE
        if error.filename is not None:
            return _cannot_read(error)
        _stop_writing()
        return _cannot_write(error)
    except Exception as error:  # noqa: BLE001 (a bug must never show an editor a traceback)
        print(f"rcpack: internal error, please report it: {error!r}", file=sys.stderr)
        return USAGE
    return status


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


def _cannot_read(error: OSError) -> int:
    from recurrent_care_pack._content import NoContentError  # noqa: PLC0415
    from recurrent_care_pack._output import shown  # noqa: PLC0415

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

"""``rcpack fmt``: its code as it was in ``_cli.py``, moved whole (its outcome moves down)."""

from __future__ import annotations

import errno
import sys

from .status import OK, PROBLEMS, USAGE

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

__all__ = ["fmt"]


def _fmt(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from recurrent_care_pack._content import find_files  # noqa: PLC0415
    from recurrent_care_pack._output import checked  # noqa: PLC0415

    files = find_files(args.paths or [Path()], content_only=args.content_only, lenient=True)
    outcomes = [_fmt_file(file, check=args.check) for file in files]
    changed, unchanged, refused, unread, failed = (
        outcomes.count(o) for o in ("changed", "unchanged", "refused", "unread", "failed")
    )
    verb = "would be reformatted" if args.check else "reformatted"
    summary = f"{checked(files, by_name=False)}: {changed} {verb}, {unchanged} unchanged"
    if refused:
        summary += f", {refused} refused"
    if unread:
        summary += f", {unread} not read"
    if failed:
        summary += f", {failed} not written"
    print(summary)
    if failed or unread:
        return USAGE
    return PROBLEMS if refused or (args.check and changed) else OK


def _fmt_file(file: Path, *, check: bool) -> str:  # noqa: PLR0911 (one word per outcome)
    """Format one file, saying what was done: changed, unchanged, refused, unread or failed.

    A file that cannot be read ('unread': a pipe, or no permission) or written ('failed')
    is said on stderr; the run goes on to the next.
    """
    from recurrent_care_pack._content import (  # noqa: PLC0415
        WriteError,
        format_file,
        write_formatted,
    )
    from recurrent_care_pack._output import shown  # noqa: PLC0415

    name = shown(str(file))  # a file name is one line, whatever it holds
    try:
        result = format_file(_readable(file))
    except OSError as error:
        print(f"rcpack: cannot read '{name}': {error.strerror or error}", file=sys.stderr)
        return "unread"
    if result.after is None:
        for problem in result.problems:
            print(shown(str(problem)))
        why = (
            "its layout cannot be rewritten safely"
            if any(problem.code == "RC120" for problem in result.problems)
            else "it must read cleanly to be formatted"
        )
        print(f"rcpack fmt: left {name} as it is: {why}")
        return "refused"
    if not result.changed:
        return "unchanged"
    if check:
        for line in result.diff(name).split("\n")[:-1]:  # lines as patch reads them
            crlf = line.endswith("\r") and "\r" not in line[:-1]  # not shown as \r
            print(shown(line[:-1] if crlf else line))
        print(f"would reformat {name}")
        return "changed"
    try:
        written = write_formatted(file, result)
    except WriteError as error:
        print(f"rcpack: {error}", file=sys.stderr)  # one line: WriteError escapes the name
        return "failed"
    if written:
        print(f"reformatted {name}")
        return "changed"
    print(
        f"rcpack fmt: left {name} as it is: the file changed while it was being formatted; "
        "run rcpack fmt again"
    )
    return "refused"


def _readable(file: Path) -> Path:
    """``file``, if it is a file; ``OSError`` saying what it is else (a pipe would never end)."""
    if not file.is_file():
        file.stat()  # a link to nothing says so itself
        raise OSError(errno.EINVAL, "it is not a file (a pipe, socket or device)")
    return file


#: The command, by the name the parser gives it.
fmt = _fmt

"""``rcpack fmt``: each file formatted by the stage, its lines from the reports, a status."""

from __future__ import annotations

import sys

from .status import OK, PROBLEMS, USAGE

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

__all__ = ["fmt"]


def fmt(args: argparse.Namespace) -> int:
    """Format the files named (or found); 2 if one was not read or written, 1 if refused."""
    from pathlib import Path  # noqa: PLC0415 (keep --version and --help fast)

    from recurrent_care_pack._content import Outcome, find_files, format_path  # noqa: PLC0415
    from recurrent_care_pack._output import fmt_lines, fmt_summary  # noqa: PLC0415

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

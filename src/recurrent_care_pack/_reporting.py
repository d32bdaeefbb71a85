"""Reporting: problems formatted for people; nothing here decides an exit code."""

from collections.abc import Sequence
from pathlib import Path

from ._problems import Problem

__all__ = ["text_report"]


def text_report(problems: Sequence[Problem], files: Sequence[Path]) -> list[str]:
    """One ``PATH:LINE:COL: CODE message`` line per problem, then a one-line summary."""
    lines = []
    for problem in problems:
        where = str(problem.file)
        if problem.line is not None:
            where += f":{problem.line}:{problem.column or 1}"
        lines.append(f"{where}: {problem.code} {problem.message}")
    count = len(files)
    checked = f"checked {count} file{'' if count == 1 else 's'}"
    if not problems:
        lines.append(f"{checked}: no problems")
    else:
        bad = len({p.file for p in problems})
        lines.append(
            f"{checked}: {len(problems)} problem{'' if len(problems) == 1 else 's'} "
            f"in {bad} file{'' if bad == 1 else 's'}"
        )
    return lines

"""Reporting: problems formatted for people, for programs and for GitHub; no exit codes here."""

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from recurrent_care_pack._problems import Problem

__all__ = ["REPORTERS", "github_report", "json_report", "shown", "text_report"]

#: The version of the JSON report's layout; it changes only when a key changes meaning.
JSON_REPORT_VERSION = 1


#: What a report never prints as it is: control characters (a terminal would obey them: clear
#: the screen, retitle the window), line and paragraph separators, halves of UTF-16 pairs.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_UNSHOWABLE_ON_ONE_LINE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    return ascii(found.group())[1:-1]  # '\n', '\x1b', '\u2028'


def shown(text: str) -> str:
    """``text`` with every control character written as an escape, so it prints as one line."""
    return _UNSHOWABLE.sub(_escape, text)


def _summary(problems: Sequence[Problem], files: Sequence[Path]) -> str:
    count = len(files)
    checked = f"checked {count} file{'' if count == 1 else 's'}"
    if not problems:
        return f"{checked}: no problems"
    bad = len({p.file for p in problems})
    return (
        f"{checked}: {len(problems)} problem{'' if len(problems) == 1 else 's'} "
        f"in {bad} file{'' if bad == 1 else 's'}"
    )


def text_report(problems: Sequence[Problem], files: Sequence[Path]) -> list[str]:
    """One ``PATH:LINE:COL: CODE message`` line per problem, then a one-line summary.

    What a line echoes from the content is escaped (`shown`): one problem, one line.
    """
    return [*(shown(str(problem)) for problem in problems), _summary(problems, files)]


def github_report(problems: Sequence[Problem], files: Sequence[Path]) -> list[str]:
    """GitHub Actions workflow commands, one ``::error`` per problem, then the summary.

    The syntax is GitHub's: ``::error file=F,line=L,col=C,title=T::MESSAGE``, with ``%``,
    carriage returns and newlines escaped everywhere, and ``:`` and ``,`` in properties;
    other control characters are written as backslash escapes, as in the text report.
    """
    lines = []
    for problem in problems:
        properties = [f"file={_property(str(problem.file))}"]
        if problem.line is not None:
            properties.append(f"line={problem.line}")
            properties.append(f"col={problem.column or 1}")
        properties.append(f"title={_property(problem.code)}")
        lines.append(f"::error {','.join(properties)}::{_data(problem.message)}")
    lines.append(_summary(problems, files))
    return lines


def json_report(problems: Sequence[Problem], files: Sequence[Path]) -> list[str]:
    """One JSON document: the problems and a summary (see README, "The JSON report")."""
    report = {
        "version": JSON_REPORT_VERSION,
        "valid": not problems,
        "files": [str(f) for f in files],
        "problems": [
            {
                "code": p.code,
                "message": p.message,
                "file": str(p.file),
                "line": p.line,
                "column": p.column,
                "path": p.path,
            }
            for p in problems
        ],
        "summary": {
            "files": len(files),
            "problems": len(problems),
            "files_with_problems": len({p.file for p in problems}),
        },
    }
    return [json.dumps(report, indent=2, ensure_ascii=False)]


def _data(text: str) -> str:
    text = _UNSHOWABLE_ON_ONE_LINE.sub(_escape, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


#: The reporters by the name ``--format`` takes.
REPORTERS: dict[str, Callable[[Sequence[Problem], Sequence[Path]], list[str]]] = {
    "text": text_report,
    "json": json_report,
    "github": github_report,
}

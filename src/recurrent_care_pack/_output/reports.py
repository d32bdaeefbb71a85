"""Reporting: problems formatted for people, for programs and for GitHub; no exit codes here."""

import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from recurrent_care_pack._problems import Problem

__all__ = ["REPORTERS", "checked", "github_report", "json_report", "shown", "text_report"]

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


def checked(files: Sequence[Path], *, by_name: bool = True) -> str:
    """What was checked, in a few words: ``2 files in data/``, ``1 file, data/pack.yaml``.

    One file is named, unless not ``by_name``: then its folder is (``1 file in data/``).
    """
    if not files:
        return "no files"
    if len(files) == 1 and by_name:
        return f"1 file, {shown(str(files[0]))}"
    return f"{len(files)} file{'' if len(files) == 1 else 's'} in {_folder_of(files)}"


def _folder_of(files: Sequence[Path]) -> str:
    """The folder that holds every one of ``files``, as they were named."""
    try:
        common = os.path.commonpath([str(file.parent) for file in files])
    except ValueError:  # some relative, some absolute
        common = os.path.commonpath([str(file.parent.absolute()) for file in files])
    if common in {"", "."}:
        return "this folder"
    return shown(common.rstrip(os.sep) + os.sep)


def _summary(problems: Sequence[Problem], files: Sequence[Path]) -> str:
    where = checked(files)
    if not problems:
        return f"checked {where}: no problems"
    bad = len({p.file for p in problems})
    return (
        f"checked {where}: {len(problems)} problem{'' if len(problems) == 1 else 's'} "
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

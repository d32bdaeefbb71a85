"""Reporting: problems formatted for people, for programs and for GitHub; no exit codes here."""

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

from attrs import evolve

from recurrent_care_pack._output.sarif import sarif_log
from recurrent_care_pack._output.workspace import workspace_path
from recurrent_care_pack._problems import Fix, Problem
from recurrent_care_pack._text import escape, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from recurrent_care_pack._content.formatting import FormatResult

__all__ = [
    "REPORTERS",
    "checked",
    "fmt_lines",
    "fmt_summary",
    "github_report",
    "json_report",
    "sarif_report",
    "shown",
    "step_summary",
    "text_report",
    "write_step_summary",
]

#: The version of the JSON report's layout; it changes only when a key changes meaning.
JSON_REPORT_VERSION = 1


#: What a report of lines prints as it is: line breaks between its lines; the rest as
#: `shown` escapes it.
_UNSHOWABLE_ON_ONE_LINE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


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
    """The folder that holds every one of ``files``: relative if they all are."""
    parents = [os.path.abspath(file.parent) for file in files]  # noqa: PTH100 (normalises ..)
    common = Path(os.path.commonpath(parents))
    if any(file.is_absolute() for file in files):
        return shown(str(common).rstrip(os.sep) + os.sep)
    relative = os.path.relpath(common)
    if relative == ".":
        return "this folder"
    return shown(relative + os.sep)


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


#: GitHub shows at most this many error annotations of one step; the rest are only in the log.
GITHUB_ANNOTATIONS = 10

#: What a job summary may hold: GitHub refuses a step's summary over 1 MiB, all of it.
STEP_SUMMARY_LIMIT = 1 << 20


def github_report(
    problems: Sequence[Problem], files: Sequence[Path], workspace: Path | None = None
) -> list[str]:
    """GitHub Actions workflow commands, one ``::error`` per problem, then the summary.

    The syntax is GitHub's: ``::error file=F,line=L,col=C,title=T::MESSAGE``, with ``%``,
    carriage returns and newlines escaped everywhere, and ``:`` and ``,`` in properties;
    other control characters are written as backslash escapes, as in the text report.
    Paths are relative to the workspace (`workspace_path`), so annotations land on the diff.
    GitHub shows only `GITHUB_ANNOTATIONS` errors of a step: past those, problems are text
    lines, and one ``::notice`` says how many more there are and where to read them.
    """
    lines = []
    for number, found in enumerate(problems):
        problem = evolve(found, file=workspace_path(found.file, workspace))
        if number >= GITHUB_ANNOTATIONS:
            lines.append(shown(str(problem)))
            continue
        properties = [f"file={_property(problem.file.as_posix())}"]
        if problem.line is not None:
            properties.append(f"line={problem.line}")
            properties.append(f"col={problem.column or 1}")
        properties.append(f"title={_property(problem.code)}")
        lines.append(f"::error {','.join(properties)}::{_data(problem.message)}")
    if len(problems) > GITHUB_ANNOTATIONS:
        more = len(problems) - GITHUB_ANNOTATIONS
        where = "this step's log lists"
        if _step_summary_file():
            where = "the job summary and this step's log list"
        lines.append(
            f"::notice title=rcpack::{more} more problem{'' if more == 1 else 's'} than GitHub "
            f"shows as annotations ({GITHUB_ANNOTATIONS} a step); {where} all {len(problems)}"
        )
    lines.append(_summary(problems, files))
    return lines


def step_summary(
    problems: Sequence[Problem],
    files: Sequence[Path],
    environ: Mapping[str, str],
    limit: int = STEP_SUMMARY_LIMIT,
) -> str:
    """A GitHub job summary in Markdown: a heading, the summary line, a table of every problem.

    Each place links to its line in the repository when ``environ`` names the server,
    repository and commit (as in GitHub Actions). Text from the content is escaped, so a
    ``|``, a backtick, a ``<`` or a line break shows as itself and never breaks the table.
    Rows stop before the summary would pass ``limit`` bytes, with a line saying how many
    were left out.
    """
    workspace = Path(environ.get("GITHUB_WORKSPACE") or os.curdir)
    parts = [f"### rcpack validate\n\n{_markdown(_summary(problems, files))}\n"]
    if problems:
        parts.append("\n| Where | Code | Problem |\n| --- | --- | --- |\n")
    size = sum(len(part.encode("utf-8")) for part in parts)
    for number, problem in enumerate(problems):
        where = _markdown_place(problem, workspace_path(problem.file, workspace), environ)
        row = f"| {where} | {problem.code} | {_markdown(problem.message)} |\n"
        size += len(row.encode("utf-8"))
        if size > limit - 300:  # room for the line below
            left = len(problems) - number
            parts.append(
                f"\n{left} more problem{'' if left == 1 else 's'} not listed here: GitHub "
                "takes at most 1 MiB of summary from a step. This step's log lists every one.\n"
            )
            break
        parts.append(row)
    return "".join(parts)


def write_step_summary(
    problems: Sequence[Problem], files: Sequence[Path], environ: Mapping[str, str] = os.environ
) -> str | None:
    """Append `step_summary` to the file ``$GITHUB_STEP_SUMMARY`` names, if it names one.

    What the file holds already is kept. Return why it could not be written, or None:
    a summary is an extra, so failing to write it is a warning, never a failed check. It is
    written as `append_file` writes (whole or not at all; a FIFO nothing reads from is not
    waited on; a file with more than one hard link refused), and never into a content
    file: a YAML file, one of ``files``, or a file whose text reads as pack content.
    """
    from recurrent_care_pack._content.finding import (  # noqa: PLC0415
        CONTENT_SUFFIXES,
        is_content_file,
    )
    from recurrent_care_pack._files import WriteError, append_file, file_named  # noqa: PLC0415

    target = _step_summary_file(environ)
    if not target:
        return None

    def summary(written: int) -> bytes:
        text = step_summary(problems, files, environ, STEP_SUMMARY_LIMIT - written)
        return (("\n" if written else "") + text).encode("utf-8")

    try:
        path = file_named(target, _SUMMARY_EXAMPLE)
        if _is_content(path, files, CONTENT_SUFFIXES) or (
            path.is_file() and os.access(path, os.R_OK) and is_content_file(path)
        ):
            return (
                f"cannot write the job summary to '{shown(target)}': it is a content file, "
                "and the summary would be added to it; set GITHUB_STEP_SUMMARY to the file "
                "GitHub gives; the report above is complete"
            )
        append_file(path, summary, example=_SUMMARY_EXAMPLE)
    except WriteError as error:
        why = error.reason
    except OSError as error:
        why = shown(error.strerror or str(error))
    else:
        return None
    return (
        f"cannot write the job summary to '{shown(target)}': {why}; the report above is complete"
    )


#: The file suggested when GITHUB_STEP_SUMMARY names a folder or a socket.
_SUMMARY_EXAMPLE = "summary.md"


def _is_content(path: Path, files: Sequence[Path], suffixes: Sequence[str]) -> bool:
    """Whether ``path`` is a content file: a YAML name (its links followed) or one of ``files``."""
    names = {path.suffix.lower(), Path(os.path.realpath(path)).suffix.lower()}
    if names & set(suffixes):
        return True
    for file in files:
        try:
            if path.samefile(file):
                return True
        except OSError:
            continue
    return False


def _step_summary_file(environ: Mapping[str, str] = os.environ) -> str:
    return environ.get("GITHUB_STEP_SUMMARY", "")


#: What Markdown reads as markup inside a table cell; a backslash makes each plain text.
_MARKDOWN = re.compile(r"[\\`*_\[\]<>&|~$]")


def _markdown(text: str) -> str:
    """``text`` as one line of Markdown that shows exactly ``text`` (escaped as `shown`)."""
    return _MARKDOWN.sub(lambda found: "\\" + found.group(), shown(text))


def _markdown_place(problem: Problem, file: Path, environ: Mapping[str, str]) -> str:
    """Where ``problem`` is, linked to the line on GitHub when the file is in the repository."""
    place = file.as_posix()
    if problem.line is not None:
        place += f":{problem.line}:{problem.column or 1}"
    text = _markdown(place)
    server, repository, commit = (
        environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if file.is_absolute() or not (server and repository and commit):
        return text
    url = f"{server}/{repository}/blob/{commit}/{quote(file.as_posix(), errors='surrogateescape')}"
    if problem.line is not None:
        url += f"#L{problem.line}"
    return f"[{text}]({url})"


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
                "fix": _fix(p.fix),
                "related": [
                    {"file": str(r.file), "line": r.line, "column": r.column, "message": r.message}
                    for r in p.related
                ],
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


def _fix(fix: Fix | None) -> dict[str, object] | None:
    """A problem's fix in the JSON report (README, "The JSON report"): null for none."""
    if fix is None:
        return None
    return {
        "replacements": list(fix.replacements),
        "key": fix.key,
        "at": None if fix.at is None else {"line": fix.at[0], "column": fix.at[1]},
        "titles": [title for title, _ in fix.offers],
    }


def sarif_report(problems: Sequence[Problem], files: Sequence[Path]) -> list[str]:
    """One SARIF 2.1.0 log, for code-scanning tools and GitHub's upload-sarif (`sarif_log`)."""
    return [json.dumps(sarif_log(problems, files), indent=2, ensure_ascii=False)]


def _data(text: str) -> str:
    text = _UNSHOWABLE_ON_ONE_LINE.sub(escape, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


#: The reporters by the name ``--format`` takes.
REPORTERS: dict[str, Callable[[Sequence[Problem], Sequence[Path]], list[str]]] = {
    "text": text_report,
    "json": json_report,
    "github": github_report,
    "sarif": sarif_report,
}


def fmt_lines(result: "FormatResult") -> Iterator[tuple[str, bool]]:
    """What ``rcpack fmt`` says of one file: each line, with whether it goes to stderr.

    A file refused is said with its problems and the reason; with ``--check``, a file
    that would change with its diff.
    """
    from recurrent_care_pack._content.formatting import Outcome  # noqa: PLC0415 (fmt's own)

    name = shown(str(result.file))  # a file name is one line, whatever it holds
    if result.outcome is Outcome.UNREAD:
        yield f"rcpack: cannot read '{name}': {result.error}", True
    elif result.outcome is Outcome.FAILED:
        yield f"rcpack: {result.error}", True  # one line: WriteError escapes the name
    elif result.outcome is Outcome.REFUSED:
        for problem in result.problems:
            yield shown(str(problem)), False
        yield f"rcpack fmt: left {name} as it is: {result.reason}", False
    elif result.outcome is Outcome.CHANGED and result.diff is not None:
        for line in result.diff.split("\n")[:-1]:  # lines as patch reads them
            crlf = line.endswith("\r") and "\r" not in line[:-1]  # not shown as \r
            yield shown(line[:-1] if crlf else line), False
        yield f"would reformat {name}", False
    elif result.outcome is Outcome.CHANGED:
        yield f"reformatted {name}", False


def fmt_summary(results: Sequence["FormatResult"], *, check: bool) -> str:
    """The line that ends ``rcpack fmt``: how many files changed, or would with ``check``."""
    from recurrent_care_pack._content.formatting import Outcome  # noqa: PLC0415 (fmt's own)

    count = Counter(result.outcome for result in results)
    files = [result.file for result in results]
    verb = "would be reformatted" if check else "reformatted"
    summary = (
        f"{checked(files, by_name=False)}: {count[Outcome.CHANGED]} {verb}, "
        f"{count[Outcome.UNCHANGED]} unchanged"
    )
    if count[Outcome.REFUSED]:
        summary += f", {count[Outcome.REFUSED]} refused"
    if count[Outcome.UNREAD]:
        summary += f", {count[Outcome.UNREAD]} not read"
    if count[Outcome.FAILED]:
        summary += f", {count[Outcome.FAILED]} not written"
    return summary

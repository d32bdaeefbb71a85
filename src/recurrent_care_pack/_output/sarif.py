"""SARIF 2.1.0: problems as results of a static analysis, for code-scanning tools.

Each code that appears is a rule, with its title and the help of docs/problem-codes.md
(the wheel carries that file, see ``pyproject.toml``); each problem is a result at its file,
line and column, with the fix its message names as SARIF ``fixes`` (`_fixes`). Paths are
relative to the workspace, as GitHub's upload-sarif wants.
"""

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from recurrent_care_pack._content.marks import Mark
from recurrent_care_pack._content.reading import value_ends, where_marked_ends
from recurrent_care_pack._content.resources import bundled
from recurrent_care_pack._output.workspace import workspace_path, workspace_root
from recurrent_care_pack._problems import CODES, Place, Problem, mendable
from recurrent_care_pack._text import LINE_BREAK, line_break
from recurrent_care_pack._version import __version__

__all__ = ["SARIF_SCHEMA", "code_help", "sarif_log"]

#: The schema a SARIF 2.1.0 log names: OASIS's, with the approved errata.
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

#: Relative paths in the log are relative to this base, the workspace.
_BASE = "%SRCROOT%"

_SECTION = re.compile(r"^## (RC\d+): [^\n]*\n", re.MULTILINE)


def code_help(catalogue: str) -> dict[str, str]:
    """Each code's section of docs/problem-codes.md (Markdown), by code."""
    parts = _SECTION.split(catalogue)
    return {code: body.strip() for code, body in zip(parts[1::2], parts[2::2], strict=True)}


@functools.cache
def _installed_help() -> Mapping[str, str]:
    """The help of every code, from the docs shipped with the package; none if they are gone."""
    try:
        return code_help(bundled("docs/problem-codes.md").read_text(encoding="utf-8"))
    except OSError:
        return {}


def sarif_log(
    problems: Sequence[Problem],
    files: Sequence[Path],
    workspace: Path | None = None,
    help_by_code: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one run: rcpack, a rule per code found, a result per problem.

    Every file checked is an artifact; paths inside ``workspace`` (`workspace_root`) are
    relative to the base id ``%SRCROOT%``, others are absolute ``file:`` URIs. A problem
    with no line (about the whole file) has no region. ``help_by_code`` is the Markdown help
    of each code (default: docs/problem-codes.md).
    """
    helps = _installed_help() if help_by_code is None else help_by_code
    codes = sorted({problem.code for problem in problems})
    rule_index = {code: index for index, code in enumerate(codes)}
    artifacts: dict[str, dict[str, str]] = {}
    for file in [*files, *(problem.file for problem in problems)]:
        location = _location(file, workspace)
        artifacts.setdefault(location["uri"], location)
    artifact_index = {uri: index for index, uri in enumerate(artifacts)}
    results = []
    texts = _Lines()
    for problem in problems:
        location = _location(problem.file, workspace)
        artifact = {**location, "index": artifact_index[location["uri"]]}
        physical: dict[str, Any] = {"artifactLocation": artifact}
        if problem.line is not None:
            physical["region"] = {"startLine": problem.line}
            if problem.column is not None:
                physical["region"]["startColumn"] = problem.column
        result: dict[str, Any] = {
            "ruleId": problem.code,
            "ruleIndex": rule_index[problem.code],
            "level": "error",
            "message": {"text": problem.message},
            "locations": [{"physicalLocation": physical}],
        }
        if problem.related:
            result["relatedLocations"] = [
                _related(index, place, workspace) for index, place in enumerate(problem.related)
            ]
        fixes = _fixes(problem, artifact, texts)
        if fixes:
            result["fixes"] = fixes
        results.append(result)
    base = workspace_root(workspace).as_uri()
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rcpack",
                        "version": __version__,
                        "rules": [_rule(code, helps.get(code)) for code in codes],
                    }
                },
                "originalUriBaseIds": {_BASE: {"uri": base if base.endswith("/") else base + "/"}},
                "artifacts": [
                    {"location": location, "roles": ["analysisTarget"]}
                    for location in artifacts.values()
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _related(index: int, place: Place, workspace: Path | None) -> dict[str, Any]:
    """Another place the problem concerns, as a SARIF related location."""
    region = {"startLine": place.line, "startColumn": place.column}
    artifact = _location(place.file, workspace)
    return {
        "id": index,
        "physicalLocation": {"artifactLocation": artifact, "region": region},
        "message": {"text": place.message},
    }


class _Lines:
    """The lines of each file a fix edits, as YAML breaks them, read once (none if unreadable).

    Where each key and value ends (`value_ends`) is read too, once, for the first fix.
    """

    def __init__(self) -> None:
        self.read: dict[Path, tuple[str, list[str]] | None] = {}
        self.ends: dict[Path, dict[Mark, Mark | None]] = {}

    def lines(self, file: Path) -> list[str] | None:
        if file not in self.read:
            try:
                text = file.read_bytes().decode("utf-8-sig")  # columns count after a BOM
            except (OSError, UnicodeDecodeError):
                self.read[file] = None
            else:
                self.read[file] = (text, LINE_BREAK.split(text))
        kept = self.read[file]
        return None if kept is None else kept[1]

    def line_break(self, file: Path) -> str:
        """The line break ``file`` (read) is written with, as its first one is."""
        kept = self.read[file]
        return line_break(kept[0]) if kept is not None else "\n"

    def line(self, file: Path, number: int) -> str | None:
        lines = self.lines(file)
        return lines[number - 1] if lines is not None and 0 < number <= len(lines) else None

    def end(self, file: Path, start: Mark) -> Mark | None:
        """Where the key or value at ``start`` in ``file`` (read) ends; None: no edit is safe."""
        kept = self.read[file]
        assert kept is not None  # noqa: S101 (a line of it was read)
        if file not in self.ends:
            self.ends[file] = value_ends(kept[0])
        return where_marked_ends(self.ends[file], kept[1], start)


def _fixes(problem: Problem, artifact: dict[str, Any], texts: _Lines) -> list[dict[str, Any]]:
    """The problem's fix as SARIF fixes, one per edit it offers (each a way to mend it).

    A replacement deletes the key or value that starts where the problem is, as YAML reads
    the file now (`where_marked_ends`) and inserts its text; a key is inserted before the
    mapping's first key (the fix's ``at``, else the problem's place) with a line break and
    that key's indentation. No fix is given where the file or the line cannot be read, or
    where no edit is safe (`mendable`).
    """
    fix, line, column = problem.fix, problem.line, problem.column or 1
    if fix is not None and fix.at is not None:
        line, column = fix.at
    text = texts.line(problem.file, line) if fix is not None and line is not None else None
    if fix is None or line is None or text is None or not mendable(text, column):
        return []
    start = Mark(line, column)
    end = start if fix.key is not None else texts.end(problem.file, start)
    if end is None:
        return []
    region = {"startLine": line, "startColumn": column, "endColumn": end.column}
    if end.line != line:  # a value over two lines, or a flow mapping's
        region["endLine"] = end.line
    # A key, on a line of its own, ended as the file's lines are.
    after = (
        f": {texts.line_break(problem.file)}{' ' * (column - 1)}" if fix.key is not None else ""
    )
    return [
        {
            "description": {"text": title},
            "artifactChanges": [
                {
                    "artifactLocation": artifact,
                    "replacements": [
                        {
                            "deletedRegion": region,
                            "insertedContent": {"text": replacement + after},
                        }
                    ],
                }
            ],
        }
        for title, replacement in fix.offers
    ]


def _location(file: Path, workspace: Path | None) -> dict[str, str]:
    """An artifact location: relative to the workspace when inside it, else absolute."""
    where = workspace_path(file, workspace)
    if where.is_absolute():
        return {"uri": where.as_uri()}
    return {"uri": quote(where.as_posix(), errors="surrogateescape"), "uriBaseId": _BASE}


def _rule(code: str, markdown: str | None) -> dict[str, Any]:
    """The rule for ``code``: its title, and what it means and how to fix it if known."""
    title = CODES.get(code, code)
    rule: dict[str, Any] = {
        "id": code,
        "name": _name(title),
        "shortDescription": {"text": title},
        "defaultConfiguration": {"level": "error"},
    }
    if markdown:
        paragraphs = [" ".join(paragraph.split()) for paragraph in markdown.split("\n\n")]
        what = "\n\n".join(
            paragraph for paragraph in _before_example(paragraphs) if not _is_fix(paragraph)
        )
        fixes = [f"Fix: {p.removeprefix('**Fix:** ')}" for p in paragraphs if _is_fix(p)]
        rule["fullDescription"] = {"text": what}
        rule["help"] = {"text": "\n\n".join([what, *fixes]), "markdown": markdown}
    return rule


def _before_example(paragraphs: list[str]) -> list[str]:
    for number, paragraph in enumerate(paragraphs):
        if paragraph.startswith("```"):
            return paragraphs[:number]
    return paragraphs


def _is_fix(paragraph: str) -> bool:
    return paragraph.startswith("**Fix:**")


def _name(title: str) -> str:
    """A rule's name from its title: 'an unknown key' is ``UnknownKey``."""
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"\([^)]*\)", "", title))
    if words[:1] in (["a"], ["an"], ["the"]):
        words = words[1:]
    return "".join(word[0].upper() + word[1:] for word in words)

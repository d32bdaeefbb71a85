"""Reports for people, for programs, and for GitHub pull requests."""

import json
import re
from pathlib import Path

import pytest

from recurrent_care_pack import Problem, validate
from recurrent_care_pack._cli import main
from recurrent_care_pack._output.reports import github_report, json_report, text_report

BAD = 'pack:\n  id: p\n  title: "Caf\u00e9, 50% off: no"\n'  # a comma, a percent, a colon

# GitHub's documented syntax for a workflow command: "::error file={name},line={line},
# endLine={endLine},title={title}::{message}"; property values escape %, CR, LF, ':' and
# ','; the message escapes %, CR and LF.
_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice)(?: (?P<properties>[^:]*))?::(?P<data>.*)$"
)
_PROPERTY = re.compile(r"^(?P<key>file|line|endLine|col|endColumn|title)=(?P<value>[^,:]*)$")


def _unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def _problem(message: str) -> Problem:
    return Problem(
        file=Path("data/a, b: c.yaml"), line=3, column=10, code="RC201", message=message
    )


def test_github_annotations_parse_by_the_documented_syntax() -> None:
    """Every annotation line parses as a workflow command and unescapes to the problem."""
    message = "100% sure: line one,\nline two\r"
    [line, summary] = github_report([_problem(message)], [Path("data/a, b: c.yaml")])
    match = _COMMAND.match(line)
    assert match is not None
    assert match["command"] == "error"
    parsed = [_PROPERTY.match(p) for p in match["properties"].split(",")]
    properties = {m["key"]: _unescape(m["value"]) for m in parsed if m is not None}
    assert properties == {"file": "data/a, b: c.yaml", "line": "3", "col": "10", "title": "RC201"}
    assert len(match["properties"].split(",")) == 4
    assert "\n" not in line
    assert "\r" not in line
    assert _unescape(match["data"]) == message
    assert summary == "checked 1 file, data/a, b: c.yaml: 1 problem in 1 file"


def test_github_format_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--format github`` prints one ::error line per problem, then the summary."""
    (tmp_path / "pack.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github", "pack.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=pack.yaml,line=1,col=1,title=RC202::this pack has no 'published'; add it: "
        "when it was published",
        "::error file=pack.yaml,line=1,col=1,title=RC202::this pack has no 'publisher'; add it: "
        "the id of the organisation that publishes it",
        "checked 1 file, pack.yaml: 2 problems in 1 file",
    ]


def test_json_report_is_stable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--format json`` prints one document: version, validity, files, problems, summary."""
    (tmp_path / "pack.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "json", "pack.yaml"]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "version": 1,
        "valid": False,
        "files": ["pack.yaml"],
        "problems": [
            {
                "code": "RC202",
                "message": "this pack has no 'published'; add it: when it was published",
                "file": "pack.yaml",
                "line": 1,
                "column": 1,
                "path": "$.pack",
                "fix": {
                    "replacements": [],
                    "key": "published",
                    "at": {"line": 2, "column": 3},  # under 'pack:', not before it
                    "titles": ["Add 'published'"],
                },
                "related": [],
            },
            {
                "code": "RC202",
                "message": "this pack has no 'publisher'; add it: the id of the organisation "
                "that publishes it",
                "file": "pack.yaml",
                "line": 1,
                "column": 1,
                "path": "$.pack",
                "fix": {
                    "replacements": [],
                    "key": "publisher",
                    "at": {"line": 2, "column": 3},  # under 'pack:', not before it
                    "titles": ["Add 'publisher'"],
                },
                "related": [],
            },
        ],
        "summary": {"files": 1, "problems": 2, "files_with_problems": 1},
    }


def test_json_report_of_valid_content() -> None:
    """A valid pack's JSON report says so, with no problems."""
    [document] = json_report([], [Path("data/pack.yaml")])
    assert json.loads(document) == {
        "version": 1,
        "valid": True,
        "files": ["data/pack.yaml"],
        "problems": [],
        "summary": {"files": 1, "problems": 0, "files_with_problems": 0},
    }


def test_text_report() -> None:
    """The text report is PATH:LINE:COL: CODE message, then the summary."""
    assert text_report([_problem("unknown key")], [Path("x.yaml"), Path("y.yaml")]) == [
        "data/a, b: c.yaml:3:10: RC201 unknown key",
        "checked 2 files in this folder: 1 problem in 1 file",
    ]


#: Two organisations, each with two problems on its one line: on line 10 the schema's comes
#: first by column, on line 11 the YAML 1.1 word's; by code, RC111 would come first on both.
ONE_LINE = (
    "pack:\n  id: p\n  title: T\n  publisher: org\n  published: 2024-01-01\n"
    "organisations:\n  - id: org\n    name: Org\n"
    "  # two problems on each line below\n"
    "  - {id: Other, name: no}\n"
    "  - {name: no, id: Another}\n"
)
ONE_LINE_LINES = [
    "pack.yaml:10:10: RC205 'Other' is not a valid id; ids are lowercase words and numbers "
    "joined by hyphens, e.g. 'other'",
    "pack.yaml:10:23: RC111 'no' is read as the word 'no', but YAML 1.1 tools read it as "
    "false; put it in quotes ('no') to keep the word, or write false",
    "pack.yaml:11:12: RC111 'no' is read as the word 'no', but YAML 1.1 tools read it as "
    "false; put it in quotes ('no') to keep the word, or write false",
    "pack.yaml:11:20: RC205 'Another' is not a valid id; ids are lowercase words and numbers "
    "joined by hyphens, e.g. 'another'",
]


def test_problems_on_one_line_are_reported_by_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two problems on one line come in column order: in validate, the text and the JSON report."""
    (tmp_path / "pack.yaml").write_text(ONE_LINE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in validate("pack.yaml")] == ONE_LINE_LINES
    assert main(["validate", "pack.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        *ONE_LINE_LINES,
        "checked 1 file, pack.yaml: 4 problems in 1 file",
    ]
    assert main(["validate", "--format", "json", "pack.yaml"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["line"], p["column"], p["code"]) for p in problems] == [
        (10, 10, "RC205"),
        (10, 23, "RC111"),
        (11, 12, "RC111"),
        (11, 20, "RC205"),
    ]
    assert [p["fix"] for p in problems] == [
        {"replacements": ["other"], "key": None, "at": None, "titles": ["Write 'other'"]},
        {"replacements": ["'no'"], "key": None, "at": None, "titles": ["Put it in quotes: 'no'"]},
        {"replacements": ["'no'"], "key": None, "at": None, "titles": ["Put it in quotes: 'no'"]},
        {"replacements": ["another"], "key": None, "at": None, "titles": ["Write 'another'"]},
    ]


def test_a_github_annotation_of_a_line_without_a_column_starts_at_column_1() -> None:
    """A problem known by its line alone is annotated at that line's first column."""
    problem = Problem(file=Path("pack.yaml"), line=3, column=None, code="RC201", message="m")
    lines = github_report([problem], [Path("pack.yaml")], workspace=Path.cwd())
    assert lines[0] == "::error file=pack.yaml,line=3,col=1,title=RC201::m"

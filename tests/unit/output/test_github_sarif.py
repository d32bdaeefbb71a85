"""GitHub Actions and code scanning: workspace paths, the job summary, and SARIF 2.1.0.

tests/sarif-schema-2.1.0.json is the SARIF 2.1.0 schema with the approved errata
(errata01), as OASIS publishes it at
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json;
copied byte for byte from github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/, commit
e0583813964ec43cea53b6b531b402866095ed1f. Copyright OASIS Open; OASIS lets its
specifications be copied and used as they are (the OASIS IPR Policy, RF on RAND mode).
The errata schema is written in JSON Schema draft-04 (the first 2.1.0 schema was draft-07
and is less strict), so it is checked with the validator its own "$schema" names.
"""

import json
import tomllib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jsonschema
import pytest
from fix_cases import READ_NOT_GUESSED
from markdown_it import MarkdownIt
from paths import ROOT

from recurrent_care_pack import Problem
from recurrent_care_pack._cli import main
from recurrent_care_pack._output.reports import github_report, sarif_report, step_summary
from recurrent_care_pack._output.sarif import SARIF_SCHEMA, code_help, sarif_log
from recurrent_care_pack._output.workspace import workspace_path
from recurrent_care_pack._problems import CODES, Fix

SCHEMA = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

#: A valid pack in one file: eight lines.
VALID = (
    "pack:\n  id: p\n  title: T\n  publisher: org\n  published: 2024-01-01\n"
    "organisations:\n  - id: org\n    name: Org\n"
)
#: The valid pack with sixteen unknown keys, on lines 9 to 24.
MANY = VALID + "".join(f"key{n:02d}: 1\n" for n in range(16))
KEYS = "'pack', 'sections', 'case_studies', 'people', 'organisations', 'works'"

ACTIONS = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "carer/content",
    "GITHUB_SHA": "0123abc",
}


def _unknown(number: int) -> str:
    return f"unknown key 'key{number:02d}' in this content file; the keys a content file can have are: {KEYS}"


def _problem(file: Path, message: str = "unknown key 'x'", line: int | None = 3) -> Problem:
    return Problem(
        file=file, line=line, column=None if line is None else 5, code="RC201", message=message
    )


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checked-out repository in GitHub Actions: content/ in it, rcpack run from content/."""
    (tmp_path / "repo" / "content").mkdir(parents=True)
    for name, value in ACTIONS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    monkeypatch.chdir(tmp_path / "repo" / "content")
    return tmp_path / "repo"


@pytest.fixture
def not_in_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """No GitHub Actions variables, whatever runs the tests."""
    for name in [*ACTIONS, "GITHUB_WORKSPACE", "GITHUB_STEP_SUMMARY"]:
        monkeypatch.delenv(name, raising=False)


# --- --format github: paths relative to the workspace -----------------------------------


def test_github_paths_are_relative_to_the_workspace_however_named(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Named from a subfolder or by an absolute path, a file is annotated by its path in the repository."""
    (workspace / "content" / "pack.yaml").write_text(MANY, encoding="utf-8")
    for named in ("pack.yaml", str(workspace / "content" / "pack.yaml"), "../content/pack.yaml"):
        assert main(["validate", "--format", "github", named]) == 1
        first = capsys.readouterr().out.splitlines()[0]
        assert first == f"::error file=content/pack.yaml,line=9,col=1,title=RC201::{_unknown(0)}"


@pytest.mark.usefixtures("workspace")
def test_github_path_outside_the_workspace_stays_absolute(tmp_path: Path) -> None:
    """A file outside the workspace cannot attach to the diff: it is named by its absolute path."""
    outside = tmp_path / "elsewhere" / "pack.yaml"
    lines = github_report([_problem(Path("../../elsewhere/pack.yaml"))], [outside])
    assert lines[0] == f"::error file={outside},line=3,col=5,title=RC201::unknown key 'x'"
    assert workspace_path(outside) == outside


@pytest.mark.usefixtures("not_in_actions")
def test_without_github_workspace_paths_are_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no GITHUB_WORKSPACE the workspace is the current folder."""
    monkeypatch.chdir(tmp_path)
    [line, _] = github_report([_problem(tmp_path / "content" / "a.yaml")], [])
    assert line == "::error file=content/a.yaml,line=3,col=5,title=RC201::unknown key 'x'"


@pytest.mark.usefixtures("not_in_actions")
def test_workspace_reached_through_a_link_still_gives_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace named by a linked path and files named by the real one still match."""
    (tmp_path / "real" / "content").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "link"))
    file = tmp_path / "real" / "content" / "a.yaml"
    assert workspace_path(file) == Path("content/a.yaml")


def test_past_ten_annotations_the_rest_are_log_lines_and_one_notice_counts_them(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub shows ten errors a step: the first ten are annotations, a notice says where the rest are."""
    (workspace / "content" / "pack.yaml").write_text(MANY, encoding="utf-8")
    assert main(["validate", "--format", "github", "pack.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        *(
            f"::error file=content/pack.yaml,line={9 + n},col=1,title=RC201::{_unknown(n)}"
            for n in range(10)
        ),
        *(f"content/pack.yaml:{9 + n}:1: RC201 {_unknown(n)}" for n in range(10, 16)),
        "::notice title=rcpack::6 more problems than GitHub shows as annotations (10 a step); "
        "the job summary and this step's log list all 16",
        "checked 1 file, pack.yaml: 16 problems in 1 file",
    ]


@pytest.mark.usefixtures("not_in_actions")
def test_the_notice_names_only_the_log_when_there_is_no_job_summary() -> None:
    """Outside Actions there is no job summary, so the notice does not promise one."""
    problems = [_problem(Path("a.yaml"), line=n) for n in range(1, 12)]
    assert github_report(problems, [Path("a.yaml")])[-2] == (
        "::notice title=rcpack::1 more problem than GitHub shows as annotations (10 a step); "
        "this step's log lists all 11"
    )


# --- the job summary ---------------------------------------------------------------------


class _Table(HTMLParser):
    """The text of each cell of each row of the HTML tables, and each cell's link."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag == "a" and self._cell is not None:
            self.links.append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _rendered(markdown: str) -> _Table:
    """The tables of ``markdown`` as GitHub-flavoured Markdown renders them."""
    table = _Table()
    table.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))
    return table


def test_step_summary_is_appended_with_every_problem_in_a_table(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In Actions, a heading, the summary line and a row per problem follow what earlier steps wrote."""
    (tmp_path / "summary.md").write_text("## Earlier step\n\nall good\n", encoding="utf-8")
    (workspace / "content" / "pack.yaml").write_text(MANY, encoding="utf-8")
    assert main(["validate", "pack.yaml"]) == 1
    assert capsys.readouterr().err == ""
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    rows = "".join(
        f"| [content/pack.yaml:{9 + n}:1](https://github.com/carer/content/blob/0123abc/"
        f"content/pack.yaml#L{9 + n}) | RC201 | {_unknown(n).replace('_', chr(92) + '_')} |\n"
        for n in range(16)
    )
    assert summary == (
        "## Earlier step\n\nall good\n\n"
        "### rcpack validate\n\n"
        "checked 1 file, pack.yaml: 16 problems in 1 file\n\n"
        "| Where | Code | Problem |\n| --- | --- | --- |\n" + rows
    )
    table = _rendered(summary)
    assert table.rows == [
        ["Where", "Code", "Problem"],
        *([f"content/pack.yaml:{9 + n}:1", "RC201", _unknown(n)] for n in range(16)),
    ]


def test_step_summary_of_valid_content_says_so(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid content gets the heading and the summary line, and no table."""
    (workspace / "content" / "pack.yaml").write_text(VALID, encoding="utf-8")
    assert main(["validate", "--format", "json", "pack.yaml"]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == (
        "### rcpack validate\n\nchecked 1 file, pack.yaml: no problems\n"
    )


@pytest.mark.usefixtures("not_in_actions")
def test_step_summary_escapes_what_would_break_the_table() -> None:
    """A message with |, backticks, <, &, $, *, ~, a link and a line break shows as written, in its own cell."""
    message = "a | b `c` <script>x</script> &amp; $x$ *em* ~~s~~ [l](http://e) \\ new\nline"
    file = Path("con|tent/a `b`.yaml")
    summary = step_summary([_problem(file, message)], [file], {})
    row = summary.splitlines()[-1]
    assert row == (
        r"| con\|tent/a \`b\`.yaml:3:5 | RC201 | a \| b \`c\` \<script\>x\</script\> \&amp; "
        r"\$x\$ \*em\* \~\~s\~\~ \[l\](http://e) \\ new\\nline |"
    )
    assert _rendered(summary).rows[-1] == [
        "con|tent/a `b`.yaml:3:5",
        "RC201",
        "a | b `c` <script>x</script> &amp; $x$ *em* ~~s~~ [l](http://e) \\ new\\nline",
    ]


@pytest.mark.usefixtures("not_in_actions")
def test_step_summary_links_a_file_by_its_percent_encoded_path() -> None:
    """A link to the line survives spaces, brackets and a file-level problem (no line: no anchor)."""
    file = Path("content/a (draft) [1].yaml")
    problems = [_problem(file), _problem(file, line=None)]
    table = _rendered(step_summary(problems, [file], ACTIONS))
    base = "https://github.com/carer/content/blob/0123abc/content/a%20%28draft%29%20%5B1%5D.yaml"
    assert table.links == [f"{base}#L3", base]
    assert [row[0] for row in table.rows[1:]] == [
        "content/a (draft) [1].yaml:3:5",
        "content/a (draft) [1].yaml",
    ]


@pytest.mark.usefixtures("not_in_actions")
def test_step_summary_of_a_file_outside_the_workspace_has_no_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file outside the repository has no page on GitHub: its absolute path, unlinked."""
    monkeypatch.chdir(tmp_path)
    outside = Path("/elsewhere/a.yaml")
    table = _rendered(step_summary([_problem(outside)], [outside], ACTIONS))
    assert table.links == []
    assert table.rows[1][0] == "/elsewhere/a.yaml:3:5"


@pytest.mark.usefixtures("not_in_actions")
def test_step_summary_stops_before_github_limit_and_says_how_many_are_left() -> None:
    """GitHub drops a summary over 1 MiB whole, so rows stop in time and a line counts the rest."""
    problems = [_problem(Path("a.yaml"), "x" * 1000, line=n) for n in range(1, 1101)]
    summary = step_summary(problems, [Path("a.yaml")], {})
    size = len(summary.encode("utf-8"))
    assert 1024 * 1024 - 1100 < size <= 1024 * 1024
    listed = len(_rendered(summary).rows) - 1
    assert summary.endswith(
        f"\n{1100 - listed} more problems not listed here: GitHub takes at most 1 MiB of "
        "summary from a step. This step's log lists every one.\n"
    )
    assert 1000 < listed < 1100


def test_step_summary_leaves_room_for_what_the_step_wrote_before(
    workspace: Path, tmp_path: Path
) -> None:
    """What earlier commands of the step wrote counts against the 1 MiB."""
    (tmp_path / "summary.md").write_text("x" * (1024 * 1024 - 2000), encoding="utf-8")
    (workspace / "content" / "pack.yaml").write_text(MANY, encoding="utf-8")
    assert main(["validate", "pack.yaml"]) == 1
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert len(summary.encode("utf-8")) <= 1024 * 1024
    assert "more problems not listed here" in summary


@pytest.mark.parametrize(("content", "status"), [(VALID, 0), (MANY, 1)])
def test_a_summary_that_cannot_be_written_is_a_warning_not_a_failure(
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: str,
    status: int,
) -> None:
    """An unwritable summary file costs one line on stderr; the report and the exit status stand."""
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workspace / "missing" / "summary.md"))
    (workspace / "content" / "pack.yaml").write_text(content, encoding="utf-8")
    assert main(["validate", "pack.yaml"]) == status
    out, err = capsys.readouterr()
    assert out.splitlines()[-1].startswith("checked 1 file, pack.yaml: ")
    assert err == (
        f"rcpack: warning: cannot write the job summary to '{workspace}/missing/summary.md': "
        f"there is no folder '{workspace}/missing'; the report above is complete\n"
    )


@pytest.mark.usefixtures("not_in_actions")
def test_no_summary_is_written_outside_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without GITHUB_STEP_SUMMARY nothing is written beside the content."""
    (tmp_path / "pack.yaml").write_text(MANY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "pack.yaml"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.yaml"]


# --- --format sarif ----------------------------------------------------------------------


def _uris(log: Any) -> Iterator[str]:
    """Every URI in a SARIF log."""
    if isinstance(log, dict):
        for key, value in log.items():
            if key == "uri":
                yield value
            else:
                yield from _uris(value)
    elif isinstance(log, list):
        for item in log:
            yield from _uris(item)


def _assert_valid_sarif(log: Any) -> None:
    """``log`` is valid by the SARIF 2.1.0 schema, and each URI is percent-encoded."""
    validator = jsonschema.validators.validator_for(SCHEMA)
    validator.check_schema(SCHEMA)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(SCHEMA).iter_errors(log)]
    assert errors == []
    for uri in _uris(log):
        assert (
            quote(unquote(uri, errors="surrogateescape"), safe="/:", errors="surrogateescape")
            == uri
        )
        assert "\\" not in uri


def _sarif(capsys: pytest.CaptureFixture[str], *paths: str) -> Any:
    main(["validate", "--format", "sarif", *paths])
    return json.loads(capsys.readouterr().out)


@pytest.mark.usefixtures("not_in_actions")
def test_sarif_of_the_bundled_pack_is_valid_with_no_results(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid content: a valid log of one run, each file an artifact, no rules, no results."""
    monkeypatch.chdir(ROOT)
    log = _sarif(capsys, "data")
    _assert_valid_sarif(log)
    [run] = log["runs"]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        f"data/{file.name}" for file in sorted((ROOT / "data").glob("*.yaml"))
    ]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT.as_uri() + "/"}}


def test_sarif_of_many_problems_in_several_files_is_valid(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Problems of several codes, in files inside and outside the workspace, make a valid log."""
    (workspace / "content" / "pack.yaml").write_text(MANY, encoding="utf-8")
    (workspace / "content" / "odd name #1.yaml").write_text(
        "sections:\n  - id: Bad Id\n    title: t\n", encoding="utf-8"
    )
    (tmp_path / "outside.yaml").write_text("pack: 7\n", encoding="utf-8")
    log = _sarif(capsys, ".", str(tmp_path / "outside.yaml"))
    _assert_valid_sarif(log)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) > 16
    assert [rule["id"] for rule in rules] == sorted({r["ruleId"] for r in run["results"]})
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        artifact = run["artifacts"][location["index"]]["location"]
        assert artifact == {k: v for k, v in location.items() if k != "index"}
    assert [a["location"] for a in run["artifacts"]] == [
        {"uri": "content/odd%20name%20%231.yaml", "uriBaseId": "%SRCROOT%"},
        {"uri": "content/pack.yaml", "uriBaseId": "%SRCROOT%"},
        {"uri": (tmp_path / "outside.yaml").as_uri()},
    ]


def test_sarif_result_and_rule_exact_values(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A result names its rule, its level, its message and its place; the rule carries the docs' help."""
    (workspace / "content" / "pack.yaml").write_text(VALID + "key00: 1\n", encoding="utf-8")
    [run] = _sarif(capsys, "pack.yaml")["runs"]
    assert run["results"] == [
        {
            "ruleId": "RC201",
            "ruleIndex": 0,
            "level": "error",
            "message": {"text": _unknown(0)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "content/pack.yaml",
                            "uriBaseId": "%SRCROOT%",
                            "index": 0,
                        },
                        "region": {"startLine": 9, "startColumn": 1},
                    }
                }
            ],
        }
    ]
    assert run["tool"]["driver"] == {
        "name": "rcpack",
        "version": "0.1.0",
        "rules": [
            {
                "id": "RC201",
                "name": "UnknownKey",
                "shortDescription": {"text": "an unknown key"},
                "defaultConfiguration": {"level": "error"},
                "fullDescription": {
                    "text": "A key the schema does not know, often a misspelling."
                },
                "help": {
                    "text": "A key the schema does not know, often a misspelling.\n\n"
                    "Fix: Use the key suggested, or one of the keys listed.",
                    "markdown": "A key the schema does not know, often a misspelling.\n\n"
                    "```text\npack.yaml:12:5: RC201 unknown key 'titel' in this section; "
                    "did you mean 'title'?\n```\n\n"
                    "**Fix:** Use the key suggested, or one of the keys listed.",
                },
            }
        ],
    }
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": workspace.as_uri() + "/"}}


def test_sarif_columns_count_characters_not_utf16_units(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After two emoji (two UTF-16 units each) the column is as rcpack counts: characters."""
    (workspace / "content" / "pack.yaml").write_text(
        'pack: {id: p, title: "\U0001f600\U0001f600", bad: 1}\n', encoding="utf-8"
    )
    [run] = _sarif(capsys, "pack.yaml")["runs"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert {"startLine": 1, "startColumn": 28} in regions


@pytest.mark.usefixtures("not_in_actions")
def test_sarif_file_level_problem_has_no_region() -> None:
    """A problem about a whole file (no line) is placed at the file, with no region, and is valid."""
    log = sarif_log([_problem(Path("a.yaml"), line=None)], [Path("a.yaml")], Path.cwd())
    _assert_valid_sarif(log)
    [result] = log["runs"][0]["results"]
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "a.yaml", "uriBaseId": "%SRCROOT%", "index": 0}
            }
        }
    ]


@pytest.mark.usefixtures("not_in_actions")
def test_sarif_rules_without_the_docs_keep_their_titles() -> None:
    """Should the docs be missing from an installation, each rule still has its title, and is valid."""
    log = sarif_log([_problem(Path("a.yaml"))], [Path("a.yaml")], Path.cwd(), help_by_code={})
    _assert_valid_sarif(log)
    assert log["runs"][0]["tool"]["driver"]["rules"] == [
        {
            "id": "RC201",
            "name": "UnknownKey",
            "shortDescription": {"text": "an unknown key"},
            "defaultConfiguration": {"level": "error"},
        }
    ]


@pytest.mark.usefixtures("not_in_actions")
def test_every_code_gets_help_from_the_docs() -> None:
    """Each code has a description and a fix from docs/problem-codes.md, and a name of its own."""
    problems = [
        Problem(file=Path("a.yaml"), line=1, column=1, code=code, message="m") for code in CODES
    ]
    log = sarif_log(problems, [Path("a.yaml")], Path.cwd())
    _assert_valid_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(CODES)
    for rule in rules:
        assert rule["shortDescription"]["text"] == CODES[rule["id"]]
        assert rule["fullDescription"]["text"]
        assert "```" not in rule["fullDescription"]["text"]
        assert "\n\nFix: " in rule["help"]["text"]
        assert rule["help"]["markdown"].startswith(rule["fullDescription"]["text"][:20])
    assert len({rule["name"] for rule in rules}) == len(CODES)
    names = {rule["id"]: rule["name"] for rule in rules}
    assert names["RC111"] == "PlainValueThatYAML11ToolsReadDifferently"
    assert names["RC407"] == "NoPackDetailsInThePack"


def test_code_help_splits_the_catalogue_by_section() -> None:
    """Each section's Markdown, heading left out, belongs to its code."""
    catalogue = (
        "# Codes\n\nintro\n\n## RC101: one\n\nWhat.\n\n**Fix:** This.\n\n## RC102: two\n\nMore.\n"
    )
    assert code_help(catalogue) == {"RC101": "What.\n\n**Fix:** This.", "RC102": "More."}


def test_the_wheel_carries_the_docs_sarif_help_is_read_from() -> None:
    """The wheel ships docs/problem-codes.md where an installed rcpack looks for it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = config["tool"]["hatch"]["build"]["targets"]
    assert build["wheel"]["force-include"]["docs/problem-codes.md"] == (
        "recurrent_care_pack/_bundled/docs/problem-codes.md"
    )
    assert "docs" in build["sdist"]["include"]


def _fix_of(where: tuple[int, int, int], title: str, text: str) -> dict[str, Any]:
    line, start, end = where
    uri = "content/pack.yaml"
    return {
        "description": {"text": title},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%", "index": 0},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": line,
                            "startColumn": start,
                            "endColumn": end,
                        },
                        "insertedContent": {"text": text},
                    }
                ],
            }
        ],
    }


def test_sarif_fixes_replace_the_marked_span_or_add_a_key(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fix a message names is a SARIF fix: the key or value replaced, or a key added above."""
    text = (
        "pack:\n  id: p\n  titel: T  # a comment\n  publisher: org\n  published: 2024-01-01\n"
        "organisations:\n  - id: org\n    name: Org\n  - id: other\n    name: no\n"
        "  - id: third\n"
    )
    (workspace / "content" / "pack.yaml").write_text(text, encoding="utf-8")
    log = _sarif(capsys, "pack.yaml")
    _assert_valid_sarif(log)
    [run] = log["runs"]
    assert [(r["ruleId"], r.get("fixes")) for r in run["results"]] == [
        ("RC201", [_fix_of((3, 3, 8), "Change to 'title'", "title")]),
        ("RC111", [_fix_of((10, 11, 13), "Put it in quotes: 'no'", "'no'")]),
        ("RC202", [_fix_of((11, 5, 5), "Add 'name'", "name: \n    ")]),
    ]


def test_sarif_fix_of_a_value_in_a_flow_mapping_replaces_the_value_alone(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In ``{id: X, title: T}`` the fix for 'X' replaces 'X', not 'X, title' (the next key)."""
    text = "pack: {id: X, title: T, publisher: org, published: 2024-01-01}\n"
    (workspace / "content" / "pack.yaml").write_text(text, encoding="utf-8")
    log = _sarif(capsys, "pack.yaml")
    _assert_valid_sarif(log)
    [run] = log["runs"]
    assert [(r["ruleId"], r.get("fixes")) for r in run["results"]] == [
        ("RC205", [_fix_of((1, 12, 13), "Write 'x'", "x")]),
    ]


def _made(text: str, region: dict[str, int], inserted: str) -> str:
    """``text`` with a SARIF replacement made (lines and columns from 1, end line optional)."""
    lines = text.splitlines(keepends=True)

    def offset(line: int, column: int) -> int:
        return sum(map(len, lines[: line - 1])) + column - 1

    start = offset(region["startLine"], region["startColumn"])
    end = offset(region.get("endLine", region["startLine"]), region["endColumn"])
    return text[:start] + inserted + text[end:]


@pytest.mark.parametrize(
    ("text", "where", "made"), READ_NOT_GUESSED.values(), ids=READ_NOT_GUESSED
)
def test_sarif_fix_replaces_the_value_as_yaml_reads_it_not_as_its_line_looks(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    where: tuple[int, int, int, int],
    made: str,
) -> None:
    """The fix replaces the value alone, wherever it ends; made, the file reads, mended."""
    file = workspace / "content" / "pack.yaml"
    file.write_text(text, encoding="utf-8")
    log = _sarif(capsys, "pack.yaml")
    _assert_valid_sarif(log)
    [result] = log["runs"][0]["results"]
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    [replacement] = change["replacements"]
    region = replacement["deletedRegion"]
    line, column, end_line, end_column = where
    expected = {"startLine": line, "startColumn": column, "endColumn": end_column}
    assert region == (expected if end_line == line else {**expected, "endLine": end_line})
    assert (result["ruleId"], fix["description"]["text"]) == ("RC205", "Write 'film-6'")
    assert _made(text, region, replacement["insertedContent"]["text"]) == made
    file.write_text(made, encoding="utf-8")  # read, and past the schema: only 'org' is missing
    again = _sarif(capsys, "pack.yaml")["runs"][0]["results"]
    assert [r["ruleId"] for r in again] == ["RC402"]


@pytest.mark.parametrize(
    ("text", "line", "made"),
    [
        (
            "pack:\n  id:p\n  title: T\n  publisher: org\n  published: 2024-01-01\n",
            2,
            "pack:\n  id: p\n  title: T\n  publisher: org\n  published: 2024-01-01\n",
        ),
        (
            "organisations:\n  - id:org\n    name: Org\n",
            2,
            "organisations:\n  - id: org\n    name: Org\n",
        ),
    ],
    ids=["first key of a mapping", "first key of a list item"],
)
def test_sarif_fix_of_a_glued_key_mends_its_line_alone(
    workspace: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, made: str
) -> None:
    """'id:p' reads as one value with the next line's key: the fix spans its own line only."""
    file = workspace / "content" / "pack.yaml"
    file.write_text(text, encoding="utf-8")
    [result] = _sarif(capsys, "pack.yaml")["runs"][0]["results"]
    [fix] = result["fixes"]
    [replacement] = fix["artifactChanges"][0]["replacements"]
    region = replacement["deletedRegion"]
    assert "endLine" not in region
    assert region["startLine"] == line
    assert _made(text, region, replacement["insertedContent"]["text"]) == made


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_sarif_fix_adds_a_missing_key_to_the_mapping_under_the_key_it_is_told_at(
    workspace: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    """'pack' has no title: told at 'pack', the key is added above 'id', not above 'pack'.

    Its line ends as the file's lines do.
    """
    text = "pack:\n  id: p\n  publisher: org\n  published: 2024-01-01\n".replace("\n", newline)
    file = workspace / "content" / "pack.yaml"
    file.write_text(text, encoding="utf-8")
    [result] = _sarif(capsys, "pack.yaml")["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (result["ruleId"], region["startLine"], region["startColumn"]) == ("RC202", 1, 1)
    [fix] = result["fixes"]
    [replacement] = fix["artifactChanges"][0]["replacements"]
    assert replacement == {
        "deletedRegion": {"startLine": 2, "startColumn": 3, "endColumn": 3},
        "insertedContent": {"text": f"title: {newline}  "},
    }
    made = _made(text, replacement["deletedRegion"], replacement["insertedContent"]["text"])
    assert made == (
        "pack:\n  title: \n  id: p\n  publisher: org\n  published: 2024-01-01\n".replace(
            "\n", newline
        )
    )
    file.write_text(made.replace("title: ", "title: T"), encoding="utf-8")
    assert [r["ruleId"] for r in _sarif(capsys, "pack.yaml")["runs"][0]["results"]] == ["RC402"]


def test_sarif_gives_no_fix_for_a_block_value_with_a_comment_after_its_indicator(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'|- # who' then the value: no edit keeps the comment and the file whole, so none."""
    text = (
        "pack:\n  id: p\n  title: T\n  published: 2019-01-01\n  publisher: |- # who\n"
        "    orgb\norganisations:\n  - id: orga\n    name: O\n"
    )
    (workspace / "content" / "pack.yaml").write_text(text, encoding="utf-8")
    [result] = _sarif(capsys, "pack.yaml")["runs"][0]["results"]
    assert (result["ruleId"], result["message"]["text"], "fixes" in result) == (
        "RC402",
        "no organisation has the id 'orgb'; did you mean 'orga'?",
        False,
    )


def test_sarif_gives_no_fix_it_cannot_place(workspace: Path) -> None:
    """No fix where the file is gone, the line is not there, or the span opens a flow mapping."""
    fix = Fix(action="Add '{}'", key="title")
    file = workspace / "content" / "pack.yaml"
    file.write_text("sections:\n  - {id: s}\ntitle: [a]\n", encoding="utf-8")
    change = Fix(action="Write '{}'", replacements=("a",))
    problems = [
        Problem(file=file, line=2, column=5, code="RC202", message="m", fix=fix),
        Problem(file=file, line=3, column=8, code="RC203", message="m", fix=change),
        Problem(file=file, line=9, column=1, code="RC202", message="m", fix=fix),
        Problem(file=file, line=None, column=None, code="RC202", message="m", fix=fix),
        Problem(
            file=workspace / "gone.yaml", line=1, column=1, code="RC202", message="m", fix=fix
        ),
        Problem(file=file, line=1, column=1, code="RC202", message="m", fix=fix),
    ]
    log = sarif_log(problems, [file], workspace)
    _assert_valid_sarif(log)
    assert ["fixes" in r for r in log["runs"][0]["results"]] == [
        False,
        False,
        False,
        False,
        False,
        True,
    ]


def test_sarif_an_id_used_twice_links_each_use_to_the_other(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each use of the id is a result, the other use its related location; the log is valid."""
    (workspace / "content" / "pack.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "content" / "more.yaml").write_text(
        "people:\n  - id: org\n    name: Nia\n", encoding="utf-8"
    )
    log = _sarif(capsys, ".")
    _assert_valid_sarif(log)
    [run] = log["runs"]
    found = [
        (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["locations"][0]["physicalLocation"]["region"],
            result["relatedLocations"],
        )
        for result in run["results"]
    ]
    assert found == [
        (
            "content/more.yaml",
            {"startLine": 2, "startColumn": 9},
            [
                {
                    "id": 0,
                    "physicalLocation": {
                        "artifactLocation": {"uri": "content/pack.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 7, "startColumn": 9},
                    },
                    "message": {"text": "'org' is the id of this organisation too"},
                }
            ],
        ),
        (
            "content/pack.yaml",
            {"startLine": 7, "startColumn": 9},
            [
                {
                    "id": 0,
                    "physicalLocation": {
                        "artifactLocation": {"uri": "content/more.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 2, "startColumn": 9},
                    },
                    "message": {"text": "'org' is the id of this person too"},
                }
            ],
        ),
    ]


@pytest.mark.usefixtures("not_in_actions")
@pytest.mark.parametrize("missing", ["GITHUB_REPOSITORY", "GITHUB_SHA"])
def test_step_summary_links_only_when_server_repository_and_commit_are_all_named(
    missing: str,
) -> None:
    """A server named without a repository or a commit gives no page to link: the place, unlinked."""
    file = Path("content/pack.yaml")
    environ = {name: value for name, value in ACTIONS.items() if name != missing}
    table = _rendered(step_summary([_problem(file)], [file], environ))
    assert table.links == []
    assert table.rows[1][0] == "content/pack.yaml:3:5"


@pytest.mark.usefixtures("not_in_actions")
def test_sarif_report_is_indented_as_the_json_report() -> None:
    """``--format sarif`` prints the log indented by two spaces, as ``--format json`` does."""
    file = Path("content/pack.yaml")
    (text,) = sarif_report([_problem(file)], [file])
    assert text == json.dumps(sarif_log([_problem(file)], [file]), indent=2, ensure_ascii=False)
    assert text.splitlines()[1] == f'  "$schema": "{SARIF_SCHEMA}",'


@pytest.mark.usefixtures("not_in_actions")
def test_sarif_names_a_file_whose_name_is_not_utf8_by_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name holding a byte that is not UTF-8 (read as a surrogate) is percent-encoded."""
    monkeypatch.chdir(tmp_path)
    file = Path("content/caf\udce9.yaml")  # b"caf\xe9.yaml", Latin-1, as os.fsdecode reads it
    log = sarif_log([_problem(file)], [file])
    [run] = log["runs"]
    assert run["artifacts"] == [
        {
            "location": {"uri": "content/caf%E9.yaml", "uriBaseId": "%SRCROOT%"},
            "roles": ["analysisTarget"],
        }
    ]

"""What ``rcpack fmt`` says of each file, and the summary line that ends its run."""

from pathlib import Path

import pytest

from recurrent_care_pack._content.formatting import FormatResult, Outcome
from recurrent_care_pack._output.reports import fmt_lines, fmt_summary
from recurrent_care_pack._problems import Problem

_FILE = Path("data/pack.yaml")
_OUT, _ERR = False, True


def _said(result: FormatResult) -> list[tuple[str, bool]]:
    return list(fmt_lines(result))


def test_an_unchanged_file_says_nothing() -> None:
    """A file already in its layout has no line of its own."""
    assert _said(FormatResult(file=_FILE, outcome=Outcome.UNCHANGED)) == []


def test_a_reformatted_file_is_named() -> None:
    """A file written is named on stdout."""
    assert _said(FormatResult(file=_FILE, outcome=Outcome.CHANGED)) == [
        ("reformatted data/pack.yaml", _OUT)
    ]


def test_check_prints_the_diff_then_names_the_file() -> None:
    """With --check, the diff's lines (a CR before a line's end not shown) then the name."""
    diff = "--- a (now)\n+++ a (formatted)\n@@ -1 +1 @@\n-x: 1\r\n+x: 1\n\\ tail\x1b\n"
    assert _said(FormatResult(file=_FILE, outcome=Outcome.CHANGED, diff=diff)) == [
        ("--- a (now)", _OUT),
        ("+++ a (formatted)", _OUT),
        ("@@ -1 +1 @@", _OUT),
        ("-x: 1", _OUT),
        ("+x: 1", _OUT),
        ("\\ tail\\x1b", _OUT),  # what the terminal would act on is escaped
        ("would reformat data/pack.yaml", _OUT),
    ]


def test_a_refused_file_gives_its_problems_then_the_reason() -> None:
    """A file left as it is: each problem on one line, then why, all on stdout."""
    problem = Problem(file=_FILE, line=3, column=3, code="RC103", message="twice\nover")
    result = FormatResult(
        file=_FILE,
        outcome=Outcome.REFUSED,
        problems=(problem,),
        reason="it must read cleanly to be formatted",
    )
    assert _said(result) == [
        ("data/pack.yaml:3:3: RC103 twice\\nover", _OUT),
        ("rcpack fmt: left data/pack.yaml as it is: it must read cleanly to be formatted", _OUT),
    ]


@pytest.mark.parametrize(
    ("outcome", "line"),
    [
        (Outcome.UNREAD, "rcpack: cannot read 'new\\nline.yaml': Permission denied"),
        (Outcome.FAILED, "rcpack: Permission denied"),
    ],
)
def test_a_file_not_read_or_not_written_is_said_on_stderr(outcome: Outcome, line: str) -> None:
    """What could not be read or written goes to stderr, the file's name on one line."""
    result = FormatResult(file=Path("new\nline.yaml"), outcome=outcome, error="Permission denied")
    assert _said(result) == [(line, _ERR)]


def _results(*outcomes: Outcome) -> list[FormatResult]:
    return [
        FormatResult(file=Path(f"data/{number}.yaml"), outcome=outcome)
        for number, outcome in enumerate(outcomes)
    ]


def test_the_summary_counts_what_was_done() -> None:
    """Changed and unchanged are always counted; the rest only when there are any."""
    assert fmt_summary(_results(Outcome.UNCHANGED), check=False) == (
        "1 file in data/: 0 reformatted, 1 unchanged"
    )
    every = _results(
        Outcome.CHANGED,
        Outcome.CHANGED,
        Outcome.UNCHANGED,
        Outcome.REFUSED,
        Outcome.UNREAD,
        Outcome.FAILED,
        Outcome.FAILED,
    )
    assert fmt_summary(every, check=False) == (
        "7 files in data/: 2 reformatted, 1 unchanged, 1 refused, 1 not read, 2 not written"
    )
    assert fmt_summary(every[:4], check=True) == (
        "4 files in data/: 2 would be reformatted, 1 unchanged, 1 refused"
    )

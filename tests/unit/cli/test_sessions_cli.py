"""``rcpack plan SESSION.yaml`` and ``rcpack handout KIND SESSION.yaml``, and any YAML as one."""

import os
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from session_cases import SESSION, SESSION_CASES, WEEKLY

from recurrent_care_pack import CODES
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.loading import check_session

ONE_LINE = "checked 1 file, session.yaml: 1 problem in 1 file"


@pytest.fixture
def here(tmp_path: Path) -> Iterator[Path]:
    """A folder outside any pack, made the current folder, holding the example session."""
    (tmp_path / "session.yaml").write_text(SESSION, encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.usefixtures("here")
def test_plan_a_session_file(capsys: pytest.CaptureFixture[str]) -> None:
    """The session's title heads the plan, its slot's date heads the day."""
    status, out, _ = _run(capsys, "plan", "session.yaml")
    assert status == 0
    assert out.startswith("Team learning day\n")
    assert "Tuesday 12 January 2027" in out
    assert "  09:30-" in out


def test_plan_three_weekly_slots(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Three booked slots: three dated days."""
    (here / "weekly.yaml").write_text(WEEKLY, encoding="utf-8")
    status, out, _ = _run(capsys, "plan", "weekly.yaml")
    assert status == 0
    dated = [line for line in out.splitlines() if line.startswith("Day ")]
    assert dated == [
        f"Day {n}, Tuesday {day} January 2027, 09:30\u201311:00"
        for n, day in ((1, "12"), (2, "19"), (3, "26"))
    ]


def test_an_invalid_session_is_reported_as_validate_reports_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """plan, plan --ics and handout print the located problems, exit 1, and write nothing."""
    text, expected = SESSION_CASES["RC505 film not in the pack"]
    (here / "session.yaml").write_text(text, encoding="utf-8")
    for argv in (
        ["plan", "session.yaml"],
        ["plan", "session.yaml", "--ics", "s.ics"],
        ["handout", "guide", "session.yaml", "-o", "guide.md"],
    ):
        assert _run(capsys, *argv) == (1, "\n".join([*expected, ONE_LINE]) + "\n", "")
    assert sorted(p.name for p in here.iterdir()) == ["session.yaml"]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            ["--start", "10:00"],
            "--start is decided by the session file's 'slots'; change it there, or leave out --start",
        ),
        (
            ["--date", "2027-01-19"],
            "--date is decided by the session file's 'slots'; change it there, or leave out --date",
        ),
        (
            ["--break", "5 minutes"],
            "--break is decided by the session file's 'comfort_breaks.length'; change it there, or leave out --break",
        ),
        (
            ["--break-at", "11:00"],
            "--break-at is decided by the session file's 'breaks'; change it there, or leave out --break-at",
        ),
    ],
)
@pytest.mark.usefixtures("here")
def test_a_flag_the_file_also_decides_is_refused(
    capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    """Mixing a session file with a flag it decides: one line naming both, exit 2."""
    assert _run(capsys, "plan", "session.yaml", *flags) == (2, "", f"rcpack: {message}\n")


@pytest.mark.usefixtures("here")
def test_a_flag_the_file_leaves_open_applies(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--budget with a session that gives no budget plans within it."""
    text = SESSION.split("  breaks:")[0]  # the team day without its lunch and breaks
    (here / "morning.yaml").write_text(text, encoding="utf-8")
    status, out, _ = _run(capsys, "plan", "morning.yaml", "--budget", "1 hour")
    assert status == 0
    assert out.splitlines()[-1] == (
        "Left out to fit the budget: Module 1 of Section 3; Module 3 of Section 3"
    )


def test_handout_of_a_session_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A handout of a session file: the session's title is the handout's session name."""
    status, out, _ = _run(capsys, "handout", "exercises", "session.yaml", "-o", "sheets.md")
    assert (status, out) == (0, "wrote sheets.md\n")
    assert "Team learning day" in (here / "sheets.md").read_text(encoding="utf-8")


def test_handout_participants_the_file_gives_are_refused(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--participants with a file that gives 'participants' is refused; nothing written."""
    status, _, err = _run(
        capsys, "handout", "guide", "session.yaml", "-o", "g.md", "--participants", "3"
    )
    assert (status, err) == (
        2,
        "rcpack: --participants is decided by the session file's 'participants'; change it "
        "there, or leave out --participants\n",
    )
    assert not (here / "g.md").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["plan", "session.yaml", "Module 1"],
            "a session file says what is run ('items:'); name nothing after 'session.yaml', or put the items in the file",
        ),
        (
            ["plan", "missing.yaml"],
            "cannot read 'missing.yaml': no such file; name a session file such as session.yaml",
        ),
        (
            ["plan", "pack.yml"],
            "'pack.yml' is not a session file: a session file holds 'session:' (rcpack init writes an example, session.yaml)",
        ),
    ],
)
def test_what_is_not_a_session_file_is_said(
    here: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Items after a session file, a missing file, a pack file: one line each, exit 2."""
    (here / "pack.yml").write_text("sections: []\n", encoding="utf-8")
    assert _run(capsys, *argv) == (2, "", f"rcpack: {message}\n")


#: Pieces a session file is made of, for texts that are nearly sessions.
_PIECES = [
    "session:\n",
    "  slots:\n",
    "    - date: 2027-01-12\n",
    "      start: 09:30\n",
    "      end: 13:30\n",
    "      end: 9:00\n",
    "  breaks:\n",
    "    - at: 12:00\n",
    "      length: 45 minutes\n",
    "      length: 9 hours\n",
    "  items: [Module 2, Exercise 9]\n",
    "  items: Module 2\n",
    "  films:\n",
    "    film-6: {note: laptop}\n",
    "    film-6:\n",
    "  comfort_breaks: {at_most_every: 90 minutes}\n",
    "  participants: -3\n",
    "  pack: .\n",
    "  pack: [x]\n",
    "  title: no\n",
    "- 1\n",
    "  ? [a]\n  : b\n",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.lists(st.sampled_from(_PIECES), max_size=10).map("".join),
        st.text(string.printable, max_size=80).map(lambda t: "session:\n" + t),
        st.integers(0, len(SESSION)).flatmap(
            lambda at: st.text(max_size=4).map(lambda t: SESSION[:at] + t + SESSION[at:])
        ),
    )
)
def test_any_yaml_as_a_session_gives_problems_or_a_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """Any text as a session file: located problems with known codes, or a session; never a crash."""
    file = tmp_path / "session.yaml"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = check_session(file)
    assert (result.session is None) == bool(result.problems)
    assert all(problem.code in CODES and problem.line for problem in result.problems)
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        status = main(["plan", "session.yaml"])
    finally:
        os.chdir(old)
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert status in {0, 1, 2}
    assert status != 1 or result.problems


def test_plan_a_session_as_json_and_a_calendar(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json and --ics still apply: the day's date from the slot, the events named by the session."""
    pytest.importorskip("icalendar")
    status, out, err = _run(capsys, "plan", "session.yaml", "--json", "--ics", "day.ics")
    assert (status, err) == (0, "wrote day.ics\n")
    assert '"date": "2027-01-12"' in out
    assert "Team learning day" in (here / "day.ics").read_text(encoding="utf-8")

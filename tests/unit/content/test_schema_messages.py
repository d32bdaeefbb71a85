"""Schema problems in the editor's words: choices, lists too short, a file of the wrong kind."""

from pathlib import Path

import pytest
from small_packs import BASE

import recurrent_care_pack as rcp

#: Where Exercise 9's list of things to bring goes, after its time.
TIME = "        time: 30 minutes\n"


def _problems(folder: Path, text: str) -> list[tuple[int | None, int | None, str, str]]:
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    result = rcp.check(folder / "pack.yaml")
    return [(p.line, p.column, p.code, p.message) for p in result.problems]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            "5",
            (
                13,
                "RC203",
                "entry 1 of 'what_you_need' should be a thing to bring ('Post-its'), a case "
                "study to hand out ({case_study: ...}) or a choice ({one_of: ...})",
            ),
        ),
        ("case_study: [amy]", (25, "RC203", "'case_study' should be text, not a list")),
        ("one_of: 3", (21, "RC203", "'one_of' should be a list, not the number 3")),
        ("one_of: [[Post-its]]", (21, "RC208", "'one_of' needs at least 2 entries")),
    ],
)
def test_a_choice_is_explained_by_the_branch_meant(
    tmp_path: Path, entry: str, problem: tuple[int, str, str]
) -> None:
    """An entry of a choice is explained by the kind it evidently is, else by all kinds."""
    text = BASE.replace(TIME, f"{TIME}        what_you_need:\n          - {entry}\n")
    column, code, message = problem
    assert _problems(tmp_path, text) == [(43, column, code, message)]


def test_a_session_file_that_is_a_list(tmp_path: Path) -> None:
    """A session file that is not a mapping says what it should be, and what it is."""
    (tmp_path / "pack.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "day.session.yaml").write_text("- a\n", encoding="utf-8")
    result = rcp.check_session(tmp_path / "day.session.yaml")
    assert [(p.code, p.message) for p in result.problems][:1] == [
        ("RC203", "a session file should be a mapping with the key 'session', not a list")
    ]

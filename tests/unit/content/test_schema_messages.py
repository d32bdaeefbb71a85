"""Schema problems in the editor's words: choices, lists too short, a file of the wrong kind."""

import shutil
from pathlib import Path

import pytest
from paths import DATA
from small_packs import BASE

import recurrent_care_pack as rcp
from recurrent_care_pack._problems import Fix

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


@pytest.mark.parametrize(
    ("written", "message", "offered"),
    [
        ("2019-02-29", "'2019-02-29' is not a date that exists: 2019 has no 29 February", []),
        ("2019-13-01", "'2019-13-01' is not a date that exists: there is no month 13", []),
        ("2019-05-32", "'2019-05-32' is not a date that exists: no month has a day 32", []),
        (
            "22/05/2019",
            "'22/05/2019' is not a date written YYYY-MM-DD: write '2019-05-22'",
            ["2019-05-22"],
        ),
        (
            "2019/5/22",
            "'2019/5/22' is not a date written YYYY-MM-DD: write '2019-05-22'",
            ["2019-05-22"],
        ),
        # 5 June or 6 May: not for the tool to choose.
        (
            "05/06/2019",
            "'05/06/2019' is not a date written YYYY-MM-DD, e.g. '2019-05-22'",
            [],
        ),
        ("31/02/2019", "'31/02/2019' is not a date written YYYY-MM-DD, e.g. '2019-05-22'", []),
    ],
)
def test_a_date_is_told_what_is_wrong_and_given_the_one_it_can_only_mean(
    tmp_path: Path, written: str, message: str, offered: list[str]
) -> None:
    """A day that does not exist is named; a date written otherwise, mended if only one fits."""
    shutil.copytree(DATA, tmp_path / "pack")
    details = tmp_path / "pack" / "pack.yaml"
    text = details.read_text(encoding="utf-8")
    details.write_text(text.replace("published: 2019-05-22", f"published: {written}", 1), "utf-8")
    (problem,) = rcp.validate(tmp_path / "pack")
    assert (problem.code, problem.line, problem.column, problem.message) == (
        "RC206",
        10,
        14,
        message,
    )
    assert ([text for _, text in problem.fix.offers] if problem.fix else []) == offered


@pytest.mark.parametrize("key", ["exercises", "modules", "tips"])
def test_a_sections_key_at_the_top_of_a_file_is_told_where_it_belongs(
    tmp_path: Path, key: str
) -> None:
    """'exercises:' in a file of their own: a key of a section, to be written in its section."""
    shutil.copytree(DATA, tmp_path / "pack")
    (tmp_path / "pack" / "more.yaml").write_text(f"{key}:\n  - id: x\n", encoding="utf-8")
    (problem,) = rcp.validate(tmp_path / "pack")
    assert (problem.file.name, problem.line, problem.column, problem.code) == (
        "more.yaml",
        1,
        1,
        "RC201",
    )
    assert problem.message == (
        f"unknown key '{key}' in this content file; '{key}' is a key of a section: write it in "
        "its section, under 'sections' (a section and its parts stay in one file)"
    )
    assert problem.fix is None


@pytest.mark.parametrize(
    ("written", "message", "offered"),
    [
        (
            "Film-2",
            "'Film-2' is not a valid id; ids are lowercase words and numbers joined by "
            "hyphens, e.g. 'film-2'",
            [("Write 'film-2'", "film-2")],
        ),
        (
            "Film 2",
            "'Film 2' is not a valid id; ids are lowercase words and numbers joined by "
            "hyphens, e.g. 'film-2'",
            [("Write 'film-2'", "film-2")],
        ),
        (
            "'!!'",
            "'!!' is not a valid id; ids are lowercase words and numbers joined by hyphens, "
            "e.g. 'film-6'",
            [],
        ),
    ],
)
def test_an_id_written_otherwise_is_offered_the_id_its_message_names(
    tmp_path: Path, written: str, message: str, offered: list[tuple[str, str]]
) -> None:
    """'Film-2' is mended to 'film-2' in one click; text with no letters is given no guess."""
    shutil.copytree(DATA, tmp_path / "pack")
    section = tmp_path / "pack" / "section-3.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(
        text.replace("      - id: film-2\n", f"      - id: {written}\n", 1), "utf-8"
    )
    problems = [p for p in rcp.validate(tmp_path / "pack") if p.code == "RC205"]
    assert [(p.line, p.column, p.message) for p in problems] == [(104, 13, message)]
    assert (list(problems[0].fix.offers) if problems[0].fix else []) == offered


def test_a_key_the_mapping_has_is_not_what_an_unknown_key_meant(tmp_path: Path) -> None:
    """'id2' beside 'id': no "did you mean 'id'" (its fix would write 'id' twice), the keys."""
    text = "organisations:\n  - id: org\n    name: Org\n    id2: zz\n  - id: other\n    nam: O\n"
    assert [p for p in _problems(tmp_path, text) if p[2] == "RC201"] == [
        (
            4,
            5,
            "RC201",
            "unknown key 'id2' in this organisation; the keys an organisation can have are: "
            "'id', 'name', 'place', 'description', 'editorial'",
        ),
        (6, 5, "RC201", "unknown key 'nam' in this organisation; did you mean 'name'?"),
    ]
    fixes = [p.fix for p in rcp.check(tmp_path / "pack.yaml").problems if p.code == "RC201"]
    assert fixes == [None, Fix(action="Change to '{}'", replacements=("name",))]

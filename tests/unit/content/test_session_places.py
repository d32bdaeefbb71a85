"""A session's items and places named wrongly: what is said, and the fix carried."""

from pathlib import Path

import pytest
from session_cases import SESSION
from small_packs import BASE

from recurrent_care_pack._content.loading import check_paths
from recurrent_care_pack._problems import Fix


def test_a_film_under_case_studies_is_sent_to_films_and_a_near_name_carries_its_fix(
    tmp_path: Path,
) -> None:
    """A film placed as a case study: put it under 'films'; 'Modul 2': change to 'Module 2'."""
    file = tmp_path / "session.yaml"
    text = SESSION.replace("    - Section 3\n", "    - Modul 2\n").replace(
        "    case-study-tina:\n", "    film-6:\n      file: x.pdf\n    case-study-tina:\n"
    )
    file.write_text(text, encoding="utf-8")
    problems = check_paths([file]).problems
    assert [(p.code, p.line, p.column, p.message, p.fix) for p in problems] == [
        (
            "RC504",
            6,
            7,
            "nothing in the pack is called 'Modul 2'; did you mean 'Module 2'?",
            Fix(action="Change to '{}'", replacements=("Module 2",)),
        ),
        (
            "RC505",
            27,
            5,
            "'film-6' is a film, not a case study; put it under 'films'",
            None,
        ),
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5", ("RC203", 4, 9, "'pack' should be text, not the number 5")),
        ('"  "', ("RC208", 4, 9, "'pack' has only spaces; write it, or leave the key out")),
    ],
)
def test_a_pack_named_by_no_text_is_one_problem_and_the_bundled_pack_is_used(
    tmp_path: Path, written: str, expected: tuple[str, int, int, str]
) -> None:
    """'pack: 5' or blank: the schema says so once; no pack is looked for at such a path."""
    file = tmp_path / "session.yaml"
    title = "  title: Team learning day\n"
    file.write_text(SESSION.replace(title, f"{title}  pack: {written}\n"), encoding="utf-8")
    problems = check_paths([file]).problems
    assert [(p.code, p.line, p.column, p.message) for p in problems] == [expected]


def test_a_session_names_items_of_every_section_of_its_pack(tmp_path: Path) -> None:
    """A module and an exercise of the first of two sections, and the second section: found."""
    second = "  - id: s2\n    number: 4\n    title: Another section\n"
    (tmp_path / "pack.yaml").write_text(BASE + second, encoding="utf-8")
    file = tmp_path / "session.yaml"
    file.write_text(
        "session:\n  title: A day\n  pack: pack.yaml\n  items: [m2, ex, s2]\n  slots:\n"
        "    - date: 2027-01-12\n      start: 09:30\n      end: 13:30\n",
        encoding="utf-8",
    )
    assert check_paths([file]).problems == ()
    file.write_text(file.read_text(encoding="utf-8").replace("m2, ex", "m9, ex"), encoding="utf-8")
    assert [(p.code, p.line, p.message) for p in check_paths([file]).problems] == [
        (
            "RC504",
            4,
            "nothing in the pack is called 'm9'; name a module, exercise or section, "
            "e.g. 'Module 2'",
        )
    ]

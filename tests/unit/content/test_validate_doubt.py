"""What one flaw puts in doubt, and what the rest of the pack is still checked for.

Also the schema's descriptions in messages, as the schema gives them through a ``$ref``.
"""

from pathlib import Path

from small_packs import BASE

from recurrent_care_pack import validate
from recurrent_care_pack._content.loading import check_paths


def _problems(tmp_path: Path, text: str) -> list[tuple[str, int | None, int | None, str]]:
    file = tmp_path / "pack.yaml"
    file.write_text(text, encoding="utf-8")
    return [(p.code, p.line, p.column, p.message) for p in validate(file)]


def test_a_key_written_twice_in_a_module_leaves_the_rest_checked(tmp_path: Path) -> None:
    """A duplicate key puts only its module in doubt: a film unknown elsewhere is reported."""
    text = BASE.replace(
        "        allowance: 23 minutes\n        exercise: ex",
        "        allowance: 23 minutes\n        allowance: 24 minutes\n        exercise: ex",
    ).replace("films: [film-7]", "films: [film-8]")
    assert _problems(tmp_path, text) == [
        (
            "RC103",
            19,
            9,
            "'allowance' appears twice in this mapping (first on line 18); keep one of them",
        ),
        (
            "RC402",
            24,
            17,
            "no film or presentation has the id 'film-8'; did you mean 'film-6' or 'film-7'?",
        ),
    ]


def test_a_section_written_as_text_is_one_problem(tmp_path: Path) -> None:
    """A section that is not a mapping: said once, and nothing else is made of it."""
    text = BASE.split("sections:")[0] + "sections:\n  - a section\n"
    assert _problems(tmp_path, text) == [
        (
            "RC203",
            10,
            5,
            "entry 1 of 'sections' should be a mapping of keys and values, not the text "
            "'a section'",
        )
    ]


def test_a_thing_to_bring_that_is_a_number_is_told_what_it_may_be(tmp_path: Path) -> None:
    """A need's description comes through the list's ``$ref`` to the need."""
    text = BASE.replace("time: 30 minutes", "time: 30 minutes\n        what_you_need: [5]")
    assert _problems(tmp_path, text) == [
        (
            "RC203",
            42,
            25,
            "entry 1 of 'what_you_need' should be a thing to bring ('Post-its'), a case "
            "study to hand out ({case_study: ...}) or a choice ({one_of: ...})",
        )
    ]


def test_a_missing_key_is_described_as_its_own_place_says(tmp_path: Path) -> None:
    """A phase's duration is described as the phase's, not as any duration."""
    text = BASE.replace("            duration: 20 minutes\n", "")
    assert _problems(tmp_path, text) == [
        (
            "RC202",
            43,
            13,
            "this phase has no 'duration'; add it: how long the phase takes, e.g. '20 minutes'",
        )
    ]


def test_a_key_written_twice_in_the_pack_details_leaves_the_sections_checked(
    tmp_path: Path,
) -> None:
    """A title written twice in the pack details: the module's unknown film is still found."""
    text = BASE.replace("  title: A pack\n", "  title: A pack\n  title: Another\n")
    text = text.replace("films: [film-7]", "films: [film-8]")
    assert _problems(tmp_path, text) == [
        (
            "RC103",
            4,
            3,
            "'title' appears twice in this mapping (first on line 3); keep one of them",
        ),
        (
            "RC402",
            24,
            17,
            "no film or presentation has the id 'film-8'; did you mean 'film-6' or 'film-7'?",
        ),
    ]


def test_a_section_title_written_twice_leaves_its_modules_checked(tmp_path: Path) -> None:
    """A doubt about a section's title is not a doubt about the modules in it."""
    text = BASE.replace("    title: A section\n", "    title: A section\n    title: Another\n")
    text = text.replace("films: [film-7]", "films: [film-8]")
    assert _problems(tmp_path, text) == [
        (
            "RC103",
            13,
            5,
            "'title' appears twice in this mapping (first on line 12); keep one of them",
        ),
        (
            "RC402",
            24,
            17,
            "no film or presentation has the id 'film-8'; did you mean 'film-6' or 'film-7'?",
        ),
    ]


def test_an_editors_text_with_half_a_utf16_pair_is_a_problem_not_an_error(
    tmp_path: Path,
) -> None:
    """A buffer holding a lone surrogate is read as its bytes would be: not UTF-8, located."""
    file = tmp_path / "pack.yaml"
    file.write_text(BASE, encoding="utf-8")
    problems = check_paths([file], texts={file: BASE.replace("A pack", "A \ud800 pack")}).problems
    assert [(p.code, p.line, p.column, p.message) for p in problems] == [
        ("RC107", 3, 12, "byte 0xED is not UTF-8 text; save the file as UTF-8")
    ]

"""Content that once passed although it was wrong: each now gets a located problem."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from paths import DATA
from small_packs import BASE
from strategies import packs

from recurrent_care_pack import Pack, PlanError, PlanOptions, load_pack, plan, validate
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.building import pack_to_dict
from recurrent_care_pack._content.dumping import dump

#: BASE's pack details and organisation, and its section in a file of its own.
DETAILS, SECTION = BASE.split("sections:\n", 1)
SECTION = "sections:\n" + SECTION


def _validate(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        status = main(["validate", "."])
    finally:
        os.chdir(old)
    return status, capsys.readouterr().out.splitlines()


def _edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_second_module_followed_by_the_same_exercise_in_another_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RC410 is located in the second file, at its own line, naming the first file's line."""
    (tmp_path / "a.yaml").write_text(DETAILS + SECTION, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "sections:\n"
        "  - id: s4\n"
        "    number: 4\n"
        "    title: Another section\n"
        "    modules:\n"
        "      - id: m4\n"
        "        number: 1\n"
        "        title: Once more\n"
        "        films: [film-7]\n"
        "        allowance: 32 minutes\n"
        "        exercise: ex\n",
        encoding="utf-8",
    )
    assert _validate(tmp_path, capsys) == (
        1,
        [
            "b.yaml:11:19: RC410 Exercise 9 already follows Module 2 of Section 3 at a.yaml:19; "
            "an exercise follows one module only: give Module 1 of Section 4 an exercise of its "
            "own, or leave its 'exercise' out",
            "checked 2 files in this folder: 1 problem in 1 file",
        ],
    )


def test_an_exercise_drawing_on_a_film_of_a_later_section_in_another_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RC413 is located in the first file, naming the module of the second that shows the film."""
    section = _edited(
        SECTION,
        "        time: 30 minutes\n",
        "        time: 30 minutes\n        draws_on: [film-8]\n",
    )
    (tmp_path / "a.yaml").write_text(DETAILS + section, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "sections:\n"
        "  - id: s4\n"
        "    number: 4\n"
        "    title: Another section\n"
        "    modules:\n"
        "      - id: m4\n"
        "        number: 1\n"
        "        title: Film 8\n"
        "        films: [film-8]\n"
        "        allowance: 5 minutes\n"
        "    media:\n"
        "      - id: film-8\n"
        "        kind: film\n"
        "        number: 8\n",
        encoding="utf-8",
    )
    assert _validate(tmp_path, capsys) == (
        1,
        [
            "a.yaml:42:20: RC413 Exercise 9 discusses Film 8, which is shown only later, in "
            "Module 1 of Section 4; make Exercise 9 follow Module 1 of Section 4 or a later "
            "module, or take Film 8 out of 'draws_on'",
            "checked 2 files in this folder: 1 problem in 1 file",
        ],
    )


def test_an_exercise_following_no_module_may_discuss_its_sections_films(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An exercise no module leads to comes after all of its section's modules: it plans."""
    section = _edited(SECTION, "        exercise: ex\n", "")
    section = _edited(
        section,
        "        time: 30 minutes\n",
        "        time: 30 minutes\n        draws_on: [film-7, film-6]\n",
    )
    (tmp_path / "pack.yaml").write_text(DETAILS + section, encoding="utf-8")
    assert _validate(tmp_path, capsys) == (0, ["checked 1 file, pack.yaml: no problems"])
    entries = plan(load_pack(tmp_path / "pack.yaml")).entries
    assert [e.title for e in entries][-1] == "Exercise 9: An exercise"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - id: film-7\n",
            '      - id: "film-6\\n"\n',
            "pack.yaml:34:13: RC205 'film-6\\n' is not a valid id: it has a space or line break "
            "around it; write 'film-6'",
        ),
        (
            "        time: 30 minutes\n",
            '        time: "30 minutes\\n"\n',
            "pack.yaml:41:15: RC304 '30 minutes\\n' is not a duration rcpack can read: write it "
            "as you would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'",
        ),
        (
            "published: 2019-05-22",
            'published: "2019-05-22\\n"',
            "pack.yaml:5:14: RC206 '2019-05-22\\n' is not a date written YYYY-MM-DD: "
            "write '2019-05-22'",
        ),
        (
            "    title: A section\n",
            "    title: A section\n    looking_at: [trauma, '\t ']\n",
            "pack.yaml:13:26: RC208 entry 2 of 'looking_at' has only spaces; write it, or leave "
            "the key out",
        ),
        (
            "        time: 30 minutes\n",
            "        time: 3\u00b2 minutes\n",
            "pack.yaml:41:15: RC304 '3\u00b2 minutes' has '\u00b2' (superscript two), not one of "
            "the digits 0-9: write it as you would say it, e.g. '23 minutes', '22 minutes 31 "
            "seconds', '1 hour'",
        ),
    ],
    ids=["id", "duration", "date", "list of texts", "superscript digit"],
)
def test_a_trailing_line_break_or_a_blank_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    """Python's ``$`` no longer lets a final line break through; blanks and odd digits fail."""
    (tmp_path / "pack.yaml").write_text(_edited(BASE, old, new), encoding="utf-8")
    assert _validate(tmp_path, capsys) == (
        1,
        [expected, "checked 1 file, pack.yaml: 1 problem in 1 file"],
    )


def test_validate_reports_the_new_problems_without_raising(tmp_path: Path) -> None:
    """``validate`` returns the meaning problems of a pack with several at once."""
    content = _edited(BASE, "films: [film-6]", "films: [film-6, film-6]")
    content = _edited(content, "rewatch: [film-6]", "rewatch: [film-7]")
    (tmp_path / "pack.yaml").write_text(content, encoding="utf-8")
    assert [p.code for p in validate(tmp_path / "pack.yaml")] == ["RC411", "RC409", "RC412"]


def test_the_bundled_pack_is_valid_and_plans(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled pack has none of the new problems, and the whole of it plans."""
    data = DATA
    assert _validate(data, capsys) == (0, ["checked 2 files in this folder: no problems"])
    assert plan(load_pack(data)).entries


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packs(draws_on_any_film=True))
def test_rc413_is_exactly_what_stops_a_plan_of_the_whole_pack(
    tmp_path_factory: pytest.TempPathFactory, pack: Pack
) -> None:
    """A whole-pack plan shows an exercise's films first; it stops only where RC413 is reported."""
    file = tmp_path_factory.mktemp("pack") / "pack.yaml"
    file.write_text(dump(pack_to_dict(pack)), encoding="utf-8")
    codes = {p.code for p in validate(file)}
    assert codes <= {"RC413"}
    refusal = ""
    try:
        plan(pack, (), PlanOptions(days=1))
    except PlanError as error:
        refusal = str(error)
    if "midnight" in refusal:
        reject()  # the clock stopped the plan before the order could
    assert not refusal or codes == {"RC413"}, refusal
    assert not refusal or " discusses " in refusal

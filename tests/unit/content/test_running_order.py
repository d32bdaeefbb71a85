"""The running order, once: what checking and planning both take as shown before an exercise."""

from pathlib import Path

import pytest
from small_packs import BASE

from recurrent_care_pack import Pack, load_pack, validate
from recurrent_care_pack._order import Turn, running_order, shown_before

#: BASE with Module 3 re-watching Film 8 (the film of a later Module 4) and followed by
#: Exercise 10, which discusses Film 8: the re-watch shows it before the exercise.
REWATCHED = (
    BASE.replace(
        "        different_day:\n          rewatch: [film-6]\n          allowance: 55 minutes\n",
        "        exercise: ex10\n"
        "        different_day:\n          rewatch: [film-8]\n          allowance: 42 minutes\n"
        "      - id: m4\n        number: 4\n        title: Later\n        films: [film-8]\n"
        "        allowance: 10 minutes\n",
    ).replace(
        "      - id: film-7\n        kind: film\n        number: 7\n",
        "      - id: film-7\n        kind: film\n        number: 7\n"
        "      - id: film-8\n        kind: film\n        number: 8\n        allowance: 10 minutes\n",
    )
    + "      - id: ex10\n        number: 10\n        title: Another exercise\n"
    "        time: 20 minutes\n        draws_on: [film-8]\n        phases:\n"
    "          - grouping: [whole group]\n            duration: 20 minutes\n"
    "            activity: Talk.\n"
)


def _lines(folder: Path, text: str) -> list[str]:
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return [str(p).removeprefix(f"{folder}/") for p in validate(folder / "pack.yaml")]


def test_a_film_a_module_rewatches_is_shown_before_the_exercise_that_follows(
    tmp_path: Path,
) -> None:
    """Exercise 10 follows Module 3, which re-watches Film 8: no RC413, though Module 4 shows it."""
    assert _lines(tmp_path, REWATCHED) == []


def test_a_film_rewatched_later_is_not_shown_before_an_earlier_exercise(tmp_path: Path) -> None:
    """Exercise 9 follows Module 2; Film 8 is first shown by Module 3's re-watch: RC413 says so."""
    text = REWATCHED.replace(
        "        time: 30 minutes\n", "        time: 30 minutes\n        draws_on: [film-8]\n", 1
    ).replace(
        "        draws_on: [film-8]\n        phases:\n          - grouping: [whole",
        ("        phases:\n          - grouping: [whole"),
    )
    assert _lines(tmp_path, text) == [
        "pack.yaml:52:20: RC413 Exercise 9 discusses Film 8, which is shown only later, in "
        "Module 3 of Section 3; make Exercise 9 follow Module 3 of Section 3 or a later module, "
        "or take Film 8 out of 'draws_on'"
    ]


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    """REWATCHED, loaded."""
    (tmp_path / "pack.yaml").write_text(REWATCHED, encoding="utf-8")
    return load_pack(tmp_path / "pack.yaml")


def test_the_running_order_of_a_pack(pack: Pack) -> None:
    """Each module with its exercise, in order; shown before each exercise, re-watches too."""
    modules = {m.id: m for s in pack.sections for m in s.modules}
    assert list(running_order(pack)) == [
        Turn(modules["m2"], "ex"),
        Turn(modules["m3"], "ex10"),
        Turn(modules["m4"], None),
    ]
    assert [(e, sorted(shown)) for e, shown in shown_before(pack)] == [
        ("ex", ["film-6"]),
        ("ex10", ["film-6", "film-7", "film-8"]),
    ]


def test_an_exercise_brought_once_whoever_names_it(pack: Pack) -> None:
    """An exercise named before its module goes alone; its module then comes without it."""
    section = pack.sections[0]
    m2, m3, _ = section.modules
    ex = next(e for e in section.exercises if e.id == "ex")
    assert list(running_order(pack, [ex, m2, m3, m2, ex])) == [
        Turn(None, "ex"),
        Turn(m2, None),
        Turn(m3, "ex10"),
    ]

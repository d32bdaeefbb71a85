"""A module that re-watches two films: the pack's time, both films, both shown before.

A planted bug counting only the first of two films survived the suite once.
"""

from datetime import timedelta

import pytest
from attrs import evolve
from small_packs import modules_pack, rows

from recurrent_care_pack import (
    DifferentDay,
    Exercise,
    Pack,
    PlanOptions,
    find,
    module_time,
    plan,
    section_time,
)

MIN = timedelta(minutes=1)


def _pack(
    *, rewatch: tuple[str, ...] = ("film-1", "film-2"), draws_on: tuple[str, ...] = ()
) -> Pack:
    """Films of 10, 20, 15 and 5 minutes, and two modules.

    Module 1 shows Films 1 and 2 (30 minutes); Module 2 shows Film 3 (15 minutes) and, on a
    later day, re-watches ``rewatch`` first (50 minutes); no module shows Film 4.
    """
    pack = modules_pack([10, 20, 15, 5])
    section = pack.sections[0]
    first, _, third, _ = section.modules
    exercise = Exercise(id="exercise-1", number=1, title="Talk", time=5 * MIN, draws_on=draws_on)
    modules = (
        evolve(first, films=("film-1", "film-2"), allowance=30 * MIN),
        evolve(
            third,
            id="module-2",
            number=2,
            title="Module 2",
            different_day=DifferentDay(rewatch=rewatch, allowance=50 * MIN),
            exercise="exercise-1" if draws_on else None,
        ),
    )
    sections = (evolve(section, modules=modules, exercises=(exercise,) if draws_on else ()),)
    return evolve(pack, sections=sections)


def test_module_time_on_a_different_day_is_the_pack_allowance_for_both_films() -> None:
    """50 minutes for Films 1, 2 and 3 on a day of its own; 15 for Film 3 alone."""
    pack = _pack()
    module = find(pack, "module-2")
    assert module_time(pack, module, different_day=True) == 50 * MIN  # type: ignore[arg-type]
    assert module_time(pack, module) == 15 * MIN  # type: ignore[arg-type]
    section = pack.sections[0]
    assert section_time(pack, section, different_days=True) == 80 * MIN


def test_the_re_watch_entry_shows_both_films_in_the_pack_time() -> None:
    """Module 2 on Day 2 re-watches Films 1 and 2: 50 minutes, both films, then Film 3."""
    agenda = plan(_pack(), options=PlanOptions(days=2))
    assert rows(agenda) == [
        (1, "09:30", "10:00", "Module 1 films: Films 1 and 2"),
        (
            2,
            "09:30",
            "10:20",
            "Module 2 films: Films 1 and 2 again (the pack's suggestion), then Film 3",
        ),
    ]
    entry = agenda.day(2)[0]
    assert (entry.duration, entry.films, entry.rewatch) == (
        50 * MIN,
        ("film-1", "film-2", "film-3"),
        ("film-1", "film-2"),
    )
    assert agenda.total == 80 * MIN


@pytest.mark.parametrize(
    ("days", "rewatch"), [(1, ("film-1", "film-2")), (2, ("film-1", "film-4"))]
)
def test_no_re_watch_unless_both_films_were_shown_on_an_earlier_day(
    days: int, rewatch: tuple[str, ...]
) -> None:
    """Films 1 and 2 shown the same day, or Film 4 never shown: Module 2 takes its 15 minutes."""
    agenda = plan(_pack(rewatch=rewatch), options=PlanOptions(days=days))
    last = agenda.entries[-1]
    assert (last.title, last.duration, last.rewatch) == ("Module 2 films: Film 3", 15 * MIN, ())


def test_films_an_exercise_discusses_add_each_film_time() -> None:
    """Module 2 alone, its exercise discussing Films 1 and 2: 15 + 10 + 20 minutes of films.

    The pack's re-watch names only Film 1, so its time does not apply.
    """
    pack = _pack(rewatch=("film-1",), draws_on=("film-1", "film-2"))
    agenda = plan(pack, ["module-2"])
    assert rows(agenda) == [
        (
            1,
            "09:30",
            "10:15",
            "Module 2 films: Films 1 and 2 first (Exercise 1 discusses them), then Film 3",
        ),
        (1, "10:15", "10:20", "Exercise 1: Talk"),
    ]
    assert agenda.entries[0].films == ("film-1", "film-2", "film-3")


def test_films_an_exercise_discusses_take_the_pack_time_when_it_names_them() -> None:
    """The same, with the pack's re-watch of Films 1 and 2: its 50 minutes."""
    agenda = plan(_pack(draws_on=("film-1", "film-2")), ["module-2"])
    assert [(e.duration, e.films) for e in agenda.entries] == [
        (50 * MIN, ("film-1", "film-2", "film-3")),
        (5 * MIN, ()),
    ]

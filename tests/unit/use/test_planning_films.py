"""Films as the pack says: once a day, those an exercise discusses, the optional re-watch."""

from datetime import time, timedelta

import pytest
from attrs import evolve
from small_packs import rows

from recurrent_care_pack import Breaks, Note, Pack, PlanError, PlanOptions, Slot, load_pack, plan
from recurrent_care_pack._cli import main

MIN = timedelta(minutes=1)


@pytest.fixture
def pack() -> Pack:
    """The bundled pack."""
    return load_pack()


def test_module_3_alone_watches_film_6_first(pack: Pack) -> None:
    """Exercise 10 discusses Film 6 too, so Module 3 on its own shows it first."""
    assert rows(plan(pack, ["Module 3"]))[0] == (
        1,
        "09:30",
        "10:25",
        "Module 3 films: Film 6 first (Exercise 10 discusses it), then Film 7",
    )


SUGGESTION = (
    "Module 3 runs on a later day than Film 6: the pack suggests starting it by also watching "
    "Film 6 (55 minutes for the films)"
)
NEEDED = (
    "Exercise 10 discusses Film 6 as well as Film 7, and this plan has not shown Film 6 "
    "before it, so it shows it first"
)


def test_the_re_watch_is_the_pack_suggestion_and_optional_in_the_api(pack: Pack) -> None:
    """Module 3 on a later day than Film 6 re-watches it; PlanOptions(rewatch=False) does not."""
    followed = plan(pack, ["section-3"], PlanOptions(days=3))
    assert followed.day(3)[0].rewatch == ("film-6",)
    assert followed.day(3)[0].note == f"{SUGGESTION}; this plan follows it"
    three_days = plan(pack, ["section-3"], PlanOptions(days=3, rewatch=False))
    assert three_days.total == (208 - 23) * MIN
    assert three_days.day(3)[0].films == ("film-7",)
    assert [e.note for e in three_days.entries if e.note] == [
        f"{SUGGESTION}; this plan leaves it out"
    ]
    one_day = plan(pack, ["section-3"], PlanOptions(rewatch=False))
    assert one_day == evolve(plan(pack, ["section-3"]), options=one_day.options)
    assert all(e.note is None for e in one_day.entries)  # Film 6 was shown that day


def test_module_3_alone_shows_film_6_for_exercise_10_whatever_the_re_watch(pack: Pack) -> None:
    """Not the pack's different-day suggestion: Exercise 10 discusses Film 6, so it is shown."""
    for rewatch in (True, False):
        agenda = plan(pack, ["Module 3"], PlanOptions(rewatch=rewatch))
        assert agenda.entries[0].films == ("film-6", "film-7")
        assert agenda.entries[0].rewatch == ()
        assert agenda.entries[0].note == NEEDED


@pytest.mark.parametrize("flags", [[], ["--no-rewatch"]])
def test_module_3_alone_on_the_command_line(
    capsys: pytest.CaptureFixture[str], flags: list[str]
) -> None:
    """``rcpack plan "Module 3"`` shows Film 6 first, saying Exercise 10 is why."""
    assert main(["plan", "Module 3", *flags]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "  09:30-10:25    55 min  Module 3 films: Film 6 first (Exercise 10 discusses it), "
        "then Film 7",
        "  10:25-10:55    30 min  Exercise 10: Thinking about trauma-informed approaches "
        "in your work",
        "",
        "Ends 10:55. In all: 1 hour 25 min",
        f"Note: {NEEDED}.",
    ]


def test_a_break_a_day_cannot_take_is_told(pack: Pack) -> None:
    """A break at 10:30 over two days: taken on Day 2, and Day 1 (one item) says why not."""
    agenda = plan(pack, ["section-3"], PlanOptions(days=2, breaks=Breaks(at=(time(10, 30),))))
    assert [n.text for n in agenda.notes] == [
        "The break asked for at 10:30 is at 10:23, after Exercise 9: the nearest point "
        "between items.",
        "Day 1 has no break at 10:30: breaks go between items, and Day 1 holds one.",
    ]


def _with_films(pack: Pack, number: int, films: tuple[str, ...]) -> Pack:
    """The pack with module ``number`` of its first section showing ``films``."""
    section = pack.sections[0]
    modules = tuple(evolve(m, films=films) if m.number == number else m for m in section.modules)
    return evolve(pack, sections=(evolve(section, modules=modules), *pack.sections[1:]))


def test_films_shown_earlier_that_day_are_not_shown_again(pack: Pack) -> None:
    """Module 2 showing Films 6 and 7, after Module 3 showed both: "are", "them", no films."""
    two_films = _with_films(pack, 2, ("film-6", "film-7"))
    agenda = plan(two_films, ["Module 3", "Module 2"])
    assert [e.item for e in agenda.entries] == [
        "section-3-module-3",
        "exercise-10",
        "exercise-9",
    ]
    assert agenda.notes[-1] == Note(
        text="Films 6 and 7 are shown earlier this day, so Module 2 of Section 3 does not show "
        "them again and goes straight to Exercise 9; a film is shown once a day (plan the "
        "modules in the pack's order to show it with its own module).",
        day=1,
        item="section-3-module-2",
    )


def _drawing_on_a_missing_film(pack: Pack, *missing: str) -> Pack:
    """The pack, built in Python, with Exercise 10 drawing on film-99 (or ``missing``): lacked."""
    section = pack.sections[0]
    films = missing or ("film-99",)
    exercises = tuple(
        evolve(e, draws_on=films) if e.id == "exercise-10" else e for e in section.exercises
    )
    return evolve(pack, sections=(evolve(section, exercises=exercises), *pack.sections[1:]))


def test_an_exercise_discussing_a_film_the_pack_lacks_is_refused(pack: Pack) -> None:
    """A pack built in Python whose Exercise 10 draws on an unknown film: a PlanError, no crash."""
    odd = _drawing_on_a_missing_film(pack)
    with pytest.raises(PlanError) as refused:
        plan(odd, ["Exercise 10"])
    assert str(refused.value) == (
        "Exercise 10 discusses 'film-99', which the pack does not have; add it to the pack, "
        "or take it out of the exercise's draws_on"
    )


def test_an_exercise_discussing_two_films_the_pack_lacks_names_both(pack: Pack) -> None:
    """Two ids the pack lacks: both named, and "them"; Film 7, which it has, not named."""
    odd = _drawing_on_a_missing_film(pack, "film-98", "film-99")
    with pytest.raises(PlanError) as refused:
        plan(odd, ["Exercise 10"])
    assert str(refused.value) == (
        "Exercise 10 discusses 'film-98' and 'film-99', which the pack does not have; add them "
        "to the pack, or take them out of the exercise's draws_on"
    )


@pytest.mark.parametrize(
    ("untimed", "said"),
    [
        (
            {"film-7"},
            "Exercise 10 discusses Film 7, and the pack gives no time to show it on its own; "
            "plan the module that shows Film 7 first",
        ),
        (
            {"film-6", "film-7"},
            "Exercise 10 discusses Films 6 and 7, and the pack gives no time to show them on "
            "their own; plan the module that shows Films 6 and 7 first",
        ),
    ],
    ids=["one", "two"],
)
def test_an_exercise_alone_discussing_a_film_with_no_time_of_its_own_is_refused(
    pack: Pack, untimed: set[str], said: str
) -> None:
    """Films the pack gives no time of their own: shown only with their module, so said so."""
    section = pack.sections[0]
    media = tuple(evolve(m, allowance=None) if m.id in untimed else m for m in section.media)
    unknown = evolve(pack, sections=(evolve(section, media=media), *pack.sections[1:]))
    with pytest.raises(PlanError) as refused:
        plan(unknown, ["Exercise 10"])
    assert str(refused.value) == said


def test_an_exercise_alone_after_its_films_module_shows_only_the_film_missing(
    pack: Pack,
) -> None:
    """Module 2 showed Film 6: Exercise 10 alone then shows Film 7 first, saying "it"."""
    agenda = plan(pack, ["Module 2", "Exercise 10"])
    films = agenda.entries[2]
    assert (films.title, films.item, films.films) == (
        "Films for Exercise 10: Film 7",
        "exercise-10",
        ("film-7",),
    )
    assert films.duration == 32 * MIN
    assert films.note == (
        "Exercise 10 discusses Film 7, which this plan has not shown before it, so it shows "
        "it first"
    )


def test_a_module_whose_other_film_was_shown_that_day_takes_its_films_own_time(
    pack: Pack,
) -> None:
    """Module 3 showing Films 2 and 7 (50 min) after Module 1: Film 7's 32 min, Film 6 first."""
    section = pack.sections[0]
    modules = tuple(
        evolve(m, films=("film-2", "film-7"), allowance=50 * MIN) if m.number == 3 else m
        for m in section.modules
    )
    both = evolve(pack, sections=(evolve(section, modules=modules), *pack.sections[1:]))
    agenda = plan(both, ["Module 1", "Module 3"])
    assert rows(agenda)[2] == (
        1,
        "10:40",
        "11:35",
        "Module 3 films: Film 6 first (Exercise 10 discusses it), then Film 7",
    )
    assert agenda.entries[2].films == ("film-6", "film-7")


def test_a_module_whose_exercise_discusses_a_film_the_pack_lacks_is_refused(pack: Pack) -> None:
    """A pack built in Python whose Exercise 10 draws on an unknown film: Module 3 is refused."""
    odd = _drawing_on_a_missing_film(pack)
    with pytest.raises(PlanError) as refused:
        plan(odd, ["Module 3"])
    assert str(refused.value) == (
        "Exercise 10 discusses 'film-99', which the pack does not have; add it to the pack, "
        "or take it out of the exercise's draws_on"
    )


def test_a_required_discussion_is_never_dropped_to_fit_a_slot(pack: Pack) -> None:
    """Module 1 with a required 10-minute discussion needs 80 minutes: 75 are refused."""
    section = pack.sections[0]
    modules = tuple(
        evolve(m, discussion=evolve(m.discussion, optional=False))
        if m.number == 1 and m.discussion is not None
        else m
        for m in section.modules
    )
    required = evolve(pack, sections=(evolve(section, modules=modules), *pack.sections[1:]))
    slot = Slot(start=time(9, 30), end=time(10, 45))
    with pytest.raises(PlanError) as refused:
        plan(required, ["Module 1"], PlanOptions(booked=(slot,)))
    assert str(refused.value) == (
        "the plan needs 1 hour 20 minutes for Module 1 of Section 3 (from 09:30 to 10:50), and "
        "its slot, 09:30 to 10:45, holds 1 hour 15 minutes; plan fewer items, book a longer "
        "slot, or give a budget (--budget, or budget in a session file) to let the plan choose"
    )
    roomy = Slot(start=time(9, 30), end=time(10, 50))
    agenda = plan(required, ["Module 1"], PlanOptions(booked=(roomy,)))
    assert [(e.title, e.optional) for e in agenda.entries][1] == (
        "Discussion (whole group)",
        False,
    )

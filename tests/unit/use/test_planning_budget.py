"""Budgets: the most of the pack's content that fits, breaks included."""

from datetime import time, timedelta

import pytest
from attrs import evolve
from small_packs import modules_pack
from small_packs import rows as _rows

from recurrent_care_pack import (
    Breaks,
    EntryKind,
    Exercise,
    Grouping,
    Note,
    Pack,
    Phase,
    PlanError,
    PlanOptions,
    Slot,
    load_pack,
    plan,
)
from recurrent_care_pack._use.planning.budget import Search
from recurrent_care_pack._use.planning.films import Units
from recurrent_care_pack._use.planning.layout import Layout

MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The bundled pack."""
    return load_pack()


def test_budget_drops_discussions_before_modules(pack: Pack) -> None:
    """With 3 h 5 min and discussions wanted, all modules fit without their discussions."""
    agenda = plan(pack, ["section-3"], PlanOptions(budget=185 * MIN, discussions=True))
    assert agenda.total == 185 * MIN
    assert agenda.left_out == tuple(
        f"the optional discussion after Module {n} of Section 3" for n in (1, 2, 3)
    )


def test_budget_too_small_for_anything(pack: Pack) -> None:
    """Twenty minutes hold no module: the planner says so."""
    with pytest.raises(PlanError, match="nothing in the selection fits in 20 minutes"):
        plan(pack, ["section-3"], PlanOptions(budget=20 * MIN))


def test_a_budget_finds_the_small_modules_after_a_long_one() -> None:
    """Thirteen modules, the first 5 hours and the rest 2 minutes: 2 hours hold the twelve."""
    agenda = plan(modules_pack([300] + [2] * 12), options=PlanOptions(budget=120 * MIN))
    assert agenda.left_out == ("Module 1 of Section 1",)
    assert agenda.total == 24 * MIN
    assert [e.item for e in agenda.entries] == [f"module-{n}" for n in range(2, 14)]


def test_a_budget_prefers_more_content_then_more_items_then_the_first() -> None:
    """In 5 minutes: 5 beats 2 + 2; 3 + 2 beats 5; of 2 + 3 and 2 + 3, the first 2."""

    def items(minutes: list[int]) -> list[str | None]:
        agenda = plan(modules_pack(minutes), options=PlanOptions(budget=5 * MIN))
        return [e.item for e in agenda.entries]

    assert items([5, 2, 2]) == ["module-1"]
    assert items([5, 3, 2]) == ["module-2", "module-3"]
    assert items([2, 2, 3]) == ["module-1", "module-3"]


def test_a_budget_counts_content_not_a_re_watch(pack: Pack) -> None:
    """In 90 minutes, Module 1 (70 min) beats Module 3 (62 min, though 85 with Film 6 first)."""
    agenda = plan(pack, ["section-3"], PlanOptions(budget=90 * MIN))
    assert [e.item for e in agenda.entries] == ["section-3-module-1", "exercise-8"]
    assert agenda.left_out == ("Module 2 of Section 3", "Module 3 of Section 3")


def test_a_budget_over_two_days_keeps_every_discussion(pack: Pack) -> None:
    """Four hours over two days hold all three discussions: Module 3 follows Module 2 on Day 2."""
    options = PlanOptions(
        days=2, discussions=True, budget=240 * MIN, breaks=Breaks(after_exercises=True)
    )
    agenda = plan(pack, options=options)
    assert _rows(agenda) == [
        (1, "09:30", "10:10", "Module 1 films: Films 2, 3, 4 and 5"),
        (1, "10:10", "10:20", "Optional discussion (whole group)"),
        (
            1,
            "10:20",
            "10:50",
            "Exercise 8: Understanding non-engagement and attachment through a case study",
        ),
        (2, "09:30", "09:53", "Module 2 films: Film 6"),
        (2, "09:53", "10:03", "Optional discussion (whole group)"),
        (
            2,
            "10:03",
            "10:33",
            "Exercise 9: Understanding non-engagement and complex trauma through a case study",
        ),
        (2, "10:33", "10:48", "Break"),
        (2, "10:48", "11:20", "Module 3 films: Film 7"),
        (2, "11:20", "11:30", "Optional discussion"),
        (
            2,
            "11:30",
            "12:00",
            "Exercise 10: Thinking about trauma-informed approaches in your work",
        ),
    ]
    assert agenda.left_out == ()
    assert agenda.total == 230 * MIN


def test_refuses_a_budget_of_nothing(pack: Pack) -> None:
    """A budget of zero is refused, not answered with a traceback."""
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(budget=timedelta()))
    assert str(raised.value) == "a budget must be more than zero; give one such as 3 hours"


EX10 = "Exercise 10: Thinking about trauma-informed approaches in your work"
REWATCH = "the re-watch of Film 6 before Module 3 of Section 3 (the pack's suggestion)"


def test_a_budget_that_holds_the_re_watch_keeps_it(pack: Pack) -> None:
    """Three days in 3 hours 28 minutes: all of Section 3 and Film 6 again before Module 3."""
    agenda = plan(pack, ["section-3"], PlanOptions(days=3, budget=208 * MIN))
    assert agenda.day(3)[0].rewatch == ("film-6",)
    assert agenda.day(3)[0].films == ("film-6", "film-7")
    assert agenda.left_out == ()
    assert agenda.total == 208 * MIN


def test_a_budget_one_minute_short_of_the_re_watch_leaves_it_out(pack: Pack) -> None:
    """In 3 hours 27 minutes the re-watch (23 minutes more) is left out, and listed as such."""
    agenda = plan(pack, ["section-3"], PlanOptions(days=3, budget=207 * MIN))
    films = agenda.day(3)[0]
    assert (films.item, films.films, films.rewatch) == ("section-3-module-3", ("film-7",), ())
    assert agenda.left_out == (REWATCH,)
    assert agenda.total == 185 * MIN


def test_a_budget_counts_the_films_an_exercise_alone_shows(pack: Pack) -> None:
    """Exercise 10 alone brings Films 6 and 7 (55 min): in 90 minutes it beats Exercise 8."""
    agenda = plan(pack, ["Exercise 8", "Exercise 10"], PlanOptions(budget=90 * MIN))
    assert _rows(agenda) == [
        (1, "09:30", "10:25", "Films for Exercise 10: Films 6 and 7"),
        (1, "10:25", "10:55", EX10),
    ]
    assert agenda.left_out == ("Exercise 8",)


def test_a_budget_in_a_slot_no_item_fits_says_nothing_fits(pack: Pack) -> None:
    """A ten-minute slot holds no item whatever the budget: the message gives the budget."""
    slot = Slot(start=time(9, 30), end=time(9, 40))
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(booked=(slot,), budget=60 * MIN))
    assert str(raised.value) == "nothing in the selection fits in 1 hour"


def test_a_budget_that_leaves_out_a_long_re_watch_says_so_on_its_day(pack: Pack) -> None:
    """A re-watch longer than the budget is dropped from its day, with a note naming it."""
    section = pack.sections[0]
    module_3 = section.modules[2]
    assert module_3.different_day is not None
    long_rewatch = evolve(module_3.different_day, allowance=300 * MIN)
    modules = (*section.modules[:2], evolve(module_3, different_day=long_rewatch))
    long_pack = evolve(pack, sections=(evolve(section, modules=modules), *pack.sections[1:]))
    agenda = plan(long_pack, ["Module 2", "Module 3"], PlanOptions(days=2, budget=115 * MIN))
    assert _rows(agenda)[2:] == [
        (2, "09:30", "10:02", "Module 3 films: Film 7"),
        (2, "10:02", "10:32", EX10),
    ]
    assert agenda.left_out == (REWATCH,)
    assert agenda.notes == (
        Note(
            text="The budget leaves out the re-watch of Film 6 the pack suggests before "
            "Module 3 of Section 3 on a later day (4 hours 28 minutes more).",
            day=2,
            item="section-3-module-3",
        ),
    )


def test_a_re_watch_is_not_counted_as_content(pack: Pack) -> None:
    """Modules 2 and 3 over two days: 1 hour 55 minutes of content, Film 6 again not counted."""
    units = Units(pack, rewatch=True)
    chosen = Search(Layout(units, PlanOptions(days=2))).split(
        units.of(["Module 2", "Module 3"]), frozenset()
    )
    assert chosen.days[1].entries[0].rewatch == ("film-6",)
    assert [d.content for d in chosen.days] == [53 * MIN, 62 * MIN]
    assert chosen.total == (53 + 85) * MIN


def test_a_budget_counts_the_films_an_exercise_alone_shows_of_its_own_module(pack: Pack) -> None:
    """In 85 minutes Exercise 10 alone (Films 6 and 7, 85 min) beats Module 1 (70 min)."""
    agenda = plan(pack, ["Module 1", "Exercise 10"], PlanOptions(budget=85 * MIN))
    assert _rows(agenda) == [
        (1, "09:30", "10:25", "Films for Exercise 10: Films 6 and 7"),
        (1, "10:25", "10:55", EX10),
    ]
    assert agenda.left_out == ("Module 1 of Section 3",)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (
            1,
            "nothing in the selection fits in 1 minute: the shortest, Module 1 of Section 1, "
            "needs 5 minutes; give a longer budget",
        ),
        (
            2,
            "each of the 2 days needs a module or exercise, and the shortest 2 (Module 1 of "
            "Section 1 and Module 2 of Section 1) need 10 minutes in all, more than the budget "
            "of 1 minute; give fewer days or a longer budget",
        ),
    ],
)
def test_nothing_fits_names_the_first_of_equally_short_items(days: int, message: str) -> None:
    """Three 5-minute modules in 1 minute: the first of the shortest are named, in order."""
    with pytest.raises(PlanError) as raised:
        plan(modules_pack([5, 5, 5]), options=PlanOptions(days=days, budget=MIN))
    assert str(raised.value) == message


def test_nothing_fits_counts_the_film_an_item_alone_must_show_first(pack: Pack) -> None:
    """Module 3 alone shows Film 6 first (Exercise 10 discusses it): it needs 85 minutes."""
    with pytest.raises(PlanError) as raised:
        plan(pack, ["Module 3"], PlanOptions(budget=20 * MIN))
    assert str(raised.value) == (
        "nothing in the selection fits in 20 minutes: the shortest, Module 3 of Section 3, "
        "needs 1 hour 25 minutes; give a longer budget"
    )


def test_nothing_fits_looks_past_an_item_longer_than_the_slot(pack: Pack) -> None:
    """In a one-hour slot Module 1 (70 min) never fits; Module 2 (53 min) is the shortest."""
    slot = Slot(start=time(9, 30), end=time(10, 30))
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(booked=(slot,), budget=20 * MIN))
    assert str(raised.value) == (
        "nothing in the selection fits in 20 minutes: the shortest, Module 2 of Section 3, "
        "needs 53 minutes; give a longer budget"
    )


@pytest.mark.parametrize(
    ("minutes", "kept"),
    [(195, (1,)), (205, (1, 2))],
)
def test_a_budget_over_two_days_keeps_the_earlier_discussions_that_fit(
    pack: Pack, minutes: int, kept: tuple[int, ...]
) -> None:
    """Section 3 (3 h 5 min) over two days: each 10 minutes more keeps one more discussion."""
    options = PlanOptions(days=2, discussions=True, budget=minutes * MIN)
    agenda = plan(pack, ["section-3"], options)
    assert agenda.total == minutes * MIN
    talks = [e.item for e in agenda.entries if e.kind is EntryKind.DISCUSSION]
    assert talks == [f"section-3-module-{n}" for n in kept]
    assert agenda.left_out == tuple(
        f"the optional discussion after Module {n} of Section 3"
        for n in (1, 2, 3)
        if n not in kept
    )


def test_a_budget_plans_modules_without_discussions_rather_than_fewer_modules(
    pack: Pack,
) -> None:
    """In 2 hours 3 minutes with discussions asked for: Modules 1 and 2 without them."""
    agenda = plan(pack, ["section-3"], PlanOptions(discussions=True, budget=123 * MIN))
    assert [e.item for e in agenda.entries] == [
        "section-3-module-1",
        "exercise-8",
        "section-3-module-2",
        "exercise-9",
    ]
    assert agenda.left_out == (
        "Module 3 of Section 3",
        "the optional discussion after Module 1 of Section 3",
        "the optional discussion after Module 2 of Section 3",
    )


def test_a_budget_counts_a_film_two_modules_share_once() -> None:
    """Module 2 shows Films 1 and 2 (20 min); after Module 1 only Film 2: both fit 20 minutes."""
    small = modules_pack([10, 10, 100])
    section = small.sections[0]
    modules = tuple(
        evolve(m, films=("film-1", "film-2"), allowance=20 * MIN) if m.id == "module-2" else m
        for m in section.modules
    )
    shared = evolve(small, sections=(evolve(section, modules=modules),))
    agenda = plan(shared, options=PlanOptions(budget=20 * MIN))
    assert _rows(agenda) == [
        (1, "09:30", "09:40", "Module 1 films: Film 1"),
        (1, "09:40", "09:50", "Module 2 films: Film 2"),
    ]
    assert agenda.left_out == ("Module 3 of Section 1",)


def test_a_day_tried_after_other_films_is_laid_out_for_the_films_shown_before_it() -> None:
    """Two days in 44 minutes: Module 3's exercise discusses Film 2 (40 minutes).

    The fullest choice, Modules 2, 3 and 4, lays out a day of Modules 3 and 4 after Film 2
    (30 minutes) and does not fit. Modules 1, 3 and 4 would need Film 2 shown first, 75
    minutes in all: Modules 1 and 4 (15 minutes) are what fits, not that day again.
    """
    small = modules_pack([5, 40, 10, 10])
    section = small.sections[0]
    phase = Phase(grouping=(Grouping.WHOLE_GROUP,), duration=10 * MIN, activity="Talk.")
    exercise = Exercise(
        id="exercise-1",
        number=1,
        title="Talk",
        time=10 * MIN,
        phases=(phase,),
        draws_on=("film-2",),
    )
    modules = tuple(
        evolve(m, exercise="exercise-1") if m.id == "module-3" else m for m in section.modules
    )
    section = evolve(section, modules=modules, exercises=(exercise,))
    agenda = plan(evolve(small, sections=(section,)), options=PlanOptions(days=2, budget=44 * MIN))
    assert _rows(agenda) == [
        (1, "09:30", "09:35", "Module 1 films: Film 1"),
        (2, "09:30", "09:40", "Module 4 films: Film 4"),
    ]
    assert agenda.left_out == ("Module 2 of Section 1", "Module 3 of Section 1")


def test_what_breaks_cost_a_budget_ignores_the_day_end(pack: Pack) -> None:
    """A day ending at 13:00 still hears what the breaks would need: 3 hours 35 minutes."""
    options = PlanOptions(
        budget=185 * MIN, day_end=time(13, 0), breaks=Breaks(after_exercises=True, length=15 * MIN)
    )
    agenda = plan(pack, ["section-3"], options)
    assert agenda.left_out == ("Module 2 of Section 3",)
    assert [n.text for n in agenda.notes] == [
        "Without breaks, Module 1 of Section 3, Module 2 of Section 3 and Module 3 of Section 3 "
        "would fit in 3 hours 5 minutes; with the breaks asked for they need 3 hours 35 "
        "minutes: give them 3 hours 35 minutes (a budget, or a slot, that long) or shorter "
        "breaks to plan them all."
    ]


def test_a_days_content_counts_a_discussion_and_a_film_shown_first(pack: Pack) -> None:
    """Module 1 with its discussion is 80 minutes of content; Module 3 alone, Film 6 first, 85."""
    units = Units(pack, rewatch=True)
    search = Search(Layout(units, PlanOptions()))
    talk = search.split(units.of(["Module 1"]), frozenset({"section-3-module-1"}))
    assert talk.content == 80 * MIN
    first = search.split(units.of(["Module 3"]), frozenset())
    assert first.content == 85 * MIN


def test_a_day_that_drops_two_parts_loses_both(pack: Pack) -> None:
    """Day 3 in 70 minutes drops the re-watch (23 min) and the discussion (10): 33 lost."""
    slots = (
        Slot(start=time(9, 30), end=time(12, 0)),
        Slot(start=time(9, 30), end=time(12, 0)),
        Slot(start=time(9, 30), end=time(10, 40)),
    )
    units = Units(pack, rewatch=True)
    talks = frozenset(f"section-3-module-{n}" for n in (1, 2, 3))
    chosen = Search(Layout(units, PlanOptions(booked=slots))).split(units.of(["section-3"]), talks)
    assert [d.lost for d in chosen.days] == [timedelta(), timedelta(), 33 * MIN]


def test_a_budget_with_more_days_than_items_says_so(pack: Pack) -> None:
    """Three days for two modules under a budget: the days are too many, whatever the budget."""
    with pytest.raises(PlanError) as raised:
        plan(pack, ["Module 1", "Module 2"], PlanOptions(days=3, budget=180 * MIN))
    assert (
        str(raised.value) == "3 days for 2 modules and exercises: choose fewer days or more items"
    )


def test_a_budget_over_as_many_slots_as_items_none_can_hold_says_nothing_fits(
    pack: Pack,
) -> None:
    """Three 30-minute slots for three modules: under a budget, nothing fits (no day's error)."""
    slots = tuple(Slot(start=time(9, 30), end=time(10, 0)) for _ in range(3))
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(booked=slots, budget=180 * MIN))
    assert str(raised.value) == "nothing in the selection fits in 3 hours"


def test_plan_refuses_options_of_the_wrong_kind(pack: Pack) -> None:
    """Options that are not a PlanOptions are refused by name, saying what was given."""
    with pytest.raises(TypeError) as raised:
        plan(pack, ["section-3"], "3 hours")  # type: ignore[arg-type]
    assert str(raised.value) == "options must be None or a PlanOptions, not the string '3 hours'"

"""Invariants of queries and plans over generated packs."""

import itertools
from datetime import time, timedelta

import pytest
from attrs import evolve
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st
from planning_packs import plannable_packs
from small_packs import modules_pack

from recurrent_care_pack import (
    Agenda,
    Breaks,
    EntryKind,
    LearningModule,
    Pack,
    PlanError,
    PlanOptions,
    module_time,
    pack_time,
    plan,
    section_time,
)
from recurrent_care_pack._durations import format_duration

MIN = timedelta(minutes=1)

_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

breaks = st.none() | st.builds(
    Breaks,
    length=st.integers(1, 30).map(lambda m: timedelta(minutes=m)),
    after_exercises=st.booleans(),
    every=st.none() | st.integers(10, 120).map(lambda m: timedelta(minutes=m)),
    at=st.lists(st.times(), max_size=2).map(
        lambda ts: tuple(t.replace(microsecond=0) for t in ts)
    ),
)


def _offset(clock: time) -> timedelta:
    return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)


def _required(module: LearningModule) -> bool:
    return module.discussion is not None and not module.discussion.optional


def _modules(pack: Pack) -> list[str]:
    return [m.id for s in pack.sections for m in s.modules]


def _plan(pack: Pack, selection: list[str], options: PlanOptions) -> Agenda:
    try:
        return plan(pack, selection, options)
    except PlanError:
        reject()  # past midnight, or more days than items: not this test's business


@_SETTINGS
@given(plannable_packs, st.booleans(), st.booleans())
def test_totals_equal_the_sum_of_their_parts(
    pack: Pack, optional: bool, different_days: bool
) -> None:
    """A section takes its films, the discussions held and each of its exercises once."""
    exercises = {e.id: e for s in pack.sections for e in s.exercises}
    whole = timedelta()
    for section in pack.sections:
        films = sum(
            (
                m.different_day.allowance if different_days and m.different_day else m.allowance
                for m in section.modules
            ),
            timedelta(),
        )
        held = sum(
            (
                m.discussion.duration
                for m in section.modules
                if m.discussion is not None and (optional or not m.discussion.optional)
            ),
            timedelta(),
        )
        tasks = sum((e.time for e in section.exercises), timedelta())
        expected = films + held + tasks
        assert (
            section_time(pack, section, optional=optional, different_days=different_days)
            == expected
        )
        if not different_days:
            whole += expected
        for module in section.modules:
            exercise = exercises[module.exercise].time if module.exercise else timedelta()
            talk = module.discussion.duration if module.discussion else timedelta()
            assert module_time(pack, module, discussion=True, exercise=True) == (
                module.allowance + talk + exercise
            )
    if not different_days:
        assert pack_time(pack, optional=optional) == whole


@_SETTINGS
@given(plannable_packs, st.data())
def test_agenda_entries_are_contiguous_and_end_at_start_plus_total(
    pack: Pack, data: st.DataObject
) -> None:
    """Within a day entries follow on without gap or overlap; each day ends at start + its total."""
    modules = _modules(pack)
    assume(modules)
    selection = data.draw(st.lists(st.sampled_from(modules), min_size=1, max_size=3, unique=True))
    options = PlanOptions(
        start=data.draw(st.sampled_from([time(0, 0), time(9, 30)])),
        discussions=data.draw(st.booleans()),
        breaks=data.draw(breaks),
        days=data.draw(st.integers(1, len(selection))),
    )
    agenda = _plan(pack, selection, options)
    for day in range(1, agenda.days + 1):
        entries = agenda.day(day)
        assert entries[0].start == options.start
        for before, after in itertools.pairwise(entries):
            assert before.end == after.start
        for entry in entries:
            assert _offset(entry.start) + entry.duration == _offset(
                entry.end
            ) or entry.end == time(0)
        total = sum((e.duration for e in entries), timedelta())
        assert _offset(options.start) + total == _offset(entries[-1].end) or entries[
            -1
        ].end == time(0)
        assert entries[-1].kind is not EntryKind.BREAK
    assert agenda.total == sum((e.duration for e in agenda.entries), timedelta())


def test_a_day_may_end_exactly_at_midnight_but_not_after() -> None:
    """An hour from 23:00 ends at 00:00; from 23:01 it would run past midnight."""
    agenda = plan(modules_pack([60]), options=PlanOptions(start=time(23, 0)))
    assert [(e.start, e.end) for e in agenda.entries] == [(time(23, 0), time(0, 0))]
    with pytest.raises(PlanError) as raised:
        plan(modules_pack([60]), options=PlanOptions(start=time(23, 1)))
    assert str(raised.value) == "Day 1 would run past midnight; start earlier or use more days"


@_SETTINGS
@given(plannable_packs, st.data())
def test_adding_an_item_never_shortens_a_plan(pack: Pack, data: st.DataObject) -> None:
    """A one-day plan with one more module takes at least as long."""
    modules = _modules(pack)
    assume(len(modules) >= 2)
    selection = data.draw(st.lists(st.sampled_from(modules), min_size=2, max_size=4, unique=True))
    options = PlanOptions(
        start=time(0, 0), discussions=data.draw(st.booleans()), breaks=data.draw(breaks)
    )
    shorter = _plan(pack, selection[:-1], options)
    longer = _plan(pack, selection, options)
    assert longer.total >= shorter.total


@_SETTINGS
@given(plannable_packs, st.data())
def test_a_budgeted_plan_never_exceeds_its_budget(pack: Pack, data: st.DataObject) -> None:
    """Whatever the budget, the plan proposed fits in it, breaks included."""
    modules = _modules(pack)
    assume(modules)
    selection = data.draw(st.lists(st.sampled_from(modules), min_size=1, max_size=4, unique=True))
    budget = timedelta(minutes=data.draw(st.integers(1, 24 * 60)))
    options = PlanOptions(
        start=time(0, 0),
        discussions=data.draw(st.booleans()),
        breaks=data.draw(breaks),
        budget=budget,
    )
    refusal, agenda = "", None
    try:
        agenda = plan(pack, selection, options)
    except PlanError as error:
        refusal = str(error)
    if refusal.startswith("the break at"):
        reject()  # a set break the plan cannot take (at the start, never reached): not this test's
    if agenda is None:
        # Refused only when no module fits on its own: its films, its exercise and its
        # discussion if required, the least it is planned with (a re-watch is optional).
        assert refusal.startswith(f"nothing in the selection fits in {format_duration(budget)}")
        chosen = [m for s in pack.sections for m in s.modules if m.id in selection]
        least = [module_time(pack, m, exercise=True, discussion=_required(m)) for m in chosen]
        assert min(least) > budget
        return
    assert agenda.total <= budget
    assert agenda.entries
    required = {m.id for s in pack.sections for m in s.modules if _required(m)}
    talked = {e.item for e in agenda.entries if e.kind is EntryKind.DISCUSSION}
    assert {e.item for e in agenda.entries} & required <= talked  # a required one is never cut
    whole = _plan(pack, selection, evolve(options, budget=None))
    if whole.total <= budget:  # all of it fits: all of it is planned
        assert (agenda.entries, agenda.left_out) == (whole.entries, ())


@pytest.mark.parametrize(
    ("minutes", "planned", "left_out"),
    [
        (35, ["module-1", "break", "module-2"], []),
        (34, ["module-2"], ["Module 1 of Section 1"]),
        (20, ["module-2"], ["Module 1 of Section 1"]),
        (19, ["module-1"], ["Module 2 of Section 1"]),
        (10, ["module-1"], ["Module 2 of Section 1"]),
    ],
)
def test_a_budget_of_exactly_the_plan_holds_it_all(
    minutes: int, planned: list[str], left_out: list[str]
) -> None:
    """Modules of 10 and 20 minutes and a 5-minute break between: 35 minutes hold them all."""
    options = PlanOptions(budget=minutes * MIN, breaks=Breaks(every=10 * MIN, length=5 * MIN))
    agenda = plan(modules_pack([10, 20]), options=options)
    assert [e.item or e.kind.value for e in agenda.entries] == planned
    assert list(agenda.left_out) == left_out


def test_a_budget_shorter_than_every_module_is_refused() -> None:
    """Nine minutes hold neither a 10- nor a 20-minute module: the planner says so."""
    with pytest.raises(PlanError) as raised:
        plan(modules_pack([10, 20]), options=PlanOptions(budget=9 * MIN))
    assert str(raised.value) == (
        "nothing in the selection fits in 9 minutes: the shortest, Module 1 of Section 1, "
        "needs 10 minutes; give a longer budget"
    )


def _items(pack: Pack) -> list[str]:
    return [m.id for s in pack.sections for m in s.modules] + [
        e.id for s in pack.sections for e in s.exercises
    ]


def _options(data: st.DataObject, **more: object) -> PlanOptions:
    at = data.draw(st.lists(st.integers(1, 600), max_size=2))
    chosen = data.draw(breaks)
    if chosen is not None:
        chosen = evolve(chosen, at=tuple(time(m // 60, m % 60) for m in at))
    day_end = data.draw(st.none() | st.integers(30, 1439).map(lambda m: time(m // 60, m % 60)))
    return PlanOptions(
        start=time(0, 0),
        discussions=data.draw(st.booleans()),
        breaks=chosen,
        day_end=day_end,
        **more,  # type: ignore[arg-type]
    )


def _content(pack: Pack, agenda: Agenda) -> timedelta:
    """The films (a re-watch not counted), discussions and exercises planned."""
    modules = {m.id: m for s in pack.sections for m in s.modules}
    return sum(
        (
            modules[e.item or ""].allowance if e.kind is EntryKind.FILMS else e.duration
            for e in agenda.entries
            if e.kind is not EntryKind.BREAK
        ),
        timedelta(),
    )

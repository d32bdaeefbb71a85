"""Invariants of plans with booked slots and breaks as facilitators mean them."""

import itertools
import re
from collections import Counter
from datetime import time, timedelta

from attrs import evolve
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st
from planning_packs import packs_with_optional_discussions, plannable_packs

from recurrent_care_pack import Agenda, Breaks, EntryKind, Pack, PlanError, PlanOptions, plan
from recurrent_care_pack._session import Break, Slot

MIN = timedelta(minutes=1)
CONTENT = {EntryKind.FILMS, EntryKind.DISCUSSION, EntryKind.EXERCISE}

_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _offset(clock: time) -> timedelta:
    return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)


def _clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


#: Made once, not inside each draw (a new strategy object is worked out afresh each time).
_starts = st.lists(st.integers(6 * 60, 12 * 60), min_size=1, max_size=3)
_lengths = st.none() | st.integers(30, 8 * 60)
_lunches = st.lists(
    st.builds(
        Break,
        at=st.integers(6 * 60 + 1, 20 * 60).map(_clock),
        length=st.integers(5, 60).map(lambda m: m * MIN),
        title=st.just("Lunch"),
    ),
    max_size=1,
)
_breaks = st.none() | st.builds(
    Breaks,
    length=st.integers(5, 20).map(lambda m: m * MIN),
    every=st.none() | st.integers(20, 120).map(lambda m: m * MIN),
    after_exercises=st.booleans(),
)
_setup = st.none() | st.just(15 * MIN)
_ten_minutes = st.none() | st.just(10 * MIN)


@st.composite
def _options(draw: st.DrawFn) -> PlanOptions:
    booked = []
    for start in draw(_starts):
        length = draw(_lengths)
        booked.append(
            Slot(start=_clock(start), end=None if length is None else _clock(start + length))
        )
    fixed = tuple(draw(_lunches))
    breaks = draw(_breaks)
    return PlanOptions(
        booked=tuple(booked),
        breaks=None if breaks is None else evolve(breaks, fixed=fixed),
        discussions=draw(st.booleans()),
        rewatch=draw(st.booleans()),
        setup=draw(_setup),
        opening=draw(_ten_minutes),
        closing=draw(_ten_minutes),
    )


def _planned(pack: Pack, options: PlanOptions) -> Agenda:
    try:
        return plan(pack, options=options)
    except PlanError:
        reject()


@_SETTINGS
@given(plannable_packs, _options())
def test_days_run_without_gaps_inside_their_slots(pack: Pack, options: PlanOptions) -> None:
    """Each entry starts as the one before ends; set-up ends at the slot's start; slot ends kept."""
    agenda = _planned(pack, options)
    for number in range(1, agenda.days + 1):
        day, slot = agenda.day(number), agenda.slot(number)
        for before, after in itertools.pairwise(day):
            assert after.start == before.end
        content = [e for e in day if e.kind is not EntryKind.SETUP]
        assert content[0].start == slot.start
        if options.setup is not None:
            assert day[0].kind is EntryKind.SETUP
            assert day[0].end == slot.start
        if slot.end is not None:
            assert _offset(slot.start) + sum(
                (e.duration for e in content), timedelta()
            ) <= _offset(slot.end)
    assert agenda.total == sum((e.duration for e in agenda.entries), timedelta())
    breaks = sum((e.duration for e in agenda.entries if e.kind is EntryKind.BREAK), timedelta())
    assert agenda.session_time + breaks == agenda.total


@_SETTINGS
@given(plannable_packs, _options())
def test_a_film_is_shown_at_most_once_a_day(pack: Pack, options: PlanOptions) -> None:
    """No film twice on one day, whatever the order, the days and the re-watch."""
    agenda = _planned(pack, options)
    for number in range(1, agenda.days + 1):
        shown = Counter(f for e in agenda.day(number) for f in e.films)
        assert all(n == 1 for n in shown.values())


@_SETTINGS
@given(plannable_packs, _options())
def test_no_stretch_passes_the_limit_unsaid(pack: Pack, options: PlanOptions) -> None:
    """A run of content longer than ``every`` is one item, and a note says so."""
    agenda = _planned(pack, options)
    every = options.breaks.every if options.breaks is not None else None
    if every is None:
        return
    for number in range(1, agenda.days + 1):
        run: list[timedelta] = []
        runs = [run]
        for entry in agenda.day(number):
            if entry.kind is EntryKind.BREAK:
                run = []
                runs.append(run)
            elif entry.kind in CONTENT:
                run.append(entry.duration)
        notes = [n for n in agenda.notes if n.day == number and "without a break" in n.text]
        for stretch in runs:
            if sum(stretch, timedelta()) > every:
                assert notes


@_SETTINGS
@given(plannable_packs, _options())
def test_a_break_at_a_time_elsewhere_is_told(pack: Pack, options: PlanOptions) -> None:
    """A break asked for at a time and placed at another: a note says where it went."""
    agenda = _planned(pack, options)
    if options.breaks is None:
        return
    for asked in options.breaks.fixed:
        for entry in agenda.entries:
            if (
                entry.kind is EntryKind.BREAK
                and entry.title == asked.title
                and entry.duration == asked.length
                and entry.start != asked.at
            ):
                said = f"asked for at {asked.at:%H:%M} is at {entry.start:%H:%M}"
                assert any(said in n.text for n in agenda.notes)


#: Each slot end a note of discussions left out gives, and what it would hold of them.
_HOLDS = re.compile(
    r"(?:a slot ending at |, | and )([0-9]{2}):([0-9]{2}) (?:would hold )?"
    r"(the first of them|the first [a-z]+|both|all [a-z]+)"
)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _ends_at(agenda: Agenda) -> timedelta:
    """When the plan's one day ends (its last entry; 00:00 is midnight)."""
    last = agenda.entries[-1]
    return _offset(last.end) + (timedelta(days=1) if last.end < last.start else timedelta())


@_SETTINGS
@given(packs_with_optional_discussions, _options(), st.data())
def test_discussions_left_out_are_told_with_ends_that_hold_them(
    pack: Pack, options: PlanOptions, data: st.DataObject
) -> None:
    """One slot too short for its discussions: each is told; booked to an end told, kept.

    One left out, its own note says so; two or more, one note; each end it gives holds the
    first of them (in the plan's order), the first two, ... or all, as it says. The slot
    ends between the end of the required content and the end with every discussion.
    """
    open_ended = evolve(options, booked=(Slot(start=options.booked[0].start),))
    shortest = _planned(pack, open_ended)
    longest = _planned(pack, evolve(open_ended, discussions=True))
    assume(shortest.entries)
    low, high = _ends_at(shortest), _ends_at(longest)
    assume(high > low and high < timedelta(hours=24) - MIN)
    first, last = -(-low // MIN), -(-high // MIN) - 1  # whole minutes: low <= end < high
    assume(first <= last)
    drawn = data.draw(st.integers(first, last), label="slot end")
    slot = Slot(start=options.booked[0].start, end=_clock(drawn))
    assume(slot.end is not None and slot.end > slot.start)
    options = evolve(options, booked=(slot,), discussions=True)
    agenda = _planned(pack, options)
    talked = {e.item for e in agenda.entries if e.kind is EntryKind.DISCUSSION}
    told = [n for n in agenda.notes if "leaves out the optional discussion" in n.text]
    assert told  # the slot ends before the discussions all fit
    for note in told:
        if note.item is not None:  # one discussion: the end holds it
            held = re.search(
                r"it would fit in a slot ending at ([0-9]{2}):([0-9]{2})\.$", note.text
            )
            ends = [] if held is None else [(held[1], held[2], note.item)]
        else:  # several: each end holds the first of them, the first two, ... or all
            ends = _HOLDS.findall(note.text)
        for hour, minute, what in ends:
            end = time(int(hour), int(minute))
            assert end > slot.start, note  # not past midnight, read as before the slot
            again = _planned(pack, evolve(options, booked=(evolve(slot, end=end),)))
            kept = {e.item for e in again.entries if e.kind is EntryKind.DISCUSSION}
            if what == note.item:
                assert what in kept, note
            else:
                count = 1 if what == "the first of them" else _NUMBERS.get(what.split()[-1], 2)
                assert len(kept - talked) >= count, note

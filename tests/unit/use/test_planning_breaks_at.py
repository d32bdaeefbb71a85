"""Breaks at set times: each one asked for is taken, or the plan says why it cannot be."""

import itertools
from datetime import time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recurrent_care_pack import Breaks, EntryKind, Pack, PlanError, PlanOptions, load_pack, plan
from recurrent_care_pack._cli import main

PACK = load_pack()


@pytest.mark.parametrize(
    ("at", "days", "message"),
    [
        (
            ["10:00", "10:05", "10:10", "10:15"],
            1,
            "the breaks at 10:00, 10:05, 10:10 and 10:15 would be one break, at 10:40: breaks "
            "fall between items, and none starts between those times; leave out all but "
            "one, or choose times further apart",
        ),
        (
            ["10:15", "10:35"],
            1,
            "the breaks at 10:15 and 10:35 would be one break, at 10:40: breaks fall between "
            "items, and none starts between those times; leave one out, or choose times "
            "further apart",
        ),
        (
            ["10:00", "10:05"],
            2,
            "the breaks at 10:00 and 10:05 would be one break, at 10:23 on Day 2: breaks fall "
            "between items, and none starts between those times; leave one out, or choose "
            "times further apart",
        ),
        (["10:30", "10:30"], 1, "the break at 10:30 is given twice; give each time once"),
    ],
)
def test_breaks_in_one_gap_are_refused_by_name(
    capsys: pytest.CaptureFixture[str], at: list[str], days: int, message: str
) -> None:
    """Several --break-at in one gap between modules: the plan names them, none is dropped."""
    arguments = [f"--break-at={clock}" for clock in at]
    assert main(["plan", "section-3", "--days", str(days), *arguments]) == 2
    assert capsys.readouterr().err == f"rcpack: cannot plan: {message}\n"


def test_breaks_in_separate_gaps_are_each_taken() -> None:
    """Break times with a module starting between them give a break each, where asked."""
    options = PlanOptions(breaks=Breaks(at=(time(10, 30), time(11, 20))))
    agenda = plan(PACK, ["section-3"], options)
    breaks = [(e.start, e.end) for e in agenda.entries if e.kind is EntryKind.BREAK]
    assert breaks == [(time(10, 40), time(10, 55)), (time(11, 48), time(12, 3))]


def _boundaries(entries: list[tuple[EntryKind, timedelta, timedelta]]) -> list[timedelta]:
    """Where a day may break: before each module but its first (a break laid there, or not)."""
    found = []
    for (kind, start, end), (next_kind, _, _) in itertools.pairwise(entries):
        if next_kind is EntryKind.FILMS:
            found.append(start if kind is EntryKind.BREAK else end)
    return found


def _clock(offset: timedelta) -> time:
    return time(offset.seconds // 3600, offset.seconds // 60 % 60)


def _offset(clock: time) -> timedelta:
    return timedelta(hours=clock.hour, minutes=clock.minute)


_CLOCK = st.integers(7 * 12, 15 * 12).map(lambda five: timedelta(minutes=5 * five))


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(7 * 12, 10 * 12).map(lambda five: timedelta(minutes=5 * five)),
    at=st.lists(_CLOCK, min_size=1, max_size=4, unique=True),
    days=st.integers(1, 2),
)
def test_no_break_asked_for_is_lost_silently(
    start: timedelta, at: list[timedelta], days: int
) -> None:
    """Every break time is a break between items on some day, or the plan is refused."""
    at = [t for t in at if t > start]
    options = PlanOptions(
        start=_clock(start), days=days, breaks=Breaks(at=tuple(_clock(t) for t in at))
    )
    refused: str | None = None
    try:
        agenda = plan(PACK, ["section-3"], options)
    except PlanError as error:
        refused = str(error)
    if refused is not None:  # refused: by a message that names the break times
        assert refused.startswith(("the break at ", "the breaks at ")), refused
        return
    count = 0
    for number in range(1, agenda.days + 1):
        entries = [(e.kind, _offset(e.start), _offset(e.end)) for e in agenda.day(number)]
        boundaries = _boundaries(entries)
        breaks = [start for kind, start, _ in entries if kind is EntryKind.BREAK]
        assert set(breaks) <= set(boundaries)  # only between items, each once
        assert len(set(breaks)) == len(breaks)
        count += len(breaks)
    assert count >= len(at)  # each time taken on some day


def test_the_pack_is_the_bundled_one() -> None:
    """The cases above are Section 3 of the bundled pack."""
    assert isinstance(PACK, Pack)

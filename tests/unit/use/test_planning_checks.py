"""The planner's own checks of its options: dates, lengths, slots and the UK clock changes."""

from datetime import date, time, timedelta

import pytest

from recurrent_care_pack import Pack, PlanError, PlanOptions, load_pack, plan
from recurrent_care_pack._durations import LARGEST

MIN = timedelta(minutes=1)
ORDER = "give one date per day, in order (--date 2027-01-12 --date 2027-01-19)"


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The bundled pack."""
    return load_pack()


def test_one_date_per_day_is_planned_and_heads_each_day(pack: Pack) -> None:
    """Two days with two dates in order: each day carries its own date."""
    dates = (date(2027, 1, 12), date(2027, 1, 19))
    agenda = plan(pack, ["Module 1", "Module 2"], PlanOptions(days=2, dates=dates))
    assert [e.day for e in agenda.entries] == [1, 1, 2, 2]
    assert (agenda.date(1), agenda.date(2)) == dates


@pytest.mark.parametrize(
    ("days", "dates", "said"),
    [
        (2, (date(2027, 1, 12),), "the plan has 2 days but 1 date was given"),
        (1, (date(2027, 1, 12), date(2027, 1, 19)), "the plan has 1 day but 2 dates were given"),
    ],
)
def test_a_date_per_day_or_the_plan_is_refused(
    pack: Pack, days: int, dates: tuple[date, ...], said: str
) -> None:
    """More or fewer dates than days: refused, each counted in words, the fix given."""
    with pytest.raises(PlanError) as refused:
        plan(pack, ["section-3"], PlanOptions(days=days, dates=dates))
    assert str(refused.value) == f"{said}; {ORDER}"


def test_a_date_not_after_the_one_before_is_refused(pack: Pack) -> None:
    """The same date twice is not in order: the message names both."""
    twice = (date(2027, 1, 19), date(2027, 1, 19))
    with pytest.raises(PlanError) as refused:
        plan(pack, ["section-3"], PlanOptions(days=2, dates=twice))
    assert str(refused.value) == (
        "the date 2027-01-19 does not come after 2027-01-19; give one date per day, in order"
    )


def test_an_opening_longer_than_any_plan_is_refused_by_name(pack: Pack) -> None:
    """An opening past the longest duration a pack holds is named with its length."""
    with pytest.raises(PlanError) as refused:
        plan(pack, ["Module 2"], PlanOptions(opening=timedelta(hours=LARGEST + 1)))
    assert str(refused.value) == (
        f"the opening of {LARGEST + 1} hours is longer than any plan can use; "
        f"give at most {LARGEST} hours"
    )


def test_an_opening_of_no_length_is_refused(pack: Pack) -> None:
    """An opening of zero minutes is no slot: refused, not planned as an empty entry."""
    with pytest.raises(PlanError) as refused:
        plan(pack, ["Module 2"], PlanOptions(opening=timedelta()))
    assert str(refused.value) == (
        "the opening must last more than zero minutes; give one such as 15 minutes, "
        "or leave it out"
    )


@pytest.mark.parametrize(
    ("night", "change", "hour"),
    [
        (date(2027, 3, 28), "go forward", "do not exist"),
        (date(2027, 10, 31), "go back", "come twice"),
    ],
    ids=["forward", "back"],
)
def test_a_day_into_the_hour_the_clocks_change_is_refused(
    pack: Pack, night: date, change: str, hour: str
) -> None:
    """00:10 to 01:03 the night the clocks change: 01:00 to 02:00 is missing or twice."""
    options = PlanOptions(start=time(0, 10), dates=(night,))
    with pytest.raises(PlanError) as refused:
        plan(pack, ["Module 2"], options)
    assert str(refused.value) == (
        f"the plan runs from 00:10 to 01:03 on Sunday {night.day} {night:%B %Y}, the night the "
        f"UK clocks {change} an hour: clock times from 01:00 to 02:00 {hour} that night, so "
        "its times would be wrong; end the day by 01:00 or start it at 02:00 or later"
    )


@pytest.mark.parametrize("day", [date(2027, 3, 28), date(2027, 10, 31)])
def test_a_day_starting_at_two_on_the_night_the_clocks_change_is_planned(
    pack: Pack, day: date
) -> None:
    """As the refusal advises, a day that starts at 02:00 that night is planned as asked."""
    agenda = plan(pack, ["Module 2"], PlanOptions(start=time(2, 0), dates=(day,)))
    assert [(f"{e.start:%H:%M}", f"{e.end:%H:%M}") for e in agenda.entries] == [
        ("02:00", "02:23"),
        ("02:23", "02:53"),
    ]


def test_a_day_ending_at_one_on_the_night_the_clocks_change_is_planned(pack: Pack) -> None:
    """A day that ends at 01:00 on 28 March 2027 is before the missing hour: planned."""
    options = PlanOptions(start=time(0, 7), dates=(date(2027, 3, 28),))
    assert plan(pack, ["Module 2"], options).entries[-1].end == time(1, 0)

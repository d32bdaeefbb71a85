"""Checks of a plan's options before planning, and of its dated days against the UK clocks."""

import itertools
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from recurrent_care_pack._durations import LARGEST, format_duration

from .records import SLOT_TITLES, TIME_ZONE, Breaks, Entry, PlanError, PlanOptions

__all__ = ["MIDNIGHT", "check_clock_changes", "check_options", "hh_mm", "offset", "words"]

MIDNIGHT = timedelta(days=1)

#: The longest time an option may give: what the longest duration a pack holds may say.
_LONGEST = timedelta(hours=LARGEST)


def offset(clock: time) -> timedelta:
    """A clock time as the time since midnight."""
    return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)


def clock_time(since: timedelta) -> time:
    """The clock time this long after midnight (a day later wraps)."""
    seconds = int(since.total_seconds()) % 86400
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def hh_mm(since: timedelta) -> str:
    """The clock time this long after midnight, as 09:30."""
    return f"{clock_time(since):%H:%M}"


def words(duration: timedelta) -> str:
    """A duration in words; as Python gives it if it is not whole seconds."""
    try:
        return format_duration(duration)
    except ValueError:  # not whole seconds
        return str(duration)


def check_options(options: PlanOptions) -> None:
    """Refuse what no facilitator could mean: no days, no budget, breaks of no length."""
    if options.booked and (
        options.start != PlanOptions().start
        or options.days != 1
        or options.day_end
        or options.dates
    ):
        raise PlanError(
            "give the booked sessions, or a start, a number of days, a day's end and dates "
            "alike for every day, not both"
        )
    if options.days < 1:
        raise PlanError("a plan needs at least one day")
    if options.budget is not None and options.budget <= timedelta():
        raise PlanError("a budget must be more than zero; give one such as 3 hours")
    _check_lengths(options)
    _check_slots(options)
    _check_dates(options)
    _check_booked(options)
    if options.breaks is not None:
        _check_breaks(options, options.breaks)


def _check_breaks(options: PlanOptions, breaks: Breaks) -> None:
    if breaks.length <= timedelta():
        raise PlanError("a break must last more than zero minutes; give one such as 15 minutes")
    if breaks.every is not None and breaks.every <= timedelta():
        raise PlanError(
            "the time between breaks must be more than zero; give one such as 90 minutes"
        )
    for fixed in breaks.fixed:
        if fixed.length <= timedelta():
            raise PlanError(
                f"the {fixed.title.lower()} at {fixed.at:%H:%M} must last more than zero "
                "minutes; give one such as 45 minutes"
            )
    twice = next((t for t, n in Counter(b.at for b in breaks.timed).items() if n > 1), None)
    if twice is not None:
        raise PlanError(f"the break at {twice:%H:%M} is given twice; give each time once")
    sessions = options.sessions
    starts = {s.start for s in sessions}
    ends = {s.end for s in sessions}
    for asked in breaks.timed:
        at = offset(asked.at)
        if any(offset(s.start) < at and (s.end is None or at < offset(s.end)) for s in sessions):
            continue
        name = f"the {asked.title.lower()} at {asked.at:%H:%M}"
        if len(starts) == 1 and at <= offset(start := next(iter(starts))):
            when = "at" if at == offset(start) else "before"
            raise PlanError(
                f"{name} comes {when} the start at {start:%H:%M}; "
                "breaks fall between items, so choose a later time"
            )
        if len(ends) == 1 and (end := next(iter(ends))) is not None and at >= offset(end):
            when = "at" if at == offset(end) else "after"
            raise PlanError(
                f"{name} comes {when} the end of the day at {end:%H:%M}; choose an earlier time"
            )
        booked = "; ".join(
            f"{s.start:%H:%M}-{s.end:%H:%M}" if s.end else f"from {s.start:%H:%M}"
            for s in sessions
        )
        raise PlanError(f"{name} falls in no session (booked: {booked}); choose a time inside one")


def _check_lengths(options: PlanOptions) -> None:
    """Refuse a length no plan could use, before the sums of times overflow."""
    breaks = options.breaks or Breaks()
    given = {
        "the budget": options.budget,
        "the set-up": options.setup,
        "the opening": options.opening,
        "the closing": options.closing,
        "a break": breaks.length,
        "the time between breaks": breaks.every,
        **{f"the {b.title.lower()}": b.length for b in breaks.fixed},
    }
    for name, length in given.items():
        if length is not None and length > _LONGEST:
            raise PlanError(
                f"{name} of {words(length)} is longer than any plan can use; "
                f"give at most {LARGEST} hours"
            )


def _check_slots(options: PlanOptions) -> None:
    """Refuse a set-up, opening or closing of no length, or slots that fill a whole day."""
    for kind, length in options.slots:
        if length <= timedelta():
            raise PlanError(
                f"the {SLOT_TITLES[kind].lower()} must last more than zero minutes; "
                "give one such as 15 minutes, or leave it out"
            )
    total = sum((length for _, length in options.slots), timedelta())
    if total >= MIDNIGHT:  # no start time, no number of days, leaves room for an item
        names = [SLOT_TITLES[kind].lower() for kind, _ in options.slots]
        if len(names) == 1:
            said, shorter = f"the {names[0]} of {words(total)} takes", "a shorter one"
        else:
            listed = f"{', '.join(names[:-1])} and {names[-1]}"
            said, shorter = f"the {listed} come to {words(total)},", "shorter ones"
        raise PlanError(
            f"{said} a whole day or more, leaving no time in a day for anything else; "
            f"give {shorter}, such as 30 minutes"
        )
    setup = options.setup or timedelta()
    for number, slot in enumerate(options.sessions, start=1):
        if setup > offset(slot.start):
            which = "the plan" if len(options.sessions) == 1 else f"Day {number}"
            raise PlanError(
                f"the set-up of {words(setup)} would start before midnight: {which} starts "
                f"at {slot.start:%H:%M}; give a shorter set-up or a later start"
            )


def _check_booked(options: PlanOptions) -> None:
    """Each booked slot ends after it starts; all dated or none; in order, none overlapping.

    A set-up runs before its slot's start, so on a day of two slots it starts only once
    the slot before has ended.
    """
    for number, slot in enumerate(options.booked, start=1):
        if slot.end is not None and slot.end <= slot.start:
            raise PlanError(
                f"session {number} ends at {slot.end:%H:%M}, not after its start at "
                f"{slot.start:%H:%M}; give an end after the start"
            )
    undated = [n for n, s in enumerate(options.booked, start=1) if s.date is None]
    if undated and len(undated) < len(options.booked):
        raise PlanError(
            f"session {undated[0]} has no date and others have one; give every session a "
            "date, or none"
        )
    setup = options.setup or timedelta()
    for number, (before, after) in enumerate(itertools.pairwise(options.booked), start=2):
        if before.date is None or after.date is None or before.date != after.date:
            if before.date is not None and after.date is not None and after.date < before.date:
                raise PlanError(
                    f"session {number}, on {after.date:%Y-%m-%d}, comes before session "
                    f"{number - 1}, on {before.date:%Y-%m-%d}; give the sessions in order"
                )
            continue
        ends = offset(before.end or before.start)
        if offset(after.start) < offset(before.start):
            raise PlanError(
                f"session {number} starts at {after.start:%H:%M}, before session {number - 1} "
                f"on the same day ({before.start:%H:%M}); give the sessions in order"
            )
        if offset(after.start) < ends:
            raise PlanError(
                f"session {number} ({after.start:%H:%M}) starts before session {number - 1} "
                f"ends ({hh_mm(ends)}) on {after.date:%Y-%m-%d}; the two overlap: give them "
                "times that do not"
            )
        if offset(after.start) - setup < ends:
            raise PlanError(
                f"session {number}'s set-up of {words(setup)} would start at "
                f"{hh_mm(offset(after.start) - setup)}, before session {number - 1} ends at "
                f"{hh_mm(ends)}; give a shorter set-up, or a later start"
            )


def _check_dates(options: PlanOptions) -> None:
    """One date per day, each after the one before: no date is ever guessed."""
    dates = options.dates
    if not dates:
        return
    if len(dates) != options.days:
        days = f"{options.days} day{'s' if options.days != 1 else ''}"
        given = f"{len(dates)} date{'s' if len(dates) != 1 else ''}"
        raise PlanError(
            f"the plan has {days} but {given} {'was' if len(dates) == 1 else 'were'} given; "
            "give one date per day, in order (--date 2027-01-12 --date 2027-01-19)"
        )
    for before, after in itertools.pairwise(dates):
        if after <= before:
            raise PlanError(
                f"the date {after:%Y-%m-%d} does not come after {before:%Y-%m-%d}; "
                "give one date per day, in order"
            )


def check_clock_changes(options: PlanOptions, entries: Sequence[Entry]) -> None:
    """Refuse a dated day that runs into the hour the UK clocks skip or repeat.

    A plan's clock times are a clock's: each entry starts when the one before ends, by
    adding durations. On the night the clocks go forward (or back) an hour, the clock
    times from 01:00 to 02:00 do not exist (or come twice), and a day across them would
    print times that are not true; such a day is refused, saying how to move it.
    """
    sessions = options.sessions
    for number, slot in enumerate(sessions, start=1):
        today = [e for e in entries if e.day == number]
        day = slot.date
        change = None if day is None else _clock_change(day)
        if not today or change is None or day is None:
            continue
        low, high, forward = change
        start = offset(today[0].start)
        end = start + sum((e.duration for e in today), timedelta())
        if start < high and end > low:
            which = "the plan" if len(sessions) == 1 else f"Day {number}"
            when = f"{day:%A} {day.day} {day:%B %Y}"
            go, odd = ("forward", "do not exist") if forward else ("back", "come twice")
            raise PlanError(
                f"{which} runs from {hh_mm(start)} to {hh_mm(end)} on {when}, the night "
                f"the UK clocks go {go} an hour: clock times from {hh_mm(low)} to "
                f"{hh_mm(high)} {odd} that night, so its times would be wrong; end the day "
                f"by {hh_mm(low)} or start it at {hh_mm(high)} or later"
            )


def _clock_change(day: date) -> tuple[timedelta, timedelta, bool] | None:
    """The clock times between which the UK clocks change on ``day``; whether forward."""
    zone = ZoneInfo(TIME_ZONE)
    low = datetime.combine(day, time(0), zone).astimezone(UTC)
    high = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
    before, after = low.astimezone(zone).utcoffset(), high.astimezone(zone).utcoffset()
    if before is None or after is None or before == after:
        return None
    second = timedelta(seconds=1)
    while high - low > second:  # the first second after the change, found by halving
        middle = low + (high - low) // second // 2 * second
        low, high = (
            (low, middle) if middle.astimezone(zone).utcoffset() == after else (middle, high)
        )
    midnight = datetime.combine(day, time(0), UTC)
    walls = sorted([high + before - midnight, high + after - midnight])
    return walls[0], walls[1], after > before

"""Planning: an agenda with clock times, days and breaks, by the pack's own rules.

A module is followed by its exercise. A module with a different-day suggestion (Module 3)
starts by re-watching its films (Film 6) whenever they were not shown earlier that day: the
pack's suggestion, followed unless ``PlanOptions(rewatch=False)``. The facilitator's own
slots (set-up, opening, closing) frame each day, for as long as the facilitator gives.
"""

import enum
import functools
import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from attrs import evolve, field, frozen

from recurrent_care_pack._arguments import (
    check_kind,
    check_pack,
    optional,
    tuple_of,
    validator,
    whole,
)
from recurrent_care_pack._durations import LARGEST, format_duration
from recurrent_care_pack._model import Exercise, LearningModule, Media, Pack, Section, lookup
from recurrent_care_pack._naming import film_names
from recurrent_care_pack._session import Break, Slot

from .queries import Item, label, selected

__all__ = [
    "SLOT_TITLES",
    "TIME_ZONE",
    "Agenda",
    "Break",
    "Breaks",
    "Entry",
    "EntryKind",
    "Note",
    "PlanError",
    "PlanOptions",
    "Slot",
    "check_clock_changes",
    "plan",
    "plan_options",
]

#: Where a dated plan's days are: the pack's services are in England.
TIME_ZONE = "Europe/London"

_MIDNIGHT = timedelta(days=1)


class PlanError(ValueError):
    """A plan that cannot be made as asked, with the reason in a facilitator's words."""


class EntryKind(enum.Enum):
    """What an agenda entry is."""

    FILMS = "films"
    DISCUSSION = "discussion"
    EXERCISE = "exercise"
    BREAK = "break"
    SETUP = "setup"
    OPENING = "opening"
    CLOSING = "closing"


#: The facilitator's own slots: labelled, never filled with content the pack does not give.
SLOT_TITLES = {
    EntryKind.SETUP: "Set-up",
    EntryKind.OPENING: "Opening",
    EntryKind.CLOSING: "Closing",
}


def _times(value: Sequence[time] | AbstractSet[time]) -> tuple[time, ...]:
    """A list of times as a tuple, a set of them in order; else as given, for the validator."""
    return _in_order(value, time)  # type: ignore[return-value]


def _dates(value: Sequence[date] | AbstractSet[date]) -> tuple[date, ...]:
    """A list of dates as a tuple, a set of them in order; else as given, for the validator."""
    return _in_order(value, date)  # type: ignore[return-value]


def _in_order(value: object, kind: type) -> object:
    """A list as a tuple; a set as a tuple in order, if it holds only ``kind`` to compare."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, (set, frozenset)):
        items = tuple(value)
        if all(
            type(item) is kind and getattr(item, "tzinfo", None) is None  # comparable
            for item in items
        ):
            return tuple(sorted(items))
        return items  # for the validator to say which is wrong
    return value


@frozen(kw_only=True)
class Breaks:
    """When to break: after each exercise, after a run of time, or at set clock times.

    Each argument is checked as it is given: a value of the wrong kind raises `TypeError`
    naming it, a time with a time zone `ValueError`; ``at`` may be given as a list, or a
    set (kept as a tuple, in order).
    """

    length: timedelta = field(default=timedelta(minutes=15), validator=validator(timedelta))
    after_exercises: bool = field(default=False, validator=validator(bool))
    every: timedelta | None = field(default=None, validator=optional(timedelta))
    at: tuple[time, ...] = field(default=(), converter=_times, validator=tuple_of(time))
    fixed: tuple[Break, ...] = field(default=(), converter=tuple, validator=tuple_of(Break))


@frozen(kw_only=True)
class PlanOptions:
    """How to plan: start time, discussions, re-watches, breaks, days, a day's end, a budget.

    ``rewatch``: follow the pack's suggestion to start a module run on a different day by
    watching again the films it names (Film 6 before Module 3). ``setup``, ``opening`` and
    ``closing``: the facilitator's own slots, on every day (set-up from ``start``, then the
    opening; the closing ends the day). ``dates``: one date per day, in order.

    Each argument is checked as it is given: a value of the wrong kind (``start='09:30'``,
    ``dates=['2027-01-12']``) raises `TypeError` naming it, what was given and what is
    wanted, a time with a time zone `ValueError`; ``days`` may be any whole number
    (numpy's int64; kept as an int); ``dates`` may be given as a list.
    """

    start: time = field(default=time(9, 30), validator=validator(time))
    discussions: bool = field(default=False, validator=validator(bool))
    rewatch: bool = field(default=True, validator=validator(bool))
    breaks: Breaks | None = field(default=None, validator=optional(Breaks))
    days: int = field(default=1, converter=whole, validator=validator(int))
    day_end: time | None = field(default=None, validator=optional(time))
    budget: timedelta | None = field(default=None, validator=optional(timedelta))
    setup: timedelta | None = field(default=None, validator=optional(timedelta))
    opening: timedelta | None = field(default=None, validator=optional(timedelta))
    closing: timedelta | None = field(default=None, validator=optional(timedelta))
    dates: tuple[date, ...] = field(default=(), converter=_dates, validator=tuple_of(date))
    booked: tuple[Slot, ...] = field(default=(), converter=tuple, validator=tuple_of(Slot))

    @property
    def sessions(self) -> tuple[Slot, ...]:
        """The booked slots, one per session: ``booked``, or ``days`` alike from the others."""
        if self.booked:
            return self.booked
        dates: tuple[date | None, ...] = self.dates or (None,) * self.days
        return tuple(Slot(start=self.start, end=self.day_end, date=d) for d in dates)

    @property
    def slots(self) -> tuple[tuple[EntryKind, timedelta], ...]:
        """The facilitator's slots asked for, in the order a day holds them."""
        asked = (
            (EntryKind.SETUP, self.setup),
            (EntryKind.OPENING, self.opening),
            (EntryKind.CLOSING, self.closing),
        )
        return tuple((kind, length) for kind, length in asked if length is not None)

    @property
    def day_opens(self) -> timedelta:
        """The time each day gives to set-up and opening before the first item."""
        return sum((t for k, t in self.slots if k is not EntryKind.CLOSING), timedelta())

    @property
    def day_closes(self) -> timedelta:
        """The time each day keeps for the closing after the last item."""
        return self.closing or timedelta()


def plan_options(  # noqa: PLR0913 (one argument per option a command line may give)
    *,
    start: time | None = None,
    discussions: bool = False,
    rewatch: bool = True,
    days: int = 1,
    day_end: time | None = None,
    budget: timedelta | None = None,
    break_length: timedelta | None = None,
    break_after_exercises: bool = False,
    break_every: timedelta | None = None,
    break_at: tuple[time, ...] = (),
    setup: timedelta | None = None,
    opening: timedelta | None = None,
    closing: timedelta | None = None,
    dates: tuple[date, ...] = (),
) -> PlanOptions:
    """Options from a command line's choices: the defaults for what is not given.

    There are breaks only when some break option is given.
    """
    breaks = None
    if break_length or break_after_exercises or break_every or break_at:
        breaks = Breaks(
            length=break_length or Breaks().length,
            after_exercises=break_after_exercises,
            every=break_every,
            at=break_at,
        )
    return PlanOptions(
        start=start or PlanOptions().start,
        discussions=discussions,
        rewatch=rewatch,
        breaks=breaks,
        days=days,
        day_end=day_end,
        budget=budget,
        setup=setup,
        opening=opening,
        closing=closing,
        dates=dates,
    )


@frozen(kw_only=True)
class Entry:
    """One entry of an agenda: what it is, on which day, from when to when.

    ``rewatch``: the films shown first on the pack's suggestion for a different day;
    ``note``: that suggestion, and whether the plan follows it, in a facilitator's words.
    """

    day: int
    start: time
    end: time
    duration: timedelta
    kind: EntryKind
    title: str
    item: str | None = None
    films: tuple[str, ...] = ()
    optional: bool = False
    rewatch: tuple[str, ...] = ()
    note: str | None = None


@frozen(kw_only=True)
class Note:
    """What the plan tells its facilitator, in the tool's words, about a day or an item.

    Where a break went and why, what was left out and what would fit it, a long stretch
    without a break, what an exercise planned alone builds on.
    """

    text: str
    day: int | None = None
    item: str | None = None


@frozen(kw_only=True)
class Agenda:
    """A planned session: its entries in order, and what a budget left out."""

    entries: tuple[Entry, ...]
    left_out: tuple[str, ...] = ()
    options: PlanOptions = field(factory=PlanOptions)
    notes: tuple[Note, ...] = ()

    def slot(self, number: int) -> Slot:
        """The booked slot of day ``number`` (from 1)."""
        return self.options.sessions[number - 1]

    @property
    def days(self) -> int:
        """How many days the agenda runs over."""
        return max((e.day for e in self.entries), default=0)

    def day(self, number: int) -> tuple[Entry, ...]:
        """The entries of one day."""
        return tuple(e for e in self.entries if e.day == number)

    def date(self, number: int) -> date | None:
        """The date of day ``number`` (from 1), if the plan was given dates."""
        dates = self.options.dates
        return dates[number - 1] if 0 < number <= len(dates) else None

    @property
    def total(self) -> timedelta:
        """The time of every entry, breaks included, over all days."""
        return sum((e.duration for e in self.entries), timedelta())

    @property
    def session_time(self) -> timedelta:
        """The time of every entry but the breaks."""
        return sum(
            (e.duration for e in self.entries if e.kind is not EntryKind.BREAK), timedelta()
        )


@frozen(kw_only=True)
class _Unit:
    """What must stay together: a module with its exercise, or an exercise on its own."""

    name: str
    module: LearningModule | None
    exercise: Exercise | None
    films_first: tuple[str, ...] = ()  # an exercise on its own: its module's films

    @property
    def key(self) -> str:
        """The id of the module, or of the exercise on its own."""
        thing = self.module or self.exercise
        return thing.id if thing is not None else self.name


@frozen(kw_only=True)
class _Step:
    """One entry to lay down, before it has a day and a clock time."""

    kind: EntryKind
    title: str
    duration: timedelta
    item: str | None = None
    films: tuple[str, ...] = ()
    optional: bool = False
    rewatch: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # films the pack suggests re-watching, left out
    note: str | None = None


def plan(
    pack: Pack, selection: Sequence[str | Item] = (), options: PlanOptions | None = None
) -> Agenda:
    """Plan ``selection`` (ids, names such as "Module 2", or items; default the whole pack).

    A string alone is one name: ``plan(pack, "Module 2")`` plans Module 2. Raises
    `PlanError` for a plan that cannot be made: an exercise before the films it discusses,
    more days than items, a day that ends before its items fit, breaks that cannot be
    taken (of no length, at a time the plan never reaches, or two in one gap between items),
    or a dated day that runs into the hour the UK clocks skip or repeat that night;
    `TypeError` for an argument of the wrong kind, naming it.
    """
    check_pack(pack)
    if options is not None:
        check_kind("options", options, PlanOptions, "None or a PlanOptions")
    options = options or PlanOptions()
    _check_options(options)
    planner = _Planner(pack, options)
    units = planner.units(selection)
    wanted = _wanted(units, options)
    if options.budget is None:
        groups, discussions = planner.split(units, wanted), wanted
    else:
        groups, discussions = planner.within_budget(units, options.budget)
    entries, taken = planner.lay_out(groups, discussions)
    _check_breaks_taken(options, entries, taken)
    check_clock_changes(options, entries)
    left_out: list[str] = []
    if options.budget is not None:
        planned = {e.item for e in entries}
        discussed = {e.item for e in entries if e.kind is EntryKind.DISCUSSION}
        left_out += [u.name for u in units if u.key not in planned]
        left_out += [
            f"the optional discussion after {u.name}"
            for u in units
            if u.key in wanted and u.key in planned and u.key not in discussed
        ]
    return Agenda(entries=tuple(entries), left_out=tuple(left_out), options=options)


def _check_options(options: PlanOptions) -> None:
    """Refuse what no facilitator could mean: no days, no budget, breaks of no length."""
    if options.days < 1:
        raise PlanError("a plan needs at least one day")
    if options.budget is not None and options.budget <= timedelta():
        raise PlanError("a budget must be more than zero; give one such as 3 hours")
    _check_lengths(options)
    _check_slots(options)
    _check_dates(options)
    breaks = options.breaks
    if breaks is None:
        return
    if breaks.length <= timedelta():
        raise PlanError("a break must last more than zero minutes; give one such as 15 minutes")
    if breaks.every is not None and breaks.every <= timedelta():
        raise PlanError(
            "the time between breaks must be more than zero; give one such as 90 minutes"
        )
    start, end = options.start, options.day_end
    twice = next((t for t, n in Counter(breaks.at).items() if n > 1), None)
    if twice is not None:
        raise PlanError(f"the break at {twice:%H:%M} is given twice; give each time once")
    for at in sorted(breaks.at):
        if _offset(at) <= _offset(start):
            when = "at" if _offset(at) == _offset(start) else "before"
            raise PlanError(
                f"the break at {at:%H:%M} comes {when} the start at {start:%H:%M}; "
                "breaks fall between modules, so choose a later time"
            )
        if end is not None and _offset(at) >= _offset(end):
            when = "at" if _offset(at) == _offset(end) else "after"
            raise PlanError(
                f"the break at {at:%H:%M} comes {when} the end of the day at {end:%H:%M}; "
                "choose an earlier time"
            )


#: The longest time an option may give: what the longest duration a pack holds may say.
_LONGEST = timedelta(hours=LARGEST)


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
    }
    for name, length in given.items():
        if length is not None and length > _LONGEST:
            raise PlanError(
                f"{name} of {_words(length)} is longer than any plan can use; "
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
    total = options.day_opens + options.day_closes
    if total >= _MIDNIGHT:  # no start time, no number of days, leaves room for an item
        names = [SLOT_TITLES[kind].lower() for kind, _ in options.slots]
        if len(names) == 1:
            said, shorter = f"the {names[0]} of {_words(total)} takes", "a shorter one"
        else:
            listed = f"{', '.join(names[:-1])} and {names[-1]}"
            said, shorter = f"the {listed} come to {_words(total)},", "shorter ones"
        raise PlanError(
            f"{said} a whole day or more, leaving no time in a day for anything else; "
            f"give {shorter}, such as 30 minutes"
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


def _check_breaks_taken(
    options: PlanOptions, entries: Sequence[Entry], taken: frozenset[timedelta]
) -> None:
    """Refuse a break at a set time that no day reaches, rather than drop it unsaid."""
    if options.breaks is None or not entries:
        return
    for at in sorted(options.breaks.at):
        if _offset(at) not in taken:
            end = max(_offset(e.end) if e.end != time(0) else _MIDNIGHT for e in entries)
            ends = "the plan ends at" if options.days == 1 else "every day ends by"
            raise PlanError(
                f"the break at {at:%H:%M} is never taken: nothing starts at or after it, "
                f"and {ends} {_hh_mm(end)}; choose an earlier time or leave it out"
            )


def check_clock_changes(options: PlanOptions, entries: Sequence[Entry]) -> None:
    """Refuse a dated day that runs into the hour the UK clocks skip or repeat.

    A plan's clock times are a clock's: each entry starts when the one before ends, by
    adding durations. On the night the clocks go forward (or back) an hour, the clock
    times from 01:00 to 02:00 do not exist (or come twice), and a day across them would
    print times that are not true; such a day is refused, saying how to move it.
    """
    for number, day in enumerate(options.dates, start=1):
        today = [e for e in entries if e.day == number]
        change = _clock_change(day)
        if not today or change is None:
            continue
        low, high, forward = change
        start = _offset(today[0].start)
        end = start + sum((e.duration for e in today), timedelta())
        if start < high and end > low:
            which = "the plan" if options.days == 1 else f"Day {number}"
            when = f"{day:%A} {day.day} {day:%B %Y}"
            go, odd = ("forward", "do not exist") if forward else ("back", "come twice")
            raise PlanError(
                f"{which} runs from {_hh_mm(start)} to {_hh_mm(end)} on {when}, the night "
                f"the UK clocks go {go} an hour: clock times from {_hh_mm(low)} to "
                f"{_hh_mm(high)} {odd} that night, so its times would be wrong; end the day "
                f"by {_hh_mm(low)} or start it at {_hh_mm(high)} or later"
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


def _wanted(units: Sequence[_Unit], options: PlanOptions) -> frozenset[str]:
    """The modules whose discussion is planned: the required ones, and the optional if asked."""
    return frozenset(
        u.key
        for u in units
        if u.module is not None
        and u.module.discussion is not None
        and (options.discussions or not u.module.discussion.optional)
    )


@frozen(kw_only=True)
class _Day:
    """How far a day has got: its clock, the time run since a break, the breaks to come."""

    number: int
    clock: timedelta
    run: timedelta = timedelta()  # only counted with a break every so often, and only so far
    pending_break: bool = False
    breaks_at: tuple[timedelta, ...] = ()
    started: bool = False


def _new_day(number: int, options: PlanOptions) -> _Day:
    at = options.breaks.at if options.breaks is not None else ()
    return _Day(
        number=number,
        clock=_offset(options.start) + options.day_opens,
        breaks_at=tuple(sorted(map(_offset, at))),
    )


def _add(
    day: _Day, step: _Step, options: PlanOptions, *, may_break: bool
) -> tuple[_Day, list[tuple[timedelta, _Step]]]:
    """The day with ``step`` laid down, and what was laid from when: a break first if due."""
    breaks = options.breaks
    clock, run, breaks_at = day.clock, day.run, day.breaks_at
    laid: list[tuple[timedelta, _Step]] = []
    if breaks is not None and may_break and day.started:
        due = day.pending_break or (breaks.every is not None and run >= breaks.every)
        passed = sum(1 for t in breaks_at if t <= clock)
        if passed:
            breaks_at, due = breaks_at[passed:], True
        if due:
            pause = _Step(kind=EntryKind.BREAK, title="Break", duration=breaks.length)
            laid.append((clock, pause))
            clock, run = _end(day.number, clock, pause, options), timedelta()
    laid.append((clock, step))
    if breaks is not None and breaks.every is not None:
        run = min(run + step.duration, breaks.every)
    return evolve(
        day,
        clock=_end(day.number, clock, step, options),
        run=run,
        pending_break=breaks is not None
        and breaks.after_exercises
        and step.kind is EntryKind.EXERCISE,
        breaks_at=breaks_at,
        started=True,
    ), laid


def _one_break(
    number: int, times: Sequence[timedelta], at: timedelta, options: PlanOptions
) -> str:
    """Why breaks at several ``times`` cannot be had: they would be one break, at ``at``."""
    names = [_hh_mm(t) for t in times]
    listed = f"{', '.join(names[:-1])} and {names[-1]}"
    day = f" on Day {number}" if options.days > 1 else ""
    leave = "leave one out" if len(times) == 2 else "leave out all but one"
    return (
        f"the breaks at {listed} would be one break, at {_hh_mm(at)}{day}: breaks fall "
        f"between modules, and none starts between those times; {leave}, or choose times "
        "further apart"
    )


def _end(number: int, clock: timedelta, step: _Step, options: PlanOptions) -> timedelta:
    """When ``step`` ends if it starts at ``clock``; `PlanError` if the day cannot hold it.

    The day must still hold its closing after the step.
    """
    end = clock + step.duration
    closes = end + options.day_closes
    if closes > _MIDNIGHT:
        raise PlanError(f"Day {number} would run past midnight; start earlier or use more days")
    day_end = options.day_end
    if day_end is not None and closes > _offset(day_end):
        closing = " and the closing" if options.closing else ""
        raise PlanError(
            f"Day {number} would run past {day_end:%H:%M}: {step.title}{closing} alone would "
            f"end at {_hh_mm(closes)}; start earlier, use more days, or give a budget to see "
            "what fits"
        )
    return end


def _entry(day: int, clock: timedelta, step: _Step) -> Entry:
    return Entry(
        day=day,
        start=_time(clock),
        end=_time(clock + step.duration),
        duration=step.duration,
        kind=step.kind,
        title=step.title,
        item=step.item,
        films=step.films,
        optional=step.optional,
        rewatch=step.rewatch,
        note=step.note,
    )


@frozen(kw_only=True)
class _Partial:
    """A plan under a budget as far as it has got: the content it holds and its choices."""

    content: timedelta  # the films, discussions and exercises chosen: never a re-watch
    taken: tuple[int, ...]  # the units planned, by index
    discussed: tuple[int, ...] = ()  # the units planned with their discussion

    def take(self, index: int, content: timedelta, *, talk: bool) -> "_Partial":
        """This plan with one more unit."""
        return _Partial(
            content=self.content + content,
            taken=(*self.taken, index),
            discussed=(*self.discussed, index) if talk else self.discussed,
        )

    def beats(self, other: "_Partial") -> bool:
        """More content, then more items, then the items that come first, then more talk."""
        mine, theirs = (self.content, len(self.taken)), (other.content, len(other.taken))
        if mine != theirs:
            return mine > theirs
        if self.taken != other.taken:
            return self.taken < other.taken
        return len(self.discussed) > len(other.discussed)


@frozen(kw_only=True)
class _Place:
    """Where a plan under a budget has got to; two plans in one place have one future."""

    day: _Day | None  # None before the first unit; its clock kept only if the plan reads it
    today: frozenset[str]  # the films shown that day that later units may need
    seen: frozenset[str]  # the films shown so far that later units may need
    used: timedelta  # the time of the plan so far: every day, breaks included
    dropped: bool = False  # a wanted discussion was left out: so are the later ones


class _Planner:
    def __init__(self, pack: Pack, options: PlanOptions) -> None:
        self.pack = pack
        self.options = options
        self.media = lookup(pack).media

    def units(self, selection: Sequence[str | Item]) -> list[_Unit]:
        pack = self.pack
        items = selected(pack, selection)
        units: list[_Unit] = []
        for item in items or pack.sections:
            for found in self.units_of(item):
                planned = {u.exercise.id for u in units if u.exercise is not None}
                if found.key in {u.key for u in units} or (
                    found.module is None and found.key in planned
                ):
                    continue  # named twice, or an exercise its module already brings
                if found.exercise is not None and found.exercise.id in planned:
                    found = evolve(found, exercise=None)  # noqa: PLW2901 (two modules, one exercise)
                units.append(found)
        _check_order(units)
        return units

    def units_of(self, item: Item) -> list[_Unit]:
        pack = self.pack
        exercises = lookup(pack).exercises
        leads = {m.exercise: m for s in pack.sections for m in s.modules if m.exercise}
        if isinstance(item, Section):
            return [
                *(self.units_of(m)[0] for m in item.modules),
                *(self.units_of(e)[0] for e in item.exercises if e.id not in leads),
            ]
        if isinstance(item, LearningModule):
            exercise = exercises.get(item.exercise or "")
            return [_Unit(name=label(pack, item), module=item, exercise=exercise)]
        if isinstance(item, Exercise):
            lead = leads.get(item.id)
            films = lead.films if lead is not None else ()
            return [_Unit(name=label(pack, item), module=None, exercise=item, films_first=films)]
        raise PlanError(
            f"{label(pack, item)} cannot be planned: choose modules, exercises or sections"
        )

    def split(self, units: Sequence[_Unit], discussions: frozenset[str]) -> list[list[_Unit]]:
        """The units over the days, the longest day as short as can be, days breaking early.

        A day's time depends on its own units only, so the best split of units ``i:`` over
        ``k`` days follows from the best splits over ``k - 1`` days: O(days x units²).
        """
        days, count = self.options.days, len(units)
        if days > max(count, 1):
            raise PlanError(
                f"{days} days for {count} module{'s' if count != 1 else ''} "
                "and exercises: choose fewer days or more items"
            )
        if not units:
            return []
        span = self.spans(units, discussions)

        def longest_with(i: int, j: int, rest: list[timedelta | None]) -> timedelta | None:
            """The longest day with units ``i:j`` on one day, ``rest`` from ``j`` on."""
            first, then = span[i][j], rest[j]
            return None if first is None or then is None else max(first, then)

        # longest[k][i]: the longest day of the best split of units i: over k days, if any.
        longest: list[list[timedelta | None]] = [[], [span[i][count] for i in range(count)]]
        for k in range(2, days + 1):
            rest = [*longest[k - 1], None]
            longest.append(
                [
                    min(
                        (
                            t
                            for j in range(i + 1, count - k + 2)
                            if (t := longest_with(i, j, rest))
                        ),
                        default=None,
                    )
                    for i in range(count - k + 1)
                ]
            )
        cuts = list(range(1, days))  # one unit a day first: what a failure is told from
        best = longest[days][0]
        if best is not None:
            cuts, i = [], 0
            for k in range(days, 1, -1):
                rest = [*longest[k - 1], None]
                i = next(
                    j
                    for j in range(i + 1, count - k + 2)
                    if (t := longest_with(i, j, rest)) is not None and t <= best
                )
                cuts.append(i)
        groups = [list(units[a:b]) for a, b in itertools.pairwise([0, *cuts, count])]
        try:
            self.lay_out(groups, discussions)
        except PlanError:
            if best is None:
                raise
            # An exercise before its films fails every split: say it as the first would.
            first = [list(units[a:b]) for a, b in itertools.pairwise([0, *range(1, days), count])]
            self.lay_out(first, discussions)
            raise
        return groups

    def spans(
        self, units: Sequence[_Unit], discussions: frozenset[str]
    ) -> list[list[timedelta | None]]:
        """``spans[i][j]``: the time of a day of units ``i:j``; None if a day cannot hold them."""
        count, start = len(units), _offset(self.options.start)
        table: list[list[timedelta | None]] = [[None] * (count + 1) for _ in range(count + 1)]
        for i in range(count):
            day, shown = _new_day(1, self.options), frozenset[str]()
            for j in range(i, count):
                try:
                    day, shown, _ = self.add(day, units[j], shown, shown, discussions)
                except PlanError:
                    break  # a day only grows: no longer run of units fits either
                table[i][j + 1] = day.clock + self.options.day_closes - start
        return table

    def add(
        self,
        day: _Day,
        unit: _Unit,
        shown_today: frozenset[str],
        shown_before: frozenset[str],
        discussions: frozenset[str],
    ) -> tuple[_Day, frozenset[str], timedelta]:
        """The day with ``unit`` laid down, the films shown that day, the session time added."""
        session = timedelta()
        for index, step in enumerate(self.steps(unit, shown_today, shown_before, discussions)):
            day, _ = _add(day, step, self.options, may_break=index == 0)
            shown_today |= frozenset(step.films)
            session += step.duration
        return day, shown_today, session

    def lay_out(
        self, groups: Sequence[Sequence[_Unit]], discussions: frozenset[str]
    ) -> tuple[list[Entry], frozenset[timedelta]]:
        """The entries, a day per group, and the set break times that were taken."""
        shown_before: set[str] = set()
        entries: list[Entry] = []
        taken: set[timedelta] = set()
        for number, group in enumerate(groups, start=1):
            day = _new_day(number, self.options)
            entries.extend(self.slots(number, opening=True))
            shown_today: set[str] = set()
            for unit in group:
                steps = self.steps(unit, shown_today, shown_before, discussions)
                self.check_films(unit, steps, shown_today | shown_before)
                for index, step in enumerate(steps):
                    # Breaks fall between modules, never between a film and its exercise.
                    to_come = day.breaks_at
                    day, laid = _add(day, step, self.options, may_break=index == 0)
                    passed = to_come[: len(to_come) - len(day.breaks_at)]
                    if len(passed) > 1:
                        raise PlanError(_one_break(number, passed, laid[0][0], self.options))
                    taken.update(passed)
                    entries.extend(_entry(number, clock, put) for clock, put in laid)
                    shown_today.update(step.films)
            entries.extend(self.slots(number, opening=False, at=day.clock))
            shown_before |= shown_today
        return entries, frozenset(taken)

    def slots(self, number: int, *, opening: bool, at: timedelta | None = None) -> list[Entry]:
        """The facilitator's slots that open day ``number``, or that close it at ``at``."""
        clock = _offset(self.options.start) if at is None else at
        laid = []
        for kind, length in self.options.slots:
            if (kind is EntryKind.CLOSING) is opening:
                continue
            step = _Step(kind=kind, title=SLOT_TITLES[kind], duration=length)
            laid.append(_entry(number, clock, step))
            clock += length
        return laid

    def steps(
        self,
        unit: _Unit,
        shown_today: AbstractSet[str],
        shown_before: AbstractSet[str],
        discussions: frozenset[str],
    ) -> list[_Step]:
        steps: list[_Step] = []
        module = unit.module
        if module is not None:
            steps.append(self.films_step(unit, module, shown_today, shown_before))
            discussion = module.discussion
            if discussion is not None and module.id in discussions:
                who = f" ({discussion.grouping.value})" if discussion.grouping else ""
                kind = "Optional discussion" if discussion.optional else "Discussion"
                steps.append(
                    _Step(
                        kind=EntryKind.DISCUSSION,
                        title=f"{kind}{who}",
                        duration=discussion.duration,
                        item=module.id,
                        optional=discussion.optional,
                    )
                )
        exercise = unit.exercise
        if exercise is not None:
            steps.append(
                _Step(
                    kind=EntryKind.EXERCISE,
                    title=f"Exercise {exercise.number}: {exercise.title}",
                    duration=exercise.time,
                    item=exercise.id,
                )
            )
        return steps

    def check_films(self, unit: _Unit, steps: Sequence[_Step], shown: AbstractSet[str]) -> None:
        """Refuse an exercise whose films the plan does not show before it."""
        exercise = unit.exercise
        if exercise is None:
            return
        seen = shown | {f for s in steps for f in (*s.films, *s.skipped)}
        missing = [f for f in (*unit.films_first, *exercise.draws_on) if f not in seen]
        if missing:
            names = _film_names(missing, self.media)
            raise PlanError(
                f"Exercise {exercise.number} discusses {names}, which the plan does not "
                f"show before it; add the module with {names} first"
            )

    def films_step(
        self,
        unit: _Unit,
        module: LearningModule,
        shown_today: AbstractSet[str],
        shown_before: AbstractSet[str],
    ) -> _Step:
        """The module's films; with the pack's suggested re-watch when due and wanted."""
        name = f"Module {module.number} films"
        films_title = _film_names(module.films, self.media)
        alternative = module.different_day
        plain = _Step(
            kind=EntryKind.FILMS,
            title=f"{name}: {films_title}",
            duration=module.allowance,
            item=unit.key,
            films=module.films,
        )
        if alternative is None or set(alternative.rewatch) <= shown_today:
            return plain
        rewatch = _film_names(alternative.rewatch, self.media)
        suggestion = (
            f"the pack suggests that Module {module.number}, run on a different day, starts "
            f"by also watching {rewatch}: {format_duration(alternative.allowance)} for the films"
        )
        if not self.options.rewatch:
            return evolve(
                plain, skipped=alternative.rewatch, note=f"{suggestion}; this plan leaves it out"
            )
        watch = "again" if set(alternative.rewatch) & shown_before else "first"
        return _Step(
            kind=EntryKind.FILMS,
            title=f"{name}: {rewatch} {watch} (the pack's suggestion), then {films_title}",
            duration=alternative.allowance,
            item=unit.key,
            films=(*alternative.rewatch, *module.films),
            rewatch=alternative.rewatch,
            note=f"{suggestion}; this plan follows it",
        )

    def within_budget(
        self, units: Sequence[_Unit], budget: timedelta
    ) -> tuple[list[list[_Unit]], frozenset[str]]:
        """The plan with the most of the pack's content that fits the budget, breaks included.

        Content is the films, discussions and exercises of the units chosen; a re-watch is a
        cost that must fit, never a gain. Most content, then the most items, then the items
        that come first; a wanted discussion is left out only with those of the later modules.
        Units are taken or left in order, on the day so far or a new one, and of two plans
        that reach the same place only the better is kept, so the cost grows with the places
        (the time used in whole minutes, with a day's clock only where something reads it,
        keeps them few), not with the subsets. The content chosen, `split_within` lays it
        over the days.
        """
        options, wanted = self.options, _wanted(units, self.options)
        needed = {f for u in units if u.exercise for f in (*u.films_first, *u.exercise.draws_on)}
        for unit in units:
            if (
                options.rewatch
                and unit.module is not None
                and unit.module.different_day is not None
            ):
                needed.update(unit.module.different_day.rewatch)
        origin = _Place(day=None, today=frozenset(), seen=frozenset(), used=timedelta())
        places = {origin: _Partial(content=timedelta(), taken=())}
        for index, unit in enumerate(units):
            places = self.take(
                places, index, unit, wanted=unit.key in wanted, needed=needed, budget=budget
            )
        ends = [p for place, p in places.items() if place.day and place.day.number == options.days]
        if not ends:
            raise PlanError(f"nothing in the selection fits in {_words(budget)}")
        best = functools.reduce(lambda kept, p: p if p.beats(kept) else kept, ends)
        picked = [units[i] for i in best.taken]
        discussions = frozenset(units[i].key for i in best.discussed)
        return self.split_within(picked, discussions, budget), discussions

    def take(  # noqa: PLR0913 (the search's state is passed, not kept)
        self,
        places: dict[_Place, _Partial],
        index: int,
        unit: _Unit,
        *,
        wanted: bool,
        needed: AbstractSet[str],
        budget: timedelta,
    ) -> dict[_Place, _Partial]:
        """The places reached with the unit taken or left, each with the best plan there."""
        after = dict(places)  # every plan so far, leaving the unit out
        for place, partial in places.items():
            for new_day, talk in _choices(place, wanted, self.options.days):
                try:
                    moved = self.move(place, unit, needed, talk=talk, new_day=new_day)
                except PlanError:
                    continue  # an exercise before its films, or a day too long
                if moved.used > budget:
                    continue
                grown = partial.take(index, _content(unit, talk=talk), talk=talk)
                moved = evolve(moved, dropped=place.dropped or (wanted and not talk))
                kept = after.get(moved)
                if kept is None or grown.beats(kept):
                    after[moved] = grown
        return after

    def move(
        self, place: _Place, unit: _Unit, needed: AbstractSet[str], *, talk: bool, new_day: bool
    ) -> _Place:
        """The place a plan reaches with ``unit`` taken."""
        day, today, used = place.day, place.today, place.used
        if new_day or day is None:
            day = _new_day(day.number + 1 if day is not None else 1, self.options)
            today = frozenset()
            used += self.options.day_opens + self.options.day_closes
        steps = self.steps(unit, today, place.seen, frozenset([unit.key] if talk else []))
        self.check_films(unit, steps, place.seen)
        was = day.clock
        for index, step in enumerate(steps):
            day, _ = _add(day, step, self.options, may_break=index == 0)
        used += day.clock - was
        if not self.clock_read:
            day = evolve(day, clock=_offset(self.options.start))
        films = frozenset(f for s in steps for f in s.films) & needed
        return evolve(place, day=day, today=today | films, seen=place.seen | films, used=used)

    @functools.cached_property
    def clock_read(self) -> bool:
        """Whether a plan within the budget can reach what reads a day's clock.

        That is midnight, the end of the day, or a break at a set time; if none, two plans
        that differ only in their clock have one future.
        """
        options = self.options
        reach = _offset(options.start) + (options.budget or _MIDNIGHT)
        at = options.breaks.at if options.breaks is not None else ()
        return (
            reach > _MIDNIGHT
            or (options.day_end is not None and reach > _offset(options.day_end))
            or any(_offset(t) <= reach for t in at)
        )

    def split_within(
        self, units: Sequence[_Unit], discussions: frozenset[str], budget: timedelta
    ) -> list[list[_Unit]]:
        """The units over the days, the longest day as short as the budget allows, breaking early.

        For a longest day allowed, the least time of a split follows day by day as in
        `split`; the shortest longest day whose least time fits is found by bisection.
        """
        days, count = self.options.days, len(units)
        span = self.spans(units, discussions)

        def least(longest: timedelta) -> list[list[timedelta | None]]:
            """``least[k][i]``: the least time of units ``i:`` over ``k`` days, none longer."""
            table: list[list[timedelta | None]] = [[None] * (count + 1) for _ in range(days + 1)]
            table[0][count] = timedelta()
            for k in range(1, days + 1):
                for i in range(count):
                    table[k][i] = min(
                        (
                            first + rest
                            for j in range(i + 1, count + 1)
                            if (first := span[i][j]) is not None
                            and first <= longest
                            and (rest := table[k - 1][j]) is not None
                        ),
                        default=None,
                    )
            return table

        def fits(longest: timedelta) -> bool:
            total = least(longest)[days][0]
            return total is not None and total <= budget

        # The search found a split that fits, so the longest day of all does.
        lengths = sorted({t for row in span for t in row if t is not None})
        low, high = 0, len(lengths) - 1
        while low < high:
            middle = (low + high) // 2
            low, high = (low, middle) if fits(lengths[middle]) else (middle + 1, high)
        longest, table = lengths[low], least(lengths[low])
        cuts, i, left = [], 0, budget
        for k in range(days, 1, -1):
            first, i = next(
                (first, j)
                for j in range(i + 1, count)
                if (first := span[i][j]) is not None
                and first <= longest
                and (rest := table[k - 1][j]) is not None
                and first + rest <= left
            )
            left -= first
            cuts.append(i)
        return [list(units[a:b]) for a, b in itertools.pairwise([0, *cuts, count])]


def _content(unit: _Unit, *, talk: bool) -> timedelta:
    """What a unit brings of the pack: its module's films, discussion if taken, exercise."""
    content = unit.exercise.time if unit.exercise is not None else timedelta()
    module = unit.module
    if module is not None:
        content += module.allowance
        if talk and module.discussion is not None:
            content += module.discussion.duration
    return content


def _choices(place: _Place, wanted: bool, days: int) -> list[tuple[bool, bool]]:
    """How a unit may be taken from ``place``: on a new day or not, with its discussion or not."""
    talks = [True, False] if wanted and not place.dropped else [False]
    if place.day is None:
        new_days = [True]
    else:
        new_days = [False, True] if place.day.number < days else [False]
    return list(itertools.product(new_days, talks))


def _check_order(units: Sequence[_Unit]) -> None:
    for index, unit in enumerate(units):
        if unit.module is not None or unit.exercise is None:
            continue
        for later in units[index + 1 :]:
            if later.module is not None and later.module.exercise == unit.exercise.id:
                raise PlanError(
                    f"{unit.name} comes before {later.name}, whose films it discusses; "
                    f"put {later.name} first (it brings {unit.name} with it)"
                )


def _words(duration: timedelta) -> str:
    try:
        return format_duration(duration)
    except ValueError:  # not whole seconds
        return str(duration)


def _film_names(films: Sequence[str], media: Mapping[str, Media]) -> str:
    known = [media[f] for f in films if f in media]
    return film_names(known) if len(known) == len(films) else ", ".join(films)


def _offset(clock: time) -> timedelta:
    return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)


def _time(offset: timedelta) -> time:
    seconds = int(offset.total_seconds()) % 86400
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def _hh_mm(offset: timedelta) -> str:
    return f"{_time(offset):%H:%M}"

"""The plan's records: its options, its entries and notes, and the agenda they make."""

import enum
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, time, timedelta

from attrs import field, frozen

from recurrent_care_pack._arguments import optional, tuple_of, validator, whole
from recurrent_care_pack._errors import PlanError
from recurrent_care_pack._session import Break, Slot

__all__ = [
    "SLOT_TITLES",
    "TIME_ZONE",
    "Agenda",
    "Breaks",
    "Entry",
    "EntryKind",
    "Note",
    "PlanError",
    "PlanOptions",
]

#: Where a dated plan's days are: the pack's services are in England.
TIME_ZONE = "Europe/London"

#: A lunch asked for with ``--lunch`` lasts this long unless told otherwise.
LUNCH = timedelta(minutes=45)


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


def _fixed(value: Iterable[Break]) -> tuple[Break, ...]:
    """Breaks at clock times as a tuple; what is in it is checked by the validator."""
    return tuple(value)


def _booked(value: Iterable[Slot]) -> tuple[Slot, ...]:
    """Booked slots as a tuple; what is in it is checked by the validator."""
    return tuple(value)


@frozen(kw_only=True)
class Breaks:
    """When to break: at clock times, after each exercise, and at most so long apart.

    ``fixed``: breaks of their own length and title at clock times (a 45-minute "Lunch" at
    12:00); ``at``: breaks of ``length`` at clock times. Each goes at the point between
    items nearest its time, and the plan says so when that is not the time asked.
    ``every``: at most this long without a break; a break of ``length`` goes at the last
    point between items before the limit would be passed. Each argument is checked as it
    is given: a value of the wrong kind raises `TypeError` naming it, a time with a time
    zone `ValueError`; ``at`` may be given as a list, or a set (kept as a tuple, in order).
    """

    length: timedelta = field(default=timedelta(minutes=15), validator=validator(timedelta))
    after_exercises: bool = field(default=False, validator=validator(bool))
    every: timedelta | None = field(default=None, validator=optional(timedelta))
    at: tuple[time, ...] = field(default=(), converter=_times, validator=tuple_of(time))
    fixed: tuple[Break, ...] = field(default=(), converter=_fixed, validator=tuple_of(Break))

    @property
    def timed(self) -> tuple[Break, ...]:
        """Every break asked for at a clock time, in order of time: ``fixed`` and ``at``."""
        plain = (Break(at=t, length=self.length) for t in self.at)
        return tuple(sorted((*self.fixed, *plain), key=lambda b: (b.at, b.title)))


@frozen(kw_only=True)
class PlanOptions:
    """How to plan: the booked sessions, discussions, the re-watch, breaks, a budget.

    ``booked``: one `Slot` per session, each with its start, its end (a hard limit) and
    its date; or, alike for every day, ``start``, ``days``, ``day_end`` and ``dates`` (one
    date per day, in order): give one or the other. ``rewatch``: follow the pack's
    suggestion to start a module run on a later day by watching again the films it names
    (Film 6 before Module 3), where it fits. ``setup`` ends at a session's start;
    ``opening`` starts at it; ``closing`` ends the content.

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
    booked: tuple[Slot, ...] = field(default=(), converter=_booked, validator=tuple_of(Slot))

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
        """The time each session gives to its opening, from its start, before the first item."""
        return self.opening or timedelta()

    @property
    def day_closes(self) -> timedelta:
        """The time each session keeps for the closing after the last item."""
        return self.closing or timedelta()


@frozen(kw_only=True)
class Entry:
    """One entry of an agenda: what it is, on which day, from when to when.

    ``rewatch``: the films shown again on the pack's suggestion for a later day; ``note``:
    why the entry is as it is (that suggestion, a film an exercise discusses), in the
    tool's words. A break's ``title`` is its own ("Lunch", "Break").
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
    """A planned session: its entries in order, what a budget left out, the plan's notes."""

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
        sessions = self.options.sessions
        return sessions[number - 1].date if 0 < number <= len(sessions) else None

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

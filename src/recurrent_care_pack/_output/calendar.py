"""Calendars: a dated plan as an iCalendar file (RFC 5545), built with the icalendar library."""

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recurrent_care_pack._session import Session
from recurrent_care_pack._use.planning import (
    TIME_ZONE,
    Agenda,
    Entry,
    EntryKind,
    check_clock_changes,
)

from .word import MissingExtraError

if TYPE_CHECKING:
    from icalendar import Event

__all__ = ["EVENTS", "TIME_ZONE", "agenda_calendar"]

#: What each event of a calendar is: a day of the plan, or one entry of it.
EVENTS = ("day", "entry")


def agenda_calendar(
    agenda: Agenda, title: str, events: str = "day", session: Session | None = None
) -> bytes:
    """The plan as iCalendar: an event per day (its agenda the description), or per entry.

    Each time is the plan's clock time in London: the one printed. ``ValueError`` when
    the plan has no dates, ``events`` is neither "day" nor "entry", or a day runs into the
    hour the clocks change (see `check_clock_changes`); `MissingExtraError` without the
    icalendar library.
    """
    if session is not None and session.title:  # a pass-through: its title names the events
        title = session.title
    if events not in EVENTS:
        raise ValueError(f"no events called '{events}'; choose one of: {', '.join(EVENTS)}")
    if not agenda.entries or agenda.date(1) is None:
        raise ValueError(
            "a calendar needs the date of each day: give one --date per day, "
            "such as --date 2027-01-12"
        )
    check_clock_changes(agenda.options, agenda.entries)
    try:
        from icalendar import Calendar, Event  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise MissingExtraError(
            "calendars need icalendar: pip install 'recurrent-care-pack[calendar]'"
        ) from None
    calendar = Calendar()
    calendar.add("prodid", "-//recurrent-care-pack//rcpack plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    stamp = datetime.now(UTC).replace(microsecond=0)
    plan = _fingerprint(agenda, title)
    for number in range(1, agenda.days + 1):
        entries = agenda.day(number)
        name = title if agenda.days == 1 else f"{title}: day {number} of {agenda.days}"
        if events == "day":
            calendar.add_component(
                _event(Event(), agenda, entries, name, _lines(entries), stamp=stamp, plan=plan)
            )
            continue
        for entry in entries:
            calendar.add_component(
                _event(
                    Event(),
                    agenda,
                    (entry,),
                    f"{entry.title} ({name})",
                    [],
                    stamp=stamp,
                    plan=plan,
                )
            )
    # The zone's rules for the years the plan runs in: enough, and short.
    first, last = agenda.options.dates[0], agenda.options.dates[-1]
    calendar.add_missing_timezones(
        first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
    )
    data: bytes = calendar.to_ical()
    return data


def _event(  # noqa: PLR0913 (the parts of one event)
    event: "Event",
    agenda: Agenda,
    entries: tuple[Entry, ...],
    summary: str,
    lines: list[str],
    *,
    stamp: datetime,
    plan: str,
) -> "Event":
    """``event`` filled in: from the first entry's start to the last's end, in London time."""
    first, last = entries[0], entries[-1]
    day = agenda.date(first.day)
    assert day is not None  # noqa: S101 (checked by the caller)
    # Unique to this plan (another plan on the same day gets others), the same when the same
    # plan is written again, so that a calendar updates its events rather than adds them.
    event.add(
        "uid", f"{day:%Y%m%d}-{first.start:%H%M}-{first.kind.value}-{plan}@recurrent-care-pack"
    )
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", _london(day, first.start, timedelta()))
    event.add("dtend", _london(day, last.start, last.duration))
    if lines:
        event.add("description", "\n".join(lines))
    return event


def _london(day: date, clock: time, after: timedelta) -> datetime:
    """The clock time ``after`` the time ``clock`` on ``day``, in London.

    No day runs into the hour the clocks change (`check_clock_changes`), so each clock
    time is one moment, and the time between two is the time between their clock times.
    """
    return (datetime.combine(day, clock) + after).replace(tzinfo=ZoneInfo(TIME_ZONE))


def _fingerprint(agenda: Agenda, title: str) -> str:
    """A short digest of the plan: its title, dates and every entry."""
    text = "\n".join(
        [title, *map(str, agenda.options.dates)]
        + [f"{e.day} {e.start} {e.end} {e.kind.value} {e.title}" for e in agenda.entries]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _lines(entries: tuple[Entry, ...]) -> list[str]:
    """A day's agenda as the event's description, a line an entry."""
    return [
        f"{e.start:%H:%M}-{e.end:%H:%M} {e.title}"
        + (" (optional)" if e.optional and e.kind is not EntryKind.DISCUSSION else "")
        for e in entries
    ]

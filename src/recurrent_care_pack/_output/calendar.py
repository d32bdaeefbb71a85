"""Calendars: a dated plan as an iCalendar file (RFC 5545), built with the icalendar library."""

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recurrent_care_pack._use.planning import Agenda, Entry, EntryKind

from .word import MissingExtraError

if TYPE_CHECKING:
    from icalendar import Event

__all__ = ["EVENTS", "TIME_ZONE", "agenda_calendar"]

#: The time zone of every event: the pack's services are in England.
TIME_ZONE = "Europe/London"

#: What each event of a calendar is: a day of the plan, or one entry of it.
EVENTS = ("day", "entry")


def agenda_calendar(agenda: Agenda, title: str, events: str = "day") -> bytes:
    """The plan as iCalendar: an event per day (its agenda the description), or per entry.

    ``ValueError`` when the plan has no dates or ``events`` is neither "day" nor "entry";
    `MissingExtraError` without the icalendar library.
    """
    if events not in EVENTS:
        raise ValueError(f"no events called '{events}'; choose one of: {', '.join(EVENTS)}")
    if not agenda.entries or agenda.date(1) is None:
        raise ValueError(
            "a calendar needs the date of each day: give one --date per day, "
            "such as --date 2027-01-12"
        )
    try:
        from icalendar import Calendar, Event  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise MissingExtraError(
            "Calendars need icalendar: pip install 'recurrent-care-pack[calendar]'"
        ) from None
    calendar = Calendar()
    calendar.add("prodid", "-//recurrent-care-pack//rcpack plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for number in range(1, agenda.days + 1):
        entries = agenda.day(number)
        name = title if agenda.days == 1 else f"{title}: day {number} of {agenda.days}"
        if events == "day":
            calendar.add_component(
                _event(Event(), agenda, entries, name, _lines(entries), stamp=stamp)
            )
            continue
        for entry in entries:
            calendar.add_component(
                _event(Event(), agenda, (entry,), f"{entry.title} ({name})", [], stamp=stamp)
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
) -> "Event":
    """``event`` filled in: from the first entry's start to the last's end, in London time."""
    first, last = entries[0], entries[-1]
    day = agenda.date(first.day)
    assert day is not None  # noqa: S101 (checked by the caller)
    zone = ZoneInfo(TIME_ZONE)
    event.add("uid", f"{day:%Y%m%d}-{first.start:%H%M}-{first.kind.value}@recurrent-care-pack")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", datetime.combine(day, first.start, zone))
    event.add("dtend", datetime.combine(day, last.end, zone))
    if lines:
        event.add("description", "\n".join(lines))
    return event


def _lines(entries: tuple[Entry, ...]) -> list[str]:
    """A day's agenda as the event's description, a line an entry."""
    return [
        f"{e.start:%H:%M}-{e.end:%H:%M} {e.title}"
        + (" (optional)" if e.optional and e.kind is not EntryKind.DISCUSSION else "")
        for e in entries
    ]

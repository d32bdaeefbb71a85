"""Calendars: a dated plan as an iCalendar file (RFC 5545), built with the icalendar library.

One event per session (a booked slot, a day), or one per entry of the plan. An event's
id comes from what the session is (its name, date and number, the kind of event, and for
an entry what the entry is), never from a clock time: a session planned again at 10:00
instead of 09:30, or with a break added, updates the events a calendar holds rather than
adding new ones beside them.
"""

import hashlib
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recurrent_care_pack._installed import missing_extra
from recurrent_care_pack._model import Pack, lookup
from recurrent_care_pack._naming import film_names
from recurrent_care_pack._session import Session
from recurrent_care_pack._use.planning import (
    TIME_ZONE,
    Agenda,
    Entry,
    EntryKind,
    check_clock_changes,
)
from recurrent_care_pack._use.queries import needs_named

from .word import MissingExtraError

if TYPE_CHECKING:
    from icalendar import Event

__all__ = ["EVENTS", "TIME_ZONE", "agenda_calendar", "event_uid"]

#: What each event of a calendar is: a session (a day) of the plan, or one entry of it.
EVENTS = ("day", "entry")

#: What follows the digest in every event's id.
_DOMAIN = "recurrent-care-pack"


def agenda_calendar(
    agenda: Agenda,
    title: str,
    events: str = "day",
    session: Session | None = None,
    *,
    pack: Pack | None = None,
) -> bytes:
    """The plan as iCalendar: an event per session (its agenda the description), or per entry.

    A session's event spans its booked slot: from the slot's start (after any set-up, which
    is the facilitator's own time) to its end, or to when the content ends when no end was
    booked. Its summary is the session's title (else ``title``), "…: session 2 of 3" in a
    series; its location the session's room and venue. With ``pack``, an entry's event
    says what to bring for it. Each time is the plan's clock time in London: the one
    printed. ``ValueError`` when the plan has no dates, ``events`` is neither "day" nor
    "entry", or a day runs into the hour the clocks change (see `check_clock_changes`);
    `MissingExtraError` without the icalendar library.
    """
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
        raise MissingExtraError(missing_extra("calendars need", "icalendar", "calendar")) from None
    name = (session.title if session is not None else None) or title
    calendar = Calendar()
    calendar.add("prodid", "-//recurrent-care-pack//rcpack plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    place = _location(session)
    days: list[date] = []
    for number in range(1, agenda.days + 1):
        day = agenda.date(number)
        assert day is not None  # noqa: S101 (a plan's dates are one per day)
        days.append(day)
        # The set-up is the facilitator's own time before the start: not in the invitation.
        entries = tuple(e for e in agenda.day(number) if e.kind is not EntryKind.SETUP)
        summary = name if agenda.days == 1 else f"{name}: session {number} of {agenda.days}"
        if events == "day":
            event = Event()
            event.add("uid", event_uid(name, day, number, "day"))
            _fill(event, summary, _span(agenda, number, day), stamp=stamp, place=place)
            event.add("description", "\n".join(_lines(entries)))
            calendar.add_component(event)
            continue
        seen: Counter[tuple[str, str]] = Counter()
        for entry in entries:
            what = (entry.kind.value, entry.item or entry.title)
            seen[what] += 1
            event = Event()
            event.add(
                "uid", event_uid(name, day, number, "entry", what=what, occurrence=seen[what])
            )
            _fill(
                event,
                f"{entry.title} ({summary})",
                _moments(day, entry.start, entry.duration),
                stamp=stamp,
                place=place,
            )
            event.add("description", _entry_description(entry, pack))
            calendar.add_component(event)
    # The zone's rules for the years the plan runs in: enough, and short.
    calendar.add_missing_timezones(
        first_date=date(min(days).year, 1, 1), last_date=date(max(days).year + 1, 1, 1)
    )
    data: bytes = calendar.to_ical()
    return data


def event_uid(  # noqa: PLR0913 (what a session's event is, all but the first four by name)
    name: str,
    day: date,
    number: int,
    events: str,
    *,
    what: tuple[str, str] | None = None,
    occurrence: int = 1,
) -> str:
    """The id of a calendar event, from what it is and never from a clock time.

    ``name``: the session's; ``day`` and ``number``: its date and its number in the series;
    ``events``: "day" or "entry"; ``what``: an entry's kind and item (or title, for an
    entry of no item such as a break); ``occurrence``: the how-manieth such entry of the day.
    """
    parts = [_DOMAIN, events, name, day.isoformat(), str(number)]
    if what is not None:
        parts += [*what, str(occurrence)]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{day:%Y%m%d}-{events}-{digest}@{_DOMAIN}"


def _span(agenda: Agenda, number: int, day: date) -> tuple[datetime, datetime]:
    """When session ``number`` runs for those invited: its booked slot, set-up not included.

    From the slot's start (or the end of a set-up that ran from it) to the slot's end, or,
    when no end was booked, to when the day's last entry ends.
    """
    entries = agenda.day(number)
    sessions = agenda.options.sessions
    slot = sessions[number - 1] if 0 < number <= len(sessions) else None
    start = slot.start if slot is not None else entries[0].start
    for entry in entries:
        if entry.kind is EntryKind.SETUP and entry.end > start >= entry.start:
            start = entry.end
    last = entries[-1]
    begin, ends = _moments(day, start, timedelta())[0], _moments(day, last.start, last.duration)
    if slot is not None and slot.end is not None:
        return begin, datetime.combine(day, slot.end)
    return begin, ends[1]


def _moments(day: date, clock: time, length: timedelta) -> tuple[datetime, datetime]:
    """From ``clock`` on ``day`` to ``length`` later, as clock times (no time zone yet)."""
    begin = datetime.combine(day, clock)
    return begin, begin + length


def _fill(
    event: "Event",
    summary: str,
    span: tuple[datetime, datetime],
    *,
    stamp: datetime,
    place: str | None,
) -> None:
    """``event``'s summary, times (in London) and place."""
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", _london(span[0]))
    event.add("dtend", _london(span[1]))
    if place:
        event.add("location", place)


def _london(clock: datetime) -> datetime:
    """The clock time ``clock``, in London.

    No day runs into the hour the clocks change (`check_clock_changes`), so each clock
    time is one moment, and the time between two is the time between their clock times.
    """
    return clock.replace(tzinfo=ZoneInfo(TIME_ZONE))


def _location(session: Session | None) -> str | None:
    """The session's room and venue, as far as the session file gives them."""
    if session is None:
        return None
    return ", ".join(p for p in (session.room, session.venue) if p) or None


def _lines(entries: tuple[Entry, ...]) -> list[str]:
    """A day's agenda as the event's description, a line an entry."""
    return [
        f"{e.start:%H:%M}-{e.end:%H:%M} {e.title}"
        + (" (optional)" if e.optional and e.kind is not EntryKind.DISCUSSION else "")
        for e in entries
    ]


def _entry_description(entry: Entry, pack: Pack | None) -> str:
    """What an entry is, and (with the pack) what to bring for it."""
    lines = _lines((entry,))
    if pack is None:
        return lines[0]
    media = lookup(pack).media
    films = [media[f] for f in entry.films if f in media]
    if films:
        lines.append(f"Show: {film_names(films)}.")
    exercise = lookup(pack).exercises.get(entry.item or "")
    if entry.kind is EntryKind.EXERCISE and exercise is not None:
        needs = needs_named(pack, exercise)
        if needs:
            lines.append(f"Bring: {', '.join(needs)}.")
    return "\n".join(lines)

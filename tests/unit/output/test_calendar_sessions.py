"""A calendar event per booked session: its slot, its name and place, an id that stays."""

import hashlib
import re
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recurrent_care_pack as rcp
from recurrent_care_pack._output.calendar import agenda_calendar, event_uid
from recurrent_care_pack._session import Session, Slot
from recurrent_care_pack._use.planning import Agenda, Breaks, Entry, EntryKind, PlanOptions

LONDON = ZoneInfo("Europe/London")
PACK = rcp.load_pack()
WEEKS = (date(2027, 1, 12), date(2027, 1, 19), date(2027, 1, 26))
SERIES_TITLE = "Recurrent care: autumn series"
SERIES = Session(
    title=SERIES_TITLE,
    venue="Civic Centre, Leeds",
    room="Room 2",
)


def _events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert isinstance(calendar, icalendar.Calendar)
    return list(calendar.events)


def _weekly(start: time = time(9, 30), **options: object) -> Agenda:
    """Section 3 over three weekly 90-minute slots."""
    end = (datetime.combine(WEEKS[0], start) + timedelta(minutes=90)).time()
    booked = tuple(Slot(start=start, end=end, date=d) for d in WEEKS)
    chosen = PlanOptions(booked=booked, **options)  # type: ignore[arg-type]
    return rcp.plan(PACK, ["section-3"], chosen)


def test_a_series_gives_an_event_per_session_spanning_its_slot() -> None:
    """Three slots: three events 09:30-11:00 (not when the content ends), named and placed."""
    events = _events(agenda_calendar(_weekly(), PACK.title, "day", SERIES))
    assert [(e.start, e.end) for e in events] == [
        (datetime.combine(d, time(9, 30), LONDON), datetime.combine(d, time(11), LONDON))
        for d in WEEKS
    ]
    assert [str(e["SUMMARY"]) for e in events] == [
        "Recurrent care: autumn series: session 1 of 3",
        "Recurrent care: autumn series: session 2 of 3",
        "Recurrent care: autumn series: session 3 of 3",
    ]
    assert {str(e["LOCATION"]) for e in events} == {"Room 2, Civic Centre, Leeds"}
    assert str(events[0]["DESCRIPTION"]).splitlines()[0] == (
        "09:30-10:10 Module 1 films: Films 2, 3, 4 and 5"
    )


def test_without_a_booked_end_an_event_ends_with_the_content() -> None:
    """No end booked: the event ends when the day's last entry does; no session: no place."""
    agenda = rcp.plan(PACK, ["Module 2"], PlanOptions(dates=(WEEKS[0],)))
    (event,) = _events(agenda_calendar(agenda, PACK.title))
    assert (event.start, event.end) == (
        datetime.combine(WEEKS[0], time(9, 30), LONDON),
        datetime.combine(WEEKS[0], agenda.entries[-1].end, LONDON),
    )
    assert str(event["SUMMARY"]) == PACK.title
    assert "LOCATION" not in event


def test_a_set_up_is_not_in_the_invitation() -> None:
    """A set-up that runs from the slot's start is the facilitator's: the event starts after."""
    options = PlanOptions(dates=(WEEKS[0],), setup=timedelta(minutes=30))
    agenda = rcp.plan(PACK, ["Module 2"], options)
    assert agenda.entries[0].kind is EntryKind.SETUP
    (event,) = _events(agenda_calendar(agenda, PACK.title))
    assert event.start == datetime.combine(WEEKS[0], agenda.entries[0].end, LONDON)
    assert "Set-up" not in str(event["DESCRIPTION"])
    entry_events = _events(agenda_calendar(agenda, PACK.title, "entry"))
    assert [str(e["SUMMARY"]).split(" (")[0] for e in entry_events] == [
        e.title for e in agenda.entries[1:]
    ]
    # Set up before the booked start (as a session file books it): the event starts at it.
    entries = (
        Entry(day=1, start=time(9), end=time(9, 30), duration=timedelta(minutes=30),
              kind=EntryKind.SETUP, title="Set-up"),
        Entry(day=1, start=time(9, 30), end=time(10, 3), duration=timedelta(minutes=33),
              kind=EntryKind.FILMS, title="Module 2 films: Film 6", item="module-2"),
    )  # fmt: skip
    booked = PlanOptions(booked=(Slot(start=time(9, 30), date=WEEKS[0]),))
    (event,) = _events(agenda_calendar(Agenda(entries=entries, options=booked), PACK.title))
    assert (event.start, event.end) == (
        datetime.combine(WEEKS[0], time(9, 30), LONDON),
        datetime.combine(WEEKS[0], time(10, 3), LONDON),
    )


def test_an_entry_event_says_what_it_is_and_what_to_bring() -> None:
    """With the pack, an exercise's event lists what to bring, in the pack's words."""
    agenda = rcp.plan(PACK, ["Module 1"], PlanOptions(dates=(WEEKS[0],)))
    events = _events(agenda_calendar(agenda, PACK.title, "entry", SERIES, pack=PACK))
    assert [str(e["DESCRIPTION"]) for e in events] == [
        "09:30-10:10 Module 1 films: Films 2, 3, 4 and 5\nShow: Films 2, 3, 4 and 5.",
        "10:10-10:40 Exercise 8: Understanding non-engagement and attachment through a case "
        "study\nBring: The case study of Tina, flipchart paper and marker pens, or Post-its.",
    ]
    assert {str(e["LOCATION"]) for e in events} == {"Room 2, Civic Centre, Leeds"}


def _uids(agenda: Agenda, events: str, session: Session = SERIES) -> list[str]:
    return [str(e["UID"]) for e in _events(agenda_calendar(agenda, PACK.title, events, session))]


def test_day_and_entry_events_never_share_an_id() -> None:
    """The day event's id is not its first entry's (the trial's collision)."""
    agenda = _weekly()
    days, entries = _uids(agenda, "day"), _uids(agenda, "entry")
    assert not set(days) & set(entries)
    assert len(set(days + entries)) == len(days) + len(entries)


@settings(max_examples=12, deadline=None)
@given(
    start=st.sampled_from([time(9), time(9, 30), time(10), time(13, 15)]),
    every=st.sampled_from([None, timedelta(minutes=30), timedelta(minutes=45)]),
    events=st.sampled_from(["day", "entry"]),
)
def test_replanning_keeps_every_id(start: time, every: timedelta | None, events: str) -> None:
    """Planned again later, or with breaks added: each session's and entry's id stays; none twice."""
    first = _uids(_weekly(), events)
    breaks = Breaks(every=every) if every is not None else None
    again = _uids(_weekly(start, breaks=breaks), events)
    assert len(set(again)) == len(again)
    if events == "day":
        assert again == first
    else:
        assert set(first) <= set(again)  # the same entries, plus the breaks added


def test_another_session_on_the_same_day_has_its_own_ids() -> None:
    """Two cohorts' sessions, the same day and hour, named apart: no id shared."""
    agenda = _weekly()
    other = Session(title="Recurrent care: spring series")
    for events in ("day", "entry"):
        assert not set(_uids(agenda, events)) & set(_uids(agenda, events, other))


def test_a_set_up_from_the_slot_s_start_moves_the_invitation_to_its_end() -> None:
    """A set-up booked inside the slot, from its start, is left out: the event starts when it ends."""
    entries = (
        Entry(day=1, start=time(9, 30), end=time(10), duration=timedelta(minutes=30),
              kind=EntryKind.SETUP, title="Set-up"),
        Entry(day=1, start=time(10), end=time(10, 23), duration=timedelta(minutes=23),
              kind=EntryKind.FILMS, title="Module 2 films: Film 6", item="module-2"),
    )  # fmt: skip
    booked = PlanOptions(booked=(Slot(start=time(9, 30), end=time(11), date=WEEKS[0]),))
    (event,) = _events(agenda_calendar(Agenda(entries=entries, options=booked), PACK.title))
    assert (event.start, event.end) == (
        datetime.combine(WEEKS[0], time(10), LONDON),
        datetime.combine(WEEKS[0], time(11), LONDON),
    )


def test_each_session_s_event_spans_its_own_slot() -> None:
    """Slots at different hours: each day's event has its own slot's start and end."""
    booked = (
        Slot(start=time(9, 30), end=time(11), date=WEEKS[0]),
        Slot(start=time(13), end=time(15, 30), date=WEEKS[1]),
    )
    agenda = rcp.plan(PACK, ["section-3"], PlanOptions(booked=booked))
    assert agenda.days == 2
    events = _events(agenda_calendar(agenda, PACK.title))
    assert [(e.start, e.end) for e in events] == [
        (datetime.combine(WEEKS[0], time(9, 30), LONDON), datetime.combine(WEEKS[0], time(11), LONDON)),
        (datetime.combine(WEEKS[1], time(13), LONDON), datetime.combine(WEEKS[1], time(15, 30), LONDON)),
    ]  # fmt: skip


def test_the_calendar_names_itself_and_stamps_its_events_in_utc() -> None:
    """VERSION 2.0, the tool's PRODID and the session's name; each DTSTAMP a UTC moment."""
    calendar = icalendar.Calendar.from_ical(agenda_calendar(_weekly(), PACK.title, "day", SERIES))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//recurrent-care-pack//rcpack plan//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Recurrent care: autumn series"
    unnamed = icalendar.Calendar.from_ical(agenda_calendar(_weekly(), PACK.title))
    assert str(unnamed["X-WR-CALNAME"]) == PACK.title
    stamps = _lines(calendar, "DTSTAMP:")
    assert len(stamps) == 3
    assert all(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in stamps)


def _lines(component: icalendar.Component, prefix: str) -> list[str]:
    text = component.to_ical().decode("utf-8")
    return [line for line in text.splitlines() if line.startswith(prefix)]


def test_the_time_zone_holds_the_rules_of_the_plan_s_year_only() -> None:
    """A plan in 2027: London's zone from 1 January 2027 with the 2027 clock changes, no more."""
    calendar = icalendar.Calendar.from_ical(agenda_calendar(_weekly(), PACK.title))
    (zone,) = calendar.walk("VTIMEZONE")
    assert [c.name for c in zone.subcomponents] == ["STANDARD", "DAYLIGHT", "STANDARD"]
    assert _lines(zone, "DTSTART:") == [
        "DTSTART:20270101T000000",
        "DTSTART:20270328T020000",
        "DTSTART:20271031T020000",
    ]


def _uid(events: str, day: date, number: int, *what: str) -> str:
    """The id README's rule gives: a digest of the domain, kind, name, date, number, what."""
    parts = ["recurrent-care-pack", events, SERIES_TITLE, day.isoformat(), str(number), *what]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{day:%Y%m%d}-{events}-{digest}@recurrent-care-pack"


def test_every_event_id_is_made_from_what_it_is() -> None:
    """A day's id from its name, date and number; an entry's also from its kind, item, occurrence."""
    breaks = Breaks(after_exercises=True, length=timedelta(minutes=5))
    booked = (Slot(start=time(9, 30), end=time(13), date=WEEKS[0]),)
    agenda = rcp.plan(
        PACK, ["Module 1", "Module 2", "Module 3"], PlanOptions(booked=booked, breaks=breaks)
    )
    assert _uids(agenda, "day") == [_uid("day", WEEKS[0], 1)]
    expected = [
        _uid("entry", WEEKS[0], 1, "films", "section-3-module-1", "1"),
        _uid("entry", WEEKS[0], 1, "exercise", "exercise-8", "1"),
        _uid("entry", WEEKS[0], 1, "break", "Break", "1"),
        _uid("entry", WEEKS[0], 1, "films", "section-3-module-2", "1"),
        _uid("entry", WEEKS[0], 1, "exercise", "exercise-9", "1"),
        _uid("entry", WEEKS[0], 1, "break", "Break", "2"),
        _uid("entry", WEEKS[0], 1, "films", "section-3-module-3", "1"),
        _uid("entry", WEEKS[0], 1, "exercise", "exercise-10", "1"),
    ]
    assert _uids(agenda, "entry") == expected
    series = _weekly()
    assert _uids(series, "day") == [_uid("day", d, n) for n, d in enumerate(WEEKS, start=1)]


def test_an_optional_discussion_is_not_said_optional_twice() -> None:
    """A discussion's title says it is optional; its line in the event adds nothing."""
    events = _events(agenda_calendar(_weekly(discussions=True), PACK.title, "day", SERIES))
    lines = [line for e in events for line in str(e["DESCRIPTION"]).splitlines()]
    discussions = [line for line in lines if "discussion" in line]
    assert discussions
    assert all(line.endswith("Optional discussion (whole group)") for line in discussions)


def test_events_of_another_kind_are_refused_with_the_kinds_there_are() -> None:
    """``events`` neither "day" nor "entry": a ValueError naming both."""
    with pytest.raises(ValueError, match=r"^no events called 'week'; choose one of: day, entry$"):
        agenda_calendar(_weekly(), PACK.title, "week")


def test_an_entry_s_id_is_its_first_occurrence_s_unless_told() -> None:
    """`event_uid` without ``occurrence`` is the id of the first such entry of the day."""
    what = ("break", "Break")
    assert event_uid(SERIES_TITLE, WEEKS[0], 1, "entry", what=what) == _uid(
        "entry", WEEKS[0], 1, *what, "1"
    )


def test_the_stamp_is_the_moment_in_utc_whatever_the_machine_s_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a machine in New York, DTSTAMP is still now in UTC, not the local clock marked Z."""
    monkeypatch.setenv("TZ", "America/New_York")
    clock.tzset()
    try:
        before = datetime.now(UTC).replace(microsecond=0)
        data = agenda_calendar(_weekly(), PACK.title)
        after = datetime.now(UTC)
    finally:
        monkeypatch.undo()
        clock.tzset()
    calendar = icalendar.Calendar.from_ical(data)
    (stamp, *_) = _lines(calendar, "DTSTAMP:")
    moment = datetime.strptime(stamp, "DTSTAMP:%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= moment <= after

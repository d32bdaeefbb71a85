"""A calendar event per booked session: its slot, its name and place, an id that stays."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

import recurrent_care_pack as rcp
from recurrent_care_pack._output.calendar import agenda_calendar
from recurrent_care_pack._session import Session, Slot
from recurrent_care_pack._use.planning import Agenda, Breaks, Entry, EntryKind, PlanOptions

LONDON = ZoneInfo("Europe/London")
PACK = rcp.load_pack()
WEEKS = (date(2027, 1, 12), date(2027, 1, 19), date(2027, 1, 26))
SERIES = Session(
    title="Recurrent care: autumn series",
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

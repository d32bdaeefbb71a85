"""The three situations of issue 20, as agendas and sessions, for the guide's tests.

The team day is built entry by entry (a 45-minute lunch and comfort breaks, with the
plan's notes), as the planner will give it; the weekly slots and the two hours come
from ``plan()``.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

import recurrent_care_pack as rcp
from recurrent_care_pack._session import Location, Session, Slot
from recurrent_care_pack._use.planning import Agenda, Entry, EntryKind, Note, PlanOptions

MIN = timedelta(minutes=1)
TEAM_DAY = date(2027, 1, 12)
WEEKS = (date(2027, 1, 12), date(2027, 1, 19), date(2027, 1, 26))


def _entries(
    day: int, start: time, steps: list[tuple[EntryKind, str, int, str | None]]
) -> list[Entry]:
    """Entries back to back from ``start``: (kind, title, minutes, item)."""
    pack = rcp.load_pack()
    modules = {m.id: m for s in pack.sections for m in s.modules}
    clock = datetime.combine(TEAM_DAY, start)
    entries = []
    for kind, title, minutes, item in steps:
        end = clock + minutes * MIN
        films = modules[item].films if item in modules and kind is EntryKind.FILMS else ()
        entries.append(
            Entry(
                day=day,
                start=clock.time(),
                end=end.time(),
                duration=minutes * MIN,
                kind=kind,
                title=title,
                item=item,
                films=films,
            )
        )
        clock = end
    return entries


def team_day() -> Agenda:
    """Tuesday 12 January 2027, 09:30-13:30: all of Section 3, a break, a lunch, notes."""
    films, exercise, pause = EntryKind.FILMS, EntryKind.EXERCISE, EntryKind.BREAK
    steps = [
        (films, "Module 1 films: Films 2, 3, 4 and 5", 40, "section-3-module-1"),
        (
            exercise,
            "Exercise 8: Understanding non-engagement and attachment through a case study",
            30,
            "exercise-8",
        ),
        (pause, "Break", 10, None),
        (films, "Module 2 films: Film 6", 23, "section-3-module-2"),
        (
            exercise,
            "Exercise 9: Understanding non-engagement and complex trauma through a case study",
            30,
            "exercise-9",
        ),
        (pause, "Lunch", 45, None),
        (films, "Module 3 films: Film 7", 32, "section-3-module-3"),
        (
            exercise,
            "Exercise 10: Thinking about trauma-informed approaches in your work",
            30,
            "exercise-10",
        ),
    ]
    # (Any: the field's converter is a bare tuple, which mypy cannot solve)
    booked: Any = (Slot(start=time(9, 30), end=time(13, 30), date=TEAM_DAY),)
    options = PlanOptions(booked=booked)
    notes = (
        Note(
            text="the lunch asked for at 12:00 starts at 11:43, after Exercise 9: at 12:00 Module 3's films would be running",
            day=1,
        ),
    )
    return Agenda(entries=tuple(_entries(1, time(9, 30), steps)), options=options, notes=notes)


def team_session() -> Session:
    """The team day's session file: name, service, place, people, where two things are."""
    return Session(
        title="Team learning day",
        service="Leeds Family Support Service",
        participants=12,
        venue="Civic Hall",
        room="Room 2",
        facilitators=("Sam Patel", "Jo Brown"),
        slots=(Slot(start=time(9, 30), end=time(13, 30), date=TEAM_DAY),),
        locations={
            "film-6": Location(url="https://example.org/films/6"),
            "case-study-tina": Location(file="Training/Tina.docx", page="12"),
        },
    )


def weekly() -> Agenda:
    """Three weekly 90-minute slots from 09:30, a module each."""
    slots: Any = tuple(Slot(start=time(9, 30), end=time(11, 0), date=d) for d in WEEKS)
    options = PlanOptions(days=3, dates=WEEKS, day_end=time(11, 0), booked=slots)
    return rcp.plan(rcp.load_pack(), ["section-3"], options)


def two_hours() -> Agenda:
    """Two hours: Modules 2 and 3 with their exercises and a 5-minute break between."""
    options = PlanOptions(
        budget=120 * MIN, breaks=rcp.Breaks(after_exercises=True, length=5 * MIN)
    )
    return rcp.plan(rcp.load_pack(), ["section-3"], options)

"""The three situations of issue 20, as agendas and sessions, for the guide's tests.

Each comes from ``plan()``: the team day with a 45-minute lunch and comfort breaks at
most 90 minutes apart, the weekly slots with the discussions where they fit, the two
hours with a 5-minute break.
"""

from datetime import date, time, timedelta
from typing import Any

import recurrent_care_pack as rcp
from recurrent_care_pack._session import Break, Location, Session, Slot
from recurrent_care_pack._use.planning import Agenda, PlanOptions

MIN = timedelta(minutes=1)
TEAM_DAY = date(2027, 1, 12)
WEEKS = (date(2027, 1, 12), date(2027, 1, 19), date(2027, 1, 26))


def team_day() -> Agenda:
    """Tuesday 12 January 2027, 09:30-13:30: all of Section 3, a lunch, breaks 90 minutes apart."""
    options = PlanOptions(
        booked=(Slot(start=time(9, 30), end=time(13, 30), date=TEAM_DAY),),
        breaks=rcp.Breaks(
            fixed=(Break(at=time(12, 0), length=45 * MIN, title="Lunch"),),
            every=90 * MIN,
            length=10 * MIN,
        ),
    )
    return rcp.plan(rcp.load_pack(), ["section-3"], options)


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
        notes="Bring the laptop and the speakers.",
    )


def weekly() -> Agenda:
    """Three weekly 90-minute slots from 09:30, a module each."""
    slots: Any = tuple(Slot(start=time(9, 30), end=time(11, 0), date=d) for d in WEEKS)
    options = PlanOptions(booked=slots, discussions=True)
    return rcp.plan(rcp.load_pack(), ["section-3"], options)


def two_hours() -> Agenda:
    """Two hours: Modules 2 and 3 with their exercises and a 5-minute break between."""
    options = PlanOptions(
        budget=120 * MIN, breaks=rcp.Breaks(after_exercises=True, length=5 * MIN)
    )
    return rcp.plan(rcp.load_pack(), ["section-3"], options)

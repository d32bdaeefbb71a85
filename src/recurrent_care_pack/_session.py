"""A facilitator's session: what the service books and knows, beside the pack.

The pack holds what is run; a session file holds for whom, where, who and when, and the
service's own facts the pack does not hold (where each film and case study is). Every
record is frozen; what a session file does not say is ``None`` or empty, never a guess.
"""

import datetime as dt
from collections.abc import Mapping
from datetime import time, timedelta

from attrs import field, frozen

__all__ = ["Break", "Location", "Session", "Slot"]


@frozen(kw_only=True)
class Slot:
    """A booked time for one session: its start, its end if booked, its date if known."""

    start: time = time(9, 30)
    end: time | None = None
    date: dt.date | None = None


@frozen(kw_only=True)
class Break:
    """A break asked for at a clock time, of its own length: a lunch, a comfort break."""

    at: time
    length: timedelta
    title: str = "Break"


@frozen(kw_only=True)
class Location:
    """Where a service keeps a film or a case study: a web address, a file, a page."""

    url: str | None = None
    file: str | None = None
    page: str | None = None
    note: str | None = None


@frozen(kw_only=True)
class Session:
    """A facilitator's session: what is run, for whom, where, who, when, and the local facts.

    ``items``: names or ids of the pack's items (none: the whole pack). ``breaks``: breaks
    at clock times, each of its own length; ``break_every``: at most this long without a
    break, each ``break_length`` long. ``locations``: by the id of a film or case study.
    """

    title: str | None = None
    service: str | None = None
    items: tuple[str, ...] = ()
    participants: int | None = None
    venue: str | None = None
    room: str | None = None
    facilitators: tuple[str, ...] = ()
    slots: tuple[Slot, ...] = ()
    breaks: tuple[Break, ...] = ()
    break_every: timedelta | None = None
    break_length: timedelta | None = None
    break_after_exercises: bool = False
    discussions: bool = False
    rewatch: bool = True
    budget: timedelta | None = None
    setup: timedelta | None = None
    opening: timedelta | None = None
    closing: timedelta | None = None
    locations: Mapping[str, Location] = field(factory=dict)
    notes: str | None = None
    #: Where the pack is, as the session file gives it (from the file's folder); None: the
    #: pack folder the file is in, else the bundled pack.
    pack: str | None = None

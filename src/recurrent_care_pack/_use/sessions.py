"""A session file's choices as the planner's: what is run, and the options to plan it with."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

from attrs import asdict, evolve, frozen

from recurrent_care_pack._arguments import check_kind, check_pack
from recurrent_care_pack._session import Break, Session, Slot

from .planning import Breaks, PlanError, PlanOptions, plan
from .planning.records import LUNCH

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, time, timedelta

    from recurrent_care_pack._model import Pack
    from recurrent_care_pack._problems import Problem

    from .planning import Agenda

__all__ = ["FLAGS", "Flags", "planned", "session_options", "session_plan", "with_flags"]

#: The command line's planning options, each with the session file's key that decides the
#: same: a flag given with a session file that gives that key is refused.
FLAGS: dict[str, tuple[str, str]] = {
    "start": ("--start", "slots"),
    "days": ("--days", "slots"),
    "day_end": ("--day-end", "slots"),
    "dates": ("--date", "slots"),
    "budget": ("--budget", "budget"),
    "discussions": ("--with-discussions", "discussions"),
    "rewatch": ("--no-rewatch", "rewatch"),
    "break_length": ("--break", "comfort_breaks.length"),
    "break_after_exercises": ("--break-after-exercises", "comfort_breaks.after_each_exercise"),
    "break_every": ("--break-every", "comfort_breaks.at_most_every"),
    "break_at": ("--break-at", "breaks"),
    "slots": ("--slot", "slots"),
    "lunch": ("--lunch", "breaks"),
    "lunch_length": ("--lunch-length", "breaks"),
    "setup": ("--setup", "setup"),
    "opening": ("--opening", "opening"),
    "closing": ("--closing", "closing"),
    "pack": ("--pack", "pack"),
    "participants": ("--participants", "participants"),
    "title": ("--session", "title"),
}


def session_options(session: Session) -> tuple[tuple[str, ...], PlanOptions]:
    """The items a session runs (none: the whole pack) and the options that plan it.

    Each booked slot is a day of the plan (``booked``), its start, end and date its own;
    the breaks at set times keep their own length and title (``Breaks.fixed``).
    `TypeError` for anything but a `Session`.
    """
    check_kind("session", session, Session, "a Session such as check_session() gives")
    slots = session.slots
    breaks = None
    if session.breaks or session.break_every or session.break_after_exercises:
        breaks = Breaks(
            length=session.break_length or Breaks().length,
            after_exercises=session.break_after_exercises,
            every=session.break_every,
            fixed=session.breaks,
        )
    options = PlanOptions(
        discussions=session.discussions,
        rewatch=session.rewatch,
        breaks=breaks,
        budget=session.budget,
        setup=session.setup,
        opening=session.opening,
        closing=session.closing,
        booked=slots,
    )
    return session.items, options


def session_plan(pack: Pack, session: Session) -> Agenda:
    """Plan ``session`` from ``pack``: its items, in its slots, with its breaks.

    Raises `PlanError` for a plan that cannot be made, and `LookupError` for an item the
    pack does not hold, as `plan` does (a checked session file names none).
    """
    check_pack(pack)
    items, options = session_options(session)
    return plan(pack, items, options)


class _Checked(Protocol):
    """A session file checked (`SessionResult`, which this layer does not import)."""

    @property
    def problems(self) -> tuple[Problem, ...]: ...
    @property
    def session(self) -> Session | None: ...
    @property
    def pack(self) -> Pack | None: ...
    @property
    def plan_at(self) -> Problem | None: ...


_C = TypeVar("_C", bound=_Checked)


def planned(result: _C) -> _C:
    """``result`` with a session that has no other problems planned, as ``rcpack plan`` would.

    A plan that cannot be made is the file's problem (RC507, at its ``slots`` key, else its
    ``session`` key), in the planner's words; then ``result`` has no session.
    """
    if result.problems or result.session is None or result.pack is None:
        return result
    if result.plan_at is None:
        return result
    try:
        session_plan(result.pack, result.session)
    except PlanError as error:
        reason = str(error.args[0] if error.args else error)
        problem = evolve(result.plan_at, message=f"this session cannot be planned: {reason}")
        found: Any = result  # an attrs class: `SessionResult`
        return cast("_C", evolve(found, problems=(problem,), session=None))
    except LookupError:  # a checked session names nothing the pack lacks
        return result
    return result


@frozen(kw_only=True)
class Flags:
    """The command line's planning options, each ``None`` (or empty) when not given."""

    start: time | None = None
    days: int | None = None
    day_end: time | None = None
    dates: tuple[date, ...] = ()
    budget: timedelta | None = None
    discussions: bool | None = None
    rewatch: bool | None = None
    break_length: timedelta | None = None
    break_after_exercises: bool | None = None
    break_every: timedelta | None = None
    break_at: tuple[time, ...] = ()
    slots: tuple[Slot, ...] = ()
    lunch: time | None = None
    lunch_length: timedelta | None = None
    setup: timedelta | None = None
    opening: timedelta | None = None
    closing: timedelta | None = None
    pack: str | None = None
    participants: int | None = None
    title: str | None = None

    def given(self) -> dict[str, object]:
        """The flags given, by name."""
        return {
            name: value
            for name, value in asdict(self, recurse=False).items()
            if value is not None and value != ()
        }


#: What a session records of each flag given alone (the others are gathered into slots).
_KEPT = frozenset(
    {"budget", "discussions", "rewatch", "setup", "opening", "closing", "pack"}
    | {"participants", "title", "break_every", "break_length", "break_after_exercises"}
)


def with_flags(session: Session, flags: Flags, given: frozenset[str]) -> Session:
    """``session`` with the command line's ``flags`` put in.

    ``given``: the keys the session file gives. Raises `ValueError` (one line, naming the
    flag and the key) for a flag the file decides too: the file says, not the flag.
    """
    asked = flags.given()
    for name in asked:
        flag, key = FLAGS[name]
        if key in given:
            raise ValueError(
                f"{flag} is decided by the session file's '{key}'; change it there, or "
                f"leave out {flag}"
            )
    changes: dict[str, Any] = {name: value for name, value in asked.items() if name in _KEPT}
    if flags.lunch_length is not None and flags.lunch is None:
        raise ValueError("--lunch-length needs --lunch, the time of the lunch (--lunch 12:00)")
    if flags.break_at or flags.lunch:
        length = flags.break_length or session.break_length or Breaks().length
        breaks = [Break(at=at, length=length) for at in flags.break_at]
        if flags.lunch is not None:
            lunch = flags.lunch_length or LUNCH
            breaks.append(Break(at=flags.lunch, length=lunch, title="Lunch"))
        changes["breaks"] = tuple(sorted(breaks, key=lambda b: b.at))
    if flags.slots and (flags.start or flags.days or flags.day_end or flags.dates):
        raise ValueError(
            "give the booked sessions with --slot, or --start, --days, --day-end and --date, "
            "not both"
        )
    if flags.slots:
        changes["slots"] = flags.slots
    elif flags.start or flags.days or flags.day_end or flags.dates:
        start = flags.start or PlanOptions().start
        every = flags.dates or (None,) * (flags.days or 1)
        changes["slots"] = tuple(Slot(start=start, end=flags.day_end, date=d) for d in every)
    return evolve(session, **changes)

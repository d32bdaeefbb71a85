"""A session file's choices as the planner's: what is run, and the options to plan it with."""

from __future__ import annotations

from .planning import Breaks, PlanOptions, plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from recurrent_care_pack._model import Pack
    from recurrent_care_pack._session import Session

    from .planning import Agenda

__all__ = ["session_options", "session_plan"]


def session_options(session: Session) -> tuple[tuple[str, ...], PlanOptions]:
    """The items a session runs (none: the whole pack) and the options that plan it.

    Each booked slot is a day of the plan (``booked``), its start, end and date its own;
    the breaks at set times keep their own length and title (``Breaks.fixed``).
    """
    slots = session.slots
    breaks = None
    if session.breaks or session.break_every or session.break_after_exercises:
        breaks = Breaks(
            length=session.break_length or Breaks().length,
            after_exercises=session.break_after_exercises,
            every=session.break_every,
            fixed=session.breaks,  # type: ignore[arg-type]  # attrs types converter=tuple loosely
        )
    ends = {slot.end for slot in slots}
    dates = tuple(slot.date for slot in slots if slot.date is not None)
    options = PlanOptions(
        start=slots[0].start if slots else PlanOptions().start,
        discussions=session.discussions,
        rewatch=session.rewatch,
        breaks=breaks,
        days=max(len(slots), 1),
        day_end=ends.pop() if len(ends) == 1 else None,
        budget=session.budget,
        setup=session.setup,
        opening=session.opening,
        closing=session.closing,
        dates=dates if len(dates) == len(slots) else (),
        booked=slots,  # type: ignore[arg-type]  # as for fixed above
    )
    return session.items, options


def session_plan(pack: Pack, session: Session) -> Agenda:
    """Plan ``session`` from ``pack``: its items, in its slots, with its breaks.

    Raises `PlanError` for a plan that cannot be made, and `LookupError` for an item the
    pack does not hold, as `plan` does (a checked session file names none).
    """
    items, options = session_options(session)
    return plan(pack, items, options)

"""Handouts: what goes on paper, gathered from the model and a planned agenda.

The exercise sheets (``sheets``) and the tip cards (``cards``) as the templates and the
Word writer read them; the guide is a typed view of its own (``guide_view``).
"""

from typing import Any

from recurrent_care_pack._arguments import (
    check_count,
    check_flag,
    check_kind,
    check_pack,
    check_text,
)
from recurrent_care_pack._model import Pack
from recurrent_care_pack._use.planning import Agenda

from .cards import tip_cards
from .sheets import exercise_sheets
from .tables import long_date

__all__ = ["HANDOUTS", "handout_data"]

#: The handouts: the facilitator guide, the participants' exercise sheets, the tips cards.
HANDOUTS = ("guide", "exercises", "tips")


def handout_data(  # noqa: PLR0913 (a handout's choices, all but the first three by name)
    pack: Pack,
    kind: str,
    agenda: Agenda,
    *,
    participants: int | None = None,
    session: str | None = None,
    large_print: bool = False,
) -> dict[str, Any]:
    """The data of the exercise sheets or the tip cards for a planned session.

    The guide is a typed view of its own (``guide_view``); asking for it here is a
    `ValueError`.

    ``participants``, if given, is a whole number more than zero; each argument of the
    wrong kind is refused by name (`TypeError`, `ValueError`).
    """
    check_pack(pack)
    check_kind("agenda", agenda, Agenda, "None or an Agenda such as plan() gives")
    check_flag("large_print", large_print)
    if session is not None:
        check_text("session", session, "Spring 2027, Leeds")
    if participants is not None:
        check_count("participants", participants, "people")
    if kind == "guide":
        raise ValueError("the guide is a typed view: build it with guide_view()")
    if kind == "exercises":
        planned = {e.item for e in agenda.entries}
        chosen = [e for s in pack.sections for e in s.exercises if e.id in planned]
        sheets = exercise_sheets(pack, chosen, agenda)
        # Each sheet carries its own date; the handout's is one only when all share it.
        when = long_date(sheets.dates[0]) if len(sheets.dates) == 1 else None
        return {
            "title": sheets.title,
            "pack": sheets.pack,
            "exercises": sheets.exercises,
            "session": session,
            "when": when,
        }
    cards = tip_cards(pack, large_print=large_print)
    data = {
        "title": cards.title,
        "pack": cards.pack,
        "cards": cards.cards,
        "pages": cards.pages,
        "per_page": cards.per_page,
        "across": cards.across,
        "deck": cards,
    }
    dates = [d for n in range(1, agenda.days + 1) if (d := agenda.date(n)) is not None]
    return {**data, "session": session, "when": "; ".join(long_date(d) for d in dates) or None}

"""Handouts: what goes on paper, gathered from the model and a planned agenda.

The exercise sheets (``sheets``) and the tip cards (``cards``), each with the session's
name (and the cards with their dates) as one typed record that the templates and the Word
writer read; the guide is a typed view of its own (``guide_view``).
"""

from datetime import date

from attrs import frozen

from recurrent_care_pack._arguments import (
    check_count,
    check_flag,
    check_kind,
    check_pack,
    check_text,
)
from recurrent_care_pack._model import Pack
from recurrent_care_pack._use.planning import Agenda

from .cards import Cards, tip_cards
from .sheets import Sheets, exercise_sheets
from .tables import long_date

__all__ = ["HANDOUTS", "ExercisesHandout", "Handout", "TipsHandout", "handout_data"]

#: The handouts: the facilitator guide, the participants' exercise sheets, the tips cards.
HANDOUTS = ("guide", "exercises", "tips")


@frozen(kw_only=True)
class ExercisesHandout:
    """The participants' exercise sheets for a session; each sheet carries its own date."""

    sheets: Sheets
    session: str | None = None

    @property
    def title(self) -> str:
        """The handout's title: "...: exercises"."""
        return self.sheets.title


@frozen(kw_only=True)
class TipsHandout:
    """The tip cards for a session, and the dates of its days."""

    deck: Cards
    session: str | None = None
    dates: tuple[date, ...] = ()

    @property
    def title(self) -> str:
        """The handout's title: "...: tip cards"."""
        return self.deck.title

    @property
    def when(self) -> str | None:
        """The session's dates in words, ``; `` between them; None if it has none."""
        return "; ".join(long_date(d) for d in self.dates) or None


#: A handout of the exercise sheets or of the tip cards.
Handout = ExercisesHandout | TipsHandout


def handout_data(  # noqa: PLR0913 (a handout's choices, all but the first three by name)
    pack: Pack,
    kind: str,
    agenda: Agenda,
    *,
    participants: int | None = None,
    session: str | None = None,
    large_print: bool = False,
) -> Handout:
    """The exercise sheets or the tip cards for a planned session, built once.

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
        return ExercisesHandout(sheets=exercise_sheets(pack, chosen, agenda), session=session)
    dates = tuple(d for n in range(1, agenda.days + 1) if (d := agenda.date(n)) is not None)
    return TipsHandout(deck=tip_cards(pack, large_print=large_print), session=session, dates=dates)

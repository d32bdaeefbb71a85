"""What a slot left out, told: each optional part dropped, and what would make it fit.

A part's note names the slot end that would hold it alone, with the parts kept (or says
that it would fit without the re-watch). Two or more discussions left out of one day for
the same reason are told in one note, so that a running sheet keeps its notes on its page;
a day that leaves out two or more parts also says where all of them would fit.
"""

from collections.abc import Callable, Sequence
from datetime import timedelta

from attrs import frozen

from recurrent_care_pack._naming import listed, module_names
from recurrent_care_pack._session import Slot
from recurrent_care_pack._use.queries import section_of

from .checks import MIDNIGHT, hh_mm, offset, words
from .films import Part, Unit, Units, part_length
from .records import Note

__all__ = ["Dropped"]

#: How a note counts the parts it folds together.
_ALL = {2: "both", 3: "all three", 4: "all four"}


@frozen(kw_only=True)
class _Alone:
    """A part left out, as its own note tells it."""

    part: Part
    unit: Unit
    length: timedelta
    fix: str  # "; it would fit ..." (or nothing)
    end: str | None  # the slot end that would hold it ("12:45"), when that is the fix


@frozen(kw_only=True)
class Dropped:
    """The optional parts a day left out, and how to tell them.

    ``closes_with`` gives when the day would close with the given parts (and the required
    content); ``which`` names the day ("the plan", "Day 2").
    """

    number: int
    which: str
    slot: Slot
    group: Sequence[Unit]
    units: Units
    kept: Sequence[Part]
    parts: Sequence[Part]
    budgeted: bool
    closes_with: Callable[[Sequence[Part]], timedelta]

    def notes(self) -> list[Note]:
        """A note for each part left out, discussions told together; where all would fit."""
        told = [alone for part in self.parts if (alone := self._alone(part)) is not None]
        together = [a for a in told if a.part.kind == "discussion" and a.end is not None]
        if len(together) == 1:
            together = []  # a note of its own
        notes: list[Note] = []
        for alone in told:
            if alone not in together:
                notes.append(self._note(alone))
            elif alone is together[0]:
                notes.append(self._together(together))
        untold = (
            len(self.parts) > 1 and self.slot.end is not None and len(together) < len(self.parts)
        )
        if untold and (self._all_end is not None or any(a.end is not None for a in told)):
            notes.append(self._all_note())  # not if each alone runs past midnight
        return notes

    def _all_note(self) -> Note:
        """Where all the parts left out would fit (their notes give each alone)."""
        many = "both" if len(self.parts) == 2 else "all the"
        end = self._all_end
        if end is None:
            text = (
                f"No slot ending before midnight would hold {many} parts {self.which} leaves out."
            )
        else:
            text = (
                f"{self._which} would hold {many} parts it leaves out in a slot ending at {end}."
            )
        return Note(text=text, day=self.number)

    @property
    def _which(self) -> str:
        return f"{self.which[:1].upper()}{self.which[1:]}"

    @property
    def _all_end(self) -> str | None:
        """The slot end that would hold every part the day left out (none past midnight)."""
        return _booked_to(self.closes_with([*self.kept, *self.parts]))

    @property
    def _where(self) -> str:
        return f"{hh_mm(offset(self.slot.start))} to {self.slot.end:%H:%M}"

    def _alone(self, part: Part) -> _Alone | None:
        """What a note of ``part`` alone says; none for a budget's left-out discussion."""
        unit = next(u for u in self.group if u.key == part.unit)
        length = part_length(part, self.group)
        slot = self.slot
        if slot.end is None:
            if self.budgeted and part.kind != "rewatch":
                return None  # its left-out list names the discussions
            return _Alone(part=part, unit=unit, length=length, fix="", end=None)
        with_it = [*self.kept, part]
        if part.kind != "rewatch" and any(p.kind == "rewatch" for p in self.kept):
            without = [p for p in with_it if p.kind != "rewatch"]
            if self.closes_with(without) <= offset(slot.end):
                fix = (
                    "; it would fit without the re-watch (--no-rewatch, or rewatch: false in a "
                    "session file)"
                )
                return _Alone(part=part, unit=unit, length=length, fix=fix, end=None)
        end = _booked_to(self.closes_with(with_it))
        if end is None:
            fix = "; with it the day would run past midnight, whatever the slot"
        else:
            fix = f"; it would fit in a slot ending at {end}"
        return _Alone(part=part, unit=unit, length=length, fix=fix, end=end)

    def _note(self, alone: _Alone) -> Note:
        unit, length = alone.unit, alone.length
        films = self.units.rewatched(unit)
        if self.slot.end is None and self.budgeted:
            text = (
                f"The budget leaves out the re-watch of {films} the pack suggests before "
                f"{unit.name} on a later day ({words(length)} more)."
            )
            return Note(text=text, day=self.number, item=alone.part.unit)
        if alone.part.kind == "discussion":
            what = f"the optional discussion after {unit.name} ({words(length)})"
        else:
            what = (
                f"the re-watch of {films} the pack suggests before {unit.name} "
                f"({words(length)} more)"
            )
        said = f"{self._which} leaves out {what}"
        if self.slot.end is None:
            text = f"{said}: the day would run past midnight; start it earlier."
        else:
            text = f"{said}: it does not fit the slot, {self._where}{alone.fix}."
        return Note(text=text, day=self.number, item=alone.part.unit)

    def _together(self, together: Sequence[_Alone]) -> Note:
        """One note of two or more discussions left out, each of which would fit a later end."""
        pack = self.units.pack
        modules = [(a.unit.module, section_of(pack, a.unit.key)) for a in together]
        names = module_names([(m, s) for m, s in modules if m is not None])
        lengths = [a.length for a in together]
        if len(set(lengths)) == 1:
            length = f"{words(lengths[0])} each"
        else:
            length = listed([words(n) for n in lengths])
        ends = [a.end for a in together if a.end is not None]
        if len(set(ends)) == 1:
            one = "either of them" if len(together) == 2 else "any one of them"
            fits = f"{one} would fit in a slot ending at {ends[0]}"
        else:
            fits = f"alone, they would fit in slots ending at {listed(ends)} respectively"
        if len(together) == len(self.parts):
            every = _ALL.get(len(together), f"all {len(together)}")
            end = self._all_end
            fits += (
                f", {every} in a slot ending at {end}"
                if end is not None
                else f"; with {every} the day would run past midnight"
            )
        return Note(
            text=f"{self._which} leaves out the optional discussions after {names} ({length}): "
            f"they do not fit the slot, {self._where}; {fits}.",
            day=self.number,
        )


def _booked_to(closes: timedelta) -> str | None:
    """The earliest slot end, a whole minute, that holds a day closing at ``closes``.

    None past midnight, which no slot end can be.
    """
    end = timedelta(minutes=-(-closes // timedelta(minutes=1)))
    return hh_mm(end) if end < MIDNIGHT else None

"""What a slot left out, told: each optional part dropped, and what would make it fit.

A part's note names the slot end that would hold it (or says that it would fit without the
re-watch). Two or more discussions left out of one day are told in one note, so that a
running sheet keeps its notes on its page, with the slot ends that would hold the first of
them, the first two, and so on, in the order the plan takes them back; a day that leaves
out parts of both kinds also says where all of them would fit. What would make a part fit
is a claim (`Claim`) that the plan, made again so, bears out before it is told (`Advice`):
another end can move items between days, bring a break at a set time into the day, or
meet the budget, and the plan takes back the earliest parts first.
"""

from collections.abc import Callable, Sequence
from datetime import time, timedelta

from attrs import frozen

from recurrent_care_pack._naming import listed, module_names
from recurrent_care_pack._session import Slot
from recurrent_care_pack._use.queries import section_of

from .checks import MIDNIGHT, clock_time, hh_mm, offset, words
from .films import Part, Unit, Units, part_length
from .records import Note

__all__ = ["Advice", "Claim", "Dropped", "borne_out"]

#: Counts as a note says them.
_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(number: int) -> str:
    return _COUNTS[number - 1] if number <= len(_COUNTS) else str(number)


@frozen(kw_only=True)
class Claim:
    """What a note says would hold parts a day left out: made again so, the plan keeps them.

    ``end``: day ``day``'s slot ending then; none: as booked, without the re-watch.
    """

    day: int
    end: time | None
    parts: tuple[Part, ...]


@frozen(kw_only=True)
class Advice:
    """A note as written if each of its claims holds, and as told for those that do."""

    note: Note
    claims: tuple[Claim, ...]
    told: Callable[[tuple[bool, ...]], Note | None]


@frozen(kw_only=True)
class _Alone:
    """A part left out, and what would hold it, as its own note tells it."""

    part: Part
    unit: Unit
    length: timedelta
    fix: str  # "; it would fit ..." (or nothing)
    claim: Claim | None  # what the fix claims, if it names one


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

    def notes(self) -> list[Note | Advice]:
        """A note for each part left out, discussions told together; where all would fit."""
        each = [alone for part in self.parts if (alone := self._alone(part)) is not None]
        together = [  # not those the re-watch leaves no room for: their fix is another
            a
            for a in each
            if a.part.kind == "discussion"
            and self.slot.end is not None
            and (a.claim is None or a.claim.end is not None)
        ]
        if len(together) == 1:
            together = []  # a note of its own
        notes: list[Note | Advice] = []
        for alone in each:
            if alone not in together:
                notes.append(self._note(alone))
            elif alone is together[0]:
                notes.append(self._together(together))
        if len(self.parts) > 1 and self.slot.end is not None and len(together) < len(self.parts):
            notes += self._all_note()
        return notes

    @property
    def _which(self) -> str:
        return f"{self.which[:1].upper()}{self.which[1:]}"

    @property
    def _where(self) -> str:
        return f"{hh_mm(offset(self.slot.start))} to {self.slot.end:%H:%M}"

    def _claim(self, parts: Sequence[Part]) -> Claim | None:
        """The slot end that holds the parts kept and ``parts``; none if none can."""
        end = _booked_to(self.closes_with([*self.kept, *parts]))
        return None if end is None else Claim(day=self.number, end=end, parts=tuple(parts))

    def _all_note(self) -> list[Note | Advice]:
        """Where all the parts left out would fit (their notes give each)."""
        claim = self._claim(self.parts)
        if claim is None:
            return []
        many = "both" if len(self.parts) == 2 else "all the"
        text = f"{self._which} would hold {many} parts it leaves out in a slot ending at "
        note = Note(text=f"{text}{claim.end:%H:%M}.", day=self.number)
        return [Advice(note=note, claims=(claim,), told=lambda held: note if held[0] else None)]

    def _alone(self, part: Part) -> _Alone | None:
        """What a note of ``part`` alone says; none for a budget's left-out discussion."""
        unit = next(u for u in self.group if u.key == part.unit)
        length = part_length(part, self.group)
        slot = self.slot
        if slot.end is None:
            if self.budgeted and part.kind != "rewatch":
                return None  # its left-out list names the discussions
            return _Alone(part=part, unit=unit, length=length, fix="", claim=None)
        with_it = [*self.kept, part]
        if part.kind != "rewatch" and any(p.kind == "rewatch" for p in self.kept):
            without = [p for p in with_it if p.kind != "rewatch"]
            if self.closes_with(without) <= offset(slot.end):
                fix = (
                    "; it would fit without the re-watch (--no-rewatch, or rewatch: false in a "
                    "session file)"
                )
                without_it = Claim(day=self.number, end=None, parts=(part,))
                return _Alone(part=part, unit=unit, length=length, fix=fix, claim=without_it)
        claim = self._claim([part])
        if claim is None:
            fix = "; with it the day would not end before midnight"
        else:
            fix = f"; it would fit in a slot ending at {claim.end:%H:%M}"
        return _Alone(part=part, unit=unit, length=length, fix=fix, claim=claim)

    def _note(self, alone: _Alone) -> Note | Advice:
        unit, length = alone.unit, alone.length
        films = self.units.rewatched(unit)
        item = alone.part.unit
        if self.slot.end is None and self.budgeted:
            text = (
                f"The budget leaves out the re-watch of {films} the pack suggests before "
                f"{unit.name} on a later day ({words(length)} more)."
            )
            return Note(text=text, day=self.number, item=item)
        if alone.part.kind == "discussion":
            what = f"the optional discussion after {unit.name} ({words(length)})"
        else:
            what = (
                f"the re-watch of {films} the pack suggests before {unit.name} "
                f"({words(length)} more)"
            )
        said = f"{self._which} leaves out {what}"
        if self.slot.end is None:
            return Note(
                text=f"{said}: the day would run past midnight; start it earlier.",
                day=self.number,
                item=item,
            )
        said = f"{said}: it does not fit the slot, {self._where}"
        note = Note(text=f"{said}{alone.fix}.", day=self.number, item=item)
        if alone.claim is None:
            return note
        bare = Note(text=f"{said}.", day=self.number, item=item)
        return Advice(
            note=note, claims=(alone.claim,), told=lambda held: note if held[0] else bare
        )

    def _together(self, together: Sequence[_Alone]) -> Note | Advice:
        """One note of two or more discussions left out, with the ends that hold them."""
        pack = self.units.pack
        modules = [(a.unit.module, section_of(pack, a.unit.key)) for a in together]
        names = module_names([(m, s) for m, s in modules if m is not None])
        lengths = [a.length for a in together]
        if len(set(lengths)) == 1:
            length = f"{words(lengths[0])} each"
        else:
            length = listed([words(n) for n in lengths])
        said = (
            f"{self._which} leaves out the optional discussions after {names} ({length}): "
            f"they do not fit the slot, {self._where}"
        )
        parts = [a.part for a in together]
        # The first, the first two and all: more would make a note no one reads, and each
        # is borne out by planning again.
        counts = sorted({1, 2, len(parts)})
        steps = [self._claim(parts[:k]) for k in counts]
        claims = tuple(c for c in steps if c is not None)
        late = ""  # the first step past midnight, if any
        past = next((k for k, c in zip(counts, steps, strict=True) if c is None), None)
        if past is not None:
            late = f"; with {_held(past, len(parts))} the day would not end before midnight"

        def told(held: tuple[bool, ...]) -> Note:
            ends: dict[time | None, str] = {}  # each end, with the most it holds
            for claim, holds in zip(claims, held, strict=True):
                if holds:
                    ends[claim.end] = _held(len(claim.parts), len(parts))
            fits = [
                f"{end:%H:%M} {'would hold ' if n == 0 else ''}{what}"
                for n, (end, what) in enumerate(ends.items())
            ]
            fix = f"; a slot ending at {listed(fits)}" if fits else ""
            return Note(text=f"{said}{fix}{late}.", day=self.number)

        note = told((True,) * len(claims))
        return Advice(note=note, claims=claims, told=told) if claims else note


def borne_out(
    notes: Sequence[Note], advice: Sequence[Advice], holds: Callable[[Claim], bool]
) -> list[Note]:
    """The notes, each that gives advice as its claims borne out (``holds``) tell it.

    Each claim is tried once; a note none of whose claims hold may be left out.
    """
    tried: dict[Claim, bool] = {}

    def held(claim: Claim) -> bool:
        if claim not in tried:
            tried[claim] = holds(claim)
        return tried[claim]

    given = {id(a.note): a for a in advice}
    kept = []
    for note in notes:
        advised = given.get(id(note))
        now = note if advised is None else advised.told(tuple(map(held, advised.claims)))
        kept += [] if now is None else [now]
    return kept


def _held(count: int, of: int) -> str:
    """What a slot end holds of ``of`` parts: "the first", "the first two", "all three"."""
    if count == of:
        return "both" if of == 2 else f"all {_count(of)}"
    return "the first of them" if count == 1 else f"the first {_count(count)}"


def _booked_to(closes: timedelta) -> time | None:
    """The earliest slot end, a whole minute, that holds a day closing at ``closes``.

    None at or past midnight, which no slot end can be.
    """
    end = timedelta(minutes=-(-closes // timedelta(minutes=1)))
    return clock_time(end) if end < MIDNIGHT else None

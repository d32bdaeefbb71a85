"""Laying out a day: its set-up, opening, items, breaks and closing, inside its slot.

Breaks go at the points between items (a module with its exercise, or an exercise on its
own), never inside one. A break asked for at a clock time goes at the point nearest it;
``every`` puts a break at the last point before the limit would be passed. Optional parts
(a discussion, the re-watch) are kept where they fit the slot, the latest dropped first,
each drop told in a note with what would make it fit.
"""

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import timedelta

from attrs import frozen

from recurrent_care_pack._naming import listed
from recurrent_care_pack._session import Break, Slot

from .checks import MIDNIGHT, clock_time, hh_mm, offset, words
from .drops import Advice, Dropped
from .films import Part, Step, Unit, Units, part_length
from .records import SLOT_TITLES, Entry, EntryKind, Note, PlanError, PlanOptions

__all__ = ["CONTENT", "UNBROKEN", "Day", "Layout"]

#: The kinds of entry that are the pack's content.
CONTENT = frozenset({EntryKind.FILMS, EntryKind.DISCUSSION, EntryKind.EXERCISE})

#: The longest run of this content (about trauma) a plan holds without warning.
UNBROKEN = timedelta(minutes=90)


@frozen(kw_only=True)
class Day:
    """A day laid out: its entries and notes, the films shown, the breaks at times placed."""

    entries: tuple[Entry, ...]
    notes: tuple[Note, ...]
    advice: tuple[Advice, ...]  # its notes whose claims the plan made again must bear out
    shown: frozenset[str]
    dropped: tuple[Part, ...]
    placed: frozenset[Break]
    content: timedelta  # the pack's content: films (a re-watch not counted), talk, exercises
    length: timedelta  # from the start of its first entry to the end of its last
    lost: timedelta  # the optional time dropped to fit the slot


@frozen(kw_only=True)
class _Laid:
    steps: tuple[tuple[timedelta, Step], ...]
    notes: tuple[Note, ...]
    placed: frozenset[Break]
    end: timedelta  # when the content ends


def _fits(closes: timedelta, end: timedelta | None) -> bool:
    """Whether a day that closes at ``closes`` keeps within ``end`` (if any) and midnight."""
    return (end is None or closes <= end) and closes <= MIDNIGHT


class Layout:
    """Lays out days of units for a plan's options."""

    def __init__(self, units: Units, options: PlanOptions) -> None:
        self.units = units
        self.options = options
        self.single = len(options.sessions) == 1

    def which(self, number: int) -> str:
        """How a note names day ``number``: "the plan" alone, else "Day 2"."""
        return "the plan" if self.single else f"Day {number}"

    def day(  # noqa: PLR0913 (a day is laid out from all of these)
        self,
        number: int,
        group: Sequence[Unit],
        shown_before: AbstractSet[str],
        discussions: AbstractSet[str],
        *,
        rewatch: bool = True,
        limit: timedelta | None = None,
    ) -> Day:
        """Day ``number`` with ``group``; optional parts dropped, latest first, to fit its slot.

        A part dropped before a later one was is taken back if it fits without that one.

        `PlanError` when its required content cannot fit, saying what it needs.
        """
        slot = self.options.sessions[number - 1]
        end = offset(slot.end) if slot.end is not None else None
        if end is None and limit is not None:
            end = offset(slot.start) + limit
        parts = self.parts(group, shown_before, discussions, rewatch=rewatch)
        kept = list(parts)
        dropped: list[Part] = []
        while True:
            steps = self.steps(group, shown_before, discussions, kept)
            laid = self.place(number, slot, steps)
            closes = laid.end + self.options.day_closes
            if closes > MIDNIGHT and not kept:
                raise PlanError(
                    f"Day {number} would run past midnight; start earlier or use more days"
                )
            if _fits(closes, end):
                break
            if not kept:
                raise PlanError(self.too_long(number, slot, group, closes))
            dropped.insert(0, kept.pop())
        for part in list(dropped):  # dropped before a later part was: it may fit again
            trial = [p for p in parts if p in kept or p == part]
            again = self.place(number, slot, self.steps(group, shown_before, discussions, trial))
            if _fits(again.end + self.options.day_closes, end):
                kept, laid = trial, again
                dropped.remove(part)
        told = Dropped(
            number=number,
            which=self.which(number),
            slot=slot,
            group=group,
            units=self.units,
            kept=kept,
            parts=dropped,
            budgeted=limit is not None,
            closes_with=lambda parts: (
                self.place(number, slot, self.steps(group, shown_before, discussions, parts)).end
                + self.options.day_closes
            ),
        ).notes()
        notes = [*laid.notes, *(t.note if isinstance(t, Advice) else t for t in told)]
        advice = tuple(t for t in told if isinstance(t, Advice))
        return self.finish(
            number=number,
            slot=slot,
            group=group,
            laid=laid,
            notes=notes,
            advice=advice,
            dropped=dropped,
        )

    def parts(
        self,
        group: Sequence[Unit],
        shown_before: AbstractSet[str],
        discussions: AbstractSet[str],
        *,
        rewatch: bool,
    ) -> list[Part]:
        """The optional parts the day would hold, in order."""
        everything = self.steps(group, shown_before, discussions, None)
        return [
            s.part
            for _, steps in everything
            for s in steps
            if s.part is not None and (rewatch or s.part.kind != "rewatch")
        ]

    def steps(
        self,
        group: Sequence[Unit],
        shown_before: AbstractSet[str],
        discussions: AbstractSet[str],
        kept: Sequence[Part] | None,
    ) -> list[tuple[Unit, list[Step]]]:
        """Each unit's steps, films once a day; only the optional parts ``kept`` (None: all)."""
        shown: set[str] = set()
        talks = {
            u.key
            for u in group
            if u.key in discussions
            and (
                kept is None
                or Part(unit=u.key, kind="discussion") in kept
                or not u.optional_discussion
            )
        }
        out = []
        for unit in group:
            steps = self.units.steps(unit, shown, shown_before, talks)
            steps = [
                self.units.without(s, unit)
                if s.part is not None
                and s.part.kind == "rewatch"
                and kept is not None
                and s.part not in kept
                else s
                for s in steps
            ]
            for step in steps:
                shown.update(step.films)
            out.append((unit, steps))
        return out

    def place(  # noqa: C901 (the break rules, each a few lines)
        self, number: int, slot: Slot, units: Sequence[tuple[Unit, list[Step]]]
    ) -> _Laid:
        """The steps from the slot's start (after the opening), with the breaks between items.

        An item with nothing to show that day (its films shown earlier, no exercise) is no
        item: no break goes before it.
        """
        units = [(unit, steps) for unit, steps in units if steps]
        breaks = self.options.breaks
        start = offset(slot.start)
        clock = start + self.options.day_opens
        pending = [
            b
            for b in (breaks.timed if breaks is not None else ())
            if start < offset(b.at) and (slot.end is None or offset(b.at) < offset(slot.end))
        ]
        laid: list[tuple[timedelta, Step]] = []
        notes: list[Note] = []
        placed: set[Break] = set()
        run_from, after = clock, ""
        exercised = False
        for index, (unit, steps) in enumerate(units):
            length = sum((s.duration for s in steps), timedelta())
            if index and breaks is not None:
                last = index == len(units) - 1
                here = []
                while pending:
                    at = offset(pending[0].at)
                    if (
                        at <= clock
                        or abs(clock - at) <= abs(clock + length - at)
                        or (last and at < clock + length)
                    ):
                        here.append(pending.pop(0))
                    else:
                        break
                if len(here) > 1:
                    raise PlanError(self.one_break(number, here, clock))
                every = breaks.every
                due = (breaks.after_exercises and exercised) or (
                    every is not None and clock + length - run_from > every
                )
                pause = None
                if here:
                    asked = here[0]
                    pause = Step(kind=EntryKind.BREAK, title=asked.title, duration=asked.length)
                    placed.add(asked)
                    if offset(asked.at) != clock:
                        notes.append(
                            Note(
                                text=f"The {asked.title.lower()} asked for at "
                                f"{asked.at:%H:%M} is at {hh_mm(clock)}, after {after}: the "
                                "nearest point between items.",
                                day=number,
                            )
                        )
                elif due:
                    pause = Step(kind=EntryKind.BREAK, title="Break", duration=breaks.length)
                if pause is not None:
                    laid.append((clock, pause))
                    clock += pause.duration
                    run_from = clock
            for step in steps:
                laid.append((clock, step))
                clock += step.duration
            if breaks is not None and breaks.every is not None and length > breaks.every:
                notes.append(
                    Note(
                        text=f"{unit.name} runs {words(length)} without a break "
                        f"({hh_mm(clock - length)} to {hh_mm(clock)}), more than the "
                        f"{words(breaks.every)} asked for: breaks go between items, and it "
                        "is one item.",
                        day=number,
                        item=unit.key,
                    )
                )
            exercised = any(s.kind is EntryKind.EXERCISE for s in steps)
            after = unit.after(steps)
        return _Laid(steps=tuple(laid), notes=tuple(notes), placed=frozenset(placed), end=clock)

    def finish(  # noqa: PLR0913 (the parts of a day laid out)
        self,
        *,
        number: int,
        slot: Slot,
        group: Sequence[Unit],
        laid: _Laid,
        notes: list[Note],
        advice: tuple[Advice, ...],
        dropped: Sequence[Part],
    ) -> Day:
        start = offset(slot.start)
        entries: list[Entry] = []
        options = self.options
        if options.setup is not None:
            entries.append(
                _entry(number, start - options.setup, _slot(EntryKind.SETUP, options.setup))
            )
        if options.opening is not None:
            entries.append(_entry(number, start, _slot(EntryKind.OPENING, options.opening)))
        entries += [_entry(number, clock, step) for clock, step in laid.steps]
        if options.closing is not None:
            entries.append(_entry(number, laid.end, _slot(EntryKind.CLOSING, options.closing)))
        notes += self.unbroken(number, laid)
        content = sum(
            (
                s.duration - (self.units.rewatch_extra(s) if s.rewatch else timedelta())
                for _, s in laid.steps
                if s.kind in CONTENT
            ),
            timedelta(),
        )
        lost = timedelta()
        for part in dropped:
            lost += part_length(part, group)
        return Day(
            entries=tuple(entries),
            notes=tuple(notes),
            advice=advice,
            shown=frozenset(f for _, s in laid.steps for f in s.films),
            dropped=tuple(dropped),
            placed=laid.placed,
            content=content,
            length=sum((e.duration for e in entries), timedelta()),
            lost=lost,
        )

    def unbroken(self, number: int, laid: _Laid) -> list[Note]:
        """A warning for each run of over 90 minutes of content without a break."""
        every = self.options.breaks.every if self.options.breaks is not None else None
        if every is not None and every <= UNBROKEN:
            return []  # kept within the limit, or told why not
        notes = []
        runs: list[list[tuple[timedelta, Step]]] = [[]]
        for clock, step in laid.steps:
            if step.kind is EntryKind.BREAK:
                runs.append([])
            else:
                runs[-1].append((clock, step))
        for run in runs:
            if not run:
                continue
            begin, end = run[0][0], run[-1][0] + run[-1][1].duration
            if end - begin > UNBROKEN:
                on = "" if self.single else f" on Day {number}"
                notes.append(
                    Note(
                        text=f"From {hh_mm(begin)} to {hh_mm(end)}{on}, {words(end - begin)} "
                        "of films, discussion and exercises run without a break, and this "
                        "content is about trauma: consider a break (--break-every 90m, or "
                        "comfort_breaks in a session file).",
                        day=number,
                    )
                )
        return notes

    def too_long(self, number: int, slot: Slot, group: Sequence[Unit], closes: timedelta) -> str:
        """Why the required content of a day cannot fit its slot, and what to do."""
        start = offset(slot.start)
        assert slot.end is not None or self.options.budget is not None  # noqa: S101
        end = offset(slot.end) if slot.end is not None else closes
        which = "the plan" if self.single else f"Day {number}"
        names = listed([u.name for u in group])
        if slot.end is None:
            return f"{which} needs {words(closes - start)} for {names}"
        return (
            f"{which} needs {words(closes - start)} for {names} (from {hh_mm(start)} to "
            f"{hh_mm(closes)}), and its slot, {hh_mm(start)} to {hh_mm(end)}, holds "
            f"{words(end - start)}; plan fewer items, book a longer slot, "
            f"{'take shorter breaks, ' if self.options.breaks is not None else ''}or give a "
            "budget (--budget, or budget in a session file) to let the plan choose"
        )

    def one_break(self, number: int, asked: Sequence[Break], at: timedelta) -> str:
        """Why breaks at several times cannot be had: they would be one break, at ``at``."""
        names = [f"{b.at:%H:%M}" for b in asked]
        day = "" if self.single else f" on Day {number}"
        leave = "leave one out" if len(asked) == 2 else "leave out all but one"
        return (
            f"the breaks at {listed(names)} would be one break, at {hh_mm(at)}{day}: breaks "
            f"fall between items, and none starts between those times; {leave}, or choose "
            "times further apart"
        )


def _slot(kind: EntryKind, length: timedelta) -> Step:
    return Step(kind=kind, title=SLOT_TITLES[kind], duration=length)


def _entry(day: int, clock: timedelta, step: Step) -> Entry:
    return Entry(
        day=day,
        start=clock_time(clock),
        end=clock_time(clock + step.duration),
        duration=step.duration,
        kind=step.kind,
        title=step.title,
        item=step.item,
        films=step.films,
        optional=step.optional,
        rewatch=step.rewatch,
        note=step.note,
    )

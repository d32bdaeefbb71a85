"""Planning: an agenda with clock times, booked sessions and breaks, by the pack's own rules.

A module is followed by its exercise. Each session is a booked `Slot`; its end is a hard
limit. A film is shown at most once a day; a film an exercise discusses is shown before
it. The pack's suggested re-watch (Film 6 before Module 3, on a later day) is optional.
The facilitator's own set-up ends at a session's start; the opening starts it; the closing
ends the content. What the plan decides for the facilitator is told in its notes.
"""

from collections.abc import Sequence
from datetime import time, timedelta

from attrs import evolve

from recurrent_care_pack._arguments import check_kind, check_pack
from recurrent_care_pack._model import Pack
from recurrent_care_pack._naming import listed
from recurrent_care_pack._session import Break, Slot
from recurrent_care_pack._use.queries import Item

from .budget import Chosen, Search
from .checks import check_clock_changes, check_options, hh_mm, offset, words
from .drops import Advice, Claim, borne_out
from .films import Unit, Units, film_list
from .layout import Layout
from .records import (
    SLOT_TITLES,
    TIME_ZONE,
    Agenda,
    Breaks,
    Entry,
    EntryKind,
    Note,
    PlanError,
    PlanOptions,
)

__all__ = [
    "SLOT_TITLES",
    "TIME_ZONE",
    "Agenda",
    "Break",
    "Breaks",
    "Entry",
    "EntryKind",
    "Note",
    "PlanError",
    "PlanOptions",
    "Slot",
    "check_clock_changes",
    "plan",
]


def plan(
    pack: Pack, selection: Sequence[str | Item] = (), options: PlanOptions | None = None
) -> Agenda:
    """Plan ``selection`` (ids, names such as "Module 2", or items; default the whole pack).

    A string alone is one name: ``plan(pack, "Module 2")`` plans Module 2. Raises
    `PlanError` for a plan that cannot be made: more days than items, a session that
    cannot hold its items, breaks that cannot be taken (of no length, at a time in no
    session, or two at one point between items), a budget nothing fits, or a dated day
    that runs into the hour the UK clocks skip or repeat that night; `TypeError` for an
    argument of the wrong kind, naming it.
    """
    check_pack(pack)
    if options is not None:
        check_kind("options", options, PlanOptions, "None or a PlanOptions")
    options = options or PlanOptions()
    check_options(options)
    agenda, advice = _plan(pack, selection, options)
    if not advice:
        return agenda
    holds = _Replanned(pack, selection, options)
    return evolve(agenda, notes=tuple(borne_out(agenda.notes, advice, holds)))


def _plan(
    pack: Pack, selection: Sequence[str | Item], options: PlanOptions
) -> tuple[Agenda, list[Advice]]:
    """The plan, and the advice of its notes, not yet borne out (`plan`)."""
    maker = Units(pack, rewatch=options.rewatch)
    units = maker.of(selection)
    layout = Layout(maker, options)
    search = Search(layout)
    wanted = wanted_discussions(units, options)
    if options.budget is None:
        chosen = search.split(units, wanted)
    else:
        if search.count > len(units):
            search.split(units, wanted)  # says why: more days than items
        chosen = search.within_budget(units, wanted, options.budget)
    entries = tuple(e for d in chosen.days for e in d.entries)
    notes = [n for d in chosen.days for n in d.notes]
    notes += _check_breaks_taken(options, chosen, layout)
    notes += _alone_notes(pack, chosen.units, units, entries)
    notes += _once_a_day_notes(chosen, maker)
    left_out: list[str] = []
    if options.budget is not None:
        planned = {u.key for u in chosen.units}
        discussed = {e.item for e in entries if e.kind is EntryKind.DISCUSSION}
        left_out += [u.name for u in units if u.key not in planned]
        left_out += [  # those the budget held that a slot left out have notes of their own
            f"the optional discussion after {u.name}"
            for u in units
            if u.key in wanted
            and u.key in planned
            and u.key not in discussed
            and not (u.key in chosen.discussions and _slot_ends(options, entries, u.key))
        ]
        left_out += _rewatch_left_out(search, chosen, entries, maker)
        notes += _budget_notes(search, units, wanted, options.budget, chosen)
    check_clock_changes(options, entries)
    agenda = Agenda(entries=entries, left_out=tuple(left_out), options=options, notes=tuple(notes))
    return agenda, [a for d in chosen.days for a in d.advice]


class _Replanned:
    """Whether a claim holds: the plan made again as it says keeps its parts on its day.

    Each plan made again is kept for the claims that share it; after `MOST_REPLANS`, a
    claim is not tried, and its note does not make it (a plan of many days and items stays
    quick).
    """

    def __init__(self, pack: Pack, selection: Sequence[str | Item], options: PlanOptions) -> None:
        self.pack, self.selection, self.options = pack, selection, options
        self.made: dict[tuple[int, time | None], Agenda | None] = {}

    def __call__(self, claim: Claim) -> bool:
        key = (claim.day, claim.end)
        if key not in self.made:
            if len(self.made) >= MOST_REPLANS:
                return False
            self.made[key] = self._again(claim)
        again = self.made[key]
        if again is None:
            return False
        day = [e for e in again.entries if e.day == claim.day]
        talked = {e.item for e in day if e.kind is EntryKind.DISCUSSION}
        rewatched = {e.item for e in day if e.rewatch}
        return all(
            p.unit in (talked if p.kind == "discussion" else rewatched) for p in claim.parts
        )

    def _again(self, claim: Claim) -> Agenda | None:
        options = self.options
        if claim.end is None:
            changed = evolve(options, rewatch=False)
        else:
            sessions = list(options.sessions)
            sessions[claim.day - 1] = evolve(sessions[claim.day - 1], end=claim.end)
            alike = PlanOptions()  # booked sessions, not days alike
            changed = evolve(
                options, booked=tuple(sessions), start=alike.start, days=1, day_end=None, dates=()
            )
        try:
            return _plan(self.pack, self.selection, changed)[0]
        except PlanError:
            return None


#: The most plans made again to bear out what notes say would make a part fit.
MOST_REPLANS = 4


def _slot_ends(options: PlanOptions, entries: Sequence[Entry], item: str) -> bool:
    """Whether the slot of the day that holds ``item`` has an end (which can leave parts out)."""
    day = next((e.day for e in entries if e.item == item), None)
    return day is not None and options.sessions[day - 1].end is not None


def _rewatch_left_out(
    search: Search, chosen: Chosen, entries: Sequence[Entry], maker: Units
) -> list[str]:
    """The pack's suggested re-watches the same items would hold without the budget."""
    if not search.layout.options.rewatch:
        return []
    try:
        free = search.split(list(chosen.units), chosen.discussions)
    except PlanError:
        return []
    kept = {(e.item, f) for e in entries for f in e.rewatch}
    names = {u.key: u.name for u in chosen.units}
    return [
        f"the re-watch of {film_list(list(e.rewatch), maker.media)} before "
        f"{names.get(e.item or '', e.title)} (the pack's suggestion)"
        for d in free.days
        for e in d.entries
        if e.rewatch and any((e.item, f) not in kept for f in e.rewatch)
    ]


def wanted_discussions(units: Sequence[Unit], options: PlanOptions) -> frozenset[str]:
    """The modules whose discussion is planned: the required ones, and the optional if asked."""
    return frozenset(
        u.key
        for u in units
        if u.module is not None
        and u.module.discussion is not None
        and (options.discussions or not u.module.discussion.optional)
    )


def _check_breaks_taken(options: PlanOptions, chosen: Chosen, layout: Layout) -> list[Note]:
    """Refuse a break at a set time that no session takes, saying the true reason.

    A break taken on some days: a note for each other day whose span holds its time.
    """
    if options.breaks is None or not chosen.days:
        return []
    notes = []
    spans = [
        (offset(slot.start), offset(slot.start) + d.length - (options.setup or timedelta()))
        for slot, d in zip(options.sessions, chosen.days, strict=False)
    ]
    placed = {b for d in chosen.days for b in d.placed}
    for asked in options.breaks.timed:
        at = offset(asked.at)
        name = f"the {asked.title.lower()} at {asked.at:%H:%M}"
        inside = [
            n
            for n, (d, (begin, end)) in enumerate(zip(chosen.days, spans, strict=True), start=1)
            if begin < at < end and asked not in d.placed
        ]
        if asked in placed:
            notes += [
                Note(
                    text=f"Day {n} has no {asked.title.lower()} at {asked.at:%H:%M}: breaks go "
                    f"between items, and Day {n} holds one.",
                    day=n,
                )
                for n in inside
            ]
            continue
        if inside:  # each a day of one item: a day of more takes the break between them
            held = (
                "the plan holds one item"
                if layout.single
                else "each day holds one item"
                if len(inside) == len(spans)
                else f"Day {inside[0]} holds one item"
                if len(inside) == 1
                else f"Days {listed([str(n) for n in inside])} each hold one item"
            )
            raise PlanError(
                f"{name} cannot be taken: breaks go between items (a module with its "
                f"exercise, or an exercise), and {held}; plan more items a day, or leave "
                "the break out"
            )
        ends = max((end for _, end in spans), default=timedelta())
        last = "the plan ends at" if layout.single else "every day ends by"
        raise PlanError(
            f"{name} is never taken: {last} {hh_mm(ends)}; choose an earlier time or leave it out"
        )
    return notes


def _alone_notes(
    pack: Pack, planned: Sequence[Unit], units: Sequence[Unit], entries: Sequence[Entry]
) -> list[Note]:
    """What an exercise planned without its module builds on, in the pack."""
    modules = {u.module.id for u in units if u.module is not None}
    shown = {f for e in entries for f in e.films}
    notes = []
    for unit in planned:
        exercise = unit.exercise
        if unit.module is not None or exercise is None or unit.lead is None:
            continue
        lead = next(m for s in pack.sections for m in s.modules if m.exercise == exercise.id)
        if lead.id in modules:
            continue
        talk = " and optional discussion" if lead.discussion else ""
        if set(lead.films) <= shown:  # shown for the exercise, which discusses them
            said = "film" if len(lead.films) == 1 else "films"
            rest = ", but not its discussion" if talk else ""
            text = (
                f"Exercise {exercise.number} follows {unit.lead} in the pack (its films{talk}); "
                f"this plan shows its {said} for Exercise {exercise.number}{rest}."
            )
        else:
            text = (
                f"Exercise {exercise.number} follows {unit.lead} in the pack (its films{talk}); "
                f"this plan does not include Module {lead.number}."
            )
        notes.append(Note(text=text, item=exercise.id))
    return notes


def _once_a_day_notes(chosen: Chosen, maker: Units) -> list[Note]:
    """Where a module's films were not shown again, having been shown earlier that day."""
    notes = []
    for number, day in enumerate(chosen.days, start=1):
        items = {e.item for e in day.entries if e.kind is EntryKind.FILMS}
        for unit in chosen.units:
            module = unit.module
            if module is None or unit.key in items:
                continue
            if not any(
                e.item in {unit.key, *(unit.exercise.id for _ in [0] if unit.exercise)}
                for e in day.entries
            ):
                continue
            films = film_list(module.films, maker.media)
            then = f"Exercise {unit.exercise.number}" if unit.exercise else "its discussion"
            notes.append(
                Note(
                    text=f"{films} {'is' if len(module.films) == 1 else 'are'} shown earlier "
                    f"this day, so {unit.name} does not show "
                    f"{'it' if len(module.films) == 1 else 'them'} again and goes straight to "
                    f"{then}; a film is shown once a day (plan the modules in the pack's "
                    "order to show it with its own module).",
                    day=number,
                    item=unit.key,
                )
            )
    return notes


def _budget_notes(
    search: Search,
    units: Sequence[Unit],
    wanted: frozenset[str],
    budget: timedelta,
    chosen: Chosen,
) -> list[Note]:
    """What breaks cost a budget: what would fit without them, and what it would take."""
    notes: list[Note] = []
    options = search.layout.options
    if options.breaks is None:
        return notes
    bare = Search(Layout(search.layout.units, evolve(options, breaks=None)))
    try:
        free = bare.within_budget(units, wanted, budget)
    except PlanError:
        return notes
    if free.content <= chosen.content:
        return notes
    open_ended = evolve(  # what they need, whatever the booked slots' ends
        options,
        day_end=None,
        booked=tuple(evolve(slot, end=None) for slot in options.booked),
    )
    try:
        needs = Search(Layout(search.layout.units, open_ended)).split(
            list(free.units), free.discussions
        )
    except PlanError:
        return notes
    names = listed([u.name for u in free.units])
    shorter = _shorter_breaks(search, units, wanted, budget, free.content)
    if shorter is not None:
        fix = (
            f"with {shorter // timedelta(minutes=1)}-minute breaks they all fit "
            f"(--break {_short(shorter)}, or "
            f"comfort_breaks length: {words(shorter)} in a session file)"
        )
    else:
        fix = (
            f"give them {words(needs.total)} (a budget, or a slot, that long) or shorter "
            "breaks to plan them all"
        )
    notes.append(
        Note(
            text=f"Without breaks, {names} would fit in {words(budget)}; with the breaks "
            f"asked for they need {words(needs.total)}: {fix}.",
        )
    )
    return notes


#: Shorter comfort breaks a budget's note may offer, longest first.
_SHORTER = (timedelta(minutes=10), timedelta(minutes=5))


def _shorter_breaks(
    search: Search,
    units: Sequence[Unit],
    wanted: frozenset[str],
    budget: timedelta,
    content: timedelta,
) -> timedelta | None:
    """The longest of the usual shorter comfort breaks with which ``content`` fits."""
    options = search.layout.options
    breaks = options.breaks
    if breaks is None or (breaks.every is None and not breaks.after_exercises):
        return None
    for length in (t for t in _SHORTER if t < breaks.length):
        shorter = evolve(options, breaks=evolve(breaks, length=length))
        try:
            chosen = Search(Layout(search.layout.units, shorter)).within_budget(
                units, wanted, budget
            )
        except PlanError:
            continue
        if chosen.content >= content:
            return length
    return None


def _short(duration: timedelta) -> str:
    minutes = int(duration.total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes or not hours else "")

"""Planning: an agenda with clock times, days and breaks, by the pack's own rules.

A module is followed by its exercise. A module with a different-day allowance (Module 3)
starts by re-watching its films (Film 6) whenever they were not shown earlier that day.
"""

import enum
import itertools
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from attrs import field, frozen

from ._durations import format_duration
from ._model import Exercise, LearningModule, Media, MediaKind, Pack, Section
from ._queries import Item, find, label

__all__ = ["Agenda", "Breaks", "Entry", "EntryKind", "PlanError", "PlanOptions", "plan"]

_MIDNIGHT = timedelta(days=1)
#: Above this many modules and exercises a budget is met greedily, not by trying every subset.
_EXACT_LIMIT = 12


class PlanError(ValueError):
    """A plan that cannot be made as asked, with the reason in a facilitator's words."""


class EntryKind(enum.Enum):
    """What an agenda entry is."""

    FILMS = "films"
    DISCUSSION = "discussion"
    EXERCISE = "exercise"
    BREAK = "break"


@frozen(kw_only=True)
class Breaks:
    """When to break: after each exercise, after a run of time, or at set clock times."""

    length: timedelta = timedelta(minutes=15)
    after_exercises: bool = False
    every: timedelta | None = None
    at: tuple[time, ...] = ()


@frozen(kw_only=True)
class PlanOptions:
    """How to plan: start time, discussions, breaks, days, the end of a day, a budget."""

    start: time = time(9, 30)
    discussions: bool = False
    breaks: Breaks | None = None
    days: int = 1
    day_end: time | None = None
    budget: timedelta | None = None


@frozen(kw_only=True)
class Entry:
    """One entry of an agenda: what it is, on which day, from when to when."""

    day: int
    start: time
    end: time
    duration: timedelta
    kind: EntryKind
    title: str
    item: str | None = None
    films: tuple[str, ...] = ()
    optional: bool = False


@frozen(kw_only=True)
class Agenda:
    """A planned session: its entries in order, and what a budget left out."""

    entries: tuple[Entry, ...]
    left_out: tuple[str, ...] = ()
    options: PlanOptions = field(factory=PlanOptions)

    @property
    def days(self) -> int:
        """How many days the agenda runs over."""
        return max((e.day for e in self.entries), default=0)

    def day(self, number: int) -> tuple[Entry, ...]:
        """The entries of one day."""
        return tuple(e for e in self.entries if e.day == number)

    @property
    def total(self) -> timedelta:
        """The time of every entry, breaks included, over all days."""
        return sum((e.duration for e in self.entries), timedelta())

    @property
    def session_time(self) -> timedelta:
        """The time of every entry but the breaks."""
        return sum(
            (e.duration for e in self.entries if e.kind is not EntryKind.BREAK), timedelta()
        )


@frozen(kw_only=True)
class _Unit:
    """What must stay together: a module with its exercise, or an exercise on its own."""

    name: str
    module: LearningModule | None
    exercise: Exercise | None
    films_first: tuple[str, ...] = ()  # an exercise on its own: its module's films

    @property
    def key(self) -> str:
        """The id of the module, or of the exercise on its own."""
        thing = self.module or self.exercise
        return thing.id if thing is not None else self.name


def plan(pack: Pack, selection: Sequence[str | Item] = (), options: PlanOptions | None = None) -> Agenda:
    """Plan ``selection`` (ids, names such as "Module 2", or items; default the whole pack).

    Raises `PlanError` for a plan that cannot be made: an exercise before the films it
    discusses, more days than items, or a day that ends before its items fit.
    """
    options = options or PlanOptions()
    if options.days < 1:
        raise PlanError("a plan needs at least one day")
    units = _units(pack, selection)
    if options.budget is None:
        return _schedule(pack, units, options, discussions=_all(units, options))
    return _within_budget(pack, units, options, options.budget)


def _all(units: Sequence[_Unit], options: PlanOptions) -> frozenset[str]:
    return frozenset(
        u.module.id
        for u in units
        if u.module is not None
        and u.module.discussion is not None
        and (options.discussions or not u.module.discussion.optional)
    )


def _units(pack: Pack, selection: Sequence[str | Item]) -> list[_Unit]:
    exercises = {e.id: e for s in pack.sections for e in s.exercises}
    items = [find(pack, s) if isinstance(s, str) else s for s in selection] or list(pack.sections)
    units: list[_Unit] = []
    for item in items:
        if isinstance(item, Section):
            followed = {m.exercise for m in item.modules}
            chosen: list[LearningModule | Exercise] = [
                *item.modules,
                *(e for e in item.exercises if e.id not in followed),
            ]
        elif isinstance(item, (LearningModule, Exercise)):
            chosen = [item]
        else:
            raise PlanError(f"{label(pack, item)} cannot be planned: choose modules, exercises or sections")
        for thing in chosen:
            if isinstance(thing, LearningModule):
                exercise = exercises.get(thing.exercise or "")
                unit = _Unit(name=label(pack, thing), module=thing, exercise=exercise)
            else:
                lead_in = [m.films for s in pack.sections for m in s.modules if m.exercise == thing.id]
                unit = _Unit(
                    name=label(pack, thing),
                    module=None,
                    exercise=thing,
                    films_first=lead_in[0] if lead_in else (),
                )
            if not any(u.name == unit.name or (thing is u.exercise) for u in units):
                units.append(unit)
    _check_order(pack, units)
    return units


def _check_order(pack: Pack, units: Sequence[_Unit]) -> None:
    for index, unit in enumerate(units):
        if unit.module is not None or unit.exercise is None:
            continue
        for later in units[index + 1 :]:
            if later.module is not None and later.module.exercise == unit.exercise.id:
                raise PlanError(
                    f"{unit.name} comes before {later.name}, whose films it discusses; "
                    f"put {later.name} first (it brings {unit.name} with it)"
                )


def _schedule(
    pack: Pack, units: Sequence[_Unit], options: PlanOptions, discussions: frozenset[str]
) -> Agenda:
    if options.days > max(len(units), 1):
        raise PlanError(
            f"{options.days} days for {len(units)} module{'s' if len(units) != 1 else ''} "
            "and exercises: choose fewer days or more items"
        )
    if not units:
        return Agenda(entries=(), options=options)
    best: tuple[timedelta, list[Entry]] | None = None
    failure: PlanError | None = None
    for cuts in itertools.combinations(range(1, len(units)), options.days - 1):
        bounds = [0, *cuts, len(units)]
        groups = [units[a:b] for a, b in itertools.pairwise(bounds)]
        try:
            entries = _entries(pack, groups, options, discussions)
        except PlanError as error:
            failure = failure or error
            continue
        longest = max(_span(entries, day) for day in range(1, options.days + 1))
        if best is None or longest < best[0]:
            best = (longest, entries)
    if best is None:
        raise failure or PlanError("no plan fits")
    return Agenda(entries=tuple(best[1]), options=options)


def _span(entries: Sequence[Entry], day: int) -> timedelta:
    return sum((e.duration for e in entries if e.day == day), timedelta())


def _entries(
    pack: Pack, groups: Sequence[Sequence[_Unit]], options: PlanOptions, discussions: frozenset[str]
) -> list[Entry]:
    media = {m.id: m for s in pack.sections for m in s.media}
    shown_before: set[str] = set()
    entries: list[Entry] = []
    for day, group in enumerate(groups, start=1):
        builder = _Day(day, options)
        shown_today: set[str] = set()
        for unit in group:
            steps = _steps(pack, unit, media, shown_today, shown_before, discussions)
            for index, (kind, title, item, films, duration, optional) in enumerate(steps):
                # Breaks fall between modules, never between a film and its exercise.
                builder.add(kind, title, item, films, duration, optional=optional, may_break=index == 0)
                shown_today.update(films)
        shown_before |= shown_today
        entries.extend(builder.entries)
    return entries


_Step = tuple[EntryKind, str, str | None, tuple[str, ...], timedelta, bool]


def _steps(
    pack: Pack,
    unit: _Unit,
    media: dict[str, Media],
    shown_today: set[str],
    shown_before: set[str],
    discussions: frozenset[str],
) -> list[_Step]:
    steps: list[_Step] = []
    module = unit.module
    if module is not None:
        films = module.films
        allowance = module.allowance
        title = f"{unit.name.split(' of ')[0]} films: {_film_names(films, media)}"
        alternative = module.different_day
        if alternative is not None and not set(alternative.rewatch) <= shown_today:
            again = set(alternative.rewatch) & shown_before
            films = (*alternative.rewatch, *films)
            allowance = alternative.allowance
            watch = "again" if again else "first"
            title = (
                f"{unit.name.split(' of ')[0]} films: {_film_names(alternative.rewatch, media)} "
                f"{watch}, then {_film_names(module.films, media)}"
            )
        steps.append((EntryKind.FILMS, title, module.id, films, allowance, False))
        if module.discussion is not None and module.id in discussions:
            grouping = module.discussion.grouping
            who = f" ({grouping.value})" if grouping is not None else ""
            kind = "Optional discussion" if module.discussion.optional else "Discussion"
            steps.append(
                (EntryKind.DISCUSSION, f"{kind}{who}", module.id, (), module.discussion.duration,
                 module.discussion.optional)
            )
    exercise = unit.exercise
    if exercise is not None:
        seen = shown_today | shown_before | {f for s in steps for f in s[3]}
        missing = [f for f in (*unit.films_first, *exercise.draws_on) if f not in seen]
        if missing:
            names = _film_names(tuple(missing), media)
            raise PlanError(
                f"Exercise {exercise.number} discusses {names}, which the plan does not show "
                f"before it; add the module with {names} first"
            )
        steps.append(
            (EntryKind.EXERCISE, f"Exercise {exercise.number}: {exercise.title}", exercise.id,
             (), exercise.time, False)
        )
    return steps


def _film_names(films: Sequence[str], media: dict[str, Media]) -> str:
    names = []
    for film_id in films:
        film = media.get(film_id)
        if film is not None and film.number is not None:
            kind = "Film" if film.kind is MediaKind.FILM else "Presentation"
            names.append(f"{kind} {film.number}")
        else:
            names.append(film_id)
    if len(names) == 1:
        return names[0]
    if all(n.startswith("Film ") for n in names):
        numbers = [n.removeprefix("Film ") for n in names]
        return f"Films {', '.join(numbers[:-1])} and {numbers[-1]}"
    return ", ".join(names[:-1]) + " and " + names[-1]


class _Day:
    """Lays one day's entries end to end from the start time, putting in breaks."""

    def __init__(self, day: int, options: PlanOptions) -> None:
        self.day = day
        self.options = options
        self.entries: list[Entry] = []
        self.clock = _offset(options.start)
        self.run = timedelta()
        self.pending_break = False
        self.breaks_at = sorted(_offset(t) for t in (options.breaks.at if options.breaks else ()))

    def add(
        self,
        kind: EntryKind,
        title: str,
        item: str | None,
        films: tuple[str, ...],
        duration: timedelta,
        *,
        optional: bool = False,
        may_break: bool = True,
    ) -> None:
        breaks = self.options.breaks
        if may_break and self.entries and breaks is not None and self._break_due(breaks):
            self._put(EntryKind.BREAK, "Break", None, (), breaks.length, optional=False)
            self.run = timedelta()
        self.pending_break = False
        self._put(kind, title, item, films, duration, optional=optional)
        self.run += duration
        if breaks is not None and breaks.after_exercises and kind is EntryKind.EXERCISE:
            self.pending_break = True

    def _break_due(self, breaks: Breaks) -> bool:
        due = self.pending_break or (breaks.every is not None and self.run >= breaks.every)
        while self.breaks_at and self.breaks_at[0] <= self.clock:
            self.breaks_at.pop(0)
            due = True
        return due

    def _put(
        self,
        kind: EntryKind,
        title: str,
        item: str | None,
        films: tuple[str, ...],
        duration: timedelta,
        *,
        optional: bool,
    ) -> None:
        end = self.clock + duration
        if end > _MIDNIGHT:
            raise PlanError(f"Day {self.day} would run past midnight; start earlier or use more days")
        day_end = self.options.day_end
        if day_end is not None and end > _offset(day_end):
            raise PlanError(
                f"Day {self.day} would end at {_clock(end)}, after {day_end:%H:%M}, with "
                f"{title}; start earlier, use more days, or give a budget to see what fits"
            )
        self.entries.append(
            Entry(
                day=self.day,
                start=_time(self.clock),
                end=_time(end),
                duration=duration,
                kind=kind,
                title=title,
                item=item,
                films=films,
                optional=optional,
            )
        )
        self.clock = end


def _within_budget(pack: Pack, units: Sequence[_Unit], options: PlanOptions, budget: timedelta) -> Agenda:
    """The largest coherent plan whose time, breaks included, fits the budget."""
    wanted = _all(units, options)
    best: Agenda | None = None
    best_key: tuple[timedelta, int] | None = None
    for chosen in _subsets(len(units)):
        picked = [units[i] for i in chosen]
        if len(picked) < options.days:
            continue
        for discussions in _discussion_choices(picked, wanted):
            try:
                agenda = _schedule(pack, picked, options, discussions)
            except PlanError:
                continue
            if agenda.total > budget:
                continue
            key = (agenda.session_time, len(picked))
            if best_key is None or key > best_key:
                best, best_key = agenda, key
            break
    if best is None:
        raise PlanError(f"nothing in the selection fits in {format_duration(budget)}")
    planned = {e.item for e in best.entries}
    discussed = {e.item for e in best.entries if e.kind is EntryKind.DISCUSSION}
    left_out = [u.name for u in units if u.key not in planned]
    left_out += [
        f"the optional discussion after {u.name}"
        for u in units
        if u.key in wanted and u.key in planned and u.key not in discussed
    ]
    return Agenda(entries=best.entries, left_out=tuple(left_out), options=options)


def _subsets(count: int) -> list[tuple[int, ...]]:
    if count <= _EXACT_LIMIT:
        every = [c for size in range(count, 0, -1) for c in itertools.combinations(range(count), size)]
        return every
    return [tuple(range(size)) for size in range(count, 0, -1)]


def _discussion_choices(units: Sequence[_Unit], wanted: frozenset[str]) -> list[frozenset[str]]:
    """The discussions to try, most first: all wanted ones, then dropping from the end."""
    ids = [u.module.id for u in units if u.module is not None and u.module.id in wanted]
    return [frozenset(ids[:keep]) for keep in range(len(ids), -1, -1)]


def _offset(clock: time) -> timedelta:
    return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)


def _time(offset: timedelta) -> time:
    if offset >= _MIDNIGHT:
        return time(0, 0)
    return (datetime.min + offset).time()


def _clock(offset: timedelta) -> str:
    return f"{_time(offset):%H:%M}"

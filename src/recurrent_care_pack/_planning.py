"""Planning: an agenda with clock times, days and breaks, by the pack's own rules.

A module is followed by its exercise. A module with a different-day allowance (Module 3)
starts by re-watching its films (Film 6) whenever they were not shown earlier that day.
"""

import enum
import itertools
from collections.abc import Sequence
from datetime import time, timedelta

from attrs import evolve, field, frozen

from ._durations import format_duration
from ._model import Exercise, LearningModule, Media, Pack, Section
from ._queries import Item, film_names, find, label

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


@frozen(kw_only=True)
class _Step:
    """One entry to lay down, before it has a day and a clock time."""

    kind: EntryKind
    title: str
    duration: timedelta
    item: str | None = None
    films: tuple[str, ...] = ()
    optional: bool = False


def plan(
    pack: Pack, selection: Sequence[str | Item] = (), options: PlanOptions | None = None
) -> Agenda:
    """Plan ``selection`` (ids, names such as "Module 2", or items; default the whole pack).

    Raises `PlanError` for a plan that cannot be made: an exercise before the films it
    discusses, more days than items, or a day that ends before its items fit.
    """
    options = options or PlanOptions()
    if options.days < 1:
        raise PlanError("a plan needs at least one day")
    planner = _Planner(pack, options)
    units = planner.units(selection)
    if options.budget is None:
        return planner.schedule(units, _wanted(units, options))
    return planner.within_budget(units, options.budget)


def _wanted(units: Sequence[_Unit], options: PlanOptions) -> frozenset[str]:
    """The modules whose discussion is planned: the required ones, and the optional if asked."""
    return frozenset(
        u.key
        for u in units
        if u.module is not None
        and u.module.discussion is not None
        and (options.discussions or not u.module.discussion.optional)
    )


class _Planner:
    def __init__(self, pack: Pack, options: PlanOptions) -> None:
        self.pack = pack
        self.options = options
        self.media = {m.id: m for s in pack.sections for m in s.media}

    def units(self, selection: Sequence[str | Item]) -> list[_Unit]:
        pack = self.pack
        items = [find(pack, s) if isinstance(s, str) else s for s in selection]
        units: list[_Unit] = []
        for item in items or pack.sections:
            for found in self.units_of(item):
                planned = {u.exercise.id for u in units if u.exercise is not None}
                if found.key in {u.key for u in units} or (
                    found.module is None and found.key in planned
                ):
                    continue  # named twice, or an exercise its module already brings
                if found.exercise is not None and found.exercise.id in planned:
                    found = evolve(found, exercise=None)  # noqa: PLW2901 (two modules, one exercise)
                units.append(found)
        _check_order(units)
        return units

    def units_of(self, item: Item) -> list[_Unit]:
        pack = self.pack
        exercises = {e.id: e for s in pack.sections for e in s.exercises}
        leads = {m.exercise: m for s in pack.sections for m in s.modules if m.exercise}
        if isinstance(item, Section):
            return [
                *(self.units_of(m)[0] for m in item.modules),
                *(self.units_of(e)[0] for e in item.exercises if e.id not in leads),
            ]
        if isinstance(item, LearningModule):
            exercise = exercises.get(item.exercise or "")
            return [_Unit(name=label(pack, item), module=item, exercise=exercise)]
        if isinstance(item, Exercise):
            lead = leads.get(item.id)
            films = lead.films if lead is not None else ()
            return [_Unit(name=label(pack, item), module=None, exercise=item, films_first=films)]
        raise PlanError(
            f"{label(pack, item)} cannot be planned: choose modules, exercises or sections"
        )

    def schedule(self, units: Sequence[_Unit], discussions: frozenset[str]) -> Agenda:
        """Lay out the units over the days, keeping the longest day as short as can be."""
        days = self.options.days
        if days > max(len(units), 1):
            raise PlanError(
                f"{days} days for {len(units)} module{'s' if len(units) != 1 else ''} "
                "and exercises: choose fewer days or more items"
            )
        if not units:
            return Agenda(entries=(), options=self.options)
        best: tuple[timedelta, list[Entry]] | None = None
        failure: PlanError | None = None
        for cuts in itertools.combinations(range(1, len(units)), days - 1):
            bounds = [0, *cuts, len(units)]
            groups = [units[a:b] for a, b in itertools.pairwise(bounds)]
            try:
                entries = self.entries(groups, discussions)
            except PlanError as error:
                failure = failure or error
                continue
            longest = max(_span(entries, day) for day in range(1, days + 1))
            if best is None or longest < best[0]:
                best = (longest, entries)
        if best is None:
            raise failure or PlanError("no plan fits")
        return Agenda(entries=tuple(best[1]), options=self.options)

    def entries(
        self, groups: Sequence[Sequence[_Unit]], discussions: frozenset[str]
    ) -> list[Entry]:
        shown_before: set[str] = set()
        entries: list[Entry] = []
        for day, group in enumerate(groups, start=1):
            builder = _Day(day, self.options)
            shown_today: set[str] = set()
            for unit in group:
                steps = self.steps(unit, shown_today, shown_before, discussions)
                for index, step in enumerate(steps):
                    # Breaks fall between modules, never between a film and its exercise.
                    builder.add(step, may_break=index == 0)
                    shown_today.update(step.films)
            shown_before |= shown_today
            entries.extend(builder.entries)
        return entries

    def steps(
        self,
        unit: _Unit,
        shown_today: set[str],
        shown_before: set[str],
        discussions: frozenset[str],
    ) -> list[_Step]:
        steps: list[_Step] = []
        module = unit.module
        if module is not None:
            steps.append(self.films_step(unit, module, shown_today, shown_before))
            discussion = module.discussion
            if discussion is not None and module.id in discussions:
                who = f" ({discussion.grouping.value})" if discussion.grouping else ""
                kind = "Optional discussion" if discussion.optional else "Discussion"
                steps.append(
                    _Step(
                        kind=EntryKind.DISCUSSION,
                        title=f"{kind}{who}",
                        duration=discussion.duration,
                        item=module.id,
                        optional=discussion.optional,
                    )
                )
        exercise = unit.exercise
        if exercise is not None:
            seen = shown_today | shown_before | {f for s in steps for f in s.films}
            missing = [f for f in (*unit.films_first, *exercise.draws_on) if f not in seen]
            if missing:
                names = _film_names(missing, self.media)
                raise PlanError(
                    f"Exercise {exercise.number} discusses {names}, which the plan does not "
                    f"show before it; add the module with {names} first"
                )
            steps.append(
                _Step(
                    kind=EntryKind.EXERCISE,
                    title=f"Exercise {exercise.number}: {exercise.title}",
                    duration=exercise.time,
                    item=exercise.id,
                )
            )
        return steps

    def films_step(
        self, unit: _Unit, module: LearningModule, shown_today: set[str], shown_before: set[str]
    ) -> _Step:
        """The module's films; with the different-day allowance when its re-watch is due."""
        name = f"Module {module.number} films"
        alternative = module.different_day
        if alternative is None or set(alternative.rewatch) <= shown_today:
            films_title = _film_names(module.films, self.media)
            return _Step(
                kind=EntryKind.FILMS,
                title=f"{name}: {films_title}",
                duration=module.allowance,
                item=unit.key,
                films=module.films,
            )
        watch = "again" if set(alternative.rewatch) & shown_before else "first"
        return _Step(
            kind=EntryKind.FILMS,
            title=f"{name}: {_film_names(alternative.rewatch, self.media)} {watch}, "
            f"then {_film_names(module.films, self.media)}",
            duration=alternative.allowance,
            item=unit.key,
            films=(*alternative.rewatch, *module.films),
        )

    def within_budget(self, units: Sequence[_Unit], budget: timedelta) -> Agenda:
        """The largest coherent plan whose time, breaks included, fits the budget."""
        wanted = _wanted(units, self.options)
        best: Agenda | None = None
        best_key: tuple[timedelta, int] | None = None
        for chosen in _subsets(len(units)):
            picked = [units[i] for i in chosen]
            if len(picked) < self.options.days:
                continue
            for discussions in _discussion_choices(picked, wanted):
                try:
                    agenda = self.schedule(picked, discussions)
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
        return Agenda(entries=best.entries, left_out=tuple(left_out), options=self.options)


def _check_order(units: Sequence[_Unit]) -> None:
    for index, unit in enumerate(units):
        if unit.module is not None or unit.exercise is None:
            continue
        for later in units[index + 1 :]:
            if later.module is not None and later.module.exercise == unit.exercise.id:
                raise PlanError(
                    f"{unit.name} comes before {later.name}, whose films it discusses; "
                    f"put {later.name} first (it brings {unit.name} with it)"
                )


def _span(entries: Sequence[Entry], day: int) -> timedelta:
    return sum((e.duration for e in entries if e.day == day), timedelta())


def _film_names(films: Sequence[str], media: dict[str, Media]) -> str:
    known = [media[f] for f in films if f in media]
    return film_names(known) if len(known) == len(films) else ", ".join(films)


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

    def add(self, step: _Step, *, may_break: bool) -> None:
        breaks = self.options.breaks
        if may_break and self.entries and breaks is not None and self._break_due(breaks):
            self._put(_Step(kind=EntryKind.BREAK, title="Break", duration=breaks.length))
            self.run = timedelta()
        self.pending_break = False
        self._put(step)
        self.run += step.duration
        if breaks is not None and breaks.after_exercises and step.kind is EntryKind.EXERCISE:
            self.pending_break = True

    def _break_due(self, breaks: Breaks) -> bool:
        due = self.pending_break or (breaks.every is not None and self.run >= breaks.every)
        while self.breaks_at and self.breaks_at[0] <= self.clock:
            self.breaks_at.pop(0)
            due = True
        return due

    def _put(self, step: _Step) -> None:
        end = self.clock + step.duration
        if end > _MIDNIGHT:
            raise PlanError(
                f"Day {self.day} would run past midnight; start earlier or use more days"
            )
        day_end = self.options.day_end
        if day_end is not None and end > _offset(day_end):
            raise PlanError(
                f"Day {self.day} would end at {_clock(end)}, after {day_end:%H:%M}, with "
                f"{step.title}; start earlier, use more days, or give a budget to see what fits"
            )
        self.entries.append(
            Entry(
                day=self.day,
                start=_time(self.clock),
                end=_time(end),
                duration=step.duration,
                kind=step.kind,
                title=step.title,
                item=step.item,
                films=step.films,
                optional=step.optional,
            )
        )
        self.clock = end


def _subsets(count: int) -> list[tuple[int, ...]]:
    """Which units to try under a budget, larger selections first."""
    if count <= _EXACT_LIMIT:
        return [
            c for size in range(count, 0, -1) for c in itertools.combinations(range(count), size)
        ]
    return [tuple(range(size)) for size in range(count, 0, -1)]


def _discussion_choices(units: Sequence[_Unit], wanted: frozenset[str]) -> list[frozenset[str]]:
    """The discussions to try, most first: all wanted ones, then dropping from the end."""
    ids = [u.key for u in units if u.key in wanted]
    return [frozenset(ids[:keep]) for keep in range(len(ids), -1, -1)]


def _offset(clock: time) -> timedelta:
    return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)


def _time(offset: timedelta) -> time:
    seconds = int(offset.total_seconds()) % 86400
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def _clock(offset: timedelta) -> str:
    return f"{_time(offset):%H:%M}"

"""What each item brings to a day: its films (shown once a day), discussion and exercise.

An exercise with ``draws_on`` discusses its module's films and those; one without discusses
none (Exercises 8 and 9 discuss a case study). A film an exercise discusses that the plan
has not shown before it is shown first, and the entry says why. The pack's different-day
re-watch (Film 6 before Module 3) is offered only on a later day than the film was shown,
and only if not shown that day; it is optional.
"""

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import timedelta

from attrs import evolve, frozen

from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import Exercise, LearningModule, Media, Pack, Section, lookup
from recurrent_care_pack._naming import film_names, listed
from recurrent_care_pack._order import Turn, running_order
from recurrent_care_pack._use.queries import Item, label, selected

from .records import EntryKind, PlanError

__all__ = ["Part", "Step", "Unit", "Units", "film_list", "part_length"]


@frozen(kw_only=True)
class Unit:
    """What must stay together: a module with its exercise, or an exercise on its own."""

    name: str
    module: LearningModule | None
    exercise: Exercise | None
    films_first: tuple[str, ...] = ()  # an exercise on its own: its module's films
    lead: str | None = None  # an exercise on its own: the name of its module, if any
    films_time: timedelta = timedelta()  # an exercise on its own: the most its films take

    @property
    def key(self) -> str:
        """The id of the module, or of the exercise on its own."""
        thing = self.module or self.exercise
        return thing.id if thing is not None else self.name

    @property
    def discussed(self) -> tuple[str, ...]:
        """The films its exercise discusses: its module's and ``draws_on``; none without."""
        exercise = self.exercise
        if exercise is None or not exercise.draws_on:
            return ()
        own = self.module.films if self.module is not None else self.films_first
        return tuple(dict.fromkeys((*own, *exercise.draws_on)))

    def after(self, steps: Sequence["Step"]) -> str:
        """How a note names what a break after these ``steps`` follows: "Exercise 9", else it."""
        exercise = self.exercise
        if steps and steps[-1].kind is EntryKind.EXERCISE and exercise is not None:
            return f"Exercise {exercise.number}"
        return self.name

    @property
    def optional_discussion(self) -> bool:
        """Whether its module has a discussion the pack marks optional."""
        module = self.module
        return module is not None and module.discussion is not None and module.discussion.optional


@frozen(kw_only=True)
class Part:
    """An optional part of a day: a module's discussion, or the re-watch before it."""

    unit: str
    kind: str  # "discussion" or "rewatch"


def part_length(part: Part, group: Sequence[Unit]) -> timedelta:
    """How long an optional part of a day of ``group`` takes.

    A discussion its own time; the re-watch what it adds to its module's films.
    """
    unit = next(u for u in group if u.key == part.unit)
    module = unit.module
    assert module is not None  # noqa: S101 (optional parts are modules')
    if part.kind == "discussion":
        assert module.discussion is not None  # noqa: S101
        return module.discussion.duration
    assert module.different_day is not None  # noqa: S101
    return module.different_day.allowance - module.allowance


@frozen(kw_only=True)
class Step:
    """One entry to lay down, before it has a day and a clock time."""

    kind: EntryKind
    title: str
    duration: timedelta
    item: str | None = None
    films: tuple[str, ...] = ()
    optional: bool = False
    rewatch: tuple[str, ...] = ()
    note: str | None = None
    part: Part | None = None  # an optional part, which a slot or budget may drop


def film_list(films: Sequence[str], media: Mapping[str, Media]) -> str:
    """Films named together as the pack names them, each once: "Films 6 and 7"."""
    unique = list(dict.fromkeys(films))
    known = [media[f] for f in unique if f in media]
    return film_names(known) if len(known) == len(unique) else listed(unique)


def _showable(exercise: Exercise, films: Sequence[str], media: Mapping[str, Media]) -> None:
    """Refuse to plan ``exercise`` if a film it needs shown first has no time of its own.

    A film the pack lacks is named by its id; a film the pack gives no time of its own is
    shown with its module, which has the time.
    """
    lacking = [f"'{f}'" for f in films if f not in media]
    if lacking:
        it = "it" if len(lacking) == 1 else "them"
        raise PlanError(
            f"Exercise {exercise.number} discusses {listed(lacking)}, which the pack does not "
            f"have; add {it} to the pack, or take {it} out of the exercise's draws_on"
        )
    untimed = [f for f in films if media[f].allowance is None]
    if untimed:
        names, it = film_list(untimed, media), "it" if len(untimed) == 1 else "them"
        raise PlanError(
            f"Exercise {exercise.number} discusses {names}, and the pack gives no time to show "
            f"{it} on {'its' if it == 'it' else 'their'} own; plan the module that shows "
            f"{names} first"
        )


class Units:
    """The items of a selection as units, and each unit's steps on a day."""

    def __init__(self, pack: Pack, *, rewatch: bool) -> None:
        self.pack = pack
        self.rewatch = rewatch
        self.media = lookup(pack).media

    def rewatched(self, unit: Unit) -> str:
        """The films the pack suggests re-watching before a unit's module."""
        module = unit.module
        other = module.different_day if module is not None else None
        return film_list(other.rewatch if other is not None else (), self.media)

    def rewatch_extra(self, step: Step) -> timedelta:
        """The time a re-watch adds to its module's films (``step``, the films with it)."""
        modules = (m for s in self.pack.sections for m in s.modules if m.id == step.item)
        module = next(modules, None)
        return step.duration - module.allowance if module is not None else timedelta()

    def of(self, selection: Sequence[str | Item]) -> list[Unit]:
        """The units of ``selection``, in order, each once (default: the whole pack)."""
        pack = self.pack
        items: list[Section | LearningModule | Exercise] = []
        for item in selected(pack, selection):
            if not isinstance(item, (Section, LearningModule, Exercise)):
                raise PlanError(
                    f"{label(pack, item)} cannot be planned: choose modules, exercises or sections"
                )
            items.append(item)
        units = [self.unit(turn) for turn in running_order(pack, items or None)]
        _check_order(units)
        return units

    def unit(self, turn: Turn) -> Unit:
        """The unit of a turn of the running order: a module with its exercise, or one alone."""
        pack = self.pack
        exercises = lookup(pack).exercises
        exercise = exercises.get(turn.exercise or "")
        if turn.module is not None:
            return Unit(name=label(pack, turn.module), module=turn.module, exercise=exercise)
        assert exercise is not None  # noqa: S101 (an exercise alone is one of the pack's)
        leads = {m.exercise: m for s in pack.sections for m in s.modules if m.exercise}
        lead = leads.get(exercise.id)
        return Unit(
            name=label(pack, exercise),
            module=None,
            exercise=exercise,
            films_first=lead.films if lead is not None else (),
            lead=label(pack, lead) if lead is not None else None,
            films_time=sum(
                (
                    m.allowance
                    for f in exercise.draws_on + (lead.films if lead else ())
                    if (m := self.media.get(f)) is not None and m.allowance
                ),
                timedelta(),
            ),
        )

    def steps(
        self,
        unit: Unit,
        shown_today: AbstractSet[str],
        shown_before: AbstractSet[str],
        discussions: AbstractSet[str],
    ) -> list[Step]:
        """The unit's steps on a day, given the films shown that day and on days before."""
        steps: list[Step] = []
        module = unit.module
        if module is not None:
            films = self.module_films(unit, module, shown_today, shown_before)
            if films is not None:
                steps.append(films)
            discussion = module.discussion
            if discussion is not None and module.id in discussions:
                who = f" ({discussion.grouping.value})" if discussion.grouping else ""
                kind = "Optional discussion" if discussion.optional else "Discussion"
                steps.append(
                    Step(
                        kind=EntryKind.DISCUSSION,
                        title=f"{kind}{who}",
                        duration=discussion.duration,
                        item=module.id,
                        optional=discussion.optional,
                        part=Part(unit=unit.key, kind="discussion")
                        if discussion.optional
                        else None,
                    )
                )
        exercise = unit.exercise
        if exercise is not None:
            if module is None:
                steps += self.films_for(unit, exercise, shown_today | shown_before)
            steps.append(
                Step(
                    kind=EntryKind.EXERCISE,
                    title=f"Exercise {exercise.number}: {exercise.title}",
                    duration=exercise.time,
                    item=exercise.id,
                )
            )
        return steps

    def films_for(self, unit: Unit, exercise: Exercise, shown: AbstractSet[str]) -> list[Step]:
        """For an exercise on its own: the films it discusses not yet shown, first."""
        missing = [f for f in unit.discussed if f not in shown]
        if not missing:
            return []
        missing.sort(key=lambda f: (self.media[f].number or 0) if f in self.media else 0)
        names = film_list(missing, self.media)
        _showable(exercise, missing, self.media)
        allowances = [self.media[f].allowance for f in missing]
        it = "it" if len(missing) == 1 else "them"
        return [
            Step(
                kind=EntryKind.FILMS,
                title=f"Films for Exercise {exercise.number}: {names}",
                duration=sum((a for a in allowances if a is not None), timedelta()),
                item=exercise.id,
                films=tuple(missing),
                note=(
                    f"Exercise {exercise.number} discusses {names}, which this plan has not "
                    f"shown before it, so it shows {it} first"
                ),
            )
        ]

    def module_films(
        self,
        unit: Unit,
        module: LearningModule,
        shown_today: AbstractSet[str],
        shown_before: AbstractSet[str],
    ) -> Step | None:
        """The module's films, each once a day; first any film its exercise needs; the re-watch.

        None when every film of the module was shown earlier that day.
        """
        own = tuple(f for f in module.films if f not in shown_today)
        name = f"Module {module.number} films"
        if not own:
            return None
        if own != module.films:  # some shown today: the rest, for their own times if known
            times = [self.media[f].allowance if f in self.media else None for f in own]
            allowance = sum((t for t in times if t is not None), timedelta())
            if any(t is None for t in times):  # else the module's whole allowance, at most
                allowance = module.allowance
        else:
            allowance = module.allowance
        plain = Step(
            kind=EntryKind.FILMS,
            title=f"{name}: {film_list(own, self.media)}",
            duration=allowance,
            item=unit.key,
            films=own,
        )
        shown = shown_today | shown_before
        needed = [f for f in unit.discussed if f not in shown and f not in module.films]
        other = module.different_day
        if needed:
            exercise = unit.exercise
            assert exercise is not None  # noqa: S101 (discussed films come from an exercise)
            extra = film_list(needed, self.media)
            if other is not None and set(other.rewatch) == set(needed):
                length = other.allowance
            else:
                _showable(exercise, needed, self.media)
                times = [self.media[f].allowance for f in needed]
                length = allowance + sum((t for t in times if t is not None), timedelta())
            return Step(
                kind=EntryKind.FILMS,
                title=f"{name}: {extra} first (Exercise {exercise.number} discusses "
                f"{'it' if len(needed) == 1 else 'them'}), then {film_list(own, self.media)}",
                duration=length,
                item=unit.key,
                films=(*needed, *own),
                note=(
                    f"Exercise {exercise.number} discusses {extra} as well as "
                    f"{film_list(own, self.media)}, and this plan has not shown {extra} "
                    "before it, so it shows it first"
                ),
            )
        if (
            other is None
            or not set(other.rewatch) <= shown_before
            or set(other.rewatch) & shown_today
        ):
            return plain
        again = film_list(other.rewatch, self.media)
        suggestion = (
            f"Module {module.number} runs on a later day than {again}: the pack suggests "
            f"starting it by also watching {again} ({format_duration(other.allowance)} for "
            "the films)"
        )
        if not self.rewatch:
            return evolve(plain, note=f"{suggestion}; this plan leaves it out")
        return Step(
            kind=EntryKind.FILMS,
            title=f"{name}: {again} again (the pack's suggestion), then "
            f"{film_list(own, self.media)}",
            duration=other.allowance,
            item=unit.key,
            films=(*other.rewatch, *own),
            rewatch=other.rewatch,
            note=f"{suggestion}; this plan follows it",
            part=Part(unit=unit.key, kind="rewatch"),
        )

    def without(self, step: Step, unit: Unit) -> Step:
        """A re-watch step without its re-watch: the module's own films."""
        module = unit.module
        assert module is not None  # noqa: S101 (only modules re-watch)
        name = f"Module {module.number} films"
        own = step.films[len(step.rewatch) :]
        return Step(
            kind=EntryKind.FILMS,
            title=f"{name}: {film_list(own, self.media)}",
            duration=module.allowance,
            item=unit.key,
            films=own,
        )


def _check_order(units: Sequence[Unit]) -> None:
    for index, unit in enumerate(units):
        if unit.module is not None or unit.exercise is None:
            continue
        for later in units[index + 1 :]:
            if later.module is not None and later.module.exercise == unit.exercise.id:
                raise PlanError(
                    f"{unit.name} comes before {later.name}, which the pack runs before it; "
                    f"put {later.name} first (it brings {unit.name} with it)"
                )

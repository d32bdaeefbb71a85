"""Valid packs for the planner's properties: what a plan reads is drawn, nothing else.

The shape of ``strategies.packs()`` (up to 3 sections of up to 4 films or presentations,
3 exercises and 3 modules; modules of 1 to 3 films, some shared, with a discussion, an
exercise and a re-watch of up to 2 films), times to the second, without the texts, people,
works and tips a plan never reads: drawing those took nearly all of each example's time.
Strategies are made once, not inside each draw: Hypothesis works out afresh what each new
strategy object can draw (the planner's properties took 28 s of CPU so, 21 s without).
No exercise draws on films beyond its module's, so any order plans.
"""

from datetime import date, timedelta
from functools import cache
from itertools import count

from attrs import evolve
from hypothesis import strategies as st

from recurrent_care_pack import (
    DifferentDay,
    Discussion,
    Exercise,
    Grouping,
    LearningModule,
    Media,
    MediaKind,
    Organisation,
    Pack,
    Phase,
    Section,
)

__all__ = ["packs_with_optional_discussions", "plannable_packs"]

_durations = st.integers(min_value=1, max_value=4 * 3600).map(lambda s: timedelta(seconds=s))
_some_duration = st.none() | _durations
_kinds = st.sampled_from(MediaKind)
_discussions = st.none() | st.builds(Discussion, duration=_durations, optional=st.booleans())
_phases = st.lists(_durations, min_size=1, max_size=3)
_extra = st.integers(0, 3600)


@cache
def _some_of(count: int, most: int) -> st.SearchStrategy[list[int]]:
    """1 to ``most`` distinct places in a list of ``count``: made once, not at each draw."""
    return st.lists(st.integers(0, count - 1), min_size=1, max_size=min(most, count), unique=True)


@cache
def _one_or_none(count: int) -> st.SearchStrategy[int | None]:
    """A place in a list of ``count``, or none."""
    return st.none() | st.integers(0, count - 1)


class _Numbers:
    """The next id and the next number of each kind, across a pack."""

    def __init__(self) -> None:
        self.serial = count(1)
        self.films = count(1)
        self.presentations = count(1)
        self.exercises = count(1)


def _media(draw: st.DrawFn, numbers: _Numbers) -> Media:
    kind = draw(_kinds)
    counter = numbers.films if kind is MediaKind.FILM else numbers.presentations
    running_time = draw(_some_duration)
    allowance = draw(_some_duration)
    if allowance is not None and running_time is not None:
        allowance += running_time
    return Media(
        id=f"{kind.value}-{next(numbers.serial)}",
        kind=kind,
        number=next(counter) if draw(st.booleans()) else None,
        running_time=running_time,
        allowance=allowance,
    )


def _exercise(draw: st.DrawFn, numbers: _Numbers) -> Exercise:
    durations = draw(_phases)
    phases = tuple(
        Phase(grouping=(Grouping.WHOLE_GROUP,), duration=d, activity="Talk.") for d in durations
    )
    return Exercise(
        id=f"exercise-{next(numbers.serial)}",
        number=next(numbers.exercises),
        title="An exercise",
        time=sum(durations, timedelta()),
        phases=phases,
    )


def _module(
    draw: st.DrawFn, numbers: _Numbers, number: int, media: list[Media], free: list[str]
) -> LearningModule:
    """A module; the exercise it is followed by, if any, is taken out of ``free``."""
    films = [media[k] for k in draw(_some_of(len(media), 3))]
    running = sum((f.running_time for f in films if f.running_time), timedelta())
    allowed = sum((f.allowance for f in films if f.allowance), timedelta())
    allowance = max(running, allowed) + timedelta(seconds=draw(_extra))
    allowance = allowance or timedelta(minutes=1)
    rewatchable = [m for m in media if m.allowance is not None and m not in films]
    different_day = None
    on_another_day = draw(st.booleans())
    if rewatchable and on_another_day:
        again = [rewatchable[k] for k in draw(_some_of(len(rewatchable), 2))]
        different_day = DifferentDay(
            rewatch=tuple(m.id for m in again),
            allowance=allowance + sum((m.allowance for m in again if m.allowance), timedelta()),
        )
    place = draw(_one_or_none(len(free))) if free else None
    exercise = None if place is None else free.pop(place)  # an exercise follows one module
    discussion = draw(_discussions)
    return LearningModule(
        id=f"module-{next(numbers.serial)}",
        number=number,
        title=f"Module {number}",
        films=tuple(f.id for f in films),
        allowance=allowance,
        discussion=discussion,
        exercise=exercise,
        different_day=different_day,
    )


def _section(draw: st.DrawFn, numbers: _Numbers, number: int) -> Section:
    media = [_media(draw, numbers) for _ in range(draw(st.integers(0, 4)))]
    exercises = tuple(_exercise(draw, numbers) for _ in range(draw(st.integers(0, 3))))
    free = [e.id for e in exercises]
    modules = tuple(
        _module(draw, numbers, n, media, free)
        for n in range(1, (draw(st.integers(0, 3)) if media else 0) + 1)
    )
    return Section(
        id=f"section-{next(numbers.serial)}",
        number=number,
        title=f"Section {number}",
        modules=modules,
        media=tuple(media),
        exercises=exercises,
    )


def _one_optional(draw: st.DrawFn, sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """``sections``, one module's discussion made optional if none is and a module exists."""
    modules = [(s, m) for s, section in enumerate(sections) for m in range(len(section.modules))]
    talks = [m.discussion for section in sections for m in section.modules]
    if not modules or any(talk is not None and talk.optional for talk in talks):
        return sections
    s, m = modules[draw(st.integers(0, len(modules) - 1))]
    section = sections[s]
    talk = Discussion(duration=draw(_durations), optional=True)
    module = evolve(section.modules[m], discussion=talk)
    section = evolve(section, modules=(*section.modules[:m], module, *section.modules[m + 1 :]))
    return (*sections[:s], section, *sections[s + 1 :])


@st.composite
def _packs(draw: st.DrawFn, *, optional: bool = False) -> Pack:
    numbers = _Numbers()
    sections = tuple(
        _section(draw, numbers, number) for number in range(1, draw(st.integers(0, 3)) + 1)
    )
    if optional:
        sections = _one_optional(draw, sections)
    return Pack(
        id="pack",
        title="A pack",
        publisher="org",
        published=date(2026, 1, 1),
        sections=sections,
        organisations=(Organisation(id="org", name="An organisation"),),
    )


#: Valid packs in which every module and exercise can be planned in any order.
plannable_packs = _packs()
#: As ``plannable_packs``, with an optional discussion whenever there is a module.
packs_with_optional_discussions = _packs(optional=True)

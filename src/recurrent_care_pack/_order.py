"""The running order: the pack's items as a facilitator runs them, and the films shown by then.

Section by section: each module with the exercise that follows it (unless an earlier module
brought that exercise), then the section's exercises that follow no module. Checking and
planning both keep this order, so an exercise is checked against the films a plan shows
before it.
"""

from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet

from attrs import frozen

from ._model import Exercise, LearningModule, Pack, Section

__all__ = ["Turn", "films_shown", "running_order", "shown_before"]


@frozen
class Turn:
    """One place in the running order: a module and its exercise, or an exercise alone.

    ``module`` is None for an exercise on its own; ``exercise`` is an id, as a module names
    it (None for a module whose exercise an earlier turn brought, or that has none).
    """

    module: LearningModule | None
    exercise: str | None


def running_order(
    pack: Pack, items: Sequence[Section | LearningModule | Exercise] | None = None
) -> Iterator[Turn]:
    """The turns of ``items`` (default: the whole pack), in order, each module and exercise once.

    A section is its modules, then its exercises that no module of the pack leads. A module
    brings its exercise, unless an earlier turn brought it; an exercise on its own that an
    earlier turn brought is left out.
    """
    led = {m.exercise for s in pack.sections for m in s.modules if m.exercise is not None}
    modules: set[str] = set()
    placed: set[str] = set()
    for item in pack.sections if items is None else items:
        for module, named in _turns_of(item, led):
            if module is not None:
                if module.id in modules:
                    continue  # named twice
                modules.add(module.id)
            elif named in placed:
                continue  # an exercise its module (or an earlier turn) already brought
            exercise = None if named in placed else named
            if exercise is not None:
                placed.add(exercise)
            yield Turn(module, exercise)


def _turns_of(
    item: Section | LearningModule | Exercise, led: AbstractSet[str]
) -> Iterator[tuple[LearningModule | None, str | None]]:
    if isinstance(item, Section):
        for module in item.modules:
            yield module, module.exercise
        for exercise in item.exercises:
            if exercise.id not in led:
                yield None, exercise.id
    elif isinstance(item, LearningModule):
        yield item, item.exercise
    else:
        yield None, item.id


def films_shown(module: LearningModule) -> tuple[str, ...]:
    """The films a module shows, with those it re-watches when run on a different day."""
    rewatch = module.different_day.rewatch if module.different_day is not None else ()
    return (*rewatch, *module.films)


def shown_before(pack: Pack) -> Iterator[tuple[str, AbstractSet[str]]]:
    """Each exercise's id with the films shown before it in the running order of the pack.

    A module's films count with those it re-watches. The set of films grows as the order
    goes on: use it at once.
    """
    shown: set[str] = set()
    for turn in running_order(pack):
        if turn.module is not None:
            shown.update(films_shown(turn.module))
        if turn.exercise is not None:
            yield turn.exercise, shown

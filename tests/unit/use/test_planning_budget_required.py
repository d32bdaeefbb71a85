"""A required discussion is part of its module under a budget, as in a slot.

Never dropped, and counted in what the shortest module needs (found by
tests/properties/test_planning_properties.py::test_a_budgeted_plan_never_exceeds_its_budget).
"""

from datetime import time, timedelta

import pytest
from attrs import evolve
from small_packs import modules_pack, rows

from recurrent_care_pack import (
    Breaks,
    DifferentDay,
    Discussion,
    Pack,
    PlanError,
    PlanOptions,
    plan,
)

MIN = timedelta(minutes=1)
SEC = timedelta(seconds=1)


def _with_discussions(pack: Pack, *talks: Discussion | None) -> Pack:
    section = pack.sections[0]
    modules = tuple(evolve(m, discussion=t) for m, t in zip(section.modules, talks, strict=True))
    return evolve(pack, sections=(evolve(section, modules=modules),))


@pytest.mark.parametrize("discussions", [True, False])
def test_a_module_and_its_required_discussion_need_more_than_its_films(discussions: bool) -> None:
    """A minute of films and a required 61-second discussion need 2 minutes 1 second, not 1.

    Module 2 re-watches Module 1's film on a later day; planned alone, it shows no re-watch.
    """
    pack = _with_discussions(modules_pack([5, 1]), None, Discussion(duration=61 * SEC))
    section = pack.sections[0]
    second = evolve(
        section.modules[1], different_day=DifferentDay(rewatch=("film-1",), allowance=6 * MIN)
    )
    pack = evolve(pack, sections=(evolve(section, modules=(section.modules[0], second)),))
    options = PlanOptions(budget=MIN, discussions=discussions)
    with pytest.raises(PlanError) as raised:
        plan(pack, ["module-2"], options)
    assert str(raised.value) == (
        "nothing in the selection fits in 1 minute: the shortest, Module 2 of Section 1, "
        "needs 2 minutes 1 second; give a longer budget"
    )
    agenda = plan(pack, ["module-2"], evolve(options, budget=121 * SEC))
    assert [e.duration for e in agenda.entries] == [MIN, 61 * SEC]


def test_a_budget_leaves_out_a_module_rather_than_its_required_discussion() -> None:
    """Two 10-minute modules, each with a required 10-minute discussion, breaks: one fits whole.

    A 10-minute break every 20 minutes: 45 minutes hold Module 1 and its discussion; Module 2
    is left out whole, not planned without its discussion.
    """
    required = Discussion(duration=10 * MIN)
    pack = _with_discussions(modules_pack([10, 10]), required, required)
    breaks = Breaks(every=20 * MIN, length=10 * MIN)
    agenda = plan(pack, options=PlanOptions(budget=45 * MIN, breaks=breaks))
    assert rows(agenda) == [
        (1, "09:30", "09:40", "Module 1 films: Film 1"),
        (1, "09:40", "09:50", "Discussion"),
    ]
    assert agenda.left_out == ("Module 2 of Section 1",)


def test_a_budget_drops_an_optional_discussion_before_a_module() -> None:
    """The same with Module 2's discussion optional: both modules, Module 2 without it."""
    pack = _with_discussions(
        modules_pack([10, 10]),
        Discussion(duration=10 * MIN),
        Discussion(duration=10 * MIN, optional=True),
    )
    options = PlanOptions(
        start=time(9, 30),
        budget=45 * MIN,
        discussions=True,
        breaks=Breaks(every=20 * MIN, length=10 * MIN),
    )
    agenda = plan(pack, options=options)
    assert rows(agenda) == [
        (1, "09:30", "09:40", "Module 1 films: Film 1"),
        (1, "09:40", "09:50", "Discussion"),
        (1, "09:50", "10:00", "Break"),
        (1, "10:00", "10:10", "Module 2 films: Film 2"),
    ]
    assert agenda.left_out == ("the optional discussion after Module 2 of Section 1",)

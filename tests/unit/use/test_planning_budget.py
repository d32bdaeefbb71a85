"""Budgets: the most of the pack's content that fits, breaks included."""

from datetime import timedelta

import pytest
from small_packs import modules_pack
from small_packs import rows as _rows

from recurrent_care_pack import Breaks, Pack, PlanError, PlanOptions, load_pack, plan

MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The bundled pack."""
    return load_pack()


def test_budget_drops_discussions_before_modules(pack: Pack) -> None:
    """With 3 h 5 min and discussions wanted, all modules fit without their discussions."""
    agenda = plan(pack, ["section-3"], PlanOptions(budget=185 * MIN, discussions=True))
    assert agenda.total == 185 * MIN
    assert agenda.left_out == tuple(
        f"the optional discussion after Module {n} of Section 3" for n in (1, 2, 3)
    )


def test_budget_too_small_for_anything(pack: Pack) -> None:
    """Twenty minutes hold no module: the planner says so."""
    with pytest.raises(PlanError, match="nothing in the selection fits in 20 minutes"):
        plan(pack, ["section-3"], PlanOptions(budget=20 * MIN))


def test_a_budget_finds_the_small_modules_after_a_long_one() -> None:
    """Thirteen modules, the first 5 hours and the rest 2 minutes: 2 hours hold the twelve."""
    agenda = plan(modules_pack([300] + [2] * 12), options=PlanOptions(budget=120 * MIN))
    assert agenda.left_out == ("Module 1 of Section 1",)
    assert agenda.total == 24 * MIN
    assert [e.item for e in agenda.entries] == [f"module-{n}" for n in range(2, 14)]


def test_a_budget_prefers_more_content_then_more_items_then_the_first() -> None:
    """In 5 minutes: 5 beats 2 + 2; 3 + 2 beats 5; of 2 + 3 and 2 + 3, the first 2."""

    def items(minutes: list[int]) -> list[str | None]:
        agenda = plan(modules_pack(minutes), options=PlanOptions(budget=5 * MIN))
        return [e.item for e in agenda.entries]

    assert items([5, 2, 2]) == ["module-1"]
    assert items([5, 3, 2]) == ["module-2", "module-3"]
    assert items([2, 2, 3]) == ["module-1", "module-3"]


def test_a_budget_counts_content_not_a_re_watch(pack: Pack) -> None:
    """In 90 minutes, Module 1 (70 min) beats Module 3 (62 min, though 85 with Film 6 first)."""
    agenda = plan(pack, ["section-3"], PlanOptions(budget=90 * MIN))
    assert [e.item for e in agenda.entries] == ["section-3-module-1", "exercise-8"]
    assert agenda.left_out == ("Module 2 of Section 3", "Module 3 of Section 3")


def test_a_budget_over_two_days_keeps_every_discussion(pack: Pack) -> None:
    """Four hours over two days hold all three discussions: Module 3 follows Module 2 on Day 2."""
    options = PlanOptions(
        days=2, discussions=True, budget=240 * MIN, breaks=Breaks(after_exercises=True)
    )
    agenda = plan(pack, options=options)
    assert _rows(agenda) == [
        (1, "09:30", "10:10", "Module 1 films: Films 2, 3, 4 and 5"),
        (1, "10:10", "10:20", "Optional discussion (whole group)"),
        (
            1,
            "10:20",
            "10:50",
            "Exercise 8: Understanding non-engagement and attachment through a case study",
        ),
        (2, "09:30", "09:53", "Module 2 films: Film 6"),
        (2, "09:53", "10:03", "Optional discussion (whole group)"),
        (
            2,
            "10:03",
            "10:33",
            "Exercise 9: Understanding non-engagement and complex trauma through a case study",
        ),
        (2, "10:33", "10:48", "Break"),
        (2, "10:48", "11:20", "Module 3 films: Film 7"),
        (2, "11:20", "11:30", "Optional discussion"),
        (
            2,
            "11:30",
            "12:00",
            "Exercise 10: Thinking about trauma-informed approaches in your work",
        ),
    ]
    assert agenda.left_out == ()
    assert agenda.total == 230 * MIN


def test_refuses_a_budget_of_nothing(pack: Pack) -> None:
    """A budget of zero is refused, not answered with a traceback."""
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(budget=timedelta()))
    assert str(raised.value) == "a budget must be more than zero; give one such as 3 hours"

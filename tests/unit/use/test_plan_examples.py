"""Plans at their edges: refusals word for word, budgets over days, what a budget leaves out."""

from datetime import time, timedelta

import pytest
from small_packs import modules_pack

import recurrent_care_pack as rcp

MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


@pytest.mark.parametrize(
    ("selection", "options", "message"),
    [
        (["section-3"], rcp.PlanOptions(days=0), "a plan needs at least one day"),
        (
            ["section-3"],
            rcp.PlanOptions(breaks=rcp.Breaks(at=(time(13, 0),)), day_end=time(12, 0), days=2),
            "the break at 13:00 comes after the end of the day at 12:00; choose an earlier time",
        ),
        (
            ["Module 1"],
            rcp.PlanOptions(days=2),
            "2 days for 1 module and exercises: choose fewer days or more items",
        ),
        (
            ["Module 1", "Module 2"],
            rcp.PlanOptions(days=3),
            "3 days for 2 modules and exercises: choose fewer days or more items",
        ),
        (
            ["sheena-webb"],
            rcp.PlanOptions(),
            "sheena-webb cannot be planned: choose modules, exercises or sections",
        ),
        (
            ["exercise-8", "Module 1"],
            rcp.PlanOptions(),
            "Exercise 8 comes before Module 1 of Section 3, which the pack runs before it; put "
            "Module 1 of Section 3 first (it brings Exercise 8 with it)",
        ),
    ],
)
def test_plans_no_one_could_run_are_refused_saying_why(
    pack: rcp.Pack, selection: list[str], options: rcp.PlanOptions, message: str
) -> None:
    """Each refusal says what is wrong in a facilitator's words."""
    with pytest.raises(rcp.PlanError) as raised:
        rcp.plan(pack, selection, options)
    assert str(raised.value) == message


def test_an_item_named_twice_or_brought_by_its_module_is_planned_once(pack: rcp.Pack) -> None:
    """Module 1 twice and Exercise 8 after it: films, then Exercise 8, once each."""
    agenda = rcp.plan(pack, ["Module 1", "section-3-module-1", "exercise-8"])
    assert [(e.item, e.kind.value) for e in agenda.entries] == [
        ("section-3-module-1", "films"),
        ("exercise-8", "exercise"),
    ]


def test_an_agenda_keeps_its_options_and_marks_optional_discussions(pack: rcp.Pack) -> None:
    """The options planned with are the agenda's; only optional discussions are optional."""
    options = rcp.PlanOptions(discussions=True)
    agenda = rcp.plan(pack, ["Module 1"], options)
    assert agenda.options == options
    assert [(e.kind.value, e.optional) for e in agenda.entries] == [
        ("films", False),
        ("discussion", True),
        ("exercise", False),
    ]


@pytest.mark.parametrize(
    ("minutes", "left_out"),
    [
        (125, ["Module 1 of Section 3", "the optional discussion after Module 3 of Section 3"]),
        (145, ["Module 3 of Section 3"]),
        (205, ["the optional discussion after Module 3 of Section 3"]),
        (215, []),
    ],
)
def test_a_budget_says_what_it_leaves_out(
    pack: rcp.Pack, minutes: int, left_out: list[str]
) -> None:
    """Modules and optional discussions that do not fit are named, modules first."""
    options = rcp.PlanOptions(discussions=True, budget=minutes * MIN)
    assert list(rcp.plan(pack, ["section-3"], options).left_out) == left_out


@pytest.mark.parametrize(
    ("minutes", "days", "left_out"),
    [
        (70, [(1, "module-1"), (1, "module-2"), (2, "module-4")], ["Module 3 of Section 1"]),
        (100, [(1, "module-1"), (1, "module-2"), (1, "module-3"), (2, "module-4")], []),
    ],
)
def test_a_budget_over_two_days_keeps_the_longest_day_short(
    minutes: int, days: list[tuple[int, str]], left_out: list[str]
) -> None:
    """Modules of 10, 20, 30 and 40 minutes over two days: what fits, split 60 and 40."""
    options = rcp.PlanOptions(days=2, budget=minutes * MIN)
    agenda = rcp.plan(modules_pack([10, 20, 30, 40]), options=options)
    assert [(e.day, e.item) for e in agenda.entries] == days
    assert list(agenda.left_out) == left_out

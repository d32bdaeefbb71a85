"""Plain examples at the edges: each would catch a small bug that the suite once let through."""

from datetime import date, time, timedelta

import pytest

import recurrent_care_pack as rcp

MIN = timedelta(minutes=1)


def _pack(
    modules: tuple[rcp.LearningModule, ...] = (),
    exercises: tuple[rcp.Exercise, ...] = (),
    tips: rcp.TipsFromPractice | None = None,
    works: tuple[rcp.Work, ...] = (),
) -> rcp.Pack:
    """A pack of one section (number 1) holding these, and Films 1 to 3 of 10 minutes each."""
    films = tuple(
        rcp.Media(id=f"film-{n}", kind=rcp.MediaKind.FILM, number=n, allowance=10 * MIN)
        for n in (1, 2, 3)
    )
    section = rcp.Section(
        id="section-1",
        number=1,
        title="A section",
        modules=modules,
        media=films,
        exercises=exercises,
        tips=tips,
    )
    return rcp.Pack(
        id="pack",
        title="A pack",
        publisher="org",
        published=date(2026, 1, 1),
        sections=(section,),
        organisations=(rcp.Organisation(id="org", name="An organisation"),),
        works=works,
    )


def _module(
    number: int, discussion: rcp.Discussion | None = None, exercise: str | None = None
) -> rcp.LearningModule:
    return rcp.LearningModule(
        id=f"module-{number}",
        number=number,
        title=f"Module {number}",
        films=(f"film-{number}",),
        allowance=10 * MIN,
        discussion=discussion,
        exercise=exercise,
    )


def _exercise(number: int, minutes: int, *needs: rcp.Need) -> rcp.Exercise:
    return rcp.Exercise(
        id=f"exercise-{number}",
        number=number,
        title=f"Exercise {number}",
        time=minutes * MIN,
        what_you_need=needs,
    )


REQUIRED = rcp.Discussion(duration=5 * MIN)
OPTIONAL = rcp.Discussion(duration=7 * MIN, optional=True)

#: Module 1 (10) with a required discussion (5) and Exercise 1 (20); Module 2 (10) with an
#: optional discussion (7); Module 3 (10) alone; Exercise 2 (30) following no module.
TIMED = _pack(
    modules=(_module(1, REQUIRED, "exercise-1"), _module(2, OPTIONAL), _module(3)),
    exercises=(_exercise(1, 20), _exercise(2, 30)),
)


def test_module_time_adds_what_is_asked_for() -> None:
    """A module's time is its films, plus its discussion or its exercise only when asked."""
    module_1, module_2, module_3 = TIMED.sections[0].modules
    assert rcp.module_time(TIMED, module_1) == 10 * MIN
    assert rcp.module_time(TIMED, module_1, discussion=True) == 15 * MIN
    assert rcp.module_time(TIMED, module_1, exercise=True) == 30 * MIN
    assert rcp.module_time(TIMED, module_1, discussion=True, exercise=True) == 35 * MIN
    assert rcp.module_time(TIMED, module_2, discussion=True, exercise=True) == 17 * MIN
    assert rcp.module_time(TIMED, module_3, discussion=True, exercise=True) == 10 * MIN
    assert rcp.module_time(TIMED, module_3, different_day=True) == 10 * MIN


def test_section_time_counts_required_discussions_and_optional_ones_when_asked() -> None:
    """10 + 5 + 20, 10, 10 and Exercise 2's 30 make 85 minutes; the optional 7 makes 92."""
    section = TIMED.sections[0]
    assert rcp.section_time(TIMED, section) == 85 * MIN
    assert rcp.section_time(TIMED, section, optional=True) == 92 * MIN
    assert rcp.pack_time(TIMED) == 85 * MIN
    assert rcp.pack_time(TIMED, optional=True) == 92 * MIN


def test_a_plan_holds_the_required_discussion_and_the_optional_one_when_asked() -> None:
    """The planned session time agrees with section_time, with and without optional talk."""
    assert rcp.plan(TIMED).session_time == 85 * MIN
    assert rcp.plan(TIMED, options=rcp.PlanOptions(discussions=True)).session_time == 92 * MIN


def test_materials_merge_names_that_differ_only_in_case() -> None:
    """Post-its, post-its and POST-ITS are one thing to bring, named as first written."""
    pack = _pack(
        exercises=(
            _exercise(1, 10, rcp.Material(name="Post-its")),
            _exercise(2, 10, rcp.Material(name="post-its"), rcp.Material(name="Pens")),
            _exercise(3, 10, rcp.Material(name="POST-ITS")),
        )
    )
    assert rcp.materials(pack).things == (
        rcp.MaterialItem(name="Post-its", exercises=("exercise-1", "exercise-2", "exercise-3")),
        rcp.MaterialItem(name="Pens", exercises=("exercise-2",)),
    )


#: A lead-in tip whose only citation is in a point under it, and a tip citing another work.
CITING = _pack(
    modules=(_module(1),),
    tips=rcp.TipsFromPractice(
        title="Tips",
        categories=(
            rcp.TipCategory(
                id="tips",
                title="Tips on recruitment",
                tips=(
                    rcp.Tip(
                        id="lead-in",
                        text="Look to recruit people who:",
                        points=(rcp.Tip(id="point", text="Can engage.", cites=("report",)),),
                    ),
                    rcp.Tip(id="own-pace", text="Work at their pace.", cites=("review",)),
                ),
            ),
        ),
    ),
    works=(
        rcp.Work(id="review", title="A review", year=2018),
        rcp.Work(id="report", title="A report", year=2017, authors=("Mason, C.",)),
    ),
)


@pytest.mark.parametrize("kind", ["tips", "guide"])
def test_works_cited_include_those_cited_under_a_lead_in_tip(kind: str) -> None:
    """The works cited list the work a point under a lead-in cites, in the order cited."""
    out = rcp.render_handout(CITING, kind, "md").decode("utf-8")
    works = out.split("## Works cited", 1)[1].splitlines()  # a list, or the tips' last card
    assert [line for line in works if line.startswith("- ")] == [
        "- Mason, C. (2017) A report.",
        "- A review (2018).",
    ]


def _ends(options: rcp.PlanOptions) -> list[str]:
    agenda = rcp.plan(TIMED, ["module-1", "module-3"], options)
    return [f"{e.day} {e.start:%H:%M}-{e.end:%H:%M} {e.kind.value}" for e in agenda.entries]


def test_days_ending_exactly_at_the_day_end_are_allowed_on_every_day() -> None:
    """Two days of 35 and 10 minutes from 09:00 fit a day end of 09:35, not of 09:34."""
    options = rcp.PlanOptions(start=time(9, 0), days=2, day_end=time(9, 35))
    assert _ends(options) == [
        "1 09:00-09:10 films",
        "1 09:10-09:15 discussion",
        "1 09:15-09:35 exercise",
        "2 09:00-09:10 films",
    ]
    with pytest.raises(rcp.PlanError) as raised:
        rcp.plan(
            TIMED,
            ["module-1", "module-3"],
            rcp.PlanOptions(start=time(9, 0), days=2, day_end=time(9, 34)),
        )
    assert str(raised.value) == (
        "Day 1 needs 35 minutes for Module 1 of Section 1 (from 09:00 to 09:35), and its "
        "slot, 09:00 to 09:34, holds 34 minutes; plan fewer items, book a longer slot, or "
        "give a budget (--budget, or budget in a session file) to let the plan choose"
    )


def test_a_break_every_so_often_is_due_exactly_when_the_time_has_run() -> None:
    """At most 35 (or 44) minutes without a break: one before Module 3; at most 45: none."""
    every = rcp.PlanOptions(start=time(9, 0), breaks=rcp.Breaks(every=35 * MIN, length=5 * MIN))
    assert _ends(every) == [
        "1 09:00-09:10 films",
        "1 09:10-09:15 discussion",
        "1 09:15-09:35 exercise",
        "1 09:35-09:40 break",
        "1 09:40-09:50 films",
    ]
    almost = rcp.PlanOptions(start=time(9, 0), breaks=rcp.Breaks(every=44 * MIN, length=5 * MIN))
    assert _ends(almost) == _ends(every)
    later = rcp.PlanOptions(start=time(9, 0), breaks=rcp.Breaks(every=45 * MIN, length=5 * MIN))
    assert [e.split()[-1] for e in _ends(later)] == ["films", "discussion", "exercise", "films"]


def test_a_break_at_the_minute_the_module_ends_comes_then() -> None:
    """A break at 09:35 comes then, when Module 1 ends; at 09:36 then too; at 09:45 never."""
    at = rcp.PlanOptions(start=time(9, 0), breaks=rcp.Breaks(at=(time(9, 35),), length=5 * MIN))
    assert _ends(at)[-2:] == ["1 09:35-09:40 break", "1 09:40-09:50 films"]
    near = rcp.PlanOptions(start=time(9, 0), breaks=rcp.Breaks(at=(time(9, 36),), length=5 * MIN))
    assert _ends(near)[-2:] == ["1 09:35-09:40 break", "1 09:40-09:50 films"]
    with pytest.raises(rcp.PlanError) as raised:
        _ends(rcp.PlanOptions(start=time(9, 0), breaks=rcp.Breaks(at=(time(9, 45),))))
    assert str(raised.value) == (
        "the break at 09:45 is never taken: the plan ends at 09:45; choose an earlier time "
        "or leave it out"
    )

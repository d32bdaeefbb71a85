"""The planner lays out Section 3 by the pack's rules, with clock times, days and breaks."""

import json
from datetime import time, timedelta

import pytest

from recurrent_care_pack import (
    Agenda,
    Breaks,
    EntryKind,
    Pack,
    PlanError,
    PlanOptions,
    load_pack,
    plan,
)
from recurrent_care_pack._cli import main

MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The bundled pack."""
    return load_pack()


def _rows(agenda: Agenda) -> list[tuple[int, str, str, str]]:
    return [(e.day, f"{e.start:%H:%M}", f"{e.end:%H:%M}", e.title) for e in agenda.entries]


def test_section_3_in_one_day_with_a_break_after_each_exercise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """From 09:30, a 15-minute break after each exercise but the last: ends 13:05."""
    assert main(["plan", "section-3", "--start", "09:30", "--break-after-exercises"]) == 0
    assert capsys.readouterr().out == (
        "  09:30-10:10    40 min  Module 1 films: Films 2, 3, 4 and 5\n"
        "  10:10-10:40    30 min  Exercise 8: Understanding non-engagement and attachment "
        "through a case study\n"
        "  10:40-10:55    15 min  Break\n"
        "  10:55-11:18    23 min  Module 2 films: Film 6\n"
        "  11:18-11:48    30 min  Exercise 9: Understanding non-engagement and complex trauma "
        "through a case study\n"
        "  11:48-12:03    15 min  Break\n"
        "  12:03-12:35    32 min  Module 3 films: Film 7\n"
        "  12:35-13:05    30 min  Exercise 10: Thinking about trauma-informed approaches in your "
        "work\n"
        "\n"
        "Ends 13:05. In all: 3 hours 35 min (3 hours 5 min of sessions, 30 min of breaks)\n"
    )


def test_section_3_in_one_day_with_and_without_discussions(pack: Pack) -> None:
    """One day: 3 h 5 min without the optional discussions, 3 h 35 min with them."""
    without = plan(pack, ["section-3"])
    assert without.total == 185 * MIN
    assert [e.kind for e in without.entries].count(EntryKind.DISCUSSION) == 0
    with_them = plan(pack, ["section-3"], PlanOptions(discussions=True))
    assert with_them.total == 215 * MIN
    assert _rows(with_them)[1] == (1, "10:10", "10:20", "Optional discussion (whole group)")
    assert _rows(with_them)[-1] == (
        1,
        "12:35",
        "13:05",
        "Exercise 10: Thinking about trauma-informed approaches in your work",
    )


def test_section_3_over_three_days_re_watches_film_6(pack: Pack) -> None:
    """A module a day: Module 3 starts by watching Film 6 again, 55 minutes of films."""
    agenda = plan(pack, ["section-3"], PlanOptions(days=3))
    assert agenda.days == 3
    assert _rows(agenda) == [
        (1, "09:30", "10:10", "Module 1 films: Films 2, 3, 4 and 5"),
        (
            1,
            "10:10",
            "10:40",
            "Exercise 8: Understanding non-engagement and attachment through a case study",
        ),
        (2, "09:30", "09:53", "Module 2 films: Film 6"),
        (
            2,
            "09:53",
            "10:23",
            "Exercise 9: Understanding non-engagement and complex trauma through a case study",
        ),
        (3, "09:30", "10:25", "Module 3 films: Film 6 again, then Film 7"),
        (
            3,
            "10:25",
            "10:55",
            "Exercise 10: Thinking about trauma-informed approaches in your work",
        ),
    ]
    assert agenda.entries[4].films == ("film-6", "film-7")
    assert agenda.total == 208 * MIN
    assert plan(pack, ["section-3"], PlanOptions(days=3, discussions=True)).total == 238 * MIN


def test_module_3_alone_watches_film_6_first(pack: Pack) -> None:
    """Exercise 10 discusses Film 6 too, so Module 3 on its own shows it first."""
    assert _rows(plan(pack, ["Module 3"]))[0] == (
        1,
        "09:30",
        "10:25",
        "Module 3 films: Film 6 first, then Film 7",
    )


def test_refuses_an_exercise_before_its_films(pack: Pack) -> None:
    """An exercise named before its module, or without its films, is refused."""
    with pytest.raises(PlanError) as before:
        plan(pack, ["Exercise 9", "Module 2"])
    assert str(before.value) == (
        "Exercise 9 comes before Module 2 of Section 3, whose films it discusses; "
        "put Module 2 of Section 3 first (it brings Exercise 9 with it)"
    )
    with pytest.raises(PlanError) as alone:
        plan(pack, ["Exercise 9"])
    assert str(alone.value) == (
        "Exercise 9 discusses Film 6, which the plan does not show before it; "
        "add the module with Film 6 first"
    )


def test_refuses_a_day_that_ends_before_its_items_fit(pack: Pack) -> None:
    """A day that must end at 12:30 cannot hold all of Section 3 from 09:30."""
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(day_end=time(12, 30)))
    assert str(raised.value) == (
        "Day 1 would end at 12:35, after 12:30, with Exercise 10: Thinking about "
        "trauma-informed approaches in your work; start earlier, use more days, or give a "
        "budget to see what fits"
    )
    # Over two days the longer day is kept short: Module 1, then Modules 2 and 3 together.
    fits = plan(pack, ["section-3"], PlanOptions(day_end=time(12, 30), days=2))
    assert [(e.day, f"{e.end:%H:%M}") for e in fits.entries if e.kind is EntryKind.EXERCISE] == [
        (1, "10:40"),
        (2, "10:23"),
        (2, "11:25"),
    ]


def test_refuses_more_days_than_items(pack: Pack) -> None:
    """Five days for three modules is refused."""
    with pytest.raises(PlanError, match="5 days for 3 modules and exercises"):
        plan(pack, ["section-3"], PlanOptions(days=5))


def test_a_morning_of_three_hours(pack: Pack) -> None:
    """Three hours with discussions: Modules 1 and 3 fit (Film 6 shown first); 2 is left out."""
    agenda = plan(pack, ["section-3"], PlanOptions(budget=180 * MIN, discussions=True))
    assert agenda.total == 175 * MIN
    assert agenda.left_out == ("Module 2 of Section 3",)
    # Without discussions: 1 and 3 (70 + 85 with Film 6 first) beat 1 and 2 (70 + 53).
    without = plan(pack, ["section-3"], PlanOptions(budget=180 * MIN))
    assert without.total == 155 * MIN
    assert without.left_out == ("Module 2 of Section 3",)
    assert plan(pack, ["section-3"], PlanOptions(budget=185 * MIN)).left_out == ()


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


def test_breaks_every_run_and_at_set_times_fall_between_modules(pack: Pack) -> None:
    """A break once an hour has run, or from 11:00, comes between modules, never inside one."""
    # 70 minutes of Module 1 have run: a break. Module 2 runs only 53, so no second break.
    every = plan(pack, ["section-3"], PlanOptions(breaks=Breaks(every=60 * MIN)))
    assert [f"{e.start:%H:%M}" for e in every.entries if e.kind is EntryKind.BREAK] == ["10:40"]
    at = plan(pack, ["section-3"], PlanOptions(breaks=Breaks(at=(time(11, 0),), length=20 * MIN)))
    assert [(f"{e.start:%H:%M}", e.duration) for e in at.entries if e.kind is EntryKind.BREAK] == [
        ("11:33", 20 * MIN),
    ]


def test_plan_json_is_stable(capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` gives days, entries with clock times and seconds, totals, what was left out."""
    assert main(["plan", "Module 2", "--start", "14:00", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "days": [
            {
                "day": 1,
                "start": "14:00",
                "end": "14:53",
                "entries": [
                    {
                        "start": "14:00",
                        "end": "14:23",
                        "seconds": 1380,
                        "duration": "23 minutes",
                        "kind": "films",
                        "title": "Module 2 films: Film 6",
                        "item": "section-3-module-2",
                        "films": ["film-6"],
                        "optional": False,
                    },
                    {
                        "start": "14:23",
                        "end": "14:53",
                        "seconds": 1800,
                        "duration": "30 minutes",
                        "kind": "exercise",
                        "title": "Exercise 9: Understanding non-engagement and complex trauma "
                        "through a case study",
                        "item": "exercise-9",
                        "films": [],
                        "optional": False,
                    },
                ],
            }
        ],
        "total_seconds": 3180,
        "session_seconds": 3180,
        "left_out": [],
    }


def test_plan_refusal_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An impossible plan exits 2 with the reason."""
    assert main(["plan", "Exercise 9"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: cannot plan: Exercise 9 discusses Film 6, which the plan does not show "
        "before it; add the module with Film 6 first\n"
    )


def test_materials_checklist(capsys: pytest.CaptureFixture[str]) -> None:
    """``rcpack materials`` prints what to print, what to bring and the choices."""
    assert main(["materials"]) == 0
    assert capsys.readouterr().out == (
        "To print\n"
        "  [ ] The case study of Tina (Exercise 8)\n"
        "  [ ] The case study of Amy (Exercise 9)\n"
        "To bring\n"
        "  [ ] flipchart paper (Exercises 9 and 10)\n"
        "  [ ] marker pens (Exercises 9 and 10)\n"
        "  [ ] Post-its (Exercises 9 and 10)\n"
        "Either of\n"
        "  [ ] flipchart paper and marker pens, or Post-its (Exercise 8)\n"
    )


def test_show_a_module_with_its_times(capsys: pytest.CaptureFixture[str]) -> None:
    """``rcpack show "Module 3"`` gives its times, the different-day one included."""
    assert main(["show", "Module 3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:6] == [
        "Module 3 of Section 3: Trauma-informed approaches in recurrent care",
        "  films: 32 minutes",
        "  with the discussion: 42 minutes",
        "  with its exercise: 1 hour 2 minutes",
        "  with both: 1 hour 12 minutes",
        "  on a different day, with its exercise: 1 hour 25 minutes",
    ]
    assert "id: section-3-module-3" in out


def test_show_unknown_item(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown item exits 2 with a did-you-mean."""
    assert main(["show", "Film 66"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: nothing in the pack is called 'Film 66'; did you mean 'film-6'?\n"
    )

"""The planner lays out Section 3 by the pack's rules, with clock times, days and breaks."""

import json
from datetime import time, timedelta

import pytest
from small_packs import modules_pack
from small_packs import rows as _rows

from recurrent_care_pack import (
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


def test_section_3_in_one_day_with_a_break_after_each_exercise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """From 09:30, a 15-minute break after each exercise but the last: ends 13:05."""
    assert main(["plan", "section-3", "--start", "09:30", "--break-after-exercises"]) == 0
    assert capsys.readouterr().out == (
        "  09:30-10:10    40 min  Module 1 films: Films 2, 3, 4 and 5\n"
        "  10:10-10:40    30 min  Exercise 8: Understanding non-engagement and attachment "
        "through a case study\n"
        "  10:40-10:55    15 min  Break, back at 10:55\n"
        "  10:55-11:18    23 min  Module 2 films: Film 6\n"
        "  11:18-11:48    30 min  Exercise 9: Understanding non-engagement and complex trauma "
        "through a case study\n"
        "  11:48-12:03    15 min  Break, back at 12:03\n"
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
        (3, "09:30", "10:25", "Module 3 films: Film 6 again (the pack's suggestion), then Film 7"),
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


def test_refuses_an_exercise_before_its_films(pack: Pack) -> None:
    """An exercise named before its module, or without its films, is refused."""
    with pytest.raises(PlanError) as before:
        plan(pack, ["Exercise 9", "Module 2"])
    assert str(before.value) == (
        "Exercise 9 comes before Module 2 of Section 3, which the pack runs before it; "
        "put Module 2 of Section 3 first (it brings Exercise 9 with it)"
    )


def test_refuses_a_day_that_ends_before_its_items_fit(pack: Pack) -> None:
    """A day that must end at 12:30 cannot hold all of Section 3 from 09:30."""
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(day_end=time(12, 30)))
    assert str(raised.value) == (
        "the plan needs 3 hours 5 minutes for Module 1 of Section 3, Module 2 of Section 3 "
        "and Module 3 of Section 3 (from 09:30 to 12:35), and its slot, 09:30 to 12:30, "
        "holds 3 hours; plan fewer items, book a longer slot, or give a budget "
        "(--budget, or budget in a session file) to let the plan choose"
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
    # Without discussions: 1 and 3 (70 + 62, 85 with Film 6 first) beat 1 and 2 (70 + 53).
    without = plan(pack, ["section-3"], PlanOptions(budget=180 * MIN))
    assert without.total == 155 * MIN
    assert without.left_out == ("Module 2 of Section 3",)
    assert plan(pack, ["section-3"], PlanOptions(budget=185 * MIN)).left_out == ()


def test_breaks_every_run_and_at_set_times_fall_between_modules(pack: Pack) -> None:
    """At most an hour without a break, or one about 11:00: between items, never inside one."""
    # Module 1 alone runs 70 minutes: said. Then a break before each item that would pass 60.
    every = plan(pack, ["section-3"], PlanOptions(breaks=Breaks(every=60 * MIN)))
    assert [f"{e.start:%H:%M}" for e in every.entries if e.kind is EntryKind.BREAK] == [
        "10:40",
        "11:48",
    ]
    assert [n.text for n in every.notes] == [
        "Module 1 of Section 3 runs 1 hour 10 minutes without a break (09:30 to 10:40), "
        "more than the 1 hour asked for: breaks go between items, and it is one item.",
        "Module 3 of Section 3 runs 1 hour 2 minutes without a break (12:03 to 13:05), "
        "more than the 1 hour asked for: breaks go between items, and it is one item.",
    ]
    at = plan(pack, ["section-3"], PlanOptions(breaks=Breaks(at=(time(11, 0),), length=20 * MIN)))
    assert [(f"{e.start:%H:%M}", e.duration) for e in at.entries if e.kind is EntryKind.BREAK] == [
        ("10:40", 20 * MIN),
    ]


def test_plan_json_is_stable(capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` gives days, entries with clock times and seconds, totals, what was left out."""
    assert main(["plan", "Module 2", "--start", "14:00", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "days": [
            {
                "day": 1,
                "date": None,
                "start": "14:00",
                "end": "14:53",
                "slot_start": "14:00",
                "slot_end": None,
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
                        "rewatch": [],
                        "note": None,
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
                        "rewatch": [],
                        "note": None,
                    },
                ],
            }
        ],
        "total_seconds": 3180,
        "session_seconds": 3180,
        "left_out": [],
        "notes": [],
    }


def test_plan_refusal_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An impossible plan exits 2 with the reason."""
    assert main(["plan", "Exercise 9", "Module 2"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: cannot plan: Exercise 9 comes before Module 2 of Section 3, which the pack "
        "runs before it; put Module 2 of Section 3 first (it brings Exercise 9 with it)\n"
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
        "  on a different day, with the films the pack suggests watching first and its "
        "exercise: 1 hour 25 minutes",
    ]
    assert "id: section-3-module-3" in out


def test_show_unknown_item(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown item exits 2 with a did-you-mean."""
    assert main(["show", "Film 66"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: nothing in the pack is called 'Film 66'; did you mean 'film-6'?\n"
    )


def test_thirty_one_minute_modules_over_ten_days() -> None:
    """Thirty one-minute modules over ten days: three a day, each day 09:30 to 09:33."""
    agenda = plan(modules_pack([1] * 30), options=PlanOptions(days=10))
    assert agenda.days == 10
    assert [len(agenda.day(d)) for d in range(1, 11)] == [3] * 10
    assert {f"{agenda.day(d)[-1].end:%H:%M}" for d in range(1, 11)} == {"09:33"}


def test_days_keep_the_longest_short_and_break_early() -> None:
    """Minutes 1, 1, 4, 1, 1 over two days: 2 and 6 (not 6 and 2), the earliest of the best."""
    agenda = plan(modules_pack([1, 1, 4, 1, 1]), options=PlanOptions(days=2))
    assert [e.day for e in agenda.entries] == [1, 1, 2, 2, 2]
    three = plan(modules_pack([2, 2, 2, 2]), options=PlanOptions(days=3))
    assert [e.day for e in three.entries] == [1, 2, 3, 3]


def test_a_day_ending_exactly_at_the_day_end_is_allowed(pack: Pack) -> None:
    """Section 3 ends at 12:35: a day end of 12:35 holds it, 12:34 does not."""
    agenda = plan(pack, ["section-3"], PlanOptions(day_end=time(12, 35)))
    assert f"{agenda.entries[-1].end:%H:%M}" == "12:35"
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(day_end=time(12, 34)))
    assert str(raised.value).startswith(
        "the plan needs 3 hours 5 minutes for Module 1 of Section 3, Module 2 of Section 3 "
        "and Module 3 of Section 3 (from 09:30 to 12:35), and its slot, 09:30 to 12:34, "
        "holds 3 hours 4 minutes;"
    )


def test_a_break_exactly_at_its_time_is_taken(pack: Pack) -> None:
    """Module 1 ends at 10:40: a break at 10:40 comes then; one at 10:41 too, saying so."""

    def breaks_at(clock: time) -> list[str]:
        agenda = plan(pack, ["section-3"], PlanOptions(breaks=Breaks(at=(clock,))))
        return [f"{e.start:%H:%M}" for e in agenda.entries if e.kind is EntryKind.BREAK]

    assert breaks_at(time(10, 40)) == ["10:40"]
    assert breaks_at(time(10, 41)) == ["10:40"]
    moved = plan(pack, ["section-3"], PlanOptions(breaks=Breaks(at=(time(10, 41),))))
    assert [n.text for n in moved.notes] == [
        "The break asked for at 10:41 is at 10:40, after Exercise 8: the nearest point "
        "between items.",
        "From 10:55 to 12:50, 1 hour 55 minutes of films, discussion and exercises run "
        "without a break, and this content is about trauma: consider a break "
        "(--break-every 90m, or comfort_breaks in a session file).",
    ]
    taken = plan(pack, ["section-3"], PlanOptions(breaks=Breaks(at=(time(10, 40),))))
    assert not any(n.text.startswith("The break") for n in taken.notes)


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        (
            Breaks(length=-15 * MIN),
            "a break must last more than zero minutes; give one such as 15 minutes",
        ),
        (
            Breaks(length=timedelta()),
            "a break must last more than zero minutes; give one such as 15 minutes",
        ),
        (
            Breaks(every=timedelta()),
            "the time between breaks must be more than zero; give one such as 90 minutes",
        ),
        (
            Breaks(at=(time(9, 30),)),
            "the break at 09:30 comes at the start at 09:30; breaks fall between items, "
            "so choose a later time",
        ),
    ],
)
def test_refuses_breaks_no_one_could_mean(pack: Pack, breaks: Breaks, message: str) -> None:
    """A break of no length, never due, or at the very start is refused with the reason."""
    with pytest.raises(PlanError) as raised:
        plan(pack, ["section-3"], PlanOptions(breaks=breaks))
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--break-at", "08:00"],
            "the break at 08:00 comes before the start at 09:30; breaks fall between "
            "items, so choose a later time",
        ),
        (
            ["--break-at", "15:00"],
            "the break at 15:00 is never taken: the plan ends at 12:35; choose an earlier "
            "time or leave it out",
        ),
        (
            ["--break-at", "10:00", "--days", "3"],
            "the break at 10:00 cannot be taken: breaks go between items (a module with its "
            "exercise, or an exercise), and each day holds one item; plan more items a day, "
            "or leave the break out",
        ),
        (
            ["--break-at", "11:00", "--days", "3"],
            "the break at 11:00 is never taken: every day ends by 10:55; choose an earlier "
            "time or leave it out",
        ),
        (
            ["--break-at", "12:30", "--day-end", "12:30", "--days", "2"],
            "the break at 12:30 comes at the end of the day at 12:30; choose an earlier time",
        ),
    ],
)
def test_cli_refuses_a_break_outside_the_day(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A break before the start, after the end, or after the last item exits 2 saying so."""
    assert main(["plan", "section-3", *argv]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"rcpack: cannot plan: {message}\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--setup", "999999 hours"],
            "the set-up of 999999 hours takes a whole day or more, leaving no time in a day "
            "for anything else; give a shorter one, such as 30 minutes",
        ),
        (
            ["--setup", "12 hours", "--opening", "6h", "--closing", "6h"],
            "the set-up, opening and closing come to 24 hours, a whole day or more, leaving no "
            "time in a day for anything else; give shorter ones, such as 30 minutes",
        ),
    ],
    ids=["set-up", "all-three"],
)
def test_slots_of_a_whole_day_say_so_not_start_earlier(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Slots that fill a day leave nothing to move: the message says so, not "start earlier"."""
    assert main(["plan", "section-3", *argv]) == 2
    assert capsys.readouterr() == ("", f"rcpack: cannot plan: {message}\n")


@pytest.mark.parametrize(
    ("items", "exercise", "module"),
    [
        (["Module 1", "Exercise 9", "Module 2"], "Exercise 9", "Module 2 of Section 3"),
        (["Exercise 9", "Module 2", "Module 3"], "Exercise 9", "Module 2 of Section 3"),
    ],
)
def test_refuses_an_exercise_before_its_module_wherever_it_stands(
    pack: Pack, items: list[str], exercise: str, module: str
) -> None:
    """An exercise named before its module is refused after a module too, or with more after."""
    with pytest.raises(PlanError) as before:
        plan(pack, items)
    assert str(before.value) == (
        f"{exercise} comes before {module}, which the pack runs before it; "
        f"put {module} first (it brings {exercise} with it)"
    )

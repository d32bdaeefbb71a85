"""Booked sessions, breaks as facilitators mean them, and the plan's notes (issue 20)."""

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from attrs import evolve
from small_packs import modules_pack
from small_packs import rows as _rows

from recurrent_care_pack import (
    Breaks,
    DifferentDay,
    Discussion,
    EntryKind,
    Exercise,
    LearningModule,
    Note,
    Pack,
    PlanError,
    PlanOptions,
    load_pack,
    plan,
)
from recurrent_care_pack._cli import main
from recurrent_care_pack._output.tables import agenda_data, agenda_text
from recurrent_care_pack._session import Break, Session, Slot
from recurrent_care_pack._use import planning
from recurrent_care_pack._use.planning.drops import _booked_to

MIN = timedelta(minutes=1)
PACK = load_pack()
TEAM_DAY = Slot(start=time(9, 30), end=time(13, 30), date=date(2027, 1, 12))
WEEKLY = tuple(
    Slot(start=time(9, 30), end=time(11, 0), date=date(2027, 1, d)) for d in (12, 19, 26)
)


EX8 = "Exercise 8: Understanding non-engagement and attachment through a case study"
EX9 = "Exercise 9: Understanding non-engagement and complex trauma through a case study"
EX10 = "Exercise 10: Thinking about trauma-informed approaches in your work"

TEAM_DAY_ROWS = [
    (1, "09:30", "10:10", "Module 1 films: Films 2, 3, 4 and 5"),
    (1, "10:10", "10:40", EX8),
    (1, "10:40", "10:50", "Break"),
    (1, "10:50", "11:13", "Module 2 films: Film 6"),
    (1, "11:13", "11:43", EX9),
    (1, "11:43", "12:28", "Lunch"),
    (1, "12:28", "13:00", "Module 3 films: Film 7"),
    (1, "13:00", "13:30", EX10),
]
LUNCH_NOTE = (
    "The lunch asked for at 12:00 is at 11:43, after Exercise 9: the nearest point between items."
)


def test_the_team_day_fits_its_slot_exactly() -> None:
    """09:30-13:30: 3 h 5 of content, a 10-minute break by 11:00 and lunch near 12:00."""
    options = PlanOptions(
        booked=(TEAM_DAY,),
        breaks=Breaks(
            fixed=(Break(at=time(12, 0), length=45 * MIN, title="Lunch"),),
            every=90 * MIN,
            length=10 * MIN,
        ),
    )
    agenda = plan(PACK, ["section-3"], options)
    assert _rows(agenda) == TEAM_DAY_ROWS
    assert agenda.total == 4 * 60 * MIN
    assert [n.text for n in agenda.notes] == [LUNCH_NOTE]


def test_the_team_day_from_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """The same day from --slot, --lunch, --break-every and --break; its notes are marked."""
    argv = ["plan", "section-3", "--slot", "2027-01-12 09:30-13:30", "--lunch", "12:00"]
    assert main([*argv, "--break-every", "90m", "--break", "10m"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Tuesday 12 January 2027, 09:30–13:30"
    assert out[3] == "  10:40-10:50    10 min  Break, back at 10:50"
    assert out[6] == "  11:43-12:28    45 min  Lunch, back at 12:28"
    assert out[-1] == f"Note: {LUNCH_NOTE}"


def test_three_weekly_slots_keep_the_discussions_that_fit() -> None:
    """Days 1 and 2 keep their discussions; Day 3 keeps the re-watch, says what was dropped."""
    agenda = plan(PACK, ["section-3"], PlanOptions(booked=WEEKLY, discussions=True))
    assert _rows(agenda) == [
        (1, "09:30", "10:10", "Module 1 films: Films 2, 3, 4 and 5"),
        (1, "10:10", "10:20", "Optional discussion (whole group)"),
        (1, "10:20", "10:50", EX8),
        (2, "09:30", "09:53", "Module 2 films: Film 6"),
        (2, "09:53", "10:03", "Optional discussion (whole group)"),
        (2, "10:03", "10:33", EX9),
        (3, "09:30", "10:25", "Module 3 films: Film 6 again (the pack's suggestion), then Film 7"),
        (3, "10:25", "10:55", EX10),
    ]
    assert [n.text for n in agenda.notes] == [
        "Day 3 leaves out the optional discussion after Module 3 of Section 3 (10 minutes): "
        "it does not fit the slot, 09:30 to 11:00; it would fit without the re-watch "
        "(--no-rewatch, or rewatch: false in a session file)."
    ]
    assert agenda.slot(3) == WEEKLY[2]
    without = plan(
        PACK, ["section-3"], PlanOptions(booked=WEEKLY, discussions=True, rewatch=False)
    )
    assert _rows(without)[-2:] == [
        (3, "10:02", "10:12", "Optional discussion"),
        (3, "10:12", "10:42", EX10),
    ]


def test_three_weekly_slots_from_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """Each day is headed with its date and booked slot; the day's notes follow it."""
    slots = [f"--slot=2027-01-{d} 09:30-11:00" for d in (12, 19, 26)]
    assert main(["plan", "section-3", "--with-discussions", *slots]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Day 1, Tuesday 12 January 2027, 09:30–11:00"
    assert "Day 3, Tuesday 26 January 2027, 09:30–11:00" in out
    assert out[-3].startswith("Note: Day 3 leaves out the optional discussion")


def test_two_hours_with_a_break() -> None:
    """Modules 2 and 3 with a 5-minute break between them fill 2 hours; Module 1 is left out."""
    options = PlanOptions(budget=120 * MIN, breaks=Breaks(length=5 * MIN, after_exercises=True))
    agenda = plan(PACK, ["section-3"], options)
    assert _rows(agenda) == [
        (1, "09:30", "09:53", "Module 2 films: Film 6"),
        (1, "09:53", "10:23", EX9),
        (1, "10:23", "10:28", "Break"),
        (1, "10:28", "11:00", "Module 3 films: Film 7"),
        (1, "11:00", "11:30", EX10),
    ]
    assert agenda.total == 120 * MIN
    assert agenda.left_out == ("Module 1 of Section 3",)


def test_two_hours_from_flags_and_what_a_longer_break_costs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With 10-minute breaks Modules 2 and 3 need 2 h 5: the plan says so."""
    assert main(["plan", "--budget", "2h", "--break", "5m", "--break-after-exercises"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2] == "  10:23-10:28     5 min  Break, back at 10:28"
    assert out[-1] == "Left out to fit the budget: Module 1 of Section 3"
    assert main(["plan", "--budget", "2h", "--break", "10m", "--break-after-exercises"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Note: Without breaks, Module 2 of Section 3 and Module 3 of Section 3 would fit in "
        "2 hours; with the breaks asked for they need 2 hours 5 minutes: with 5-minute breaks "
        "they all fit (--break 5m, or comfort_breaks length: 5 minutes in a session file)."
    )


@pytest.mark.parametrize(
    ("given", "fix"),
    [
        (
            ["--slot", "2027-01-12 09:30-11:30", "--budget", "2h", "--break-every", "90m"],
            "2 hours; with the breaks asked for they need 2 hours 10 minutes: with 5-minute "
            "breaks they all fit (--break 5m, or comfort_breaks length: 5 minutes in a "
            "session file).",
        ),
        (
            ["--budget", "1h55m", "--break-after-exercises", "--break", "5m"],
            "1 hour 55 minutes; with the breaks asked for they need 2 hours: give them 2 hours "
            "(a budget, or a slot, that long) or shorter breaks to plan them all.",
        ),
    ],
)
def test_what_breaks_cost_a_budget_is_said_in_a_slot_too(
    capsys: pytest.CaptureFixture[str], given: list[str], fix: str
) -> None:
    """A booked slot's budget says what its breaks cost, and the shorter breaks that fit."""
    assert main(["plan", *given]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Note: Without breaks, Module 2 of Section 3 and Module 3 of Section 3 would fit in {fix}"
    )


def test_the_set_up_ends_at_the_start() -> None:
    """Set-up before the start; the opening from it; the closing after the content."""
    options = PlanOptions(setup=30 * MIN, opening=10 * MIN, closing=10 * MIN)
    assert _rows(plan(PACK, ["Module 2"], options)) == [
        (1, "09:00", "09:30", "Set-up"),
        (1, "09:30", "09:40", "Opening"),
        (1, "09:40", "10:03", "Module 2 films: Film 6"),
        (1, "10:03", "10:33", EX9),
        (1, "10:33", "10:43", "Closing"),
    ]
    assert [e.kind for e in plan(PACK, ["Module 2"], options).entries] == [
        EntryKind.SETUP,
        EntryKind.OPENING,
        EntryKind.FILMS,
        EntryKind.EXERCISE,
        EntryKind.CLOSING,
    ]
    with pytest.raises(PlanError) as raised:
        plan(PACK, ["Module 2"], PlanOptions(start=time(0, 15), setup=30 * MIN))
    assert str(raised.value) == (
        "the set-up of 30 minutes would start before midnight: the plan starts at 00:15; "
        "give a shorter set-up or a later start"
    )


def test_at_most_so_long_without_a_break() -> None:
    """A break at the last point between items before 90 minutes would pass."""
    agenda = plan(PACK, ["section-3"], PlanOptions(breaks=Breaks(every=90 * MIN)))
    assert [f"{e.start:%H:%M}" for e in agenda.entries if e.kind is EntryKind.BREAK] == [
        "10:40",
        "11:48",
    ]
    assert agenda.notes == ()


def test_a_long_stretch_without_a_break_is_warned_of() -> None:
    """Over 90 minutes of this content without a break: a note says from when to when."""
    assert [n.text for n in plan(PACK, ["section-3"]).notes] == [
        "From 09:30 to 12:35, 3 hours 5 minutes of films, discussion and exercises run "
        "without a break, and this content is about trauma: consider a break "
        "(--break-every 90m, or comfort_breaks in a session file)."
    ]
    assert plan(PACK, ["Module 1"]).notes == ()


def test_a_film_is_shown_once_a_day() -> None:
    """Module 3 then Module 2: Film 6 once, before Exercise 10; the plan says why."""
    agenda = plan(PACK, ["Module 3", "Module 2"])
    films = [f for e in agenda.entries for f in e.films]
    assert films == ["film-6", "film-7"]
    assert [n.text for n in agenda.notes][-1] == (
        "Film 6 is shown earlier this day, so Module 2 of Section 3 does not show it again "
        "and goes straight to Exercise 9; a film is shown once a day (plan the modules in "
        "the pack's order to show it with its own module)."
    )
    two_days = plan(PACK, ["Module 3", "Module 2"], PlanOptions(days=2))
    assert [e.films for e in two_days.entries if e.kind is EntryKind.FILMS] == [
        ("film-6", "film-7"),
        ("film-6",),
    ]


def test_modules_1_and_3_on_one_day_are_not_on_a_different_day() -> None:
    """Film 6 is shown first because Exercise 10 discusses it, not as a different-day re-watch."""
    agenda = plan(PACK, ["Module 1", "Module 3"])
    films = agenda.entries[2]
    assert films.title == "Module 3 films: Film 6 first (Exercise 10 discusses it), then Film 7"
    assert films.rewatch == ()
    assert "different day" not in agenda_text(agenda)
    assert "later day" not in agenda_text(agenda)


@pytest.mark.parametrize(
    ("item", "rows", "notes"),
    [
        (
            "Exercise 8",
            [(1, "09:30", "10:00", EX8)],
            [
                "Exercise 8 follows Module 1 of Section 3 in the pack (its films and optional "
                "discussion); this plan does not include Module 1."
            ],
        ),
        (
            "Exercise 10",
            [
                (1, "09:30", "10:25", "Films for Exercise 10: Films 6 and 7"),
                (1, "10:25", "10:55", EX10),
            ],
            [
                "Exercise 10 follows Module 3 of Section 3 in the pack (its films and optional "
                "discussion); this plan shows its film for Exercise 10, but not its discussion."
            ],
        ),
    ],
)
def test_an_exercise_alone_is_planned_with_what_it_builds_on(
    item: str, rows: list[tuple[int, str, str, str]], notes: list[str]
) -> None:
    """The pack's modules "can be used flexibly": an exercise alone, saying what it follows."""
    agenda = plan(PACK, [item])
    assert _rows(agenda) == rows
    assert [n.text for n in agenda.notes] == notes
    assert "discusses Films 2" not in agenda_text(agenda)


def test_exercise_10_alone_names_each_film_once() -> None:
    """Never "Films 7, 7 and 6": Films 6 and 7, each once, and why."""
    agenda = plan(PACK, ["Exercise 10"])
    assert agenda.entries[0].note == (
        "Exercise 10 discusses Films 6 and 7, which this plan has not shown before it, so "
        "it shows them first"
    )


def test_days_that_each_need_a_module_say_so() -> None:
    """Not "nothing fits": each day needs an item, and the shortest three need 3 h 5.

    The pack's re-watch is optional: it is not counted in what the days need.
    """
    with pytest.raises(PlanError) as raised:
        plan(PACK, ["section-3"], PlanOptions(days=3, budget=180 * MIN))
    assert str(raised.value) == (
        "each of the 3 days needs a module or exercise, and the shortest 3 (Module 1 of "
        "Section 3, Module 2 of Section 3 and Module 3 of Section 3) need 3 hours 5 minutes "
        "in all, more than the budget of 3 hours; give fewer days or a longer budget"
    )
    planned = plan(PACK, ["section-3"], PlanOptions(days=3, budget=185 * MIN))
    assert planned.total == 185 * MIN
    assert planned.left_out == (
        "the re-watch of Film 6 before Module 3 of Section 3 (the pack's suggestion)",
    )
    with pytest.raises(PlanError) as small:
        plan(PACK, ["section-3"], PlanOptions(budget=20 * MIN))
    assert str(small.value) == (
        "nothing in the selection fits in 20 minutes: the shortest, Module 2 of Section 3, "
        "needs 53 minutes; give a longer budget"
    )


def test_a_break_between_no_items_says_so() -> None:
    """Not "nothing starts at or after it" when Exercise 8 starts at 10:10."""
    with pytest.raises(PlanError) as raised:
        plan(PACK, ["section-3"], PlanOptions(days=3, breaks=Breaks(at=(time(10, 0),))))
    assert str(raised.value) == (
        "the break at 10:00 cannot be taken: breaks go between items (a module with its "
        "exercise, or an exercise), and each day holds one item; plan more items a day, or "
        "leave the break out"
    )


@pytest.mark.parametrize(
    ("booked", "held"),
    [
        (((time(9, 30), time(11, 0)), (time(10, 0), time(12, 0))), "Day 1 holds one item"),
        (
            ((time(9, 30), time(11, 0)), (time(13, 0), time(15, 0)), (time(9, 30), time(11, 0))),
            "Days 1 and 3 each hold one item",
        ),
    ],
    ids=["Day 2 of two starts then", "Day 2 of three is later"],
)
def test_a_break_refused_names_the_days_of_one_item_it_falls_in(
    booked: tuple[tuple[time, time], ...], held: str
) -> None:
    """Not "each day holds one item" when Day 2 holds Modules 2 and 3: the days it falls in."""
    slots = tuple(Slot(start=start, end=end) for start, end in booked)
    with pytest.raises(PlanError) as raised:
        plan(PACK, ["section-3"], PlanOptions(booked=slots, breaks=Breaks(at=(time(10, 0),))))
    assert str(raised.value) == (
        "the break at 10:00 cannot be taken: breaks go between items (a module with its "
        f"exercise, or an exercise), and {held}; plan more items a day, or leave the break out"
    )


def test_a_break_in_no_booked_session_is_refused() -> None:
    """A time outside every booked slot is refused, naming the slots."""
    slots = (Slot(start=time(9, 30), end=time(11, 0)), Slot(start=time(14, 0), end=time(16, 0)))
    with pytest.raises(PlanError) as raised:
        plan(PACK, ["section-3"], PlanOptions(booked=slots, breaks=Breaks(at=(time(12, 0),))))
    assert str(raised.value) == (
        "the break at 12:00 falls in no session (booked: 09:30-11:00; 14:00-16:00); "
        "choose a time inside one"
    )


def test_required_content_that_cannot_fit_its_slot_says_what_it_needs() -> None:
    """Module 3 with Film 6 first needs 1 h 25; a one-hour slot is refused saying so."""
    slot = Slot(start=time(9, 30), end=time(10, 30), date=date(2027, 1, 12))
    with pytest.raises(PlanError) as raised:
        plan(PACK, ["Module 3"], PlanOptions(booked=(slot,)))
    assert str(raised.value) == (
        "the plan needs 1 hour 25 minutes for Module 3 of Section 3 (from 09:30 to 10:55), "
        "and its slot, 09:30 to 10:30, holds 1 hour; plan fewer items, book a longer slot, "
        "or give a budget (--budget, or budget in a session file) to let the plan choose"
    )


def test_booked_slots_or_days_not_both(capsys: pytest.CaptureFixture[str]) -> None:
    """--slot with --days (or booked with days) is refused, saying to give one."""
    assert main(["plan", "--slot", "09:30-11:00", "--days", "2"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: cannot plan: give each session with --slot, or the days with --start, "
        "--days, --day-end and --date, not both\n"
    )
    with pytest.raises(PlanError, match="not both"):
        plan(PACK, options=PlanOptions(booked=WEEKLY, days=3))
    assert main(["plan", "--slot", "9-11"]) == 2
    assert "is not a time of day like 09:30" in capsys.readouterr().err


def test_the_no_rewatch_help_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    """Not "when a module starts a day": before a module run on a later day."""
    assert main(["plan", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert (
        "--no-rewatch leave out the films the pack suggests watching again before a module "
        "run on a later day than them"
    ) in help_text
    assert "at most this much time without a break" in help_text


def test_the_plan_as_json_has_its_slots_notes_and_break_titles() -> None:
    """Each day's slot start and end, the notes, and each break's own title."""
    options = PlanOptions(
        booked=(TEAM_DAY,),
        breaks=Breaks(
            fixed=(Break(at=time(12, 0), length=45 * MIN, title="Lunch"),),
            every=90 * MIN,
            length=10 * MIN,
        ),
    )
    data = agenda_data(plan(PACK, ["section-3"], options))
    day = data["days"][0]
    assert (day["date"], day["slot_start"], day["slot_end"]) == ("2027-01-12", "09:30", "13:30")
    assert [e["title"] for e in day["entries"] if e["kind"] == "break"] == ["Break", "Lunch"]
    assert data["notes"] == [{"text": LUNCH_NOTE, "day": 1, "item": None}]


def test_a_session_heads_the_plan() -> None:
    """Given a session: its title, then its venue and room, above the days."""
    session = Session(title="Trauma-informed practice", venue="Civic Centre", room="Room 4")
    text = agenda_text(plan(PACK, ["Module 2"]), session)
    assert text.splitlines()[:3] == ["Trauma-informed practice", "Civic Centre, Room 4", ""]


WEEKLY_FILE = """\
session:
  title: Weekly learning
  slots:
    - {date: 2027-01-12, start: "09:30", end: "11:00"}
    - {date: 2027-01-19, start: "09:30", end: "11:00"}
    - {date: 2027-01-26, start: "09:30", end: "11:00"}
  discussions: true
"""


@pytest.mark.parametrize(
    ("given", "option"),
    [(["weekly.yaml"], "rewatch: false"), (["--slot", "2027-01-26 09:30-11:00"], "--no-rewatch")],
)
def test_a_note_names_the_option_where_the_plan_came_from(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    given: list[str],
    option: str,
) -> None:
    """A session file's plan names its own key for the re-watch; the flags' plan the flag."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "weekly.yaml").write_text(WEEKLY_FILE, encoding="utf-8")
    if given[0] == "--slot":  # Module 3 on a later day than Module 2
        given = ["Module 2", "Module 3", "--slot", "2027-01-19 09:30-11:00", *given]
    assert main(["plan", *given]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "watching Film 6" in line]
    assert notes == [
        "Note: Module 3 runs on a later day than Film 6: the pack suggests starting it by also "
        f"watching Film 6 (55 minutes for the films); this plan follows it ({option} leaves it "
        "out)."
    ]


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        (
            ["2027-01-12 09:30-11:00", "2027-01-12 10:30-12:00"],
            "session 2 (10:30) starts before session 1 ends (11:00) on 2027-01-12; the two "
            "overlap: give them times that do not",
        ),
        (
            ["2027-01-12 09:30-13:00", "09:30-13:00"],
            "session 2 has no date and others have one; give every session a date, or none",
        ),
        (
            ["2027-01-19 09:30-11:00", "2027-01-12 11:00-13:00"],
            "session 2, on 2027-01-12, comes before session 1, on 2027-01-19; give the sessions "
            "in order",
        ),
        (
            ["2027-01-12 11:30-13:00", "2027-01-12 09:00-11:00"],
            "session 2 starts at 09:00, before session 1 on the same day (11:30); give the "
            "sessions in order",
        ),
        (
            ["2027-01-12 09:30-11:00", "2027-01-12 11:00-13:00"],
            "session 2's set-up of 30 minutes would start at 10:30, before session 1 ends at "
            "11:00; give a shorter set-up, or a later start",
        ),
    ],
)
def test_booked_sessions_that_cannot_be_kept_are_refused_saying_why(
    capsys: pytest.CaptureFixture[str], slots: list[str], message: str
) -> None:
    """Overlaps, some dated and some not, out of order, a set-up into the slot before."""
    setup = ["--setup", "30m"] if "set-up" in message else []
    assert main(["plan", *[w for slot in slots for w in ("--slot", slot)], *setup]) == 2
    assert capsys.readouterr().err == f"rcpack: cannot plan: {message}\n"


def test_an_exercise_alone_is_what_its_note_is_about() -> None:
    """The note on what Exercise 10 builds on is the exercise's, for the plan as a whole."""
    (note,) = plan(PACK, ["Exercise 10"]).notes
    assert (note.day, note.item) == (None, "exercise-10")


def test_a_dropped_discussion_says_what_slot_would_hold_it() -> None:
    """Module 1 in 75 minutes: its 10-minute discussion is left out; a slot to 10:50 holds it."""
    slot = Slot(start=time(9, 30), end=time(10, 45))
    agenda = plan(PACK, ["Module 1"], PlanOptions(booked=(slot,), discussions=True))
    assert [e.kind for e in agenda.entries] == [EntryKind.FILMS, EntryKind.EXERCISE]
    assert agenda.notes == (
        Note(
            text="The plan leaves out the optional discussion after Module 1 of Section 3 "
            "(10 minutes): it does not fit the slot, 09:30 to 10:45; it would fit in a slot "
            "ending at 10:50.",
            day=1,
            item="section-3-module-1",
        ),
    )


def test_a_break_at_the_end_of_a_days_slot_is_not_in_what_it_needs() -> None:
    """A lunch at 11:00, inside Day 1's slot, is no break of Day 2, whose slot ends then."""
    slots = (Slot(start=time(9, 30), end=time(11, 15)), Slot(start=time(9, 30), end=time(11, 0)))
    lunch = Break(title="Lunch", at=time(11, 0), length=15 * MIN)
    options = PlanOptions(booked=slots, breaks=Breaks(fixed=(lunch,)))
    with pytest.raises(PlanError) as refused:
        plan(PACK, ["section-3"], options)
    assert str(refused.value) == (
        "Day 2 needs 1 hour 55 minutes for Module 2 of Section 3 and Module 3 of Section 3 "
        "(from 09:30 to 11:25), and its slot, 09:30 to 11:00, holds 1 hour 30 minutes; plan "
        "fewer items, book a longer slot, take shorter breaks, or give a budget (--budget, or "
        "budget in a session file) to let the plan choose"
    )


def test_a_long_stretch_on_a_later_day_is_warned_of_on_that_day() -> None:
    """Over two days, the warning of 1 hour 55 minutes without a break is Day 2's."""
    agenda = plan(PACK, ["section-3"], PlanOptions(days=2))
    assert agenda.notes == (
        Note(
            text="From 09:30 to 11:25 on Day 2, 1 hour 55 minutes of films, discussion and "
            "exercises run without a break, and this content is about trauma: consider a "
            "break (--break-every 90m, or comfort_breaks in a session file).",
            day=2,
        ),
    )


def test_a_short_second_slot_takes_the_last_module_alone() -> None:
    """Day 2's 90 minutes cannot hold Modules 2 and 3, so Day 1 takes Modules 1 and 2."""
    slots = (Slot(start=time(9, 0), end=time(12, 0)), Slot(start=time(9, 30), end=time(11, 0)))
    agenda = plan(PACK, ["section-3"], PlanOptions(booked=slots))
    assert [(e.day, e.item) for e in agenda.entries if e.kind is EntryKind.FILMS] == [
        (1, "section-3-module-1"),
        (1, "section-3-module-2"),
        (2, "section-3-module-3"),
    ]
    assert agenda.day(2)[0].rewatch == ("film-6",)


def test_the_split_that_drops_no_discussion_is_chosen() -> None:
    """Modules 1 and 2 would fit Day 1 only without a discussion: Day 2 takes Modules 2 and 3."""
    slots = (Slot(start=time(9, 30), end=time(11, 50)), Slot(start=time(9, 30), end=time(12, 0)))
    agenda = plan(PACK, ["section-3"], PlanOptions(booked=slots, discussions=True))
    assert [(e.day, e.item) for e in agenda.entries if e.kind is EntryKind.DISCUSSION] == [
        (1, "section-3-module-1"),
        (2, "section-3-module-2"),
        (2, "section-3-module-3"),
    ]
    assert agenda.notes[:-1] == ()
    assert agenda.total == 215 * MIN


DAYS_1_AND_2 = (Slot(start=time(9, 30), end=time(12, 0)), Slot(start=time(9, 30), end=time(12, 0)))
REWATCH_LEFT_OUT = (
    "Day 3 leaves out the re-watch of Film 6 the pack suggests before Module 3 of Section 3 "
    "(23 minutes more): it does not fit the slot, 09:30 to {end}; it would fit in a slot "
    "ending at {fits}."
)


def test_a_discussion_that_fits_once_the_re_watch_is_left_out_is_kept() -> None:
    """Day 3 in 75 minutes: the re-watch (85 min with the films) is left out; the talk fits.

    Without the re-watch Module 3 and its discussion need 72 minutes; leaving the later part
    out first must not leave the discussion out too ("does not fit the slot, 09:30 to
    10:45; it would fit in a slot ending at 10:42", as it once said).
    """
    slots = (*DAYS_1_AND_2, Slot(start=time(9, 30), end=time(10, 45)))
    agenda = plan(PACK, ["section-3"], PlanOptions(booked=slots, discussions=True))
    assert _rows(agenda)[-3:] == [
        (3, "09:30", "10:02", "Module 3 films: Film 7"),
        (3, "10:02", "10:12", "Optional discussion"),
        (3, "10:12", "10:42", EX10),
    ]
    assert [n for n in agenda.notes if n.day == 3] == [
        Note(
            text=REWATCH_LEFT_OUT.format(end="10:45", fits="11:05"),
            day=3,
            item="section-3-module-3",
        )
    ]


def test_a_re_watch_and_a_discussion_left_out_each_say_what_would_hold_them() -> None:
    """Day 3 in 70 minutes holds neither: each note gives the slot that holds it alone.

    Then one note gives the slot that holds both (55 minutes of films, 10 of discussion, 30
    of exercise from 09:30): not for a facilitator to add up two notes that each say "it".
    """
    slots = (*DAYS_1_AND_2, Slot(start=time(9, 30), end=time(10, 40)))
    agenda = plan(PACK, ["section-3"], PlanOptions(booked=slots, discussions=True))
    assert [e.kind for e in agenda.day(3)] == [EntryKind.FILMS, EntryKind.EXERCISE]
    assert [n.text for n in agenda.notes if n.day == 3] == [
        REWATCH_LEFT_OUT.format(end="10:40", fits="10:55"),
        "Day 3 leaves out the optional discussion after Module 3 of Section 3 (10 minutes): "
        "it does not fit the slot, 09:30 to 10:40; it would fit in a slot ending at 10:42.",
        "Day 3 would hold both parts it leaves out in a slot ending at 11:05.",
    ]
    both = (*DAYS_1_AND_2, Slot(start=time(9, 30), end=time(11, 5)))
    whole = plan(PACK, ["section-3"], PlanOptions(booked=both, discussions=True))
    assert [e.kind for e in whole.day(3)] == [
        EntryKind.FILMS,
        EntryKind.DISCUSSION,
        EntryKind.EXERCISE,
    ]
    assert whole.day(3)[0].films == ("film-6", "film-7")  # the re-watch kept too
    assert _rows(whole)[-1][2] == "11:05"


def test_three_discussions_left_out_are_told_in_one_note() -> None:
    """Booked to 12:45 the plan takes back the first, to 12:55 two, to 13:05 all three.

    Three notes of one discussion each, then one of all three, ran a running sheet's notes
    on to a second page; "any one of them would fit in a slot ending at 12:45" was not what
    a slot to 12:45 gives: the plan takes back the earliest first.
    """
    agenda = plan(
        PACK,
        ["section-3"],
        PlanOptions(booked=(Slot(start=time(9, 30), end=time(12, 40)),), discussions=True),
    )
    assert agenda.notes[0] == Note(
        text="The plan leaves out the optional discussions after Modules 1, 2 and 3 of Section 3 "
        "(10 minutes each): they do not fit the slot, 09:30 to 12:40; a slot ending at 12:45 "
        "would hold the first of them, 12:55 the first two and 13:05 all three.",
        day=1,
    )
    assert [n.text[:48] for n in agenda.notes[1:]] == [
        "From 09:30 to 12:35, 3 hours 5 minutes of films,"
    ]
    modules = ["section-3-module-1", "section-3-module-2", "section-3-module-3"]
    for end, held in (((12, 45), 1), ((12, 55), 2), ((13, 5), 3)):
        fits = plan(
            PACK,
            ["section-3"],
            PlanOptions(booked=(Slot(start=time(9, 30), end=time(*end)),), discussions=True),
        )
        talked = [e.item for e in fits.entries if e.kind is EntryKind.DISCUSSION]
        assert talked == modules[:held]
    assert _rows(fits)[-1][2] == "13:05"


def _talking_pack(*minutes: int) -> Pack:
    """Four modules of a 20-minute film each; Modules 2 and 3 discuss for ``minutes``.

    Module 4 suggests re-watching Film 1 on a different day (20 minutes more).
    """
    pack = modules_pack([20, 20, 20, 20])
    section = pack.sections[0]
    first, second, third, fourth = section.modules
    modules = (
        first,
        evolve(second, discussion=Discussion(duration=minutes[0] * MIN, optional=True)),
        evolve(third, discussion=Discussion(duration=minutes[1] * MIN, optional=True)),
        evolve(fourth, different_day=DifferentDay(rewatch=("film-1",), allowance=40 * MIN)),
    )
    return evolve(pack, sections=(evolve(section, modules=modules),))


#: Module 1 on Day 1; Modules 2, 3 and 4 (60 minutes of films) on Day 2, 09:30 to 10:30.
TWO_DAYS = (Slot(start=time(9, 30), end=time(10, 0)), Slot(start=time(9, 30), end=time(10, 30)))


def test_what_a_later_end_would_hold_is_told_only_as_the_plan_made_so_bears_it_out() -> None:
    """10 and 15 minutes of talk and a re-watch: 10:40 holds the first, 10:55 both, 11:15 all.

    The re-watch alone would fit by 10:50, but the plan booked to 10:50 takes back the first
    discussion, not the re-watch: its note gives no end. It once said "alone, they would fit
    in slots ending at 10:40 and 10:45" and "it would fit in a slot ending at 10:50".
    """
    pack = _talking_pack(10, 15)
    agenda = plan(pack, options=PlanOptions(booked=TWO_DAYS, discussions=True))
    assert [e.kind for e in agenda.day(2)] == [EntryKind.FILMS] * 3
    assert agenda.notes == (
        Note(
            text="Day 2 leaves out the optional discussions after Modules 2 and 3 of Section 1 "
            "(10 minutes and 15 minutes): they do not fit the slot, 09:30 to 10:30; a slot "
            "ending at 10:40 would hold the first of them and 10:55 both.",
            day=2,
        ),
        Note(
            text="Day 2 leaves out the re-watch of Film 1 the pack suggests before Module 4 of "
            "Section 1 (20 minutes more): it does not fit the slot, 09:30 to 10:30.",
            day=2,
            item="module-4",
        ),
        Note(
            text="Day 2 would hold all the parts it leaves out in a slot ending at 11:15.", day=2
        ),
    )
    for end, talked, rewatched in (
        ((10, 40), ["module-2"], False),
        ((10, 50), ["module-2"], False),
        ((10, 55), ["module-2", "module-3"], False),
        ((11, 15), ["module-2", "module-3"], True),
    ):
        booked = (TWO_DAYS[0], Slot(start=time(9, 30), end=time(*end)))
        again = plan(pack, options=PlanOptions(booked=booked, discussions=True))
        assert [e.item for e in again.entries if e.kind is EntryKind.DISCUSSION] == talked
        assert any(e.rewatch for e in again.day(2)) is rewatched


def test_two_discussions_left_out_alone_are_told_with_where_both_fit() -> None:
    """Without the re-watch, two 10-minutes discussions: the first by 10:40, both by 10:50."""
    agenda = plan(
        _talking_pack(10, 10),
        options=PlanOptions(booked=TWO_DAYS, discussions=True, rewatch=False),
    )
    assert agenda.notes == (
        Note(
            text="Day 2 leaves out the optional discussions after Modules 2 and 3 of Section 1 "
            "(10 minutes each): they do not fit the slot, 09:30 to 10:30; a slot ending at 10:40 "
            "would hold the first of them and 10:50 both.",
            day=2,
        ),
    )


def _three_films_and_talk(first: timedelta, second: timedelta) -> Pack:
    """Three modules of a 20-minute film each; Modules 2 and 3 discuss for these times."""
    pack = modules_pack([20, 20, 20])
    section = pack.sections[0]
    one, two, three = section.modules
    modules = (
        one,
        evolve(two, discussion=Discussion(duration=first, optional=True)),
        evolve(three, discussion=Discussion(duration=second, optional=True)),
    )
    return evolve(pack, sections=(evolve(section, modules=modules),))


def _notes(pack: Pack, start: time, end: time, **options: object) -> list[str]:
    slot = Slot(start=start, end=end)
    chosen = PlanOptions(booked=(slot,), discussions=True, **options)  # type: ignore[arg-type]
    return [n.text for n in plan(pack, options=chosen).notes]


def test_the_end_a_note_gives_is_the_whole_minute_that_holds_the_part() -> None:
    """10 minutes 30 seconds after 10:30 is 10:40:30: a slot ending at 10:40 would not hold it.

    It once said "it does not fit the slot, 06:00 to 09:50; it would fit in a slot ending at
    09:50", the seconds dropped.
    """
    pack = _three_films_and_talk(timedelta(minutes=10, seconds=30), 20 * MIN)
    assert _notes(pack, time(9, 30), time(10, 35)) == [
        "The plan leaves out the optional discussions after Modules 2 and 3 of Section 1 (10 "
        "minutes 30 seconds and 20 minutes): they do not fit the slot, 09:30 to 10:35; a slot "
        "ending at 10:41 would hold the first of them and 11:01 both."
    ]
    assert _notes(pack, time(9, 30), time(10, 41))[0].startswith(
        "The plan leaves out the optional discussion after Module 3 of Section 1 (20 minutes)"
    )


def test_a_part_that_would_run_the_day_to_midnight_or_past_is_told_so() -> None:
    """No end is made up past midnight, nor at it: a slot cannot end at 00:00."""
    pack = _three_films_and_talk(15 * MIN, 25 * MIN)
    assert _notes(pack, time(22, 59), time(23, 59)) == [
        "The plan leaves out the optional discussions after Modules 2 and 3 of Section 1 (15 "
        "minutes and 25 minutes): they do not fit the slot, 22:59 to 23:59; with the first of "
        "them the day would not end before midnight."
    ]
    assert _notes(_three_films_and_talk(10 * MIN, 20 * MIN), time(22, 30), time(23, 30)) == [
        "The plan leaves out the optional discussions after Modules 2 and 3 of Section 1 (10 "
        "minutes and 20 minutes): they do not fit the slot, 22:30 to 23:30; a slot ending at "
        "23:40 would hold the first of them; with both the day would not end before midnight."
    ]
    # With it, the day ends at 00:00 exactly: not "past midnight", and no slot end holds it.
    one = modules_pack([60])
    section = one.sections[0]
    talk = Discussion(duration=30 * MIN, optional=True)
    one = evolve(
        one, sections=(evolve(section, modules=(evolve(section.modules[0], discussion=talk),)),)
    )
    assert _notes(one, time(22, 30), time(23, 30)) == [
        "The plan leaves out the optional discussion after Module 1 of Section 1 (30 minutes): "
        "it does not fit the slot, 22:30 to 23:30; with it the day would not end before "
        "midnight."
    ]


def test_a_later_end_that_moves_items_between_days_is_not_offered() -> None:
    """Day 2 to 10:10 would move Module 2 to Day 2, and still leave Module 3's talk out."""
    pack = modules_pack([15, 20, 20])
    section = pack.sections[0]
    first, second, third = section.modules
    modules = (
        evolve(first, discussion=Discussion(duration=25 * MIN, optional=True)),
        second,
        evolve(third, discussion=Discussion(duration=20 * MIN, optional=True)),
    )
    pack = evolve(pack, sections=(evolve(section, modules=modules),))
    booked = (Slot(start=time(9, 30), end=time(10, 10)), Slot(start=time(9, 30), end=time(10, 0)))
    notes = plan(pack, options=PlanOptions(discussions=True, booked=booked)).notes
    assert [n.text for n in notes] == [
        "Day 1 leaves out the optional discussion after Module 1 of Section 1 (25 minutes): it "
        "does not fit the slot, 09:30 to 10:10; it would fit in a slot ending at 10:30.",
        "Day 2 leaves out the optional discussion after Module 3 of Section 1 (20 minutes): it "
        "does not fit the slot, 09:30 to 10:00.",
    ]
    longer = (Slot(start=time(9, 30), end=time(10, 30)), booked[1])
    again = plan(pack, options=PlanOptions(discussions=True, booked=longer))
    assert [e.item for e in again.entries if e.kind is EntryKind.DISCUSSION] == ["module-1"]


def test_a_later_end_that_a_budget_would_not_hold_is_not_offered() -> None:
    """A budget of 3 hours 10 minutes holds no discussion, whatever the slot's end."""
    notes = _notes(PACK, time(9, 30), time(12, 40), budget=190 * MIN)
    assert notes[0] == (
        "The plan leaves out the optional discussions after Modules 1, 2 and 3 of Section 3 "
        "(10 minutes each): they do not fit the slot, 09:30 to 12:40."
    )


def test_the_budget_does_not_take_the_blame_for_what_the_slot_left_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """4 hours holds all three discussions: the slot, 09:30 to 12:40, leaves them out."""
    status = main(
        ["plan", "section-3", "--with-discussions", "--slot", "09:30-12:40", "--budget", "4h"]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "Left out to fit the budget" not in out
    assert "Note: The plan leaves out the optional discussions after Modules 1, 2 and 3" in out
    agenda = plan(
        PACK,
        ["section-3"],
        PlanOptions(
            booked=(Slot(start=time(9, 30), end=time(12, 40)),),
            discussions=True,
            budget=240 * MIN,
        ),
    )
    assert agenda.left_out == ()


def _section_3_with(
    modules: tuple[LearningModule, ...] | None = None,
    exercises: tuple[Exercise, ...] | None = None,
) -> Pack:
    """The bundled pack with Section 3's modules or exercises replaced (a pack built in Python)."""
    section = PACK.sections[0]
    changed = evolve(
        section,
        modules=section.modules if modules is None else modules,
        exercises=section.exercises if exercises is None else exercises,
    )
    return evolve(PACK, sections=(changed, *PACK.sections[1:]))


def test_an_exercise_alone_after_a_module_still_says_what_it_follows() -> None:
    """Module 1, then Exercise 10 alone: the note on Exercise 10 is not lost after a module."""
    notes = plan(PACK, ["Module 1", "Exercise 10"]).notes
    assert notes[-1] == Note(
        text="Exercise 10 follows Module 3 of Section 3 in the pack (its films and optional "
        "discussion); this plan shows its film for Exercise 10, but not its discussion.",
        item="exercise-10",
    )


def test_an_exercise_alone_whose_module_has_no_discussion_names_none() -> None:
    """Module 3 without a discussion, Exercise 10 drawing on Film 7 alone: "(its films)"."""
    section = PACK.sections[0]
    pack = _section_3_with(
        modules=tuple(evolve(m, discussion=None) if m.number == 3 else m for m in section.modules),
        exercises=tuple(
            evolve(e, draws_on=("film-7",)) if e.id == "exercise-10" else e
            for e in section.exercises
        ),
    )
    agenda = plan(pack, ["Exercise 10"])
    assert agenda.entries[0].title == "Films for Exercise 10: Film 7"
    assert [n.text for n in agenda.notes] == [
        "Exercise 10 follows Module 3 of Section 3 in the pack (its films); this plan shows "
        "its film for Exercise 10."
    ]


def test_an_exercise_alone_whose_module_shows_two_films_says_films() -> None:
    """Module 3 showing Films 6 and 7: Exercise 10 alone shows "its films"."""
    section = PACK.sections[0]
    pack = _section_3_with(
        modules=tuple(
            evolve(m, films=("film-6", "film-7"), allowance=55 * MIN) if m.number == 3 else m
            for m in section.modules
        )
    )
    assert [n.text for n in plan(pack, ["Exercise 10"]).notes] == [
        "Exercise 10 follows Module 3 of Section 3 in the pack (its films and optional "
        "discussion); this plan shows its films for Exercise 10, but not its discussion."
    ]


def test_a_break_after_the_content_with_a_set_up_is_never_taken() -> None:
    """The set-up is before the start: a break at 10:40, after Module 2 ends at 10:23, is not."""
    options = PlanOptions(
        setup=30 * MIN,
        breaks=Breaks(fixed=(Break(title="Break", at=time(10, 40), length=10 * MIN),)),
    )
    with pytest.raises(PlanError) as refused:
        plan(PACK, ["Module 2"], options)
    assert str(refused.value) == (
        "the break at 10:40 is never taken: the plan ends at 10:23; choose an earlier time "
        "or leave it out"
    )


def test_a_film_shown_earlier_on_a_later_day_is_said_on_that_day() -> None:
    """Day 2 runs Module 3 then Module 2: the note on Film 6 is Day 2's, after Day 1's items."""
    agenda = plan(PACK, ["Module 1", "Module 3", "Module 2"], PlanOptions(days=2))
    assert agenda.notes[-1] == Note(
        text="Film 6 is shown earlier this day, so Module 2 of Section 3 does not show it again "
        "and goes straight to Exercise 9; a film is shown once a day (plan the modules in the "
        "pack's order to show it with its own module).",
        day=2,
        item="section-3-module-2",
    )


def test_a_module_without_an_exercise_goes_straight_to_its_discussion() -> None:
    """Module 2 showing Module 1's film, with a discussion and no exercise: "its discussion"."""
    small = modules_pack([10, 10])
    section = small.sections[0]
    modules = tuple(
        evolve(m, films=("film-1",), discussion=Discussion(duration=10 * MIN))
        if m.id == "module-2"
        else m
        for m in section.modules
    )
    agenda = plan(evolve(small, sections=(evolve(section, modules=modules),)))
    assert [n.text for n in agenda.notes] == [
        "Film 1 is shown earlier this day, so Module 2 of Section 1 does not show it again and "
        "goes straight to its discussion; a film is shown once a day (plan the modules in the "
        "pack's order to show it with its own module)."
    ]


def test_a_left_out_re_watch_with_a_closing_says_the_slot_that_holds_both() -> None:
    """Day 3 to 10:50 with a 10-minute closing: the re-watch needs a slot to 11:05."""
    slots = (*DAYS_1_AND_2, Slot(start=time(9, 30), end=time(10, 50)))
    agenda = plan(PACK, ["section-3"], PlanOptions(booked=slots, closing=10 * MIN))
    assert [n.text for n in agenda.notes] == [REWATCH_LEFT_OUT.format(end="10:50", fits="11:05")]


@pytest.mark.parametrize(
    ("at", "day_2"),
    [
        (time(10, 0), []),
        (
            time(10, 30),
            [
                Note(
                    text="Day 2 has no lunch at 10:30: breaks go between items, and Day 2 "
                    "holds one.",
                    day=2,
                )
            ],
        ),
    ],
)
def test_a_day_of_one_item_whose_time_holds_the_lunch_says_it_has_none(
    at: time, day_2: list[Note]
) -> None:
    """Day 2 (10:00-11:25) holds Module 3 alone: a lunch at 10:30 is not there, and it says so.

    A lunch at 10:00, Day 2's start, is not inside Day 2: no note for it.
    """
    slots = (Slot(start=time(9, 30), end=time(12, 0)), Slot(start=time(10, 0), end=time(11, 30)))
    lunch = Break(title="Lunch", at=at, length=15 * MIN)
    agenda = plan(PACK, ["section-3"], PlanOptions(booked=slots, breaks=Breaks(fixed=(lunch,))))
    assert [e.title for e in agenda.day(1)][2] == "Lunch"
    assert [n for n in agenda.notes if n.day == 2] == day_2


def test_one_item_longer_than_ninety_minutes_is_told_once() -> None:
    """Breaks at most 90 minutes apart: Module 3's 95 minutes get one note, not a second warning."""
    options = PlanOptions(days=3, discussions=True, breaks=Breaks(every=90 * MIN, length=10 * MIN))
    agenda = plan(PACK, ["section-3"], options)
    assert [e.end for e in agenda.day(3)][-1] == time(11, 5)
    assert agenda.notes == (
        Note(
            text="Module 3 of Section 3 runs 1 hour 35 minutes without a break (09:30 to "
            "11:05), more than the 1 hour 30 minutes asked for: breaks go between items, and "
            "it is one item.",
            day=3,
            item="section-3-module-3",
        ),
    )


def test_a_lunch_at_a_days_start_is_not_taken_that_day() -> None:
    """A lunch at 10:00 is Day 2's start, not a point between its items: it is refused."""
    slots = (Slot(start=time(9, 0), end=time(10, 30)), Slot(start=time(10, 0), end=time(12, 0)))
    lunch = Break(title="Lunch", at=time(10, 0), length=15 * MIN)
    with pytest.raises(PlanError, match=r"^the lunch at 10:00 cannot be taken: breaks go between"):
        plan(PACK, ["section-3"], PlanOptions(booked=slots, breaks=Breaks(fixed=(lunch,))))


def test_a_lunch_inside_the_last_item_goes_before_it() -> None:
    """A lunch at 12:20, inside Module 3 (11:33 to 12:35), goes at 11:33, the last point."""
    lunch = Break(title="Lunch", at=time(12, 20), length=45 * MIN)
    agenda = plan(PACK, ["section-3"], PlanOptions(breaks=Breaks(fixed=(lunch,))))
    assert _rows(agenda)[4:] == [
        (1, "11:33", "12:18", "Lunch"),
        (1, "12:18", "12:50", "Module 3 films: Film 7"),
        (1, "12:50", "13:20", EX10),
    ]


def test_a_lunch_halfway_between_two_points_goes_at_the_earlier() -> None:
    """Points at 09:40 and 10:00, a lunch asked for at 09:50: it goes at 09:40."""
    lunch = Break(title="Lunch", at=time(9, 50), length=15 * MIN)
    agenda = plan(modules_pack([10, 20, 10]), options=PlanOptions(breaks=Breaks(fixed=(lunch,))))
    assert _rows(agenda)[1] == (1, "09:40", "09:55", "Lunch")


def test_exactly_ninety_minutes_without_a_break_is_not_warned_of() -> None:
    """The warning is for more than 90 minutes: a 60- and a 30-minute module need none."""
    agenda = plan(modules_pack([60, 30]))
    assert agenda.total == 90 * MIN
    assert agenda.notes == ()


def test_an_item_as_long_as_the_time_between_breaks_needs_no_note() -> None:
    """Breaks at most 30 minutes apart and 30-minute modules: a break between, and no note."""
    agenda = plan(modules_pack([30, 30]), options=PlanOptions(breaks=Breaks(every=30 * MIN)))
    assert [e.title for e in agenda.entries] == [
        "Module 1 films: Film 1",
        "Break",
        "Module 2 films: Film 2",
    ]
    assert agenda.notes == ()


def test_no_break_after_exercises_where_no_item_has_one() -> None:
    """A break after each exercise: modules of films alone get none."""
    options = PlanOptions(breaks=Breaks(after_exercises=True))
    assert [e.kind for e in plan(modules_pack([10, 10]), options=options).entries] == [
        EntryKind.FILMS,
        EntryKind.FILMS,
    ]


def test_a_day_with_no_end_that_would_pass_midnight_says_so_not_the_budget() -> None:
    """Day 2 from 22:55, no budget: the re-watch and the discussion left out, each told why.

    With the discussion Day 2 ends at 00:07; it once said "The budget leaves out the
    re-watch" with no budget given, and left the discussion out with no note at all.
    """
    items = ["section-3-module-2", "exercise-9", "section-3-module-3", "exercise-10"]
    slots = (Slot(start=time(9, 30)), Slot(start=time(22, 55)))
    agenda = plan(PACK, items, PlanOptions(booked=slots, discussions=True))
    assert _rows(agenda)[-2:] == [
        (2, "22:55", "23:27", "Module 3 films: Film 7"),
        (2, "23:27", "23:57", EX10),
    ]
    past = "the day would run past midnight; start it earlier."
    assert [n for n in agenda.notes if n.day == 2] == [
        Note(
            text="Day 2 leaves out the re-watch of Film 6 the pack suggests before Module 3 of "
            f"Section 3 (23 minutes more): {past}",
            day=2,
            item="section-3-module-3",
        ),
        Note(
            text="Day 2 leaves out the optional discussion after Module 3 of Section 3 "
            f"(10 minutes): {past}",
            day=2,
            item="section-3-module-3",
        ),
    ]
    assert agenda.left_out == ()


def test_a_budget_that_leaves_out_discussions_notes_only_what_it_says() -> None:
    """The budget's left-out list names the discussions; the notes hold no empty one for them."""
    agenda = plan(PACK, ["section-3"], PlanOptions(budget=190 * MIN, discussions=True))
    assert agenda.left_out == tuple(
        f"the optional discussion after Module {m} of Section 3" for m in (1, 2, 3)
    )
    assert [type(n) for n in agenda.notes] == [Note]
    assert agenda.notes[0].text.startswith("From 09:30 to 12:35, 3 hours 5 minutes of films")


@pytest.mark.parametrize(
    ("closes", "end"),
    [
        (timedelta(hours=10, minutes=40), time(10, 40)),
        (timedelta(hours=10, minutes=40, seconds=1), time(10, 41)),
        (timedelta(hours=23, minutes=59), time(23, 59)),
        (timedelta(hours=23, minutes=59, seconds=1), None),  # 00:00 ends no slot
        (timedelta(hours=24), None),
    ],
)
def test_a_slot_end_is_the_first_whole_minute_that_holds_the_day(
    closes: timedelta, end: time | None
) -> None:
    """A booked slot ends on a minute, before midnight: the end told is the first such."""
    assert _booked_to(closes) == end


def _all_talk(count: int) -> Pack:
    """``count`` modules of a 20-minute film each, each with 10 minutes of optional talk."""
    pack = modules_pack([20] * count)
    section = pack.sections[0]
    talk = Discussion(duration=10 * MIN, optional=True)
    modules = tuple(evolve(m, discussion=talk) for m in section.modules)
    return evolve(pack, sections=(evolve(section, modules=modules),))


def test_many_discussions_left_out_give_the_ends_of_the_first_the_first_two_and_all() -> None:
    """Five left out: three ends, not five; "all five", in words."""
    assert _notes(_all_talk(5), time(9, 0), time(10, 40))[0] == (
        "The plan leaves out the optional discussions after Modules 1, 2, 3, 4 and 5 of Section "
        "1 (10 minutes each): they do not fit the slot, 09:00 to 10:40; a slot ending at 10:50 "
        "would hold the first of them, 11:00 the first two and 11:30 all five."
    )


def test_at_most_four_plans_are_made_again_to_bear_out_the_notes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three days each leaving out talk: four plans made again; a claim past them is not told."""
    made: list[PlanOptions] = []
    real = planning._plan  # noqa: SLF001 (counts the plans made again)

    def counted(pack: Pack, selection: object, options: PlanOptions) -> object:
        made.append(options)
        return real(pack, selection, options)  # type: ignore[arg-type]

    monkeypatch.setattr(planning, "_plan", counted)
    booked = (Slot(start=time(9, 0), end=time(10, 40)),) * 3
    notes = plan(_all_talk(15), options=PlanOptions(booked=booked, discussions=True)).notes
    assert len(made) == 1 + planning.MOST_REPLANS == 5
    said = [n.text.split(": they do not fit the slot, ")[1] for n in notes if "leaves" in n.text]
    assert said == [  # Day 1's three ends, then Day 2's first: four plans
        "09:00 to 10:40; a slot ending at 10:50 would hold the first of them, 11:00 the first "
        "two and 11:30 all five.",
        "09:00 to 10:40; a slot ending at 10:50 would hold the first of them.",
        "09:00 to 10:40.",
    ]

"""The running sheet: phase clock times, the facilitator's column, own slots, dates, copies."""

import itertools
import json
from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import packs

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._output.guide_sessions import phase_times
from recurrent_care_pack._output.guide_view import guide_view

MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


def _guide(tmp_path_factory: pytest.TempPathFactory, *argv: str) -> list[str]:
    """The Markdown guide ``rcpack handout guide`` writes for ``argv``, as lines."""
    target = tmp_path_factory.mktemp("guide") / "guide.md"
    assert main(["handout", "guide", *argv, "-o", str(target)]) == 0
    return target.read_text(encoding="utf-8").splitlines()


def test_exercise_8_phases_have_their_clock_times(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """From 09:30 with breaks after exercises: Exercise 8 is 10:10-10:30 in pairs, then 10:30-10:40."""
    lines = _guide(tmp_path_factory, "section-3", "--start", "09:30", "--break-after-exercises")
    capsys.readouterr()
    at = lines.index(
        "| 10:10–10:40 | 30 min | **Exercise 8: Understanding non-engagement and attachment "
        "through a case study** | Hand out the case study of Tina. |  |"
    )
    assert lines[at + 1 : at + 3] == [
        "| 10:10–10:30 | 20 min |     Exercise 8, part 1 of 2: pairs or small groups | Split "
        "the room into pairs or small groups. |  |",
        "| 10:30–10:40 | 10 min |     Exercise 8, part 2 of 2: whole group | Call the room back "
        "together. Note down any key points on flipchart or Post-its. |  |",
    ]


def test_what_to_bring_comes_first_with_the_films_and_copies(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """The running sheet comes first; what to bring follows, each thing once, counts marked."""
    lines = _guide(tmp_path_factory, "section-3", "--participants", "12")
    capsys.readouterr()
    assert lines[2] == "## Running sheet: 09:30–12:35 (3 hours 5 min)"
    assert lines.index("## Running sheet: 09:30–12:35 (3 hours 5 min)") < lines.index(
        "### What to bring for this session"
    )
    assert not any("web address not in the data" in line for line in lines)
    count = "(12 copies: one each is this tool's count, not the pack's)"
    assert f"- [ ] The case study of Tina (Exercise 8) {count}" in lines
    assert f"- [ ] The participants' exercise sheets (Exercises 8, 9 and 10) {count}" in lines
    # Exercise 8's "flipchart paper and marker pens or Post-its" is met by what 9 and 10 need.
    assert "- [ ] flipchart paper (Exercises 8, 9 and 10)" in lines
    assert sum("flipchart paper" in line for line in lines if line.startswith("- [ ]")) == 1
    assert (
        "- Not in the session file: Films 2, 3, 4, 5, 6 and 7, the case study of Tina and the "
        "case study of Amy. Note where your service keeps each in the session file, for "
        "example films: film-2: url: … (or file: …, page: …)"
    ) in lines


def test_own_slots_are_labelled_and_move_the_clock(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """Set-up, opening and closing are entries: labelled, left to the facilitator, times shift."""
    argv = ["section-3", "--start", "09:30", "--setup", "30m", "--opening", "15m"]
    argv += ["--closing", "15m", "--break-after-exercises"]
    lines = _guide(tmp_path_factory, *argv)
    capsys.readouterr()
    sheet = [line for line in lines if line.startswith(("| 09:00", "| 09:30"))]
    assert sheet[:2] == [
        "| 09:00–09:30 | 30 min | **Set-up** | Your own set-up: queue Films 2, 3, 4, 5, 6 "
        "and 7; set out what to bring. |  |",
        "| 09:30–09:45 | 15 min | **Opening** | Your own opening: see this tool's suggestions. "
        "|  |",
    ]
    assert (
        "| 13:20–13:35 | 15 min | **Closing** | Your own closing: see this tool's suggestions. "
        "|  |"
    ) in lines
    assert not any("wellbeing" in line.lower() for line in lines)  # the pack never asks for one
    assert main(["plan", *argv, "--json"]) == 0
    days = json.loads(capsys.readouterr().out)["days"]
    kinds = [(e["kind"], e["start"], e["end"], e["item"]) for e in days[0]["entries"]]
    assert kinds[:3] == [
        ("setup", "09:00", "09:30", None),
        ("opening", "09:30", "09:45", None),
        ("films", "09:45", "10:25", "section-3-module-1"),
    ]
    assert kinds[-1] == ("closing", "13:20", "13:35", None)


def test_plan_prints_own_slots_and_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """``rcpack plan`` shows the slots on each day under its date."""
    argv = ["plan", "section-3", "--days", "2", "--opening", "10m", "--closing", "5m"]
    assert main([*argv, "--date", "2027-01-12", "--date", "2027-01-19"]) == 0
    assert capsys.readouterr().out == (
        "Day 1, Tuesday 12 January 2027, 09:30\N{EN DASH}10:55\n"
        "  09:30-09:40    10 min  Opening\n"
        "  09:40-10:20    40 min  Module 1 films: Films 2, 3, 4 and 5\n"
        "  10:20-10:50    30 min  Exercise 8: Understanding non-engagement and attachment "
        "through a case study\n"
        "  10:50-10:55     5 min  Closing\n"
        "  ends 10:55: 1 hour 25 min\n"
        "\n"
        "Day 2, Tuesday 19 January 2027, 09:30\N{EN DASH}11:40\n"
        "  09:30-09:40    10 min  Opening\n"
        "  09:40-10:03    23 min  Module 2 films: Film 6\n"
        "  10:03-10:33    30 min  Exercise 9: Understanding non-engagement and complex trauma "
        "through a case study\n"
        "  10:33-11:05    32 min  Module 3 films: Film 7\n"
        "  11:05-11:35    30 min  Exercise 10: Thinking about trauma-informed approaches in "
        "your work\n"
        "  11:35-11:40     5 min  Closing\n"
        "  ends 11:40: 2 hours 10 min\n"
        "Note: From 09:40 to 11:35 on Day 2, 1 hour 55 minutes of films, discussion and "
        "exercises run without a break, and this content is about trauma: consider a break "
        "(--break-every 90m, or comfort_breaks in a session file).\n"
        "\n"
        "In all: 3 hours 35 min\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--closing", "30m", "--day-end", "13:00"],
            "rcpack: cannot plan: the plan needs 3 hours 35 minutes for Module 1 of Section 3, "
            "Module 2 of Section 3 and Module 3 of Section 3 (from 09:30 to 13:05), and its "
            "slot, 09:30 to 13:00, holds 3 hours 30 minutes; plan fewer items, book a longer "
            "slot, or give a budget (--budget, or budget in a session file) to let the plan "
            "choose\n",
        ),
        (
            ["--days", "2", "--date", "2027-01-12"],
            "rcpack: cannot plan: the plan has 2 days but 1 date was given; give one date per "
            "day, in order (--date 2027-01-12 --date 2027-01-19)\n",
        ),
        (
            ["--days", "2", "--date", "2027-01-19", "--date", "2027-01-12"],
            "rcpack: cannot plan: the date 2027-01-12 does not come after 2027-01-19; give one "
            "date per day, in order\n",
        ),
    ],
)
def test_impossible_slots_and_dates_are_refused(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A slot of no length, a closing past the day's end, dates that do not match the days."""
    assert main(["plan", "section-3", *argv]) == 2
    assert capsys.readouterr() == ("", message)


def test_a_slot_of_no_length_is_refused(pack: rcp.Pack) -> None:
    """An opening of no time is a plan error that says how to mend it."""
    with pytest.raises(rcp.PlanError) as refused:
        rcp.plan(pack, ["section-3"], rcp.PlanOptions(opening=timedelta()))
    assert str(refused.value) == (
        "the opening must last more than zero minutes; give one such as 15 minutes, "
        "or leave it out"
    )


def test_a_date_that_is_not_one_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """``--date 12/01/2027`` says what a date looks like."""
    assert main(["plan", "--date", "12/01/2027"]) == 2
    assert capsys.readouterr().err.endswith(
        "rcpack plan: error: argument --date: '12/01/2027' is not a date like 2027-01-12\n"
    )


def test_a_budget_counts_the_own_slots(pack: rcp.Pack) -> None:
    """In 3 h 20 min, a 15-minute opening and closing leave no room for Module 2.

    All of Section 3 is 3 h 5 min, 3 h 35 min with the slots; without Module 2, Module 3
    shows Film 6 first (55 minutes for its films) and the day is 3 h 5 min.
    """
    options = rcp.PlanOptions(opening=15 * MIN, closing=15 * MIN, budget=200 * MIN)
    agenda = rcp.plan(pack, ["section-3"], options)
    assert agenda.total == 185 * MIN
    assert agenda.left_out == ("Module 2 of Section 3",)
    assert [e.kind for e in agenda.entries][:1] == [rcp.EntryKind.OPENING]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pack=packs(),
    start=st.times(time(6, 0), time(12, 0)).map(lambda t: t.replace(second=0, microsecond=0)),
    breaks=st.booleans(),
    opening=st.sampled_from([None, 5 * MIN, 15 * MIN]),
)
def test_phase_times_add_up_to_their_exercise(
    pack: rcp.Pack, start: time, breaks: bool, opening: timedelta | None
) -> None:
    """Each exercise's phases run back to back from its start to its end on the running sheet."""
    options = rcp.PlanOptions(
        start=start,
        breaks=rcp.Breaks(after_exercises=True) if breaks else None,
        opening=opening,
    )
    try:
        agenda = rcp.plan(pack, [], options)
    except rcp.PlanError:
        return  # a day past midnight, say: nothing to lay out
    exercises = {e.id: e for s in pack.sections for e in s.exercises}
    parts = guide_view(pack, agenda).parts
    for entry in agenda.entries:
        if entry.kind is not rcp.EntryKind.EXERCISE or not exercises[entry.item or ""].phases:
            continue
        times = phase_times(exercises[entry.item or ""], entry.start)
        assert times[0][0] == entry.start
        assert times[-1][1] == entry.end
        assert all(a[1] == b[0] for a, b in itertools.pairwise(times))
    rows = [r for part in parts for r in part.sheet.rows]
    assert sum(r.seconds for r in rows if r.kind == "phase") == sum(
        int(e.duration.total_seconds())
        for e in agenda.entries
        if e.kind is rcp.EntryKind.EXERCISE and exercises[e.item or ""].phases
    )


def test_dates_head_each_day_of_the_running_sheet(pack: rcp.Pack) -> None:
    """A two-day plan with dates heads each day of the running sheet with its date."""
    options = rcp.PlanOptions(days=2, dates=(date(2027, 1, 12), date(2027, 1, 19)))
    agenda = rcp.plan(pack, ["section-3"], options)
    assert [p.heading for p in guide_view(pack, agenda).parts] == [
        "Session 1 of 2: Tuesday 12 January 2027, 09:30\u201310:40 (1 hour 10 min)",
        "Session 2 of 2: Tuesday 19 January 2027, 09:30\u201311:25 (1 hour 55 min)",
    ]

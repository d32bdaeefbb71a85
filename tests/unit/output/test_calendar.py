"""``rcpack plan --ics``: an iCalendar file of the plan's days or entries, in London time."""

import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
from installing import GIT, installed_as

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._output.calendar import agenda_calendar

LONDON = ZoneInfo("Europe/London")
TWO_DAYS = ["section-3", "--days", "2", "--date", "2027-01-12", "--date", "2027-06-15"]


def _events(file: Path) -> list[icalendar.Event]:
    """The events of the iCalendar file, parsed by icalendar."""
    calendar = icalendar.Calendar.from_ical(file.read_bytes())
    assert isinstance(calendar, icalendar.Calendar)
    return list(calendar.events)


def test_a_day_an_event_with_the_days_agenda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two days give two events, in London time (GMT in January, BST in June), agenda inside."""
    target = tmp_path / "section-3.ics"
    assert main(["plan", *TWO_DAYS, "--ics", str(target)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("Day 1, Tuesday 12 January 2027, 09:30\N{EN DASH}10:40\n")
    assert out.err == f"wrote {target}\n"
    events = _events(target)
    assert [(e.start, e.end) for e in events] == [
        (
            datetime(2027, 1, 12, 9, 30, tzinfo=LONDON),
            datetime(2027, 1, 12, 10, 40, tzinfo=LONDON),
        ),
        (
            datetime(2027, 6, 15, 9, 30, tzinfo=LONDON),
            datetime(2027, 6, 15, 11, 25, tzinfo=LONDON),
        ),
    ]
    offsets = [e.start.utcoffset() for e in events if isinstance(e.start, datetime)]
    assert offsets == [timedelta(0), timedelta(hours=1)]
    assert [str(e["SUMMARY"]) for e in events] == [
        "Recurrent Care Resource Pack: session 1 of 2",
        "Recurrent Care Resource Pack: session 2 of 2",
    ]
    assert str(events[0]["DESCRIPTION"]) == (
        "09:30-10:10 Module 1 films: Films 2, 3, 4 and 5\n"
        "10:10-10:40 Exercise 8: Understanding non-engagement and attachment through a case study"
    )
    assert str(events[1]["DESCRIPTION"]).splitlines() == [
        "09:30-09:53 Module 2 films: Film 6",
        "09:53-10:23 Exercise 9: Understanding non-engagement and complex trauma through a case "
        "study",
        "10:23-10:55 Module 3 films: Film 7",
        "10:55-11:25 Exercise 10: Thinking about trauma-informed approaches in your work",
    ]
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert all(str(e["DTSTART"].params["TZID"]) == "Europe/London" for e in events)


def test_an_entry_an_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--ics-events entry`` gives one event per entry, each at the entry's clock times."""
    target = tmp_path / "section-3.ics"
    argv = [*TWO_DAYS, "--opening", "15m", "--ics", str(target), "--ics-events", "entry"]
    assert main(["plan", *argv, "--json"]) == 0
    days = json.loads(capsys.readouterr().out)["days"]
    events = _events(target)
    expected = [
        (
            datetime.fromisoformat(f"{day['date']}T{e['start']}").replace(tzinfo=LONDON),
            datetime.fromisoformat(f"{day['date']}T{e['end']}").replace(tzinfo=LONDON),
            f"{e['title']} (Recurrent Care Resource Pack: session {day['day']} of 2)",
        )
        for day in days
        for e in day["entries"]
    ]
    assert [(e.start, e.end, str(e["SUMMARY"])) for e in events] == expected
    assert expected[0][2] == "Opening (Recurrent Care Resource Pack: session 1 of 2)"
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_calendar_needs_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --date nothing is written and the message says what to give."""
    target = tmp_path / "plan.ics"
    assert main(["plan", "section-3", "--ics", str(target)]) == 2
    assert capsys.readouterr() == (
        "",
        "rcpack: cannot write the calendar: a calendar needs the date of each day: give one "
        "--date per day, such as --date 2027-01-12\n",
    )
    assert not target.exists()


def test_a_calendar_never_overwrites_a_content_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--ics`` naming a YAML file is refused, and the file is left as it was."""
    target = tmp_path / "section-3.yaml"
    target.write_text("sections: []\n", encoding="utf-8")
    assert main(["plan", "--date", "2027-01-12", "--ics", str(target)]) == 2
    assert capsys.readouterr() == (
        "",
        f"rcpack: cannot write '{target}': it is a content file, and the calendar would "
        "overwrite it; name the calendar file something like 'session.ics'\n",
    )
    assert target.read_text(encoding="utf-8") == "sections: []\n"


def test_calendar_without_icalendar_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without the icalendar library the error gives the command that installs the extra."""
    installed_as(monkeypatch, tmp_path, GIT)
    pack = rcp.load_pack()
    agenda = rcp.plan(pack, ["Module 2"], rcp.PlanOptions(dates=(date(2027, 1, 12),)))
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(rcp.MissingExtraError) as missing:
        agenda_calendar(agenda, pack.title)
    assert str(missing.value) == (
        "calendars need icalendar, which is not installed; to install it with the rest of "
        "rcpack's calendar extra, run: ~/.rcpack/bin/pip install "
        f"'recurrent-care-pack[calendar] @ git+https://example.org/rcp.git@{'b' * 40}'"
    )


def test_two_plans_on_one_day_never_share_an_event_and_one_plan_keeps_its_own() -> None:
    """Each plan's events have their own ids (two cohorts in one shared calendar), stable on rewrite."""
    pack = rcp.load_pack()
    day = (date(2027, 1, 12),)

    def uids(items: list[str], start: str) -> list[str]:
        options = rcp.PlanOptions(start=datetime.strptime(start, "%H:%M").time(), dates=day)  # noqa: DTZ007
        calendar = icalendar.Calendar.from_ical(
            agenda_calendar(rcp.plan(pack, items, options), pack.title, "entry")
        )
        return [str(event["UID"]) for event in calendar.walk("VEVENT")]

    first = uids(["Module 1"], "09:30")
    assert uids(["Module 1"], "09:30") == first  # written again: the same events, updated
    other = uids(["Module 2"], "09:30")  # another cohort's plan, the same day and hour
    assert not set(first) & set(other)


def _real(moment: object) -> datetime:
    assert isinstance(moment, datetime)
    return moment.astimezone(UTC)


def _across(day: str, start: str, end: str, month: str) -> str:
    go, odd = ("forward", "do not exist") if month == "March" else ("back", "come twice")
    return (
        f"rcpack: cannot plan: the plan runs from {start} to {end} on {day}, the night the UK "
        f"clocks go {go} an hour: clock times from 01:00 to 02:00 {odd} that night, so its "
        "times would be wrong; end the day by 01:00 or start it at 02:00 or later\n"
    )


@pytest.mark.parametrize(
    ("day", "start", "message"),
    [
        ("2027-03-28", "00:30", _across("Sunday 28 March 2027", "00:30", "03:35", "March")),
        ("2027-03-28", "01:30", _across("Sunday 28 March 2027", "01:30", "04:35", "March")),
        ("2027-03-28", "00:00", _across("Sunday 28 March 2027", "00:00", "03:05", "March")),
        ("2027-10-31", "00:30", _across("Sunday 31 October 2027", "00:30", "03:35", "October")),
        ("2027-10-31", "01:00", _across("Sunday 31 October 2027", "01:00", "04:05", "October")),
        ("2027-10-31", "01:59", _across("Sunday 31 October 2027", "01:59", "05:04", "October")),
    ],
)
def test_a_day_into_the_hour_the_clocks_change_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str, start: str, message: str
) -> None:
    """A dated day that runs into 01:00-02:00 the night the clocks change: no time printed."""
    target = tmp_path / "night.ics"
    options = ["section-3", "--start", start, "--date", day]
    assert main(["plan", *options, "--ics", str(target)]) == 2
    assert capsys.readouterr() == ("", message)
    assert not target.exists()
    assert main(["plan", *options]) == 2  # the printed plan would be as wrong
    assert capsys.readouterr() == ("", message)
    assert main(["plan", "section-3", "--start", start]) == 0  # no date: no time zone


def test_a_day_of_a_two_day_plan_is_named() -> None:
    """In a plan of several days, the message names the day, and its date."""
    pack = rcp.load_pack()
    options = rcp.PlanOptions(
        days=2,
        start=datetime.strptime("00:20", "%H:%M").time(),  # noqa: DTZ007
        dates=(date(2027, 3, 27), date(2027, 3, 28)),
    )
    with pytest.raises(rcp.PlanError) as raised:
        rcp.plan(pack, ["section-3"], options)
    assert str(raised.value) == (
        "Day 2 runs from 00:20 to 02:15 on Sunday 28 March 2027, the night the UK clocks go "
        "forward an hour: clock times from 01:00 to 02:00 do not exist that night, so its "
        "times would be wrong; end the day by 01:00 or start it at 02:00 or later"
    )


def test_a_calendar_of_an_agenda_given_dates_afterwards_is_refused() -> None:
    """An agenda planned without dates, then given one, never makes a wrong calendar."""
    pack = rcp.load_pack()
    start = datetime.strptime("00:30", "%H:%M").time()  # noqa: DTZ007
    agenda = rcp.plan(pack, ["section-3"], rcp.PlanOptions(start=start))
    dated = attrs.evolve(agenda, options=attrs.evolve(agenda.options, dates=(date(2027, 3, 28),)))
    with pytest.raises(rcp.PlanError) as raised:
        agenda_calendar(dated, pack.title)
    assert str(raised.value).startswith("the plan runs from 00:30 to 03:35 on Sunday 28 March")


@pytest.mark.parametrize(
    ("day", "start", "items"),
    [
        ("2027-03-28", "02:00", ["section-3"]),  # just after the clocks go forward
        ("2027-03-28", "00:00", ["Module 2"]),  # ends 00:53, before they do
        ("2027-10-31", "02:00", ["section-3"]),  # just after the clocks go back
        ("2027-10-31", "00:07", ["Module 2"]),  # ends 01:00, as the repeated hour begins
    ],
)
def test_on_a_clock_change_day_the_calendar_says_what_the_plan_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str, start: str, items: list[str]
) -> None:
    """Outside 01:00-02:00, every event is at the clock times printed, and lasts as long."""
    target = tmp_path / "night.ics"
    options = [*items, "--start", start, "--date", day, "--ics", str(target)]
    assert main(["plan", *options, "--ics-events", "entry", "--json"]) == 0
    (planned,) = json.loads(capsys.readouterr().out)["days"]
    entries = planned["entries"]
    events = _events(target)
    assert [(e.start, e.end) for e in events] == [
        (
            datetime.fromisoformat(f"{day}T{entry['start']}").replace(tzinfo=LONDON),
            datetime.fromisoformat(f"{day}T{entry['end']}").replace(tzinfo=LONDON),
        )
        for entry in entries
    ]
    for event, entry in zip(events, entries, strict=True):
        assert _real(event.end) - _real(event.start) == timedelta(seconds=entry["seconds"])
    assert main(["plan", *options]) == 0  # a day an event: the day's agenda, as printed
    printed = capsys.readouterr().out.splitlines()
    (whole,) = _events(target)
    assert _real(whole.end) - _real(whole.start) == timedelta(
        seconds=sum(entry["seconds"] for entry in entries)
    )
    assert whole.end == datetime.fromisoformat(f"{day}T{planned['end']}").replace(tzinfo=LONDON)
    for line, entry in zip(str(whole["DESCRIPTION"]).splitlines(), entries, strict=True):
        assert line.startswith(f"{entry['start']}-{entry['end']} ")
        assert any(line.split(" ")[0] in shown for shown in printed)

"""Session files: read and checked like the pack's, problems located, a `Session` built."""

import os
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from paths import DATA
from session_cases import SESSION, SESSION_CASES, WEEKLY

from recurrent_care_pack._cli import main
from recurrent_care_pack._content.finding import find_packs, is_content_file, is_session_file
from recurrent_care_pack._content.loading import check, check_paths, check_session
from recurrent_care_pack._problems import Fix
from recurrent_care_pack._session import Break, Location, Session, Slot
from recurrent_care_pack._use.sessions import Flags, session_options, with_flags


def _validate(
    folder: Path, *paths: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        status = main(["validate", *paths])
    finally:
        os.chdir(old)
    return status, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(("text", "expected"), SESSION_CASES.values(), ids=list(SESSION_CASES))
def test_session_problem_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *, text: str, expected: list[str]
) -> None:
    """Each mistake in a session file gets exactly these located lines, and exit status 1."""
    (tmp_path / "session.yaml").write_text(text, encoding="utf-8")
    status, lines = _validate(tmp_path, "session.yaml", capsys=capsys)
    assert lines[:-1] == expected
    assert status == 1


def test_every_mistake_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Problems of the schema, the slots, the breaks, the items and the films come in one run."""
    text = (
        SESSION.replace("    - Section 3\n", "    - Modul 2\n")
        .replace("  room: Room 2\n", "  rooom: Room 2\n")
        .replace(
            "      end: 13:30\n",
            "      end: 13:30\n    - date: 2027-02-30\n      start: 10:00\n      end: 9:00\n",
        )
        .replace("    film-6:\n", "    film-66:\n")
    )
    (tmp_path / "session.yaml").write_text(text, encoding="utf-8")
    status, lines = _validate(tmp_path, "session.yaml", capsys=capsys)
    assert status == 1
    assert lines == [
        "session.yaml:6:7: RC504 nothing in the pack is called 'Modul 2'; did you mean 'Module 2'?",
        "session.yaml:9:3: RC201 unknown key 'rooom' in this session; did you mean 'room'?",
        "session.yaml:16:13: RC206 '2027-02-30' is not a date that exists: 2027 has no 30 February",
        "session.yaml:18:12: RC501 this slot ends at 09:00, before it starts at 10:00; write the time it ends, on the 24-hour clock (13:30, not 1:30)",
        "session.yaml:27:5: RC505 the pack has no film 'film-66'; did you mean 'film-6'?",
        "checked 1 file, session.yaml: 5 problems in 1 file",
    ]


def test_a_valid_session_is_built_whole(tmp_path: Path) -> None:
    """The example session reads into the Session records, every value typed."""
    (tmp_path / "session.yaml").write_text(SESSION, encoding="utf-8")
    result = check_session(tmp_path / "session.yaml")
    assert result.problems == ()
    assert result.pack is not None
    assert result.session == Session(
        title="Team learning day",
        service="Anytown Family Support Service",
        items=("Section 3",),
        participants=12,
        venue="Anytown Town Hall",
        room="Room 2",
        facilitators=("Sam Patel",),
        slots=(Slot(start=time(9, 30), end=time(13, 30), date=date(2027, 1, 12)),),
        breaks=(Break(at=time(12), length=timedelta(minutes=45), title="Lunch"),),
        break_every=timedelta(minutes=90),
        break_length=timedelta(minutes=10),
        locations={
            "film-6": Location(url="https://example.org/film-6"),
            "case-study-tina": Location(file="handouts/tina.pdf", page="3"),
        },
    )


def test_quoted_and_unquoted_times_read_alike(tmp_path: Path) -> None:
    """09:30 without quotes is a time (YAML 1.2 reads it as text), as '09:30' is; so is 9:30."""
    quoted = SESSION.replace("start: 09:30", 'start: "09:30"').replace("at: 12:00", "at: '12:00'")
    unpadded = SESSION.replace("start: 09:30", "start: 9:30")
    sessions = []
    for number, text in enumerate([SESSION, quoted, unpadded]):
        (tmp_path / f"{number}.yaml").write_text(text, encoding="utf-8")
        sessions.append(check_session(tmp_path / f"{number}.yaml").session)
    assert sessions[0] is not None
    assert sessions[0] == sessions[1] == sessions[2]


def test_session_options_are_the_planners(tmp_path: Path) -> None:
    """A session's slots, breaks and choices become plan()'s items and options."""
    (tmp_path / "session.yaml").write_text(SESSION, encoding="utf-8")
    session = check_session(tmp_path / "session.yaml").session
    assert session is not None
    items, options = session_options(session)
    assert items == ("Section 3",)
    assert options.booked == session.slots
    assert options.sessions == session.slots
    breaks = options.breaks
    assert breaks is not None
    assert (breaks.length, breaks.every, breaks.after_exercises, breaks.at) == (
        timedelta(minutes=10),
        timedelta(minutes=90),
        False,
        (),
    )
    assert breaks.fixed == (Break(at=time(12), length=timedelta(minutes=45), title="Lunch"),)
    # The slots alone say when: the uniform days' options stay as they are by default.
    assert (options.start, options.days, options.day_end, options.dates) == (
        time(9, 30),
        1,
        None,
        (),
    )
    assert [(s.start, s.end, s.date) for s in options.sessions] == [
        (time(9, 30), time(13, 30), date(2027, 1, 12))
    ]


def test_three_weekly_slots_are_three_days(tmp_path: Path) -> None:
    """Three weekly 90-minute slots in one file plan as three dated days."""
    (tmp_path / "weekly.yaml").write_text(WEEKLY, encoding="utf-8")
    session = check_session(tmp_path / "weekly.yaml").session
    assert session is not None
    _, options = session_options(session)
    assert [slot.date for slot in options.sessions] == [
        date(2027, 1, 12),
        date(2027, 1, 19),
        date(2027, 1, 26),
    ]
    assert options.breaks is None


def test_a_flag_the_file_decides_is_refused() -> None:
    """--budget with a file that gives 'budget': one line naming both."""
    with pytest.raises(
        ValueError,
        match=r"^--budget is decided by the session file's 'budget'; change it there, or leave out --budget$",
    ):
        with_flags(Session(), Flags(budget=timedelta(hours=2)), frozenset({"budget"}))


def test_flags_the_file_leaves_open_are_used() -> None:
    """A flag the file does not decide adds to the session: a budget, a break at a time."""
    session = with_flags(
        Session(title="Day"),
        Flags(budget=timedelta(hours=2), break_at=(time(10),), start=time(10), days=2),
        frozenset({"title"}),
    )
    assert session.budget == timedelta(hours=2)
    assert session.breaks == (Break(at=time(10), length=timedelta(minutes=15)),)
    assert session.slots == (Slot(start=time(10)), Slot(start=time(10)))


def test_a_session_in_a_pack_folder_is_not_pack_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session file beside pack.yaml is checked as a session; the pack still loads."""
    for file in DATA.glob("*.yaml"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    (tmp_path / "team-day.yaml").write_text(SESSION, encoding="utf-8")
    assert [f.name for f in find_packs([tmp_path])[0].files] == ["pack.yaml", "section-3.yaml"]
    assert check(tmp_path).pack is not None
    assert check_paths([tmp_path]).pack is not None
    assert _validate(tmp_path, ".", capsys=capsys) == (
        0,
        ["checked 3 files in this folder: no problems"],
    )
    (tmp_path / "team-day.yaml").write_text(
        SESSION.replace("film-6:", "flim-6:"), encoding="utf-8"
    )
    status, lines = _validate(tmp_path, ".", capsys=capsys)
    assert (status, lines[0]) == (
        1,
        "team-day.yaml:24:5: RC505 the pack has no film 'flim-6'; did you mean 'film-6'?",
    )
    # Beside a 'film-6' of its own, 'flim-6' is not offered 'film-6' (it would be there twice).
    both = SESSION.replace(
        "    film-6:\n", "    film-6:\n      url: https://a.org/6\n    flim-6:\n", 1
    )
    (tmp_path / "team-day.yaml").write_text(both, encoding="utf-8")
    status, lines = _validate(tmp_path, ".", capsys=capsys)
    assert status == 1
    assert [line for line in lines if "RC505" in line] == [
        "team-day.yaml:26:5: RC505 the pack has no film 'flim-6'; the pack's films are "
        "'film-2', 'film-3', 'film-4', 'film-5', 'film-6', 'film-7'"
    ]


def test_a_session_file_is_known_by_its_schema_line_or_its_key(tmp_path: Path) -> None:
    """The session schema line, or a top-level 'session' key, makes a session, never pack content."""
    by_line = tmp_path / "a.yaml"
    by_line.write_text(
        "# yaml-language-server: $schema=../schema/session.schema.json\nsections: []\n"
    )
    by_key = tmp_path / "b.yml"
    by_key.write_text("session:\n  title: Day\n")
    pack = tmp_path / "c.yaml"
    pack.write_text("sections: []\n")
    assert [is_session_file(f) for f in (by_line, by_key, pack)] == [True, True, False]
    assert [is_content_file(f) for f in (by_line, by_key, pack)] == [False, False, True]


def test_a_session_runs_the_pack_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'pack: content' is read from the file's folder; a pack with problems is named once."""
    (tmp_path / "content").mkdir()
    for file in DATA.glob("*.yaml"):
        (tmp_path / "content" / file.name).write_bytes(file.read_bytes())
    text = SESSION.replace("  title: Team", "  pack: content\n  title: Team")
    (tmp_path / "session.yaml").write_text(text, encoding="utf-8")
    assert _validate(tmp_path, "session.yaml", capsys=capsys)[0] == 0
    section = tmp_path / "content" / "section-3.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace("number: 6\n", "number: six\n", 1)
    )
    status, lines = _validate(tmp_path, "session.yaml", capsys=capsys)
    assert status == 1
    assert lines == [
        "session.yaml:3:9: RC506 the pack at 'content' has 1 problem, so this session cannot be "
        "checked against it; fix it first (rcpack validate content)",
        "checked 1 file, session.yaml: 1 problem in 1 file",
    ]


def test_a_session_file_that_is_not_a_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session file holding a list says what a session file holds."""
    (tmp_path / "s.yaml").write_text("session:\n  - 1\n", encoding="utf-8")
    assert _validate(tmp_path, "s.yaml", capsys=capsys)[1][0] == (
        "s.yaml:2:3: RC203 'session' should be a mapping of keys and values, not a list"
    )


def test_readme_session_example_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The session README shows passes rcpack validate (its pack: a copy of the bundled one)."""
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    part = readme.split("### The session file\n", 1)[1]
    example = part.split("```yaml\n", 1)[1].split("```\n", 1)[0]
    (tmp_path / "schema").mkdir()
    (tmp_path / "content").mkdir()
    for file in DATA.glob("*.yaml"):
        (tmp_path / "content" / file.name).write_bytes(file.read_bytes())
    (tmp_path / "session.yaml").write_text(example, encoding="utf-8")
    assert _validate(tmp_path, "session.yaml", capsys=capsys) == (
        0,
        ["checked 1 file, session.yaml: no problems"],
    )


def test_yes_and_no_in_a_session_are_flagged_as_in_the_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain 'no' as text is RC111; 'yes' where true or false is wanted says to write true."""
    (tmp_path / "s.yaml").write_text("session:\n  title: no\n  discussions: yes\n")
    assert _validate(tmp_path, "s.yaml", capsys=capsys) == (
        1,
        [
            "s.yaml:2:10: RC111 'no' is read as the word 'no', but YAML 1.1 tools read it as "
            "false; put it in quotes ('no') to keep the word, or write false",
            "s.yaml:3:16: RC203 'discussions' should be true or false, not the word 'yes'; "
            "write true",
            "checked 1 file, s.yaml: 2 problems in 1 file",
        ],
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "/",
            "'/' is a folder with no pack.yaml, so not a pack folder; write where the pack folder is, or leave 'pack' out",
        ),
        (
            "/dev/null",
            "the pack at '/dev/null' cannot be read: it is not a file or folder (a pipe, socket or device); write where the pack folder is, or leave 'pack' out",
        ),
        (
            "s.yaml",
            "'s.yaml' holds no pack content; write where the pack folder is, or leave 'pack' out",
        ),
    ],
)
def test_a_pack_that_is_no_pack_folder_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, message: str
) -> None:
    """'pack:' names a pack folder or file: '/' is never searched, a device never read."""
    (tmp_path / "s.yaml").write_text(f"session:\n  pack: {written}\n", encoding="utf-8")
    assert _validate(tmp_path, "s.yaml", capsys=capsys)[1][0] == f"s.yaml:2:9: RC506 {message}"


def test_a_session_names_items_as_plan_does() -> None:
    """Every name a session may give an item ('Module 2', 'exercise-9') is the item find gives."""
    from recurrent_care_pack import find, load_pack  # noqa: PLC0415
    from recurrent_care_pack._content.sessions import item_names  # noqa: PLC0415

    pack = load_pack()
    names = item_names(pack)
    assert {"Section 3", "Module 2", "Exercise 10", "section-3", "exercise-9"} <= set(names)
    for name, item in names.items():
        assert find(pack, name) is item, name


def test_every_way_plan_names_an_item_is_a_valid_session_item(tmp_path: Path) -> None:
    """Names find reads (any case, 'of Section 3', 'Learning Module 1') pass a session's check."""
    names = ["module 2", "Module 2 of Section 3", "Learning Module 1", "Section 3, Module 3"]
    names += ["EXERCISE 10", "section-3", "section-3-module-1", "exercise-8"]
    listed = "".join(f"    - {name}\n" for name in names)
    (tmp_path / "s.yaml").write_text(f"session:\n  items:\n{listed}", encoding="utf-8")
    assert check_session(tmp_path / "s.yaml").problems == ()


def test_session_options_refuses_what_is_not_a_session() -> None:
    """A file name where a Session is wanted: TypeError saying what to give."""
    with pytest.raises(TypeError) as raised:
        session_options("session.yaml")  # type: ignore[arg-type]
    assert str(raised.value) == (
        "session must be a Session such as check_session() gives, not the string 'session.yaml'"
    )


def test_a_name_as_close_to_several_items_names_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Module 4' is as close to Modules 1, 2 and 3: all three are named, each a fix."""
    (tmp_path / "session.yaml").write_text(
        SESSION.replace("    - Section 3\n", "    - Module 4\n"), encoding="utf-8"
    )
    status, lines = _validate(tmp_path, "session.yaml", capsys=capsys)
    assert (status, lines[0]) == (
        1,
        "session.yaml:6:7: RC504 nothing in the pack is called 'Module 4'; did you mean "
        "'Module 1', 'Module 2' or 'Module 3'?",
    )
    [problem] = check_session(tmp_path / "session.yaml").problems
    assert problem.fix is not None
    assert [text for _, text in problem.fix.offers] == ["Module 1", "Module 2", "Module 3"]


@pytest.mark.parametrize(
    ("key", "fix"),
    [
        ("Case Study Tina", None),  # 'case-study-tina' is a key beside it
        ("Case Study Amy", Fix(action="Write '{}'", replacements=("case-study-amy",))),
    ],
)
def test_an_id_key_written_otherwise_is_mended_only_where_it_would_not_repeat_a_key(
    tmp_path: Path, key: str, fix: Fix | None
) -> None:
    """Made, "Write 'case-study-tina'" would give the mapping that key twice: no fix then."""
    file = tmp_path / "session.yaml"
    file.write_text(SESSION + f"    {key}:\n      page: 3\n", encoding="utf-8")
    [problem] = [p for p in check_session(file).problems if p.code == "RC205"]
    assert problem.fix == fix

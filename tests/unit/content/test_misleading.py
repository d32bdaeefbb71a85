"""Issue 11, point 9: messages that misled editors, each pinned by its exact line."""

import json
from pathlib import Path

import pytest
from small_packs import BASE

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.reading import read_text
from recurrent_care_pack._durations import diagnose

#: BASE with a discussion after Module 2's films, whose 'optional' is written as ``{}``.
WITH_DISCUSSION = BASE.replace(
    "        exercise: ex\n",
    "        discussion:\n          duration: 10 minutes\n          optional: {}\n"
    "        exercise: ex\n",
)
OPTIONAL = "pack.yaml:21:21"  # where the discussion's 'optional' value starts


def _edit(old: str, new: str, base: str = BASE) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


def _validate(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: str,
    *options: str,
) -> tuple[int, list[str]]:
    (folder / "pack.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(folder)
    status = main(["validate", *options, "pack.yaml"])
    return status, capsys.readouterr().out.splitlines()


def _summary(count: int) -> str:
    return f"checked 1 file, pack.yaml: {count} problem{'s' if count > 1 else ''} in 1 file"


# 1. yes and no: one problem, with the fix that is right where it is written.


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("yes", "write true"),
        ("Yes", "write true"),
        ("YES", "write true"),
        ("on", "write true"),
        ("y", "write true"),
        ("no", "write false"),
        ("OFF", "write false"),
        ("N", "write false"),
        ("yEs", "write true"),  # not a YAML 1.1 boolean, still meant as one
        ("'yes'", "write true"),
        ('"true"', "write true without quotes"),
    ],
)
def test_a_yes_or_no_where_true_or_false_belongs_gets_one_problem(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    written: str,
    fix: str,
) -> None:
    """'optional: yes' gets one RC203 saying to write true or false, and no RC111 'quote it'."""
    content = WITH_DISCUSSION.replace("optional: {}", f"optional: {written}")
    word = written.strip("'\"")
    line = f"{OPTIONAL}: RC203 'optional' should be true or false, not the word '{word}'; {fix}"
    assert _validate(tmp_path, monkeypatch, capsys, content) == (1, [line, _summary(1)])


def test_true_and_false_as_written_are_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The discussion itself is valid content: only its 'optional' made the problems above."""
    content = WITH_DISCUSSION.replace("optional: {}", "optional: true")
    assert _validate(tmp_path, monkeypatch, capsys, content) == (
        0,
        ["checked 1 file, pack.yaml: no problems"],
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  title: A pack\n",
            "  title: yes\n",
            "pack.yaml:3:10: RC111 'yes' is read as the word 'yes', but YAML 1.1 tools read it "
            "as true; put it in quotes ('yes') to keep the word, or write true",
        ),
        (
            "grouping: [pairs, small groups]",
            "grouping: [pairs, no]",
            "pack.yaml:43:31: RC204 'no' is not allowed here; use one of: 'individuals', "
            "'pairs', 'small groups', 'whole group'",
        ),
        (
            "  - id: s\n    number: 3\n",
            "  - id: s\n    number: off\n",
            "pack.yaml:11:13: RC203 'number' should be a whole number, not the text 'off'",
        ),
        (
            "        time: 30 minutes\n",
            "        time: no\n",
            "pack.yaml:41:15: RC304 'no' is not a duration rcpack can read: write it as you "
            "would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'",
        ),
    ],
    ids=["text keeps RC111", "a choice", "a number", "a duration"],
)
def test_a_yes_or_no_gets_rc111_only_where_text_is_right(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    old: str,
    new: str,
    expected: str,
) -> None:
    """Where text is wanted "put it in quotes" stands; where the value is refused, only why."""
    content = _edit(old, new)
    assert _validate(tmp_path, monkeypatch, capsys, content) == (1, [expected, _summary(1)])


def test_a_yes_in_a_file_the_schema_never_sees_keeps_its_rc111(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file refused while reading (a tag) still reports its 'yes': no problem is lost."""
    content = _edit("  title: A pack\n", "  title: yes\n  hub_title: !!str x\n")
    assert _validate(tmp_path, monkeypatch, capsys, content) == (
        1,
        [
            "pack.yaml:3:10: RC111 'yes' is read as the word 'yes', but YAML 1.1 tools read it "
            "as true; put it in quotes ('yes') to keep the word, or write true",
            "pack.yaml:4:14: RC104 tag '!!str' is not allowed; delete it (content is plain "
            "text, numbers, lists and mappings)",
            _summary(2),
        ],
    )


# 2. A key glued to its value: said on its own line, with the space it lacks.


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - id: film-7\n        kind: film\n",
            "      - id: film-7\n        kind:film\n",
            "pack.yaml:35:9: RC101 a colon needs a space after it: write 'kind: film'",
        ),
        (
            "      - id: film-6\n        kind: film\n",
            "      - id:film-6\n        kind: film\n",
            "pack.yaml:29:9: RC101 a colon needs a space after it: write 'id: film-6'",
        ),
        (
            "      - id: film-6\n        kind: film\n",
            "      - id:film-6  # Film 6\n\n        # its kind\n        kind: film\n",
            "pack.yaml:29:9: RC101 a colon needs a space after it: write 'id: film-6'",
        ),
        (
            "        kind: film\n        number: 6\n",
            "        kind: film\n        number:6\n",
            "pack.yaml:31:9: RC101 a colon needs a space after it: write 'number: 6'",
        ),
        (
            "  title: A pack\n",
            "  title:A pack  # the title\n",
            "pack.yaml:3:3: RC101 a colon needs a space after it: write 'title: A pack'",
        ),
        (
            "  title: A pack\n",
            "  title A pack\n",
            "pack.yaml:3:3: RC101 this line has no ': ' after its key; write 'key: value', "
            "or indent the line more if it goes on from the line above",
        ),
    ],
    ids=[
        "key in a block",
        "first key of a list item",
        "first key of a list item, then a comment",
        "a number",
        "a comment after it",
        "no colon at all",
    ],
)
def test_a_key_glued_to_its_value_is_reported_where_it_is(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    old: str,
    new: str,
    expected: str,
) -> None:
    """'kind:film' is reported on its own line and column, saying the colon needs a space."""
    content = _edit(old, new)
    assert _validate(tmp_path, monkeypatch, capsys, content) == (1, [expected, _summary(1)])


@pytest.mark.parametrize("end", ["\n", ""], ids=["with a line break", "without one"])
def test_a_glued_key_on_the_last_line_is_reported_there(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    end: str,
) -> None:
    """On a file's last line, with or without a final line break, the glued line is named."""
    content = BASE.removesuffix("            activity: Come back together.\n")
    content += "            activity:Come back together." + end
    expected = (
        "pack.yaml:48:13: RC101 a colon needs a space after it: write "
        "'activity: Come back together.'"
    )
    assert _validate(tmp_path, monkeypatch, capsys, content) == (1, [expected, _summary(1)])


def test_a_long_glued_value_is_shortened() -> None:
    """The fix shows the key and at most 40 characters of the value."""
    text = "pack:\n  id: p\n  title:" + "word " * 20 + "\n  publisher: org\n"
    document, problems = read_text(Path("pack.yaml"), text.encode())
    assert document is None
    assert [str(problem) for problem in problems] == [
        "pack.yaml:3:3: RC101 a colon needs a space after it: write "
        "'title: word word word word word word word wo...'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - id: film-7\n        kind: film\n        number: 7\n",
            "      - id:film-7\n",
            "pack.yaml:34:9: RC203 a colon needs a space after it: write 'id: film-7'; "
            "without it, entry 2 of 'media' is the text 'id:film-7', not a mapping",
        ),
        (
            "          - grouping: [whole group]\n            duration: 10 minutes\n"
            "            activity: Come back together.\n",
            "          - grouping:whole group\n",
            "pack.yaml:46:13: RC203 a colon needs a space after it: write 'grouping: whole "
            "group'; without it, entry 2 of 'phases' is the text 'grouping:whole group', not "
            "a mapping",
        ),
    ],
    ids=["a list item", "a list item with a space in its value"],
)
def test_a_glued_key_that_is_valid_yaml_gets_the_same_fix(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    old: str,
    new: str,
    expected: str,
) -> None:
    """'- id:film-7' alone is text, not a mapping: the schema's problem says to add the space."""
    content = _edit(old, new)
    status, lines = _validate(tmp_path, monkeypatch, capsys, content)
    assert (status, lines[0]) == (1, expected)


def test_a_file_that_is_one_glued_key_gets_the_same_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file holding only 'pack:p' is told the colon needs a space, at its first character."""
    assert _validate(tmp_path, monkeypatch, capsys, "pack:p\n") == (
        1,
        [
            "pack.yaml:1:1: RC203 a colon needs a space after it: write 'pack: p'; without it, "
            "the file is the text 'pack:p', not a mapping",
            _summary(1),
        ],
    )


def test_a_web_address_is_not_taken_for_a_glued_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line holding only 'https://...' where a key belongs is not told to add a space."""
    content = _edit("  title: A pack\n", "  title: A pack\n  https://example.org\n")
    status, lines = _validate(tmp_path, monkeypatch, capsys, content)
    assert (status, lines) == (
        1,
        [
            "pack.yaml:4:3: RC101 this line has no ': ' after its key; write 'key: value', "
            "or indent the line more if it goes on from the line above",
            _summary(1),
        ],
    )


# 3. Durations that are nearly right: say the slip, and the duration mended.


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "90 Minutes",
            "'90 Minutes' has capital letters (units are written in lowercase): "
            "write '90 minutes'",
        ),
        ("01 minutes", "'01 minutes' has a number with a leading zero: write '1 minute'"),
        ("1 hour 30", "'1 hour 30' has no unit after 30 (minutes?): write '1 hour 30 minutes'"),
    ],
)
def test_a_nearly_right_duration_says_what_is_wrong(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    written: str,
    expected: str,
) -> None:
    """The issue's three durations each get an RC304 naming the slip and the mended duration."""
    content = _edit("        time: 30 minutes\n", f"        time: {written}\n")
    line = f"pack.yaml:41:15: RC304 {expected}"
    assert _validate(tmp_path, monkeypatch, capsys, content) == (1, [line, _summary(1)])


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (
            "1 HOUR",
            "'1 HOUR' has capital letters (units are written in lowercase): write '1 hour'",
        ),
        (
            "22M31S",
            "'22M31S' has capital letters (units are written in lowercase): write '22m31s'",
        ),
        (
            "1 hour 030 minutes",
            "'1 hour 030 minutes' has a number with a leading zero: write '1 hour 30 minutes'",
        ),
        (
            "22 minutes 31",
            "'22 minutes 31' has no unit after 31 (seconds?): write '22 minutes 31 seconds'",
        ),
        ("1 h, 5", "'1 h, 5' has no unit after 5 (minutes?): write '1 hour 5 minutes'"),
        ("1.5 hours", "'1.5 hours' has a fraction: write '1 hour 30 minutes'"),
        ("1.1 hours", "'1.1 hours' has a fraction: write '1 hour 6 minutes'"),
        (".5 min", "'.5 min' has a fraction: write '30 seconds'"),
        ("30min.", "'30min.' has '.' after the unit: write '30min'"),
        ("half an hour", "'half an hour' has its number in words: write '30 minutes'"),
        ("Half An Hour", "'Half An Hour' has its number in words: write '30 minutes'"),
        ("ten minutes", "'ten minutes' has its number in words: write '10 minutes'"),
        (
            "01 Minutes",
            "'01 Minutes' has capital letters (units are written in lowercase) and "
            "a number with a leading zero: write '1 minute'",
        ),
        (
            "2 Hours 5",
            "'2 Hours 5' has capital letters (units are written in lowercase) and no "
            "unit after 5 (minutes?): write '2 hours 5 minutes'",
        ),
    ],
)
def test_near_misses_name_their_slips(written: str, reason: str) -> None:
    """Each slip, alone or with another, is named, and the mended text reads as a duration."""
    problem = diagnose(written)
    assert problem is not None
    assert (problem.code, problem.reason) == ("RC304", reason)
    mended = reason.rsplit(": write ", 1)[1].strip("'")
    assert diagnose(mended) is None


@pytest.mark.parametrize(
    "written",
    ["1 hour 3O minutes", "22 minutes 31 seconds 5", "1.33333 hours", "1 hour\n", "x" * 101],
)
def test_what_is_not_a_slip_keeps_the_general_hint(written: str) -> None:
    """Past what can be mended with certainty, the message says how durations are written."""
    problem = diagnose(written)
    assert problem is not None
    assert problem.reason.endswith(
        "is not a duration rcpack can read: write it as you would say it, e.g. '23 minutes', "
        "'22 minutes 31 seconds', '1 hour'"
    )


# 4. A key holding a line break: every report keeps one line per problem.

NEW_LINE_KEY = _edit("  title: A pack\n", '  title: A pack\n  "audi\\nence": x\n')


def test_a_key_holding_a_line_break_is_one_line_in_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    r"""The text report shows the key's line break as \n, in each problem's one line."""
    assert _validate(tmp_path, monkeypatch, capsys, NEW_LINE_KEY) == (
        1,
        [
            "pack.yaml:4:3: RC115 the key holds U+000A, a control character that terminals "
            "and handouts cannot show; delete it",
            "pack.yaml:4:3: RC201 unknown key 'audi\\nence' in this pack; did you mean 'audience'?",
            _summary(2),
        ],
    )


def test_a_key_holding_a_line_break_is_one_line_on_github(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    r"""GitHub gets \n as two characters, not %0A, which it would show as a line break."""
    status, lines = _validate(tmp_path, monkeypatch, capsys, NEW_LINE_KEY, "--format", "github")
    assert (status, lines[1:]) == (
        1,
        [
            "::error file=pack.yaml,line=4,col=3,title=RC201::unknown key 'audi\\nence' in "
            "this pack; did you mean 'audience'?",
            _summary(2),
        ],
    )


def test_a_key_holding_a_line_break_is_raw_only_in_the_json_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON keeps the key as it is in 'path', for programs; the message is one line of text."""
    (tmp_path / "pack.yaml").write_text(NEW_LINE_KEY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "json", "pack.yaml"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["code"], p["message"], p["path"]) for p in problems][1] == (
        "RC201",
        "unknown key 'audi\\nence' in this pack; did you mean 'audience'?",
        "$.pack.audi\nence",
    )


def test_a_key_twice_holding_a_line_break_is_one_line_everywhere(tmp_path: Path) -> None:
    """RC103 shows the key escaped in the message itself: str(), PackError and reports agree."""
    content = _edit("  title: A pack\n", '  title: A pack\n  "a\\u2028b": x\n  "a\\u2028b": y\n')
    (tmp_path / "pack.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(rcp.PackError) as raised:
        rcp.load_pack(tmp_path)
    twice = [p for p in raised.value.problems if p.code == "RC103"]
    assert [p.message for p in twice] == [
        "'a\\u2028b' appears twice in this mapping (first on line 4); keep one of them"
    ]
    assert all(p.message.isprintable() for p in raised.value.problems)
    assert len(str(raised.value).splitlines()) == len(raised.value.problems) + 1


def test_a_misspelt_required_key_is_one_problem_not_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'alowance' for 'allowance': RC201's did-you-mean only, not also RC202's "add it"."""
    content = _edit(
        "        films: [film-6]\n        allowance: 23 minutes\n",
        "        films: [film-6]\n        alowance: 23 minutes\n",
    )
    line = content.splitlines().index("        alowance: 23 minutes") + 1
    assert _validate(tmp_path, monkeypatch, capsys, content) == (
        1,
        [
            f"pack.yaml:{line}:9: RC201 unknown key 'alowance' in this learning module; did you "
            "mean 'allowance'?",
            _summary(1),
        ],
    )


def test_a_missing_required_key_with_an_unrelated_unknown_key_is_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown key that looks like no missing one leaves the missing key's RC202 in place."""
    content = _edit(
        "        films: [film-6]\n        allowance: 23 minutes\n",
        "        films: [film-6]\n        colour: red\n",
    )
    status, lines = _validate(tmp_path, monkeypatch, capsys, content)
    assert status == 1
    assert [line.split(" ", 2)[1] for line in lines[:-1]] == ["RC202", "RC201"]


def test_fmt_leaves_a_yes_for_true_as_written_for_validate_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fmt does not quote `optional: yes` (that would look settled, yet be wrong): validate fixes it."""
    content = WITH_DISCUSSION.replace("optional: {}", "optional: yes").replace(
        "  title: A pack\n", "  title:    A pack\n"
    )
    file = tmp_path / "pack.yaml"
    file.write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["fmt", "pack.yaml"]) == 0
    formatted = file.read_text(encoding="utf-8")
    assert formatted != content  # it was formatted (the title's spaces, the keys' order)
    assert "          optional: yes\n" in formatted
    assert "'yes'" not in formatted
    capsys.readouterr()
    assert main(["validate", "pack.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        # Formatted, the pack's organisations follow its sections: two lines higher.
        "pack.yaml:19:21: RC203 'optional' should be true or false, not the word 'yes'; "
        "write true",
        _summary(1),
    ]
    assert main(["fmt", "--check", "pack.yaml"]) == 0  # and formatting it again changes nothing

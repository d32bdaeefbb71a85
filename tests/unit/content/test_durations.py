"""Durations as people write them: each accepted spelling, each refusal's code and reason."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from paths import DATA

import recurrent_care_pack._durations as durations  # the private imports of this file
from recurrent_care_pack._cli import main

HINT = "write it as you would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("23 minutes", 23 * 60),
        ("22 minutes 31 seconds", 22 * 60 + 31),
        ("1 hour", 3600),
        ("1hour", 3600),
        ("2 hrs", 7200),
        ("1h 5m", 3900),
        ("1 h5 m", 3900),
        ("22m31s", 22 * 60 + 31),
        ("1 hour, 5 minutes", 3900),
        ("1 hour and 5 minutes", 3900),
        ("90 secs", 90),
        ("1 second", 1),
        ("1 hr 1 min 1 sec", 3661),
        ("999999 seconds", 999999),
    ],
)
def test_accepted_spellings_read_as_said(text: str, seconds: int) -> None:
    """Each spelling the pattern accepts reads as the duration a person means."""
    assert durations.diagnose(text) is None
    assert durations.parse_duration(text) == timedelta(seconds=seconds)


H = f": {HINT}"  # after a reason that no one reading can be offered for
#: After a duration that is no time at all: the advice to write it as said would not fit.
ZERO = ": give how long it takes, e.g. '23 minutes'"


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        (
            "22:31",
            "RC301",
            "'22:31' is ambiguous (minutes and seconds, or hours and minutes?): write "
            "'22 minutes 31 seconds' or '22 hours 31 minutes'",
        ),
        (
            "1:02:03",
            "RC301",
            "'1:02:03' is ambiguous (minutes and seconds, or hours and minutes?): write "
            "'1 hour 2 minutes 3 seconds'",
        ),
        (
            "75:31",
            "RC301",
            "'75:31' is ambiguous (minutes and seconds, or hours and minutes?): write "
            "'1 hour 15 minutes 31 seconds' or '75 hours 31 minutes'",
        ),
        ("1:75", "RC301", "'1:75' is ambiguous (minutes and seconds, or hours and minutes?)" + H),
        ("30", "RC302", "'30' has no unit (minutes? hours?): write '30 minutes'"),
        ("30\x1f", "RC302", "'30\\x1f' has no unit (minutes? hours?): write '30 minutes'"),
        (" 2.5 ", "RC302", "' 2.5 ' has no unit (minutes? hours?)" + H),
        (30, "RC302", "the number 30 has no unit (minutes? hours?): write '30 minutes'"),
        (90, "RC302", "the number 90 has no unit (minutes? hours?): write '1 hour 30 minutes'"),
        (1.5, "RC302", "the number 1.5 has no unit (minutes? hours?)" + H),
        (0, "RC302", "the number 0 has no unit (minutes? hours?)" + H),
        ("0 minutes", "RC303", "'0 minutes' is not more than zero" + ZERO),
        ("00 minutes", "RC303", "'00 minutes' is not more than zero" + ZERO),
        ("0 hours 0 minutes", "RC303", "'0 hours 0 minutes' is not more than zero" + ZERO),
        ("-5 minutes", "RC303", "'-5 minutes' is not more than zero" + ZERO),
        (" -5 minutes", "RC303", "' -5 minutes' is not more than zero" + ZERO),
        (True, "RC304", "true is not a duration" + H),
        (False, "RC304", "false is not a duration" + H),
        (None, "RC304", "an empty value is not a duration" + H),
        ([1], "RC304", "a duration is text, not a list" + H),
        ({"a": 1}, "RC304", "a duration is text, not a mapping" + H),
        (
            "\uff130 minutes",
            "RC304",
            "'\uff130 minutes' has '\uff13' (fullwidth digit three), not one of the digits 0-9"
            + H,
        ),
        ("", "RC304", "'' is not a duration rcpack can read" + H),
        ("minutes", "RC304", "'minutes' is not a duration rcpack can read" + H),
        ("about an hour", "RC304", "'about an hour' is not a duration rcpack can read" + H),
        ("+5 minutes", "RC304", "'+5 minutes' is not a duration rcpack can read" + H),
        ("1 hour and", "RC304", "'1 hour and' is not a duration rcpack can read" + H),
        ("1 hour\n", "RC304", "'1 hour\\n' is not a duration rcpack can read" + H),
        (
            "30 mimutes",
            "RC304",
            "'30 mimutes' has a misspelt unit ('mimutes' for minutes?): write '30 minutes'",
        ),
        (
            "1 hour 30 minuts",
            "RC304",
            "'1 hour 30 minuts' has a misspelt unit ('minuts' for minutes?): write "
            "'1 hour 30 minutes'",
        ),
        (
            "1 houre 5 secnds",
            "RC304",
            "'1 houre 5 secnds' has misspelt units ('houre' for hour?, 'secnds' for seconds?): "
            "write '1 hour 5 seconds'",
        ),
        ("30 apples", "RC304", "'30 apples' is not a duration rcpack can read" + H),
        ("1h30", "RC304", "'1h30' has no unit after 30 (minutes?): write '1 hour 30 minutes'"),
        (
            "22m31",
            "RC304",
            "'22m31' has no unit after 31 (seconds?): write '22 minutes 31 seconds'",
        ),
    ],
)
def test_refusals_say_what_is_wrong(value: object, code: str, message: str) -> None:
    """Each mistake gets its code and its reason, with what to write if it can be said."""
    problem = durations.diagnose(value)
    assert problem is not None
    assert (problem.code, problem.reason, str(problem)) == (code, message, message)
    if isinstance(value, str):
        with pytest.raises(durations.DurationError) as raised:
            durations.parse_duration(value)
        assert (raised.value.code, raised.value.reason) == (code, message)


@pytest.mark.parametrize(
    ("value", "fixed", "choices"),
    [
        ("22:31", None, ("22 minutes 31 seconds", "22 hours 31 minutes")),
        ("1:02:03", "1 hour 2 minutes 3 seconds", ()),
        ("0:00", None, ()),
        (30, "30 minutes", ()),
        ("30", "30 minutes", ()),
        ("-30", None, ()),
        ("1000000", None, ()),
        ("30 minuts", "30 minutes", ()),
        ("1h30", "1 hour 30 minutes", ()),
        ("0 minutes", None, ()),
    ],
)
def test_what_to_write_is_offered_as_a_fix(
    value: object, fixed: str | None, choices: tuple[str, ...]
) -> None:
    """The duration the message says to write is the fix; two readings are two choices."""
    problem = durations.diagnose(value)
    assert problem is not None
    assert (problem.fixed, problem.choices) == (fixed, choices)
    for written in (fixed, *choices):
        if written is not None:
            assert durations.diagnose(written) is None


@pytest.mark.parametrize(
    ("seconds", "written", "short"),
    [
        (1, "1 second", "1 second"),
        (59, "59 seconds", "59 seconds"),
        (60, "1 minute", "1 min"),
        (90, "1 minute 30 seconds", "1 min 30 seconds"),
        (40 * 60, "40 minutes", "40 min"),
        (3600, "1 hour", "1 hour"),
        (3661, "1 hour 1 minute 1 second", "1 hour 1 min 1 second"),
        (2 * 3600 + 3 * 60, "2 hours 3 minutes", "2 hours 3 min"),
    ],
)
def test_durations_are_written_the_canonical_way(seconds: int, written: str, short: str) -> None:
    """Hours, minutes and seconds, each named once and in the singular for one; short in columns."""
    duration = timedelta(seconds=seconds)
    assert durations.format_duration(duration) == written
    assert durations.short_duration(duration) == short
    assert durations.parse_duration(written) == duration


@pytest.mark.parametrize(
    "duration",
    [
        timedelta(),
        timedelta(seconds=-60),
        timedelta(seconds=1, microseconds=500),
        timedelta.max,  # its seconds rounded up would overflow
    ],
)
def test_only_whole_positive_seconds_can_be_written(duration: timedelta) -> None:
    """Zero, negative and fractional durations are refused, naming the duration."""
    with pytest.raises(ValueError, match="a duration must be") as raised:
        durations.format_duration(duration)
    assert str(raised.value) == (
        f"a duration must be a whole, positive number of seconds: {duration}"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "99999999 minutes",
            "'99999999 minutes' is longer than any pack needs: each number in a duration may "
            "be at most 999999",
        ),
        (
            "1000000 seconds",
            "'1000000 seconds' is longer than any pack needs: each number in a duration may "
            "be at most 999999",
        ),
        (
            "1 hour 99999999999999999999 minutes",
            "'1 hour 99999999999999999999 minutes' is longer than any pack needs: each number "
            "in a duration may be at most 999999",
        ),
        (
            "30 minutes 1 hour",
            "'30 minutes 1 hour' has its units out of order (hours before minutes): "
            "write '1 hour 30 minutes'",
        ),
        (
            "5 minutes 1 hour",
            "'5 minutes 1 hour' has its units out of order (hours before minutes): "
            "write '1 hour 5 minutes'",
        ),
        (
            "5 seconds 2 minutes",
            "'5 seconds 2 minutes' has its units out of order (minutes before seconds): "
            "write '2 minutes 5 seconds'",
        ),
        (
            "10 secs, 1 hr",
            "'10 secs, 1 hr' has its units out of order (hours before seconds): "
            "write '1 hr 10 secs'",
        ),
        (
            "5s 3m 1h",
            "'5s 3m 1h' has its units out of order (hours first, then minutes, then seconds): "
            "write '1h 3m 5s'",
        ),
        (
            "30 Minutes 1 Hour",
            "'30 Minutes 1 Hour' has capital letters (units are written in lowercase) and its "
            "units out of order (hours before minutes): write '1 hour 30 minutes'",
        ),
        (
            "1 hour 1 hour",
            "'1 hour 1 hour' gives hours more than once: add them up and write them once",
        ),
        (
            "1 hour 5 minutes 5 minutes",
            "'1 hour 5 minutes 5 minutes' gives minutes more than once: add them up and write "
            "them once",
        ),
    ],
)
def test_too_long_and_out_of_order_say_so(text: str, reason: str) -> None:
    """A number past the limit, units out of order or twice: each its own reason and fix."""
    problem = durations.diagnose(text)
    assert problem is not None
    assert (problem.code, problem.reason) == ("RC304", reason)
    with pytest.raises(durations.DurationError) as raised:
        durations.parse_duration(text)
    assert raised.value.reason == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "0 hours 30 minutes",
            "'0 hours 30 minutes' has a zero part to leave out (0 hours): write '30 minutes'",
        ),
        (
            "1 hour 0 minutes",
            "'1 hour 0 minutes' has a zero part to leave out (0 minutes): write '1 hour'",
        ),
        (
            "1 hour, 0 minutes and 30 seconds",
            "'1 hour, 0 minutes and 30 seconds' has a zero part to leave out (0 minutes): "
            "write '1 hour 30 seconds'",
        ),
        (
            "0h 0m 5s",
            "'0h 0m 5s' has zero parts to leave out (0h, 0m): write '5s'",
        ),
        (
            "1 hour 90 minutes",
            "'1 hour 90 minutes' has 90 minutes, an hour or more, after the hours: "
            "write '2 hours 30 minutes'",
        ),
        (
            "1 hour 60 minutes",
            "'1 hour 60 minutes' has 60 minutes, an hour or more, after the hours: "
            "write '2 hours'",
        ),
        (
            "1 minute 90 seconds",
            "'1 minute 90 seconds' has 90 seconds, a minute or more, after the minutes: "
            "write '2 minutes 30 seconds'",
        ),
        (
            "1 hour 90 seconds",
            "'1 hour 90 seconds' has 90 seconds, a minute or more, after the hours: "
            "write '1 hour 1 minute 30 seconds'",
        ),
        ("1\nh", "'1\\nh' has a line break: write '1 h'"),
        (
            "1 hour\r\n30 minutes",
            "'1 hour\\r\\n30 minutes' has a line break: write '1 hour 30 minutes'",
        ),
        ("1\u00a0hour", "'1\\xa0hour' has a space of another kind: write '1 hour'"),
    ],
)
def test_zero_parts_whole_hours_and_line_breaks_are_mended(text: str, reason: str) -> None:
    """A zero part, 60 or more after a larger unit, a line break: each named, the text mended."""
    problem = durations.diagnose(text)
    assert problem is not None
    assert (problem.code, problem.reason) == ("RC304", reason)
    fixed = reason.rsplit(": write ", 1)[1].strip("'")
    assert durations.diagnose(fixed) is None


@pytest.mark.parametrize("text", ["90 minutes", "90 minutes 30 seconds", "2 hours 59 minutes"])
def test_a_first_part_may_be_60_or_more(text: str) -> None:
    """'90 minutes' is how people say it; only a part after a larger unit is less than 60."""
    assert durations.diagnose(text) is None


def test_the_command_line_says_to_leave_out_a_zero_part(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--setup '0 hours 30 minutes' is a usage error giving the text without the zero part."""
    assert main(["plan", "--setup", "0 hours 30 minutes"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "rcpack plan: error: argument --setup: '0 hours 30 minutes' has a zero part to leave "
        "out (0 hours): write '30 minutes'"
    )


def test_the_command_line_says_a_budget_is_too_long(capsys: pytest.CaptureFixture[str]) -> None:
    """--budget 99999999m is a usage error naming the limit, not a traceback."""
    assert main(["plan", "--budget", "99999999m"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "rcpack plan: error: argument --budget: '99999999m' is longer than any pack needs: "
        "each number in a duration may be at most 999999"
    )


def test_the_command_line_says_units_are_out_of_order(capsys: pytest.CaptureFixture[str]) -> None:
    """--budget '30m 2h' is a usage error giving the order to write it in."""
    assert main(["plan", "--budget", "30m 2h"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "rcpack plan: error: argument --budget: '30m 2h' has its units out of order "
        "(hours before minutes): write '2h 30m'"
    )


def test_validate_says_a_duration_is_too_long_or_out_of_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checking a pack (rcpack validate) gives each its own message, located, in a pack's content."""
    pack = tmp_path / "pack"
    shutil.copytree(DATA, pack)
    section = pack / "section-3.yaml"
    lines = section.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if "allowance: 40 minutes" in line)
    second = next(i for i, line in enumerate(lines) if "duration: 10 minutes" in line)
    lines[first] = lines[first].replace("40 minutes", "99999999 minutes")
    lines[second] = lines[second].replace("10 minutes", "10 seconds 1 minute")
    section.write_text("".join(lines), encoding="utf-8")
    assert main(["validate", str(pack)]) == 1
    out = capsys.readouterr().out.splitlines()
    column = lines[first].index("99999999") + 1
    assert out[0] == (
        f"{section}:{first + 1}:{column}: RC304 '99999999 minutes' is longer than any pack "
        "needs: each number in a duration may be at most 999999"
    )
    column = lines[second].index("10 seconds") + 1
    assert out[1] == (
        f"{section}:{second + 1}:{column}: RC304 '10 seconds 1 minute' has its units out of "
        "order (minutes before seconds): write '1 minute 10 seconds'"
    )


_SPELT = {
    "hours": st.sampled_from(["hours", "hour", "hrs", "hr", "h"]),
    "minutes": st.sampled_from(["minutes", "minute", "mins", "min", "m"]),
    "seconds": st.sampled_from(["seconds", "second", "secs", "sec", "s"]),
}
_SECONDS = {"hours": 3600, "minutes": 60, "seconds": 1}


@st.composite
def _written(draw: st.DrawFn) -> tuple[list[tuple[int, str, str]], list[str]]:
    """Some of hours, minutes and seconds: amount, unit, spelling; and what goes between.

    The largest unit may have any amount; the others, as a clock's, are less than 60.
    """
    units = draw(st.lists(st.sampled_from(list(_SPELT)), min_size=1, max_size=3, unique=True))
    largest = max(units, key=_SECONDS.__getitem__)
    parts = [
        (
            draw(st.integers(1, durations.LARGEST if unit == largest else 59)),
            unit,
            draw(_SPELT[unit]),
        )
        for unit in units
    ]
    between = [draw(st.sampled_from(["", " ", ", ", " and "])) for _ in units[1:]]
    return parts, between


def _text(parts: list[tuple[int, str, str]], between: list[str], space: str) -> str:
    pieces = [f"{amount}{space}{spelt}" for amount, _, spelt in parts]
    return pieces[0] + "".join(gap + piece for gap, piece in zip(between, pieces[1:], strict=True))


@given(_written(), st.sampled_from(["", " "]))
def test_any_duration_text_reads_in_order_and_is_mended_out_of_order(
    written: tuple[list[tuple[int, str, str]], list[str]], space: str
) -> None:
    """Any spelling in order reads as its sum; out of order, the fix offered reads the same."""
    parts, between = written
    seconds = sum(amount * _SECONDS[unit] for amount, unit, _ in parts)
    ordered = sorted(parts, key=lambda part: -_SECONDS[part[1]])
    text = _text(ordered, between, space)
    if between and any(gap == "" and space == "" for gap in between):
        text = _text(ordered, [gap or " " for gap in between], space)  # '1h5m' is fine too
    assert durations.parse_duration(text) == timedelta(seconds=seconds)
    canonical = durations.format_duration(timedelta(seconds=seconds))
    if seconds < (durations.LARGEST + 1) * 3600:  # past it, the hours need seven digits
        assert durations.parse_duration(canonical) == timedelta(seconds=seconds)
    if ordered != parts:
        problem = durations.diagnose(_text(parts, between, space))
        assert problem is not None
        assert "has its units out of order" in problem.reason
        fixed = problem.reason.rsplit(": write ", 1)[1].strip("'")
        assert durations.parse_duration(fixed) == timedelta(seconds=seconds)


@given(
    st.sampled_from(["hours", "minutes"]),
    st.integers(1, 999),
    st.integers(60, 99999),
    st.sampled_from([" ", "", ", ", " and "]),
)
def test_a_part_of_60_or_more_after_a_larger_unit_is_carried(
    larger: str, first: int, second: int, between: str
) -> None:
    """'1 hour 90 minutes' is refused; the text offered reads as the same length."""
    smaller = "minutes" if larger == "hours" else "seconds"
    text = f"{first} {larger}{between}{second} {smaller}"
    problem = durations.diagnose(text)
    assert problem is not None
    assert f"has {second} {smaller}, " in problem.reason
    fixed = problem.reason.rsplit(": write ", 1)[1].strip("'")
    seconds = first * _SECONDS[larger] + second * _SECONDS[smaller]
    assert durations.parse_duration(fixed) == timedelta(seconds=seconds)


_SLIPS = st.one_of(
    st.integers(),
    st.from_regex(r"[0-9]{1,7}(:[0-9]{1,3}){0,2}", fullmatch=True),
    st.from_regex(
        r"[0-9]{1,3} ?(minuts|mintues|minuets|houre|hors|secnds|mins|h|m)"
        r"( ?[0-9]{1,3} ?(minuts|secnds|seconds|s)?)?",
        fullmatch=True,
    ),
    st.text(alphabet=" 0123456789:hminutesecondr.,", max_size=24),
)


@example("1min0")  # mended to '1min0 seconds', which has a zero part: no fix, no crash
@given(_SLIPS)
def test_whatever_a_message_says_to_write_reads_as_a_duration(value: object) -> None:
    """The mended text and each reading offered are durations rcpack reads, never refused."""
    problem = durations.diagnose(value)
    offered = [] if problem is None else [problem.fixed, *problem.choices]
    for written in (text for text in offered if text is not None):
        assert durations.diagnose(written) is None, (value, written)
        assert f"'{written}'" in str(problem)  # the message names what the fix writes

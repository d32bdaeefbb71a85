"""Durations as people write them: each accepted spelling, each refusal's code and reason."""

from datetime import timedelta

import pytest

import recurrent_care_pack._durations as durations  # the one private import of this file

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


@pytest.mark.parametrize(
    ("value", "code", "reason"),
    [
        ("22:31", "RC301", "'22:31' is ambiguous (minutes and seconds, or hours and minutes?)"),
        (
            "1:02:03",
            "RC301",
            "'1:02:03' is ambiguous (minutes and seconds, or hours and minutes?)",
        ),
        ("30", "RC302", "'30' has no unit (minutes? hours?)"),
        (" 2.5 ", "RC302", "' 2.5 ' has no unit (minutes? hours?)"),
        (30, "RC302", "30 has no unit (minutes? hours?)"),
        (1.5, "RC302", "1.5 has no unit (minutes? hours?)"),
        ("0 minutes", "RC303", "'0 minutes' is not more than zero"),
        ("00 minutes", "RC303", "'00 minutes' is not more than zero"),
        ("0 hours 0 minutes", "RC303", "'0 hours 0 minutes' is not more than zero"),
        ("-5 minutes", "RC303", "'-5 minutes' is not more than zero"),
        (" -5 minutes", "RC303", "' -5 minutes' is not more than zero"),
        (True, "RC304", "true is not a duration"),
        (False, "RC304", "false is not a duration"),
        (None, "RC304", "an empty value is not a duration"),
        ([1], "RC304", "a duration is text, not a list"),
        ({"a": 1}, "RC304", "a duration is text, not a mapping"),
        (
            "\uff130 minutes",
            "RC304",
            "'\uff130 minutes' has '\uff13' (fullwidth digit three), not one of the digits 0-9",
        ),
        ("", "RC304", "'' is not a duration rcpack can read"),
        ("minutes", "RC304", "'minutes' is not a duration rcpack can read"),
        ("about an hour", "RC304", "'about an hour' is not a duration rcpack can read"),
        ("+5 minutes", "RC304", "'+5 minutes' is not a duration rcpack can read"),
        ("5 minutes 1 hour", "RC304", "'5 minutes 1 hour' is not a duration rcpack can read"),
        ("1 hour 1 hour", "RC304", "'1 hour 1 hour' is not a duration rcpack can read"),
        ("1 hour and", "RC304", "'1 hour and' is not a duration rcpack can read"),
        ("1 hour\n", "RC304", "'1 hour\\n' is not a duration rcpack can read"),
        ("1000000 minutes", "RC304", "'1000000 minutes' is not a duration rcpack can read"),
    ],
)
def test_refusals_say_what_is_wrong(value: object, code: str, reason: str) -> None:
    """Each mistake gets its code and its reason, followed by how to write a duration."""
    problem = durations.diagnose(value)
    assert problem is not None
    assert (problem.code, problem.reason, str(problem)) == (
        code,
        f"{reason}: {HINT}",
        f"{reason}: {HINT}",
    )
    if isinstance(value, str):
        with pytest.raises(durations.DurationError) as raised:
            durations.parse_duration(value)
        assert (raised.value.code, raised.value.reason) == (code, f"{reason}: {HINT}")


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
    "duration", [timedelta(), timedelta(seconds=-60), timedelta(seconds=1, microseconds=500)]
)
def test_only_whole_positive_seconds_can_be_written(duration: timedelta) -> None:
    """Zero, negative and fractional durations are refused, naming the duration."""
    with pytest.raises(ValueError, match="a duration must be") as raised:
        durations.format_duration(duration)
    assert str(raised.value) == (
        f"a duration must be a whole, positive number of seconds: {duration}"
    )

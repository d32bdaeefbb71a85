"""Durations as a person says them: "23 minutes", "22 minutes 31 seconds", "1 hour"."""

import re
import unicodedata
from datetime import timedelta

from ._problems import quoted

__all__ = [
    "PATTERN",
    "DurationError",
    "diagnose",
    "format_duration",
    "parse_duration",
    "short_duration",
]

_HOURS = r"(?:hours?|hrs?|h)"
_MINUTES = r"(?:minutes?|mins?|m)"
_SECONDS = r"(?:seconds?|secs?|s)"
_NUMBER_OF = r"[1-9][0-9]{0,5}\s*"
# Between two parts: a comma, "and", spaces, or nothing ("22m31s"); a part must follow.
_THEN = r"(?:\s*,\s*|\s+and\s+|\s*)(?=[0-9])"

#: The accepted spellings: hours, minutes, seconds, in that order, each at most once.
#: The schema's ``duration`` pattern is this same text (a test holds them together).
#: ``(?!\n)$`` ends the text in Python as ``$`` does in editors: Python's ``$`` alone
#: also matches before a final line break.
PATTERN = (
    rf"^(?=[0-9])(?:{_NUMBER_OF}{_HOURS}(?:{_THEN}|$))?"
    rf"(?:{_NUMBER_OF}{_MINUTES}(?:{_THEN}|$))?"
    rf"(?:{_NUMBER_OF}{_SECONDS})?(?!\n)$"
)
_ACCEPTED = re.compile(PATTERN)
_PART = re.compile(r"([0-9]+)\s*([a-z]+)")
_CLOCK = re.compile(r"^\s*[-+]?[0-9]+(?::[0-9]+){1,2}\s*$")
_NUMBER = re.compile(r"^\s*[-+]?[0-9]+(?:\.[0-9]+)?\s*$")

HINT = "write it as you would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'"


class DurationError(ValueError):
    """A duration an editor wrote that cannot be read without guessing."""

    def __init__(self, code: str, reason: str) -> None:
        """Record the problem code and the reason, in the editor's words."""
        super().__init__(reason)
        self.code = code
        self.reason = reason


def diagnose(value: object) -> DurationError | None:
    """Say what is wrong with a written duration, or ``None`` if it reads cleanly."""
    if isinstance(value, str) and _ACCEPTED.match(value):
        return None
    code, reason = _what_is_wrong(value)
    return DurationError(code, f"{reason}: {HINT}")


def _what_is_wrong(value: object) -> tuple[str, str]:  # noqa: PLR0911 (one return per mistake)
    if isinstance(value, bool) or value is None:
        return "RC304", f"{_show(value)} is not a duration"
    if isinstance(value, (int, float)):
        return "RC302", f"{_show(value)} has no unit (minutes? hours?)"
    if not isinstance(value, str):
        return "RC304", f"a duration is text, not {_kind(value)}"
    digit = next((c for c in value if c.isdigit() and not c.isascii()), None)
    if digit is not None:  # int() would read it, the pattern does not
        name = unicodedata.name(digit, "a digit").lower()
        return "RC304", f"{_show(value)} has '{digit}' ({name}), not one of the digits 0-9"
    if _CLOCK.match(value):
        return "RC301", f"{_show(value)} is ambiguous (minutes and seconds, or hours and minutes?)"
    if _NUMBER.match(value):
        return "RC302", f"{_show(value)} has no unit (minutes? hours?)"
    numbers = re.findall(r"[0-9]+", value)
    if value.lstrip().startswith("-") or (numbers and not any(int(n) for n in numbers)):
        return "RC303", f"{_show(value)} is not more than zero"
    return "RC304", f"{_show(value)} is not a duration rcpack can read"


def parse_duration(text: str) -> timedelta:
    """Read a duration written the way a person says it; raise `DurationError` otherwise."""
    problem = diagnose(text)
    if problem is not None:
        raise problem
    total = 0
    for match in _PART.finditer(text):
        amount, unit = int(match.group(1)), match.group(2)
        if re.fullmatch(_HOURS, unit):
            total += amount * 3600
        elif re.fullmatch(_MINUTES, unit):
            total += amount * 60
        else:
            total += amount
    return timedelta(seconds=total)


def format_duration(duration: timedelta) -> str:
    """Write a duration the canonical way: "1 hour 5 minutes", "22 minutes 31 seconds"."""
    seconds = int(duration.total_seconds())
    if seconds <= 0 or duration != timedelta(seconds=seconds):
        raise ValueError(f"a duration must be a whole, positive number of seconds: {duration}")
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        f"{amount} {unit}{'' if amount == 1 else 's'}"
        for amount, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if amount
    ]
    return " ".join(parts)


def short_duration(duration: timedelta) -> str:
    """A duration short enough for a column of times: "40 min", "1 hour 3 min"."""
    return format_duration(duration).replace(" minutes", " min").replace(" minute", " min")


def _show(value: object) -> str:
    if value is None:
        return "an empty value"
    return quoted(value) if isinstance(value, str) else repr(value).lower()


def _kind(value: object) -> str:
    return "a list" if isinstance(value, list) else "a mapping"

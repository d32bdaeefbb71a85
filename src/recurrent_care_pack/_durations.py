"""Durations as a person says them: "23 minutes", "22 minutes 31 seconds", "1 hour"."""

import difflib
import re
import unicodedata
from datetime import timedelta
from fractions import Fraction

from recurrent_care_pack._errors import DurationError

from ._problems import quoted
from ._text import either

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
#: A space between a number and its unit, or between parts: a duration is one line.
_SPACE = r"[ \t]"
_NUMBER_OF = rf"[1-9][0-9]{{0,5}}{_SPACE}*"
#: A part after a larger one is less than a whole one of that: '1 hour 30 minutes'.
_LESS_THAN_60 = rf"(?:[1-5][0-9]|[1-9]){_SPACE}*"
# Between two parts: a comma, "and", spaces, or nothing ("22m31s").
_THEN = rf"(?:{_SPACE}*,{_SPACE}*|{_SPACE}+and{_SPACE}+|{_SPACE}*)"

#: The accepted spellings: hours, minutes, seconds, in that order, each at most once, each
#: part after the first less than 60 ('90 minutes', but '1 hour 30 minutes').
#: The schema's ``duration`` pattern is this same text (a test holds them together).
#: ``(?!\n)$`` ends the text in Python as ``$`` does in editors: Python's ``$`` alone
#: also matches before a final line break.
PATTERN = (
    rf"^(?:{_NUMBER_OF}{_HOURS}(?:{_THEN}{_LESS_THAN_60}{_MINUTES})?"
    rf"(?:{_THEN}{_LESS_THAN_60}{_SECONDS})?"
    rf"|{_NUMBER_OF}{_MINUTES}(?:{_THEN}{_LESS_THAN_60}{_SECONDS})?"
    rf"|{_NUMBER_OF}{_SECONDS})(?!\n)$"
)
_ACCEPTED = re.compile(PATTERN)
_PART = re.compile(r"([0-9]+)\s*([a-z]+)")
_CLOCK = re.compile(r"^\s*[-+]?[0-9]+(?::[0-9]+){1,2}\s*$")
_NUMBER = re.compile(r"^\s*[-+]?[0-9]+(?:\.[0-9]+)?\s*$")

HINT = "write it as you would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'"


def diagnose(value: object) -> DurationError | None:
    """Say what is wrong with a written duration, or ``None`` if it reads cleanly."""
    if isinstance(value, str) and _ACCEPTED.match(value):
        return None
    own = _own_reason(value) if isinstance(value, str) and len(value) <= _LONGEST_SLIP else None
    if own is not None:  # readable but for one thing, which the reason says how to put right
        return DurationError("RC304", own)
    code, reason = _what_is_wrong(value)
    near = _near_miss(value) if code == "RC304" and isinstance(value, str) else None
    if near is not None:  # a slip in something readable: say which, and the text fixed
        reasons, fixed = near
        return DurationError(
            code, f"{_show(value)} has {' and '.join(reasons)}: write {quoted(fixed)}", fixed
        )
    return _advice(code, reason, _readings(value) if code in {"RC301", "RC302"} else ())


def _advice(code: str, reason: str, readings: tuple[str, ...]) -> DurationError:
    """The problem with what to write: the readings of a number or a clock time, if any."""
    if len(readings) == 1:  # a bare number: minutes, most likely (the message asks)
        return DurationError(code, f"{reason}: write {quoted(readings[0])}", readings[0])
    if readings:  # a clock time read either way: the editor chooses
        return DurationError(code, f"{reason}: write {either(readings)}", choices=readings)
    if code == "RC303":  # written as said, but no time at all
        return DurationError(code, f"{reason}: give how long it takes, e.g. '23 minutes'")
    return DurationError(code, f"{reason}: {HINT}")


def _readings(value: object) -> tuple[str, ...]:
    """The durations a bare number or a clock time can mean, as rcpack writes them."""
    if isinstance(value, int) and not isinstance(value, bool):
        numbers = [value]
    elif isinstance(value, str) and (_CLOCK.match(value) or _NUMBER.match(value)):
        if not re.fullmatch(r"[0-9]+(:[0-9]+)*", value.strip()):  # a sign or a decimal point
            return ()
        numbers = [int(n) for n in value.strip().split(":")]
    else:
        return ()
    if any(n > LARGEST for n in numbers) or any(n >= 60 for n in numbers[1:]):
        return ()
    readings = []
    # A bare number in minutes; two parts as minutes and seconds, or hours and minutes.
    for sizes in ((60,), (60, 1), (3600, 60), (3600, 60, 1)):
        seconds = sum(n * size for n, size in zip(numbers, sizes, strict=False))
        if len(sizes) == len(numbers) and seconds > 0:
            readings.append(format_duration(timedelta(seconds=seconds)))
    return tuple(readings)


def _what_is_wrong(value: object) -> tuple[str, str]:  # noqa: PLR0911 (one return per mistake)
    if isinstance(value, bool) or value is None:
        return "RC304", f"{_show(value)} is not a duration"
    if isinstance(value, (int, float)):
        return "RC302", f"the number {_show(value)} has no unit (minutes? hours?)"
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


#: The largest number a duration holds: six digits, as the schema's pattern allows.
LARGEST = 999999

_UNITS = (("hours", _HOURS), ("minutes", _MINUTES), ("seconds", _SECONDS))
_PARTS = re.compile(r"(?:\s*,\s*|\s+and\s+|\s*)([0-9]+\s*([a-z]+))")


def _own_reason(text: str) -> str | None:
    """Why ``text``, written as a duration is, is not one: too long, or a unit given twice."""
    numbers = re.findall(r"[0-9]+", text)
    if any(int(n) > LARGEST for n in numbers):
        capped = re.sub(r"[0-9]+", lambda found: str(min(int(found[0]), LARGEST)), text)
        slips = (_out_of_order, _whole_hour_or_minute)
        if _ACCEPTED.match(capped) or any(slip(capped) is not None for slip in slips):
            return (
                f"{_show(text)} is longer than any pack needs: each number in a duration "
                f"may be at most {LARGEST}"
            )
    units = _units_of(text)
    if units is not None:
        twice = next((name for name in dict.fromkeys(units) if units.count(name) > 1), None)
        if twice is not None:
            return f"{_show(text)} gives {twice} more than once: add them up and write them once"
    return None


def _units_of(text: str) -> list[str] | None:
    """The unit of each part of ``text``, in the order written, if it is all such parts."""
    parts = list(_PARTS.finditer(text))
    if not parts or "".join(p[0] for p in parts) != text.rstrip() or text[:1].isspace():
        return None
    units = []
    for part in parts:
        unit = next((name for name, spelt in _UNITS if re.fullmatch(spelt, part[2])), None)
        if unit is None:
            return None
        units.append(unit)
    return units


def _out_of_order(text: str) -> tuple[str, str] | None:
    """``text`` with its parts in the order a duration is written, if only that was wrong."""
    units = _units_of(text)
    if units is None or len(set(units)) != len(units):
        return None
    order = [name for name, _ in _UNITS if name in units]
    if units == order:
        return None
    parts = {unit: part[1] for unit, part in zip(units, _PARTS.finditer(text), strict=True)}
    wanted = (
        " before ".join(order) if len(order) == 2 else "hours first, then minutes, then seconds"
    )
    return f"its units out of order ({wanted})", " ".join(parts[u] for u in order)


def _near_miss(text: str) -> tuple[list[str], str] | None:
    """The slips that keep ``text`` from reading as a duration, and it without them.

    ``None`` unless mending the slips below, in turn, gives a duration rcpack reads. Units
    are lowercase only, as the schema's pattern (which editors check with, and which has no
    way to ignore case) says: the message names the one-word fix instead.
    """
    if len(text) > _LONGEST_SLIP:
        return None
    reasons: list[str] = []
    slips = (
        _in_words,
        _line_break,
        _in_capitals,
        _leading_zero,
        _fraction,
        _end_mark,
        _out_of_order,
        _zero_part,
        _whole_hour_or_minute,
    )
    for slip in (*slips, _misspelt_unit, _unit_missing):
        found = slip(text)
        if found is not None:
            reason, text = found
            reasons.append(reason)
            if _ACCEPTED.match(text):
                return reasons, _ONE_UNIT.sub(r"1\1\2", text)
    return None


#: The longest text looked at for slips: far longer than any duration, short enough that
#: no pattern below can take long on it.
_LONGEST_SLIP = 100

#: A unit after 1 in the plural: '1 minutes' (mending '01 minutes' can make one).
_ONE_UNIT = re.compile(r"(?<![0-9])1(\s*)(hour|minute|second)s\b")

#: Durations people say in words, and how rcpack reads them written.
_SAID = {
    "half an hour": "30 minutes",
    "a quarter of an hour": "15 minutes",
    "quarter of an hour": "15 minutes",
    "three quarters of an hour": "45 minutes",
    "an hour and a half": "1 hour 30 minutes",
    "one and a half hours": "1 hour 30 minutes",
    "an hour": "1 hour",
    "a minute": "1 minute",
}
_NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], start=1
    )
} | {"fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "forty-five": "45"}
_IN_WORDS = re.compile(rf"\s*({'|'.join(_NUMBER_WORDS)})\s+([a-z]+)\s*")


def _in_words(text: str) -> tuple[str, str] | None:
    said = " ".join(text.lower().split())
    if said in _SAID:
        return "its number in words", _SAID[said]
    found = _IN_WORDS.fullmatch(said)
    if found is None:
        return None
    return "its number in words", f"{_NUMBER_WORDS[found[1]]} {found[2]}"


#: White space other than a space or a tab: a line break, or a space of another kind.
_ODD_SPACE = re.compile(r"[^\S \t]+")


def _line_break(text: str) -> tuple[str, str] | None:
    mended = _ODD_SPACE.sub(" ", text.strip())
    if mended == text.strip():
        return None
    broken = len(f"-{text}-".splitlines()) > 1
    return ("a line break" if broken else "a space of another kind"), mended


def _parts(text: str) -> list[tuple[int, str, str]] | None:
    """Each part of ``text`` as its number, unit and words, if it is parts in order, once each."""
    units = _units_of(text)
    if units is None or units != [name for name, _ in _UNITS if name in units]:
        return None
    return [
        (int(re.sub(r"[^0-9]", "", part[1])), unit, part[1])
        for unit, part in zip(units, _PARTS.finditer(text), strict=True)
    ]


def _zero_part(text: str) -> tuple[str, str] | None:
    parts = _parts(text)
    if parts is None or all(number for number, _, _ in parts):
        return None
    zero = [words for number, _, words in parts if not number]
    if len(zero) == len(parts):
        return None
    kept = " ".join(words for number, _, words in parts if number)
    return (
        f"{'a zero part' if len(zero) == 1 else 'zero parts'} to leave out ({', '.join(zero)})",
        kept,
    )


_SECONDS_IN = {"hours": 3600, "minutes": 60, "seconds": 1}


def _whole_hour_or_minute(text: str) -> tuple[str, str] | None:
    parts = _parts(text)
    if parts is None or not all(number for number, _, _ in parts):
        return None
    over = next(((n, unit) for n, unit, _ in parts[1:] if n >= 60), None)
    if over is None:
        return None
    number, unit = over
    whole = "an hour" if unit == "minutes" else "a minute"
    total = sum(n * _SECONDS_IN[unit] for n, unit, _ in parts)
    return (
        f"{number} {unit}, {whole} or more, after the {parts[0][1]}",
        format_duration(timedelta(seconds=total)),
    )


def _in_capitals(text: str) -> tuple[str, str] | None:
    if text == text.lower():
        return None
    return "capital letters (units are written in lowercase)", text.lower()


def _leading_zero(text: str) -> tuple[str, str] | None:
    mended = re.sub(r"(?<![0-9])0+(?=[1-9])", "", text)
    return None if mended == text else ("a number with a leading zero", mended)


_FRACTION = re.compile(rf"\s*([0-9]*\.[0-9]+)\s*({_HOURS}|{_MINUTES})\s*")


def _fraction(text: str) -> tuple[str, str] | None:
    found = _FRACTION.fullmatch(text)
    if found is None:
        return None
    seconds = Fraction(found[1]) * (3600 if re.fullmatch(_HOURS, found[2]) else 60)
    if seconds < 1 or seconds.denominator != 1:
        return None
    return "a fraction", format_duration(timedelta(seconds=int(seconds)))


def _end_mark(text: str) -> tuple[str, str] | None:
    mended = text.rstrip().rstrip(".,;")
    if mended == text.rstrip():
        return None
    return f"{quoted(text.rstrip()[len(mended) :])} after the unit", mended


#: A number with no unit after a part with one: '1 hour 30' (and the unit it lacks).
_BARE_END = re.compile(r"(.*?([a-z]+))(?:\s*,\s*|\s+and\s+|\s*)([0-9]+)\s*")


def _unit_missing(text: str) -> tuple[str, str] | None:
    found = _BARE_END.fullmatch(text)
    if found is None or not _ACCEPTED.match(found[1]):
        return None
    _, unit, number = found.groups()
    lacking = "minutes" if re.fullmatch(_HOURS, unit) else "seconds"
    if re.fullmatch(_SECONDS, unit):
        return None
    mended = f"{text.rstrip()} {lacking}"
    if _ACCEPTED.match(mended):  # written whole, as README teaches: '1 hour 30 minutes'
        mended = format_duration(parse_duration(mended))
    return f"no unit after {number} ({lacking}?)", mended  # else not yet a duration: '1m0


#: Each unit as rcpack writes it, for a misspelt one to be matched against.
_UNIT_WORDS = ("hours", "hour", "minutes", "minute", "seconds", "second")


def _misspelt_unit(text: str) -> tuple[str, str] | None:
    """``text`` with each word that is no unit but is close to one ('minuts') as that unit."""
    words = [w for w in dict.fromkeys(re.findall(r"[a-z]+", text)) if w != "and"]
    known = [w for w in words if any(re.fullmatch(p, w) for p in (_HOURS, _MINUTES, _SECONDS))]
    slips = {}
    for word in (w for w in words if w not in known):
        close = difflib.get_close_matches(word, _UNIT_WORDS, n=2, cutoff=0.75)
        if not close or any(other.rstrip("s") != close[0].rstrip("s") for other in close):
            return None  # no unit, or two units as close: not a guess to offer
        slips[word] = close[0]
    if not slips:
        return None
    mended = re.sub(r"[a-z]+", lambda w: slips.get(w[0], w[0]), text)
    if not _ACCEPTED.match(mended.strip()):
        return None
    named = ", ".join(f"{quoted(word)} for {unit}?" for word, unit in slips.items())
    reason = f"{'a misspelt unit' if len(slips) == 1 else 'misspelt units'} ({named})"
    return reason, format_duration(parse_duration(mended.strip()))


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
    seconds = duration // timedelta(seconds=1)  # exact, where total_seconds() is a float
    if seconds <= 0 or duration % timedelta(seconds=1):
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

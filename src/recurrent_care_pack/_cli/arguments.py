"""The argument types: a path, a time of day, a date, a count, a size, a slot, a duration.

Each turns the text typed into a value, or says in one line what is wanted
(``argparse.ArgumentTypeError``). Each imports what it needs only when used, so
``rcpack --version`` stays quick.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, time, timedelta
    from pathlib import Path

    from recurrent_care_pack._use import Slot

__all__ = [
    "count",
    "date_of",
    "days",
    "duration",
    "path",
    "size",
    "slot",
    "time_of_day",
]

#: The most people a handout counts copies for, and the most days a plan spreads over.
_MOST_PARTICIPANTS, _MOST_DAYS = 1000, 366

#: The largest --max-file-size: 4G, far more than any pack, and a buffer a read may ask for
#: (a file is read with room for one byte more than this).
_MOST_FILE_SIZE = 4 << 30


def path(text: str) -> Path:
    """A path, as typed."""
    from pathlib import Path  # noqa: PLC0415 (keep --version and --help fast)

    return Path(text)


def time_of_day(text: str) -> time:
    """A time of day: 09:30."""
    from datetime import datetime  # noqa: PLC0415

    try:
        return datetime.strptime(text.strip(), "%H:%M").time()  # noqa: DTZ007 (a time of day, no zone)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time of day like 09:30") from None


def date_of(text: str) -> date:
    """A date: 2027-01-12."""
    from datetime import date  # noqa: PLC0415

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2027-01-12") from None


def _digits(text: str) -> int | None:
    """``text`` as a whole number above 0 in ASCII digits (not full-width ones); else None."""
    if not (text.isascii() and text.isdigit()) or len(text) > 30 or int(text) == 0:
        return None
    return int(text)


def _whole_number(text: str, like: str, most: int, past: str) -> int:
    """``text`` as a whole number from 1 to ``most``.

    ``like`` says what is wanted ("a number of days like 2"), ``past`` what more would be.
    """
    number = _digits(text.strip())
    if number is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not {like}")
    if number > most:
        raise argparse.ArgumentTypeError(f"'{text}' is {past} (at most {most})")
    return number


def count(text: str) -> int:
    """How many people take part: 12."""
    return _whole_number(
        text,
        "a number of people like 12",
        _MOST_PARTICIPANTS,
        "more people than a handout is printed for",
    )


def days(text: str) -> int:
    """How many days a plan spreads over: 2."""
    return _whole_number(
        text, "a number of days like 2", _MOST_DAYS, "more days than rcpack plans"
    )


def duration(text: str) -> timedelta:
    """A duration as it is said: '15 minutes', '3h'."""
    from recurrent_care_pack._content import DurationError, parse_duration  # noqa: PLC0415

    try:
        return parse_duration(text)
    except DurationError as error:
        raise argparse.ArgumentTypeError(error.reason) from None


def size(text: str) -> int:
    """A file size: 64M, 500K or 1048576."""
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = text.strip().upper().rstrip("B").rstrip("I"), ""
    if number[-1:] in units:
        number, unit = number[:-1], number[-1]
    found = _digits(number)
    if found is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 64M, 500K or 1048576")
    if found * units[unit] > _MOST_FILE_SIZE:
        raise argparse.ArgumentTypeError(
            f"'{text}' is larger than any file rcpack reads (at most 4G)"
        )
    return found * units[unit]


def slot(text: str) -> Slot:
    """A booked session: '2027-01-12 09:30-11:00' or '09:30-11:00'."""
    from recurrent_care_pack._use import Slot  # noqa: PLC0415

    words = text.split()
    if len(words) not in (1, 2) or words[-1].count("-") != 1:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a session like '2027-01-12 09:30-11:00' or '09:30-11:00'"
        )
    start, end = words[-1].split("-")
    return Slot(
        start=time_of_day(start),
        end=time_of_day(end),
        date=date_of(words[0]) if len(words) == 2 else None,
    )

"""Dates as content writes them (YYYY-MM-DD): what a date the schema refuses was meant to be."""

import re
from datetime import date

__all__ = ["date_message"]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
_MONTHS += ["September", "October", "November", "December"]


def date_message(text: str, shown: str) -> tuple[str, str | None]:
    """Why ``text`` (``shown`` so in a message) is no date; the date to write, if only one fits."""
    written = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
    if written:  # written so, but no such day
        year, month, day = (int(part) for part in written.groups())
        if not 1 <= month <= len(_MONTHS):
            missing = f"there is no month {month}"
        elif not 1 <= day <= 31:  # the longest month
            missing = f"no month has a day {day}"
        else:
            missing = f"{year} has no {day} {_MONTHS[month - 1]}"
        return f"{shown} is not a date that exists: {missing}", None
    day_first = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", text.strip())
    year_first = re.fullmatch(r"([0-9]{4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,2})", text.strip())
    readings = []
    if year_first:  # 2019/05/22, 2019-5-22
        year, month, day = (int(part) for part in year_first.groups())
        readings = [r for r in [f"{year}-{month:02d}-{day:02d}"] if _is_date(r)]
    if day_first:  # 22/05/2019 is day first, as written in Britain; 05/06/2019 could be either
        day, month, year = (int(part) for part in day_first.groups())
        readings = [
            f"{year}-{m:02d}-{d:02d}" for d, m in dict.fromkeys([(day, month), (month, day)])
        ]
        readings = [r for r in readings if _is_date(r)]
    if len(readings) == 1:
        return f"{shown} is not a date written YYYY-MM-DD: write '{readings[0]}'", (readings[0])
    return f"{shown} is not a date written YYYY-MM-DD, e.g. '2019-05-22'", None


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True

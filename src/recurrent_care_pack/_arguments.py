"""Arguments of the public functions, checked where they come in.

A value of the wrong kind is refused at once with `TypeError`, and a value of the right
kind but out of range with `ValueError`: the message names the argument, what was given
and what is wanted ("start must be a datetime.time such as time(9, 30), not the string
'09:30'"), rather than an ``AttributeError`` from deep inside, or a handout that prints
"-3 copies".
"""

import operator
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from os import PathLike
from typing import Any

from ._problems import quoted

__all__ = [
    "check_count",
    "check_flag",
    "check_kind",
    "check_pack",
    "check_path",
    "check_text",
    "given",
    "optional",
    "sequence_of",
    "tuple_of",
    "validator",
    "whole",
]

#: What is wanted, by kind, in a message: "start must be a datetime.time such as ...".
WANTED: dict[type, str] = {
    time: "a datetime.time such as time(9, 30)",
    date: "a datetime.date such as date(2027, 1, 12)",
    timedelta: "a datetime.timedelta such as timedelta(minutes=15)",
    bool: "True or False",
    int: "a whole number such as 2",
    str: "a string",
}


def given(value: object) -> str:  # noqa: PLR0911 (one return per kind of value)
    """What a value is, in a message: "the string '09:30'", "the number 6", "a list"."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return f"the value {value}"
    if isinstance(value, str):
        return f"the string {quoted(value)}"
    if isinstance(value, (bytes, bytearray)):
        return f"the bytes {bytes(value)!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        kind = {list: "list", tuple: "tuple", dict: "dict"}.get(type(value), "set")
        return f"a {kind}"
    name = type(value).__name__
    if isinstance(value, datetime):  # a date and a time: name it, it is the likely slip
        return f"the datetime {value.isoformat(sep=' ')}"
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _whole(value: object) -> int | None:
    """``value`` as a whole number, if it is one: an int, or has ``__index__`` (numpy's ints)."""
    if isinstance(value, bool) or getattr(type(value), "__index__", None) is None:
        return None
    try:
        number = operator.index(value)  # type: ignore[arg-type]
    except TypeError:  # numpy's bool has one that refuses
        return None
    return None if isinstance(number, bool) else int(number)


def whole(value: object) -> object:
    """An attrs converter: a whole number as an int (numpy's int64, an IntEnum); else as given."""
    number = _whole(value)
    return value if number is None else number


def _is(value: object, kind: type) -> bool:
    """Whether ``value`` is of ``kind``: a bool is not a number, a datetime not a time or date.

    A whole number is anything with ``__index__`` (numpy's ints), as for a list's index.
    """
    if kind is int:
        return _whole(value) is not None
    if kind is date and isinstance(value, datetime):
        return False
    return isinstance(value, kind)


def check_kind(name: str, value: object, kind: type, wanted: str | None = None) -> None:
    """Refuse ``value`` for the argument ``name`` unless it is of ``kind``.

    A time must be a clock time, with no time zone: a plan's times are the clock times
    where the session is held (`ValueError`).
    """
    if not _is(value, kind):
        raise TypeError(f"{name} must be {wanted or _wanted(kind)}, not {given(value)}")
    if isinstance(value, time) and value.tzinfo is not None:
        raise ValueError(
            f"{name} must be a clock time without a time zone, such as time(9, 30), not "
            f"{value:%H:%M} in {value.tzinfo} (a plan's times are the clock times where it "
            "is held)"
        )


def _wanted(kind: type) -> str:
    return WANTED.get(kind) or f"{'an' if kind.__name__[:1] in 'AEIOU' else 'a'} {kind.__name__}"


def check_flag(name: str, value: object) -> None:
    """Refuse anything but True or False for the argument ``name``."""
    check_kind(name, value, bool)


def check_text(name: str, value: object, example: str) -> None:
    """Refuse anything but a string for the argument ``name``: ``example`` shows one."""
    check_kind(name, value, str, f"a string such as {quoted(example)}")


def check_count(name: str, value: object, what: str) -> int:
    """``value`` as an int, if a whole number more than zero: ``what`` says what it counts."""
    number = _whole(value)
    if number is None:
        raise TypeError(f"{name} must be a whole number of {what} such as 12, not {given(value)}")
    if number < 1:
        raise ValueError(
            f"{name} must be a number of {what} more than zero, such as 12, not {number}"
        )
    return number


def check_pack(value: object) -> None:
    """Refuse anything but a `Pack` as the first argument of a query."""
    from ._model import Pack  # noqa: PLC0415 (the model is loaded when a pack is)

    check_kind("pack", value, Pack, "a Pack such as load_pack() gives")


def check_path(name: str, value: object) -> None:
    """Refuse anything but a path (a string or path-like) or None."""
    if value is not None and not isinstance(value, (str, PathLike)):
        raise TypeError(f"{name} must be a path to a file or folder, not {given(value)}")


def sequence_of(
    name: str, value: object, check: Callable[[str, object], None], wanted: str
) -> tuple[Any, ...]:
    """``value`` as a tuple, each item passing ``check``; a string or a lone value refused."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, set, frozenset)):
        raise TypeError(f"{name} must be a list or tuple of {wanted}, not {given(value)}")
    items = tuple(value)
    for index, item in enumerate(items):
        check(f"{name}[{index}]", item)
    return items


def tuple_of(kind: type) -> Callable[[object, Any, object], None]:
    """An attrs validator: the field's value must be a tuple of ``kind`` (lists are made so)."""

    def check(_: object, attribute: Any, value: object) -> None:
        wanted = f"{kind.__module__}.{kind.__name__} values"
        sequence_of(attribute.name, value, lambda n, v: check_kind(n, v, kind), wanted)

    return check


def validator(kind: type) -> Callable[[object, Any, object], None]:
    """An attrs validator: the field's value must be of ``kind``."""

    def check(_: object, attribute: Any, value: object) -> None:
        check_kind(attribute.name, value, kind)

    return check


def optional(kind: type) -> Callable[[object, Any, object], None]:
    """An attrs validator: the field's value must be None or of ``kind``."""

    def check(_: object, attribute: Any, value: object) -> None:
        if value is not None:
            check_kind(attribute.name, value, kind, f"None or {_wanted(kind)}")

    return check

"""Durations with words between their parts: no fix is offered that would drop the words."""

import pytest

from recurrent_care_pack._durations import diagnose

HINT = "write it as you would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'"


@pytest.mark.parametrize(
    "text",
    ["30 minutes xx 1 hour", "30 minutes: 1 hour", "5 minutes 5 minutes x", "1 hour then 2 hours"],
)
def test_parts_with_other_words_between_them_are_not_mended(text: str) -> None:
    """Out of order or given twice, parts with words between them get the general hint."""
    problem = diagnose(text)
    assert problem is not None
    assert (problem.code, problem.reason) == (
        "RC304",
        f"'{text}' is not a duration rcpack can read: {HINT}",
    )


def test_parts_out_of_order_alone_are_mended() -> None:
    """The same parts with nothing else between them are put in order."""
    problem = diagnose("30 minutes 1 hour")
    assert problem is not None
    assert problem.reason == (
        "'30 minutes 1 hour' has its units out of order (hours before minutes): "
        "write '1 hour 30 minutes'"
    )

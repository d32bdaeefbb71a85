"""'Did you mean': the closest candidates, every one as close, or none where it would be a guess.

One rule for ids (RC402), keys (RC201), allowed values (RC204) and session names (RC504, RC505).
"""

import pytest

from recurrent_care_pack._text import closest, either


@pytest.mark.parametrize(
    ("target", "known", "meant"),
    [
        ("titel", ["title", "number", "films"], ["title"]),
        ("film-5", ["film-4", "film-6", "film-7"], ["film-4", "film-6", "film-7"]),  # a tie of 3
        ("film-5", ["film-1", "film-2", "film-3", "film-4"], []),  # 4 as close: a guess
        ("film-5", ["film-6", "film-4"], ["film-4", "film-6"]),  # named in order, not found
        ("zzz", ["title", "number"], []),
    ],
)
def test_the_closest_are_all_named_or_none(
    target: str, known: list[str], meant: list[str]
) -> None:
    """Every candidate as close as the closest is named; more than three, none."""
    assert closest(target, known) == meant


def test_candidates_are_listed_as_said() -> None:
    """One, two and three candidates, in quotes, joined as a sentence joins them."""
    assert either(["a"]) == "'a'"
    assert either(["a", "b"]) == "'a' or 'b'"
    assert either(["a", "b", "c"]) == "'a', 'b' or 'c'"

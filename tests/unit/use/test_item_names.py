"""``item_names``: the names typed on a command line, ``Module 2`` unquoted taken as one."""

import pytest

from recurrent_care_pack._use.queries import item_names


@pytest.mark.parametrize(
    ("words", "names"),
    [
        (["Module", "2", "Exercise", "9"], ["Module 2", "Exercise 9"]),
        (["film", "6", "section-3"], ["film 6", "section-3"]),
        (["Presentation", "1"], ["Presentation 1"]),
        (["Section", "3", "4"], ["Section 3", "4"]),
        (["module-2", "2"], ["module-2", "2"]),
        (["2", "Module"], ["2", "Module"]),
        (["Module 2"], ["Module 2"]),
        ([], []),
    ],
)
def test_a_number_after_a_numbered_word_joins_it(words: list[str], names: list[str]) -> None:
    """A number joins the word before it only when that word names a numbered thing."""
    assert item_names(words) == names

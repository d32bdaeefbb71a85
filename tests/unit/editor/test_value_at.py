"""The value at a path of a document's data: None wherever nothing is written there."""

from typing import Any

import pytest

from recurrent_care_pack._editor.locating import value_at

DATA = {"pack": {"title": "A pack"}, "sections": [{"id": "s", "modules": None}]}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ((), DATA),
        (("pack", "title"), "A pack"),
        (("sections", 0, "id"), "s"),
        (("pack", "title", "words"), None),  # through text
        (("sections", 0, "modules", 0), None),  # through nothing
        (("sections", 1), None),  # past a list's end
        (("sections", "id"), None),  # a list read as a mapping
        (("pack", 0), None),  # a mapping read as a list
        (("works",), None),  # a key not written
    ],
)
def test_the_value_at_a_path_is_none_where_nothing_is_written(
    path: tuple[str | int, ...], value: Any
) -> None:
    """Hover, completion, navigation and the index all read values so, never raising."""
    assert value_at(DATA, path) == value

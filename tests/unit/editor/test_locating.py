"""Where the cursor is: the key or value under it, and what the schema says of it."""

from pathlib import Path

import pytest
from paths import DATA
from small_packs import BASE

from recurrent_care_pack._content.reading import Document, read_text
from recurrent_care_pack._editor.locating import (
    Spot,
    char_column,
    is_duration,
    keys_of,
    spot,
    subschema,
    value_at,
    written_on,
)

LINES = BASE.split("\n")
MODULE = ("sections", 0, "modules", 0)


def _document(text: str = BASE) -> Document:
    document, problems = read_text(Path("pack.yaml"), text.encode())
    assert document is not None, problems
    return document


@pytest.mark.parametrize(
    ("line", "units", "column"),
    [
        ("a😀b", 0, 1),
        ("a😀b", 1, 2),
        ("a😀b", 2, 3),  # inside the pair that writes 😀: the character after it
        ("a😀b", 3, 3),
        ("a😀b", 4, 4),
        ("ab", 2, 3),
        ("ab", 9, 3),
        ("", 0, 1),
    ],
)
def test_char_column_counts_utf16_units(line: str, units: int, column: int) -> None:
    """An editor's UTF-16 column is turned into a column of characters."""
    assert char_column(line, units) == column


@pytest.mark.parametrize(
    ("line", "column", "found"),
    [
        (2, 1, None),  # before the key
        (2, 3, Spot(("pack", "id"), on_key=True, line=2, column=3)),
        (2, 4, Spot(("pack", "id"), on_key=True, line=2, column=3)),
        (2, 7, Spot(("pack", "id"), on_key=False, line=2, column=7)),
        (
            2,
            8,
            Spot(("pack", "id"), on_key=False, line=2, column=7),
        ),  # just past the value's last character
        (2, 9, None),  # beyond it
        (1, 3, Spot(("pack",), on_key=True, line=1, column=1)),  # a key whose value is a mapping
        (14, 9, Spot((*MODULE, "id"), on_key=True, line=14, column=9)),
        (14, 7, None),  # the dash of the item: no key yet
        (17, 17, Spot((*MODULE, "films", 0), on_key=False, line=17, column=17)),
        (
            17,
            16,
            Spot((*MODULE, "films"), on_key=True, line=17, column=9),
        ),  # the '[' of a flow list
        (18, 30, Spot((*MODULE, "allowance"), on_key=False, line=18, column=20)),
        (49, 1, None),
        (0, 1, None),
        (99, 1, None),
    ],
)
def test_spot_finds_the_key_or_value_at_or_before_the_cursor(
    line: int, column: int, found: Spot | None
) -> None:
    """Spot finds the key or value at or before the cursor."""
    assert spot(_document(), LINES, line, column) == found


def test_spot_on_an_item_that_is_a_mapping_finds_only_its_keys() -> None:
    """Spot on an item that is a mapping finds only its keys."""
    # ``- id: m2``: the item (a mapping) is written at column 9 too, but it is not a value.
    assert spot(_document(), LINES, 14, 9) == Spot((*MODULE, "id"), on_key=True, line=14, column=9)
    assert spot(_document(), LINES, 14, 12) == Spot(
        (*MODULE, "id"), on_key=True, line=14, column=9
    )
    assert spot(_document(), LINES, 14, 13) == Spot(
        (*MODULE, "id"), on_key=False, line=14, column=13
    )


def test_spot_past_a_value_with_trailing_spaces() -> None:
    """Spot past a value with trailing spaces."""
    text = BASE.replace("  id: p\n", "  id: p   \n")
    lines = text.split("\n")
    assert spot(_document(text), lines, 2, 8) == Spot(
        ("pack", "id"), on_key=False, line=2, column=7
    )
    assert spot(_document(text), lines, 2, 9) is None


def test_subschema_follows_keys_list_items_and_choices() -> None:
    """Subschema follows keys list items and choices."""
    allowance = subschema((*MODULE, "allowance"))
    assert allowance is not None
    assert allowance["$ref"] == "#/$defs/duration"
    assert is_duration(allowance)
    title = subschema((*MODULE, "title"))
    assert title is not None
    assert not is_duration(title)
    assert subschema(("sections", "modules")) is None  # a list read as a mapping
    assert subschema(("pack", 0)) is None  # a mapping read as a list
    assert subschema(("nothing",)) is None
    assert subschema(()) is not None


def test_subschema_of_a_session_file_is_the_session_schema() -> None:
    """Subschema of a session file is the session schema."""
    assert subschema(("session",)) is not None
    assert subschema(("session",)) != subschema(("sections",))


def test_keys_of_a_module_and_of_nothing() -> None:
    """The keys a section allows, and none where the schema knows nothing."""
    assert sorted(keys_of(("sections", 0))) == [
        "background_reading",
        "covers",
        "exercises",
        "id",
        "introduction",
        "looking_at",
        "media",
        "modules",
        "number",
        "published",
        "tips",
        "title",
    ]
    assert keys_of(("nothing",)) == {}
    assert "rewatch" in keys_of((*MODULE, "different_day"))


def test_is_duration_of_nothing() -> None:
    """Nothing is not a duration."""
    assert not is_duration(None)


def _every_spot(document: Document) -> set[Spot]:
    """Every key, and every value not a mapping or list, found by walking all the marks."""
    found = {Spot(path, True, m.line, m.column) for path, m in document.keys.items()}  # noqa: FBT003
    for path, mark in document.values.items():
        if not isinstance(value_at(document.data, path), (dict, list)):
            found.add(Spot(path, False, mark.line, mark.column))  # noqa: FBT003
    for path, marks in document.items.items():
        for index, packed in enumerate(marks):
            if not isinstance(value_at(document.data, (*path, index)), (dict, list)):
                spot_here = Spot((*path, index), False, packed >> 32, packed & 0xFFFFFFFF)  # noqa: FBT003
                found.add(spot_here)
    return found


@pytest.mark.parametrize("name", ["pack.yaml", "section-3.yaml", "base"])
def test_written_on_finds_each_lines_keys_and_values_as_a_walk_of_all_does(name: str) -> None:
    """What is written on each line, found by halving, is what looking through every mark finds."""
    text = BASE if name == "base" else (DATA / name).read_text(encoding="utf-8")
    text += "extra:\n  films: [film-2, film-3]\n  many: {a: 1, b: [x, y]}\n"
    document = _document(text)
    by_line: dict[int, set[Spot]] = {}
    for each in _every_spot(document):
        by_line.setdefault(each.line, set()).add(each)
    for line in range(text.count("\n") + 2):
        found = written_on(document, line)
        assert len(found) == len(set(found))
        assert set(found) == by_line.get(line, set()), line

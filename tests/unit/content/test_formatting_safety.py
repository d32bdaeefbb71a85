"""fmt's safety check: what it writes must read back as what it was given, comments in place."""

import pytest

from recurrent_care_pack._content.formatting import LayoutError, format_text, layout
from recurrent_care_pack._content.formatting.layout import arrange
from recurrent_care_pack._content.formatting.safety import compare, cross_check
from recurrent_care_pack._content.formatting.tree import Source, parse

_OLD = "# top\npack:\n  id: p  # the id\n  # above the title\n  title: T\n  notes: n\n# the end\n"
_COMMENT = "a comment here would move or be lost"


def _tree(text: str) -> Source:
    return arrange(parse(text))


def _refused(old: str, new: str) -> tuple[int, int, str]:
    with pytest.raises(LayoutError) as refused:
        compare(_tree(old), _tree(new))
    error = refused.value
    assert error.message.startswith("rcpack fmt cannot lay this out safely: ")
    return error.line, error.column, error.message.split(": ", 1)[1].split(";")[0]


def test_the_same_text_passes() -> None:
    """A tree compared with its own text read again is accepted."""
    compare(_tree(_OLD), _tree(_OLD))


@pytest.mark.parametrize(
    ("new", "where"),
    [
        (_OLD.replace("  # the id", ""), (3, 3)),  # an end-of-line comment lost
        (_OLD.replace("  # above the title\n", ""), (5, 3)),  # a comment line lost
        (_OLD.replace("# top\n", ""), (2, 1)),  # the comment above the first key lost
        (_OLD.replace("# the end\n", ""), (1, 1)),  # the comment ending the file lost
    ],
    ids=["end-of-line", "above-an-entry", "top", "end"],
)
def test_a_comment_lost_is_caught_where_it_was(new: str, where: tuple[int, int]) -> None:
    """Each comment the new text lacks is refused at the place it annotated."""
    assert _refused(_OLD, new) == (*where, _COMMENT)


def test_a_comment_changed_is_caught() -> None:
    """A comment whose words change is refused where it stands."""
    assert _refused(_OLD, _OLD.replace("# the id", "# an id")) == (3, 3, _COMMENT)


@pytest.mark.parametrize(
    ("new", "where"),
    [
        (
            _OLD.replace("  id: p  # the id\n", "  id: p\n").replace(
                "title: T", "title: T  # the id"
            ),
            (3, 3),
        ),
        (
            _OLD.replace("  # above the title\n  title: T\n", "  title: T\n  # above the title\n"),
            (1, 1),  # the first place that differs is one the old text had no comment at
        ),
    ],
    ids=["to-another-line", "below-its-entry"],
)
def test_a_comment_moved_is_caught(new: str, where: tuple[int, int]) -> None:
    """A comment that ends up with another entry is refused, though none is lost."""
    assert _refused(_OLD, new) == (*where, _COMMENT)


def test_a_comment_added_is_caught() -> None:
    """A comment the old text did not have is refused too: the two must hold the same."""
    assert _refused(_OLD, _OLD.replace("notes: n", "notes: n  # new")) == (1, 1, _COMMENT)


def test_a_value_changed_is_caught_at_its_place() -> None:
    """A value that would change is refused at the value, before any comment is looked at."""
    new = _OLD.replace("title: T", "title: U").replace("# the id", "")
    assert _refused(_OLD, new) == (5, 10, "a value here would change")


@pytest.mark.parametrize("new", ["'1'", "1.0", "true"])
def test_a_value_of_another_kind_is_caught(new: str) -> None:
    """1, '1', 1.0 and true differ: the kind of a value is compared, not only its worth."""
    assert _refused("pack:\n  n: 1\n", f"pack:\n  n: {new}\n") == (
        2,
        6,
        "a value here would change",
    )


def test_one_of_two_comments_at_a_place_lost_is_caught() -> None:
    """Every comment above an entry is compared, not only the first."""
    old = "pack:\n  id: p\n  # one\n  # two\n  title: T\n"
    assert _refused(old, old.replace("  # two\n", "")) == (5, 3, _COMMENT)


def test_a_key_yaml_1_1_would_read_otherwise_is_caught() -> None:
    """A key that was quoted text and would be a plain 'yes' (true to YAML 1.1) is refused."""
    assert _refused("pack:\n  'yes': 1\n", "pack:\n  yes: 1\n") == (
        2,
        3,
        "YAML 1.1 tools would read this key otherwise",
    )


def test_the_safety_check_guards_format_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout that drops a comment is refused by ``format_text``, not written."""
    emit = layout.emit

    def losing(source: Source) -> str:
        return emit(source).replace("  # the id", "")

    monkeypatch.setattr("recurrent_care_pack._content.formatting.files.emit", losing)
    with pytest.raises(LayoutError) as refused:
        format_text(_OLD)
    assert (refused.value.line, refused.value.column) == (3, 3)
    assert _COMMENT in refused.value.message


def test_libyaml_reading_a_value_otherwise_is_caught() -> None:
    """The second reader refuses where libyaml reads a different value after."""
    with pytest.raises(LayoutError) as refused:
        cross_check("pack:\n  id: p\n  title: T\n", "pack:\n  id: p\n  title: U\n")
    assert (refused.value.line, refused.value.column) == (3, 10)
    assert refused.value.message.split(": ", 1)[1].split(";")[0] == (
        "another YAML reader (libyaml) reads a value here differently"
    )
    cross_check("pack:\n  id: p\n", "pack:\n    id: p\n")  # the same values: accepted


def test_a_layout_that_formatting_again_would_change_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``format_text`` refuses a layout unless laying out its own result gives it back."""
    emit = layout.emit
    calls: list[str] = []

    def drifting(source: Source) -> str:
        calls.append("")
        return emit(source) + "# again\n" * (len(calls) - 1)

    monkeypatch.setattr("recurrent_care_pack._content.formatting.files.emit", drifting)
    with pytest.raises(LayoutError) as refused:
        format_text(_OLD)
    assert (refused.value.line, refused.value.column) == (1, 1)
    assert "formatting it twice would not give the same text" in refused.value.message


_CHANGE = "a value here would change"


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("pack:\n  tags:\n    - a\n    - b\n", "pack:\n  tags:\n    - a\n    - c\n", (4, 7)),
        ("pack:\n  tags: [a, b]\n", "pack:\n  tags: [a, c]\n", (2, 13)),
        ("pack:\n  n: 1.5\n", "pack:\n  n: 2.5\n", (2, 6)),
        ("# only a comment\n", "# only a comment\npack: 1\n", (1, 1)),
        ("pack:\n  a:\n    x: 1\n", "pack:\n  a: 1\n", (3, 5)),
        ("pack:\n  a:\n    - x\n", "pack:\n  a: 1\n", (3, 5)),
        ("pack:\n  tags:\n    - a\n", "pack:\n  tags:\n    - a\n    - b\n", (3, 5)),
        ("pack:\n  id: p\n", "pack:\n  id: p\n  title: T\n", (2, 3)),
        (
            "sections:\n  - id: a\n    title: T\n",
            "sections:\n  - id: a\n    title: U\n",
            (3, 12),
        ),
    ],
    ids=[
        "block-list-item",
        "flow-list-item",
        "decimal",
        "value-added-to-empty-file",
        "mapping-become-text",
        "list-become-text",
        "item-added",
        "key-added",
        "in-a-listed-mapping",
    ],
)
def test_a_value_changed_in_a_list_or_a_decimal_is_caught_where_it_was(
    old: str, new: str, where: tuple[int, int]
) -> None:
    """A list item or a decimal number that would change is refused at the old value."""
    assert _refused(old, new) == (*where, _CHANGE)


def test_a_comment_above_the_document_start_lost_is_caught() -> None:
    """A comment above the '---' line that the new text lacks is refused at the file's start."""
    old = "# above the start\n---\npack:\n  id: p\n"
    assert _refused(old, "---\npack:\n  id: p\n") == (1, 1, _COMMENT)


def test_a_comment_on_a_list_item_lost_is_caught_at_the_item() -> None:
    """An end-of-line comment on a list item that the new text lacks is refused at the item."""
    old = "pack:\n  tags:\n    - a\n    - b  # the second\n"
    assert _refused(old, old.replace("  # the second", "")) == (4, 7, _COMMENT)


def test_a_comment_moved_to_the_end_of_another_mapping_is_caught() -> None:
    """A comment closing one mapping that ends up closing another is refused where it was."""
    old = "pack:\n  a:\n    x: 1\n    # closes a\n  b:\n    y: 2\n"
    new = "pack:\n  a:\n    x: 1\n  b:\n    y: 2\n    # closes a\n"
    assert _refused(old, new) == (2, 3, _COMMENT)


def test_a_text_libyaml_cannot_read_is_refused_where_it_stops() -> None:
    """Where the second reader cannot read the old text, fmt refuses at the place it names."""
    with pytest.raises(LayoutError) as refused:
        cross_check("k: a\nl: [b\n", "k: a\n")
    error = refused.value
    assert (error.line, error.column) == (3, 1)
    assert error.message.split(": ", 1)[1].split(";")[0] == (
        "another YAML reader (libyaml) cannot read this"
    )


def test_a_comment_heading_the_file_lost_is_caught_at_its_start() -> None:
    """A comment set off from the first key by a blank line heads the file: refused at 1:1."""
    assert _refused("# top\n\npack:\n  id: p\n", "pack:\n  id: p\n") == (1, 1, _COMMENT)


def test_of_two_comments_lost_the_one_at_an_entry_is_named_before_the_files_end() -> None:
    """Where comments at an entry and at the file's end are both lost, the entry is named."""
    new = _OLD.replace("  # the id", "").replace("# the end\n", "")
    assert _refused(_OLD, new) == (3, 3, _COMMENT)


def test_of_two_keys_yaml_1_1_would_misread_the_first_by_its_written_path_is_named() -> None:
    """Keys that slip are named in the order of their paths as written ("it's" before a)."""
    old = "\"it's\":\n  'yes': 1\na:\n  'no': 2\n"
    assert _refused(old, old.replace("'yes'", "yes").replace("'no'", "no")) == (
        2,
        3,
        "YAML 1.1 tools would read this key otherwise",
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("l:\n  - id: a  # c\n    t: b\n", "l:\n  # c\n  - id: a\n    t: b\n"),
        ("l:\n  - id: a  # c\n    t: b\n", "l:\n  - # c\n    id: a\n    t: b\n"),
        ("l:\n  - - a  # c\n    - b\n", "l:\n  # c\n  - - a\n    - b\n"),
    ],
    ids=["above-the-item", "after-the-dash", "list-in-a-list"],
)
def test_a_comment_on_a_list_items_first_line_belongs_to_the_item(old: str, new: str) -> None:
    """After ``- id: a`` or ``- - a``, above the item or after its dash: the same item."""
    compare(_tree(old), _tree(new))


def test_a_comment_moved_from_a_list_items_first_line_to_its_second_is_caught() -> None:
    """A comment after ``- id: a`` that ends up after the item's next entry is refused."""
    old = "l:\n  - id: a  # c\n    t: b\n"
    assert _refused(old, "l:\n  - id: a\n    t: b  # c\n") == (2, 5, _COMMENT)


@pytest.mark.parametrize(
    ("old", "new"),
    [("1.5", ".nan"), (".nan", "1.5")],
    ids=["number-become-nan", "nan-become-number"],
)
def test_not_a_number_is_itself_and_no_other_number(old: str, new: str) -> None:
    """.nan is kept as .nan; a number that would become .nan, or .nan a number, is refused."""
    compare(_tree("pack:\n  n: .nan\n"), _tree("pack:\n  n: .nan\n"))
    assert _refused(f"pack:\n  n: {old}\n", f"pack:\n  n: {new}\n") == (2, 6, _CHANGE)


def test_a_comment_moved_from_a_lists_first_item_to_its_second_is_caught() -> None:
    """In a list in a list, a comment after ``- - a`` that ends up after ``- b`` is refused."""
    old = "l:\n  - - a  # c\n    - b\n"
    assert _refused(old, "l:\n  - - a\n    - b  # c\n") == (2, 7, _COMMENT)

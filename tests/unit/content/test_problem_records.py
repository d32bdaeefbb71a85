"""Problem records: how they order, what a problem marks, how a value is quoted."""

from pathlib import Path

import pytest

from recurrent_care_pack import PackError, Problem
from recurrent_care_pack._content.marks import Mark
from recurrent_care_pack._content.reading import value_ends, where_marked_ends
from recurrent_care_pack._problems import (
    Fix,
    marked_length,
    mendable,
    quoted,
    sort_key,
    too_many,
)

_FILE = Path("a.yaml")


def _problem(line: int | None, column: int | None, code: str) -> Problem:
    return Problem(file=_FILE, line=line, column=column, code=code, message="m")


def test_problems_on_one_line_sort_by_column_before_code() -> None:
    """On one line the column orders problems, whatever their codes: by key, by record, in errors."""
    late = _problem(2, 9, "RC201")
    early = _problem(2, 3, "RC209")
    assert sorted([late, early], key=sort_key) == [early, late]
    assert sorted([late, early]) == [early, late]
    assert PackError([late, early]).problems == (early, late)


def test_a_problem_with_no_line_sorts_before_line_one_whatever_its_code() -> None:
    """A problem with no line comes before one on line 1 with no column, though its code is later."""
    whole = _problem(None, None, "RC201")
    first = _problem(1, None, "RC101")
    assert sorted([first, whole], key=sort_key) == [whole, first]


def test_a_problem_with_a_line_and_no_column_is_shown_at_column_one() -> None:
    """``PATH:LINE:1``: a line with no column is shown at the line's start."""
    assert str(_problem(3, None, "RC301")) == "a.yaml:3:1: RC301 m"
    assert str(_problem(None, None, "RC102")) == "a.yaml: RC102 m"


def test_a_problem_with_no_column_sorts_before_column_one() -> None:
    """A problem with a line but no column comes before one at column 1 of that line."""
    anywhere = _problem(2, None, "RC301")
    first = _problem(2, 1, "RC201")
    assert sorted([first, anywhere], key=sort_key) == [anywhere, first]
    assert sorted([first, anywhere]) == [anywhere, first]


@pytest.mark.parametrize(
    ("line", "column", "length"),
    [
        ("  title: T", 3, 5),  # a key, up to its colon
        ("  id: 'a b'  # c", 7, 5),  # a quoted value, to its closing quote
        ("  id: 'a b  ", 7, 4),  # a quote never closed: to the end of the line
        ("  time: 30 minutes  # c", 9, 10),  # a plain value, its comment left out
        ("  title: a, b", 10, 4),  # a comma outside a flow list is text
        ("  tags: [abc, d]", 10, 3),  # in a flow list, to the next comma
        ("  tags: [abc, d]", 15, 1),  # the last one, to the ']'
        ("  id: 'a b'  # it's", 7, 5),  # the first closing quote, not a later one
        ("  note: ''  # c", 9, 2),  # an empty quoted text
        ("  tags: [a, b]", 9, 6),  # a flow list itself, from its '['
        ("  pack: {id: X}", 14, 1),  # a value in a flow mapping, to the '}'
        ("  pack: {id: X, title: T}", 14, 1),  # not up to the next key's colon
        ("  - [1, 2]: value, more", 13, 11),  # after a flow list that closed
        ("  - {a: 1}: value, more", 13, 11),  # after a flow mapping that closed
        ("  n: 5", 6, 1),  # one character
        ("  title: 'a # b'  # c", 10, 7),  # a '#' inside quotes is no comment
        ('  title: "a # b"', 10, 7),  # in double quotes too
        ("  pack: {id: X}", 10, 2),  # a key in a flow mapping, to its colon
        ("  x: {a, b: 1}", 7, 1),  # a key with no value, just after the '{'
        ("  pack: {id: 'it''s', t: T}", 14, 7),  # '' is a quote inside single quotes
        ('  pack: {id: "a\\", b: c", t: T}', 14, 11),  # so is \" inside double quotes
        ('  id: "a\\\\", b', 7, 5),  # an escaped backslash does not escape the quote
    ],
    ids=[
        "key",
        "quoted",
        "unclosed-quote",
        "plain",
        "comma-in-text",
        "in-flow",
        "last-in-flow",
        "quote-in-comment",
        "empty-quoted",
        "flow-list",
        "in-flow-mapping",
        "value-before-flow-key",
        "after-closed-list",
        "after-closed-mapping",
        "one-character",
        "hash-in-single-quotes",
        "hash-in-double-quotes",
        "key-in-flow-mapping",
        "bare-key-after-brace",
        "doubled-single-quote",
        "escaped-double-quote",
        "escaped-backslash",
    ],
)
def test_marked_length_marks_the_key_or_value_at_the_column(
    line: str, column: int, length: int
) -> None:
    """A problem marks the key, the quoted value, the plain value or the flow item it starts at."""
    assert marked_length(line, column) == length


def test_value_ends_are_read_from_a_whole_text_block_values_to_their_texts_end() -> None:
    """Each key and value's end as YAML reads it: past a quoted '}', over a line break.

    A block value ends where its text does (not on the line after it), unless a comment
    follows its '|'. A text that does not read gives none: `where_marked_ends` then falls
    back on the line.
    """
    text = "a: x\nb: |\n  block\n  more\n\nc: 'q}'\nd: [e,\n  f]\ng: | # note\n  h\n"
    assert value_ends(text) == {
        Mark(1, 1): Mark(1, 2),
        Mark(1, 4): Mark(1, 5),
        Mark(2, 1): Mark(2, 2),
        Mark(2, 4): Mark(4, 7),  # '|' to 'more', not the blank line after it
        Mark(6, 1): Mark(6, 2),
        Mark(6, 4): Mark(6, 8),
        Mark(7, 1): Mark(7, 2),
        Mark(7, 5): Mark(7, 6),
        Mark(8, 3): Mark(8, 4),
        Mark(9, 1): Mark(9, 2),
        Mark(9, 4): None,  # '| # note': no edit of it keeps the comment and the file whole
    }
    lines = text.split("\n")
    assert where_marked_ends(value_ends(text), lines, Mark(2, 4)) == Mark(4, 7)
    assert where_marked_ends(value_ends(text), lines, Mark(9, 4)) is None
    assert value_ends("a: >-\n  b\u00a0\n") == {Mark(1, 1): Mark(1, 2), Mark(1, 4): Mark(2, 5)}
    assert value_ends("a: |\nb: 1\n")[Mark(1, 4)] == Mark(1, 5)  # an empty block: its '|'
    assert value_ends("a: |\n  fix X\n")[Mark(1, 4)] == Mark(2, 8)  # to its last letter
    assert where_marked_ends({}, lines, Mark(2, 4)) == Mark(2, 5)  # the line alone: '|'
    assert where_marked_ends({}, lines, Mark(6, 4)) == Mark(6, 8)
    assert where_marked_ends({}, lines, Mark(20, 1)) == Mark(20, 2)  # past the text: one
    assert value_ends("pack:\n  id:film-6\n  title: T\n") == {}  # 'id:film-6 title'
    assert value_ends("a: [b, c\n") == {}


@pytest.mark.parametrize(
    ("line", "column", "mended"),
    [
        ("  tags: [a]", 9, False),  # a flow list
        ("  x: {a: 1}", 6, False),  # a flow mapping
        ("  title: T", 10, True),  # a plain value
        ("  title: T", 11, False),  # past the line's end
    ],
    ids=["flow-list", "flow-mapping", "value", "past-the-end"],
)
def test_a_fix_may_edit_a_plain_value_but_no_flow_opening_nor_past_the_end(
    line: str, column: int, mended: bool
) -> None:
    """A fix edits what starts at the column, unless it opens a flow or is past the line."""
    assert mendable(line, column) is mended


def test_a_value_of_at_most_two_hundred_characters_is_quoted_whole() -> None:
    """200 characters are echoed whole; 201 by their first 100 and their length."""
    assert quoted("a" * 200) == f"'{'a' * 200}'"
    assert quoted("a" * 201) == f"'{'a' * 100}'\u2026 (201 characters)"


def test_the_problem_ending_a_check_stands_at_the_files_start() -> None:
    """RC113 is placed at line 1, column 1, with its message."""
    assert too_many(_FILE) == Problem(
        file=_FILE,
        line=1,
        column=1,
        code="RC113",
        message="checking stopped after 1000 problems in this file; fix those first "
        "(is it a content file at all?)",
    )


@pytest.mark.parametrize(
    "arguments",
    [{}, {"replacements": ("a",), "key": "k"}],
    ids=["neither", "both"],
)
def test_a_fix_takes_replacements_or_a_key(arguments: dict[str, object]) -> None:
    """A fix with neither replacements nor a key, or with both, is refused by name."""
    with pytest.raises(
        ValueError, match=r"^a fix gives its replacements or a key to add, one of the two$"
    ):
        Fix(action="Change to '{}'", **arguments)  # type: ignore[arg-type]


def test_a_backslash_is_shown_as_itself_and_a_tab_as_its_escape() -> None:
    r"""A Windows path keeps its single backslashes; an unseen tab is shown as \t."""
    assert quoted("C:\\files\tnew") == "'C:\\files\\tnew'"

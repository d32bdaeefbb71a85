"""Completion: what the line before the cursor is typing, and what may be written there."""

from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from paths import DATA
from small_packs import BASE

from recurrent_care_pack._content.reading import MAX_FILE_SIZE, Document, read_bytes, read_text
from recurrent_care_pack._editor.completion import Typing, _container, complete, typing_at
from recurrent_care_pack._editor.index import PackIndex


def _document(text: str = BASE) -> Document:
    document, problems = read_text(Path("pack.yaml"), text.encode())
    assert document is not None, problems
    return document


def _new_text(item: types.CompletionItem) -> str:
    assert isinstance(item.text_edit, types.TextEdit)
    return item.text_edit.new_text


def _labels(line: int, before: str, text: str = BASE) -> list[str]:
    document = _document(text)
    return [item.label for item in complete(document, PackIndex([document]), line, before)]


@pytest.mark.parametrize(
    ("before", "typing"),
    [
        ("", Typing(1, "", new_item=False)),
        ("tit", Typing(1, "tit", new_item=False)),
        ("    tit", Typing(5, "tit", new_item=False)),
        ("  - tit", Typing(5, "tit", new_item=True)),
        ("  -   tit", Typing(7, "tit", new_item=True)),
        ("    exercise: e", Typing(5, "e", new_item=False, key="exercise")),
        ("    exercise:   e", Typing(5, "e", new_item=False, key="exercise")),
        ("  - exercise: ", Typing(5, "", new_item=True, key="exercise")),
        ("    films: [film-2, fi", Typing(5, "fi", new_item=False, key="films", flow=True)),
        ("    films: [", Typing(5, "", new_item=False, key="films", flow=True)),
        ("x:[a,b", Typing(1, "b", new_item=False, key="x", flow=True)),
        ("  # c", None),
        ("    exercise:e", None),
        ("    films: [a] ", None),
        ("    title: two words", None),
    ],
)
def test_typing_at(before: str, typing: Typing | None) -> None:
    """A key, a value after its key, or an item of a flow list; else nothing."""
    assert typing_at(before) == typing


def test_complete_offers_the_keys_not_yet_written_with_their_first_line() -> None:
    """Complete offers the keys not yet written with their first line."""
    document = _document()
    found = complete(document, PackIndex([document]), 20, "        ")
    assert [(c.label, c.kind, c.detail, _new_text(c)) for c in found] == [
        (
            "description",
            types.CompletionItemKind.Property,
            "What the module covers, in the pack's words.",
            "description: ",
        ),
        (
            "discussion",
            types.CompletionItemKind.Property,
            "The discussion after the films, if the pack suggests one.",
            "discussion: ",
        ),
        (
            "different_day",
            types.CompletionItemKind.Property,
            "What changes when the module is run on a different day.",
            "different_day: ",
        ),
        ("topics", types.CompletionItemKind.Property, "Topics it is about.", "topics: "),
    ]


def test_complete_a_new_item_offers_every_key() -> None:
    """Complete a new item offers every key."""
    # ``      - `` under the modules: a new module, so even 'id' and 'title' are offered.
    labels = _labels(20, "      - ")
    assert labels[:3] == ["id", "number", "title"]
    assert "allowance" in labels


def test_complete_at_the_top_offers_the_missing_top_keys() -> None:
    """Complete at the top offers the missing top keys."""
    assert _labels(10, "") == ["case_studies", "people", "works"]


def test_complete_in_the_pack_details() -> None:
    """In the pack details: the keys not written yet, in the schema's order."""
    assert _labels(3, "  ") == ["hub_title", "print_version", "origin", "audience", "licence"]


def test_complete_references_offer_the_ids_of_their_kind() -> None:
    """Complete references offer the ids of their kind."""
    document = _document()
    found = complete(document, PackIndex([document]), 20, "        exercise: ")
    assert [(c.label, c.kind, c.detail) for c in found] == [
        ("ex", types.CompletionItemKind.Reference, "Exercise 9: An exercise")
    ]
    assert _labels(20, "        films: [") == ["film-6", "film-7"]
    assert _labels(20, "        films: [film-6, ") == ["film-7"]  # film-6 is listed already


def test_complete_a_list_of_references_on_new_items() -> None:
    """Complete a list of references on new items."""
    # ``films:`` then ``- `` on the next line: the items of a list of references.
    text = BASE.replace("        films: [film-7]\n", "        films:\n          - film-7\n")
    assert _labels(24, "          - ", text) == ["film-6", "film-7"]
    assert _labels(24, "          ", text) == []  # not a new item: nothing to offer


def test_complete_allowed_values_and_booleans() -> None:
    """A value with an enum offers it; a boolean offers true and false."""
    document = _document()
    index = PackIndex([document])
    kinds = complete(document, index, 31, "        kind: ")
    assert [(c.label, c.kind) for c in kinds][:1] == [
        ("film", types.CompletionItemKind.EnumMember)
    ]
    assert {c.label for c in kinds} >= {"film", "presentation"}
    text = BASE.replace(
        "        allowance: 23 minutes\n        exercise: ex\n",
        "        allowance: 23 minutes\n        exercise: ex\n        discussion:\n          duration: 10 minutes\n",
    )
    document = _document(text)
    found = complete(document, PackIndex([document]), 22, "          optional: ")
    assert [(c.label, c.kind) for c in found] == [
        ("true", types.CompletionItemKind.Value),
        ("false", types.CompletionItemKind.Value),
    ]


def test_complete_nothing_where_nothing_is_typed_or_known() -> None:
    """Complete nothing where nothing is typed or known."""
    assert _labels(20, "  # a comment") == []
    assert _labels(20, "   ") == []  # between two columns of keys: no mapping starts there
    assert _labels(3, "  title: ") == []  # a text: no values to offer


def test_complete_a_list_of_allowed_values_offers_its_items_values() -> None:
    """A key whose value is a list of allowed values offers the values of its items."""
    document = _document()
    found = complete(document, PackIndex([document]), 44, "            grouping: ")
    assert [(c.label, c.kind) for c in found] == [
        ("individuals", types.CompletionItemKind.EnumMember),
        ("pairs", types.CompletionItemKind.EnumMember),
        ("small groups", types.CompletionItemKind.EnumMember),
        ("whole group", types.CompletionItemKind.EnumMember),
    ]


_FILMS = BASE.replace("        films: [film-7]\n", "        films:\n          - film-7\n")


def test_a_partly_typed_id_in_a_list_is_completed_without_the_ids_listed() -> None:
    """``- film-`` under a module's films: the films not listed yet, each replacing 'film-'."""
    document = _document(_FILMS)
    line = _FILMS.splitlines().index("          - film-7") + 2  # a new item below it
    found = complete(document, PackIndex([document]), line, "          - film-")
    assert [(c.label, c.filter_text, c.text_edit) for c in found] == [
        (
            "film-6",
            "film-6",
            types.TextEdit(
                range=types.Range(
                    start=types.Position(line=line - 1, character=12),
                    end=types.Position(line=line - 1, character=17),
                ),
                new_text="film-6",
            ),
        )
    ]


def test_a_flow_list_offers_the_ids_it_does_not_hold_but_the_one_typed() -> None:
    """``films: [film-6, f``: film-7 only; the word typed is replaced, even a whole id."""
    text = BASE.replace("films: [film-6]", "films: [film-6, film-7]")
    document = _document(text)
    found = complete(document, PackIndex([document]), 17, "        films: [film-7, film-6, ")
    assert [c.label for c in found] == []  # both are listed before it
    found = complete(document, PackIndex([document]), 17, "        films: [film-6, f")
    assert [c.label for c in found] == ["film-7"]
    found = complete(document, PackIndex([document]), 17, "        films: [film-6, film-7")
    assert [c.label for c in found] == ["film-7"]  # the one being typed is still offered
    edit = found[0].text_edit
    assert isinstance(edit, types.TextEdit)
    assert (edit.range.start.character, edit.range.end.character) == (24, 30)


def test_a_word_with_a_wide_character_is_replaced_in_utf16_units() -> None:
    """The range counts UTF-16 units, as the protocol does: an emoji in the word is two."""
    document = _document()
    found = complete(document, PackIndex([document]), 20, "        exercise: \U0001f600e")
    edit = found[0].text_edit
    assert isinstance(edit, types.TextEdit)
    assert (edit.range.start.character, edit.range.end.character) == (18, 21)


def _durations(line: int, before: str, *, snippets: bool) -> list[tuple[str, str, object]]:
    document = _document()
    found = complete(document, PackIndex([document]), line, before, snippets=snippets)
    return [(c.label, _new_text(c), c.insert_text_format) for c in found]


def test_a_duration_is_offered_as_a_snippet_of_its_usual_forms() -> None:
    """After 'allowance: ', the forms the pack writes, their numbers placeholders."""
    snippet = types.InsertTextFormat.Snippet
    assert _durations(18, "        allowance: ", snippets=True) == [
        ("30 minutes", "${1:30} minutes", snippet),
        ("1 hour 30 minutes", "${1:1} hour ${2:30} minutes", snippet),
        ("22 minutes 31 seconds", "${1:22} minutes ${2:31} seconds", snippet),
    ]
    assert _durations(18, "        allowance: ", snippets=False) == [
        ("30 minutes", "30 minutes", None),
        ("1 hour 30 minutes", "1 hour 30 minutes", None),
        ("22 minutes 31 seconds", "22 minutes 31 seconds", None),
    ]


def test_a_number_typed_for_a_duration_is_offered_with_each_unit_it_may_take() -> None:
    """'45' is minutes or seconds (not 45 hours); '1' is singular; '90' only minutes."""
    assert _durations(41, "        time: 45", snippets=True) == [
        ("45 minutes", "45 minutes", None),
        ("45 seconds", "45 seconds", None),
    ]
    assert [label for label, _, _ in _durations(18, "        allowance: 1", snippets=True)] == [
        "1 minute",
        "1 hour",
        "1 second",
    ]
    assert [
        label for label, _, _ in _durations(44, "            duration: 90", snippets=False)
    ] == ["90 minutes"]


def test_other_values_are_not_offered_durations() -> None:
    """A title is no duration; a value in a flow list neither."""
    assert _durations(16, "        title: 3", snippets=True) == []


def _container_by_sorting(document: Document, line: int, column: int, *, new_item: bool) -> Any:
    """Where a key typed is, found as it was first written: every mark above, sorted."""
    marks = [(m.line, m.column, path, True) for path, m in document.keys.items()]
    for path, packed in document.items.items():
        marks.extend(
            (value >> 32, value & 0xFFFFFFFF, (*path, index), False)
            for index, value in enumerate(packed)
        )
    for _, mark_column, path, is_key in sorted((m for m in marks if m[0] < line), reverse=True):
        if mark_column == column:
            return path[:-1] if is_key else path
        if mark_column < column:
            return path if not is_key else ((*path, 0) if new_item else path)
    return () if column == 1 else None


@pytest.mark.parametrize("name", ["pack.yaml", "section-3.yaml"])
def test_where_a_key_is_typed_is_found_as_by_sorting_every_mark(name: str) -> None:
    """At every line, and columns from 1 to 17, each a new item or not: the same mapping."""
    text = (DATA / name).read_text(encoding="utf-8")
    document, _ = read_bytes(Path(name), text.encode(), MAX_FILE_SIZE)
    assert document is not None
    for line in range(1, text.count("\n") + 3):
        for column in range(1, 18, 2):
            for new_item in (False, True):
                assert _container(document, line, column, new_item=new_item) == (
                    _container_by_sorting(document, line, column, new_item=new_item)
                ), (line, column, new_item)

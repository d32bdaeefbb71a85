"""Inlay hints (each module's times on its id's line) and the outline of a file."""

import json
from collections.abc import Sequence
from pathlib import Path

from built_packs import built
from lsprotocol import types
from pygls.protocol import default_converter
from small_packs import BASE, FULL

from recurrent_care_pack._content.reading import Document, read_text
from recurrent_care_pack._editor.hints import Built, module_hints
from recurrent_care_pack._editor.symbols import Outlines, document_symbols

LINES = BASE.split("\n")


def _document(text: str = BASE) -> Document:
    document, problems = read_text(Path("pack.yaml"), text.encode())
    assert document is not None, problems
    return document


def _pack(tmp_path: Path, text: str = BASE) -> Built:
    return built(tmp_path, text)


def _hints(tmp_path: Path, first: int, last: int, text: str = BASE) -> list[tuple[int, int, str]]:
    found = module_hints(_document(text), _pack(tmp_path, text), text.split("\n"), first, last)
    assert all(hint.padding_left for hint in found)
    return [(h.position.line, h.position.character, str(h.label)) for h in found]


def test_hints_give_each_module_its_times_at_the_end_of_its_id_line(tmp_path: Path) -> None:
    """Hints give each module its times at the end of its id line."""
    assert _hints(tmp_path, 1, 100) == [
        (13, 14, "films 23 min · + exercise 53 min"),
        (19, 14, "films 32 min · another day 55 min"),
    ]


def test_hints_only_for_ids_in_the_range(tmp_path: Path) -> None:
    """Only the ids written within the lines asked for get a hint."""
    assert _hints(tmp_path, 14, 14) == [(13, 14, "films 23 min · + exercise 53 min")]
    assert _hints(tmp_path, 20, 20) == [(19, 14, "films 32 min · another day 55 min")]
    assert _hints(tmp_path, 15, 19) == []


def test_hints_count_the_discussion_and_the_other_day_with_the_exercise(tmp_path: Path) -> None:
    """Hints count the discussion and the other day with the exercise."""
    text = BASE.replace(
        "        allowance: 32 minutes\n",
        "        allowance: 32 minutes\n        exercise: ex2\n"
        "        discussion:\n          duration: 10 minutes\n",
    ) + (
        "      - id: ex2\n        number: 10\n        title: Another\n        time: 20 minutes\n"
        "        phases:\n          - grouping: [pairs]\n            duration: 20 minutes\n"
        "            activity: Talk.\n"
    )
    assert _hints(tmp_path, 20, 20, text) == [
        (
            19,
            14,
            "films 32 min · + discussion 42 min · + exercise 52 min · another day 1 hour 15 min",
        )
    ]


def test_hints_end_at_the_line_s_end_in_utf16_units(tmp_path: Path) -> None:
    """Hints end at the line's end in utf16 units."""
    text = BASE.replace("      - id: m2\n", "      - id: m2 # 😀\n")
    assert _hints(tmp_path, 14, 14, text) == [(13, 19, "films 23 min · + exercise 53 min")]


def _outline(symbols: Sequence[types.DocumentSymbol], depth: int = 0) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    for symbol in symbols:
        r, s = symbol.range, symbol.selection_range
        found.append(
            (
                depth,
                symbol.name,
                symbol.detail,
                symbol.kind,
                (r.start.line, r.start.character, r.end.line, r.end.character),
                (s.start.line, s.start.character, s.end.line, s.end.character),
            )
        )
        found.extend(_outline(symbol.children or [], depth + 1))
    return found


def test_document_symbols_outline_the_file() -> None:
    """Document symbols outline the file."""
    kinds = types.SymbolKind
    assert _outline(document_symbols(_document(), LINES)) == [
        (0, "pack details", None, kinds.Namespace, (0, 0, 4, 23), (0, 0, 0, 4)),
        (0, "organisations", None, kinds.Namespace, (5, 0, 7, 25), (5, 0, 5, 13)),
        (1, "An organisation", "org", kinds.Object, (6, 4, 7, 25), (6, 8, 6, 11)),
        (0, "sections", None, kinds.Namespace, (8, 0, 48, 0), (8, 0, 8, 8)),
        (1, "Section 3: A section", "s", kinds.Namespace, (9, 4, 48, 0), (9, 8, 9, 9)),
        (2, "Module 2: Complex trauma", "m2", kinds.Module, (13, 8, 18, 20), (13, 12, 13, 14)),
        (
            2,
            "Module 3: Trauma-informed approaches",
            "m3",
            kinds.Module,
            (19, 8, 26, 31),
            (19, 12, 19, 14),
        ),
        (2, "Film 6", "film-6", kinds.Event, (28, 8, 32, 29), (28, 12, 28, 18)),
        (2, "Film 7", "film-7", kinds.Event, (33, 8, 35, 17), (33, 12, 33, 18)),
        (2, "Exercise 9: An exercise", "ex", kinds.Function, (37, 8, 48, 0), (37, 12, 37, 14)),
    ]


def test_document_symbols_name_people_works_and_case_studies() -> None:
    """Document symbols name people works and case studies."""
    found = _outline(document_symbols(_document(FULL), FULL.split("\n")))
    named = [(depth, name, detail, kind) for depth, name, detail, kind, *_ in found]
    assert named[:13] == [
        (0, "pack details", None, types.SymbolKind.Namespace),
        (0, "organisations", None, types.SymbolKind.Namespace),
        (1, "Research in Practice", "rip", types.SymbolKind.Object),
        (1, "Lancaster University", "lancaster", types.SymbolKind.Object),
        (1, "University of Essex", "essex", types.SymbolKind.Object),
        (1, "Family Drug and Alcohol Court", "fdac", types.SymbolKind.Object),
        (1, "Action for Children", "afc", types.SymbolKind.Object),
        (0, "people", None, types.SymbolKind.Namespace),
        (1, "Sheena Webb", "sheena", types.SymbolKind.Object),
        (0, "works", None, types.SymbolKind.Namespace),
        (1, "A report", "report", types.SymbolKind.Object),
        (1, "A review", "review", types.SymbolKind.Object),
        (0, "case studies", None, types.SymbolKind.Namespace),
    ]


def test_no_symbol_is_without_a_name() -> None:
    """A key, a title or a name left empty: the symbol is named by the key, id or kind."""
    text = "'': 1\npeople:\n  - id: sam\n    name: ' '\n  - id: ' '\n    name: ''\n"
    found = _outline(document_symbols(_document(text), text.split("\n")))
    named = [(depth, name, detail) for depth, name, detail, *_ in found]
    assert named == [(0, "''", None), (0, "people", None), (1, "sam", "sam"), (1, "person", " ")]


def test_an_outline_is_kept_as_json_for_its_reading_and_forgotten_when_closed() -> None:
    """One reading, one answer kept; a new reading, or the file closed, makes it again."""
    converter = default_converter()  # type: ignore[no-untyped-call] # pygls's, as the server's
    outlines, document = Outlines(converter), _document()
    kept = outlines.of(document, LINES)
    assert json.loads(kept.body) == converter.unstructure(document_symbols(document, LINES))
    assert outlines.of(document, LINES) is kept
    read_again = _document()
    again = outlines.of(read_again, LINES)
    assert again is not kept
    assert again.body == kept.body
    outlines.forget(document.file)
    assert outlines.of(read_again, LINES) is not again
    outlines.forget(Path("never-asked-about.yaml"))  # nothing to forget: no error
    outlines.forget(document.file)
    not_open = _document()  # a file not open is never closed: its outline is never kept
    made = outlines.of(not_open, LINES, keep=False)
    assert made.body == kept.body
    assert outlines.of(not_open, LINES, keep=False) is not made


def test_document_symbols_of_a_file_that_is_not_a_mapping() -> None:
    """A file that is not a mapping has no outline."""
    assert document_symbols(_document("- a\n- b\n"), ["- a", "- b", ""]) == []


def test_hints_go_on_past_a_module_the_last_valid_pack_lacks(tmp_path: Path) -> None:
    """A module id being typed (not yet in the pack) gets no hint; the modules after it do."""
    pack = _pack(tmp_path)
    text = BASE.replace("      - id: m2\n", "      - id: m2-new\n")
    found = module_hints(_document(text), pack, text.split("\n"), 1, 100)
    assert [(h.position.line, str(h.label)) for h in found] == [
        (19, "films 32 min · another day 55 min")
    ]


def test_document_symbols_end_each_item_before_the_next() -> None:
    """Each item's range ends on the line before the next item (or the next top-level key)."""
    found = _outline(document_symbols(_document(FULL), FULL.split("\n")))
    ranges = {name: span for _, name, _, _, span, _ in found}
    assert ranges["Research in Practice"] == (9, 4, 10, 30)
    assert ranges["Lancaster University"] == (11, 4, 12, 30)
    assert ranges["University of Essex"] == (13, 4, 14, 29)
    assert ranges["Family Drug and Alcohol Court"] == (15, 4, 16, 39)
    assert ranges["Action for Children"] == (17, 4, 18, 29)


def test_the_last_tip_of_a_category_ends_before_the_next_category() -> None:
    """Items within items end where their own item does: tips in a category, points in a tip."""
    text = (
        "sections:\n  - id: s\n    tips:\n      categories:\n"
        "        - id: a\n          title: A\n          tips:\n"
        "            - id: a-1\n              text: One\n"
        "            - id: a-2\n              text: Two\n              points:\n"
        "                - id: a-2-i\n                  text: Two, first\n"
        "        - id: b\n          title: B\n          tips:\n"
        "            - id: b-1\n              text: Three\n"
    )
    found = _outline(document_symbols(_document(text), text.split("\n")))
    ranges = {}  # each symbol's first and last line
    for _, name, _, _, span, _ in found:
        assert isinstance(span, tuple)
        ranges[name] = (span[0], span[2])
    assert ranges == {
        "sections": (0, 19),
        "s": (1, 19),
        "A": (4, 13),
        "One": (7, 8),
        "Two": (9, 13),
        "Two, first": (12, 13),
        "B": (14, 19),
        "Three": (17, 19),
    }


def test_document_symbols_of_a_section_end_before_the_next_top_level_key() -> None:
    """A section's last item ends where the next top-level key begins, not at the file's end."""
    text = BASE + "people:\n  - id: sheena\n    name: Sheena Webb\n"
    found = _outline(document_symbols(_document(text), text.split("\n")))
    ranges = {name: span for _, name, _, _, span, _ in found}
    assert ranges["Exercise 9: An exercise"] == (37, 8, 47, 41)
    assert ranges["Section 3: A section"] == (9, 4, 47, 41)


def test_hints_while_the_pack_has_problems_give_the_times_still_known(tmp_path: Path) -> None:
    """A problem elsewhere (a film's, the pack's) leaves both modules' times known."""
    text = BASE.replace(
        "        kind: film\n        number: 7\n", "        kind: flim\n        number: 7\n"
    )
    text = text.replace("  title: A pack\n", "  titel: A pack\n")
    assert _hints(tmp_path, 1, 100, text) == [
        (13, 14, "films 23 min · + exercise 53 min"),
        (19, 14, "films 32 min · another day 55 min"),
    ]


def test_hints_leave_out_a_module_with_a_problem_of_its_own(tmp_path: Path) -> None:
    """A misspelt key in Module 3 puts its times in doubt: Module 2 keeps its hint."""
    text = BASE.replace("        allowance: 32 minutes\n", "        alowance: 32 minutes\n")
    assert _hints(tmp_path, 1, 100, text) == [(13, 14, "films 23 min · + exercise 53 min")]


def test_hints_leave_out_a_module_whose_exercise_has_a_problem(tmp_path: Path) -> None:
    """Exercise 9's time is not a duration: Module 2, which it follows, gets no hint."""
    text = BASE.replace("        time: 30 minutes\n", "        time: 30\n")
    assert _hints(tmp_path, 1, 100, text) == [(19, 14, "films 32 min · another day 55 min")]


def test_hints_leave_out_a_module_whose_id_or_exercise_is_given_twice(tmp_path: Path) -> None:
    """Which of two items with one id is meant is not known: no times that depend on it."""
    module_twice = BASE.replace("      - id: m3\n", "      - id: m2\n")
    assert _hints(tmp_path, 1, 100, module_twice) == []
    exercise_twice = BASE.replace("      - id: film-7\n", "      - id: ex\n")
    assert _hints(tmp_path, 1, 100, exercise_twice) == [
        (19, 14, "films 32 min · another day 55 min")
    ]

"""Folding and selection ranges, read from indentation: while the file reads, and while not."""

import itertools

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types
from paths import DATA

from recurrent_care_pack._editor.documents import lines_of
from recurrent_care_pack._editor.folding import blocks, folding_ranges, selection_ranges

TEXT = """\
# A pack being written.
# Two comment lines fold.
sections:
  - id: s
    title: A section

    modules:
    - id: m1
      films: [film-1]
      # a note inside
    - id: m2
      introduction: >-
        Two lines
        of text.
people: []
"""


def _folds(text: str) -> list[tuple[int, int, object]]:
    """Each folding range as its lines counted from 1, and its kind."""
    return [(f.start_line + 1, f.end_line + 1, f.kind) for f in folding_ranges(lines_of(text))]


def test_each_block_folds_from_its_line_to_its_last_content_line() -> None:
    """Items at their key's indentation are its block; trailing comments are not folded in."""
    assert _folds(TEXT) == [
        (1, 2, types.FoldingRangeKind.Comment),
        (3, 14, None),  # sections
        (4, 14, None),  # the section
        (7, 14, None),  # modules, its items at its own indentation
        (8, 9, None),  # m1: its comment is left out
        (11, 14, None),  # m2
        (12, 14, None),  # the block of text
    ]


def test_a_file_that_does_not_read_still_folds() -> None:
    """An unclosed '[' and a tab: the blocks are still there."""
    broken = TEXT.replace("films: [film-1]", "films: [film-1").replace("title: A", "title:\tA")
    assert _folds(broken) == _folds(TEXT)


def test_the_bundled_section_folds_every_module_film_and_exercise() -> None:
    """Each module, film and exercise of section-3.yaml folds from its '- id:' line."""
    lines = lines_of((DATA / "section-3.yaml").read_text(encoding="utf-8"))
    starts = {first for first, _ in blocks(lines)}
    items = [n for n, line in enumerate(lines) if line.startswith("      - id: ")]
    named = [lines[n].split(": ")[1] for n in items]
    assert named[:4] == [
        "section-3-module-1",
        "section-3-module-2",
        "section-3-module-3",
        "film-2",
    ]
    assert "exercise-9" in named
    assert set(items) <= starts


def _chain(text: str, line: int, character: int) -> list[tuple[int, int, int, int]]:
    """The selection ranges at a position (from 0), innermost first, as (line, col) pairs."""
    [selection] = selection_ranges(lines_of(text), [types.Position(line, character)])
    found = []
    here: types.SelectionRange | None = selection
    while here is not None:
        r = here.range
        found.append((r.start.line, r.start.character, r.end.line, r.end.character))
        here = here.parent
    return found


def test_selection_grows_from_the_word_to_the_whole_file() -> None:
    """The id, its line, its module, the modules, the section, sections, the file."""
    assert _chain(TEXT, 7, 10) == [
        (7, 10, 7, 12),  # m1
        (7, 4, 7, 12),  # - id: m1
        (7, 4, 8, 21),  # the module
        (6, 4, 13, 16),  # modules
        (3, 2, 13, 16),  # the section
        (2, 0, 13, 16),  # sections
        (0, 0, 15, 0),  # the file
    ]


def test_each_selection_range_holds_the_one_inside_it() -> None:
    """As the protocol asks, whatever the position, even past a line's end or the file's."""
    lines = lines_of(TEXT)
    for line in range(len(lines) + 1):
        for character in (0, 3, 11, 40):
            chain = _chain(TEXT, line, character)
            for inner, outer in itertools.pairwise(chain):
                assert outer[:2] <= inner[:2], (line, character, chain)
                assert inner[2:] <= outer[2:], (line, character, chain)
                assert inner != outer


@given(st.text(st.sampled_from(" -:#[]\nab\t'\"|>"), max_size=200), st.integers(0, 12))
def test_any_text_folds_and_selects_in_nested_ranges(text: str, line: int) -> None:
    """Whatever is typed: folds inside the file, nested or apart; selections each inside the next."""
    lines = lines_of(text)
    found = blocks(lines)
    for first, end in found:
        assert 0 <= first < end < len(lines)
    for (a, b), (c, d) in itertools.combinations(found, 2):
        assert b < c or d < a or (a <= c and d <= b) or (c <= a and b <= d)
    chain = _chain(text, line, 2)
    for inner, outer in itertools.pairwise(chain):
        assert outer[:2] <= inner[:2]
        assert inner[2:] <= outer[2:]

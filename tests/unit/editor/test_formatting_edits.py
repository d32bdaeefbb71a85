"""Formatting's edits: only the lines that change, so an editor's marks on the rest stay put."""

from hypothesis import example, given
from hypothesis import strategies as st
from lsprotocol import types

from recurrent_care_pack._editor.documents import apply_change
from recurrent_care_pack._editor.formatting import line_edits


def _applied(text: str, edits: list[types.TextEdit]) -> str:
    """``edits`` made to ``text`` as an editor makes them: each range as in the text given."""
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        change = types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
        text = apply_change(text, change)
    return text


def _touched(edits: list[types.TextEdit]) -> set[int]:
    """The lines (from 0) an edit replaces."""
    return {
        line
        for edit in edits
        for line in range(
            edit.range.start.line, max(edit.range.end.line, edit.range.start.line + 1)
        )
        if (line, 0) != (edit.range.end.line, edit.range.end.character)
    }


def test_one_changed_line_is_one_edit_of_that_line() -> None:
    """A comment's spaces tidied on line 2: lines 1 and 3 are not in the edit."""
    before = "pack:\n  title:    T   # kept\n  id: p\n"
    after = "pack:\n  title: T  # kept\n  id: p\n"
    edits = line_edits(before, after)
    assert [(e.range.start.line, e.range.end.line, e.new_text) for e in edits] == [
        (1, 2, "  title: T  # kept\n")
    ]
    assert _applied(before, edits) == after


def test_no_change_is_no_edit_and_a_last_line_without_a_break_is_reached() -> None:
    """The same text: none. A final line with no line break is replaced up to the text's end."""
    assert line_edits("a: 1\n", "a: 1\n") == []
    edits = line_edits("a: 1\nb:   2", "a: 1\nb: 2\n")
    assert [(e.range.start, e.range.end) for e in edits] == [
        (types.Position(line=1, character=0), types.Position(line=1, character=6))
    ]
    assert _applied("a: 1\nb:   2", edits) == "a: 1\nb: 2\n"


_LINES = st.lists(st.sampled_from(["a: 1", "b: 2", "  - x", "# c", "", "d:  3"]), max_size=12)
_BREAKS = st.sampled_from(["\n", "\r\n", "\r"])


@given(_LINES, _LINES, _BREAKS, _BREAKS, st.booleans())
@example(["a: 1"], ["a: 1", "b: 2"], "\r\n", "\n", False)  # noqa: FBT003
def test_the_edits_make_the_new_text_and_leave_every_kept_line_alone(
    old: list[str], new: list[str], old_break: str, new_break: str, last_break: bool
) -> None:
    """Applied to the old text, the edits give the new; no unchanged line is touched."""
    before = old_break.join(old) + (old_break if last_break and old else "")
    after = new_break.join(new) + new_break
    edits = line_edits(before, after)
    assert _applied(before, edits) == after
    if before == after:
        assert edits == []
    if old_break == new_break and last_break:  # each line is then the same text in both
        lines = before.split(old_break)[:-1]  # each line ends in a break: none after the last
        kept = [line for n, line in enumerate(lines) if n not in _touched(edits)]
        rest = iter(after.split(new_break)[:-1])
        assert all(line in rest for line in kept)  # in the new text, in the same order

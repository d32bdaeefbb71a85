r"""rcpack lsp keeps the editor's text: lines broken at \n, \r\n and \r only, over stdio.

The editor (here a reference model of one, written apart from the server) breaks lines at
``\n``, ``\r\n`` and ``\r`` and nowhere else, and counts columns in UTF-16 units. Python's
``splitlines()`` also breaks at ``\x0b \x0c \x1c \x1d \x1e \x85 U+2028 U+2029``: a server
counting lines that way puts every later edit on the wrong line.
"""

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_client import Session, full_capabilities
from lsprotocol import types
from paths import DATA

from recurrent_care_pack._content.formatting import format_text
from recurrent_care_pack._editor.actions import code_actions
from recurrent_care_pack._editor.documents import offset_at

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

#: Python breaks lines at these; the editor does not.
ODD = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
#: Every line-ending style the editor knows.
BREAKS = ["\n", "\r\n", "\r"]
#: What the fuzzed text is made of: words, wide and astral characters, every break.
PIECES = ["ab", "c", " ", "é", "\U0001f600", *BREAKS, *ODD]
#: The fuzzed file's last line, never edited: formatting rewrites it ('title: x').
LAST = "\ntitle:   x"

_BREAK = re.compile(r"\r\n|\r|\n")


# The editor's model: lines, positions, and applying an edit. ------------------------------


def _line_starts(text: str) -> list[int]:
    """The offset where each of the editor's lines starts."""
    return [0, *(found.end() for found in _BREAK.finditer(text))]


def _line_end(text: str, start: int) -> int:
    """The offset of the end of the line starting at ``start``, its break left out."""
    found = _BREAK.search(text, start)
    return found.start() if found is not None else len(text)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _position(text: str, offset: int) -> types.Position:
    """The editor's position (line, UTF-16 units) of ``offset``, which is not inside a break."""
    starts = _line_starts(text)
    line = max(i for i, start in enumerate(starts) if start <= offset)
    return types.Position(line=line, character=_units(text[starts[line] : offset]))


def _offset(text: str, where: types.Position) -> int:
    """The offset of the editor's ``where``: past a line's end is its end, past the last line the end."""
    starts = _line_starts(text)
    if where.line >= len(starts):
        return len(text)
    start = starts[where.line]
    end = _line_end(text, start)
    for index in range(start, end + 1):
        if _units(text[start:index]) >= where.character:
            return index
    return end


def _apply(text: str, edit: types.TextEdit | types.TextDocumentContentChangePartial) -> str:
    start, end = _offset(text, edit.range.start), _offset(text, edit.range.end)
    new = edit.new_text if isinstance(edit, types.TextEdit) else edit.text
    return text[:start] + new + text[end:]


def _apply_all(text: str, edits: list[types.TextEdit]) -> str:
    """``edits``, each of a range in ``text`` as given, made from the last to the first."""
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        text = _apply(text, edit)
    return text


def _inside_break(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"


# Driving the server. ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that is no pack."""
    return tmp_path_factory.mktemp("text")


@pytest.fixture(scope="module")
def session(folder: Path) -> Iterator[Session]:
    """One ``rcpack lsp`` for every example, started in ``folder``."""
    with Session(folder) as started:
        yield started


_NAMES = itertools.count()


def _format(session: Session, file: Path) -> list[types.TextEdit] | None:
    params = types.DocumentFormattingParams(
        text_document=session.document(file),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True),
    )
    edits = session.run(session.client.text_document_formatting_async(params))
    return None if edits is None else list(edits)


def _change(
    text: str, start: int, end: int, new: str, *, past: int
) -> tuple[types.TextDocumentContentChangePartial, str]:
    """The editor's change replacing ``text[start:end]`` by ``new``, and the text after.

    ``past`` puts the end that many units past its line's end, where the end is a line's end
    (the protocol says that means the line's end).
    """
    end_at = _position(text, end)
    if past and end == _line_end(text, _line_starts(text)[end_at.line]):
        end_at = types.Position(line=end_at.line, character=end_at.character + past)
    change = types.TextDocumentContentChangePartial(
        range=types.Range(start=_position(text, start), end=end_at), text=new
    )
    after = _apply(text, change)
    assert after == text[:start] + new + text[end:]  # the model agrees with itself
    return change, after


@st.composite
def _texts(draw: st.DrawFn, *, min_size: int = 0) -> str:
    return "".join(draw(st.lists(st.sampled_from(PIECES), min_size=min_size, max_size=12)))


@st.composite
def _session_edits(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str, int]]]]:
    """A body of text, and batches of edits of it: (start, end, new text, past the end)."""
    body = draw(_texts(min_size=1))
    batches = []
    text = body + LAST
    for _ in range(draw(st.integers(1, 4))):
        batch = []
        for _ in range(draw(st.integers(1, 3))):
            edited = range(len(text) - len(LAST) + 1)
            offsets = [o for o in edited if not _inside_break(text, o)]
            start = draw(st.sampled_from(offsets))
            end = draw(st.sampled_from([o for o in offsets if o >= start]))
            new = draw(_texts())
            past = draw(st.sampled_from([0, 0, 1, 5]))
            batch.append((start, end, new, past))
            text = text[:start] + new + text[end:]
        batches.append(batch)
    return body, batches


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_session_edits())
def test_the_server_keeps_the_editors_text(
    session: Session, folder: Path, case: tuple[str, list[list[tuple[int, int, str, int]]]]
) -> None:
    r"""Random edits of text with every break and line-ending style leave the editor's text.

    Each example edits text holding ``\n``, ``\r\n``, ``\r`` and each character Python
    alone breaks at, then deletes those characters and comments out each line, all by
    the editor's positions, and formats: fmt's layout of exactly the editor's text comes
    back, as one edit over the whole of it.
    """
    body, batches = case
    file = folder / f"fuzz-{next(_NAMES)}.yaml"
    text = body + LAST
    session.open(file, text)
    try:
        for batch in batches:
            changes = []
            for start, end, new, past in batch:
                change, text = _change(text, start, end, new, past=past)
                changes.append(change)
            session.edit(file, changes, text)
        # Delete each character Python breaks at, from the last, one change each.
        odd = [i for i, character in enumerate(text) if character in ODD]
        changes = []
        for index in reversed(odd):
            change, text = _change(text, index, index + 1, "", past=0)
            changes.append(change)
        if changes:
            session.edit(file, changes, text)
        # Comment out each line above the last, from the last, so that the text reads.
        changes = []
        for start in reversed(_line_starts(text)[:-1]):
            change, text = _change(text, start, start, "#", past=0)
            changes.append(change)
        session.edit(file, changes, text)
        edits = _format(session, file)
        assert edits is not None, [m.message for m in session.messages]
        assert all(e.range.start.character == 0 for e in edits)  # whole lines each
        assert _apply_all(text, edits) == format_text(text)
    finally:
        session.close(file)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("title:   x\rnotes:   y\r", (2, 0)),
        ("title:   x\r\nnotes:   y\rmore:   z\nlast:   w", (3, 9)),
        ("title:   x\rnotes:   '\U0001f600'", (1, 13)),
        ("title:   x\r\n", (1, 0)),
    ],
)
def test_formatting_replaces_the_whole_buffer(
    session: Session, folder: Path, text: str, end: tuple[int, int]
) -> None:
    """Formatting's one edit ends at the buffer's end, whatever its line endings."""
    file = folder / f"whole-{next(_NAMES)}.yaml"
    session.open(file, text)
    try:
        edits = _format(session, file)
    finally:
        session.close(file)
    assert edits is not None
    assert [(e.range.start, e.range.end) for e in edits] == [
        (types.Position(line=0, character=0), types.Position(line=end[0], character=end[1]))
    ]
    assert _apply(text, edits[0]) == edits[0].new_text


@pytest.fixture(scope="module")
def pack(folder: Path) -> Path:
    """A copy of the bundled pack, in the session's folder."""
    shutil.copytree(DATA, folder / "pack")
    return folder / "pack"


def _ended(text: str, ending: str) -> str:
    return text.replace("\n", ending)


@pytest.mark.parametrize("ending", BREAKS, ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("odd", ODD)
def test_a_problem_is_on_its_line_whatever_the_breaks(
    session: Session, pack: Path, ending: str, odd: str
) -> None:
    """A character YAML refuses, after lines of every ending style, is marked where it is."""
    file = pack / "section-3.yaml"
    text = (DATA / "section-3.yaml").read_text(encoding="utf-8")
    text = _ended(text.replace("title: Workforce", f"title: Workforce{odd}", 1), ending)
    seen = session.count(file)
    session.open(file, text)
    try:
        (problem,) = session.diagnostics(file, version=1, after=seen)
    finally:
        session.close(file)
    assert problem.code == ("RC115" if odd in "\x85\u2028\u2029" else "RC101")
    assert problem.range.start == types.Position(line=7, character=20)


@pytest.mark.parametrize("ending", BREAKS, ids=["LF", "CRLF", "CR"])
def test_a_schema_problem_is_on_its_line_whatever_the_breaks(
    session: Session, pack: Path, ending: str
) -> None:
    """A file that reads, its lines ended in any style, has its problems on their lines."""
    file = pack / "section-3.yaml"
    text = (DATA / "section-3.yaml").read_text(encoding="utf-8")
    text = _ended(text.replace("    number: 3\n", "    number: three\n", 1), ending)
    seen = session.count(file)
    session.open(file, text)
    try:
        problems = session.diagnostics(file, version=1, after=seen)
    finally:
        session.close(file)
    assert [(p.code, p.range.start) for p in problems] == [
        ("RC203", types.Position(line=6, character=12))
    ]


def test_columns_are_utf16_whatever_the_editor_offers(folder: Path) -> None:
    """An editor offering UTF-8 columns first is told columns are UTF-16, as they are counted."""
    capabilities = full_capabilities()
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
    )
    file = folder / "columns.yaml"
    with Session(folder, capabilities) as started:
        assert started.capabilities.position_encoding == types.PositionEncodingKind.Utf16
        started.open(file, "title:   \u2019\U0001f600")
        edits = _format(started, file)
    assert edits is not None
    assert edits[0].range.end == types.Position(line=0, character=12)


def test_no_fix_is_offered_in_a_flow_mapping_after_wide_characters() -> None:
    """A problem marked at a '{' after a character of two UTF-16 units is offered no edit."""
    line = "'\U0001f600': {titel: x}"
    start = types.Position(line=0, character=6)  # the '{', in UTF-16 units
    problem = types.Diagnostic(
        range=types.Range(start=start, end=types.Position(line=0, character=17)),
        message="'titel' is not allowed here; did you mean 'title'?",
        source="rcpack",
        data={"fix": {"action": "Change to '{}'", "replacements": ["title"], "key": None}},
    )
    assert code_actions("file:///a.yaml", [problem], [line]) == []
    moved = types.Position(line=0, character=7)  # the key after it: the fix is offered
    problem.range = types.Range(start=moved, end=types.Position(line=0, character=12))
    assert [a.title for a in code_actions("file:///a.yaml", [problem], [line])] == [
        "Change to 'title'"
    ]


@pytest.mark.parametrize("ending", BREAKS, ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize(
    ("new", "problem"),
    [
        (
            "    published:2019-05-22\n",
            (8, 4, "a colon needs a space after it: write 'published: 2019-05-22'"),
        ),
        (
            "\tpublished: 2019-05-22\n",
            (8, 0, "a tab is used for indenting; indent with spaces, not tabs"),
        ),
    ],
)
def test_a_syntax_problem_reads_alike_whatever_the_breaks(
    session: Session, pack: Path, ending: str, new: str, problem: tuple[int, int, str]
) -> None:
    """A YAML slip on line 9 is explained the same way, in a file of any line endings."""
    file = pack / "section-3.yaml"
    text = (DATA / "section-3.yaml").read_text(encoding="utf-8")
    text = _ended(text.replace("    published: 2019-05-22\n", new), ending)
    seen = session.count(file)
    session.open(file, text)
    try:
        problems = session.diagnostics(file, version=1, after=seen)
    finally:
        session.close(file)
    assert [(p.range.start.line, p.range.start.character, p.message) for p in problems] == [
        problem
    ]


@given(_texts(), st.integers(0, 14), st.integers(0, 30))
def test_positions_are_read_as_the_editor_means_them(text: str, line: int, character: int) -> None:
    """The server's reading of a position is the editor's, past a line's end or the last line."""
    where = types.Position(line=line, character=character)
    if _inside_surrogates(text, where):
        return
    assert offset_at(text, where) == _offset(text, where)


def _inside_surrogates(text: str, where: types.Position) -> bool:
    """Whether ``where`` falls between the two UTF-16 units of one character."""
    starts = _line_starts(text)
    if where.line >= len(starts):
        return False
    line = text[starts[where.line] : _line_end(text, starts[where.line])]
    return (
        where.character < _units(line)
        and _units(line[: _offset_in(line, where.character)]) != where.character
    )


def _offset_in(line: str, units: int) -> int:
    return next((i for i in range(len(line) + 1) if _units(line[:i]) >= units), len(line))

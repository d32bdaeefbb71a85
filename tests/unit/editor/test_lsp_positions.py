"""rcpack lsp's positions at their edges: columns after an astral character, a range's first line.

An astral character (an emoji) is one character but two UTF-16 units: every column the
server reads or sends after one on its line counts it twice. A range's first line is in it.
"""

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from lsp_client import Session
from lsprotocol import types
from paths import DATA
from small_packs import BASE

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

#: A module written on one line, its title an emoji: what follows it is one unit further on.
_MODULE = """\
      - id: m2
        number: 2
        title: Complex trauma
        films: [film-6]
        allowance: 23 minutes
        exercise: ex
"""
_ON_ONE_LINE = (
    '      - {id: m2, number: 2, title: "\U0001f600", allowance: 23 minutes, exercise: ex,'
    " films: [film-6]}\n"
)
#: Where film-6 starts on that line (its 14th), in UTF-16 units: 85 characters, one astral.
_FILM = types.Position(line=13, character=86)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled pack in pack/; the one-file packs go in folders of their own beside it."""
    top = tmp_path_factory.mktemp("positions")
    shutil.copytree(DATA, top / "pack")
    return top


@pytest.fixture(scope="module")
def session(folder: Path) -> Iterator[Session]:
    """One server for the module, the bundled pack's section open."""
    with Session(folder) as started:
        started.open(folder / "pack" / "section-3.yaml")
        started.diagnostics(folder / "pack" / "section-3.yaml", version=1)
        yield started


def _emoji_pack(session: Session, folder: Path, film: str) -> Path:
    """The one-file pack with its module on one line, naming ``film``, open and checked."""
    file = folder / film / "emoji.yaml"
    if file.as_uri() not in session.texts:
        file.parent.mkdir()
        text = BASE.replace(_MODULE, _ON_ONE_LINE.replace("film-6", film))
        assert text != BASE
        session.open(file, text)
        session.diagnostics(file, version=1)
    return file


def test_a_problem_after_an_astral_character_is_marked_in_utf16_units(
    session: Session, folder: Path
) -> None:
    """film-66, after an emoji on its line, is marked from unit 86 to 93 (characters 85-92)."""
    file = _emoji_pack(session, folder, "film-66")
    (problem,) = session.latest(file)
    assert problem.code == "RC402"
    assert problem.range == types.Range(
        start=_FILM, end=types.Position(line=13, character=_FILM.character + len("film-66"))
    )


def test_a_problem_at_a_flow_mappings_end_marks_its_value_alone(
    session: Session, folder: Path
) -> None:
    """'ex9', the last value of a mapping on one line, is marked without the '}' after it."""
    file = folder / "flow-mapping" / "emoji.yaml"
    file.parent.mkdir()
    line = _ON_ONE_LINE.replace(" exercise: ex,", "").replace(
        "film-6]}", "film-6], exercise: ex9}"
    )
    session.open(file, BASE.replace(_MODULE, line))
    (problem,) = session.diagnostics(file, version=1)
    assert problem.message == "no exercise has the id 'ex9'; did you mean 'ex'?"
    start = types.Position(line=13, character=91)  # 90 characters, one astral
    assert problem.range == types.Range(start=start, end=types.Position(line=13, character=94))


def _hover(session: Session, file: Path, where: types.Position) -> types.Hover | None:
    params = types.HoverParams(text_document=session.document(file), position=where)
    found: types.Hover | None = session.run(session.client.text_document_hover_async(params))
    return found


def test_a_hover_after_an_astral_character_reads_and_marks_utf16_units(
    session: Session, folder: Path
) -> None:
    """The cursor at unit 86 is on film-6 (unit 85 is on the '['), and the hover marks film-6."""
    file = _emoji_pack(session, folder, "film-6")
    found = _hover(session, file, _FILM)
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    assert found.contents.value.startswith("**Film 6**")
    assert found.range == types.Range(
        start=_FILM, end=types.Position(line=13, character=_FILM.character + len("film-6"))
    )
    before = _hover(session, file, types.Position(line=13, character=_FILM.character - 1))
    assert before is not None
    assert isinstance(before.contents, types.MarkupContent)
    assert before.contents.value.startswith("**films**")


def test_references_after_an_astral_character_are_in_utf16_units(
    session: Session, folder: Path
) -> None:
    """Each place film-6 is referred to: after the emoji, and in module m3's films to rewatch."""
    file = _emoji_pack(session, folder, "film-6")
    params = types.ReferenceParams(
        text_document=session.document(file),
        position=_FILM,
        context=types.ReferenceContext(include_declaration=False),
    )
    found = session.run(session.client.text_document_references_async(params)) or []
    assert [(place.range.start, place.range.end.character) for place in found] == [
        (_FILM, _FILM.character + len("film-6")),
        (types.Position(line=20, character=20), 26),
    ]


def _hints(session: Session, folder: Path, start: int, end: int) -> list[int]:
    """The lines (from 0) of the inlay hints given for lines ``start`` to ``end`` (from 0).

    Each hint is at its line's end: every module's id line is 30 characters long.
    """
    params = types.InlayHintParams(
        text_document=session.document(folder / "pack" / "section-3.yaml"),
        range=types.Range(
            start=types.Position(line=start, character=0),
            end=types.Position(line=end, character=0),
        ),
    )
    found = session.run(session.client.text_document_inlay_hint_async(params)) or []
    assert all(hint.position.character == 30 for hint in found)  # each id line's end
    return [hint.position.line for hint in found]


@pytest.mark.parametrize(
    ("start", "end", "lines"),
    [
        (53, 60, [53]),  # starting on module 2's id line
        (54, 80, [74]),  # starting just after it
        (52, 53, [53]),  # ending on it
        (30, 30, [30]),  # empty, on module 1's id line
        (31, 31, []),  # empty, just after it
        (0, 400, [30, 53, 74]),
    ],
)
def test_inlay_hints_cover_a_range_from_its_first_line_to_its_last(
    session: Session, folder: Path, start: int, end: int, lines: list[int]
) -> None:
    """Modules' ids are on lines 30, 53 and 74 (from 0): a range holds those from its first."""
    assert _hints(session, folder, start, end) == lines


def test_a_fix_is_offered_at_a_cursor(session: Session, folder: Path) -> None:
    """An empty selection (a cursor) inside a problem is offered the problem's fix."""
    file = _emoji_pack(session, folder, "film-66")
    (problem,) = session.latest(file)
    cursor = types.Position(line=13, character=_FILM.character + 2)
    params = types.CodeActionParams(
        text_document=session.document(file),
        range=types.Range(start=cursor, end=cursor),
        context=types.CodeActionContext(diagnostics=[problem]),
    )
    found = session.run(session.client.text_document_code_action_async(params)) or []
    assert [
        (action.title, edit.range, edit.new_text)
        for action in found
        if isinstance(action, types.CodeAction) and action.edit and action.edit.changes
        for edit in action.edit.changes[file.as_uri()]
    ] == [("Change to 'film-6'", problem.range, "film-6")]


_MEDIA = """\
    media:
      - id: film-6
        kind: film
        number: 6
        running_time: 22 minutes 31 seconds
        allowance: 23 minutes
      - id: film-7
        kind: film
        number: 7
"""
_MEDIA_ON_ONE_LINE = (
    "    media: [{id: film-6, kind: film, number: 6, running_time: 22 minutes 31 seconds,"
    " allowance: 23 minutes}, {id: film-7, kind: film, number: 7}]\n"
)


def _symbols(found: Sequence[types.DocumentSymbol]) -> dict[str, types.Range]:
    """Every symbol's range by name, however deep."""
    ranges = {}
    for symbol in found:
        ranges[symbol.name] = symbol.range
        ranges.update(_symbols(symbol.children or []))
    return ranges


def test_items_on_one_line_each_span_from_where_they_start(session: Session, folder: Path) -> None:
    """Two films in a flow list on one line: each symbol's range ends at that line's end."""
    file = folder / "flow-media" / "pack.yaml"
    file.parent.mkdir()
    text = BASE.replace(_MEDIA, _MEDIA_ON_ONE_LINE)
    assert text != BASE
    session.open(file, text)
    session.diagnostics(file, version=1)
    params = types.DocumentSymbolParams(text_document=session.document(file))
    found = session.run(session.client.text_document_document_symbol_async(params)) or []
    ranges = _symbols([s for s in found if isinstance(s, types.DocumentSymbol)])
    end = types.Position(line=27, character=len(_MEDIA_ON_ONE_LINE) - 1)
    assert (ranges["Film 6"].start, ranges["Film 6"].end) == (types.Position(27, 12), end)
    assert (ranges["Film 7"].start, ranges["Film 7"].end) == (types.Position(27, 109), end)

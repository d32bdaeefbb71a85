"""rcpack lsp keeps what requests ask for again and again: every answer follows each edit.

The outline is kept while the file's text is the same; a pack's index is made again only
for the parts of a file read again. Each answer is about the text as the editor has it now,
asked at once after an edit, before its check has run: never the places of the text before.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsp_client import Session, serving
from lsprotocol import types
from paths import DATA

#: Each test starts ``rcpack lsp`` and talks to it over stdio: slow.
pytestmark = pytest.mark.slow

SECTION = (DATA / "section-3.yaml").read_text(encoding="utf-8")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """``rcpack lsp`` of its own, with a copy of the bundled pack's section 3 open and checked."""
    shutil.copytree(DATA, tmp_path / "pack")
    with serving(tmp_path / "pack", ["section-3.yaml"]) as started:
        yield started


def _outline(session: Session, file: Path) -> list[tuple[str, int, int]]:
    """Each symbol's name, first line and last line, depth first."""
    params = types.DocumentSymbolParams(text_document=session.document(file))
    found = session.run(session.client.text_document_document_symbol_async(params))
    assert isinstance(found, list)
    names: list[tuple[str, int, int]] = []
    pending = list(reversed(found))
    while pending:
        symbol = pending.pop()
        assert isinstance(symbol, types.DocumentSymbol)
        names.append((symbol.name, symbol.range.start.line, symbol.range.end.line))
        pending.extend(reversed(symbol.children or []))
    return names


def test_the_outline_follows_each_edit_and_is_the_same_when_asked_again(
    session: Session, tmp_path: Path
) -> None:
    """Asked twice, the same; after lines are added and a title changed, the file's now."""
    file = tmp_path / "pack" / "section-3.yaml"
    first = _outline(session, file)
    assert _outline(session, file) == first
    assert len(first) > 10
    head, rest = SECTION.split("\n", 1)
    session.change(file, f"{head}\n# a note\n# and another\n{rest}")
    moved = _outline(session, file)
    assert moved == [(name, start + 2, end + 2) for name, start, end in first]
    retitled = SECTION.replace(
        "Reconceptualising non-engagement (complex trauma)", "Complex trauma, again", 1
    )
    session.change(file, retitled)
    names = [name for name, _, _ in _outline(session, file)]
    assert "Module 2: Complex trauma, again" in names
    session.change(file, SECTION)
    assert _outline(session, file) == first


def test_a_definition_asked_at_once_after_an_edit_is_of_the_text_now(
    session: Session, tmp_path: Path
) -> None:
    """Lines added above a reference and its film: its definition is where the film is now."""
    file = tmp_path / "pack" / "section-3.yaml"
    document = session.document(file)
    head, rest = SECTION.split("\n", 1)
    for above, between in ((["one"], []), (["one", "two"], ["three"]), ([], ["four", "five"])):
        notes = "".join(f"      # {word}\n" for word in between)
        rest_now = rest.replace("      - id: film-2\n", f"{notes}      - id: film-2\n", 1)
        text = "\n".join([head, *(f"# {word}" for word in above), rest_now])
        session.change(file, text)  # asked at once: its check has not run
        lines = text.split("\n")
        reference = lines.index("          - film-2")
        params = types.DefinitionParams(
            text_document=document, position=types.Position(line=reference, character=13)
        )
        found = session.run(session.client.text_document_definition_async(params))
        assert isinstance(found, types.Location)
        given = lines.index("      - id: film-2")
        assert found.range.start == types.Position(line=given, character=12)


def test_completion_offers_an_id_given_by_the_edit_just_made(
    session: Session, tmp_path: Path
) -> None:
    """A film added to the file is offered at once where a module lists its films."""
    file = tmp_path / "pack" / "section-3.yaml"
    text = SECTION.replace(
        "      - id: film-2\n",
        "      - id: film-99\n        kind: film\n        title: New\n      - id: film-2\n",
        1,
    )
    session.change(file, text)
    line = text.split("\n").index("          - film-5") + 1
    text = text.replace("          - film-5\n", "          - film-5\n          - \n", 1)
    session.change(file, text)
    params = types.CompletionParams(
        text_document=session.document(file), position=types.Position(line=line, character=12)
    )
    found = session.run(session.client.text_document_completion_async(params))
    assert found is not None
    items = found.items if isinstance(found, types.CompletionList) else found
    assert "film-99" in [item.label for item in items]

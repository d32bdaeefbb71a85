"""The language server and session files: located problems as diagnostics, as for the pack."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsp_client import Session as Editor
from lsprotocol import types
from paths import DATA
from session_cases import SESSION, SESSION_CASES

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with a copy of the bundled pack in content/; each test adds its session."""
    root = tmp_path_factory.mktemp("sessions")
    shutil.copytree(DATA, root / "content")
    return root


@pytest.fixture(scope="module")
def editor(folder: Path) -> Iterator[Editor]:
    """One ``rcpack lsp`` on the workspace for the module's tests, each on a file of its own."""
    with Editor(folder) as started:
        yield started


@pytest.fixture
def file(folder: Path, request: pytest.FixtureRequest) -> Path:
    """The test's own session file, not yet written."""
    return folder / f"{request.node.name}.yaml"


def test_a_session_file_gets_its_problems_as_diagnostics(editor: Editor, file: Path) -> None:
    """A session's mistakes are published on it as it is typed; fixed, they go."""
    file.write_text(SESSION, encoding="utf-8")
    text, expected = SESSION_CASES["RC504 item not in the pack"]
    editor.open(file)
    assert editor.diagnostics(file, version=1) == []
    version = editor.change(file, text)
    found = editor.diagnostics(file, version=version)
    assert [(d.range.start.line + 1, d.range.start.character + 1) for d in found] == [(6, 7)]
    assert [f"{d.code} {d.message}" for d in found] == [expected[0].split(": ", 1)[1]]
    version = editor.change(file, SESSION)
    assert editor.diagnostics(file, version=version) == []


def test_hover_on_a_session_key_gives_the_session_schemas_words(
    editor: Editor, file: Path
) -> None:
    """Hovering 'breaks' in a session file says what the session schema says of it."""
    file.write_text(SESSION, encoding="utf-8")
    editor.open(file)
    editor.diagnostics(file, version=1)
    line = SESSION.splitlines().index("  breaks:") + 1
    params = types.HoverParams(
        text_document=editor.document(file),
        position=types.Position(line=line - 1, character=3),
    )
    found = editor.run(editor.client.text_document_hover_async(params))
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    assert found.contents.value == (
        "**breaks**\n\n"
        "Breaks at times of day, each of its own length, e.g. a 45-minute lunch at 12:00."
    )


def test_keys_of_a_comfort_break_are_completed(editor: Editor, file: Path) -> None:
    """A new key under 'comfort_breaks' is offered the keys the session schema allows there."""
    file.write_text(SESSION, encoding="utf-8")
    text = SESSION.replace("    length: 10 minutes\n", "    length: 10 minutes\n    a\n", 1)
    editor.open(file)
    editor.diagnostics(file, version=1)
    version = editor.change(file, text)
    editor.diagnostics(file, version=version)
    line = text.splitlines().index("    a")
    params = types.CompletionParams(
        text_document=editor.document(file),
        position=types.Position(line=line, character=5),
    )
    found = editor.run(editor.client.text_document_completion_async(params))
    items = found.items if isinstance(found, types.CompletionList) else found or []
    assert [item.label for item in items] == ["after_each_exercise"]


def test_a_session_the_planner_refuses_gets_a_diagnostic(editor: Editor, file: Path) -> None:
    """A session with no other problem that cannot be planned is RC507 in the editor too."""
    text, expected = SESSION_CASES["RC507 break at a slot's start"]
    file.write_text(text, encoding="utf-8")
    editor.open(file)
    found = editor.diagnostics(file, version=1)
    assert [(d.range.start.line + 1, d.range.start.character + 1) for d in found] == [(12, 3)]
    assert [f"{d.code} {d.message}" for d in found] == [expected[0].split(": ", 1)[1]]


def test_a_session_file_with_a_byte_order_mark_gets_its_problems(
    editor: Editor, file: Path
) -> None:
    """A BOM before 'session:' (no schema line) is still a session file: RC108 and its own."""
    text, expected = SESSION_CASES["RC108 byte-order mark before 'session:'"]
    file.write_text(text, encoding="utf-8")
    editor.open(file)
    found = editor.diagnostics(file, version=1)
    assert [f"{d.code} {d.message}" for d in found] == [e.split(": ", 1)[1] for e in expected]

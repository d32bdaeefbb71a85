"""rcpack lsp on packs it cannot check from disk alone: unsaved files, pipes, sockets, loops."""

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsp_client import Session
from lsprotocol import types
from paths import DATA

from recurrent_care_pack._content.loading import check_paths
from recurrent_care_pack._editor.workspace import Workspace, read_saved

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

#: A new file of the pack: one person, whose organisation is misspelt.
NEW = """\
people:
  - id: jo-bloggs
    name: Jo Bloggs
    organisation: research-in-practise
  - id: ann-other
    name: Ann Other
    organisation: research-in-practice
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the bundled pack."""
    shutil.copytree(DATA, tmp_path / "pack")
    return tmp_path / "pack"


@pytest.fixture
def session(pack: Path) -> Iterator[Session]:
    """``rcpack lsp`` on the copy."""
    with Session(pack) as started:
        yield started


def _shown(diagnostics: list[types.Diagnostic]) -> list[tuple[int, int, str, str]]:
    return [
        (d.range.start.line, d.range.start.character, str(d.code), d.message) for d in diagnostics
    ]


def test_an_unsaved_file_is_checked_as_part_of_its_pack(
    session: Session, pack: Path, tmp_path: Path
) -> None:
    """A file open but never saved gets the problems it would have saved; closed, they go."""
    new = pack / "people" / "new.yaml"
    (pack / "people").mkdir()
    session.open(new, NEW)
    problems = _shown(session.diagnostics(new, version=1))
    saved = tmp_path / "saved"
    shutil.copytree(pack, saved)
    (saved / "people" / "new.yaml").write_text(NEW, encoding="utf-8")
    expected = check_paths([saved]).problems
    assert [(p.file.name, p.line, p.column, p.code) for p in expected] == [
        ("new.yaml", 4, 19, "RC402")
    ]
    assert problems == [(3, 18, "RC402", expected[0].message)]
    assert expected[0].message == (
        "no organisation has the id 'research-in-practise'; did you mean 'research-in-practice'?"
    )
    # Its references lead to the pack's saved files.
    params = types.DefinitionParams(
        text_document=session.document(new), position=types.Position(line=6, character=20)
    )
    found = session.run(session.client.text_document_definition_async(params))
    assert isinstance(found, types.Location)
    assert (Path(found.uri.removeprefix("file://")).name, found.range.start.line) == (
        "pack.yaml",
        _line_of(pack / "pack.yaml", "- id: research-in-practice"),
    )
    seen = session.count(new)
    session.close(new)
    assert session.diagnostics(new, after=seen) == []
    assert not new.exists()


def _line_of(file: Path, text: str) -> int:
    """The line (from 0) of ``file`` holding ``text``."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if text in line)


def _cannot(session: Session, pack: Path, name: str, reason: str) -> None:
    """Opening a file of ``pack`` shows that ``name`` in it cannot be read, and why."""
    file = pack / "section-3.yaml"
    session.open(file)
    message = (
        f"rcpack cannot check this pack: cannot read '{pack / name}': {reason}; make it a "
        "readable file, or move it out of the pack's folder"
    )
    assert _shown(session.diagnostics(file, version=1)) == [(0, 0, "None", message)]
    assert [m.message for m in session.messages] == [message]
    # The server goes on answering, and a second edit is not told again in a message.
    version = session.change(file, session.texts[file.as_uri()] + "\n")
    assert _shown(session.diagnostics(file, version=version)) == [(0, 0, "None", message)]
    assert [m.message for m in session.messages] == [message]


def test_a_pipe_in_a_pack_is_shown(session: Session, pack: Path) -> None:
    """A named pipe among the pack's files: its pack cannot be checked, and the editor says so."""
    os.mkfifo(pack / "pipe.yaml")
    _cannot(session, pack, "pipe.yaml", "it is not a file or folder (a pipe, socket or device)")
    (pack / "pipe.yaml").unlink()
    file = pack / "section-3.yaml"
    version = session.change(file, session.texts[file.as_uri()] + "\n")
    assert session.diagnostics(file, version=version) == []


def test_a_socket_in_a_pack_is_shown(session: Session, pack: Path) -> None:
    """A socket among the pack's files: its pack cannot be checked, and the editor says so."""
    here = Path.cwd()
    os.chdir(pack)  # a socket's path must be short
    try:
        with socket.socket(socket.AF_UNIX) as listening:
            listening.bind("socket.yaml")
            _cannot(
                session,
                pack,
                "socket.yaml",
                "it is not a file or folder (a pipe, socket or device)",
            )
    finally:
        os.chdir(here)


def test_a_pack_yaml_that_links_to_itself_is_shown(session: Session, pack: Path) -> None:
    """A pack.yaml that is a link leading back to itself: the editor says so."""
    (pack / "pack.yaml").unlink()
    (pack / "pack.yaml").symlink_to("pack.yaml")
    _cannot(session, pack, "pack.yaml", "too many levels of symbolic links")


def _at_once(work: object) -> object:
    """What ``work()`` gives, or raises, within two seconds; never blocking the test."""
    found: list[object] = []

    def run() -> None:
        try:
            found.append(work())  # type: ignore[operator]
        except OSError as error:
            found.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(2)
    assert found, "reading blocked"
    return found[0]


def test_reading_a_pipe_never_blocks(tmp_path: Path) -> None:
    """A pipe with no writer is refused at once, never waited on."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    error = _at_once(lambda: read_saved(pipe))
    assert isinstance(error, OSError)
    assert error.strerror == "it is not a file (a pipe, socket or device)"
    workspace = Workspace()
    assert _at_once(lambda: workspace.text(pipe)) is None
    assert _at_once(lambda: workspace.document(pipe)) is None

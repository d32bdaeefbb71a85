"""What the workspace keeps between requests (a pack's index, a file's lines and outline).

Kept only while what it was made from is the same: an edit is seen by the next request.
"""

from pathlib import Path

from recurrent_care_pack._editor.locating import spot
from recurrent_care_pack._editor.workspace import Workspace

PACK = "pack:\n  id: p\n  title: P\npeople:\n  - id: sam\n    name: Sam\n"


def _workspace(tmp_path: Path) -> tuple[Workspace, Path]:
    file = tmp_path / "pack.yaml"
    file.write_text(PACK, encoding="utf-8")
    workspace = Workspace()
    workspace.open(file, PACK)
    return workspace, file


def test_an_edit_is_in_the_next_index_and_an_unchanged_pack_keeps_its_own(tmp_path: Path) -> None:
    """Asked twice of the same text, the index is the one made first; after an edit, a new one."""
    workspace, file = _workspace(tmp_path)
    first = workspace.index(workspace.documents(file))
    assert list(first.named) == ["p", "sam"]
    assert workspace.index(workspace.documents(file)) is first
    workspace.open(file, PACK.replace("id: sam", "id: sam-b"))
    assert list(workspace.index(workspace.documents(file)).named) == ["p", "sam-b"]
    workspace.open(file, PACK)  # back as it was: the same text, read again
    assert list(workspace.index(workspace.documents(file)).named) == ["p", "sam"]


def test_an_edit_moves_what_the_cursor_is_on(tmp_path: Path) -> None:
    """The keys and values by line and the lines follow the buffer, not the first text read."""
    workspace, file = _workspace(tmp_path)

    def at(line: int, column: int) -> tuple[object, ...] | None:
        document = workspace.document(file)
        assert document is not None
        lines = workspace.lines(file)
        found = spot(document, lines, line, column)
        return None if found is None else found.path

    assert (at(4, 1), at(5, 11)) == (("people",), ("people", 0, "id"))
    assert workspace.lines(file) is workspace.lines(file)
    workspace.open(file, "\n" + PACK)  # every line one lower
    assert workspace.lines(file)[5] == "  - id: sam"
    assert (at(4, 1), at(5, 11), at(6, 11)) == (None, ("people",), ("people", 0, "id"))


def test_a_saved_file_is_read_again_each_time(tmp_path: Path) -> None:
    """A file not open is read from disk at each request: a save by another program is seen."""
    file = tmp_path / "pack.yaml"
    file.write_text(PACK, encoding="utf-8")
    workspace = Workspace()
    assert list(workspace.index(workspace.documents(file)).named) == ["p", "sam"]
    assert workspace.lines(file)[4] == "  - id: sam"
    file.write_text(PACK.replace("sam", "sasha"), encoding="utf-8")
    assert list(workspace.index(workspace.documents(file)).named) == ["p", "sasha"]
    assert workspace.lines(file)[4] == "  - id: sasha"


def test_what_a_buffer_is_follows_its_head(tmp_path: Path) -> None:
    """Content, a session file or neither, as the buffer's head says now, however long it is."""
    file = tmp_path / "notes.yaml"  # no pack.yaml beside it: its head alone tells
    workspace = Workspace()
    tail = "# " + "x" * 78 + "\n"
    long = tail * 4000  # 320 kB: past the head read to tell
    workspace.open(file, "other: 1\n" + long)
    assert (workspace.is_content(file), workspace.is_session(file)) == (False, False)
    workspace.open(file, "people: []\n" + long)
    assert (workspace.is_content(file), workspace.is_session(file)) == (True, False)
    workspace.open(file, "people: []\n" + long + "session: {}\n")  # past the head: the same
    assert workspace.is_content(file)
    workspace.open(file, "session:\n  pack: p\n" + long)
    assert (workspace.is_content(file), workspace.is_session(file)) == (True, True)
    workspace.open(file, "other: 1\n" + long)
    assert (workspace.is_content(file), workspace.is_session(file)) == (False, False)

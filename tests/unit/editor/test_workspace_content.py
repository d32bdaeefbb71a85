"""Which open buffers the editor checks: what `finding` says of the saved file, the same."""

from pathlib import Path

import pytest
from content_heads import HEADS

from recurrent_care_pack._content.finding import is_content_file, is_session_file
from recurrent_care_pack._editor.workspace import Workspace


@pytest.mark.parametrize("case", sorted(HEADS))
def test_a_buffer_is_checked_as_its_saved_file_would_be(tmp_path: Path, case: str) -> None:
    """Outside a pack folder, content and sessions are checked, by how they start, open or not."""
    text, kind = HEADS[case]
    saved, unsaved = tmp_path / "saved.yaml", tmp_path / "unsaved.yaml"
    saved.write_bytes(text.encode("utf-8"))
    workspace = Workspace()
    workspace.open(unsaved, text)
    assert (is_content_file(saved), is_session_file(saved)) == (
        kind == "content",
        kind == "session",
    )
    for file in (saved, unsaved):
        assert workspace.is_session(file) is (kind == "session")
        assert workspace.is_content(file) is (kind is not None)  # a session is checked too

"""fmt's stage: one file read, formatted, checked and written, and what fmt did with it."""

import os
from pathlib import Path

import pytest

from recurrent_care_pack._content.formatting import (
    FormatResult,
    Formatted,
    Outcome,
    format_file,
    format_path,
)

_MESSY = "pack:\n  title: T\n  id: p\n"
_TIDY = "pack:\n  id: p\n  title: T\n"


def _file(tmp_path: Path, content: str) -> Path:
    file = tmp_path / "pack.yaml"
    file.write_text(content, encoding="utf-8")
    return file


def test_a_file_in_canonical_layout_is_unchanged(tmp_path: Path) -> None:
    """A tidy file is said unchanged, with nothing else to say, and is not touched."""
    file = _file(tmp_path, _TIDY)
    assert format_path(file, check=False) == FormatResult(file=file, outcome=Outcome.UNCHANGED)
    assert format_path(file, check=True) == FormatResult(file=file, outcome=Outcome.UNCHANGED)
    assert file.read_text(encoding="utf-8") == _TIDY


def test_a_file_is_rewritten_in_its_canonical_layout(tmp_path: Path) -> None:
    """Without --check a messy file is changed in place, and no diff is made."""
    file = _file(tmp_path, _MESSY)
    assert format_path(file, check=False) == FormatResult(file=file, outcome=Outcome.CHANGED)
    assert file.read_text(encoding="utf-8") == _TIDY


def test_check_gives_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    """With --check a messy file is changed only in the result: its diff, the file as it was."""
    file = _file(tmp_path, _MESSY)
    result = format_path(file, check=True)
    assert result.outcome is Outcome.CHANGED
    assert result.diff == (
        f"--- {file} (now)\n+++ {file} (formatted)\n@@ -1,3 +1,3 @@\n pack:\n"
        "-  title: T\n   id: p\n+  title: T\n"
    )
    assert (result.problems, result.reason, result.error) == ((), None, None)
    assert file.read_text(encoding="utf-8") == _MESSY


def test_a_diff_names_the_file_on_one_line(tmp_path: Path) -> None:
    """A line break in the file's name is written as an escape in the diff's header."""
    file = tmp_path / "pack\n.yaml"
    file.write_text(_MESSY, encoding="utf-8")
    diff = format_path(file, check=True).diff
    assert diff is not None
    assert diff.startswith(f"--- {tmp_path}/pack\\n.yaml (now)\n")


def test_a_file_that_does_not_read_cleanly_is_refused_with_its_problems(tmp_path: Path) -> None:
    """A duplicate key leaves the file as it is; the problems and the reason say why."""
    file = _file(tmp_path, "pack:\n  id: p\n  id: q\n")
    result = format_path(file, check=False)
    assert result.outcome is Outcome.REFUSED
    assert [str(problem) for problem in result.problems] == [
        f"{file}:3:3: RC103 'id' appears twice in this mapping (first on line 2); keep one of them"
    ]
    assert result.reason == "it must read cleanly to be formatted"
    assert file.read_text(encoding="utf-8") == "pack:\n  id: p\n  id: q\n"


def test_a_layout_that_cannot_be_kept_is_refused_as_unsafe(tmp_path: Path) -> None:
    """A layout fmt cannot make safely is refused (RC120) at its place, the file kept."""
    content = "pack:\n  id: p\n  " + "k" * 1023 + ": 1\n"
    file = _file(tmp_path, content)
    result = format_path(file, check=True)
    assert result.outcome is Outcome.REFUSED
    assert [(p.code, p.line, p.column) for p in result.problems] == [("RC120", 3, 3)]
    assert result.reason == "its layout cannot be rewritten safely"
    assert result.diff is None
    assert file.read_text(encoding="utf-8") == content


def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    """A named pipe is said unread (reading it would never end), with why."""
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    assert format_path(fifo, check=False) == FormatResult(
        file=fifo, outcome=Outcome.UNREAD, error="it is not a file (a pipe, socket or device)"
    )


def test_a_file_gone_is_not_read(tmp_path: Path) -> None:
    """A file that is not there (a link to nothing) is said unread, in the system's words."""
    link = tmp_path / "pack.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    assert format_path(link, check=False) == FormatResult(
        file=link, outcome=Outcome.UNREAD, error="No such file or directory"
    )


def test_a_file_that_cannot_be_written_failed(tmp_path: Path) -> None:
    """A read-only file that would change is not written, and the result says why."""
    file = _file(tmp_path, _MESSY)
    file.chmod(0o444)
    assert format_path(file, check=False) == FormatResult(
        file=file,
        outcome=Outcome.FAILED,
        error=f"cannot write '{file}': it is read-only; make it writable first "
        f"(chmod u+w '{file}') if it should change",
    )
    assert format_path(file, check=True).outcome is Outcome.CHANGED  # --check writes nothing
    assert file.read_text(encoding="utf-8") == _MESSY


def test_a_file_edited_while_it_was_formatted_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit saved after fmt read the file is kept: the file is refused, to run fmt again."""
    file = _file(tmp_path, _MESSY)

    def then_edited(path: Path) -> Formatted:
        result = format_file(path)
        path.write_text(_MESSY + "# edited\n", encoding="utf-8")
        return result

    monkeypatch.setattr("recurrent_care_pack._content.formatting.files.format_file", then_edited)
    assert format_path(file, check=False) == FormatResult(
        file=file,
        outcome=Outcome.REFUSED,
        reason="the file changed while it was being formatted; run rcpack fmt again",
    )
    assert file.read_text(encoding="utf-8") == _MESSY + "# edited\n"

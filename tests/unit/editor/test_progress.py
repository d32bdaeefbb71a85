"""Progress of a large pack's check: which packs are large, and what the end says."""

from pathlib import Path
from typing import Any

from lsprotocol import types

from recurrent_care_pack._editor.progress import LARGE, Progress, is_large


class _Reports:
    """Stands in for pygls's progress: what was ended, with what message."""

    def __init__(self) -> None:
        self.ended: list[tuple[str, str | None]] = []

    def end(self, token: str, value: types.WorkDoneProgressEnd) -> None:
        self.ended.append((token, value.message))


class _Server:
    def __init__(self) -> None:
        self.work_done_progress = _Reports()


def _ended(files: int | None, problems: int | None) -> list[tuple[str, str | None]]:
    server: Any = _Server()
    progress = Progress(server, "pack.yaml")
    progress.end(files, problems)  # never begun: nothing said
    progress.token = "t"  # noqa: S105 (a progress token, no secret)
    progress.end(files, problems)
    progress.end(files, problems)  # ended once only
    return list(server.work_done_progress.ended)


def test_the_end_says_how_many_files_and_problems() -> None:
    """Counted in words; a check that could not run says so."""
    assert _ended(1, 0) == [("t", "checked 1 file: no problems")]
    assert _ended(51, 1) == [("t", "checked 51 files: 1 problem")]
    assert _ended(2, 1298) == [("t", "checked 2 files: 1,298 problems")]
    assert _ended(None, None) == [("t", "could not check pack.yaml")]


def test_a_pack_is_large_by_its_texts_as_typed_and_its_saved_files(tmp_path: Path) -> None:
    """The open files' texts count as typed (in UTF-8 bytes), the others as saved."""
    saved, typed, gone = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    saved.write_bytes(b"x" * (LARGE // 2))
    assert not is_large([saved, gone], {})
    assert is_large([saved, typed], {typed: "\u00e9" * (LARGE // 4)})  # two bytes each
    assert not is_large([saved, typed], {typed: "\u00e9" * (LARGE // 4 - 1)})

"""Finding content: what git tracks (pre-commit's view), pipes refused, a hidden file named."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from recurrent_care_pack._content.finding import Found, find_files, find_packs


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A pack folder in a git repository: pack.yaml and a.yaml tracked, b.yaml not."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name in ("pack.yaml", "a.yaml", "b.yaml"):
        (tmp_path / name).write_text("sections: []\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "pack.yaml", "a.yaml"], check=True)
    return tmp_path


def test_content_only_keeps_what_git_tracks(repository: Path) -> None:
    """With content_only (pre-commit's run), an untracked file of the pack is left out."""
    assert find_packs([repository / "pack.yaml"], content_only=True) == [
        Found(repository, (repository / "a.yaml", repository / "pack.yaml"))
    ]


def test_content_only_keeps_a_file_named_though_untracked(repository: Path) -> None:
    """A file named on the command line counts, tracked or not."""
    found = find_packs([repository / "pack.yaml", repository / "b.yaml"], content_only=True)
    assert found == [
        Found(repository, (repository / "a.yaml", repository / "b.yaml", repository / "pack.yaml"))
    ]


def test_without_content_only_every_file_counts(repository: Path) -> None:
    """A plain run reads the untracked file too."""
    files = (repository / "a.yaml", repository / "b.yaml", repository / "pack.yaml")
    assert find_packs([repository / "pack.yaml"]) == [Found(repository, files)]


def test_a_pipe_is_refused_unless_lenient(tmp_path: Path) -> None:
    """A pipe named as content is refused by default; fmt's lenient search lists it."""
    pipe = tmp_path / "a.yaml"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match=r"it is not a file or folder \(a pipe, socket or device\)"):
        find_files([pipe])
    assert find_files([pipe], lenient=True) == [pipe]


def test_a_hidden_file_named_alone_is_its_own_pack(tmp_path: Path) -> None:
    """A hidden file, which no search finds, is read when named."""
    hidden = tmp_path / ".draft.yaml"
    hidden.write_text("sections: []\n", encoding="utf-8")
    assert find_packs([hidden]) == [Found(tmp_path, (hidden,))]

"""The files package seen whole: its names, the package's own folder, another program's files."""

import subprocess
from pathlib import Path

import pytest

import recurrent_care_pack
from recurrent_care_pack import _files
from recurrent_care_pack._files import (
    FileChangedError,
    WriteError,
    create_file,
    installed_folders,
    replace_file,
)

PACKAGE = Path(recurrent_care_pack.__file__).resolve().parent


def test_every_name_callers_use_is_importable_from_files() -> None:
    """What ``_files`` was as one module it still gives, from its own name."""
    assert set(_files.__all__) == {
        "FileChangedError",
        "WriteError",
        "append_file",
        "create_file",
        "file_named",
        "installed_folders",
        "refuse_installed",
        "replace_file",
        "what_is",
    }
    assert all(hasattr(_files, name) for name in _files.__all__)


def test_the_package_folder_itself_is_installed_code() -> None:
    """The whole package is never written, not only the folder the files code sits in."""
    assert PACKAGE in installed_folders()
    target = PACKAGE / "no-such-folder" / "handout.md"
    for write in (lambda: replace_file(target, b"x"), lambda: create_file(target, b"x")):
        with pytest.raises(WriteError) as raised:
            write()
        assert raised.value.reason == (
            f"it is inside installed Python packages ({PACKAGE}), which rcpack never changes; "
            "copy the content into a folder of your own and work there"
        )
    assert not target.parent.exists()


def test_another_programs_open_file_is_a_file_like_any_other(tmp_path: Path) -> None:
    """``/proc/PID/fd/1`` of another program leads to its file, which is replaced whole."""
    log = tmp_path / "log.txt"
    with log.open("wb") as stream:
        other = subprocess.Popen(["sleep", "30"], stdout=stream)
    try:
        replace_file(Path(f"/proc/{other.pid}/fd/1"), b"new\n")
    finally:
        other.kill()
        other.wait()
    assert log.read_bytes() == b"new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]


def test_a_deleted_file_behind_another_programs_descriptor_is_not_replaced(
    tmp_path: Path,
) -> None:
    """Its name reads "log.txt (deleted)"; a file really called that is left as it was."""
    log = tmp_path / "log.txt"
    with log.open("wb") as stream:
        other = subprocess.Popen(["sleep", "30"], stdout=stream)
    log.unlink()
    namesake = tmp_path / "log.txt (deleted)"
    namesake.write_bytes(b"mine\n")
    name = Path(f"/proc/{other.pid}/fd/1")
    try:
        with pytest.raises(FileChangedError) as raised:
            replace_file(name, b"new\n")
    finally:
        other.kill()
        other.wait()
    assert str(raised.value) == f"'{name}' changed while it was being written; run again"
    assert namesake.read_bytes() == b"mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt (deleted)"]

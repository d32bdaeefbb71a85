"""The files package seen whole: its names, the package's own folder, another program's files."""

import errno
import os
import socket
import stat
import subprocess
import tempfile
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
    what_is,
)
from recurrent_care_pack._files.refusing import failed

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


def test_create_file_makes_a_new_file_once_with_the_mode_open_gives(tmp_path: Path) -> None:
    """A new name is made (True), readable as the umask allows; a second time changes nothing."""
    file = tmp_path / "new.yaml"
    mask = os.umask(0o022)
    try:
        assert create_file(file, b"first\n") is True
        assert create_file(file, b"second\n") is False
    finally:
        os.umask(mask)
    assert file.read_bytes() == b"first\n"
    assert stat.S_IMODE(file.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


def test_create_file_in_a_missing_folder_names_the_file_and_the_folder(tmp_path: Path) -> None:
    """A folder that is not there is said as such, for the file that was to be made."""
    file = tmp_path / "missing" / "new.yaml"
    with pytest.raises(WriteError) as raised:
        create_file(file, b"x")
    assert str(raised.value) == (
        f"cannot write '{file}': there is no folder '{tmp_path / 'missing'}'"
    )


def test_a_folder_given_to_replace_file_suggests_a_file_in_it(tmp_path: Path) -> None:
    """A folder is not written: the message names a file in it of the kind meant."""
    with pytest.raises(WriteError) as raised:
        replace_file(tmp_path, b"x", example="tips.md")
    assert str(raised.value) == (
        f"cannot write '{tmp_path}': it is a folder; name a file in it, such as "
        f"'{tmp_path / 'tips.md'}'"
    )


@pytest.mark.parametrize("folder", ["site-packages", "dist-packages"])
def test_any_folder_of_installed_packages_is_refused(tmp_path: Path, folder: str) -> None:
    """A folder named as pip's and Debian's installed packages are is never written in.

    Reached through a link, the name given is the one said.
    """
    installed = tmp_path / folder
    (installed / "package").mkdir(parents=True)
    (installed / "package" / "kept.md").write_bytes(b"kept\n")
    (tmp_path / "link").symlink_to(installed / "package")
    target = tmp_path / "link" / "handout.md"
    for write in (lambda: replace_file(target, b"x"), lambda: create_file(target, b"x")):
        with pytest.raises(WriteError) as raised:
            write()
        assert str(raised.value) == (
            f"cannot write '{target}': it is inside installed Python packages ({installed}), "
            "which rcpack never changes; copy the content into a folder of your own and work "
            "there"
        )
    assert create_file(installed / "package" / "kept.md", b"x") is False  # there: untouched
    assert [p.name for p in (installed / "package").iterdir()] == ["kept.md"]
    assert (installed / "package" / "kept.md").read_bytes() == b"kept\n"


def test_a_device_that_is_not_there_is_said_apart_from_a_fifo_without_reader(
    tmp_path: Path,
) -> None:
    """ENXIO on a device means no such device; on anything else, that nothing reads from it."""
    no_device = OSError(errno.ENXIO, os.strerror(errno.ENXIO))
    assert str(failed(Path("/dev/null"), no_device)) == (
        "cannot write '/dev/null': the device it names is not there (/dev/tty is not, when "
        "rcpack runs without a terminal); name a file to write instead"
    )
    gone = tmp_path / "gone"  # not there to look at any more: not a device
    assert str(failed(gone, no_device)) == (
        f"cannot write '{gone}': nothing is reading from it; start the program that reads "
        "it, then run again"
    )
    missing = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
    assert str(failed(gone, missing)) == (
        f"cannot write '{gone}': a folder on the way to it does not exist"
    )
    assert str(failed(gone, OSError("no reason given"))) == (
        f"cannot write '{gone}': no reason given"
    )


def test_a_file_or_a_loop_of_links_on_the_way_is_said_as_such(tmp_path: Path) -> None:
    """A file where a folder should be, and links that lead back to each other, are named."""
    (tmp_path / "plain").write_bytes(b"")
    (tmp_path / "loop").symlink_to("loop")
    messages = []
    for path in (tmp_path / "plain" / "handout.md", tmp_path / "loop"):
        with pytest.raises(WriteError) as raised:
            replace_file(path, b"x")
        messages.append(str(raised.value))
    assert messages == [
        f"cannot write '{tmp_path / 'plain' / 'handout.md'}': a part of the path that should "
        "be a folder is a file",
        f"cannot write '{tmp_path / 'loop'}': its symbolic links go round in a loop",
    ]


def test_create_file_makes_its_temporary_file_beside_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not in the system's temporary folder: the new file is linked into place from its own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-temporary-folder"))
    assert create_file(tmp_path / "new.yaml", b"x\n") is True
    assert (tmp_path / "new.yaml").read_bytes() == b"x\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.yaml"]


def test_create_file_leaves_a_name_that_appeared_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file made by someone else while the content was written is kept, and False said."""
    file = tmp_path / "new.yaml"
    linking = os.link

    def raced(source: Path, name: Path) -> None:
        file.write_bytes(b"theirs\n")
        linking(source, name)

    monkeypatch.setattr(os, "link", raced)
    assert create_file(file, b"mine\n") is False
    monkeypatch.undo()
    assert file.read_bytes() == b"theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.yaml"]


def test_create_file_where_hard_links_cannot_be_made_says_why_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system without hard links (FAT) refuses the last step: the system's reason."""

    def refused(source: Path, name: Path) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(source), None, str(name))

    monkeypatch.setattr(os, "link", refused)
    file = tmp_path / "new.yaml"
    with pytest.raises(WriteError) as raised:
        create_file(file, b"x\n")
    assert str(raised.value) == f"cannot write '{file}': {os.strerror(errno.EPERM)}"
    assert list(tmp_path.iterdir()) == []


def test_create_file_that_does_not_read_back_is_not_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the new file reads back differently, no file is made and no temporary one is left."""
    reading = Path.read_bytes

    def corrupted(path: Path) -> bytes:
        data = reading(path)
        return data[:-1] if path.name.endswith(".tmp") else data

    monkeypatch.setattr(Path, "read_bytes", corrupted)
    file = tmp_path / "new.yaml"
    with pytest.raises(WriteError) as raised:
        create_file(file, b"x\n")
    assert str(raised.value) == (
        f"cannot write '{file}': what was written reads back differently; the disk may be failing"
    )
    assert list(tmp_path.iterdir()) == []


def test_what_is_names_each_kind_of_thing_at_a_path(tmp_path: Path) -> None:
    """A file, a folder, a FIFO, a device, a socket and nothing are each said in words."""
    (tmp_path / "file").write_bytes(b"")
    os.mkfifo(tmp_path / "fifo")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "socket"))
        assert [
            what_is(path)
            for path in (
                tmp_path / "file",
                tmp_path,
                tmp_path / "fifo",
                Path("/dev/null"),
                tmp_path / "socket",
                tmp_path / "none",
            )
        ] == ["a file", "a folder", "a FIFO", "a device", "a socket", "nothing"]
    too_long = os.strerror(errno.ENAMETOOLONG)
    assert what_is(tmp_path / ("x" * 300)) == f"something that cannot be looked at ({too_long})"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root (as CI runs the tests)")
def test_what_is_names_a_disk_device(tmp_path: Path) -> None:
    """A block device is a disk device, not a device nor a socket."""
    disk = tmp_path / "disk"
    os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    assert what_is(disk) == "a disk device"


def test_a_hard_linked_file_named_relatively_is_advised_by_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not through a link, the copy advised is of the name given, as it was given."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tips.md").write_bytes(b"old\n")
    (tmp_path / "other.md").hardlink_to(tmp_path / "tips.md")
    with pytest.raises(WriteError) as raised:
        replace_file(Path("tips.md"), b"new\n")
    assert str(raised.value) == (
        "cannot write 'tips.md': it has 2 hard links, and replacing it would split them; give "
        "it a copy of its own first (cp 'tips.md' 'tips.md.new' && mv 'tips.md.new' "
        "'tips.md'), then run again"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root (as CI runs the tests)")
@pytest.mark.parametrize("mode", [0o444, 0o555])
def test_a_read_only_file_is_not_replaced_by_root(tmp_path: Path, mode: int) -> None:
    """Root may write anything, so the mode is asked: no write bit, read-only, executable or not."""
    file = tmp_path / "tips.md"
    file.write_bytes(b"old\n")
    file.chmod(mode)
    with pytest.raises(WriteError) as raised:
        replace_file(file, b"new\n")
    assert str(raised.value) == (
        f"cannot write '{file}': it is read-only; make it writable first (chmod u+w '{file}') "
        "if it should change"
    )
    assert file.read_bytes() == b"old\n"


def test_our_own_descriptor_is_written_where_it_stands_unless_a_file_is_expected(
    tmp_path: Path,
) -> None:
    """Our ``/dev/fd/N`` opened to append gets the content at its end; fmt's is replaced whole."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"before\n")
    inode = log.stat().st_ino
    descriptor = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        replace_file(Path(f"/dev/fd/{descriptor}"), b"handout\n")
        assert (log.read_bytes(), log.stat().st_ino) == (b"before\nhandout\n", inode)
        replace_file(Path(f"/dev/fd/{descriptor}"), b"new\n", expected=b"before\nhandout\n")
    finally:
        os.close(descriptor)
    assert log.read_bytes() == b"new\n"
    assert log.stat().st_ino != inode
    assert [p.name for p in tmp_path.iterdir()] == ["log.txt"]


def test_a_virtual_environment_is_installed_code(tmp_path: Path) -> None:
    """A folder holding a ``pyvenv.cfg`` (a virtual environment) is never written in."""
    venv = tmp_path / "venv"
    (venv / "lib").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    target = venv / "lib" / "handout.md"
    with pytest.raises(WriteError) as raised:
        replace_file(target, b"x")
    assert str(raised.value) == (
        f"cannot write '{target}': it is inside installed Python packages ({venv}), which "
        "rcpack never changes; copy the content into a folder of your own and work there"
    )
    assert list((venv / "lib").iterdir()) == []


def test_a_file_to_be_reformatted_that_became_a_fifo_is_said_changed(tmp_path: Path) -> None:
    """A file read to be reformatted that is a FIFO when it would be written is not written."""
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FileChangedError) as raised:
        replace_file(fifo, b"new\n", expected=b"old\n")
    assert str(raised.value) == f"'{fifo}' is no longer a file"
    assert stat.S_ISFIFO(fifo.stat().st_mode)

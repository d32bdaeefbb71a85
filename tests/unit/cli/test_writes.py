"""Writes that never destroy: ``rcpack fmt``, ``rcpack handout -o`` and ``rcp.write_handout``.

Real files, links, FIFOs, devices and small file systems; the tests run as root, as CI
does, so that owners can be given away and file systems mounted.
"""

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import AS_ANOTHER_USER, AS_ROOT, ROOT

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.formatting import format_file, format_text
from recurrent_care_pack._files import FileChangedError, WriteError, replace_file

MESSY = (ROOT / "tests" / "formatting" / "messy.yaml.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


@pytest.fixture(scope="module")
def tips(pack: rcp.Pack) -> bytes:
    """The tips cards in Markdown, as ``rcpack handout tips`` writes them."""
    return rcp.render_handout(pack, "tips", "md")


def _leftovers(*folders: Path) -> list[str]:
    """Temporary files left in ``folders``."""
    return sorted(p.name for f in folders for p in f.iterdir() if p.name.endswith(".tmp"))


# Links, hard links, owners


def test_a_link_stays_a_link_and_the_file_it_leads_to_gets_the_content(tmp_path: Path) -> None:
    """Writing through a symbolic link replaces the file it leads to, in that file's folder."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "tips.md"
    target.write_bytes(b"old tips\n")
    link = tmp_path / "tips.md"
    link.symlink_to(Path("real") / "tips.md")
    replace_file(link, b"new tips\n")
    assert link.is_symlink()
    assert link.readlink() == Path("real") / "tips.md"
    assert target.read_bytes() == b"new tips\n"
    assert _leftovers(tmp_path, tmp_path / "real") == []


def test_a_link_to_nothing_gets_its_file_made(tmp_path: Path) -> None:
    """A dangling link stays a link, and the file it names is made."""
    link = tmp_path / "tips.md"
    link.symlink_to("made.md")
    replace_file(link, b"tips\n")
    assert link.is_symlink()
    assert (tmp_path / "made.md").read_bytes() == b"tips\n"


def test_fmt_formats_the_file_a_link_leads_to_and_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rcpack fmt LINK`` rewrites the linked file; the link is still the same link."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "pack.yaml"
    target.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "pack.yaml"
    link.symlink_to(target)
    assert main(["fmt", str(link)]) == 0
    assert capsys.readouterr().out == (
        f"reformatted {link}\n1 file in {tmp_path}/: 1 reformatted, 0 unchanged\n"
    )
    assert link.is_symlink()
    assert link.readlink() == target
    assert target.read_text(encoding="utf-8") == format_text(MESSY)


def test_a_hard_linked_handout_is_refused_and_keeps_its_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o`` onto a file with two names exits 2 and leaves both names on the same old file."""
    target = tmp_path / "tips.md"
    target.write_bytes(b"old tips\n")
    other = tmp_path / "copy-for-printing.md"
    other.hardlink_to(target)
    assert main(["handout", "tips", "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{target}': it has 2 hard links, and replacing it would split "
        f"them; give it a copy of its own first (cp '{target}' '{target}.new' && mv "
        f"'{target}.new' '{target}'), then run again\n"
    )
    assert target.stat().st_nlink == 2
    assert target.samefile(other)
    assert other.read_bytes() == b"old tips\n"


def test_a_hard_linked_file_behind_a_link_is_refused_with_advice_for_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through a symbolic link, the copy advised is of the hard-linked file, not of the link."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "tips.md"
    target.write_bytes(b"old tips\n")
    (tmp_path / "real" / "copy-for-printing.md").hardlink_to(target)
    link = tmp_path / "tips.md"
    link.symlink_to(Path("real") / "tips.md")
    assert main(["handout", "tips", "-o", str(link)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{link}': it has 2 hard links, and replacing it would split "
        f"them; give it a copy of its own first (cp '{target}' '{target}.new' && mv "
        f"'{target}.new' '{target}'), then run again\n"
    )
    assert link.is_symlink()
    assert target.stat().st_nlink == 2
    assert target.read_bytes() == b"old tips\n"


def test_fmt_refuses_a_hard_linked_content_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rcpack fmt`` on a file with two names exits 2 and changes neither."""
    file = tmp_path / "pack.yaml"
    file.write_text(MESSY, encoding="utf-8")
    (tmp_path / "backup.yaml").hardlink_to(file)
    assert main(["fmt", str(file)]) == 2
    assert capsys.readouterr().err.startswith(
        f"rcpack: cannot write '{file}': it has 2 hard links, and replacing it would split them;"
    )
    assert file.read_text(encoding="utf-8") == MESSY
    assert file.samefile(tmp_path / "backup.yaml")


@AS_ROOT
def test_mode_owner_and_group_are_kept(tmp_path: Path) -> None:
    """A replaced file keeps its permissions, owner and group, even when root replaces it."""
    file = tmp_path / "pack.yaml"
    file.write_text(MESSY, encoding="utf-8")
    os.chown(file, 1234, 4321)
    file.chmod(0o640)
    assert main(["fmt", str(file)]) == 0
    after = file.stat()
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (0o640, 1234, 4321)
    assert file.read_text(encoding="utf-8") == format_text(MESSY)


@pytest.mark.parametrize(("umask", "mode"), [(0o027, 0o640), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_gets_the_permissions_open_would_give_it(
    tmp_path: Path, umask: int, mode: int
) -> None:
    """A file that did not exist is made readable as the umask allows, not private."""
    mask = os.umask(umask)
    try:
        replace_file(tmp_path / "tips.md", b"tips\n")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "tips.md").stat().st_mode) == mode


# Streams: FIFOs, devices, /proc/self/fd


def test_a_fifo_is_written_as_a_stream(
    tmp_path: Path, tips: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o FIFO`` sends the handout to the program reading it; the FIFO stays a FIFO."""
    fifo = tmp_path / "tips.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["handout", "tips", "-o", str(fifo)]) == 0
    reader.join(timeout=10)
    assert received == [tips]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert capsys.readouterr().out == f"wrote {fifo}\n"


def _device(folder: Path, name: str, minor: int) -> Path:
    """A node for one of the kernel's memory devices, so that a bug cannot replace /dev's."""
    node = folder / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("needs root to make a device node")
    return node


def test_a_null_device_is_written_and_stays_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o`` naming /dev/null's device writes into it; it is not replaced by a file."""
    null = _device(tmp_path, "null", 3)
    before = null.lstat()
    assert main(["handout", "tips", "-o", str(null)]) == 0
    after = null.lstat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert capsys.readouterr().out == f"wrote {null}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_full_device_says_it_is_full_and_stays_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o`` naming /dev/full's device exits 2 with one line; even root does not replace it."""
    full = _device(tmp_path, "full", 7)
    before = full.lstat()
    assert main(["handout", "tips", "-o", str(full)]) == 2
    assert capsys.readouterr().err == f"rcpack: cannot write '{full}': No space left on device\n"
    after = full.lstat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert [p.name for p in tmp_path.iterdir()] == ["full"]


def test_proc_self_fd_is_written_as_a_stream(tips: bytes) -> None:
    """``-o /proc/self/fd/N`` on a pipe writes into the pipe."""
    read_end, write_end = os.pipe()
    try:
        assert main(["handout", "tips", "-o", f"/proc/self/fd/{write_end}"]) == 0
    finally:
        os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        assert stream.read() == tips


def test_dev_stdout_gets_the_handout_alone(tips: bytes) -> None:
    """``-o /dev/stdout`` prints the handout alone; the note that it was written goes to stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "recurrent_care_pack", "handout", "tips", "-o", "/dev/stdout"],
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, tips, b"wrote /dev/stdout\n")


# What -o may name, and in which format


@pytest.mark.parametrize("name", ["pack.yaml", "notes.yml", "NOTES.YAML"])
def test_a_content_file_is_never_handout_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """``-o`` naming a YAML file exits 2, and an existing one is left as it was."""
    target = tmp_path / name
    target.write_text(MESSY, encoding="utf-8")
    assert main(["handout", "tips", "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{target}': it is a content file, and a handout would overwrite "
        "it; name the handout file something like 'handout.md'\n"
    )
    assert target.read_text(encoding="utf-8") == MESSY


def test_another_name_for_a_content_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link or a hard link to one of the pack's files, named like a handout, is refused."""
    shutil.copytree(ROOT / "data", tmp_path / "pack")
    section = tmp_path / "pack" / "section-3.yaml"
    before = section.read_bytes()
    (tmp_path / "linked.md").symlink_to(section)
    (tmp_path / "hard.md").hardlink_to(section)
    for name in ("linked.md", "hard.md"):
        target = tmp_path / name
        assert main(["handout", "tips", "--pack", str(tmp_path / "pack"), "-o", str(target)]) == 2
        assert capsys.readouterr().err == (
            f"rcpack: cannot write '{target}': it is a content file, and a handout would "
            "overwrite it; name the handout file something like 'handout.md'\n"
        )
    assert section.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("tips.md", "md"), ("tips.html", "html"), ("tips.HTM", "html"), ("tips.txt", "md")],
)
def test_the_format_follows_the_file_name(
    tmp_path: Path, pack: rcp.Pack, name: str, fmt: str
) -> None:
    """Without ``--format``, ``-o`` chooses the format by its ending; an unknown one gives md."""
    target = tmp_path / name
    assert main(["handout", "tips", "-o", str(target)]) == 0
    assert target.read_bytes() == rcp.render_handout(pack, "tips", fmt)


@pytest.mark.parametrize(("name", "start"), [("tips.pdf", b"%PDF-"), ("tips.docx", b"PK\x03\x04")])
def test_pdf_and_word_follow_the_file_name(tmp_path: Path, name: str, start: bytes) -> None:
    """``-o tips.pdf`` writes a PDF and ``-o tips.docx`` a Word file, not Markdown."""
    target = tmp_path / name
    assert main(["handout", "tips", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(start)


def test_a_format_that_contradicts_the_file_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--format md -o tips.pdf`` exits 2 with one line and writes nothing."""
    target = tmp_path / "tips.pdf"
    assert main(["handout", "tips", "--format", "md", "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: --format md does not match '{target}', a pdf file name; leave out --format, "
        f"or name the file '{tmp_path / 'tips.md'}'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_write_handout_follows_the_name_and_refuses_what_it_must(
    tmp_path: Path, pack: rcp.Pack
) -> None:
    """``rcp.write_handout`` infers the format, and refuses a mismatch or a content file."""
    page = rcp.write_handout(tmp_path / "tips.html", pack, "tips")
    assert page.read_bytes() == rcp.render_handout(pack, "tips", "html")
    with pytest.raises(ValueError, match=r"^'.*tips\.pdf' names a pdf file, not md$"):
        rcp.write_handout(tmp_path / "tips.pdf", pack, "tips", "md")
    with pytest.raises(
        ValueError, match=r"^cannot tell the format from the name 'tips'; give fmt"
    ):
        rcp.write_handout(tmp_path / "tips", pack, "tips")
    with pytest.raises(
        ValueError, match=r"a name ending '\.yaml' is a content file's; name the handout file"
    ):
        rcp.write_handout(tmp_path / "pack.yaml", pack, "tips", "md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tips.html"]


def test_write_handout_raises_oserror_in_one_line(tmp_path: Path, pack: rcp.Pack) -> None:
    """A handout that cannot be written raises ``OSError`` saying why, in one line."""
    target = tmp_path / "missing" / "tips.md"
    with pytest.raises(OSError, match=r"^cannot write '.*': there is no folder '.*missing'$"):
        rcp.write_handout(target, pack, "tips")


# Failures: nothing partial, the old file intact


def test_a_missing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-o`` into a folder that does not exist exits 2 and names the folder."""
    target = tmp_path / "handouts" / "tips.md"
    assert main(["handout", "tips", "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{target}': there is no folder '{tmp_path / 'handouts'}'\n"
    )


def test_a_folder_as_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o FOLDER`` exits 2, suggests a file in it, and leaves the folder alone."""
    (tmp_path / "inside.md").write_bytes(b"kept\n")
    assert main(["handout", "tips", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{tmp_path}': it is a folder; name a file in it, such as "
        f"'{tmp_path / 'handout.md'}'\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["inside.md"]


@contextlib.contextmanager
def _tmpfs(folder: Path, *options: str) -> Iterator[Path]:
    """A small tmpfs mounted on ``folder``, or the test skipped if none can be mounted."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(("size=4k", *options)), "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@AS_ROOT
def test_a_full_disk_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a full file system ``-o`` exits 2 with one line; the old file is whole, nothing is left."""
    with _tmpfs(tmp_path / "small") as small:
        target = small / "guide.md"
        target.write_bytes(b"old guide\n")  # a 4 KiB tmpfs: the old file's page fills it
        assert main(["handout", "guide", "-o", str(target)]) == 2
        assert capsys.readouterr().err == (
            f"rcpack: cannot write '{target}': No space left on device\n"
        )
        assert target.read_bytes() == b"old guide\n"
        assert [p.name for p in small.iterdir()] == ["guide.md"]


@AS_ROOT
def test_a_read_only_file_system_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a read-only file system ``rcpack fmt`` exits 2 with one line, changing nothing."""
    with _tmpfs(tmp_path / "ro") as folder:
        file = folder / "pack.yaml"
        file.write_text(MESSY, encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        assert main(["fmt", str(file)]) == 2
        assert capsys.readouterr().err == f"rcpack: cannot write '{file}': Read-only file system\n"
        assert file.read_text(encoding="utf-8") == MESSY


@AS_ROOT
def test_an_immutable_folder_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a folder marked immutable (``chattr +i``; root too is refused) ``-o`` exits 2."""
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "tips.md"
    target.write_bytes(b"old tips\n")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i is not available on this file system")
    try:
        assert main(["handout", "tips", "-o", str(target)]) == 2
        assert capsys.readouterr().err == (
            f"rcpack: cannot write '{target}': the folder '{folder}' may not be written "
            "(Operation not permitted), so no new file can be made there; get permission to "
            "write in it, or work in a folder you may write to\n"
        )
        assert target.read_bytes() == b"old tips\n"
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert [p.name for p in folder.iterdir()] == ["tips.md"]


@AS_ROOT
@AS_ANOTHER_USER
def test_a_folder_the_user_may_not_write_to_leaves_the_old_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As user 1234, ``-o`` into a root-owned read-only folder exits 2, naming the folder."""
    top = Path(tempfile.mkdtemp())  # tmp_path's parents are private to root
    try:
        top.chmod(0o755)
        target = top / "tips.md"
        target.write_bytes(b"old tips\n")
        target.chmod(0o666)  # the file may be written, but not replaced in its folder
        assert main(["handout", "tips", "-o", str(top / "warm-up.md")]) == 0  # import all first
        (top / "warm-up.md").unlink()
        capsys.readouterr()
        os.setegid(1234)
        os.seteuid(1234)
        try:
            status = main(["handout", "tips", "-o", str(target)])
        finally:
            os.seteuid(0)
            os.setegid(0)
        assert status == 2
        assert capsys.readouterr().err == (
            f"rcpack: cannot write '{target}': the folder '{top}' may not be written "
            "(Permission denied), so no new file can be made there; get permission to write in "
            "it, or work in a folder you may write to\n"
        )
        assert target.read_bytes() == b"old tips\n"
        assert [p.name for p in top.iterdir()] == ["tips.md"]
    finally:
        shutil.rmtree(top)


@AS_ROOT
def test_a_read_only_file_is_not_replaced_though_its_folder_would_allow_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As user 1234, ``rcpack fmt`` on a read-only file in a folder open to all exits 2."""
    top = Path(tempfile.mkdtemp())  # tmp_path's parents are private to root
    try:
        top.chmod(0o777)
        file = top / "pack.yaml"
        file.write_text(MESSY, encoding="utf-8")
        file.chmod(0o444)
        assert main(["fmt", "--check", str(file)]) == 1  # import all first
        capsys.readouterr()
        os.seteuid(1234)
        try:
            status = main(["fmt", str(file)])
        finally:
            os.seteuid(0)
        assert status == 2
        assert capsys.readouterr().err == (
            f"rcpack: cannot write '{file}': it is read-only; make it writable first "
            f"(chmod u+w '{file}') if it should change\n"
        )
        assert file.read_text(encoding="utf-8") == MESSY
        assert [p.name for p in top.iterdir()] == ["pack.yaml"]
    finally:
        shutil.rmtree(top)


def test_what_does_not_read_back_as_written_is_not_put_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the new file reads back differently, the old file stays and the temporary one goes."""
    target = tmp_path / "tips.md"
    target.write_bytes(b"old tips\n")
    reading = Path.read_bytes

    def corrupted(path: Path) -> bytes:
        data = reading(path)
        return data[:-1] if path.name.endswith(".tmp") else data

    monkeypatch.setattr(Path, "read_bytes", corrupted)
    with pytest.raises(WriteError) as failed:
        replace_file(target, b"new tips\n")
    assert str(failed.value) == (
        f"cannot write '{target}': what was written reads back differently; "
        "the disk may be failing"
    )
    monkeypatch.undo()
    assert target.read_bytes() == b"old tips\n"
    assert _leftovers(tmp_path) == []


# Concurrent edits during fmt


def test_an_edit_made_while_fmt_runs_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit saved after fmt read the file is kept; fmt says so and exits 1."""
    file = tmp_path / "pack.yaml"
    file.write_text(MESSY, encoding="utf-8")
    edit = "# an editor's note, saved while fmt was formatting\n"

    def formatting_then_edited(path: Path) -> object:
        result = format_file(path)
        with path.open("a", encoding="utf-8") as stream:
            stream.write(edit)
        return result

    monkeypatch.setattr(
        "recurrent_care_pack._content.formatting.files.format_file", formatting_then_edited
    )
    assert main(["fmt", str(file)]) == 1
    assert capsys.readouterr().out == (
        f"rcpack fmt: left {file} as it is: the file changed while it was being formatted; "
        f"run rcpack fmt again\n1 file in {tmp_path}/: 0 reformatted, 0 unchanged, 1 refused\n"
    )
    assert file.read_text(encoding="utf-8") == MESSY + edit
    assert _leftovers(tmp_path) == []


def test_a_file_that_changed_since_it_was_read_is_not_replaced(tmp_path: Path) -> None:
    """``replace_file`` with the bytes read refuses when the file holds others, by content."""
    file = tmp_path / "pack.yaml"
    file.write_bytes(b"pack: {}\n# edited meanwhile\n")
    with pytest.raises(FileChangedError):
        replace_file(file, b"pack: {}\n", expected=b"pack: {}\n")
    assert file.read_bytes() == b"pack: {}\n# edited meanwhile\n"
    with pytest.raises(FileChangedError):
        replace_file(tmp_path / "gone.yaml", b"pack: {}\n", expected=b"pack: {}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.yaml"]
    replace_file(file, b"pack: {}\n", expected=b"pack: {}\n# edited meanwhile\n")
    assert file.read_bytes() == b"pack: {}\n"


# An attack: any target, any order


_NAMES = (
    "a.md",
    "b.md",
    "sub/c.md",
    "link.md",
    "chain.md",
    "far-link.md",
    "dangling.md",
    "dangling-far.md",
    "sub",
    "dir-link",
    "loop-1",
    "hard-1.md",
    "new.md",
    "missing/new.md",
)


def _world(root: Path) -> None:
    """Files, links of every sort, a folder, a loop and a hard-linked pair."""
    (root / "sub").mkdir()
    (root / "a.md").write_bytes(b"a\n")
    (root / "b.md").write_bytes(b"b\n")
    (root / "sub" / "c.md").write_bytes(b"c\n")
    (root / "link.md").symlink_to("a.md")
    (root / "chain.md").symlink_to("link.md")
    (root / "far-link.md").symlink_to("sub/c.md")
    (root / "dangling.md").symlink_to("sub/made.md")
    (root / "dangling-far.md").symlink_to("nowhere/made.md")
    (root / "dir-link").symlink_to("sub")
    (root / "loop-1").symlink_to("loop-2")
    (root / "loop-2").symlink_to("loop-1")
    (root / "hard-1.md").write_bytes(b"h\n")
    (root / "hard-2.md").hardlink_to(root / "hard-1.md")


def _snapshot(root: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """Every entry under ``root``: a link's target, a file's bytes and links, a folder."""
    found: dict[str, tuple[str, bytes | str, int]] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            found[name] = ("link", str(path.readlink()), 1)
        elif path.is_dir():
            found[name] = ("folder", "", 1)
        else:
            found[name] = ("file", path.read_bytes(), path.stat().st_nlink)
    return found


_REFUSED = {"sub", "dir-link", "loop-1", "hard-1.md", "dangling-far.md", "missing/new.md"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.binary(max_size=64)), max_size=8))
def test_any_order_of_any_targets_loses_nothing(writes: list[tuple[str, bytes]]) -> None:
    """Each write changes exactly its file or, refused with a WriteError, nothing at all."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(os.path.realpath(folder))
        _world(root)
        for name, content in writes:
            before = _snapshot(root)
            target = root / name
            real = str(Path(os.path.realpath(target)).relative_to(root))
            try:
                replace_file(target, content)
            except WriteError:
                assert name in _REFUSED
                assert _snapshot(root) == before
                continue
            assert name not in _REFUSED
            after = _snapshot(root)
            assert after[real] == ("file", content, 1)
            assert {k: v for k, v in after.items() if k != real} == {
                k: v for k, v in before.items() if k != real
            }


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.binary(max_size=64)), max_size=5))
def test_handout_to_any_target_in_any_order_exits_cleanly(writes: list[tuple[str, bytes]]) -> None:
    """``rcpack handout -o`` to each target writes it or exits 2 in one line, never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(os.path.realpath(folder))
        _world(root)
        for name, content in writes:
            before = _snapshot(root)
            target = root / name
            out, err = io.StringIO(), io.StringIO()
            with (
                mock.patch(
                    "recurrent_care_pack._output.rendering.render_handout", return_value=content
                ),
                contextlib.redirect_stdout(out),
                contextlib.redirect_stderr(err),
            ):
                status = main(["handout", "tips", "-o", str(target)])
            if name in _REFUSED:
                assert status == 2
                assert err.getvalue().startswith(f"rcpack: cannot write '{target}': ")
                assert err.getvalue().count("\n") == 1
                assert _snapshot(root) == before
            else:
                assert (status, out.getvalue(), err.getvalue()) == (0, f"wrote {target}\n", "")
                real = str(Path(os.path.realpath(target)).relative_to(root))
                assert _snapshot(root)[real] == ("file", content, 1)

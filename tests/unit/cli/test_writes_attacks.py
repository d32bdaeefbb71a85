"""Attacks on each path that writes a user's file: handout, calendar, fmt, init, job summary.

``handout -o``, ``plan --ics``, ``fmt``, ``init`` and ``$GITHUB_STEP_SUMMARY`` against a FIFO nothing reads from, another user's file, extended attributes and ACLs, long names,
names ending in ``/``, control characters in names, content files, a deleted working
folder and links to nothing. What is written is read back and compared; what is refused is
left exactly as it was. The tests that change users run as root, as CI does.
"""

import contextlib
import errno
import os
import shutil
import stat
import struct
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import AS_ANOTHER_USER, AS_ROOT, ROOT

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.formatting import format_text
from recurrent_care_pack._files import WriteError, replace_file
from recurrent_care_pack._output.reports import write_step_summary

MESSY = (ROOT / "tests" / "formatting" / "messy.yaml.txt").read_text(encoding="utf-8")
PACK = ROOT / "data"

#: A user and groups with no names on this machine (checked where they are used).
USER, OTHER, GROUP, OTHER_GROUP = 1234, 4242, 4343, 4545
NO_READER = "nothing is reading from it; start the program that reads it, then run again"


@pytest.fixture(scope="module")
def tips() -> bytes:
    """The tips cards in Markdown, as ``rcpack handout tips`` writes them."""
    return rcp.render_handout(rcp.load_pack(), "tips", "md")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# A FIFO that nothing reads from: refused at once, never waited on


def _main_in_thread(argv: list[str], fifo: Path) -> int | None:
    """``main(argv)``'s status, or None if it still waits after 10 s (then it is let go)."""
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(main(argv)), daemon=True)
    thread.start()
    thread.join(timeout=10)
    if thread.is_alive():  # the old behaviour: blocked opening the FIFO; give it a reader
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        thread.join(timeout=10)
        os.close(reader)
        return None
    return result[0]


@pytest.mark.parametrize(
    "command",
    [
        ["handout", "tips", "-o"],
        ["plan", "--pack", str(PACK), "--date", "2027-01-12", "--ics"],
    ],
    ids=["handout", "plan-ics"],
)
@pytest.mark.parametrize("linked", [False, True], ids=["named", "through-a-link"])
def test_a_fifo_nothing_reads_from_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], *, linked: bool
) -> None:
    """``-o FIFO`` and ``--ics FIFO`` with no reader exit 2 in one line instead of waiting."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    named = fifo
    if linked:
        named = tmp_path / "out.link"
        named.symlink_to("out.fifo")
    assert _main_in_thread([*command, str(named)], fifo) == 2
    assert capsys.readouterr().err == f"rcpack: cannot write '{named}': {NO_READER}\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"out.fifo", named.name})


def test_a_calendar_into_a_fifo_with_a_reader_is_received_whole(tmp_path: Path) -> None:
    """``--ics FIFO`` with a reader sends exactly the calendar a file would get."""
    command = ["plan", "--pack", str(PACK), "--date", "2027-01-12", "--ics"]
    assert main([*command, str(tmp_path / "plan.ics")]) == 0
    fifo = tmp_path / "plan.fifo"
    with _reading(fifo) as received:
        assert main([*command, str(fifo)]) == 0
    # Each calendar is stamped with the second it was made (DTSTAMP): all else is the same.
    assert [_unstamped(r) for r in received] == [_unstamped((tmp_path / "plan.ics").read_bytes())]


@contextlib.contextmanager
def _reading(fifo: Path) -> Iterator[list[bytes]]:
    """A FIFO with a reader; once the block ends, what was sent into it (less than 64 KiB)."""
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # there is a reader from here on
    received: list[bytes] = []
    try:
        yield received
        chunks = []
        with contextlib.suppress(BlockingIOError):
            while chunk := os.read(reader, 1 << 16):
                chunks.append(chunk)
        received.append(b"".join(chunks))
    finally:
        os.close(reader)


@pytest.fixture
def summary_of_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A valid pack.yaml in tmp_path, the current folder; the job summary it gets in a file."""
    (tmp_path / "pack.yaml").write_text(
        "pack:\n  id: p\n  title: T\n  publisher: org\n  published: 2024-01-01\n"
        "organisations:\n  - id: org\n    name: Org\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert main(["validate", "pack.yaml"]) == 0
    written = (tmp_path / "summary.md").read_bytes()
    (tmp_path / "summary.md").unlink()
    return written


def test_a_job_summary_into_a_fifo_nothing_reads_is_a_warning_at_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    summary_of_valid: bytes,
) -> None:
    """GITHUB_STEP_SUMMARY naming a FIFO with no reader: one warning, the status unchanged."""
    assert summary_of_valid.startswith(b"### rcpack validate\n")
    fifo = tmp_path / "summary.fifo"
    os.mkfifo(fifo)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(fifo))
    capsys.readouterr()
    assert _main_in_thread(["validate", "pack.yaml"], fifo) == 0
    out, err = capsys.readouterr()
    assert out == "checked 1 file, pack.yaml: no problems\n"
    assert err == (
        f"rcpack: warning: cannot write the job summary to '{fifo}': {NO_READER}; "
        "the report above is complete\n"
    )


def test_a_job_summary_into_a_fifo_with_a_reader_is_received_whole(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    summary_of_valid: bytes,
) -> None:
    """A FIFO with a reader gets exactly the summary a new file gets."""
    fifo = tmp_path / "summary.fifo"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(fifo))
    with _reading(fifo) as received:
        assert main(["validate", "pack.yaml"]) == 0
    assert received == [summary_of_valid]
    assert capsys.readouterr().err == ""


# Another user's file: its owner and group are kept, or it is not replaced


@contextlib.contextmanager
def _shared_folder() -> Iterator[Path]:
    """A folder anyone may write in (tmp_path's parents are private to root)."""
    top = Path(tempfile.mkdtemp())
    try:
        top.chmod(0o777)
        yield top
    finally:
        shutil.rmtree(top)


@contextlib.contextmanager
def _as(uid: int, gid: int) -> Iterator[None]:
    """Run as user ``uid`` in group ``gid`` (effective ids; root's are restored after)."""
    os.setegid(gid)
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _unnamed() -> None:
    import grp  # noqa: PLC0415
    import pwd  # noqa: PLC0415

    for uid in (USER, OTHER):
        with contextlib.suppress(KeyError):
            pwd.getpwuid(uid)
            pytest.skip(f"user {uid} has a name on this machine; the messages expect numbers")
    for gid in (USER, GROUP, OTHER_GROUP):
        with contextlib.suppress(KeyError):
            grp.getgrgid(gid)
            pytest.skip(f"group {gid} has a name on this machine; the messages expect numbers")


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX ACL as Linux stores it in ``system.posix_acl_*``: (tag, permissions, id)."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


ANY = 0xFFFFFFFF
USER_OBJ, NAMED_USER, GROUP_OBJ, MASK, OTHERS = 0x01, 0x02, 0x04, 0x10, 0x20


def _acl_for(uid: int, permissions: int = 6) -> bytes:
    """An ACL: the owner rw, user ``uid`` ``permissions``, the group and others r."""
    return _acl(
        (USER_OBJ, 6, ANY),
        (NAMED_USER, permissions, uid),
        (GROUP_OBJ, 4, ANY),
        (MASK, 6, ANY),
        (OTHERS, 4, ANY),
    )


def _attributes(file: Path) -> dict[str, bytes]:
    return {name: os.getxattr(file, name) for name in sorted(os.listxattr(file))}


def _needs_attributes(folder: Path) -> None:
    probe = folder / "probe"
    probe.write_bytes(b"")
    try:
        os.setxattr(probe, "user.probe", b"1")
        os.setxattr(probe, "system.posix_acl_access", _acl_for(OTHER))
    except OSError as error:
        if error.errno in {errno.ENOTSUP, errno.EOPNOTSUPP}:
            pytest.skip(f"this file system keeps no extended attributes or ACLs: {error}")
        raise
    finally:
        probe.unlink()


def _others_file(folder: Path, name: str, content: str, *, acl: bool) -> Path:
    """A file of user OTHER, group GROUP, that USER may write: by the group, or by an ACL."""
    file = folder / name
    file.write_text(content, encoding="utf-8")
    os.chown(file, OTHER, GROUP)
    file.chmod(0o664 if not acl else 0o644)
    if acl:
        os.setxattr(file, "system.posix_acl_access", _acl_for(USER))
    return file


def _warm_up(folder: Path) -> None:
    """Import and compile what the commands need while still root."""
    (folder / "warm.yaml").write_text(MESSY, encoding="utf-8")
    assert main(["fmt", str(folder / "warm.yaml")]) == 0
    assert main(["handout", "tips", "-o", str(folder / "warm.md")]) == 0
    for name in ("warm.yaml", "warm.md"):
        (folder / name).unlink()


@AS_ROOT
@pytest.mark.parametrize("acl", [False, True], ids=["by-group", "by-acl"])
# fmt has what it needs once warmed up; a handout reads the bundled pack as USER.
@pytest.mark.parametrize("command", ["fmt", pytest.param("handout", marks=AS_ANOTHER_USER)])
def test_another_users_file_is_not_given_away(
    capsys: pytest.CaptureFixture[str], command: str, *, acl: bool
) -> None:
    """USER may write OTHER's file (by group or ACL): it is refused whole, owner kept."""
    _unnamed()
    with _shared_folder() as top:
        _needs_attributes(top)
        name = "pack.yaml" if command == "fmt" else "tips.md"
        file = _others_file(top, name, MESSY, acl=acl)
        before = (file.read_bytes(), file.stat(), _attributes(file))
        _warm_up(top)
        capsys.readouterr()
        argv = ["fmt", str(file)] if command == "fmt" else ["handout", "tips", "-o", str(file)]
        with _as(USER, GROUP):
            assert os.access(file, os.W_OK)
            status = main(argv)
        assert status == 2
        out, err = capsys.readouterr()
        assert err == (
            f"rcpack: cannot write '{file}': it belongs to user {OTHER}, and replacing it would "
            f"make it yours; run rcpack as user {OTHER} or as root, or take the file over first "
            f"(cp '{file}' '{file}.new' && mv '{file}.new' '{file}'), then run again\n"
        )
        if command == "fmt":
            assert out == f"1 file in {top}/: 0 reformatted, 0 unchanged, 1 not written\n"
        after = file.stat()
        assert (file.read_bytes(), after.st_ino, after.st_uid, after.st_gid) == (
            before[0],
            before[1].st_ino,
            OTHER,
            GROUP,
        )
        assert _attributes(file) == before[2]
        assert sorted(p.name for p in top.iterdir()) == [name]


@AS_ROOT
def test_a_group_the_writer_is_not_in_is_not_taken_away(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """USER's own file in a group USER is not in: refused, saying how to change the group."""
    _unnamed()
    with _shared_folder() as top:
        file = top / "pack.yaml"
        file.write_text(MESSY, encoding="utf-8")
        os.chown(file, USER, OTHER_GROUP)
        _warm_up(top)
        capsys.readouterr()
        with _as(USER, USER):
            status = main(["fmt", str(file)])
        assert status == 2
        assert capsys.readouterr().err == (
            f"rcpack: cannot write '{file}': it belongs to group {OTHER_GROUP}, which you are "
            f"not in, and replacing it would change its group; run rcpack as a member of group "
            f"{OTHER_GROUP} or as root, or change its group first (chgrp {USER} '{file}'), "
            "then run again\n"
        )
        assert file.read_text(encoding="utf-8") == MESSY
        assert (file.stat().st_uid, file.stat().st_gid) == (USER, OTHER_GROUP)


@AS_ROOT
def test_a_file_the_writer_may_not_write_is_read_only_to_them_though_root_started_it() -> None:
    """The effective user is asked, not the real one: OTHER's 0o644 file is read-only to USER."""
    _unnamed()
    with _shared_folder() as top:
        file = top / "tips.md"
        file.write_bytes(b"old\n")
        os.chown(file, OTHER, GROUP)
        file.chmod(0o644)
        with _as(USER, USER), pytest.raises(WriteError) as raised:
            replace_file(file, b"new\n")
        assert str(raised.value) == (
            f"cannot write '{file}': it is read-only; make it writable first "
            f"(chmod u+w '{file}') if it should change"
        )
        assert file.read_bytes() == b"old\n"
        assert sorted(p.name for p in top.iterdir()) == ["tips.md"]


@AS_ROOT
def test_a_named_group_the_writer_is_not_in_is_said_by_its_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Groups with names are said by them: quoted as the file's group, bare in the chgrp."""
    import grp  # noqa: PLC0415

    try:
        theirs, mine = grp.getgrgid(65534).gr_name, grp.getgrgid(100).gr_name
    except KeyError:
        pytest.skip("groups 65534 and 100 have no names on this machine")
    with _shared_folder() as top:
        file = top / "pack.yaml"
        file.write_text(MESSY, encoding="utf-8")
        os.chown(file, USER, 65534)
        _warm_up(top)
        capsys.readouterr()
        with _as(USER, 100):
            status = main(["fmt", str(file)])
        assert status == 2
        assert capsys.readouterr().err == (
            f"rcpack: cannot write '{file}': it belongs to group '{theirs}', which you are "
            f"not in, and replacing it would change its group; run rcpack as a member of group "
            f"'{theirs}' or as root, or change its group first (chgrp {mine} '{file}'), "
            "then run again\n"
        )
        assert file.read_text(encoding="utf-8") == MESSY


@AS_ROOT
def test_the_owner_keeps_attributes_and_acl(capsys: pytest.CaptureFixture[str]) -> None:
    """USER formatting USER's file: the content changes; owner, mode, xattrs and ACL do not."""
    with _shared_folder() as top:
        _needs_attributes(top)
        file = top / "pack.yaml"
        file.write_text(MESSY, encoding="utf-8")
        os.chown(file, USER, GROUP)
        os.setxattr(file, "user.x", b"kept")
        os.setxattr(file, "system.posix_acl_access", _acl_for(OTHER, 4))
        before = (file.stat(), _attributes(file))
        _warm_up(top)
        capsys.readouterr()
        with _as(USER, GROUP):
            status = main(["fmt", str(file)])
        assert (status, capsys.readouterr().err) == (0, "")
        after = file.stat()
        assert file.read_text(encoding="utf-8") == format_text(MESSY)
        assert after.st_ino != before[0].st_ino  # replaced whole
        assert (after.st_uid, after.st_gid, after.st_mode) == (USER, GROUP, before[0].st_mode)
        assert _attributes(file) == before[1]
        assert set(before[1]) == {"system.posix_acl_access", "user.x"}
        assert _leftovers(top) == []


@AS_ROOT
@pytest.mark.parametrize("command", ["fmt", "handout"])
def test_root_keeps_another_users_owner_attributes_and_acl(
    tmp_path: Path, tips: bytes, command: str
) -> None:
    """Root replacing OTHER's file gives the new file OTHER's owner, group, xattrs and ACL."""
    _needs_attributes(tmp_path)
    name = "pack.yaml" if command == "fmt" else "tips.md"
    file = _others_file(tmp_path, name, MESSY, acl=True)
    os.setxattr(file, "user.x", b"kept \x00 whole")
    os.setxattr(file, "trusted.y", b"root's")
    before = (file.stat(), _attributes(file))
    argv = ["fmt", str(file)] if command == "fmt" else ["handout", "tips", "-o", str(file)]
    assert main(argv) == 0
    after = file.stat()
    expected = format_text(MESSY).encode() if command == "fmt" else tips
    assert file.read_bytes() == expected
    assert (after.st_uid, after.st_gid, after.st_mode) == (OTHER, GROUP, before[0].st_mode)
    assert _attributes(file) == before[1]
    assert {"system.posix_acl_access", "user.x", "trusted.y"} <= set(before[1])


def test_a_folders_default_acl_is_not_added_to_a_file_without_one(tmp_path: Path) -> None:
    """A file with no ACL in a folder with a default ACL still has none once replaced."""
    _needs_attributes(tmp_path)
    file = tmp_path / "tips.md"
    file.write_bytes(b"old\n")
    file.chmod(0o640)
    os.setxattr(tmp_path, "system.posix_acl_default", _acl_for(OTHER))
    replace_file(file, b"new\n")
    assert file.read_bytes() == b"new\n"
    assert "system.posix_acl_access" not in os.listxattr(file)
    assert stat.S_IMODE(file.stat().st_mode) == 0o640


def test_a_files_own_acl_is_kept_over_the_folders_default(tmp_path: Path) -> None:
    """A file's ACL, though the folder's default ACL gives a new file another, is kept as it was."""
    _needs_attributes(tmp_path)
    file = tmp_path / "tips.md"
    file.write_bytes(b"old\n")
    os.setxattr(file, "system.posix_acl_access", _acl_for(OTHER, 4))
    os.setxattr(tmp_path, "system.posix_acl_default", _acl_for(OTHER, 6))
    before = _attributes(file)
    replace_file(file, b"new\n")
    assert file.read_bytes() == b"new\n"
    assert _attributes(file) == before == {"system.posix_acl_access": _acl_for(OTHER, 4)}


def test_attributes_that_cannot_be_listed_leave_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the old file's attributes cannot be read, it is not replaced (they would be lost)."""
    file = tmp_path / "tips.md"
    file.write_bytes(b"old\n")

    def unreadable(path: object) -> list[str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(os, "listxattr", unreadable)
    with pytest.raises(WriteError) as raised:
        replace_file(file, b"new\n")
    assert str(raised.value) == (
        f"cannot write '{file}': its extended attributes cannot be read "
        f"({os.strerror(errno.EACCES)}); run rcpack as root"
    )
    assert file.read_bytes() == b"old\n"
    assert _leftovers(tmp_path) == []


def test_a_file_system_without_attributes_has_none_to_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the file system keeps no extended attributes, the file is replaced all the same."""
    file = tmp_path / "tips.md"
    file.write_bytes(b"old\n")

    def unsupported(path: object) -> list[str]:
        raise OSError(errno.EOPNOTSUPP, os.strerror(errno.EOPNOTSUPP), str(path))

    monkeypatch.setattr(os, "listxattr", unsupported)
    replace_file(file, b"new\n")
    assert file.read_bytes() == b"new\n"
    assert _leftovers(tmp_path) == []


def test_an_attribute_that_cannot_be_kept_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If an attribute cannot be given to the new file, the old one stays as it was."""
    _needs_attributes(tmp_path)
    file = tmp_path / "tips.md"
    file.write_bytes(b"old\n")
    os.setxattr(file, "user.x", b"kept")

    def refused(*_: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "setxattr", refused)
    with pytest.raises(WriteError) as raised:
        replace_file(file, b"new\n")
    assert str(raised.value) == (
        f"cannot write '{file}': its extended attribute 'user.x' cannot be kept (Operation not "
        f"permitted); run rcpack as root, or remove it first (setfattr -x 'user.x' '{file}') "
        "if it need not be kept, then run again"
    )
    assert (file.read_bytes(), _attributes(file)) == (b"old\n", {"user.x": b"kept"})
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["link", "relative"])
def test_attribute_advice_names_the_file_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Through a link the advice names the file it leads to; by a relative name, that name."""
    _needs_attributes(tmp_path)
    (tmp_path / "real").mkdir()
    file = tmp_path / "real" / "tips.md"
    file.write_bytes(b"old\n")
    os.setxattr(file, "user.x", b"kept")
    monkeypatch.chdir(tmp_path / "real")
    if name == "link":
        given, advised = tmp_path / "tips.md", file
        given.symlink_to(Path("real") / "tips.md")
    else:
        given = advised = Path("tips.md")

    def refused(*_: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "setxattr", refused)
    with pytest.raises(WriteError) as raised:
        replace_file(given, b"new\n")
    assert str(raised.value) == (
        f"cannot write '{given}': its extended attribute 'user.x' cannot be kept (Operation "
        f"not permitted); run rcpack as root, or remove it first (setfattr -x 'user.x' "
        f"'{advised}') if it need not be kept, then run again"
    )
    assert file.read_bytes() == b"old\n"


def test_the_temporary_file_is_hidden_and_named_after_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While it is written, the new file is '.tips.md.<random>.tmp' beside the old one."""
    seen: list[str] = []
    syncing = os.fsync

    def looking(descriptor: int) -> None:
        seen.extend(p.name for p in tmp_path.iterdir() if p.name != "tips.md")
        syncing(descriptor)

    (tmp_path / "tips.md").write_bytes(b"old\n")
    monkeypatch.setattr(os, "fsync", looking)
    replace_file(tmp_path / "tips.md", b"new\n")
    monkeypatch.undo()
    assert len(seen) == 1
    assert seen[0].startswith(".tips.md.")
    assert seen[0].endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tips.md"]


# fmt goes on past a file it cannot write


def test_fmt_writes_the_rest_after_a_file_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One read-only file among three: the others are formatted, its line said, exit 2."""
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (tmp_path / name).write_text(MESSY, encoding="utf-8")
    (tmp_path / "b.yaml").chmod(0o444)
    assert main(["fmt", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    b = tmp_path / "b.yaml"
    assert err == (
        f"rcpack: cannot write '{b}': it is read-only; make it writable first "
        f"(chmod u+w '{b}') if it should change\n"
    )
    assert out == (
        f"reformatted {tmp_path / 'a.yaml'}\nreformatted {tmp_path / 'c.yaml'}\n"
        f"3 files in {tmp_path}/: 2 reformatted, 0 unchanged, 1 not written\n"
    )
    assert [
        (tmp_path / n).read_text(encoding="utf-8") for n in ("a.yaml", "b.yaml", "c.yaml")
    ] == [
        format_text(MESSY),
        MESSY,
        format_text(MESSY),
    ]


# Long names: the temporary file's name stays within 255 bytes


LONG_NAMES = ["h" * 247 + ".md", "é" * 123 + "x.md"]  # 250 bytes each


@pytest.mark.parametrize("name", LONG_NAMES, ids=["ascii", "two-byte"])
def test_a_handout_with_a_250_byte_name_is_written(
    tmp_path: Path, tips: bytes, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """``-o`` a 250-byte name: written (new, then replaced), read back whole, nothing left."""
    assert len(name.encode()) == 250
    target = tmp_path / name
    for _ in range(2):
        assert main(["handout", "tips", "-o", str(target)]) == 0
        assert capsys.readouterr().out == f"wrote {target}\n"
        assert target.read_bytes() == tips
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_fmt_formats_a_file_with_a_250_byte_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rcpack fmt`` on a file whose name is 250 bytes replaces it, leaving nothing else."""
    file = tmp_path / ("p" * 245 + ".yaml")
    file.write_text(MESSY, encoding="utf-8")
    assert main(["fmt", str(file)]) == 0
    assert file.read_text(encoding="utf-8") == format_text(MESSY)
    assert [p.name for p in tmp_path.iterdir()] == [file.name]
    assert capsys.readouterr().err == ""


def _unstamped(calendar: bytes) -> list[bytes]:
    """A calendar's lines but its DTSTAMPs, the second each was written (two runs may differ)."""
    return [line for line in calendar.splitlines() if not line.startswith(b"DTSTAMP")]


def test_a_calendar_and_a_summary_with_250_byte_names_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, summary_of_valid: bytes
) -> None:
    """``--ics`` and the job summary take a 250-byte name too."""
    plan = ["plan", "--pack", str(PACK), "--date", "2027-01-12", "--ics"]
    assert main([*plan, str(tmp_path / "short.ics")]) == 0
    calendar = tmp_path / ("c" * 246 + ".ics")
    for _ in range(2):  # made, then replaced
        assert main([*plan, str(calendar)]) == 0
        assert _unstamped(calendar.read_bytes()) == _unstamped(
            (tmp_path / "short.ics").read_bytes()
        )
    assert _leftovers(tmp_path) == []
    summary = tmp_path / ("s" * 247 + ".md")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["validate", "pack.yaml"]) == 0
    assert summary.read_bytes() == summary_of_valid


# A name ending in / names a folder


@pytest.mark.parametrize("ending", ["/", "/.", "//"])
@pytest.mark.parametrize("command", ["handout", "plan-ics"])
def test_a_missing_folder_named_with_a_slash_is_not_made_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, ending: str
) -> None:
    """``-o missing/`` (or ``--ics missing/``) exits 2 saying there is no such folder."""
    name = f"{tmp_path / 'missing'}{ending}"
    argv = (
        ["handout", "tips", "-o", name]
        if command == "handout"
        else ["plan", "--pack", str(PACK), "--date", "2027-01-12", "--ics", name]
    )
    assert main(argv) == 2
    folder = Path(name)
    example = "handout.md" if command == "handout" else "session.ics"
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{name}': it names a folder, and there is no folder '{folder}'; "
        f"make it first (mkdir -p '{folder}') and name a file in it, such as "
        f"'{folder / example}'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_or_file_named_with_a_slash_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o folder/`` says to name a file in it; ``-o file.md/`` is no folder: both exit 2."""
    (tmp_path / "out").mkdir()
    (tmp_path / "tips.md").write_bytes(b"old\n")
    assert main(["handout", "tips", "-o", f"{tmp_path / 'out'}/"]) == 2
    assert main(["handout", "tips", "-o", f"{tmp_path / 'tips.md'}/"]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{tmp_path / 'out'}/': it is a folder; name a file in it, such "
        f"as '{tmp_path / 'out' / 'handout.md'}'\n"
        f"rcpack: cannot write '{tmp_path / 'tips.md'}/': it names a folder, but "
        f"'{tmp_path / 'tips.md'}' is not a folder; leave out the final '/'\n"
    )
    assert list((tmp_path / "out").iterdir()) == []
    assert (tmp_path / "tips.md").read_bytes() == b"old\n"


def test_a_job_summary_named_with_a_slash_is_a_warning(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    summary_of_valid: bytes,
) -> None:
    """GITHUB_STEP_SUMMARY=missing/ makes no file ``missing``: one warning, status unchanged."""
    assert summary_of_valid
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "missing/")
    capsys.readouterr()
    assert main(["validate", "pack.yaml"]) == 0
    assert capsys.readouterr().err == (
        "rcpack: warning: cannot write the job summary to 'missing/': it names a folder, and "
        "there is no folder 'missing'; make it first (mkdir -p 'missing') and name a file in "
        "it, such as 'missing/summary.md'; the report above is complete\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.yaml"]


# Control characters in a name: every message stays one line


def test_a_newline_in_a_handout_name_is_one_line(
    tmp_path: Path, tips: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    r"""``-o $'x\ny.md'`` writes that file and says so in one line, the newline escaped."""
    target = tmp_path / "x\ny\x1b[2J.md"
    assert main(["handout", "tips", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path}/x\\ny\\x1b[2J.md\n"
    assert target.read_bytes() == tips


def test_a_newline_in_a_calendar_name_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--ics`` with a newline in the name says it wrote it in one line on stderr."""
    target = tmp_path / "a\nb.ics"
    argv = ["plan", "--pack", str(PACK), "--date", "2027-01-12", "--ics", str(target)]
    assert main(argv) == 0
    assert capsys.readouterr().err == f"wrote {tmp_path}/a\\nb.ics\n"
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_a_newline_in_a_name_that_cannot_be_written_is_one_line(
    tmp_path: Path, tips: bytes
) -> None:
    """The library's WriteError is one line too, wherever the name appears in it."""
    target = tmp_path / "no\nfolder" / "tips.md"
    with pytest.raises(OSError, match=r"^[^\n]*$") as raised:
        rcp.write_handout(target, rcp.load_pack(), "tips")
    assert str(raised.value) == (
        f"cannot write '{tmp_path}/no\\nfolder/tips.md': there is no folder "
        f"'{tmp_path}/no\\nfolder'"
    )
    hard = tmp_path / "two\nnames.md"
    hard.write_bytes(b"old\n")
    (tmp_path / "other.md").hardlink_to(hard)
    with pytest.raises(WriteError, match=r"^[^\n]*$"):
        replace_file(hard, tips)
    assert hard.read_bytes() == b"old\n"


# The job summary never goes into a content file


@pytest.mark.parametrize("name", ["pack.yaml", "link-to-pack.md", "notes.yml"])
def test_a_job_summary_naming_a_content_file_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    summary_of_valid: bytes,
    name: str,
) -> None:
    """GITHUB_STEP_SUMMARY naming a checked file, a YAML name or a link to one: a warning."""
    assert summary_of_valid
    (tmp_path / "link-to-pack.md").symlink_to("pack.yaml")
    (tmp_path / "notes.yml").write_bytes(b"works: []\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", name)
    capsys.readouterr()
    assert main(["validate", "pack.yaml"]) == 0
    assert capsys.readouterr().err == (
        f"rcpack: warning: cannot write the job summary to '{name}': it is a content file, "
        "and the summary would be added to it; set GITHUB_STEP_SUMMARY to the file GitHub "
        "gives; the report above is complete\n"
    )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# A deleted working folder


GONE = (
    "the current folder no longer exists (it was deleted or moved); go to a folder that "
    "exists (cd), then run again"
)


@pytest.fixture
def deleted_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder, deleted."""
    folder = tmp_path / "gone"
    folder.mkdir()
    monkeypatch.chdir(folder)
    folder.rmdir()
    return folder


@pytest.mark.usefixtures("deleted_folder")
@pytest.mark.parametrize(
    ("argv", "written"),
    [
        (["handout", "tips", "--pack", str(PACK), "-o", "tips.md"], "tips.md"),
        (["plan", "--pack", str(PACK), "--date", "2027-01-12", "--ics", "plan.ics"], "plan.ics"),
        (["fmt", "pack.yaml"], None),
        (["init"], None),
        (["validate"], None),
    ],
    ids=["handout", "plan-ics", "fmt", "init", "validate"],
)
def test_a_deleted_working_folder_is_said(
    capsys: pytest.CaptureFixture[str], argv: list[str], written: str | None
) -> None:
    """Run in a folder that was deleted: exit 2 with what is wrong, not 'cannot write the output'."""
    assert main(argv) == 2
    where = "" if written is None else f"cannot write '{written}': "
    assert capsys.readouterr().err == f"rcpack: {where}{GONE}\n"


@pytest.mark.usefixtures("deleted_folder")
def test_a_deleted_working_folder_is_said_by_the_library_and_the_summary(tmp_path: Path) -> None:
    """replace_file with a relative name, and a relative GITHUB_STEP_SUMMARY, say so too."""
    with pytest.raises(WriteError) as raised:
        replace_file(Path("tips.md"), b"tips\n")
    assert str(raised.value) == f"cannot write 'tips.md': {GONE}"
    warning = write_step_summary([], [tmp_path / "pack.yaml"], {"GITHUB_STEP_SUMMARY": "s.md"})
    assert warning == (
        f"cannot write the job summary to 's.md': {GONE}; the report above is complete"
    )


# init and links to nothing


def test_init_says_a_link_to_nothing_is_what_holds_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A content/ holding only a link to nothing is said as that, not 'a pack already'."""
    from recurrent_care_pack._output import starter  # noqa: PLC0415

    monkeypatch.setattr(starter, "hooks_source", lambda: None)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "pack.yaml").symlink_to("gone.yaml")
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    why = "content/ holds pack.yaml, a link to nothing ('gone.yaml'); remove it to have the "
    assert f"kept {tmp_path / 'content/pack.yaml'}: {why}starter pack written" in out
    assert f"kept {tmp_path / 'content/section-3.yaml'}: {why}starter pack written" in out
    assert (tmp_path / "content" / "pack.yaml").readlink() == Path("gone.yaml")
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["pack.yaml"]
    assert (tmp_path / "README.md").read_bytes() == starter.starter_files(None)["README.md"]


def test_init_into_a_link_to_nothing_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rcpack init LINK`` where LINK leads nowhere: exit 2, and no advice to mkdir it."""
    link = tmp_path / "repo"
    link.symlink_to("nowhere")
    assert main(["init", str(link)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: '{link}' is a link to nothing ('nowhere'); make the folder it leads to "
        "first, or name another folder\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["repo"]


def test_write_handout_takes_a_final_slash_as_a_folder(tmp_path: Path) -> None:
    """``rcp.write_handout("missing/", ...)`` raises OSError and makes no file ``missing``."""
    name = f"{tmp_path / 'missing'}/"
    with pytest.raises(OSError, match=r"^cannot write '.*/missing/': it names a folder, and "):
        rcp.write_handout(name, rcp.load_pack(), "tips", "md")
    assert list(tmp_path.iterdir()) == []


def test_init_says_a_link_with_a_newline_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What init says it kept stays one line when a link it names has a newline in it."""
    from recurrent_care_pack._output import starter  # noqa: PLC0415

    monkeypatch.setattr(starter, "hooks_source", lambda: None)
    (tmp_path / "README.md").symlink_to("a\nb")
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"kept {tmp_path / 'README.md'}: it is a link to nothing ('a\\nb')" in out
    assert (tmp_path / "README.md").readlink() == Path("a\nb")


def test_an_acl_that_cannot_be_kept_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the ACL cannot be given to the new file, the old one stays, and setfacl -b is said."""
    _needs_attributes(tmp_path)
    file = tmp_path / "tips.md"
    file.write_bytes(b"old\n")
    os.setxattr(file, "system.posix_acl_access", _acl_for(OTHER))
    before = _attributes(file)
    real = os.setxattr

    def refused(target: object, name: str, value: bytes, *rest: int) -> None:
        if name.startswith("system."):
            raise OSError(errno.ENOTSUP, "Operation not supported")
        real(target, name, value, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "setxattr", refused)
    with pytest.raises(WriteError) as raised:
        replace_file(file, b"new\n")
    assert str(raised.value) == (
        f"cannot write '{file}': its access control list (ACL) cannot be kept (Operation not "
        f"supported); run rcpack as root, or remove it first (setfacl -b '{file}') if it need "
        "not be kept, then run again"
    )
    assert (file.read_bytes(), _attributes(file)) == (b"old\n", before)
    assert _leftovers(tmp_path) == []

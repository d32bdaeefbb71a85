"""Round three of attacks on the write paths, and on the options that lead to them.

Open files by name (``/dev/stdout``), unreadable files in a fmt run, numbers in options,
usage lines, and the job summary written whole or not at all.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import AS_ROOT, ROOT

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._files import WriteError, append_file, replace_file
from recurrent_care_pack._output.reports import write_step_summary


def _rcpack(arguments: list[str], **streams: object) -> subprocess.CompletedProcess[str]:
    done: subprocess.CompletedProcess[str] = subprocess.run(
        [sys.executable, "-m", "recurrent_care_pack", *arguments],
        text=True,
        check=False,
        cwd=ROOT,
        **streams,  # type: ignore[call-overload]
    )
    return done


# 1. /dev/stdout and its kin name an open file: it is written where it stands, never replaced


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_a_handout_to_stdout_appended_to_a_file_keeps_what_it_held(
    tmp_path: Path, name: str
) -> None:
    """``-o /dev/stdout >> out.md`` adds the handout after what out.md held; a hard link is fine."""
    out = tmp_path / "out.md"
    out.write_text("prev\n", encoding="utf-8")
    os.link(out, tmp_path / "other.md")
    with out.open("a", encoding="utf-8") as stream:
        done = _rcpack(["handout", "tips", "-o", name], stdout=stream, stderr=subprocess.PIPE)
    assert (done.returncode, done.stderr) == (0, f"wrote {name}\n")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("prev\n# Recurrent Care Resource Pack: tip cards\n")
    assert text == "prev\n" + rcp.render_handout(rcp.load_pack(), "tips", "md").decode()
    assert out.stat().st_nlink == 2


def test_a_calendar_to_stdout_comes_before_the_plan_in_the_same_file(tmp_path: Path) -> None:
    """``plan --ics /dev/stdout >> log.txt``: the old text, the calendar, then the plan."""
    log = tmp_path / "log.txt"
    log.write_text("prev\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as stream:
        done = _rcpack(
            ["plan", "section-3", "--date", "2027-01-12", "--ics", "/dev/stdout"],
            stdout=stream,
            stderr=subprocess.PIPE,
        )
    assert (done.returncode, done.stderr) == (0, "wrote /dev/stdout\n")
    text = log.read_text(encoding="utf-8")
    assert text.startswith("prev\nBEGIN:VCALENDAR")
    assert text.index("END:VCALENDAR") < text.index("Ends")


def test_a_handout_to_an_open_descriptor_is_written_at_its_end(tmp_path: Path) -> None:
    """``-o /dev/fd/3 3>>file``: the file opened to append gets the handout at its end."""
    out = tmp_path / "out.md"
    out.write_text("prev\n", encoding="utf-8")
    done = subprocess.run(
        [
            "/bin/sh",
            "-c",
            'exec "$0" -m recurrent_care_pack handout tips -o /dev/fd/3 3>>"$1"',
            sys.executable,
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (done.returncode, done.stdout) == (0, "wrote /dev/fd/3\n")
    assert out.read_text(encoding="utf-8").startswith("prev\n# Recurrent")


def test_a_handout_to_stdin_open_only_for_reading_is_refused(tmp_path: Path) -> None:
    """``-o /dev/stdin <file``: the open file cannot be written, and the file stays as it was."""
    file = tmp_path / "in.md"
    file.write_text("prev\n", encoding="utf-8")
    with file.open(encoding="utf-8") as stream:
        done = _rcpack(["handout", "tips", "-o", "/dev/stdin"], stdin=stream, capture_output=True)
    assert (done.returncode, done.stderr) == (
        2,
        "rcpack: cannot write '/dev/stdin': it is open only for reading; name a file to "
        "write instead\n",
    )
    assert file.read_text(encoding="utf-8") == "prev\n"


# 2. A multi-file fmt run goes on past a file it cannot read


def test_fmt_goes_on_past_a_fifo_and_a_socket_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``fmt .`` with a FIFO and a socket named ``*.yaml``: each said, the rest formatted."""
    (tmp_path / "pack.yaml").write_text("pack:   {title: T}\n", encoding="utf-8")
    os.mkfifo(tmp_path / "f.yaml")
    listening = socket.socket(socket.AF_UNIX)
    monkeypatch.chdir(tmp_path)
    listening.bind("s.yaml")
    try:
        status = main(["fmt", "."])
    finally:
        listening.close()
    out, err = capsys.readouterr()
    assert (status, out, err) == (
        2,
        "reformatted pack.yaml\n3 files in this folder: 1 reformatted, 0 unchanged, 2 not read\n",
        "rcpack: cannot read 'f.yaml': it is not a file (a pipe, socket or device)\n"
        "rcpack: cannot read 's.yaml': it is not a file (a pipe, socket or device)\n",
    )


def test_fmt_goes_on_past_a_file_it_may_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be opened (no permission) is counted; the files after it are done."""
    for name in ("a.yaml", "b.yaml", "z.yaml"):
        (tmp_path / name).write_text("people:   []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    opened = Path.open

    def refuse_b(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "b.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse_b)
    status = main(["fmt", "a.yaml", "b.yaml", "z.yaml"])
    out, err = capsys.readouterr()
    assert (status, err) == (2, "rcpack: cannot read 'b.yaml': Permission denied\n")
    assert out == (
        "reformatted a.yaml\nreformatted z.yaml\n"
        "3 files in this folder: 2 reformatted, 0 unchanged, 1 not read\n"
    )


# 3, 7, 8. Numbers in options: ASCII digits, bounded, said in rcpack's words, on one line


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["validate", "--max-file-size", "9223372036854775807"],
            "argument --max-file-size: '9223372036854775807' is larger than any file rcpack "
            "reads (at most 4G)",
        ),
        (
            ["validate", "--max-file-size", "99999999999999999999G"],
            "argument --max-file-size: '99999999999999999999G' is larger than any file rcpack "
            "reads (at most 4G)",
        ),
        (
            ["validate", "--max-file-size", "\u0663M"],
            "argument --max-file-size: '\u0663M' is not a size like 64M, 500K or 1048576",
        ),
        (
            ["validate", "--max-file-size", "1\nM"],
            "argument --max-file-size: '1\\nM' is not a size like 64M, 500K or 1048576",
        ),
        (["plan", "--days", "\uff13"], "argument --days: '\uff13' is not a number of days like 2"),
        (["plan", "--days", "x"], "argument --days: 'x' is not a number of days like 2"),
        (
            ["plan", "--days", "400"],
            "argument --days: '400' is more days than rcpack plans (at most 366)",
        ),
        (
            ["handout", "tips", "-o", "x.md", "--participants", "\uff13"],
            "argument --participants: '\uff13' is not a number of people like 12",
        ),
        (
            ["handout", "tips", "-o", "x.md", "--participants", "99999999999999999999999"],
            "argument --participants: '99999999999999999999999' is more people than a "
            "handout is printed for (at most 1000)",
        ),
        (
            ["plan", "--date", "x\ny"],
            "argument --date: 'x\\ny' is not a date like 2027-01-12",
        ),
        (
            ["plan", "--start", "x\ny"],
            "argument --start: 'x\\ny' is not a time of day like 09:30",
        ),
    ],
)
def test_a_bad_number_is_one_usage_line(
    arguments: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each is refused with exit 2 and one line in rcpack's words, never an internal error."""
    monkeypatch.chdir(tmp_path)  # nothing is written, but were it, not in the repository
    assert main(arguments) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == f"rcpack {arguments[0]}: error: {message}"


def test_numbers_in_range_are_taken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The largest allowed values work: 4G, 1000 people."""
    assert main(["validate", "--max-file-size", "4G", str(ROOT / "data")]) == 0
    out = tmp_path / "g.md"
    assert main(["handout", "guide", "-o", str(out), "--participants", " 1000 "]) == 0
    capsys.readouterr()


# 4. The job summary: whole or not at all, and never into a content file


def test_a_summary_that_cannot_all_be_written_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """A write that fails part-way (the disk full) is cut back: the file holds its old text."""
    file = tmp_path / "summary.md"
    file.write_bytes(b"old\n")
    real = os.write
    calls: list[int] = []

    def half_then_full(descriptor: int, data: object) -> int:
        calls.append(descriptor)
        if len(calls) == 1:
            return real(descriptor, bytes(data)[:10])  # type: ignore[call-overload]
        raise OSError(28, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "write", half_then_full)
        with pytest.raises(WriteError) as raised:
            append_file(file, lambda _: b"x" * 100)
    assert str(raised.value) == f"cannot write '{file}': No space left on device"
    assert file.read_bytes() == b"old\n"


def test_a_summary_file_with_another_hard_link_is_refused(tmp_path: Path) -> None:
    """Its other name may be a content file: the summary is not added, the file is unchanged."""
    file = tmp_path / "summary.md"
    file.write_bytes(b"old\n")
    os.link(file, tmp_path / "notes.txt")
    warning = write_step_summary([], [], {"GITHUB_STEP_SUMMARY": str(file)})
    assert warning == (
        f"cannot write the job summary to '{file}': it has 2 hard links, and one of its "
        "other names may be a file that must not change; name a file of its own; the report "
        "above is complete"
    )
    assert file.read_bytes() == b"old\n"


def test_a_summary_file_holding_pack_content_is_refused(tmp_path: Path) -> None:
    """A copy of a pack file under another name is content by what it holds."""
    file = tmp_path / "other.md"
    text = (ROOT / "data" / "pack.yaml").read_bytes()
    file.write_bytes(text)
    warning = write_step_summary([], [], {"GITHUB_STEP_SUMMARY": str(file)})
    assert warning == (
        f"cannot write the job summary to '{file}': it is a content file, and the summary "
        "would be added to it; set GITHUB_STEP_SUMMARY to the file GitHub gives; the report "
        "above is complete"
    )
    assert file.read_bytes() == text


def test_replace_file_of_a_link_to_stdout_in_a_pipe_still_streams() -> None:
    """A name for stdout that is a pipe is written as a stream by its name, as before."""
    read, write = os.pipe()
    try:
        replace_file(Path(f"/proc/self/fd/{write}"), b"hello")
        assert os.read(read, 5) == b"hello"
    finally:
        os.close(read)
        os.close(write)


# 10. Messages that are true


def _last_error(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err.splitlines()[-1]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["handout", "tips", "-o", ""],
            "cannot write '': the name is empty; name a file such as 'handout.md'",
        ),
        (
            ["plan", "--date", "2027-01-12", "--ics", ""],
            "cannot write '': the name is empty; name a file such as 'session.ics'",
        ),
        (
            ["handout", "tips", "-o", "new.yaml"],
            "cannot write 'new.yaml': a name ending '.yaml' is a content file's; name the "
            "handout file something like 'handout.md'",
        ),
        (
            ["plan", "--date", "2027-01-12", "--ics", "new.yml"],
            "cannot write 'new.yml': a name ending '.yml' is a content file's; name the "
            "calendar file something like 'session.ics'",
        ),
        (
            ["plan", "--date", "2027-01-12", "--ics", "folder"],
            "cannot write 'folder': it is a folder; name a file in it, such as "
            "'folder/session.ics'",
        ),
        (
            ["plan", "--date", "2027-01-12", "--ics", "folder/"],
            "cannot write 'folder/': it is a folder; name a file in it, such as "
            "'folder/session.ics'",
        ),
    ],
)
def test_an_output_name_that_cannot_be_written_is_said_truly(
    arguments: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An empty name is not a folder; a .yaml name that does not exist is not overwritten."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    assert main([*arguments, "--pack", str(ROOT / "data")]) == 2
    assert _last_error(capsys) == f"rcpack: {message}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_a_summary_into_a_folder_or_socket_suggests_a_summary_file(tmp_path: Path) -> None:
    """GITHUB_STEP_SUMMARY naming a folder or a socket is told to name a summary file."""
    warning = write_step_summary([], [], {"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert warning == (
        f"cannot write the job summary to '{tmp_path}': it is a folder; name a file in it, "
        f"such as '{tmp_path / 'summary.md'}'; the report above is complete"
    )
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(tmp_path / "sock"))
    try:
        warning = write_step_summary([], [], {"GITHUB_STEP_SUMMARY": str(tmp_path / "sock")})
    finally:
        listening.close()
    assert warning == (
        f"cannot write the job summary to '{tmp_path / 'sock'}': it is a socket, not a file; "
        "name a file such as 'summary.md'; the report above is complete"
    )


def test_dev_tty_without_a_terminal_says_there_is_no_terminal() -> None:
    """``setsid rcpack handout tips -o /dev/tty``: no terminal, not 'nothing is reading'."""
    done = subprocess.run(
        [sys.executable, "-m", "recurrent_care_pack", "handout", "tips", "-o", "/dev/tty"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        start_new_session=True,  # as setsid: no controlling terminal
        stdin=subprocess.DEVNULL,
    )
    assert (done.returncode, done.stderr) == (
        2,
        "rcpack: cannot write '/dev/tty': the device it names is not there (/dev/tty is not, "
        "when rcpack runs without a terminal); name a file to write instead\n",
    )


def test_a_name_that_is_not_utf8_is_shown_as_its_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r"""``a\xffb.md`` is said as ``a\xffb.md``, not ``a\udcffb.md``."""
    name = os.fsdecode(bytes(tmp_path) + b"/a\xffb.md")
    assert main(["handout", "tips", "-o", name]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path}/a\\xffb.md\n"


def test_init_with_the_current_folder_gone_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``init sub`` in a deleted folder says the folder is gone; absolute paths still work."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert main(["init", "sub"]) == 2
    assert _last_error(capsys) == (
        "rcpack: the current folder no longer exists (it was deleted or moved); go to a "
        "folder that exists (cd), then run again"
    )
    assert main(["validate", str(ROOT / "data")]) == 0
    assert capsys.readouterr().out == f"checked 2 files in {ROOT / 'data'}/: no problems\n"


def test_init_says_a_loop_and_a_chain_of_links_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loop of links is a loop; a link to a link to nothing says where the chain ends."""
    monkeypatch.chdir(tmp_path)
    Path("a").symlink_to("b")
    Path("b").symlink_to("a")
    Path("dl").symlink_to(tmp_path / "nothere")
    Path("dl2").symlink_to("dl")
    assert main(["init", "a"]) == 2
    assert _last_error(capsys) == (
        "rcpack: 'a' is a link in a loop of links that lead back to each other; name another "
        "folder"
    )
    assert main(["init", "dl2"]) == 2
    assert _last_error(capsys) == (
        f"rcpack: 'dl2' is a link to a link ('dl'), and the links end at nothing "
        f"('{tmp_path / 'nothere'}'); make the folder it leads to first, or name another folder"
    )


# 12. An interrupted init leaves no empty folder it made


def test_an_interrupted_init_takes_away_the_empty_folders_it_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the first content file is written: no empty ``content/`` is left."""
    from recurrent_care_pack._output import starter  # noqa: PLC0415

    def interrupted(_path: Path, _content: bytes) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(starter, "create_file", interrupted)
    assert main(["init", str(tmp_path)]) == 130
    assert capsys.readouterr().err == "rcpack: interrupted\n"
    assert list(tmp_path.iterdir()) == []


USER = 1234  # a user with no name on this machine


@contextlib.contextmanager
def _as_user(folder_mode: int) -> Iterator[Path]:
    """A root-owned folder of ``folder_mode`` in /tmp, with the effective user ``USER``."""
    top = Path(tempfile.mkdtemp())
    top.chmod(folder_mode)
    try:
        os.setegid(USER)
        os.seteuid(USER)
        try:
            yield top
        finally:
            os.seteuid(0)
            os.setegid(0)
    finally:
        shutil.rmtree(top)


@AS_ROOT
def test_a_folder_that_may_not_be_written_is_said_as_the_folder() -> None:
    """A writable file in a folder the user may not write: the folder is named, not the file."""
    with _as_user(0o755) as top:
        file = top / "r.md"
        os.seteuid(0)
        file.write_bytes(b"old")
        os.chown(file, USER, USER)
        os.seteuid(USER)
        with pytest.raises(WriteError) as raised:
            replace_file(file, b"new")
        assert str(raised.value) == (
            f"cannot write '{file}': the folder '{top}' may not be written (Permission "
            "denied), so no new file can be made there; get permission to write in it, or work "
            "in a folder you may write to"
        )
        assert file.read_bytes() == b"old"


@AS_ROOT
def test_root_s_file_in_a_sticky_folder_gives_only_advice_that_can_work() -> None:
    """In a sticky folder another's file cannot be taken over by cp and mv: not advised."""
    with _as_user(0o1777) as top:
        file = top / "r.md"
        os.seteuid(0)
        file.write_bytes(b"old")
        file.chmod(0o666)
        os.seteuid(USER)
        with pytest.raises(WriteError) as raised:
            replace_file(file, b"new")
        assert str(raised.value) == (
            f"cannot write '{file}': it belongs to user 'root', and replacing it would make "
            "it yours; run rcpack as root, then run again"
        )
        assert file.read_bytes() == b"old"


def test_fmt_of_an_open_file_by_its_descriptor_replaces_it_whole(tmp_path: Path) -> None:
    """``fmt /dev/fd/3 3<>p.yaml``: the file is replaced whole, no old tail left after it."""
    file = tmp_path / "p.yaml"
    file.write_bytes(b"people:   []\n\n\n\n\n\n")
    done = subprocess.run(
        [
            "/bin/sh",
            "-c",
            'exec "$0" -m recurrent_care_pack fmt /dev/fd/3 3<>"$1"',
            sys.executable,
            str(file),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert file.read_bytes() == b"people: []\n"

"""Round three of attacks on the write paths, and on the options that lead to them.

Open files by name (``/dev/stdout``), unreadable files in a fmt run, numbers in options,
usage lines, and the job summary written whole or not at all.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._files import WriteError, append_file, replace_file
from recurrent_care_pack._output.reports import write_step_summary

ROOT = Path(__file__).resolve().parents[1]


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
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each is refused with exit 2 and one line in rcpack's words, never an internal error."""
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

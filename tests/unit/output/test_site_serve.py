"""``rcpack site --serve``: the site served, built again when a source is saved, pages reloaded."""

import contextlib
import ctypes
import platform
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from session_cases import SESSION

from recurrent_care_pack._output.serving import RELOAD_PATH, Preview


def _ctrl_c_as_in_a_terminal() -> None:
    """In the child, before rcpack starts: SIGINT as a terminal gives it (not ignored).

    A process started in the background by a script inherits SIGINT ignored, and Python
    then leaves it so: these tests' Ctrl-C must reach rcpack whatever ran pytest.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


#: The longest a test waits for the server (a bound on a hang, not a timing: a shared
#: machine's rebuild may take seconds).
BOUND = 60


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=BOUND) as response:  # noqa: S310 (our own server)
        text: str = response.read().decode("utf-8")
        return text


def _until(check: Callable[[], bool], seconds: float = BOUND) -> None:
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, "not in time"
        time.sleep(0.05)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Preview, Path, list[bool]]]:
    """A folder of one page served, one source watched, and each rebuild's answer."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body><p>Hi</p></body></html>")
    (tmp_path / "pack.yaml").write_text("one")
    answers: list[bool] = []

    def rebuild() -> bool:
        answers.append((tmp_path / "pack.yaml").read_text() != "broken")
        return answers[-1]

    preview = Preview(
        tmp_path / "site", rebuild, lambda: [tmp_path / "pack.yaml"], port=0, every=0.05
    )
    try:
        yield preview, tmp_path, answers
    finally:
        preview.stop()


def test_a_served_page_gets_the_reload_script_and_the_file_does_not(
    served: tuple[Preview, Path, list[bool]],
) -> None:
    """The script asks for the build; the page on disk is as rcpack site wrote it."""
    preview, folder, _ = served
    page = _get(preview.url)
    assert page.startswith("<html><body><p>Hi</p><script>")
    assert f"fetch('{RELOAD_PATH}'" in page
    assert page.endswith("</script></body></html>")
    assert "script" not in (folder / "site" / "index.html").read_text()
    assert _get(preview.url + RELOAD_PATH.lstrip("/")) == "0"


def _save(file: Path, text: str) -> None:
    """``text`` saved whole at once, as an editor that saves by renaming does."""
    file.with_suffix(".saving").write_text(text)
    file.with_suffix(".saving").replace(file)


def test_a_saved_source_rebuilds_and_a_failed_rebuild_keeps_the_build(
    served: tuple[Preview, Path, list[bool]],
) -> None:
    """A change counts a build when the rebuild succeeds; one with problems does not."""
    preview, folder, answers = served
    _save(folder / "pack.yaml", "two")
    _until(lambda: answers == [True])
    assert _get(preview.url + RELOAD_PATH.lstrip("/")) == "1"
    _save(folder / "pack.yaml", "broken")
    _until(lambda: answers == [True, False])
    assert _get(preview.url + RELOAD_PATH.lstrip("/")) == "1"


def test_a_rebuild_is_told_once_pages_reload_to_it(tmp_path: Path) -> None:
    """``built`` runs after the build number moves on, and only for a rebuild that succeeded.

    The command said "wrote 22 pages" before the number moved on: a page asked for it then
    was told nothing had changed (the serving test failed so, under load).
    """
    (tmp_path / "site").mkdir()
    source = tmp_path / "pack.yaml"
    source.write_text("one")
    told: list[int] = []
    preview = Preview(
        tmp_path / "site",
        lambda: source.read_text() != "broken",
        lambda: [source],
        port=0,
        every=3600,
        built=lambda: told.append(preview.build),
    )
    try:
        for text in ("two", "broken", "three"):
            source.write_text(text)
            assert not preview.look()  # changed: built once it is still
            assert preview.look()
        assert told == [1, 2]
    finally:
        preview.stop()


def test_a_file_saved_in_pieces_is_built_once_it_is_still(tmp_path: Path) -> None:
    """Emptied, then written: no build of the empty file, one build of the whole."""
    (tmp_path / "site").mkdir()
    source = tmp_path / "pack.yaml"
    source.write_text("one")
    read: list[str] = []

    def rebuild() -> bool:
        read.append(source.read_text())
        return True

    preview = Preview(tmp_path / "site", rebuild, lambda: [source], port=0, every=3600)
    try:
        assert not preview.look()  # nothing changed
        source.write_text("")
        assert not preview.look()  # changed: looked at again before building
        source.write_text("two, written")
        assert not preview.look()  # changed again: still being written
        assert preview.look()  # as it was at the last look: built
        assert (read, preview.build) == (["two, written"], 1)
        assert not preview.look()  # built already
        assert read == ["two, written"]
    finally:
        preview.stop()


@contextlib.contextmanager
def _serving(folder: Path, out: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``rcpack site OUT --serve`` started in ``folder``, built: the process and its address.

    Never left running, whatever fails.
    """
    rcpack = str(Path(sys.executable).parent / "rcpack")
    process = subprocess.Popen(
        [rcpack, "site", out, "--serve", "--port", "0", "--no-search"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,  # noqa: PLW1509 (signals only, before exec)
    )
    try:
        assert process.stdout is not None
        built = process.stdout.readline()
        assert built == f"wrote 22 pages into {folder / out}, 1 session\n", built
        serving = process.stdout.readline()
        assert serving.startswith("serving http://127.0.0.1:")
        yield process, serving.split()[1]
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.mark.slow
def test_the_command_serves_and_rebuilds_when_the_session_file_is_saved(tmp_path: Path) -> None:
    """The command serves, builds again on save, and stops at Ctrl-C."""
    (tmp_path / "session.yaml").write_text(SESSION, encoding="utf-8")
    with _serving(tmp_path, "out") as (process, url):
        assert process.stdout is not None
        assert "Team learning day" in _get(url + "sessions/session.html")
        _save(tmp_path / "session.yaml", SESSION.replace("Team learning day", "Team day, moved"))
        assert process.stdout.readline() == f"wrote 22 pages into {tmp_path / 'out'}, 1 session\n"
        assert "Team day, moved" in _get(url + "sessions/session.html")
        assert _get(url + RELOAD_PATH.lstrip("/")) == "1"
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=BOUND)
    assert process.returncode == 0
    assert out == "stopped\n"


#: Linux's tgkill system call, which signals one thread of a process, by machine.
_TGKILL = {"x86_64": 234, "aarch64": 131}


@pytest.mark.slow
@pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or platform.machine() not in _TGKILL,
    reason="signals one thread through Linux's /proc and tgkill",
)
def test_ctrl_c_that_lands_on_another_thread_stops_the_server(tmp_path: Path) -> None:
    """The kernel may give a Ctrl-C to the server's or the watch's thread: it still stops.

    The main thread waited on a lock that only its own signals woke: it hung.
    """
    (tmp_path / "session.yaml").write_text(SESSION, encoding="utf-8")
    libc = ctypes.CDLL(None, use_errno=True)
    for thread in range(2):
        with _serving(tmp_path, f"out{thread}") as (process, _):
            pid = process.pid
            tasks = Path(f"/proc/{pid}/task").iterdir()
            others = sorted(int(task.name) for task in tasks if int(task.name) != pid)
            assert len(others) >= 2  # the server's and the watch's
            tgkill = _TGKILL[platform.machine()]
            assert libc.syscall(tgkill, pid, others[thread], signal.SIGINT) == 0
            out, _ = process.communicate(timeout=BOUND)
        assert (process.returncode, out) == (0, "stopped\n")

"""The tests' warm start of rcpack (tests/helpers/warm_server.py) behaves as a cold start does."""

import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import warm_server


def _both(*argv: str, cwd: Path) -> list[tuple[int, str, str]]:
    """What ``rcpack ARGV`` in ``cwd`` gives cold, then warm: status, stdout, stderr."""
    cold = [sys.executable, "-m", "recurrent_care_pack", *argv]
    said = []
    for command in (cold, warm_server.command(*argv)):
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        said.append((done.returncode, done.stdout, done.stderr))
    return said


@pytest.mark.parametrize(
    ("files", "status"),
    [({"pack.yaml": "title: [\n"}, 1), ({}, 2)],
    ids=["problems", "no pack"],
)
def test_a_warm_rcpack_says_and_exits_as_a_cold_one(
    tmp_path: Path, files: dict[str, str], status: int
) -> None:
    """Its folder, output streams and exit status are the launcher's."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    cold, warm = _both("validate", cwd=tmp_path)
    assert cold[0] == status
    assert warm == cold


def test_a_signal_to_the_launcher_ends_the_server_as_it_would_end_it(tmp_path: Path) -> None:
    """SIGTERM to a started server's launcher ends the server, and the launcher by it.

    The server's output closes while its input is still open: it has ended.
    """
    started = subprocess.Popen(
        warm_server.command("lsp"),
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert started.stdin is not None
    assert started.stdout is not None
    request = (
        b'{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}'
    )
    started.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(request), request))
    started.stdin.flush()
    assert started.stdout.readline().startswith(b"Content-Length: ")  # answered: it runs
    started.send_signal(signal.SIGTERM)
    assert started.wait(60) == -signal.SIGTERM
    assert select.select([started.stdout], [], [], 60)[0]
    started.stdout.read()  # to its end: no server holds it open
    started.stdin.close()
    started.stdout.close()

"""``rcpack lsp`` started warm: its modules imported once per test process, forked per session.

Importing the language server (pygls, lsprotocol and the package) takes most of a second,
and the tests start one server per test. A *starter* process imports it once; each session
runs a tiny launcher (``python -S``, no imports of note) that hands the starter its own
stdin, stdout and stderr over a Unix socket. The starter forks a watcher, the watcher forks
the server, which takes the launcher's streams, folder, environment and arguments and runs
``rcpack`` as ``python -m recurrent_care_pack`` would. The watcher sends the launcher the
server's process id, then its exit status, which the launcher exits with; a signal sent to
the launcher is passed on to the server. So the client talks to a real ``rcpack lsp``
process over real pipes: only the imports are shared. The tests of the server's own exits
and signals (tests/unit/editor/test_lsp_wire.py) start it cold, as an editor does.
"""

import atexit
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

#: The launcher: connects, passes its streams, forwards signals, exits as the server did.
_LAUNCHER = """
import json, os, signal, socket, sys
starter = socket.socket(socket.AF_UNIX)
starter.connect(sys.argv[1])
socket.send_fds(starter, [b"streams"], [0, 1, 2])
asked = {"argv": sys.argv[2:], "cwd": os.getcwd(), "env": dict(os.environ)}
starter.sendall(json.dumps(asked).encode() + b"\\n")
nothing = os.open(os.devnull, os.O_RDWR)  # the streams are the server's alone now
for number in (0, 1, 2):
    os.dup2(nothing, number)
said = starter.makefile("rb")
server = int(said.readline())
def passed_on(number, _):
    os.kill(server, number)
for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(number, passed_on)
ended = said.readline()
status = int(ended) if ended else 1
if status < 0:
    signal.signal(-status, signal.SIG_DFL)
    os.kill(os.getpid(), -status)
sys.exit(status)
"""


class _Starter:
    """The starter process of this test process, started at the first session."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="rcpack-starter-"))
        self.address = str(self.folder / "starter")
        # The starter ends when this process does: its stdin is a pipe from here.
        self.process = subprocess.Popen(
            [sys.executable, __file__, self.address],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == b"listening\n", "the starter did not start"
        atexit.register(self.stop)

    def command(self, *argv: str) -> list[str]:
        """The command that runs ``rcpack ARGV`` through this starter."""
        return [sys.executable, "-S", "-c", _LAUNCHER, self.address, *argv]

    def stop(self) -> None:
        """End the starter (the servers it started end with their clients)."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(30)
        for leftover in self.folder.iterdir():
            leftover.unlink()
        self.folder.rmdir()


_started: dict[int, _Starter] = {}


def command(*argv: str) -> list[str]:
    """A command that runs ``rcpack ARGV`` warm, from this test process's starter."""
    pid = os.getpid()  # a forked test process (mutmut's) starts its own
    if pid not in _started:
        _started[pid] = _Starter()
    return _started[pid].command(*argv)


# The starter --------------------------------------------------------------------------


def _serve(address: str) -> None:
    """Import the server, then fork a watcher for each launcher until stdin ends."""
    sys.path[0] = str(Path.cwd())  # what ``python -m`` run here would import
    from recurrent_care_pack import _cli  # noqa: PLC0415 (what the starter keeps warm)
    from recurrent_care_pack._editor import server  # noqa: F401, PLC0415

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # watchers are reaped by the system
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C at pytest is pytest's
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(address)
    listener.listen()
    sys.stdout.write("listening\n")
    sys.stdout.flush()
    waiting = selectors.DefaultSelector()
    waiting.register(listener, selectors.EVENT_READ)
    waiting.register(sys.stdin, selectors.EVENT_READ)
    while True:
        for key, _ in waiting.select():
            if key.fileobj is sys.stdin:
                return  # the test process has ended
            connection, _ = listener.accept()
            if os.fork() == 0:
                listener.close()
                _watch(connection, _cli.run)
            connection.close()


def _watch(connection: socket.socket, run: object) -> None:
    """In the watcher: fork the server, say its id, wait for it, say its status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    _, streams, _, _ = socket.recv_fds(connection, 64, 3)
    asked = json.loads(connection.makefile("rb").readline())
    server = os.fork()
    if server == 0:
        connection.close()
        for number, stream in enumerate(streams):
            os.dup2(stream, number)
            os.close(stream)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(asked["cwd"])
        os.environ.clear()
        os.environ.update(asked["env"])
        sys.argv = [sys.argv[0], *asked["argv"]]
        status = 1
        try:
            run()  # type: ignore[operator]
        except SystemExit as ended:
            status = ended.code if isinstance(ended.code, int) else 1
        except BaseException:  # noqa: BLE001 (shown as Python itself shows it)
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)
    for stream in streams:
        os.close(stream)
    connection.sendall(f"{server}\n".encode())
    _, how = os.waitpid(server, 0)
    connection.sendall(f"{os.waitstatus_to_exitcode(how)}\n".encode())
    os._exit(0)


if __name__ == "__main__":
    _serve(sys.argv[1])

"""``rcpack lsp``'s connection, fed raw bytes: malformed frames, shutdown and exit, closed streams.

Each test talks to a real server process over pipes; every read is bounded and every
process is killed at the end, so a server that stops answering fails a test, never hangs it.
"""

from __future__ import annotations

import ctypes
import itertools
import json
import os
import platform
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from paths import DATA
from pygls.protocol import default_converter

from recurrent_care_pack._content.reading import read_file
from recurrent_care_pack._editor.symbols import document_symbols
from recurrent_care_pack._editor.wire import MAX_BODY

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

if TYPE_CHECKING:
    from collections.abc import Iterator


#: The longest a test waits for one message, or for the server to end.
TIMEOUT = 10.0

LSP = [sys.executable, "-m", "recurrent_care_pack", "lsp"]

Message = dict[str, Any]


def frame(message: Message, line_end: bytes = b"\r\n") -> bytes:
    """``message`` as the base protocol frames it."""
    body = json.dumps(message).encode()
    return b"Content-Length: %d%b%b%b" % (len(body), line_end, line_end, body)


def request(message_id: int, method: str, params: object = None) -> bytes:
    """A framed request."""
    return frame({"jsonrpc": "2.0", "id": message_id, "method": method, "params": params})


def notification(method: str, params: object = None) -> bytes:
    """A framed notification."""
    return frame({"jsonrpc": "2.0", "method": method, "params": params})


SHUTDOWN = request(7, "shutdown")
SHUT_DOWN = {"jsonrpc": "2.0", "id": 7, "result": None}  # the answer to SHUTDOWN
EXIT = notification("exit")
HEADER = SHUTDOWN.split(b"\r\n")[0].decode()  # SHUTDOWN's Content-Length line


def _not_json(constant: str) -> NoReturn:
    raise ValueError(f"the server wrote {constant}, which is not JSON")


class Server:
    """One ``rcpack lsp`` process; its messages and its stderr read as they come."""

    def __init__(self) -> None:
        """Start the server (it is not initialised: the wire needs no session)."""
        self.process = subprocess.Popen(
            LSP, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.messages: queue.Queue[Message | None] = queue.Queue()
        self.errors = bytearray()
        self.more_errors = threading.Condition()
        self.readers = [
            threading.Thread(target=self._read_messages, daemon=True),
            threading.Thread(target=self._read_errors, daemon=True),
        ]
        for reader in self.readers:
            reader.start()

    def _read_messages(self) -> None:
        assert self.process.stdout is not None
        stdout = self.process.stdout
        while True:
            length = None
            while (line := stdout.readline()) not in {b"\r\n", b""}:
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if not line or length is None:
                break
            self.messages.put(json.loads(stdout.read(length), parse_constant=_not_json))
        self.messages.put(None)  # the end of the output

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        while chunk := os.read(self.process.stderr.fileno(), 4096):
            with self.more_errors:
                self.errors += chunk
                self.more_errors.notify_all()

    def errors_since(self, start: int, *, some: bool = False) -> str:
        """What the server has said on stderr since it had said ``start`` bytes, in lines.

        With ``some``, wait for a line: stderr is read apart from stdout, so a line written
        before an answer may be read after it.
        """
        with self.more_errors:
            self.more_errors.wait_for(
                lambda: (
                    self.errors[start:].endswith(b"\n") or (len(self.errors) == start and not some)
                ),
                timeout=TIMEOUT,
            )
            return self.errors[start:].decode()

    def send(self, data: bytes) -> None:
        """Write ``data`` to the server's stdin."""
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def receive(self) -> Message:
        """The server's next message."""
        message = self.messages.get(timeout=TIMEOUT)
        assert message is not None, "the server's output ended"
        return message

    def end(self) -> tuple[int, list[Message], str]:
        """Wait for the server to end: its status, the messages not yet read, its stderr."""
        status = self.process.wait(timeout=TIMEOUT)
        for reader in self.readers:
            reader.join(timeout=TIMEOUT)
        rest = []
        while (message := self.messages.get(timeout=TIMEOUT)) is not None:
            rest.append(message)
        return status, rest, self.errors.decode()

    def kill(self) -> None:
        """Stop the process if it is still running, and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


class _Spares:
    """A server started ahead of the test that will use it: most of a test is its server's start."""

    def __init__(self) -> None:
        self.waiting: Server | None = None

    def take(self) -> Server:
        taken = self.waiting or Server()
        self.waiting = Server()
        return taken


@pytest.fixture(scope="module")
def spares() -> Iterator[_Spares]:
    """Servers starting in the background, ended with the module."""
    started = _Spares()
    yield started
    if started.waiting is not None:
        started.waiting.kill()


@pytest.fixture
def server(spares: _Spares) -> Iterator[Server]:
    """A fresh server, killed at the end of the test whatever happened."""
    started = spares.take()
    yield started
    started.kill()


def _skipped(problem: str) -> str:
    return f"rcpack: skipped a malformed message from the editor: {problem}\n"


def _parse_error(text: str) -> Message:
    error = {"code": -32700, "message": f"Parse error: the message is not JSON: {text}"}
    return {"jsonrpc": "2.0", "id": None, "error": error}


def _framed(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n%b" % (len(body), body)


SHORT = b'{"a": 1}'  # cut short after 4 bytes below, leaving ': 1}' before the next header
NOT_RPC = "Invalid Request: the message is not a JSON-RPC 2.0 message"
NEXT = "Content-Length: 138"  # the header line of `_symbols`'s requests (ids of 3 digits)
_IDS = itertools.count(100)

MALFORMED = {
    "negative length": (b"Content-Length: -5\r\n\r\n{}", [], "Content-Length '-5' is not a whole number of bytes"),
    "length not a number": (b"Content-Length: abc\r\n\r\n{}", [], "Content-Length 'abc' is not a whole number of bytes"),
    "no length": (b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}", [], "the headers end without a Content-Length"),
    "no header at all": (b"\r\n{}", [], f"'{{}}{NEXT}' is not a header line"),
    "not a header line": (b"abc\r\n", [], "'abc' is not a header line"),
    "a header line of 100 000 bytes": (b"X" * 100_000 + b"\r\n\r\n{}", [], f"'{'X' * 40}…' is not a header line"),
    "length shorter than the body": (
        b"Content-Length: 4\r\n\r\n" + SHORT,
        [_parse_error("Expecting ':' delimiter: line 1 column 5 (char 4)")],
        f"': 1}}{NEXT}' is not a header line",
    ),
    "length of 99999999999": (b"Content-Length: 99999999999\r\n\r\n{}", [], "Content-Length '99999999999' is over the 64 MiB limit"),
    "length just over 64 MiB": (b"Content-Length: %d\r\n\r\n{}" % (MAX_BODY + 1), [], f"Content-Length '{MAX_BODY + 1}' is over the 64 MiB limit"),
    "length over 64 MiB after zeros": (b"Content-Length: 000%d\r\n\r\n{}" % (MAX_BODY + 1), [], f"Content-Length '000{MAX_BODY + 1}' is over the 64 MiB limit"),
    "length of 10 000 digits": (b"Content-Length: " + b"1" * 10_000 + b"\r\n\r\n{}", [], f"Content-Length '{'1' * 40}…' is over the 64 MiB limit"),
    "body not JSON": (b"Content-Length: 3\r\n\r\nabc", [_parse_error("Expecting value: line 1 column 1 (char 0)")], None),
    "body not UTF-8": (b"Content-Length: 2\r\n\r\n\xc3(", [_parse_error("'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte")], None),
    "JSON, not JSON-RPC": (b"Content-Length: 2\r\n\r\n[]", [{"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": NOT_RPC}}], None),
    "NaN": (_framed(b"NaN"), [_parse_error("NaN is not a JSON value")], None),
    "an id of Infinity": (_framed(b'{"jsonrpc":"2.0","id":Infinity,"method":"shutdown"}'), [_parse_error("Infinity is not a JSON value")], None),
    "an id of -Infinity": (_framed(b'{"jsonrpc":"2.0","id":-Infinity,"method":"shutdown"}'), [_parse_error("-Infinity is not a JSON value")], None),
}  # fmt: skip


@pytest.fixture(scope="module")
def session() -> Iterator[Server]:
    """One server fed every malformed frame in turn (a server costs a second to start)."""
    started = Server()
    yield started
    started.kill()


def _symbols(message_id: int, line_end: bytes = b"\r\n") -> tuple[bytes, Message]:
    """A request with a known answer that changes nothing, and that answer."""
    params = {"textDocument": {"uri": "file:///nowhere/module.yaml"}}
    asked = {"jsonrpc": "2.0", "id": message_id, "method": "textDocument/documentSymbol"}
    answer = {"jsonrpc": "2.0", "id": message_id, "result": []}
    return frame({**asked, "params": params}, line_end), answer


@pytest.mark.parametrize(("bad", "answers", "problem"), MALFORMED.values(), ids=MALFORMED)
def test_after_a_malformed_frame_the_next_request_is_answered(
    session: Server, bad: bytes, answers: list[Message], problem: str | None
) -> None:
    """A malformed frame is answered or reported in one line, then skipped; the server goes on."""
    before = len(session.errors)
    asked, answer = _symbols(next(_IDS))
    assert asked.startswith(NEXT.encode())
    session.send(bad + asked)
    assert [session.receive() for _ in answers] == answers
    assert session.receive() == answer
    said = session.errors_since(before, some=problem is not None)
    assert said == ("" if problem is None else _skipped(problem))


def test_headers_may_end_in_a_bare_line_feed(session: Server) -> None:
    """Header lines ending in LF alone, not CRLF, are read as the editor meant them."""
    before = len(session.errors)
    asked, answer = _symbols(next(_IDS), line_end=b"\n")
    session.send(asked)
    assert session.receive() == answer
    assert session.errors_since(before) == ""


def test_a_length_longer_than_the_body_loses_the_next_message_only(session: Server) -> None:
    """The body runs into the next message, which is lost; the one after it is answered."""
    before = len(session.errors)
    (swallowed, _), (asked, answer) = _symbols(next(_IDS)), _symbols(next(_IDS))
    session.send(b"Content-Length: 30\r\n\r\n{}" + swallowed + asked)
    assert session.receive() == _parse_error("Extra data: line 1 column 3 (char 2)")
    assert session.receive() == answer
    rest = swallowed[30 - 2 :].split(b"\r\n")[-1][:40].decode()
    assert session.errors_since(before, some=True) == _skipped(f"'{rest}…' is not a header line")


def test_a_request_whose_params_do_not_fit_is_answered_with_invalid_params(
    session: Server,
) -> None:
    """Params of the wrong shape get error -32602 for that request, and one line on stderr."""
    before, message_id = len(session.errors), next(_IDS)
    session.send(request(message_id, "textDocument/hover", 42))
    error = {"code": -32602, "message": "Invalid Params"}
    assert session.receive() == {"jsonrpc": "2.0", "id": message_id, "error": error}
    assert session.errors_since(before, some=True) == "rcpack: Unable to deserialize message\n"


def test_shutdown_then_exit_ends_with_status_0_and_nothing_on_stderr(server: Server) -> None:
    """The spec's clean ending: shutdown answered with null, then exit: status 0, no output."""
    server.send(SHUTDOWN + EXIT)
    assert server.receive() == SHUT_DOWN
    assert server.end() == (0, [], "")


def test_exit_without_shutdown_ends_with_status_1(server: Server) -> None:
    """Exit before shutdown is an abnormal end: status 1, as the spec says."""
    server.send(EXIT)
    assert server.end() == (1, [], "")


def test_after_shutdown_requests_are_refused_and_notifications_dropped(server: Server) -> None:
    """After shutdown a request gets Invalid Request (-32600); a notification gets nothing."""
    hover = {"textDocument": {"uri": "file:///x.yaml"}, "position": {"line": 0, "character": 0}}
    server.send(
        SHUTDOWN + notification("initialized", {}) + request(8, "textDocument/hover", hover)
    )
    assert server.receive() == SHUT_DOWN
    refusal = "Invalid Request: the server has shut down; only exit may follow"
    error = {"code": -32600, "message": refusal}
    assert server.receive() == {"jsonrpc": "2.0", "id": 8, "error": error}
    server.send(EXIT)
    assert server.end() == (0, [], "")


def test_the_end_of_the_input_after_shutdown_ends_with_status_0(server: Server) -> None:
    """An editor that closes the connection after shutdown, without exit, ends it cleanly."""
    server.send(SHUTDOWN)
    assert server.receive() == SHUT_DOWN
    assert server.process.stdin is not None
    server.process.stdin.close()
    assert server.end() == (0, [], "")


def test_the_end_of_the_input_before_shutdown_ends_with_status_1(server: Server) -> None:
    """An editor that vanishes (its end of stdin closed) ends the server at once: status 1."""
    assert server.process.stdin is not None
    server.process.stdin.close()
    message = "rcpack: the editor closed the connection without shutting the server down\n"
    assert server.end() == (1, [], message)


def test_an_editor_that_stops_reading_ends_the_server_with_one_line() -> None:
    """When the answer cannot be written (the editor's end of stdout closed): status 2."""
    with subprocess.Popen(
        LSP, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        process.stdout.close()
        _, errors = process.communicate(SHUTDOWN, timeout=TIMEOUT)
    message = "rcpack: cannot write to the editor: Broken pipe\n"
    assert (process.returncode, errors.decode()) == (2, message)


@pytest.mark.parametrize(
    ("redirection", "message"),
    [
        ("<&-", "cannot read from the editor: standard input is closed"),
        ("0>/dev/null", "cannot read from the editor: Bad file descriptor"),
        (">&- </dev/null", "cannot write the output: standard output is closed"),
    ],
    ids=["stdin closed", "stdin not readable", "stdout closed"],
)
def test_a_closed_stream_is_one_line_and_status_2(redirection: str, message: str) -> None:
    """``rcpack lsp <&-`` and the like: one line on stderr, status 2, no traceback."""
    done = subprocess.run(
        ["sh", "-c", f'exec "$@" {redirection}', "sh", *LSP],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (2, f"rcpack: {message}\n")


def test_a_length_with_leading_zeros_is_read_by_its_value(session: Server) -> None:
    """``Content-Length: 000000049`` is 49 bytes, however many digits it is written with."""
    before = len(session.errors)
    asked, answer = _symbols(next(_IDS))
    header, _, rest = asked.partition(b"\r\n")
    session.send(header.replace(b": ", b": 0000000") + b"\r\n" + rest)
    assert session.receive() == answer
    assert session.errors_since(before) == ""


BAD_ID = "Invalid Request: the message's id is not a string, an integer or null"
BAD_IDS = {"an object": b'{"a":1}', "an array": b"[1]", "true": b"true", "false": b"false",
           "a fraction": b"1.5", "a whole number written as a fraction": b"7.0", "an exponent": b"7e0"}  # fmt: skip


@pytest.mark.parametrize("bad_id", BAD_IDS.values(), ids=BAD_IDS)
def test_a_request_whose_id_is_not_a_string_an_integer_or_null_is_refused(
    session: Server, bad_id: bytes
) -> None:
    """Refused with -32600 and id null, and not done: a shutdown so asked shuts nothing down."""
    before = len(session.errors)
    body = b'{"jsonrpc":"2.0","id":%b,"method":"shutdown"}' % bad_id
    asked, answer = _symbols(next(_IDS))
    session.send(_framed(body) + asked)
    error = {"code": -32600, "message": BAD_ID}
    assert session.receive() == {"jsonrpc": "2.0", "id": None, "error": error}
    assert session.receive() == answer  # not refused as after shutdown
    assert session.errors_since(before) == ""


def test_a_shutdown_with_an_id_of_true_is_refused_and_a_real_one_answered(server: Server) -> None:
    """The server is still running after the refusal: the next shutdown is answered null."""
    body = b'{"jsonrpc":"2.0","id":true,"method":"shutdown"}'
    server.send(_framed(body) + SHUTDOWN + EXIT)
    error = {"code": -32600, "message": BAD_ID}
    assert server.receive() == {"jsonrpc": "2.0", "id": None, "error": error}
    assert server.receive() == SHUT_DOWN
    assert server.end() == (0, [], "")


def _interrupted(server: Server) -> None:
    """Ctrl-C ends ``server`` at once: status 130, one line on stderr, nothing more said.

    Not timed (a busy machine takes its time): a server that went on with its work would
    publish its problems before it ended, and none is published.
    """
    server.process.send_signal(signal.SIGINT)
    status, rest, errors = server.end()
    assert (status, errors) == (130, "rcpack: interrupted\n")
    assert [m.get("method") for m in rest if m.get("method") != "window/logMessage"] == []


INITIALIZE = request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})


def test_ctrl_c_ends_the_server_at_once_with_status_130(server: Server) -> None:
    """SIGINT while the server waits for the editor (stdin still open): one line, status 130."""
    server.send(INITIALIZE)
    assert server.receive()["id"] == 1
    _interrupted(server)


#: Linux's tgkill system call, which signals one thread of a process, by machine.
_TGKILL = {"x86_64": 234, "aarch64": 131}


@pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or platform.machine() not in _TGKILL,
    reason="signals one thread through Linux's /proc and tgkill",
)
def test_ctrl_c_that_lands_on_the_thread_reading_stdin_ends_the_server(server: Server) -> None:
    """The kernel may give a Ctrl-C to any thread: on the one reading stdin, it still ends.

    Python runs the handler in the main thread, which waits in select: the signal must wake
    it (it hung until the editor next wrote).
    """
    server.send(INITIALIZE)
    assert server.receive()["id"] == 1
    pid = server.process.pid
    tasks = Path(f"/proc/{pid}/task").iterdir()
    others = sorted(int(task.name) for task in tasks if int(task.name) != pid)
    assert others  # the thread reading stdin, started first
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.syscall(_TGKILL[platform.machine()], pid, others[0], signal.SIGINT) == 0
    status, rest, errors = server.end()
    assert (status, errors) == (130, "rcpack: interrupted\n")
    assert [m.get("method") for m in rest if m.get("method") != "window/logMessage"] == []


def test_ctrl_c_ends_the_server_mid_check(server: Server, tmp_path: Path) -> None:
    """SIGINT while a long check runs (seconds, for a file of 12 MB) ends it as at once."""
    shutil.copytree(DATA, tmp_path / "pack")
    file = tmp_path / "pack" / "section-3.yaml"
    document = {"uri": file.as_uri(), "languageId": "yaml", "version": 1}
    opened = {"textDocument": {**document, "text": file.read_text(encoding="utf-8") * 600}}
    server.send(INITIALIZE)
    assert server.receive()["id"] == 1
    server.send(notification("textDocument/didOpen", opened))
    time.sleep(1)  # the message read and the check begun
    _interrupted(server)


def test_an_outline_kept_as_json_is_framed_in_bytes_and_is_what_pygls_would_send(
    server: Server, tmp_path: Path
) -> None:
    """Asked twice, the outline (kept as JSON) is the symbols themselves, framed in bytes.

    Section 3's titles have curly quotes: a Content-Length in characters would cut the body.
    """
    shutil.copytree(DATA, tmp_path / "pack")
    file = tmp_path / "pack" / "section-3.yaml"
    text = file.read_text(encoding="utf-8")
    assert "‘" in text
    document, _ = read_file(file)
    assert document is not None
    converter = default_converter()  # type: ignore[no-untyped-call] # pygls's, as the server's
    symbols = converter.unstructure(document_symbols(document, text.split("\n")))
    item = {"uri": file.as_uri(), "languageId": "yaml", "version": 1, "text": text}
    server.send(request(1, "initialize", {"capabilities": {}, "rootUri": file.parent.as_uri()}))
    assert server.receive()["id"] == 1
    server.send(notification("textDocument/didOpen", {"textDocument": item}))
    asked = {"textDocument": {"uri": file.as_uri()}}
    asking = {"jsonrpc": "2.0", "method": "textDocument/documentSymbol", "params": asked}
    server.send(frame({**asking, "id": "outline"}))  # an id may be a string
    server.send(frame({**asking, "id": 3}))
    answers = [server.receive() for _ in range(3)]  # and the file's diagnostics, in any order
    answered = [answer for answer in answers if "id" in answer]
    assert answered == [
        {"jsonrpc": "2.0", "id": "outline", "result": symbols},
        {"jsonrpc": "2.0", "id": 3, "result": symbols},
    ]

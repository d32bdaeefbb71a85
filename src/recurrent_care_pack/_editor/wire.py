"""The language server's connection to the editor: LSP messages over stdin and stdout.

pygls reads the base protocol (``Content-Length`` headers, then a JSON body) trusting every
frame, so one malformed frame leaves it deaf and a huge length makes it allocate that much;
its ``exit`` closes stdout and its exit status is lost. Here the frames are read, checked
and answered before pygls's protocol object sees the messages:

- a header line may end in CRLF (as the spec says) or a bare LF; blank lines between
  messages are passed over;
- a malformed frame (a header line that is not ``Name: value``, a ``Content-Length`` that
  is not a whole number, none at all, or one over `MAX_BODY`) is reported in one line on
  stderr and skipped: reading resumes at the next ``Content-Length:`` header, wherever it
  starts, and the declared body is never allocated;
- a body that is not JSON (``NaN`` and ``Infinity`` are not) is answered with a Parse error
  (-32700), and JSON that is not a JSON-RPC 2.0 message, or one whose id is not a string, an
  integer or null (LSP's ids are integers or strings), with an Invalid Request error
  (-32600), both with id null and nothing else done;
- after ``shutdown`` a request is answered with Invalid Request and anything else but
  ``exit`` is dropped; ``exit`` ends with status 0 after ``shutdown``, 1 without;
- what pygls logs (warnings and errors) is one line on stderr, never a traceback;
- the end of the input ends the server at once: status 0 after ``shutdown``, else 1 with
  one line on stderr; input that cannot be read or output that cannot be written end it
  with one line on stderr and status 2;
- Ctrl-C (SIGINT) ends it at once, whatever it is doing, as it ends any rcpack command:
  stdin is read on a daemon thread of its own, which is abandoned, never waited for, and
  a signal that reaches that thread (or any other) wakes the waiting event loop, so that
  Python runs the handler in the main thread then, not when the editor next writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import io
import json
import logging
import queue
import re
import signal
import socket
import sys
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType

    from lsprotocol.types import ResponseError
    from pygls.lsp.server import LanguageServer
    from pygls.protocol import JsonRPCProtocol

__all__ = ["MAX_BODY", "Protocol", "Sent", "serve_stdio"]

#: The largest message body read, in bytes (64 MiB); a larger one is skipped unread.
MAX_BODY = 64 * 1024 * 1024

PARSE_ERROR, INVALID_REQUEST = -32700, -32600

_LINE = 64 * 1024  # the most read as one header line (or one piece of a skipped body)
_MARK = b"content-length:"  # where a frame starts, looked for in any case
_TOKEN = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # a header's name (RFC 9110)


class Sent:
    """An answer made JSON once, to be sent as it is however often it is asked for."""

    __slots__ = ("body",)

    def __init__(self, answer: object) -> None:
        """``answer`` as JSON (what ``json.dumps`` writes without help), in UTF-8."""
        self.body = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()


class Protocol(LanguageServerProtocol):
    """pygls's protocol, but an answer that is `Sent` goes out as it is.

    pygls walks every answer with cattrs and writes it out as JSON again each time: 35 ms
    for the outline of a file of a megabyte, that is the same until the file changes.
    """

    def _send_response(
        self, msg_id: int | str, result: Any = None, error: ResponseError | None = None
    ) -> None:
        if error is not None or not isinstance(result, Sent):
            super()._send_response(msg_id, result, error)
            return
        self._result_types.pop(msg_id, None)
        body = b'{"jsonrpc":"2.0","id":%b,"result":%b}' % (
            json.dumps(msg_id).encode(),
            result.body,
        )
        if self._include_headers:
            body = b"Content-Length: %d\r\n\r\n%b" % (len(body), body)
        written = self.writer.write(body) if self.writer is not None else None
        if inspect.isawaitable(written):
            asyncio.ensure_future(written)  # noqa: RUF006 (as pygls's own writing does)


def serve_stdio(server: LanguageServer) -> int:
    """Serve ``server`` over stdin and stdout until the editor says exit; the exit status."""
    if sys.stdin is None:  # started with stdin closed (rcpack lsp <&-)
        _say("cannot read from the editor: standard input is closed")
        return 2
    if sys.stdout is None:  # started with stdout closed (rcpack lsp >&-)
        _say("cannot write to the editor: standard output is closed")
        return 2
    # stdin's own file, read apart from sys.stdin: the thread reading it may be abandoned
    # mid-read, and sys.stdin is closed as Python ends, which would then wait for that read
    stdin = io.BufferedReader(io.FileIO(sys.stdin.fileno(), "rb", closefd=False))
    connection = _Connection(server.protocol, stdin, _Output(sys.stdout.buffer))
    pygls_log, said = logging.getLogger("pygls"), logging.StreamHandler(sys.stderr)
    said.setFormatter(_FirstLine())
    pygls_log.addHandler(said)
    # Ctrl-C raises KeyboardInterrupt at once, even mid-check (asyncio.run would only cancel
    # the session, which waits for the check); rcpack's CLI reports it and ends with 130
    main = threading.current_thread() is threading.main_thread()
    interrupt = signal.signal(signal.SIGINT, _interrupted) if main else None
    try:
        return asyncio.run(_serve(connection, woken=main))
    finally:
        if main:
            signal.signal(signal.SIGINT, interrupt)
        pygls_log.removeHandler(said)


async def _serve(connection: _Connection, *, woken: bool) -> int:
    """``connection`` served; with ``woken`` (the main thread), signals wake the event loop."""
    if not woken:
        return await connection.serve()
    with _signals_wake(asyncio.get_running_loop()):
        return await connection.serve()


@contextlib.contextmanager
def _signals_wake(loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    """A signal wakes ``loop`` wherever it lands, so that its handler runs at once.

    Python runs a signal's handler in the main thread when that thread next runs Python:
    one that lands on the thread reading stdin would wait while the loop waits in select.
    """
    receive, send = socket.socketpair()
    for end in (receive, send):
        end.setblocking(False)  # noqa: FBT003 (socket's own signature)
    loop.add_reader(receive.fileno(), _drain, receive)
    previous = signal.set_wakeup_fd(send.fileno(), warn_on_full_buffer=False)
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous)
        loop.remove_reader(receive.fileno())
        receive.close()
        send.close()


def _drain(receive: socket.socket) -> None:
    """Read the bytes a signal wrote, so that the loop does not wake for them again."""
    with contextlib.suppress(OSError):
        receive.recv(4096)


def _interrupted(_signal: int, _frame: FrameType | None) -> NoReturn:
    """Ctrl-C: KeyboardInterrupt now (asyncio.run leaves a handler not Python's own in place)."""
    raise KeyboardInterrupt


def _say(text: str) -> None:
    """Tell whoever reads the server's stderr (an editor's log) ``text``, in one line."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            sys.stderr.write(f"rcpack: {text}\n")
            sys.stderr.flush()


class _FirstLine(logging.Formatter):
    """What pygls logs, one line a record: a traceback goes to the editor in its error reply."""

    def format(self, record: logging.LogRecord) -> str:
        """The first line of ``record``'s message, marked as rcpack's."""
        return f"rcpack: {record.getMessage().partition(chr(10))[0]}"


def _shown(raw: bytes) -> str:
    """``raw`` quoted for a message, cut short."""
    text = raw[:40].decode("utf-8", "replace")
    return repr(text + "…" if len(raw) > 40 else text)


class _Output:
    """The editor's end of stdout, written one message at a time; it is never closed here."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.failure: OSError | None = None  # why writing stopped, once it has

    def write(self, data: bytes) -> None:
        """Send ``data`` now; once a write fails, the rest are dropped."""
        if self.failure is None:
            try:
                self.stream.write(data)
                self.stream.flush()
            except OSError as error:  # the editor has gone, or stdout may not be written
                self.failure = error

    def close(self) -> None:
        """Nothing: ``rcpack`` flushes stdout as it ends, so it must stay open."""

    def send(self, message: dict[str, Any]) -> None:
        """Send one JSON-RPC message, framed."""
        body = json.dumps(message, allow_nan=False).encode()
        self.write(b"Content-Length: %d\r\n\r\n%b" % (len(body), body))

    def error(self, message_id: object, code: int, text: str) -> None:
        """Answer the request ``message_id`` (None when unknown) with an error."""
        if not isinstance(message_id, str | int) or isinstance(message_id, bool):
            message_id = None
        error = {"code": code, "message": text}
        self.send({"jsonrpc": "2.0", "id": message_id, "error": error})


class _Input:
    """The editor's messages on stdin, malformed frames reported and skipped."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def body(self) -> bytes | None:
        """The next well-framed message's body; None at the end of the input."""
        line = self.stream.readline(_LINE)
        length: int | None = None
        started = False  # whether this frame's headers have begun
        while line:
            text = line.rstrip(b"\r\n")
            problem = None
            if not text:
                if length is not None:
                    body = self.stream.read(length)
                    return body if len(body) == length else None
                if started:
                    problem = "the headers end without a Content-Length"
            else:
                started = True
                name, colon, value = text.partition(b":")
                value = value.strip()
                if not colon or not _TOKEN.fullmatch(name):
                    problem = f"{_shown(text)} is not a header line"
                elif name.lower() != _MARK[:-1]:
                    pass  # Content-Type, or a header of a later version of the protocol
                elif not value.isdigit():
                    problem = f"Content-Length {_shown(value)} is not a whole number of bytes"
                elif len(value.lstrip(b"0")) > len(str(MAX_BODY)) or int(value) > MAX_BODY:
                    problem = f"Content-Length {_shown(value)} is over the 64 MiB limit"
                else:
                    length = int(value)
            if problem is None:
                line = self.stream.readline(_LINE)
                continue
            _say(f"skipped a malformed message from the editor: {problem}")
            line, length, started = self.resync(line), None, False
        return None

    def resync(self, line: bytes) -> bytes:
        """The next line that starts with Content-Length, from ``line`` after its start on.

        The header may begin mid-line (after a body shorter than its length said); b"" at
        the end of the input. At most one line's worth is held at a time.
        """
        seen = line[1:]
        while (start := seen.lower().find(_MARK)) < 0:
            more = self.stream.readline(_LINE)
            if not more:
                return b""
            seen = seen[1 - len(_MARK) :] + more
        header = seen[start:]
        return header if header.endswith(b"\n") else header + self.stream.readline(_LINE)


class _Reader:
    """The editor's messages, read on a daemon thread one at a time as they are asked for.

    The thread is never waited for: Ctrl-C ends the server while it waits for stdin.
    """

    def __init__(self, messages: _Input) -> None:
        self.asked: queue.SimpleQueue[Future[bytes | None]] = queue.SimpleQueue()
        thread = threading.Thread(target=self.read, args=(messages,), daemon=True)
        thread.start()

    def read(self, messages: _Input) -> None:
        """Read the next message each time one is asked for."""
        while True:
            asked = self.asked.get()
            if not asked.set_running_or_notify_cancel():  # no longer wanted (Ctrl-C)
                continue
            try:  # a running future cannot be cancelled, so setting its result cannot fail
                asked.set_result(messages.body())
            except Exception as error:  # noqa: BLE001 (handed to the one waiting for it)
                asked.set_exception(error)

    async def body(self) -> bytes | None:
        """The next well-framed message's body; None at the end of the input."""
        asked: Future[bytes | None] = Future()
        self.asked.put(asked)
        return await asyncio.wrap_future(asked)


def _refused(constant: str) -> NoReturn:
    """What json makes of NaN, Infinity and -Infinity, which are not JSON: a parse error."""
    raise ValueError(f"{constant} is not a JSON value")


def _valid_id(message_id: object) -> bool:
    """Whether ``message_id`` may be a request's id: a string, an integer or null.

    JSON-RPC 2.0 says a number SHOULD NOT have a fraction and LSP that an id is an integer
    or a string, so 1.5 (or 1.0) is refused, as are true, objects and arrays.
    """
    return message_id is None or isinstance(message_id, str) or type(message_id) is int


class _Connection:
    """One editor's session: its messages read, checked, and handed to pygls's protocol."""

    def __init__(self, protocol: JsonRPCProtocol, stdin: BinaryIO, output: _Output) -> None:
        self.protocol = protocol
        self.input = _Input(stdin)
        self.output = output
        self.shut_down = False
        protocol.set_writer(output)

    async def serve(self) -> int:
        """Handle messages until ``exit`` or the end of the input; the exit status."""
        reader = _Reader(self.input)
        while True:
            try:
                body = await reader.body()
            except OSError as error:  # stdin may not be read (rcpack lsp 0>/dev/null)
                _say(f"cannot read from the editor: {error.strerror or error}")
                return 2
            if body is None:
                if self.shut_down:
                    return 0
                _say("the editor closed the connection without shutting the server down")
                return 1
            if self.handle(body):
                return 0 if self.shut_down else 1
            if self.output.failure is not None:
                _say(f"cannot write to the editor: {self.output.failure.strerror}")
                return 2

    def message(self, body: bytes) -> dict[str, Any] | None:
        """``body`` as a JSON-RPC 2.0 message; None, once answered with an error, if not one."""
        try:
            data = json.loads(body, parse_constant=_refused)
        except (ValueError, RecursionError) as error:
            self.output.error(None, PARSE_ERROR, f"Parse error: the message is not JSON: {error}")
            return None
        if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
            problem = "the message is not a JSON-RPC 2.0 message"
        elif not _valid_id(data.get("id")):
            problem = "the message's id is not a string, an integer or null"
        else:
            return data
        self.output.error(None, INVALID_REQUEST, f"Invalid Request: {problem}")
        return None

    def handle(self, body: bytes) -> bool:
        """Answer or pass on one message; whether it was ``exit``."""
        data = self.message(body)
        if data is None:
            return False
        method, message_id = data.get("method"), data.get("id")
        request = method is not None and "id" in data
        if method == "exit":
            return True
        if self.shut_down:  # only exit may follow shutdown
            if request:
                text = "Invalid Request: the server has shut down; only exit may follow"
                self.output.error(message_id, INVALID_REQUEST, text)
            return False
        try:
            message = self.protocol.structure_message(data)
        except JsonRpcException as error:  # params that do not fit the method
            if request:
                self.output.error(message_id, error.code, error.message)
            return False
        try:
            self.protocol.handle_message(message)
        except Exception as error:  # noqa: BLE001 (one message's bug must not end the session)
            _say(f"internal error, please report it: {error!r}")
        if request and method == "shutdown":
            self.shut_down = True
        return False

"""How fast ``rcpack lsp`` answers edits and requests, and whether its memory stays put.

Drives the real server over stdio as an editor does (pygls's client, and for requests a client
of its own that only parses JSON, `Wire`). Four figures:

- **Edits at typing pace.** One file of the pack is changed once every 150 ms (a fast
  typist's pace), each edit sent 150 ms after the previous one was *sent*, whatever the
  server is doing: the pace never waits for an answer. Each edit is a didChange as editors
  send it (the range replaced and its new text; each edit puts a new number in front of a
  section's title). An edit's latency is the time from sending it to the first diagnostics
  published for that version of the file *or a later one* (a later version's text
  includes the edit; the server may check a burst of edits once). Printed: the first
  check of the opened file, then the median and 90th percentile over the edits.
- **Requests.** On the 1 MB pack in one file: hover and go-to-definition on a film id
  that a module refers to, completion after ``exercise:`` and the file's document symbols,
  each timed from writing it to the server to having read its answer and parsed the JSON,
  as an editor must (a client of its own, `Wire`: pygls's client also makes lsprotocol
  objects of every answer, 35 ms more for the outline's 2,773 symbols, which is its own
  cost, not the server's nor an editor's). Python's garbage collector runs between
  requests, not while one is timed (as ``timeit`` does: a collection in the middle of
  parsing 800 kB of outline added 25 ms to every fifth). Timed first when the server is
  idle (its last edit checked), then sent while a check runs (an edit sent, the request sent
  ``DEBOUNCE`` + 30 ms later, when the check of that edit has begun, since it starts
  ``DEBOUNCE`` after the edit). The count of answers that came before that edit's
  diagnostics is printed: those were answered while the check ran, not after it. With
  ``--pygls-client`` the requests are timed through pygls's client instead.
- **Memory.** The server's resident memory after the bundled pack's first edit, and after
  2,000 more distinct edits (each a new title, each waited for), printed as start and end.

Targets (issue 22): edit to diagnostics at the 90th percentile within 300 ms on the 1 MB
pack in one file and 150 ms on it in 51 files; requests answered within 20 ms when idle,
and never queued behind a check; memory flat over 2,000 edits. Prints figures only.

    python benchmarks/lsp.py
    python benchmarks/lsp.py --edits 20 --requests 10 --memory-edits 200
    python benchmarks/lsp.py --pygls-client
"""

import argparse
import asyncio
import gc
import itertools
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.lsp.client import LanguageClient

from recurrent_care_pack._editor.server import DEBOUNCE

DATA = Path(__file__).resolve().parents[1] / "data"

#: The time between two edits: a fast typist's.
PACE = 0.15

#: The longest any answer is waited for.
PATIENCE = 60.0


def one_megabyte_pack(folder: Path) -> Path:
    """A valid pack of about 1 MB: pack.yaml and 50 renamed copies of section 3."""
    folder.mkdir(parents=True)
    shutil.copy(DATA / "pack.yaml", folder / "pack.yaml")
    section = (DATA / "section-3.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^\s*-? ?id: ([a-z0-9-]+)$", section, re.MULTILINE)
    named = re.compile(
        r"(?<![\w-])("
        + "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
        + r")(?![\w-])"
    )
    numbered = re.compile(
        r"^(      - id: (?:film|exercise)[^\n]*\n(?:        [^\n]*\n)*?        number: )(\d+)$",
        re.MULTILINE,
    )
    size = (folder / "pack.yaml").stat().st_size
    copy = 0
    while size < 1 << 20:
        copy += 1
        text = named.sub(rf"\1-copy-{copy}", section)
        text = text.replace("    number: 3\n", f"    number: {copy + 3}\n", 1)
        offset = 100 * copy
        text = numbered.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + offset}", text)  # noqa: B023
        (folder / f"section-{copy}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return folder


def one_file_pack(folder: Path, parts: Path) -> Path:
    """The same 1 MB pack as one file (its sections in one list)."""
    folder.mkdir(parents=True)
    texts = [(parts / "pack.yaml").read_text(encoding="utf-8")]
    for file in sorted(parts.glob("section-*.yaml")):
        body = file.read_text(encoding="utf-8").split("sections:\n", 1)[1]
        texts.append(body)
    whole = texts[0] + "\nsections:\n" + "".join(texts[1:])
    (folder / "pack.yaml").write_text(whole, encoding="utf-8")
    return folder


class Editor:
    """A client that opens one file and changes it, noting when each version's problems come."""

    def __init__(self) -> None:
        """Not started yet."""
        self.client = LanguageClient("rcpack-benchmark", "1")
        self.uri = ""
        self.text = ""  # the text the server has
        self.version = 0
        self.problems = 0  # how many problems the last diagnostics had
        #: When diagnostics came, by version published, the first time each came.
        self.arrivals: dict[int, float] = {}
        self.newest = 0  # the newest version whose diagnostics have come
        self.came = asyncio.Event()

        def published(params: types.PublishDiagnosticsParams) -> None:
            if params.uri != self.uri or params.version is None:
                return
            self.arrivals.setdefault(params.version, time.perf_counter())
            if params.version >= self.newest:
                self.newest = params.version
                self.problems = len(params.diagnostics)
            self.came.set()

        self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(published)
        self.client.feature(types.WINDOW_LOG_MESSAGE)(lambda _: None)

    async def start(self, root: Path) -> None:
        """Start ``rcpack lsp`` on the folder ``root``."""
        await self.client.start_io(sys.executable, "-m", "recurrent_care_pack", "lsp")
        await self.client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
        )
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        """Shut the server down."""
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()  # type: ignore[no-untyped-call]

    async def request(self, method: str, params: object) -> tuple[float, float, object]:
        """Ask (as `Wire.request`), the answer made lsprotocol objects by pygls's client."""
        kind: Any = types.METHOD_TO_TYPES[method][2]  # the request's parameters' type
        params = get_converter().structure(params, kind)
        start = time.perf_counter()
        answer = self.client.protocol.send_request_async(method, params)
        result = await asyncio.wait_for(answer, PATIENCE)
        read = time.perf_counter()
        return read - start, read, result

    def memory(self) -> float:
        """The server's resident memory, in MiB."""
        server = self.client._server  # noqa: SLF001 (the process pygls started)
        assert server is not None  # noqa: S101
        status = Path(f"/proc/{server.pid}/status").read_text(encoding="ascii")
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(found.group(1)) / 1024 if found else float("nan")

    def open(self, file: Path, text: str) -> float:
        """Open ``file`` with ``text``; when it was sent."""
        self.uri, self.text, self.version = file.as_uri(), text, 1
        item = types.TextDocumentItem(uri=self.uri, language_id="yaml", version=1, text=text)
        sent = time.perf_counter()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        return sent

    def change(self, text: str) -> float:
        """Change the open file to ``text`` as editors do (a range, its new text); when sent."""
        change = _change(self.text, text)  # worked out before the clock starts
        self.text = text
        self.version += 1
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=self.uri, version=self.version
            ),
            content_changes=[change],
        )
        sent = time.perf_counter()
        self.client.text_document_did_change(params)
        return sent

    async def checked(self, version: int) -> float:
        """When diagnostics first came for ``version`` or a later one (waiting for them)."""
        deadline = time.perf_counter() + PATIENCE
        while self.newest < version:
            self.came.clear()
            await asyncio.wait_for(self.came.wait(), deadline - time.perf_counter())
        return min(at for each, at in self.arrivals.items() if each >= version)


class Wire:
    """A client of its own that reads each message as an editor must: its JSON parsed, no more.

    It opens one file and changes it, as `Editor` does, and answers the server's own
    requests (for settings, registrations) with null.
    """

    def __init__(self) -> None:
        """Not started yet."""
        self.process: asyncio.subprocess.Process | None = None
        self.ids = itertools.count(1)
        #: Each answer to come: when it was read, and it.
        self.waiting: dict[int, asyncio.Future[tuple[float, dict[str, Any]]]] = {}
        self.uri, self.text, self.version = "", "", 0
        self.arrivals: dict[int, float] = {}  # when diagnostics came, by version published
        self.came = asyncio.Event()
        self.reading: asyncio.Task[None] | None = None

    async def start(self, root: Path) -> None:
        """Start ``rcpack lsp`` on the folder ``root``."""
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "recurrent_care_pack", "lsp",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=1 << 26,
        )  # fmt: skip
        self.reading = asyncio.create_task(self._read())
        await self.request("initialize", {"capabilities": {}, "rootUri": root.as_uri()})
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def send(self, message: dict[str, Any]) -> None:
        """Write ``message``, framed."""
        assert self.process is not None  # noqa: S101
        assert self.process.stdin is not None  # noqa: S101
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%b" % (len(body), body))

    async def request(self, method: str, params: object) -> tuple[float, float, object]:
        """Ask: the seconds from writing it to its answer read and parsed, when, and the result."""
        number = next(self.ids)
        answer = self.waiting[number] = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        read, message = await asyncio.wait_for(answer, PATIENCE)
        if "error" in message:
            raise RuntimeError(f"{method} was answered with an error: {message['error']}")
        return read - start, read, message.get("result")

    async def _read(self) -> None:
        assert self.process is not None  # noqa: S101
        assert self.process.stdout is not None  # noqa: S101
        stdout = self.process.stdout
        while header := await _header(stdout):
            found = re.search(rb"Content-Length: *(\d+)", header, re.IGNORECASE)
            assert found is not None  # noqa: S101
            length = int(found.group(1))
            message = json.loads(await stdout.readexactly(length))
            read = time.perf_counter()
            if "method" not in message:
                waiting = self.waiting.pop(message.get("id"), None)
                if waiting is None:
                    print(f"an answer to no request asked: {message}", file=sys.stderr)
                else:
                    waiting.set_result((read, message))
            elif "id" in message:  # the server asks: settings, registrations, progress
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif message["method"] == "textDocument/publishDiagnostics":
                version = message["params"].get("version")
                if message["params"]["uri"] == self.uri and version is not None:
                    self.arrivals.setdefault(version, read)
                    self.came.set()

    def open(self, file: Path, text: str) -> None:
        """Open ``file`` with ``text``."""
        self.uri, self.text, self.version = file.as_uri(), text, 1
        item = {"uri": self.uri, "languageId": "yaml", "version": 1, "text": text}
        self.send(
            {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}}
        )

    def change(self, text: str) -> None:
        """Change the open file to ``text`` as editors do (a range, its new text)."""
        change = get_converter().unstructure(_change(self.text, text))
        self.text, self.version = text, self.version + 1
        document = {"uri": self.uri, "version": self.version}
        params = {"textDocument": document, "contentChanges": [change]}
        self.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": params})

    async def checked(self, version: int) -> float:
        """When diagnostics first came for ``version`` or a later one (waiting for them)."""
        deadline = time.perf_counter() + PATIENCE
        while not any(each >= version for each in self.arrivals):
            self.came.clear()
            await asyncio.wait_for(self.came.wait(), deadline - time.perf_counter())
        return min(at for each, at in self.arrivals.items() if each >= version)

    async def stop(self) -> None:
        """Shut the server down and wait for it to end."""
        assert self.process is not None  # noqa: S101
        assert self.reading is not None  # noqa: S101
        await self.request("shutdown", None)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        await asyncio.wait_for(self.process.wait(), PATIENCE)
        self.reading.cancel()


async def _header(stdout: asyncio.StreamReader) -> bytes:
    """The next message's header, or nothing at the end of the output."""
    try:
        return await stdout.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return b""


def _change(before: str, after: str) -> types.TextDocumentContentChangePartial:
    """The edit from ``before`` to ``after``: the range that differs, and its new text."""
    start = _shared(before, after, min(len(before), len(after)), at_start=True)
    end = _shared(before, after, min(len(before), len(after)) - start, at_start=False)
    return types.TextDocumentContentChangePartial(
        range=types.Range(
            start=_position(before, start), end=_position(before, len(before) - end)
        ),
        text=after[start : len(after) - end],
    )


def _shared(one: str, other: str, most: int, *, at_start: bool) -> int:
    """How many characters (up to ``most``) ``one`` and ``other`` share at their start or end.

    Found by halving, each step comparing whole slices: a megabyte takes milliseconds.
    """
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if at_start:
            same = one[:middle] == other[:middle]
        else:
            same = one[len(one) - middle :] == other[len(other) - middle :]
        low, high = (middle, high) if same else (low, middle - 1)
    return low


def _position(text: str, offset: int) -> types.Position:
    """The editor's position (UTF-16 units in the line) of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    units = len(text[line_start:offset].encode("utf-16-le")) // 2
    return types.Position(line=text.count("\n", 0, offset), character=units)


def _edited(text: str, count: int) -> str:
    """``text`` after ``count`` edits: its first section's title starts with the count."""
    start = text.index("\nsections:\n")
    return text[:start] + text[start:].replace("\n    title: ", f"\n    title: {count} ", 1)


def _percentiles(times: list[float]) -> tuple[float, float]:
    """The median and the 90th percentile (nearest rank) of ``times``, in ms."""
    ordered = sorted(times)
    rank = max(1, -(-len(ordered) * 9 // 10))  # ceil(0.9 n)
    return statistics.median(ordered) * 1000, ordered[rank - 1] * 1000


async def latency(label: str, root: Path, file: Path, text: str, edits: int) -> None:
    """Edits of ``file`` sent every `PACE` seconds; each one's time to diagnostics that hold it."""
    editor = Editor()
    await editor.start(root)
    opened = editor.open(file, text)
    first = await editor.checked(1) - opened
    await asyncio.sleep(PACE)
    sent: dict[int, float] = {}
    start = time.perf_counter()
    for count in range(1, edits + 1):
        await asyncio.sleep(max(0.0, start + (count - 1) * PACE - time.perf_counter()))
        sent[count + 1] = editor.change(_edited(text, count))  # version count + 1
    times = [await editor.checked(version) - at for version, at in sent.items()]
    checked = len([version for version in editor.arrivals if version in sent])
    await editor.stop()
    if editor.problems:
        print(f"{label}: {editor.problems} problems: the pack should be valid")
    median, p90 = _percentiles(times)
    print(
        f"{label:40} first check {first * 1000:4.0f} ms; edit to diagnostics median "
        f"{median:4.0f} ms, p90 {p90:4.0f} ms ({edits} edits at {PACE * 1000:.0f} ms, "
        f"{checked} checked)"
    )


def _request_positions(text: str) -> dict[str, types.Position]:
    """Where each request is made: a film id a middle module refers to, after 'exercise: '."""
    lines = text.split("\n")
    films = [n for n, line in enumerate(lines) if line.strip() == "films:"]
    film = films[len(films) // 2] + 1  # the line of its first film: "          - film-2-copy-N"
    exercises = [n for n, line in enumerate(lines) if line.strip().startswith("exercise: ")]
    exercise = exercises[len(exercises) // 2]
    return {
        "film": types.Position(line=film, character=len(lines[film]) - 2),
        "exercise": types.Position(
            line=exercise, character=lines[exercise].index("exercise: ") + len("exercise: ")
        ),
    }


def _requests(uri: str, text: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each request timed, by name: its method and its parameters, of the open file ``uri``."""
    at = {
        name: {"line": place.line, "character": place.character}
        for name, place in _request_positions(text).items()
    }
    document = {"uri": uri}
    return {
        "hover": ("textDocument/hover", {"textDocument": document, "position": at["film"]}),
        "definition": (
            "textDocument/definition",
            {"textDocument": document, "position": at["film"]},
        ),
        "completion": (
            "textDocument/completion",
            {"textDocument": document, "position": at["exercise"]},
        ),
        "symbols": ("textDocument/documentSymbol", {"textDocument": document}),
    }


async def requests(  # noqa: PLR0913 (the figure's label, where, and how)
    label: str, root: Path, file: Path, text: str, count: int, *, pygls: bool = False
) -> None:
    """Each request's time to answer, idle and while a check runs, ``count`` times each."""
    editor = Editor() if pygls else Wire()
    await editor.start(root)
    editor.open(file, text)
    await editor.checked(1)
    gc.disable()  # as timeit does: collected between requests, not in the middle of one
    try:
        await _timed(label, editor, text, count)
    finally:
        gc.enable()
    await editor.stop()


async def _timed(label: str, editor: Editor | Wire, text: str, count: int) -> None:
    """Each request's times (`requests`), printed."""
    edits = 0
    for name, (method, params) in _requests(editor.uri, text).items():
        idle: list[float] = []
        for _ in range(count):
            gc.collect()
            took, _, answer = await editor.request(method, params)
            idle.append(took)
            if not answer:
                print(f"{name}: no answer: the benchmark asks in the wrong place")
        busy: list[float] = []
        before = 0  # answers that came before the diagnostics of the edit before them
        for _ in range(count):
            gc.collect()
            edits += 1
            editor.change(_edited(text, edits))
            await asyncio.sleep(DEBOUNCE + 0.03)
            took, answered, _ = await editor.request(method, params)
            busy.append(took)
            before += answered < await editor.checked(editor.version)
        (idle_median, idle_p90), (busy_median, busy_p90) = _percentiles(idle), _percentiles(busy)
        print(
            f"{label + ', ' + name:40} idle median {idle_median:4.0f} ms, p90 {idle_p90:4.0f} ms;"
            f" during a check median {busy_median:4.0f} ms, p90 {busy_p90:4.0f} ms "
            f"({before} of {count} answered before its diagnostics)"
        )


async def memory(root: Path, file: Path, text: str, edits: int) -> None:
    """The server's memory after the first edit and after ``edits`` more, each distinct."""
    editor = Editor()
    await editor.start(root)
    editor.open(file, text)
    await editor.checked(1)
    editor.change(_edited(text, 1))
    await editor.checked(2)
    first = editor.memory()
    for count in range(2, edits + 2):
        editor.change(_edited(text, count))
        await editor.checked(editor.version)
    last = editor.memory()
    await editor.stop()
    print(
        f"{'memory, bundled pack':40} {first:.0f} MiB after the first edit, {last:.0f} MiB "
        f"after {edits:,} more: {last / first:.2f}x"
    )


async def main() -> None:
    """Build the packs, run the server on each, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--edits", type=int, default=50, help="edits timed per pack")
    parser.add_argument("--requests", type=int, default=20, help="times each request is timed")
    parser.add_argument("--memory-edits", type=int, default=2000, help="edits before memory")
    parser.add_argument(
        "--pygls-client", action="store_true", help="time the requests through pygls's client"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bundled = Path(folder) / "bundled"
        shutil.copytree(DATA, bundled)
        parts = one_megabyte_pack(Path(folder) / "parts")
        whole = one_file_pack(Path(folder) / "whole", parts)
        size = sum(f.stat().st_size for f in parts.glob("*.yaml")) / (1 << 20)
        cases = [
            ("bundled pack (24 KB, 2 files)", bundled, bundled / "section-3.yaml"),
            (f"{size:.1f} MB pack in 51 files, one edited", parts, parts / "section-1.yaml"),
            (f"{size:.1f} MB pack in one file", whole, whole / "pack.yaml"),
        ]
        for label, root, file in cases:
            await latency(label, root, file, file.read_text(encoding="utf-8"), args.edits)
        file = whole / "pack.yaml"
        label = f"{size:.1f} MB pack in one file"
        text = file.read_text(encoding="utf-8")
        await requests(label, whole, file, text, args.requests, pygls=args.pygls_client)
        file = bundled / "section-3.yaml"
        await memory(bundled, file, file.read_text(encoding="utf-8"), args.memory_edits)


if __name__ == "__main__":
    asyncio.run(main())

"""How fast ``rcpack lsp`` answers edits and requests, and whether its memory stays put.

Drives the real server over stdio with pygls's client, as an editor does. Four figures:

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
  each timed from sending it to its answer, first when the server is idle (its last edit
  checked), then sent while a check runs (an edit sent, the request sent ``DEBOUNCE`` +
  30 ms later, when the check of that edit has begun, since it starts ``DEBOUNCE`` after
  the edit). The count of answers that came before that edit's diagnostics is printed:
  those were answered while the check ran, not after it.
- **Memory.** The server's resident memory after the bundled pack's first edit, and after
  2,000 more distinct edits (each a new title, each waited for), printed as start and end.

Targets (issue 22): edit to diagnostics at the 90th percentile within 300 ms on the 1 MB
pack in one file and 150 ms on it in 51 files; requests answered within 20 ms when idle,
and never queued behind a check; memory flat over 2,000 edits. Prints figures only.

    python benchmarks/lsp.py
    python benchmarks/lsp.py --edits 20 --requests 10 --memory-edits 200
"""

import argparse
import asyncio
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
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


def _requests(editor: Editor, text: str) -> dict[str, Callable[[], Awaitable[Any]]]:
    """Each request timed, made of the open file as it is now."""
    at = _request_positions(text)
    document = types.TextDocumentIdentifier(uri=editor.uri)
    client = editor.client

    def hover() -> Awaitable[Any]:
        return client.text_document_hover_async(
            types.HoverParams(text_document=document, position=at["film"])
        )

    def definition() -> Awaitable[Any]:
        return client.text_document_definition_async(
            types.DefinitionParams(text_document=document, position=at["film"])
        )

    def completion() -> Awaitable[Any]:
        return client.text_document_completion_async(
            types.CompletionParams(text_document=document, position=at["exercise"])
        )

    def symbols() -> Awaitable[Any]:
        return client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=document)
        )

    return {"hover": hover, "definition": definition, "completion": completion, "symbols": symbols}


async def requests(label: str, root: Path, file: Path, text: str, count: int) -> None:
    """Each request's time to answer, idle and while a check runs, ``count`` times each."""
    editor = Editor()
    await editor.start(root)
    editor.open(file, text)
    await editor.checked(1)
    edits = 0
    for name, request in _requests(editor, text).items():
        idle: list[float] = []
        for _ in range(count):
            start = time.perf_counter()
            answer = await asyncio.wait_for(request(), PATIENCE)
            idle.append(time.perf_counter() - start)
            if not answer:
                print(f"{name}: no answer: the benchmark asks in the wrong place")
        busy: list[float] = []
        before = 0  # answers that came before the diagnostics of the edit before them
        for _ in range(count):
            edits += 1
            editor.change(_edited(text, edits))
            await asyncio.sleep(DEBOUNCE + 0.03)
            start = time.perf_counter()
            await asyncio.wait_for(request(), PATIENCE)
            answered = time.perf_counter()
            busy.append(answered - start)
            before += answered < await editor.checked(editor.version)
        (idle_median, idle_p90), (busy_median, busy_p90) = _percentiles(idle), _percentiles(busy)
        print(
            f"{label + ', ' + name:40} idle median {idle_median:4.0f} ms, p90 {idle_p90:4.0f} ms;"
            f" during a check median {busy_median:4.0f} ms, p90 {busy_p90:4.0f} ms "
            f"({before} of {count} answered before its diagnostics)"
        )
    await editor.stop()


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
        await requests(label, whole, file, file.read_text(encoding="utf-8"), args.requests)
        file = bundled / "section-3.yaml"
        await memory(bundled, file, file.read_text(encoding="utf-8"), args.memory_edits)


if __name__ == "__main__":
    asyncio.run(main())

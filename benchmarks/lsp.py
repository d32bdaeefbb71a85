"""How fast ``rcpack lsp`` answers an edit, and whether its memory stays put.

Drives the real server over stdio with pygls's client, as an editor does: each edit is a
didChange of one file (the range changed and its new text, as editors send them), and the
time is from sending it to receiving that version's diagnostics (the whole pack checked).
Edits come at typing pace, one every 150 ms (more often, they are coalesced: see DEBOUNCE
in _editor/server.py). Targets (issue 15): a median
of at most 50 ms on the bundled pack and 500 ms on a 1 MB pack; after 1,000 edits, memory
within 1.5x of what it was after the first. Prints figures only.

    python benchmarks/lsp.py
    python benchmarks/lsp.py --edits 20 --memory-edits 200
"""

import argparse
import asyncio
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

DATA = Path(__file__).resolve().parents[1] / "data"

#: The time between two edits: a fast typist's.
PACE = 0.15


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
    """A client that opens one file and changes it, timing each answer."""

    def __init__(self) -> None:
        """Not started yet."""
        self.client = LanguageClient("rcpack-benchmark", "1")
        self.arrived: dict[tuple[str, int], asyncio.Future[float]] = {}
        self.problems = 0  # how many problems the last answer had
        self.text = ""  # the text the server has
        self.version = 0

        def published(params: types.PublishDiagnosticsParams) -> None:
            waiting = self.arrived.get((params.uri, params.version or 0))
            if waiting is not None and not waiting.done():
                self.problems = len(params.diagnostics)
                waiting.set_result(time.perf_counter())

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

    async def send(self, file: Path, text: str) -> float:
        """Open or change ``file`` to ``text``; seconds until its diagnostics arrive.

        A change is sent as editors send it to a server that asks for incremental changes:
        the range replaced and its new text.
        """
        uri = file.as_uri()
        change = _change(self.text, text)  # worked out before the clock starts
        self.text = text
        self.version += 1
        arrived = asyncio.get_running_loop().create_future()
        self.arrived[(uri, self.version)] = arrived
        start = time.perf_counter()
        if self.version == 1:
            item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
            self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        else:
            self.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(
                        uri=uri, version=self.version
                    ),
                    content_changes=[change],
                )
            )
        took: float = await asyncio.wait_for(arrived, 60) - start
        del self.arrived[(uri, self.version)]
        return took


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


async def latency(label: str, root: Path, file: Path, text: str, edits: int) -> list[float]:
    """Median and 90th percentile of the time from an edit of ``file`` to its diagnostics."""
    editor = Editor()
    await editor.start(root)
    first = await editor.send(file, text)
    times = []
    for count in range(1, edits + 1):
        await asyncio.sleep(PACE)
        times.append(await editor.send(file, _edited(text, count)))
    await editor.stop()
    if editor.problems:
        print(f"{label}: {editor.problems} problems: the pack should be valid")
    times.sort()
    median = statistics.median(times) * 1000
    p90 = times[int(len(times) * 0.9) - 1] * 1000
    print(
        f"{label:44} first check {first * 1000:6.0f} ms, then median {median:5.1f} ms, "
        f"90% within {p90:5.1f} ms ({edits} edits)"
    )
    return times


async def memory(root: Path, file: Path, text: str, edits: int) -> None:
    """The server's memory after the first edit and after ``edits`` more."""
    editor = Editor()
    await editor.start(root)
    await editor.send(file, text)
    await editor.send(file, _edited(text, 1))
    first = editor.memory()
    for count in range(2, edits + 2):
        await editor.send(file, _edited(text, count))
    last = editor.memory()
    await editor.stop()
    print(
        f"{'memory, bundled pack':44} {first:.0f} MiB after the first edit, {last:.0f} MiB "
        f"after {edits} more: {last / first:.2f}x"
    )


async def main() -> None:
    """Build the packs, run the server on each, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--edits", type=int, default=50, help="edits timed per pack")
    parser.add_argument("--memory-edits", type=int, default=1000, help="edits before memory")
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
        file = bundled / "section-3.yaml"
        await memory(bundled, file, file.read_text(encoding="utf-8"), args.memory_edits)


if __name__ == "__main__":
    asyncio.run(main())

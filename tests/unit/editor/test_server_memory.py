"""What rcpack lsp keeps of the editor's notifications: nothing, once each is handled.

pygls keeps the future of each notification its own handler hands over to ours as a
generator (didOpen, didChange, didClose), for as long as the server runs: the server runs
those at once, so an edit costs nothing that stays. In process, through pygls's protocol
object as the wire hands it each message: what stays is not visible over stdio.
"""

import asyncio
import json
from pathlib import Path
from typing import Any

from recurrent_care_pack._editor.server import build


class _Sink:
    """The editor's end of the connection: what the server sends, dropped."""

    def write(self, data: bytes) -> None:
        """Drop ``data``."""

    def close(self) -> None:
        """Nothing to close."""


def test_edits_leave_nothing_behind_in_pygls(tmp_path: Path) -> None:
    """After a file is opened, 200 edits and its closing add no future to pygls's own."""
    server = build()
    protocol = server.protocol
    protocol.set_writer(_Sink())
    file = tmp_path / "notes.yaml"  # not pack content: no check is made
    uri = file.as_uri()

    def handle(method: str, params: Any, message_id: int | None = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if message_id is not None:
            message["id"] = message_id
        body = json.dumps(message)
        protocol.handle_message(json.loads(body, object_hook=protocol.structure_message))

    async def edit() -> tuple[int, int]:
        handle("initialize", {"capabilities": {}, "rootUri": tmp_path.as_uri()}, 1)
        handle("initialized", {})
        await asyncio.sleep(0.05)
        item = {"uri": uri, "languageId": "yaml", "version": 1, "text": "a: 0\n"}
        handle("textDocument/didOpen", {"textDocument": item})
        kept = len(protocol._request_futures)  # noqa: SLF001 (what pygls keeps)
        for version in range(2, 202):
            change = {"range": _range(0, 3, 0, 4), "text": str(version % 10)}
            document = {"uri": uri, "version": version}
            handle(
                "textDocument/didChange", {"textDocument": document, "contentChanges": [change]}
            )
        assert server.pack_workspace.texts == {file: "a: 1\n"}  # each edit made
        assert server.version_of(uri) == 201
        handle("textDocument/didClose", {"textDocument": {"uri": uri}})
        await asyncio.sleep(0.05)
        return kept, len(protocol._request_futures)  # noqa: SLF001

    kept, left = asyncio.run(edit())
    assert server.pack_workspace.texts == {}
    assert left <= kept


def _range(line: int, start: int, end_line: int, end: int) -> dict[str, Any]:
    return {
        "start": {"line": line, "character": start},
        "end": {"line": end_line, "character": end},
    }

"""Progress shown while a large pack is checked: when opened, and after changes on disk.

Only where the editor shows server-made progress (``window.workDoneProgress``), and not for
the checks that follow each keystroke: those are quick, and a status that flickers with
every key helps no one.
"""

from __future__ import annotations

import itertools
import logging
import os
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from pygls.lsp.server import LanguageServer

__all__ = ["LARGE", "Progress", "is_large"]

#: A pack of at least this many bytes (its files' texts) is large: its check is shown.
LARGE = 256 * 1024

_log = logging.getLogger(__name__)

_tokens = itertools.count(1)


def is_large(files: Sequence[Path], texts: Mapping[Path, str]) -> bool:
    """Whether the pack of ``files`` holds `LARGE` bytes or more (open files as typed)."""
    size = 0
    for file in files:
        if file in texts:
            size += len(texts[file].encode("utf-8", "surrogatepass"))
            continue
        try:
            size += os.stat(file).st_size  # noqa: PTH116 (a path named by the pack)
        except OSError:
            continue  # the check will say why it cannot be read
    return size >= LARGE


class Progress:
    """One check's progress, begun and ended where the editor shows it."""

    def __init__(self, server: LanguageServer, what: str) -> None:
        """Progress for checking ``what`` (a file's name), not begun yet."""
        self.server = server
        self.what = what
        self.token: str | None = None

    async def begin(self) -> None:
        """Ask the editor for a progress token and begin (nothing if it shows none)."""
        window = self.server.client_capabilities.window
        if window is None or not window.work_done_progress:
            return
        token = f"rcpack-check-{next(_tokens)}"
        try:
            await self.server.work_done_progress.create_async(token)
        except Exception:  # noqa: BLE001 (refused: the check goes on unshown)
            _log.info("the editor refused a progress token")
            return
        self.token = token
        self.server.work_done_progress.begin(
            token,
            types.WorkDoneProgressBegin(title="rcpack", message=f"checking {self.what}"),
        )

    def end(self, files: int | None, problems: int | None) -> None:
        """End what was begun: how many files were checked and problems found (if known)."""
        if self.token is None:
            return
        if files is None or problems is None:
            message = f"could not check {self.what}"
        else:
            found = "no problems" if problems == 0 else _count(problems, "problem")
            message = f"checked {_count(files, 'file')}: {found}"
        self.server.work_done_progress.end(self.token, types.WorkDoneProgressEnd(message=message))
        self.token = None


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"

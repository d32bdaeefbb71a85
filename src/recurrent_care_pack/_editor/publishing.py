"""The language server itself: the open files, their packs checked, their problems published.

A change is checked soon after it is made (debounced); each file's problems are published
when they change, the edited file's always, and last.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from recurrent_care_pack._version import __version__

from .diagnostics import cannot_check, diagnostic, range_at
from .settings import Settings
from .workspace import Checked, Workspace, absolute, uri_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["DEBOUNCE", "PackServer"]

#: A change this soon (in seconds) after a check waits until that time is up; the changes
#: made meanwhile are then checked together, once.
DEBOUNCE = 0.1

_log = logging.getLogger(__name__)


def _in_utf16(initialize: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """The ``initialize`` of pygls, agreeing on UTF-16 columns, whatever else the editor offers.

    Every column this server reads or sends counts UTF-16 units (the protocol's default);
    pygls would agree on the editor's first choice (UTF-8, say, as Neovim offers).
    """

    def initialize_in_utf16(params: types.InitializeParams) -> Iterator[Any]:
        general = params.capabilities.general
        if general is not None:
            general.position_encodings = None
        return (yield from initialize(params))

    return initialize_in_utf16


class PackServer(LanguageServer):
    """``rcpack lsp``: the pack's problems as diagnostics, and its meaning while typing."""

    def __init__(self) -> None:
        """A server with nothing open yet."""
        super().__init__(
            "rcpack", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.pack_workspace = Workspace()
        features = self.protocol.fm
        features.add_builtin_feature(
            types.INITIALIZE, _in_utf16(features.builtin_features[types.INITIALIZE])
        )
        self.published: dict[Path, list[types.Diagnostic]] = {}  # what each file shows
        self.packs: dict[Path, frozenset[Path]] = {}  # each pack's files, by root, as last checked
        self.waiting: dict[Path, asyncio.TimerHandle] = {}  # a check to come, by file
        self.last_check: dict[Path, float] = {}  # when each file's pack was last checked
        self.content: dict[Path, bool] = {}  # whether each open file was content when last seen
        self.told: dict[Path, str] = {}  # why each file's pack cannot be checked, as last shown
        self.settings = Settings()  # as the editor last sent them
        self.unsaid: list[str] = []  # what is wrong with the first settings, said once initialized

    def file_of(self, uri: str) -> Path | None:
        """The file a ``file:`` URI names, made absolute; None for other URIs."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return absolute(Path(path)) if path else None

    def buffer_changed(self, uri: str, text: str | None = None) -> None:
        """Keep the editor's ``text`` of ``uri``, if given, and check its pack soon (debounced)."""
        file = self.file_of(uri)
        if file is None:
            return
        if text is not None:
            self.pack_workspace.open(file, text)
        elif file not in self.pack_workspace.texts:  # saved, yet never opened
            return
        content = self.pack_workspace.is_content(file)
        if self.content.get(file, content) != content:  # the packs beside it may change too
            self.check_others(file)
        self.content[file] = content
        if not content:
            self.clear(file)
            return
        if file in self.waiting:  # a check is coming: it will read the newest text
            return
        loop = asyncio.get_running_loop()
        delay = max(0.0, self.last_check.get(file, -DEBOUNCE) + DEBOUNCE - loop.time())
        self.waiting[file] = loop.call_later(delay, self.check_now, file)

    def check_others(self, file: Path) -> None:
        """Check the packs of the open files other than ``file`` that are content."""
        for other in list(self.pack_workspace.texts):
            if other != file and self.pack_workspace.is_content(other):
                self.check_now(other)

    def forget(self, file: Path) -> None:
        """``file``, never saved, is closed: take back its problems, and check its pack again."""
        waiting = self.waiting.pop(file, None)
        if waiting is not None:
            waiting.cancel()
        self.content.pop(file, None)
        self.clear(file)
        checked = self.pack_workspace.checked.pop(file, None)
        others = [each for each in checked.files if each != file] if checked else []
        if others:  # what the pack's other files refer to may have gone with it
            self.check_now(others[0])

    def clear(self, file: Path) -> None:
        """``file`` is not content (now): take back any problems shown on it."""
        shown = self.published.pop(file, None) is not None
        self.packs = {root: files - {file} for root, files in self.packs.items()}
        if shown or self.told.pop(file, None) is not None:
            uri = uri_of(file)
            document = self.workspace.text_documents.get(uri)
            version = document.version if document is not None else None
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[], version=version)
            )

    def check_now(self, file: Path, *, moved: bool = True, hold: Path | None = None) -> None:
        """Check ``file``'s pack and publish the problems of each of its files but ``hold``.

        If ``file`` is in another pack than when last checked (an emptied pack.yaml, say),
        the pack it left is checked again first (when ``moved``): its files may have had
        problems that depend on it. ``file`` is held back from that check's publishing, so
        that the edited file's problems go out last: once they have come, so have the rest.
        """
        self.waiting.pop(file, None)
        before = self.pack_workspace.checked.get(file)
        try:
            checked = self.pack_workspace.check(file)
        except OSError as error:  # a file of the pack cannot be read (a pipe, say): say so
            self.cannot_check(file, error)
            return
        except Exception as error:  # noqa: BLE001 (a bug must never stop the server)
            _log.exception("checking %s failed", file)
            self.window_show_message(
                types.ShowMessageParams(
                    types.MessageType.Error, f"rcpack: internal error, please report it: {error!r}"
                )
            )
            return
        self.last_check[file] = asyncio.get_running_loop().time()
        self.pack_workspace.document(file)  # kept as last read, if it reads (the cache has it)
        left = [] if before is None or before.root == checked.root else before.files
        left = [each for each in left if each not in checked.files and each != file]
        if moved and left and self.pack_workspace.is_content(left[0]):
            self.check_now(left[0], moved=False, hold=file)
            for each in checked.files:  # this check is each file's last
                self.pack_workspace.checked[each] = checked
        self.publish(file, checked, hold=hold)

    def cannot_check(self, file: Path, error: OSError) -> None:
        """Show on ``file`` why its pack cannot be checked; tell the editor once, too."""
        message = cannot_check(error)
        if self.told.get(file) != message:
            self.told[file] = message
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
        uri = uri_of(file)
        document = self.workspace.text_documents.get(uri)
        problem = types.Diagnostic(
            range=range_at(self.pack_workspace.lines(file), 1, 1),
            message=message,
            severity=types.DiagnosticSeverity.Error,
            source="rcpack",
        )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=[problem],
                version=document.version if document is not None else None,
            )
        )

    def publish(self, file: Path, checked: Checked, *, hold: Path | None = None) -> None:
        """Publish each file's diagnostics: always the edited file's, others when they change.

        A file of the pack's last check that is no longer in it is cleared, unless it was
        checked in a pack of its own since. ``hold``, a file whose own check publishes
        next, is left to it.
        """
        root = checked.root
        now: dict[Path, list[types.Diagnostic]] = {}
        for each, problems in checked.problems.items():
            shown = [p for p in problems if p.code not in self.settings.ignore]
            lines = self.pack_workspace.lines(each) if shown else []
            page = self.settings.problem_help
            now[each] = [diagnostic(p, lines, self.pack_workspace.lines, page) for p in shown]
        for gone in self.packs.get(root, frozenset()) - now.keys():
            elsewhere = self.pack_workspace.checked.get(gone)
            if elsewhere is None or elsewhere.root == root:
                now[gone] = []
        # The edited file's last: once it has come, so have the others of the same check.
        for each, diagnostics in sorted(now.items(), key=lambda pair: pair[0] == file):
            if each == hold:
                continue
            told = self.told.pop(each, None) is not None  # its "cannot check" is shown
            if each == file or self.published.get(each) != diagnostics or told:
                uri = uri_of(each)
                document = self.workspace.text_documents.get(uri)
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(
                        uri=uri,
                        diagnostics=diagnostics,
                        version=document.version if document is not None else None,
                    )
                )
            if each in checked.problems:
                self.published[each] = diagnostics
            else:
                self.published.pop(each, None)
        self.packs[root] = frozenset(checked.problems)

"""The language server itself: the open files, their packs checked, their problems published.

A change is checked soon after the last of a burst of them (debounced from the edit); each
check runs on a thread of its own, so that requests are answered while it runs, and checks
run one at a time, in order. Each file's problems are published when they change, the edited
file's always, and last, with the version of the text that was checked (a newer version's
problems are never followed by an older one's).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from recurrent_care_pack._version import __version__

from .diagnostics import cannot_check, diagnostic, range_at
from .progress import Progress, is_large
from .settings import Settings
from .symbols import Outlines
from .wire import Protocol
from .workspace import Checked, Workspace, absolute, uri_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator

__all__ = ["DEBOUNCE", "PackServer"]

#: How long (in seconds) after an edit its pack is checked, unless another edit comes
#: first: a burst of typing is checked once, this long after it stops.
DEBOUNCE = 0.04

_log = logging.getLogger(__name__)

T = TypeVar("T")


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


def _at_once(notification: Callable[..., Generator[Any, Any, Any]]) -> Callable[..., None]:
    """The handler pygls has of a buffer's ``notification`` (didOpen...), run at once to its end.

    pygls runs a handler that hands over to ours as a generator, and keeps the future of
    each such notification for good (the future of a request is let go once answered): an
    edit, a didChange, would cost a future, its lock and its id for as long as the server
    runs. Our handlers of these notifications answer at once (none is a coroutine).
    """

    def run_at_once(params: Any) -> None:
        steps = notification(params)
        try:
            handler, args, _ = next(steps)
            steps.send(handler(*args))
        except StopIteration:
            return

    return run_at_once


class _Worker:
    """One daemon thread that runs checks in turn: Ctrl-C or exit never wait for one."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]]
        self.jobs = queue.SimpleQueue()
        self.thread: threading.Thread | None = None

    def submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        """``work(*args)`` run on the thread, after the work given before it."""
        if self.thread is None:
            self.thread = threading.Thread(target=self.run, name="rcpack-check", daemon=True)
            self.thread.start()
        done: Future[T] = Future()
        self.jobs.put((done, work, args))
        return done

    def run(self) -> None:
        while True:
            done, work, args = self.jobs.get()
            if done.set_running_or_notify_cancel():
                try:
                    done.set_result(work(*args))
                except BaseException as error:  # noqa: BLE001 (handed to the one waiting)
                    done.set_exception(error)


class PackServer(LanguageServer):
    """``rcpack lsp``: the pack's problems as diagnostics, and its meaning while typing."""

    def __init__(self) -> None:
        """A server with nothing open yet."""
        super().__init__(
            "rcpack",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=Protocol,
        )
        self.pack_workspace = Workspace()
        #: Each open file's outline, kept while its text is the same; made JSON by pygls's
        #: one converter.
        self.outlines = Outlines(self.protocol._converter)  # noqa: SLF001
        features = self.protocol.fm
        features.add_builtin_feature(
            types.INITIALIZE, _in_utf16(features.builtin_features[types.INITIALIZE])
        )
        for buffer in (
            types.TEXT_DOCUMENT_DID_OPEN,
            types.TEXT_DOCUMENT_DID_CHANGE,
            types.TEXT_DOCUMENT_DID_CLOSE,
        ):
            features.add_builtin_feature(buffer, _at_once(features.builtin_features[buffer]))
        self.published: dict[Path, list[types.Diagnostic]] = {}  # what each file shows
        self.versions: dict[str, int] = {}  # the version each URI's shown problems are of
        self.packs: dict[Path, frozenset[Path]] = {}  # each pack's files, by root, as last checked
        self.waiting: dict[Path, asyncio.TimerHandle] = {}  # a check to come, by file
        self.wanted: dict[Path, None] = {}  # files whose packs are to be checked next, in order
        self.checking: asyncio.Task[None] | None = None  # checking them, one at a time
        self.worker = _Worker()
        self.content: dict[Path, bool] = {}  # whether each open file was content when last seen
        self.told: dict[Path, str] = {}  # why each file's pack cannot be checked, as last shown
        self.announced: set[Path] = set()  # files whose next check shows progress if large
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
        waiting = self.waiting.pop(file, None)
        if waiting is not None:  # a burst of edits: checked once, after the last
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.waiting[file] = loop.call_later(DEBOUNCE, self.check_soon, file)

    def check_others(self, file: Path) -> None:
        """Check the packs of the open files other than ``file`` that are content."""
        for other in list(self.pack_workspace.texts):
            if other != file and self.pack_workspace.is_content(other):
                self.check_soon(other)

    def check_soon(self, file: Path, *, announced: bool = False) -> None:
        """Check ``file``'s pack as soon as the checks before it are done.

        ``announced``: its progress is shown if the pack is large (a change on disk, say), as
        for a pack's first check.
        """
        waiting = self.waiting.pop(file, None)
        if waiting is not None:
            waiting.cancel()
        if announced:
            self.announced.add(file)
        self.wanted[file] = None
        if self.checking is None or self.checking.done():
            self.checking = asyncio.get_running_loop().create_task(self._check_wanted())

    async def _check_wanted(self) -> None:
        """Check each wanted file's pack in turn, the newest texts each time."""
        while self.wanted:
            file = next(iter(self.wanted))
            del self.wanted[file]
            await self.check_now(file)

    def forget(self, file: Path) -> None:
        """``file``, never saved, is closed: take back its problems, and check its pack again."""
        waiting = self.waiting.pop(file, None)
        if waiting is not None:
            waiting.cancel()
        self.wanted.pop(file, None)
        self.content.pop(file, None)
        self.clear(file)
        checked = self.pack_workspace.checked.pop(file, None)
        others = [each for each in checked.files if each != file] if checked else []
        if others:  # what the pack's other files refer to may have gone with it
            self.check_soon(others[0])

    def clear(self, file: Path) -> None:
        """``file`` is not content (now): take back any problems shown on it."""
        shown = self.published.pop(file, None) is not None
        self.packs = {root: files - {file} for root, files in self.packs.items()}
        if shown or self.told.pop(file, None) is not None:
            uri = uri_of(file)
            self.send(uri, [], self.version_of(uri))

    def version_of(self, uri: str) -> int | None:
        """The editor's version of the open ``uri`` now; None if it is not open."""
        document = self.workspace.text_documents.get(uri)
        return document.version if document is not None else None

    def send(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> bool:
        """Publish ``diagnostics`` of ``version`` of ``uri``, unless a newer one's are shown."""
        shown = self.versions.get(uri)
        if version is not None and shown is not None and version < shown:
            return False
        if version is not None:
            self.versions[uri] = version
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )
        return True

    def gone(self, file: Path, checked: Checked) -> bool:
        """Whether what ``checked`` found on ``file`` is not to be shown now.

        That is, when the file has been opened or closed since the check read it (a check
        of what the editor has now is coming), or found not to be content.
        """
        if (file in self.pack_workspace.texts) != (file in checked.texts):
            return True
        return file in checked.texts and not self.content.get(file, True)

    async def check_now(self, file: Path, *, moved: bool = True, hold: Path | None = None) -> None:
        """Check ``file``'s pack and publish the problems of each of its files but ``hold``.

        The check runs on the worker thread with the open files' texts as they are now;
        requests are answered meanwhile. Its start is logged (window/logMessage), so that
        an editor's log shows what was checked when. If ``file`` is in another pack than when last
        checked (an emptied pack.yaml, say), the pack it left is checked again first (when
        ``moved``): its files may have had problems that depend on it. ``file`` is held
        back from that check's publishing, so that the edited file's problems go out last:
        once they have come, so have the rest.
        """
        before = self.pack_workspace.checked.get(file)
        texts = dict(self.pack_workspace.texts)
        versions = {each: self.version_of(uri_of(each)) for each in texts}
        version = "" if versions.get(file) is None else f", version {versions[file]}"
        self.window_log_message(
            types.LogMessageParams(types.MessageType.Log, f"checking {file.name}{version}")
        )
        work = self.pack_workspace.checked_with
        progress = Progress(self, file.name)
        files = before.files if before is not None else self.pack_workspace.pack_files(file)
        if (before is None or file in self.announced) and is_large(files or [file], texts):
            await progress.begin()
        self.announced.discard(file)
        try:
            checked = await asyncio.wrap_future(self.worker.submit(work, file, texts))
        except OSError as error:  # a file of the pack cannot be read (a pipe, say): say so
            progress.end(None, None)
            self.cannot_check(file, error)
            return
        except Exception as error:  # noqa: BLE001 (a bug must never stop the server)
            progress.end(None, None)
            _log.exception("checking %s failed", file)
            self.window_show_message(
                types.ShowMessageParams(
                    types.MessageType.Error, f"rcpack: internal error, please report it: {error!r}"
                )
            )
            return
        progress.end(len(checked.files), len(self.settings.shown(checked.result.problems)))
        if self.gone(file, checked):
            return
        self.pack_workspace.record(checked)
        left = [] if before is None or before.root == checked.root else before.files
        left = [each for each in left if each not in checked.files and each != file]
        if moved and left and self.pack_workspace.is_content(left[0]):
            await self.check_now(left[0], moved=False, hold=file)
            for each in checked.files:  # this check is each file's last
                self.pack_workspace.checked[each] = checked
        self.publish(file, checked, versions, hold=hold)

    def cannot_check(self, file: Path, error: OSError) -> None:
        """Show on ``file`` why its pack cannot be checked; tell the editor once, too."""
        message = cannot_check(error)
        if self.told.get(file) != message:
            self.told[file] = message
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
        uri = uri_of(file)
        problem = types.Diagnostic(
            range=range_at(self.pack_workspace.lines(file), 1, 1),
            message=message,
            severity=types.DiagnosticSeverity.Error,
            source="rcpack",
        )
        self.send(uri, [problem], self.version_of(uri))

    def publish(
        self,
        file: Path,
        checked: Checked,
        versions: dict[Path, int | None],
        *,
        hold: Path | None = None,
    ) -> None:
        """Publish each file's diagnostics: always the edited file's, others when they change.

        Each is placed in the text that was checked, and published as of its ``versions``
        then (None for a file not open); a file opened or closed since is left to the check
        of its text now, and an open file since found not to be content is left too. A file
        of the pack's last check that is no longer in it is cleared, unless it was checked
        in a pack of its own since. ``hold``, a file whose own check publishes next, is
        left to it.
        """
        root = checked.root
        now: dict[Path, list[types.Diagnostic]] = {}

        def lines_of(other: Path) -> list[str]:
            return self.pack_workspace.lines(other, checked.texts.get(other))

        page = self.settings.problem_help
        for each, problems in checked.problems.items():
            shown = self.settings.shown(problems)
            lines = lines_of(each) if shown else []
            now[each] = [diagnostic(p, lines, lines_of, page) for p in shown]
        for gone in self.packs.get(root, frozenset()) - now.keys():
            elsewhere = self.pack_workspace.checked.get(gone)
            if elsewhere is None or elsewhere.root == root:
                now[gone] = []
        # The edited file's last: once it has come, so have the others of the same check.
        for each, diagnostics in sorted(now.items(), key=lambda pair: pair[0] == file):
            if each == hold or self.gone(each, checked):
                continue
            told = self.told.pop(each, None) is not None  # its "cannot check" is shown
            changed = each == file or self.published.get(each) != diagnostics or told
            if changed and not self.send(uri_of(each), diagnostics, versions.get(each)):
                continue
            if each in checked.problems:
                self.published[each] = diagnostics
            else:
                self.published.pop(each, None)
        self.packs[root] = frozenset(checked.problems)

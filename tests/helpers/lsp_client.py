"""A real LSP client (pygls's) driving ``rcpack lsp`` over stdio, with calls that wait.

The client runs in an event loop of its own thread, so tests (and Hypothesis) call it
plainly: ``session.open(file)``, ``session.diagnostics(file)``, ``session.hover(...)``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from typing import TYPE_CHECKING, Any, Self, TypeVar

import warm_server
from lsprotocol import types
from pygls.lsp.client import LanguageClient

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
    from pathlib import Path

T = TypeVar("T")

#: The longest a test waits for the server to answer or publish: a bound on waiting, not a
#: timing (benchmarks time the server). fmt of a hostile buffer (a flow list of 400 kB) takes
#: seconds, and tens of seconds on a machine whose cores are busy.
TIMEOUT = 120.0


class Session:
    """One ``rcpack lsp`` process and a client talking to it."""

    def __init__(  # noqa: PLR0915 (each of the client's handlers, written where it is set up)
        self,
        root: Path,
        capabilities: types.ClientCapabilities | None = None,
        command: Sequence[str] | None = None,
        *,
        options: Any = None,
        settings: Any = None,
    ) -> None:
        """Start the server with ``root`` as the workspace, and initialise it.

        ``command`` starts the server: by default, this checkout's, in the tests' Python, forked
        from a process that has imported it already (warm_server.py).
        ``options`` are the initialization options; ``settings`` what ``workspace/configuration``
        is answered with (for each item asked), changed at will.
        """
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = LanguageClient("rcpack-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        #: Every publication in the order it came: the file's name, version, problem count.
        self.history: list[tuple[str, int | None, int]] = []
        self.messages: list[types.ShowMessageParams] = []
        self.logs: list[str] = []  # what the server logged (window/logMessage), in order
        self.registrations: list[types.Registration] = []
        self.changed = threading.Condition()
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.settings = settings
        self.asked: list[types.ConfigurationParams] = []  # each workspace/configuration
        self.refreshed: list[str] = []  # each refresh asked for: "inlay hints", "code lenses"
        #: Each progress token the server asked for ("create"), and each report: its token,
        #: its kind (begin, report, end) and message.
        self.progress: list[tuple[str, str, str | None]] = []

        def published(params: types.PublishDiagnosticsParams) -> None:
            with self.changed:
                self.published.setdefault(params.uri, []).append(params)
                name = params.uri.rsplit("/", 1)[-1]
                self.history.append((name, params.version, len(params.diagnostics)))
                self.changed.notify_all()

        def shown(params: types.ShowMessageParams) -> None:
            with self.changed:
                self.messages.append(params)
                self.changed.notify_all()

        def logged(params: types.LogMessageParams) -> None:
            with self.changed:
                self.logs.append(params.message)
                self.changed.notify_all()

        def registered(params: types.RegistrationParams) -> None:
            with self.changed:
                self.registrations.extend(params.registrations)
                self.changed.notify_all()

        def configuration(params: types.ConfigurationParams) -> list[Any]:
            with self.changed:
                self.asked.append(params)
                self.changed.notify_all()
            return [self.settings for _ in params.items]

        def refresh(what: str) -> Any:
            def refreshed(_: None) -> None:
                with self.changed:
                    self.refreshed.append(what)
                    self.changed.notify_all()

            return refreshed

        def progress_created(params: types.WorkDoneProgressCreateParams) -> None:
            with self.changed:
                self.progress.append((str(params.token), "create", None))
                self.changed.notify_all()

        def progressed(params: types.ProgressParams) -> None:
            value = params.value
            kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
            said = (
                value.get("message")
                if isinstance(value, dict)
                else getattr(value, "message", None)
            )
            with self.changed:
                self.progress.append((str(params.token), str(kind), said))
                self.changed.notify_all()

        on = self.client.feature
        on(types.WINDOW_WORK_DONE_PROGRESS_CREATE)(progress_created)
        on(types.PROGRESS)(progressed)
        on(types.WORKSPACE_CONFIGURATION)(configuration)
        on(types.WORKSPACE_INLAY_HINT_REFRESH)(refresh("inlay hints"))
        on(types.WORKSPACE_CODE_LENS_REFRESH)(refresh("code lenses"))
        on(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(published)
        on(types.WINDOW_SHOW_MESSAGE)(shown)
        on(types.WINDOW_LOG_MESSAGE)(logged)
        on(types.CLIENT_REGISTER_CAPABILITY)(registered)

        self.run(self.client.start_io(*(command or warm_server.command("lsp"))))
        self.capabilities = self.run(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=capabilities or full_capabilities(),
                    root_uri=root.as_uri(),
                    workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="pack")],
                    initialization_options=options,
                )
            )
        ).capabilities
        self.client.initialized(types.InitializedParams())

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` in the client's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(TIMEOUT)

    def call(self, function: Any, *args: Any) -> Any:
        """Call a synchronous client method (a notification) in the client's loop."""

        async def call() -> Any:
            return function(*args)

        return self.run(call())

    def __enter__(self) -> Self:
        """The session itself."""
        return self

    def __exit__(self, *_: object) -> None:
        """Shut the server down and stop the loop."""
        try:
            self.run(self.client.shutdown_async(None))
            self.call(self.client.exit, None)
            self.run(self.client.stop())  # type: ignore[no-untyped-call]
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(TIMEOUT)
            if not self.thread.is_alive():
                self.loop.close()  # its self-pipe's sockets too, never left to the collector

    # Documents -----------------------------------------------------------------------

    def open(self, file: Path, text: str | None = None) -> str:
        """Open ``file`` (with ``text``, else as saved); its URI."""
        uri = file.as_uri()
        text = file.read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        self.texts[uri] = text
        item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        self.call(
            self.client.text_document_did_open, types.DidOpenTextDocumentParams(text_document=item)
        )
        return uri

    def change(self, file: Path, text: str) -> int:
        """Replace the whole text of the open ``file``; the new version."""
        return self.edit(file, [types.TextDocumentContentChangeWholeDocument(text=text)], text)

    def edit(
        self, file: Path, changes: Sequence[types.TextDocumentContentChangeEvent], text: str
    ) -> int:
        """Send ``changes`` to the open ``file`` at once, ``text`` its text after; the version."""
        uri = file.as_uri()
        self.versions[uri] += 1
        self.texts[uri] = text
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=uri, version=self.versions[uri]
            ),
            content_changes=list(changes),
        )
        self.call(self.client.text_document_did_change, params)
        return self.versions[uri]

    def reset(self, folder: Path, files: Mapping[str, str]) -> None:
        """Each open buffer of ``files`` back to its text, as the next test sharing us expects.

        The files on disk must still be as given: a test that writes them starts its own server.
        """
        for name, content in files.items():
            file = folder / name
            assert file.read_text(encoding="utf-8") == content, f"{name} was changed on disk"
            if self.texts.get(file.as_uri(), content) != content:
                self.diagnostics(file, version=self.change(file, content))

    def saved_elsewhere(self, file: Path) -> None:
        """Tell the server ``file`` changed on disk, as an editor watching it does."""
        params = types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=file.as_uri(), type=types.FileChangeType.Changed)]
        )
        self.call(self.client.workspace_did_change_watched_files, params)

    def close(self, file: Path) -> None:
        """Close ``file``: the server reads it from disk again."""
        params = types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=file.as_uri())
        )
        self.call(self.client.text_document_did_close, params)

    def diagnostics(
        self, file: Path, *, version: int | None = None, after: int = 0
    ) -> list[types.Diagnostic]:
        """The diagnostics first published for ``file`` (at ``version``, if given).

        Publications before the first ``after`` are passed over.
        """
        uri = file.as_uri()
        deadline = time.monotonic() + TIMEOUT
        with self.changed:
            while True:
                for params in self.published.get(uri, [])[after:]:
                    if version is None or params.version == version:
                        return list(params.diagnostics)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no diagnostics for {file} (version {version})")
                self.changed.wait(left)

    def logged(self, message: str, *, after: int = 0) -> int:
        """Wait until the server logs ``message`` (past the first ``after`` logs); its index."""
        deadline = time.monotonic() + TIMEOUT
        with self.changed:
            while True:
                if message in self.logs[after:]:
                    return self.logs.index(message, after)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"the server never logged {message!r}")
                self.changed.wait(left)

    def latest(self, file: Path) -> list[types.Diagnostic]:
        """The diagnostics last published for ``file`` (waiting for the first, if none yet)."""
        self.diagnostics(file)
        with self.changed:
            return list(self.published[file.as_uri()][-1].diagnostics)

    def wait_for(self, ready: Callable[[], bool]) -> None:
        """Wait until ``ready()`` (checked whenever the server says something)."""
        deadline = time.monotonic() + TIMEOUT
        with self.changed:
            while not ready():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the server did not do what was awaited")
                self.changed.wait(left)

    def count(self, file: Path) -> int:
        """How many times diagnostics have been published for ``file``."""
        with self.changed:
            return len(self.published.get(file.as_uri(), []))

    def document(self, file: Path) -> types.TextDocumentIdentifier:
        """The identifier of ``file``."""
        return types.TextDocumentIdentifier(uri=file.as_uri())


def full_capabilities() -> types.ClientCapabilities:
    """What a capable editor says it can do (inlay hints, symbols in a tree, versions...)."""
    return types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, code_description_support=True
            ),
            document_symbol=types.DocumentSymbolClientCapabilities(
                hierarchical_document_symbol_support=True
            ),
            inlay_hint=types.InlayHintClientCapabilities(),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(snippet_support=True)
            ),
            rename=types.RenameClientCapabilities(prepare_support=True),
            hover=types.HoverClientCapabilities(
                content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
            ),
        ),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=False),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            ),
        ),
    )


@contextlib.contextmanager
def serving(folder: Path, names: Iterable[str]) -> Iterator[Session]:
    """``rcpack lsp`` started in ``folder``, with the files ``names`` open and first checked."""
    with Session(folder) as started:
        for name in names:
            started.open(folder / name)
            started.diagnostics(folder / name, version=1)
        yield started

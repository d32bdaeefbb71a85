"""The language server's wiring (pygls): what the editor asks, and what it is told."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from recurrent_care_pack._version import __version__

from .actions import code_actions
from .completion import complete
from .diagnostics import cannot_check, diagnostic, range_at
from .documents import apply_change
from .formatting import format_edits
from .hints import module_hints
from .hover import hover_text, to_hover
from .index import Named, PackIndex, Reference
from .locating import Spot, char_column, spot
from .navigation import RenameError, definition, references, rename, value_range
from .symbols import document_symbols
from .wire import serve_stdio
from .workspace import Checked, Workspace, absolute, uri_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["DEBOUNCE", "PackServer", "serve"]

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
            lines = self.pack_workspace.lines(each) if problems else []
            now[each] = [diagnostic(problem, lines) for problem in problems]
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


class At:
    """What a request is about: the file, its pack's ids, and the key or value at the cursor."""

    def __init__(self, ls: PackServer, uri: str, where: types.Position) -> None:
        """Find the file, read its pack, and what is at ``where``."""
        self.file = ls.file_of(uri)
        self.index = PackIndex([])
        self.spot: Spot | None = None
        if self.file is None:
            return
        workspace = ls.pack_workspace
        document = workspace.document(self.file)
        if document is None:
            return
        self.index = workspace.index(workspace.documents(self.file) or [document])
        lines = workspace.lines(self.file)
        text = lines[where.line] if where.line < len(lines) else ""
        column = char_column(text, where.character)
        by_line = workspace.spots(document)
        self.spot = spot(document, lines, where.line + 1, column, by_line=by_line)

    def named(self) -> Named | Reference | None:
        """The id given or referred to at the cursor."""
        if self.file is None or self.spot is None or self.spot.on_key:
            return None
        return self.index.at(self.file, self.spot.path)


def hover(ls: PackServer, params: types.HoverParams) -> types.Hover | None:
    at = At(ls, params.text_document.uri, params.position)
    if at.file is None or at.spot is None:
        return None
    text = hover_text(at.index, ls.pack_workspace.pack(at.file), at.file, at.spot)
    if text is None:
        return None
    return to_hover(text, ls.pack_workspace.lines(at.file), at.spot)


def go_to_definition(ls: PackServer, params: types.DefinitionParams) -> types.Location | None:
    at = At(ls, params.text_document.uri, params.position)
    found = at.named()
    return None if found is None else definition(at.index, found, ls.pack_workspace.lines)


def find_references(ls: PackServer, params: types.ReferenceParams) -> list[types.Location] | None:
    at = At(ls, params.text_document.uri, params.position)
    found = at.named()
    if found is None:
        return None
    declaration = params.context.include_declaration
    return references(at.index, found, ls.pack_workspace.lines, declaration=declaration)


def prepare_rename(ls: PackServer, params: types.PrepareRenameParams) -> types.Range | None:
    """The id at the cursor, if there is one to rename (the editor then asks for its new name)."""
    at = At(ls, params.text_document.uri, params.position)
    found = at.named()
    if found is None or at.file is None or at.spot is None:
        return None
    document = ls.pack_workspace.document(at.file)
    if document is None:
        return None
    return value_range(document, ls.pack_workspace.lines(at.file), at.spot.path)


def rename_id(ls: PackServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    at = At(ls, params.text_document.uri, params.position)
    found = at.named()
    if found is None:
        raise JsonRpcInvalidRequest(
            "put the cursor on an id, or on a reference to one, to rename it"
        )
    try:
        return rename(at.index, found, params.new_name, ls.pack_workspace.lines)
    except RenameError as error:
        raise JsonRpcInvalidRequest(str(error)) from None


def completion(ls: PackServer, params: types.CompletionParams) -> types.CompletionList | None:
    file = ls.file_of(params.text_document.uri)
    document = None if file is None else ls.pack_workspace.last_document(file)
    if file is None or document is None:
        return None
    lines = ls.pack_workspace.lines(file)
    where = params.position
    text = lines[where.line] if where.line < len(lines) else ""
    before = text[: char_column(text, where.character) - 1]
    index = ls.pack_workspace.index(
        ls.pack_workspace.documents(file, last_read=True) or [document]
    )
    items = complete(document, index, where.line + 1, before)
    return types.CompletionList(is_incomplete=False, items=items)


def quick_fixes(ls: PackServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    file = ls.file_of(params.text_document.uri)
    if file is None:
        return None
    lines = ls.pack_workspace.lines(file)
    return code_actions(params.text_document.uri, list(params.context.diagnostics), lines)


def inlay_hints(ls: PackServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    file = ls.file_of(params.text_document.uri)
    pack = None if file is None else ls.pack_workspace.pack(file)
    document = None if file is None or pack is None else ls.pack_workspace.document(file)
    if file is None or pack is None or document is None:
        return None  # times are given for a valid pack only
    lines = ls.pack_workspace.lines(file)
    first, last = params.range.start.line + 1, params.range.end.line + 1
    return module_hints(document, pack, lines, first, last)


def initialize(ls: PackServer, _: types.InitializeParams) -> None:
    """Keep each buffer's text here alone, changed as the editor counts lines (`documents`).

    pygls would apply each change to its own copy too, breaking lines where Python's
    ``splitlines()`` does, and in doing so rewrite a change's range that goes past its line
    (the range this server then reads): its copy keeps the version only.
    """
    workspace = ls.workspace

    def versioned(
        document: types.VersionedTextDocumentIdentifier, _: types.TextDocumentContentChangeEvent
    ) -> None:
        kept = workspace.text_documents.get(document.uri)
        if kept is not None:
            kept.version = document.version

    workspace.update_text_document = versioned  # type: ignore[method-assign,assignment]


async def initialized(ls: PackServer, _: types.InitializedParams) -> None:
    """Ask to be told of YAML files changed on disk, where the editor can watch them."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is None or not watched.dynamic_registration:
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")]
    )
    registration = types.Registration(
        id="rcpack-yaml-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=[registration])
        )
    except Exception:  # noqa: BLE001 (the editor refused: saved files are read at each check)
        _log.info("the editor does not watch files for rcpack")


def files_changed(ls: PackServer, _: types.DidChangeWatchedFilesParams) -> None:
    """A file changed on disk (a checkout, another program): check the open packs again."""
    checked: set[Path] = set()
    for file in list(ls.pack_workspace.texts):
        already = ls.pack_workspace.checked.get(file)
        if already is not None and already.root in checked:
            continue
        if ls.pack_workspace.is_content(file):
            ls.check_now(file)
            root = ls.pack_workspace.checked.get(file)
            if root is not None:
                checked.add(root.root)


def did_open(ls: PackServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.buffer_changed(params.text_document.uri, params.text_document.text)


def did_change(ls: PackServer, params: types.DidChangeTextDocumentParams) -> None:
    """Make the editor's changes to the text kept, breaking lines as the editor does."""
    file = ls.file_of(params.text_document.uri)
    text = None if file is None else ls.pack_workspace.texts.get(file)
    if text is None:
        return  # not open (or not a file): nothing is kept to change
    for change in params.content_changes:
        text = apply_change(text, change)
    ls.buffer_changed(params.text_document.uri, text)


def did_save(ls: PackServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.buffer_changed(params.text_document.uri)


def did_close(ls: PackServer, params: types.DidCloseTextDocumentParams) -> None:
    file = ls.file_of(params.text_document.uri)
    if file is not None:
        ls.pack_workspace.close(file)
        if not os.path.lexists(file):  # never saved: its problems go with it
            ls.forget(file)
        elif ls.pack_workspace.is_content(file):  # the saved text is checked again
            ls.check_now(file)


def formatting(
    ls: PackServer, params: types.DocumentFormattingParams
) -> list[types.TextEdit] | None:
    file = ls.file_of(params.text_document.uri)
    if file is None:
        return None
    text = ls.pack_workspace.text(file)
    if text is None:
        return None
    edits, refusal = format_edits(file, text)
    if refusal is not None:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, refusal))
    return edits


def symbols(
    ls: PackServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | None:
    file = ls.file_of(params.text_document.uri)
    document = None if file is None else ls.pack_workspace.document(file)
    if document is None:
        return []
    return document_symbols(document, ls.pack_workspace.lines(document.file))


def build() -> PackServer:
    """The server with every feature it offers."""
    server = PackServer()
    for feature, handler in (
        (types.TEXT_DOCUMENT_DID_OPEN, did_open),
        (types.TEXT_DOCUMENT_DID_CHANGE, did_change),
        (types.TEXT_DOCUMENT_DID_SAVE, did_save),
        (types.TEXT_DOCUMENT_DID_CLOSE, did_close),
        (types.TEXT_DOCUMENT_FORMATTING, formatting),
        (types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, symbols),
        (types.TEXT_DOCUMENT_HOVER, hover),
        (types.TEXT_DOCUMENT_DEFINITION, go_to_definition),
        (types.TEXT_DOCUMENT_REFERENCES, find_references),
        (types.TEXT_DOCUMENT_PREPARE_RENAME, prepare_rename),
        (types.TEXT_DOCUMENT_RENAME, rename_id),
        (types.TEXT_DOCUMENT_INLAY_HINT, inlay_hints),
        (types.INITIALIZE, initialize),
        (types.INITIALIZED, initialized),
        (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, files_changed),
    ):
        server.feature(feature)(handler)
    options = types.CompletionOptions(trigger_characters=[" ", "[", "-"])
    server.feature(types.TEXT_DOCUMENT_COMPLETION, options)(completion)
    fixing = types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, fixing)(quick_fixes)
    return server


def serve() -> int:
    """Serve over stdin and stdout until the editor says exit; the exit status."""
    return serve_stdio(build())

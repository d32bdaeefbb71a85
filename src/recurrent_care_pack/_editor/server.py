"""The language server's wiring (pygls): what the editor asks, and what it is told."""

from __future__ import annotations

import logging
import os
import sys

from lsprotocol import types

from .documents import apply_change
from .publishing import DEBOUNCE, PackServer
from .requests import (
    completion,
    find_references,
    folding,
    formatting,
    go_to_definition,
    highlight,
    hover,
    inlay_hints,
    lenses,
    prepare_rename,
    quick_fixes,
    rename_id,
    selecting,
    symbols,
    workspace_symbols,
)
from .settings import read_settings
from .wire import serve_stdio

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DEBOUNCE", "PackServer", "serve"]

_log = logging.getLogger(__name__)


def initialize(ls: PackServer, params: types.InitializeParams) -> None:
    """Keep each buffer's text here alone, changed as the editor counts lines (`documents`).

    pygls would apply each change to its own copy too, breaking lines where Python's
    ``splitlines()`` does, and in doing so rewrite a change's range that goes past its line
    (the range this server then reads): its copy keeps the version only. The settings in
    ``initializationOptions`` are taken (what is wrong with them is said once initialized).
    """
    ls.settings, ls.unsaid = read_settings(params.initialization_options)
    workspace = ls.workspace

    def versioned(
        document: types.VersionedTextDocumentIdentifier, _: types.TextDocumentContentChangeEvent
    ) -> None:
        kept = workspace.text_documents.get(document.uri)
        if kept is not None:
            kept.version = document.version

    workspace.update_text_document = versioned  # type: ignore[method-assign,assignment]


async def initialized(ls: PackServer, _: types.InitializedParams) -> None:
    """Ask for the settings, and to be told of them changing and of YAML files changed on disk.

    Each as far as the editor can: settings pulled where it answers ``workspace/configuration``.
    """
    for message in ls.unsaid:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, message))
    ls.unsaid = []
    workspace = ls.client_capabilities.workspace
    registrations = []
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is not None and watched.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")]
        )
        registrations.append(
            types.Registration(
                id="rcpack-yaml-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
        )
    told = workspace.did_change_configuration if workspace is not None else None
    if told is not None and told.dynamic_registration:
        registrations.append(
            types.Registration(
                id="rcpack-settings",
                method=types.WORKSPACE_DID_CHANGE_CONFIGURATION,
                register_options=types.DidChangeConfigurationRegistrationOptions(section="rcpack"),
            )
        )
    if registrations:
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=registrations)
            )
        except Exception:  # noqa: BLE001 (refused: saved files are read at each check)
            _log.info("the editor does not watch files or settings for rcpack")
    if workspace is not None and workspace.configuration:
        await pull_settings(ls)


async def pull_settings(ls: PackServer) -> None:
    """Ask the editor for the ``rcpack`` settings, and take them."""
    try:
        answer = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="rcpack")])
        )
    except Exception:  # noqa: BLE001 (the editor could not say: the settings stay as they are)
        _log.info("the editor gave no settings for rcpack")
        return
    take_settings(ls, answer[0] if answer else None)


async def settings_changed(ls: PackServer, params: types.DidChangeConfigurationParams) -> None:
    """The settings changed: take rcpack's if sent, else ask for them where the editor can.

    An editor sends all its settings, or none (as it does when settings are pulled): only
    a section ``rcpack`` is rcpack's.
    """
    sent = params.settings
    section = sent.get("rcpack") if isinstance(sent, dict) else None
    workspace = ls.client_capabilities.workspace
    if section is not None:
        take_settings(ls, section)
    elif workspace is not None and workspace.configuration:
        await pull_settings(ls)


def take_settings(ls: PackServer, sent: object) -> None:
    """Take the settings ``sent``: say what is wrong, show the problems and times anew."""
    settings, wrong = read_settings(sent)
    for message in wrong:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, message))
    if settings == ls.settings:
        return
    ls.settings = settings
    check_open_packs(ls, announced=False)  # each open pack's problems published as now shown
    workspace = ls.client_capabilities.workspace
    if workspace is not None and workspace.inlay_hint and workspace.inlay_hint.refresh_support:
        ls.workspace_inlay_hint_refresh(None)
    if workspace is not None and workspace.code_lens and workspace.code_lens.refresh_support:
        ls.workspace_code_lens_refresh(None)


def files_changed(ls: PackServer, _: types.DidChangeWatchedFilesParams) -> None:
    """A file changed on disk (a checkout, another program): check the open packs again."""
    check_open_packs(ls, announced=True)


def check_open_packs(ls: PackServer, *, announced: bool) -> None:
    """Check the pack of each open file again, once a pack (``announced``: see check_soon)."""
    checked: set[Path] = set()  # the packs to be checked again, by root as last checked
    for file in list(ls.pack_workspace.texts):
        already = ls.pack_workspace.checked.get(file)
        if already is not None and already.root in checked:
            continue
        if ls.pack_workspace.is_content(file):
            ls.check_soon(file, announced=announced)
            if already is not None:
                checked.add(already.root)


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
        ls.outlines.forget(file)
        if not os.path.lexists(file):  # never saved: its problems go with it
            ls.forget(file)
        elif ls.pack_workspace.is_content(file):  # the saved text is checked again
            ls.check_soon(file)


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
        (types.WORKSPACE_SYMBOL, workspace_symbols),
        (types.TEXT_DOCUMENT_FOLDING_RANGE, folding),
        (types.TEXT_DOCUMENT_SELECTION_RANGE, selecting),
        (types.TEXT_DOCUMENT_HOVER, hover),
        (types.TEXT_DOCUMENT_DEFINITION, go_to_definition),
        (types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT, highlight),
        (types.TEXT_DOCUMENT_REFERENCES, find_references),
        (types.TEXT_DOCUMENT_PREPARE_RENAME, prepare_rename),
        (types.TEXT_DOCUMENT_RENAME, rename_id),
        (types.TEXT_DOCUMENT_INLAY_HINT, inlay_hints),
        (types.TEXT_DOCUMENT_CODE_LENS, lenses),
        (types.INITIALIZE, initialize),
        (types.INITIALIZED, initialized),
        (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, files_changed),
        (types.WORKSPACE_DID_CHANGE_CONFIGURATION, settings_changed),
    ):
        server.feature(feature)(handler)
    options = types.CompletionOptions(trigger_characters=[" ", "[", "-"])
    server.feature(types.TEXT_DOCUMENT_COMPLETION, options)(completion)
    fixing = types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, fixing)(quick_fixes)
    return server


def serve() -> int:
    """Serve over stdin and stdout until the editor says exit; the exit status.

    While a check runs on its thread, Python hands the other thread (answering requests)
    its turn after 1 ms, not the usual 5: a request waits less for a check to let go.
    """
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        return serve_stdio(build())
    finally:
        sys.setswitchinterval(interval)

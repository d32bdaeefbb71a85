"""What the editor asks of a file, answered: hover, navigation, completion, fixes, layout.

Each answer reads the workspace as it is now (kept between requests while unchanged, and
after an edit made again only where the edit is); none changes it, and none waits for a
check: at most for a check's reading of the same text, which it then shares.
"""

from __future__ import annotations

import functools

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest

from recurrent_care_pack._content.reading import value_ends
from recurrent_care_pack._text import line_break

from .actions import code_actions
from .completion import complete
from .folding import folding_ranges, selection_ranges
from .formatting import format_edits
from .hints import Built, module_hints, module_lenses
from .hover import hover_text, to_hover
from .index import Named, PackIndex, Reference
from .locating import Spot, char_column, spot
from .navigation import RenameError, definition, references, rename, value_range
from .symbols import pack_symbols

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from recurrent_care_pack._content.marks import Mark

    from .publishing import PackServer
    from .wire import Sent

__all__ = [
    "completion",
    "find_references",
    "folding",
    "formatting",
    "go_to_definition",
    "highlight",
    "hover",
    "inlay_hints",
    "lenses",
    "prepare_rename",
    "quick_fixes",
    "rename_id",
    "selecting",
    "symbols",
    "workspace_symbols",
]


class At:
    """What a request is about: the file, its pack's ids, and the key or value at the cursor."""

    def __init__(self, ls: PackServer, uri: str, where: types.Position) -> None:
        """Find the file, read its pack, and what is at ``where``."""
        self.file = ls.file_of(uri)
        self.index = PackIndex([])
        self.files: list[Path] = []  # the pack's files, read now or not
        self.spot: Spot | None = None
        if self.file is None:
            return
        workspace = ls.pack_workspace
        document = workspace.document(self.file)
        if document is None:
            return
        self.files = workspace.pack_files(self.file)
        read = [each for each in map(workspace.document, self.files) if each is not None]
        self.index = workspace.index(read or [document])
        lines = workspace.lines(self.file)
        text = lines[where.line] if where.line < len(lines) else ""
        column = char_column(text, where.character)
        self.spot = spot(document, lines, where.line + 1, column)

    def unread(self) -> list[Path]:
        """The pack's files that do not read now (their ids are not in the index)."""
        read = {document.file for document in self.index.documents}
        return [each for each in self.files if each not in read]

    def named(self) -> Named | Reference | None:
        """The id given or referred to at the cursor."""
        if self.file is None or self.spot is None or self.spot.on_key:
            return None
        return self.index.at(self.file, self.spot.path)


def hover(ls: PackServer, params: types.HoverParams) -> types.Hover | None:
    at = At(ls, params.text_document.uri, params.position)
    if at.file is None or at.spot is None:
        return None
    built = _built(ls, at.file, at.index)
    text = hover_text(at.index, built, at.file, at.spot, at.unread())
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


def highlight(
    ls: PackServer, params: types.DocumentHighlightParams
) -> list[types.DocumentHighlight] | None:
    """The id at the cursor where this file gives it (written) and refers to it (read)."""
    at = At(ls, params.text_document.uri, params.position)
    found = at.named()
    if found is None:
        return None
    lines = ls.pack_workspace.lines
    given = definition(at.index, found, lines)
    places = [(given, types.DocumentHighlightKind.Write)] if given is not None else []
    read = references(at.index, found, lines, declaration=False)
    places += [(place, types.DocumentHighlightKind.Read) for place in read]
    return [
        types.DocumentHighlight(range=place.range, kind=kind)
        for place, kind in places
        if ls.file_of(place.uri) == at.file
    ]


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
    asked = ls.client_capabilities.text_document
    offered = asked.completion if asked is not None else None
    item = offered.completion_item if offered is not None else None
    snippets = bool(item is not None and item.snippet_support)
    items = complete(document, index, where.line + 1, before, snippets=snippets)
    return types.CompletionList(is_incomplete=False, items=items)


@functools.lru_cache(maxsize=2)
def _value_ends(text: str) -> dict[Mark, Mark | None]:
    """`value_ends`, kept for the last texts asked about: an editor asks at each cursor move."""
    return value_ends(text)


def quick_fixes(ls: PackServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    file = ls.file_of(params.text_document.uri)
    if file is None:
        return None
    text = ls.pack_workspace.text(file) or ""
    lines = ls.pack_workspace.lines(file, text)
    editing = ls.client_capabilities.workspace
    edits = editing.workspace_edit if editing is not None else None
    snippets = bool(edits is not None and edits.snippet_edit_support)
    diagnostics = list(params.context.diagnostics)
    ends = functools.partial(_value_ends, text)  # read once a fix needs it
    return code_actions(
        params.text_document.uri,
        diagnostics,
        lines,
        snippets=snippets,
        ends=ends,
        newline=line_break(text),
    )


def lenses(ls: PackServer, params: types.CodeLensParams) -> list[types.CodeLens] | None:
    if not ls.settings.lenses:
        return []  # rcpack.moduleTimes says not as code lenses
    at = At(ls, params.text_document.uri, types.Position(line=0, character=0))
    built = None if at.file is None else _built(ls, at.file, at.index)
    document = None if at.file is None else ls.pack_workspace.document(at.file)
    if built is None or document is None:
        return None  # not checked yet, or the file does not read: where modules are is unknown
    return module_lenses(document, built)


def inlay_hints(ls: PackServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    if not ls.settings.hints:
        return []  # rcpack.moduleTimes says not as inlay hints
    at = At(ls, params.text_document.uri, params.range.start)
    built = None if at.file is None else _built(ls, at.file, at.index)
    document = None if at.file is None else ls.pack_workspace.document(at.file)
    if at.file is None or built is None or document is None:
        return None  # not checked yet, or the file does not read: where modules are is unknown
    lines = ls.pack_workspace.lines(at.file)
    first, last = params.range.start.line + 1, params.range.end.line + 1
    return module_hints(document, built, lines, first, last)


def _built(ls: PackServer, file: Path, index: PackIndex) -> Built | None:
    """The pack ``file`` belongs to as last checked, whole or in part, if it built at all."""
    workspace = ls.pack_workspace
    pack = workspace.built(file)
    if pack is None:
        return None
    return Built(pack, workspace.pack(file) is not None, frozenset(index.twice))


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


def folding(ls: PackServer, params: types.FoldingRangeParams) -> list[types.FoldingRange] | None:
    file = ls.file_of(params.text_document.uri)
    if file is None or not ls.pack_workspace.is_content(file):
        return None
    return folding_ranges(ls.pack_workspace.lines(file))


def selecting(
    ls: PackServer, params: types.SelectionRangeParams
) -> list[types.SelectionRange] | None:
    file = ls.file_of(params.text_document.uri)
    if file is None or not ls.pack_workspace.is_content(file):
        return None
    return selection_ranges(ls.pack_workspace.lines(file), list(params.positions))


def symbols(ls: PackServer, params: types.DocumentSymbolParams) -> Sent | list[object]:
    file = ls.file_of(params.text_document.uri)
    document = None if file is None else ls.pack_workspace.document(file)
    if document is None:
        return []
    lines = ls.pack_workspace.lines(document.file)
    return ls.outlines.of(document, lines, keep=document.file in ls.pack_workspace.texts)


def workspace_symbols(
    ls: PackServer, params: types.WorkspaceSymbolParams
) -> list[types.SymbolInformation]:
    """The items of every pack an open file belongs to, by name or id: "Exercise 9"."""
    workspace = ls.pack_workspace
    indexes, seen = [], set()
    for file in list(workspace.texts):
        if not workspace.is_content(file) or workspace.is_session(file):
            continue
        files = tuple(workspace.pack_files(file))
        if files in seen:
            continue
        seen.add(files)
        indexes.append(workspace.index(workspace.documents(file)))
    return pack_symbols(indexes, params.query, workspace.lines)

"""Document symbols: the outline of a file (sections, modules, films, exercises, tips...)."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from .diagnostics import position, range_at
from .index import KIND_OF_LIST, item_label
from .navigation import definition
from .wire import Sent

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from cattrs import Converter

    from recurrent_care_pack._content.reading import Document, KeyPath

    from .index import PackIndex

__all__ = ["Outlines", "document_symbols", "pack_symbols"]

_SYMBOL_KINDS = {
    "section": types.SymbolKind.Namespace,
    "learning module": types.SymbolKind.Module,
    "film or presentation": types.SymbolKind.Event,
    "exercise": types.SymbolKind.Function,
    "tip category": types.SymbolKind.Class,
    "tip": types.SymbolKind.String,
    "person": types.SymbolKind.Object,
    "organisation": types.SymbolKind.Object,
    "work": types.SymbolKind.Object,
    "case study": types.SymbolKind.Object,
    "resource": types.SymbolKind.Object,
}


def document_symbols(document: Document, lines: list[str]) -> list[types.DocumentSymbol]:
    """The outline of ``document``: its top-level keys, and the items with ids inside them."""
    if not isinstance(document.data, dict):
        return []
    outline = _Outline(document, lines)
    keys = [(key,) for key in document.data]
    found = []
    for index, (key,) in enumerate(keys):
        following = keys[index + 1] if index + 1 < len(keys) else None
        symbol = types.DocumentSymbol(
            name="pack details"
            if key == "pack"
            else _named(str(key).replace("_", " "), otherwise="''"),
            kind=types.SymbolKind.Namespace,
            range=outline.span((key,), following),
            selection_range=outline.key_range((key,)),
            children=outline.children(document.data[key], (key,), outline.end(following, None))
            or None,
        )
        found.append(symbol)
    return found


def _named(*names: str, otherwise: str) -> str:
    """The first of ``names`` that is not blank, else ``otherwise``.

    An editor refuses a symbol with no name (VS Code shows no outline at all then), as a
    key or a name left empty while typing would give.
    """
    return next((name for name in names if name.strip()), otherwise)


class Outlines:
    """Each open file's outline, kept while its reading and its lines are the same objects.

    An editor asks again at each change of view (its outline, its breadcrumbs), and a file
    of a megabyte has thousands of symbols: made once a text, and kept as the JSON it is
    sent as (`Sent`), so that asking again costs the sending alone. Not to be changed.
    """

    def __init__(self, converter: Converter) -> None:
        """Nothing kept yet; ``converter`` makes symbols JSON (the server's)."""
        self._converter = converter
        self._kept: dict[Path, tuple[Document, list[str], Sent]] = {}

    def of(self, document: Document, lines: list[str], *, keep: bool = True) -> Sent:
        """``document``'s symbols (`document_symbols`), ``lines`` its text's, as JSON.

        ``keep``: the file is open (a file not open is never closed, so never forgotten).
        """
        kept = self._kept.get(document.file)
        if kept is not None and kept[0] is document and kept[1] is lines:
            return kept[2]
        found = Sent(self._converter.unstructure(document_symbols(document, lines)))
        if keep:
            self._kept[document.file] = (document, lines, found)
        return found

    def forget(self, file: Path) -> None:
        """Keep nothing of ``file`` (closed)."""
        self._kept.pop(file, None)


class _Outline:
    def __init__(self, document: Document, lines: list[str]) -> None:
        self.document = document
        self.lines = lines

    def key_range(self, path: KeyPath) -> types.Range:
        mark = self.document.where_key(path)
        return range_at(self.lines, mark.line, mark.column)

    def value_range(self, path: KeyPath) -> types.Range:
        mark = self.document.where(path)
        return range_at(self.lines, mark.line, mark.column)

    def span(
        self, path: KeyPath, following: KeyPath | None, end: int | None = None
    ) -> types.Range:
        """From ``path``'s key (or item) to the line before ``following`` (or ``end``)."""
        start = self.document.where_key(path)
        last = self.end(following, end) - 1
        last = max(last, start.line)
        width = len(self.lines[last - 1]) if 0 < last <= len(self.lines) else 0
        return types.Range(
            start=position(self.lines, start.line, start.column),
            end=position(self.lines, last, width + 1),
        )

    def children(
        self, data: Any, path: KeyPath, end: int | None = None
    ) -> list[types.DocumentSymbol]:
        """The items with ids within ``data`` (at ``path``), however deep."""
        found: list[types.DocumentSymbol] = []
        if isinstance(data, dict):
            keys = [(*path, key) for key in data]
            for index, here in enumerate(keys):
                value = data[here[-1]]
                if not isinstance(value, (dict, list)):
                    continue  # a text or number: no items in it
                following = keys[index + 1] if index + 1 < len(keys) else None
                found.extend(self.children(value, here, self.end(following, end)))
        elif isinstance(data, list):
            kind = KIND_OF_LIST.get(str(path[-1])) if path else None
            items = [(*path, index) for index in range(len(data))]
            for index, (here, value) in enumerate(zip(items, data, strict=True)):
                following = items[index + 1] if index + 1 < len(items) else None
                inner = self.children(value, here, self.end(following, end))
                if kind and isinstance(value, dict) and isinstance(value.get("id"), str):
                    found.append(
                        types.DocumentSymbol(
                            name=_named(item_label(value, kind), value["id"], otherwise=kind),
                            detail=value["id"],
                            kind=_SYMBOL_KINDS.get(kind, types.SymbolKind.Object),
                            range=self.span(here, following, end),
                            selection_range=self.value_range((*here, "id")),
                            children=inner or None,
                        )
                    )
                else:
                    found.extend(inner)
        return found

    def end(self, following: KeyPath | None, end: int | None) -> int:
        """The line after what comes before ``following`` (or ``end``, or the file)."""
        if following is not None:
            return self.document.where_key(following).line
        return end or len(self.lines) + 1


def pack_symbols(
    indexes: Iterable[PackIndex], query: str, lines_of: Callable[[Path], list[str]]
) -> list[types.SymbolInformation]:
    """Every item with an id in the packs of ``indexes`` that ``query`` finds.

    Found when its name or id holds each word of ``query``, in any case: "exercise 9",
    "film-6", "sheena".
    """
    words = query.casefold().split()
    found: list[types.SymbolInformation] = []
    for index in indexes:
        for named in index.named.values():
            label = item_label(named.item, named.kind)
            if not all(word in f"{label} {named.id}".casefold() for word in words):
                continue
            where = definition(index, named, lines_of)
            if where is not None:
                found.append(
                    types.SymbolInformation(
                        name=_named(label, named.id, otherwise=named.kind),
                        kind=_SYMBOL_KINDS.get(named.kind, types.SymbolKind.Object),
                        location=where,
                        container_name=named.id,
                    )
                )
    return found

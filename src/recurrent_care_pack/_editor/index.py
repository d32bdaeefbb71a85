"""What the pack's files name: every id, where it is given, and every reference to one.

Read from the documents as written (not the built pack), so that navigation works while a
file has problems.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from recurrent_care_pack._content.meaning import KIND_OF_LIST  # what meaning checks call items

from .locating import value_at

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from recurrent_care_pack._content.reading import Document, KeyPath

__all__ = [
    "KIND_OF_LIST",
    "Named",
    "PackIndex",
    "Parts",
    "Reference",
    "item_label",
    "reference_kind",
]

#: Where a reference is written: the path's ending (a list index written "*") and its kind.
_REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("pack", "publisher"), "organisation"),
    (("pack", "origin", "partners", "*"), "organisation"),
    (("people", "*", "organisation"), "organisation"),
    (("works", "*", "publisher"), "organisation"),
    (("case_studies", "*", "based_on"), "work"),
    (("media", "*", "speakers", "*"), "person"),
    (("modules", "*", "films", "*"), "film or presentation"),
    (("modules", "*", "exercise"), "exercise"),
    (("different_day", "rewatch", "*"), "film or presentation"),
    (("what_you_need", "*", "case_study"), "case study"),
    (("exercises", "*", "draws_on", "*"), "film or presentation"),
    (("background_reading", "works", "*"), "work"),
    (("resources", "*", "organisation"), "organisation"),
    (("cites", "*"), "work"),
    (("mentions", "*"), "organisation"),
)


def reference_kind(path: KeyPath) -> str | None:
    """The kind of id a value at ``path`` refers to, or None where no reference is written."""
    shape = tuple("*" if isinstance(part, int) else part for part in path)
    for ending, kind in _REFERENCES:
        if shape[-len(ending) :] == ending and (ending[0] != "pack" or len(shape) == len(ending)):
            return kind
    return None


def item_label(item: dict[str, Any], kind: str) -> str:
    """How the pack names an item: "Film 6: Complex trauma", "Module 2: ...", "Sheena Webb"."""
    number = item.get("number")
    title = item.get("title") or item.get("name")
    word = {
        "section": "Section",
        "learning module": "Module",
        "exercise": "Exercise",
        "film or presentation": str(item.get("kind") or "film").capitalize(),
    }.get(kind)
    name = f"{word} {number}" if word and isinstance(number, int) else None
    if name and isinstance(title, str):
        return f"{name}: {title}"
    if name or isinstance(title, str):
        return str(name or title)
    text = item.get("text")
    if isinstance(text, str) and text:
        return text if len(text) <= 60 else text[:57] + "..."
    return str(item.get("id") or kind)


@frozen
class Named:
    """An item with an id: its kind, the file and path of the item, and the item itself."""

    id: str
    kind: str
    document: Document
    path: KeyPath
    item: dict[str, Any]

    @property
    def file(self) -> Path:
        """The file it is given in."""
        return self.document.file


@frozen
class Reference:
    """An id written where another item is meant: its file and path, and the kind it names."""

    id: str
    kind: str
    document: Document
    path: KeyPath


class PackIndex:
    """The ids and references of a pack's documents."""

    def __init__(self, documents: Sequence[Document], parts: Parts | None = None) -> None:
        """Index ``documents``; an id given twice is found at its first place.

        ``parts``: what each part of each file was found to hold, when indexed before.
        """
        self.documents = tuple(documents)
        self.named: dict[str, Named] = {}
        self.twice: set[str] = set()  # the ids given more than once
        self.references: list[Reference] = []
        for document in documents:
            found = (parts or Parts()).found(document)
            for named in found[0]:
                if self.named.setdefault(named.id, named) is not named:
                    self.twice.add(named.id)
            self.references.extend(found[1])

    def of_kind(self, kind: str) -> list[Named]:
        """The items of ``kind`` (ids a reference of that kind may name), in the files' order."""
        return [named for named in self.named.values() if named.kind == kind]

    def references_to(self, item_id: str) -> list[Reference]:
        """Every reference to ``item_id``."""
        return [reference for reference in self.references if reference.id == item_id]

    def at(self, file: Path, path: KeyPath) -> Named | Reference | None:
        """The id given or referred to by the value at ``path`` in ``file``."""
        for reference in self.references:
            if reference.document.file == file and reference.path == path:
                return reference
        if path and path[-1] == "id":
            written = self.value(file, path)
            named = self.named.get(written) if isinstance(written, str) else None
            if named is not None and named.document.file == file and named.path == path[:-1]:
                return named
        return None

    def value(self, file: Path, path: KeyPath) -> Any:
        """The value at ``path`` in ``file``, or None."""
        document = self._document(file)
        return value_at(document.data, path) if document is not None else None

    def _document(self, file: Path) -> Document | None:
        return next((d for d in self.documents if d.file == file), None)


#: What a part of a file names and refers to.
_Found = tuple[list[Named], list[Reference]]


class Parts:
    """What each part of a file names and refers to, kept while the part is the same value.

    A part is an item of a top-level list (a section, say) or a top-level key's value. An
    edited file is read again only where the edit is (`rereading`): the rest of its values
    are the objects read before, and what they hold is not looked for again, only bound to
    the document read now (whose marks say where it is written now). Values read are never
    changed, so the same object holds the same.
    """

    def __init__(self) -> None:
        """Nothing found yet."""
        self._kept: dict[Path, dict[KeyPath, tuple[Any, Document, _Found]]] = {}

    def found(self, document: Document) -> _Found:
        """What ``document`` names and refers to, in the order written."""
        data = document.data
        if not isinstance(data, dict):
            return list(_items(document, data, ())), list(_references(document, data, ()))
        kept = self._kept.get(document.file, {})
        now: dict[KeyPath, tuple[Any, Document, _Found]] = {}
        named: list[Named] = []
        references: list[Reference] = []
        for prefix, value in _parts(data):
            before = kept.get(prefix)
            if before is not None and before[0] is value:
                part = before[2] if before[1] is document else _moved(before[2], document)
            else:
                part = _part(document, prefix, value)
            now[prefix] = (value, document, part)
            named.extend(part[0])
            references.extend(part[1])
        self._kept[document.file] = now
        return named, references

    def forget(self, file: Path) -> None:
        """Keep nothing of ``file`` (closed, say)."""
        self._kept.pop(file, None)


def _parts(data: dict[str, Any]) -> Iterator[tuple[KeyPath, Any]]:
    """Each part of a file's ``data``: each item of a top-level list, else each key's value."""
    for key, value in data.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield (key, index), item
        else:
            yield (key,), value


def _part(document: Document, prefix: KeyPath, value: Any) -> _Found:
    """What the part ``value`` at ``prefix`` in ``document`` names and refers to."""
    named: list[Named] = []
    if len(prefix) == 2:  # an item of a list: it may have an id itself
        kind = KIND_OF_LIST.get(str(prefix[0]))
        if kind and isinstance(value, dict) and isinstance(value.get("id"), str):
            named.append(Named(value["id"], kind, document, prefix, value))
    named.extend(_items(document, value, prefix))
    return named, list(_references(document, value, prefix))


def _moved(part: _Found, document: Document) -> _Found:
    """``part`` as found in ``document``, a later reading of the same file."""
    named = [Named(each.id, each.kind, document, each.path, each.item) for each in part[0]]
    return named, [Reference(each.id, each.kind, document, each.path) for each in part[1]]


def _items(document: Document, data: Any, path: KeyPath) -> Iterator[Named]:
    if isinstance(data, dict):
        if path == ("pack",) and isinstance(data.get("id"), str):
            yield Named(data["id"], "pack", document, path, data)
        for key, value in data.items():
            yield from _items(document, value, (*path, key))
    elif isinstance(data, list):
        kind = KIND_OF_LIST.get(str(path[-1])) if path else None
        for index, value in enumerate(data):
            here = (*path, index)
            if kind and isinstance(value, dict) and isinstance(value.get("id"), str):
                yield Named(value["id"], kind, document, here, value)
            yield from _items(document, value, here)


def _references(document: Document, data: Any, path: KeyPath) -> Iterator[Reference]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _references(document, value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _references(document, value, (*path, index))
    elif isinstance(data, str):
        kind = reference_kind(path)
        if kind is not None:
            yield Reference(data, kind, document, path)

"""Merging: the files of a pack into one document, remembering where each part came from."""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from recurrent_care_pack._model import PACK_COLLECTIONS
from recurrent_care_pack._problems import Problem

from .reading import Document, KeyPath, Mark

__all__ = ["Origins", "merge"]


@frozen(kw_only=True)
class Origins:
    """Where each part of a merged pack document was written."""

    details: Document | None
    items: dict[str, list[tuple[Document, int]]]
    #: Where parts were left out of an item (`merge`): by the item's list and place in the
    #: merged document, the places kept in each list inside it, by that list's path.
    kept: dict[tuple[str, int], dict[KeyPath, list[int]]] = field(factory=dict)

    def locate(self, path: KeyPath) -> tuple[Document, KeyPath] | None:
        """The file and the path inside it of the merged document's ``path``."""
        head = path[0] if path else None
        if head == "pack":
            return (self.details, path) if self.details is not None else None
        if isinstance(head, str) and len(path) > 1 and isinstance(path[1], int):
            document, index = self.items[head][path[1]]
            kept = self.kept.get((head, path[1]))
            if kept is None:
                return document, (head, index, *path[2:])
            inner: KeyPath = ()
            for part in path[2:]:
                places = kept.get(inner) if isinstance(part, int) else None
                inner = (
                    *inner,
                    places[part] if places is not None and isinstance(part, int) else part,
                )
            return document, (head, index, *inner)
        return None

    def where(self, path: KeyPath) -> tuple[Path, Mark]:
        """The file and the place in it of the merged document's ``path``."""
        found = self.locate(path)
        if found is None:  # pragma: no cover - every merged path has an origin
            raise KeyError(path)
        document, inner = found
        return document.file, document.where(inner)

    def problem(self, path: KeyPath, code: str, message: str, *, at_key: bool = False) -> Problem:
        """A problem at ``path`` of the merged document, located in its own file."""
        found = self.locate(path)
        if found is None:  # pragma: no cover - every merged path has an origin
            raise KeyError(path)
        document, inner = found
        return document.problem(inner, code, message, at_key=at_key)


def merge(
    documents: Sequence[Document],
    pruned: Mapping[Path, Mapping[KeyPath, dict[str, Any] | None]] | None = None,
    *,
    details_unseen: bool = False,
) -> tuple[dict[str, Any], Origins, list[Problem]]:
    """Put the files of one pack together: pack details once, every list added up.

    ``pruned``: what to leave out of each file (`pruning.survey`). ``details_unseen``:
    some file may give pack details that cannot be seen, so that whether they are missing
    or given twice (RC407, RC408) cannot be told.
    """
    merged: dict[str, Any] = {name: [] for name in PACK_COLLECTIONS}
    items: dict[str, list[tuple[Document, int]]] = {name: [] for name in PACK_COLLECTIONS}
    kept: dict[tuple[str, int], dict[KeyPath, list[int]]] = {}
    details: Document | None = None
    problems: list[Problem] = []
    for document in documents:
        left_out = (pruned or {}).get(document.file, {})
        if () in left_out:
            continue
        data = document.data
        if "pack" in data:
            if details is None:
                details = document
                if ("pack",) not in left_out:
                    merged["pack"] = data["pack"]
            elif not details_unseen:
                first = details.where_key(("pack",))
                problems.append(
                    document.problem(
                        ("pack",),
                        "RC408",
                        "the pack details are already given in "
                        f"{details.file}:{first.line}; keep them in one file",
                        at_key=True,
                    )
                )
        _add_items(document, left_out, merged, items, kept)
    if details is None and documents and not details_unseen:
        problems.append(
            documents[0].problem(
                (),
                "RC407",
                "no file of this pack gives the pack details; add a 'pack:' mapping with "
                "its id, title, publisher and published date to a file named pack.yaml (the "
                "files in a folder with a pack.yaml are checked together as one pack; a file "
                "outside such a folder is a pack on its own)",
            )
        )
    return merged, Origins(details=details, items=items, kept=kept), problems


def _add_items(
    document: Document,
    left_out: Mapping[KeyPath, dict[str, Any] | None],
    merged: dict[str, Any],
    items: dict[str, list[tuple[Document, int]]],
    kept: dict[tuple[str, int], dict[KeyPath, list[int]]],
) -> None:
    """Add the items of a document's lists to the merged lists, without what is left out."""
    along = {path[:end] for path in left_out for end in range(1, len(path))}
    for name in PACK_COLLECTIONS:
        if (name,) in left_out:
            continue
        for index, item in enumerate(document.data.get(name, ())):
            at = (name, index)
            if at in left_out and left_out[at] is None:
                continue
            if at in left_out or at in along:
                places: dict[KeyPath, list[int]] = {}
                item = _pruned(item, at, left_out, along, places)  # noqa: PLW2901
                if places:
                    kept[name, len(merged[name])] = places
            merged[name].append(item)
            items[name].append((document, index))


def _pruned(
    value: Any,
    path: KeyPath,
    left_out: Mapping[KeyPath, dict[str, Any] | None],
    along: set[KeyPath],
    places: dict[KeyPath, list[int]],
) -> Any:
    """``value`` (at ``path``) without what is left out, noting the places kept in lists."""
    value = left_out.get(path) or value
    if path not in along:
        return value
    if isinstance(value, dict):
        return {
            key: _pruned(inner, (*path, key), left_out, along, places)
            for key, inner in value.items()
            if (*path, key) not in left_out or left_out[(*path, key)] is not None
        }
    if isinstance(value, list):
        kept = [i for i in range(len(value)) if (*path, i) not in left_out or left_out[(*path, i)]]
        if len(kept) < len(value):
            places[path[2:]] = kept
        return [_pruned(value[i], (*path, i), left_out, along, places) for i in kept]
    return value

"""Merging: the files of a pack into one document, remembering where each part came from."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from recurrent_care_pack._model import PACK_COLLECTIONS
from recurrent_care_pack._problems import Problem

from .reading import Document, KeyPath, Mark

__all__ = ["Origins", "merge"]


@frozen(kw_only=True)
class Origins:
    """Where each part of a merged pack document was written."""

    details: Document | None
    items: dict[str, list[tuple[Document, int]]]

    def locate(self, path: KeyPath) -> tuple[Document, KeyPath] | None:
        """The file and the path inside it of the merged document's ``path``."""
        head = path[0] if path else None
        if head == "pack":
            return (self.details, path) if self.details is not None else None
        if isinstance(head, str) and len(path) > 1 and isinstance(path[1], int):
            document, index = self.items[head][path[1]]
            return document, (head, index, *path[2:])
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


def merge(documents: Sequence[Document]) -> tuple[dict[str, Any], Origins, list[Problem]]:
    """Put the files of one pack together: pack details once, every list added up."""
    merged: dict[str, Any] = {name: [] for name in PACK_COLLECTIONS}
    items: dict[str, list[tuple[Document, int]]] = {name: [] for name in PACK_COLLECTIONS}
    details: Document | None = None
    problems: list[Problem] = []
    for document in documents:
        data = document.data
        if "pack" in data:
            if details is None:
                details = document
                merged["pack"] = data["pack"]
            else:
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
        for name in PACK_COLLECTIONS:
            for index, item in enumerate(data.get(name, ())):
                merged[name].append(item)
                items[name].append((document, index))
    if details is None and documents:
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
    return merged, Origins(details=details, items=items), problems

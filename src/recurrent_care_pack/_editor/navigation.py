"""Go to definition, find references and rename, for every id, across the pack's files."""

from __future__ import annotations

import functools
import re

from lsprotocol import types

from recurrent_care_pack._content.formatting import written_text
from recurrent_care_pack._content.schema import schema
from recurrent_care_pack._errors import RenameError
from recurrent_care_pack._problems import quoted

from .diagnostics import position
from .locating import value_at
from .workspace import uri_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from recurrent_care_pack._content.reading import Document, KeyPath

    from .index import Named, PackIndex, Reference

__all__ = [
    "RenameError",
    "definition",
    "id_at",
    "references",
    "rename",
    "value_range",
    "written_id",
]


@functools.cache
def _id_rule() -> tuple[re.Pattern[str], str]:
    """The schema's pattern for an id, and its words for what an id may be."""
    rule = schema()["$defs"]["id"]
    return re.compile(rule["pattern"]), str(rule["errorMessage"])


def written_id(new_id: str) -> str:
    """``new_id`` as fmt writes it: plain, or in quotes where YAML would read it otherwise.

    'null', 'true', 'no', 'y', '010', '1e3', '0x1f' and '2019-05-22' are ids, but written
    plain they read as nothing, true or false, a number or a date.
    """
    return written_text(new_id)


def value_range(document: Document, lines: list[str], path: KeyPath) -> types.Range:
    """The range of the text (an id) written at ``path``, its quotes included."""
    mark = document.where(path)
    text = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
    rest = text[mark.column - 1 :]
    length = len(str(value_at(document.data, path)))
    if rest[:1] in {"'", '"'}:
        close = rest.find(rest[0], 1)
        length = close + 1 if close > 0 else len(rest)
    return types.Range(
        start=position(lines, mark.line, mark.column),
        end=position(lines, mark.line, mark.column + length),
    )


def id_at(index: PackIndex, file: Path, path: KeyPath) -> Named | Reference | None:
    """The id given, or referred to, at ``path`` in ``file``."""
    return index.at(file, path)


def _location(
    document: Document, path: KeyPath, lines_of: Callable[[Path], list[str]]
) -> types.Location:
    file = document.file
    return types.Location(uri=uri_of(file), range=value_range(document, lines_of(file), path))


def definition(
    index: PackIndex, found: Named | Reference, lines_of: Callable[[Path], list[str]]
) -> types.Location | None:
    """Where the id ``found`` names is given."""
    named = index.named.get(found.id)
    if named is None:
        return None
    return _location(named.document, (*named.path, "id"), lines_of)


def references(
    index: PackIndex,
    found: Named | Reference,
    lines_of: Callable[[Path], list[str]],
    *,
    declaration: bool,
) -> list[types.Location]:
    """Every place the id ``found`` is referred to (and given, with ``declaration``)."""
    places = [_location(r.document, r.path, lines_of) for r in index.references_to(found.id)]
    named = index.named.get(found.id)
    if declaration and named is not None:
        places.insert(0, _location(named.document, (*named.path, "id"), lines_of))
    return places


def rename(
    index: PackIndex,
    found: Named | Reference,
    new_id: str,
    lines_of: Callable[[Path], list[str]],
) -> types.WorkspaceEdit:
    """One edit across the pack's files giving ``found``'s item the id ``new_id``.

    `RenameError` when the schema refuses the new id, it is already used, or the id names
    nothing in the pack (renaming it would leave the references pointing nowhere). The new
    id is written in quotes where YAML would read it as something other than text.
    """
    pattern, rule = _id_rule()
    if pattern.search(new_id) is None:
        raise RenameError(f"{quoted(new_id)} is not an id: {rule}")
    if new_id in index.named and new_id != found.id:
        used = index.named[new_id]
        raise RenameError(f"'{new_id}' is already the id of the {used.kind} in {used.file.name}")
    named = index.named.get(found.id)
    if named is None:
        raise RenameError(f"no item has the id '{found.id}'; correct the reference instead")
    places = [(named.document, (*named.path, "id"))]
    places += [(r.document, r.path) for r in index.references_to(found.id)]
    changes: dict[str, list[types.TextEdit]] = {}
    for document, path in places:
        edit = types.TextEdit(
            range=value_range(document, lines_of(document.file), path),
            new_text=written_id(new_id),
        )
        changes.setdefault(uri_of(document.file), []).append(edit)
    return types.WorkspaceEdit(changes=changes)

"""PDF/UA: the structure tree of the PDFs WeasyPrint writes, repaired with pikepdf.

WeasyPrint tags each page on its own: a table that runs over a page break becomes one
``Table`` element per page (each with its repeated header row), header cells carry an
``/ID`` that data cells name in ``/Headers`` but no ``/Scope``, the tree has no
``/IDTree``, and the page's margin boxes (the footer, "Page N of M") are marked content
whose elements hang outside the tree. After WeasyPrint has written the PDF:

- the fragments of one HTML table become one ``Table``: the rows of every later page join
  the first page's body in reading order, and the header row repeated on a later page is
  marked as a pagination artifact (so a screen reader hears it once);
- every header cell gets ``/Scope`` (``/Row`` when it heads cells of its own row,
  ``/Column`` otherwise, ``/Both`` for both), and the ``/IDTree`` resolves every ``/ID``;
- marked content whose element is not in the tree (the margin boxes, the repeated header
  rows) becomes ``/Artifact`` marked content, its entry in the ``/ParentTree`` emptied, so
  every marked-content sequence is either in the tree or an artifact.

The look of every page is unchanged: only marked-content tags and the tree are rewritten.
"""

import io
from collections.abc import Iterator
from typing import Any, TypeGuard

from recurrent_care_pack._installed import missing_extra

from .word import MissingExtraError

try:
    import pikepdf
except ImportError:  # imported only to write a PDF, so only that needs the extra
    raise MissingExtraError(missing_extra("PDF handouts need", "pikepdf", "pdf")) from None

__all__ = ["tagged_pdf"]

#: For each HTML table, the object numbers of its cells' elements, over every page it is on.
_Fragments = list[list[int]]


def tagged_pdf(html: Any) -> bytes:
    """``html`` (a WeasyPrint ``HTML``) printed as PDF/UA-1, its structure tree repaired."""
    tables: _Fragments = []

    def collect(document: Any, _pdf: Any) -> None:
        tables.extend(_table_cells(document))

    stream = io.BytesIO()
    # PDF/UA-1: tagged (headings, lists, tables in the structure tree), the title shown in
    # the viewer's title bar, the language and the title in the metadata.
    html.write_pdf(stream, pdf_variant="pdf/ua-1", finisher=collect)
    return _repaired(stream.getvalue(), tables)


def _table_cells(document: Any) -> _Fragments:
    """For each HTML table, the element numbers of its cells, over every page it is on.

    WeasyPrint keeps each cell's structure element on the cell's box (``mark``) once it
    has tagged the pages; the boxes of one table on different pages share its HTML element.
    """
    cells: dict[int, list[int]] = {}
    for page in document.pages:
        for table, box in _cells_in(page._page_box, None):  # noqa: SLF001 (the laid-out boxes)
            number = getattr(getattr(box, "mark", None), "number", None)
            if isinstance(number, int):
                cells.setdefault(id(table), []).append(number)
    return list(cells.values())


def _cells_in(box: Any, table: object) -> Iterator[tuple[object, Any]]:
    """Each table cell box under ``box``, with the HTML element of its table."""
    box = getattr(box, "_box", box)  # an absolutely placed box stands in for its box
    tag = getattr(box, "element_tag", None)
    if tag == "table":
        table = box.element
    elif tag in ("td", "th") and table is not None:
        yield table, box
    for child in getattr(box, "children", ()):
        yield from _cells_in(child, table)


def _repaired(data: bytes, tables: _Fragments) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary):
            return data
        for cells in tables:
            _merge(pdf, cells)
        for table in _reachable(root).values():
            if _role(table) == "/Table" and _has_rows(table):
                _fold_wrappers(table)
        reachable = _reachable(root)
        _mark_artifacts(pdf, root, reachable)
        ids = _scopes_and_ids(reachable)
        if ids:
            names = pikepdf.Array()
            for key in sorted(ids, key=bytes):
                names.append(pikepdf.String(key))
                names.append(ids[key])
            root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
        elif "/IDTree" in root:
            del root.IDTree
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(node: object) -> TypeGuard[pikepdf.Dictionary]:
    return isinstance(node, pikepdf.Dictionary) and "/S" in node


def _role(node: pikepdf.Object) -> str:
    return str(node.get("/S")) if _is_element(node) else ""


def _set_kids(element: pikepdf.Object, kids: list[pikepdf.Object]) -> None:
    element.K = pikepdf.Array(kids)


def _merge(pdf: pikepdf.Pdf, cells: list[int]) -> None:
    """Make the ``Table`` elements holding ``cells`` (one per page) the first of them."""
    fragments: list[pikepdf.Object] = []
    for number in cells:
        table = _ancestor(pdf.get_object(number, 0), "/Table")
        if table is not None and all(table.objgen != t.objgen for t in fragments):
            fragments.append(table)
    if len(fragments) < 2:
        return
    first, *rest = fragments
    heads = _header_ids(first)
    for table in rest:
        renamed = dict(zip(_header_ids(table), heads, strict=False)) if heads else {}
        for kid in _kids(table):
            role = _role(kid)
            if role == "/THead" and heads:
                continue  # the header row repeated on this page: said once, on the first
            if role == "/TBody" and (body := _last(first, "/TBody")) is not None:
                for row in _kids(kid):
                    _adopt(body, row)
                    _rename_headers(row, renamed)
                continue
            if role == "/TFoot" and (foot := _last(first, "/TFoot")) is not None:
                _detach(foot)  # a footer row repeated on each page: the last one stays
            _adopt(first, kid)
            _rename_headers(kid, renamed)
        _detach(table)


def _fold_wrappers(table: pikepdf.Object) -> None:
    """Fold the row-less ``Table`` elements nested in ``table`` into it, captions first.

    A caption taken out of the flow (a visually hidden one) is tagged by WeasyPrint inside
    ``Table`` elements of its own, nested in the real one: its ``Caption`` becomes the
    table's first kid, and the empty wrappers go.
    """
    captions: list[pikepdf.Object] = []
    kept: list[pikepdf.Object] = []
    for kid in _kids(table):
        if _role(kid) == "/Table" and not _has_rows(kid):
            captions += _descendants(kid, "/Caption")
        else:
            kept.append(kid)
    if len(kept) == len(_kids(table)):
        return
    for caption in captions:
        caption.P = table
    _set_kids(table, [*captions, *kept])


def _has_rows(element: pikepdf.Object) -> bool:
    return bool(_descendants(element, "/TR"))


def _descendants(element: pikepdf.Object, role: str) -> list[pikepdf.Object]:
    found: list[pikepdf.Object] = []
    for kid in _kids(element):
        if _role(kid) == role:
            found.append(kid)
        elif _is_element(kid):
            found += _descendants(kid, role)
    return found


def _ancestor(node: pikepdf.Object | None, role: str) -> pikepdf.Object | None:
    seen = 0
    while _is_element(node) and seen < 64:
        if _role(node) == role:
            return node
        node = node.get("/P")
        seen += 1
    return None


def _last(element: pikepdf.Object, role: str) -> pikepdf.Object | None:
    found = [kid for kid in _kids(element) if _role(kid) == role]
    return found[-1] if found else None


def _header_ids(table: pikepdf.Object) -> list[bytes]:
    """The ``/ID`` of each header cell in the table's head, in order."""
    head = _last(table, "/THead")
    if head is None:
        return []
    return [
        bytes(cell.ID)
        for row in _kids(head)
        for cell in _kids(row)
        if _role(cell) == "/TH" and "/ID" in cell
    ]


def _adopt(parent: pikepdf.Object, kid: pikepdf.Object) -> None:
    if _is_element(kid):
        kid.P = parent
    _set_kids(parent, [*_kids(parent), kid])


def _detach(element: pikepdf.Object) -> None:
    """Take ``element`` out of its parent; a parent left with no kids goes too."""
    parent = element.get("/P")
    if not _is_element(parent):
        return
    kept = [kid for kid in _kids(parent) if getattr(kid, "objgen", None) != element.objgen]
    _set_kids(parent, kept)
    if not kept and _role(parent) not in ("/Document", ""):
        _detach(parent)


def _attributes(element: pikepdf.Object) -> list[pikepdf.Object]:
    found = element.get("/A")
    if found is None:
        return []
    listed = list(found) if isinstance(found, pikepdf.Array) else [found]
    return [a for a in listed if isinstance(a, pikepdf.Dictionary)]


def _rename_headers(node: pikepdf.Object, renamed: dict[bytes, bytes]) -> None:
    """Point the ``/Headers`` of the cells under ``node`` at the first page's header cells."""
    if not renamed or not _is_element(node):
        return
    for owner in [node, *_attributes(node)]:
        if "/Headers" in owner:
            owner.Headers = pikepdf.Array(
                pikepdf.String(renamed.get(bytes(h), bytes(h))) for h in owner.Headers
            )
    for kid in _kids(node):
        _rename_headers(kid, renamed)


def _reachable(root: pikepdf.Object) -> dict[tuple[int, int], pikepdf.Object]:
    """Every structure element reached from the root through ``/K``, by object."""
    found: dict[tuple[int, int], pikepdf.Object] = {}
    pending = _kids(root)
    while pending:
        node = pending.pop()
        if not _is_element(node) or node.objgen in found:
            continue
        found[node.objgen] = node
        pending.extend(_kids(node))
    return found


def _mark_artifacts(
    pdf: pikepdf.Pdf,
    root: pikepdf.Object,
    reachable: dict[tuple[int, int], pikepdf.Object],
) -> None:
    """Marked content whose element is outside the tree becomes a pagination artifact."""
    parents = _number_tree(root.get("/ParentTree"))
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        slots = parents.get(int(key)) if key is not None else None
        if not isinstance(slots, pikepdf.Array):
            continue
        outside = set()
        for mcid, element in enumerate(slots):
            if _is_element(element) and element.objgen not in reachable:
                outside.add(mcid)
                slots[mcid] = None
        if outside:
            _rewrite_content(pdf, page, outside)


def _number_tree(tree: pikepdf.Object | None) -> dict[int, pikepdf.Object]:
    """The entries of a number tree (its ``/Nums`` and its ``/Kids``' ``/Nums``)."""
    found: dict[int, pikepdf.Object] = {}
    if not isinstance(tree, pikepdf.Dictionary):
        return found
    nums = tree.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        for index in range(0, len(nums) - 1, 2):
            found[int(nums[index])] = nums[index + 1]
    for kid in tree.get("/Kids", ()):
        found.update(_number_tree(kid))
    return found


def _rewrite_content(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    """Retag the marked content ``mcids`` of ``page`` (and its forms) as artifacts."""
    data = _retagged(pikepdf.parse_content_stream(page), mcids)
    if data is not None:
        page.obj.Contents = pdf.make_stream(data)
    for form in _forms(page.obj.get("/Resources"), set()):
        data = _retagged(pikepdf.parse_content_stream(form), mcids)
        if data is not None:
            form.write(data)


def _forms(resources: pikepdf.Object | None, seen: set[tuple[int, int]]) -> Iterator[Any]:
    if not isinstance(resources, pikepdf.Dictionary):
        return
    for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
        if (
            isinstance(xobject, pikepdf.Stream)
            and xobject.get("/Subtype") == pikepdf.Name.Form
            and xobject.objgen not in seen
        ):
            seen.add(xobject.objgen)
            yield xobject
            yield from _forms(xobject.get("/Resources"), seen)


def _retagged(instructions: list[Any], mcids: set[int]) -> bytes | None:
    """The content with each ``BDC`` of ``mcids`` an artifact's; ``None`` if none is there."""
    changed = False
    for index, instruction in enumerate(instructions):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        if str(instruction.operator) != "BDC" or len(instruction.operands) < 2:
            continue
        properties = instruction.operands[1]
        if not isinstance(properties, pikepdf.Dictionary):
            continue
        mcid = properties.get("/MCID")
        if mcid is not None and int(mcid) in mcids:
            artifact = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
            instructions[index] = pikepdf.ContentStreamInstruction(
                [pikepdf.Name.Artifact, artifact], pikepdf.Operator("BDC")
            )
            changed = True
    return pikepdf.unparse_content_stream(instructions) if changed else None


def _scopes_and_ids(
    reachable: dict[tuple[int, int], pikepdf.Object],
) -> dict[bytes, pikepdf.Object]:
    """Give each header cell its ``/Scope``; return the elements by ``/ID``.

    A header cell named in the ``/Headers`` of a cell in its own row heads that row, one
    named by cells of other rows heads its column (WeasyPrint names a ``th scope="row"``
    in its row's cells, any other ``th`` in its column's). ``/Headers`` naming no element
    in the tree are dropped.
    """
    ids = {bytes(e.ID): e for e in reachable.values() if "/ID" in e}
    rows: dict[bytes, set[str]] = {}
    for cell in reachable.values():
        for owner in [cell, *_attributes(cell)]:
            if "/Headers" not in owner:
                continue
            named = [bytes(h) for h in owner.Headers if bytes(h) in ids]
            owner.Headers = pikepdf.Array(pikepdf.String(h) for h in named)
            row = getattr(cell.get("/P"), "objgen", None)
            for header in named:
                same = getattr(ids[header].get("/P"), "objgen", None) == row
                rows.setdefault(header, set()).add("/Row" if same else "/Column")
    for element in reachable.values():
        if _role(element) != "/TH":
            continue
        kinds = rows.get(bytes(element.ID), set()) if "/ID" in element else set()
        scope = pikepdf.Name("/Both" if len(kinds) > 1 else (kinds or {"/Column"}).pop())
        table = [a for a in _attributes(element) if a.get("/O") == pikepdf.Name.Table]
        if table:
            table[0].Scope = scope
        else:
            added = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)
            element.A = pikepdf.Array([*_attributes(element), added])
    return ids

"""PDF/UA for real: every PDF handout as the ``pdfua`` checker and its structure tree see it.

For each handout (guide, exercises, tips) in clear and large print, for four plans (the
whole pack, and issue 20's team day, three weekly slots and two hours), the ``pdfua`` checker from PyPI (pinned in the dev
extra) finds nothing, and pikepdf reads a structure tree a screen reader can follow: one
``Table`` per HTML table over page breaks (the repeated header row an artifact), header
cells with ``/Scope``, an ``/IDTree`` that resolves every ``/ID`` and ``/Headers``, every
marked-content sequence either an artifact or in the tree, no element outside the tree.
Each PDF is rendered once (a cache by its HTML); tips do not follow the plan, so one each.
"""

import io
import subprocess
import sys
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

import guide_plans
import pdfua
import pikepdf
import pypdf
import pytest
from bundled_handouts import printed
from installing import GIT, installed_as
from paths import ROOT
from weasyprint import HTML

import recurrent_care_pack as rcp
from recurrent_care_pack._output.tagging import tagged_pdf

KINDS = ("guide", "exercises", "tips")
SIZES = (False, True)
PLANS = ("whole pack", "team day", "weekly", "two hours")
#: The version of the checker these tests run (pyproject.toml's dev extra pins it).
PDFUA = "0.1.3"
#: The one rule pdfua 0.1.3 cannot evaluate with pikepdf 10: its empty-heading check asks a
#: pikepdf array for an attribute and fails. ``test_every_heading_has_text`` checks it here.
UNEVALUATED = {"UA-14-001"}
ROW = "/Row"
COLUMN = "/Column"


@cache
def _agenda(name: str) -> rcp.Agenda:
    """The whole pack, and the issue's three situations (guide_plans.py)."""
    plans = {
        "whole pack": lambda: rcp.plan(_pack()),
        "team day": guide_plans.team_day,
        "weekly": guide_plans.weekly,
        "two hours": guide_plans.two_hours,
    }
    return plans[name]()


@cache
def _pack() -> rcp.Pack:
    return rcp.load_pack()


@cache
def _html(plan: str, kind: str, large_print: bool) -> str:
    agenda = _agenda(plan)
    session = guide_plans.team_session() if plan == "team day" else None
    return rcp.render_handout(
        _pack(), kind, "html", agenda, large_print=large_print, session=session
    ).decode()


def _pdf(plan: str, kind: str, *, large_print: bool) -> bytes:
    """The PDF, once per distinct HTML (the same tips for every plan) in this worker."""
    return printed(_html(plan, kind, large_print))


HANDOUTS = [
    pytest.param(plan, kind, size, id=f"{plan}-{kind}{'-large' if size else ''}")
    for plan in PLANS
    for kind in KINDS
    for size in SIZES
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the PDFs the checker reads, for the module."""
    return tmp_path_factory.mktemp("pdf-ua")


# The checker


def test_the_checker_is_the_pinned_version() -> None:
    """The tests run the pdfua version README names and the dev extra pins."""
    assert pdfua.__version__ == PDFUA
    root = ROOT
    assert f'"pdfua=={PDFUA}"' in (root / "pyproject.toml").read_text("utf-8")
    readme = " ".join((root / "README.md").read_text("utf-8").split())
    assert f"the `pdfua` checker {PDFUA} from PyPI (pinned in the `dev` extra)" in readme


@pytest.mark.parametrize(("plan", "kind", "large_print"), HANDOUTS)
def test_pdfua_finds_nothing(plan: str, kind: str, large_print: bool, folder: Path) -> None:
    """0 errors, 0 warnings (0 findings at all); only the rule it cannot run goes unrun."""
    path = folder / f"{plan}-{kind}-{large_print}.pdf"
    path.write_bytes(_pdf(plan, kind, large_print=large_print))
    report = pdfua.validate(str(path))
    assert [(f.rule_id, f.severity.name, f.message) for f in report.findings] == []
    skipped = {o.rule_id for o in report.outcomes if o.skipped_reason is not None}
    assert skipped <= UNEVALUATED


def test_pdfua_command_passes_the_guide(folder: Path) -> None:
    """The installed ``pdfua check`` command, as CI or a service runs it, exits 0: no findings."""
    path = folder / "guide-large.pdf"
    path.write_bytes(_pdf("weekly", "guide", large_print=True))
    done = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout
    assert "errors=0 warnings=0" in done.stdout


# The structure tree


def _elements(node: object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under ``node`` (through ``/K``), in reading order."""
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _role(element: object) -> str:
    return str(element.get("/S")) if isinstance(element, pikepdf.Dictionary) else ""


def _attributes(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found = element.get("/A")
    listed = list(found) if isinstance(found, pikepdf.Array) else [found]
    return [a for a in listed if isinstance(a, pikepdf.Dictionary)]


def _open(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def _marks_content(element: pikepdf.Dictionary) -> bool:
    """True when ``element`` or an element under it marks content (an MCID)."""
    return any(
        isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid)
        for e in [element, *_elements(element)]
        for kid in _kids(e)
    )


@pytest.mark.parametrize("large_print", SIZES)
@pytest.mark.parametrize("plan", PLANS)
def test_one_table_per_running_sheet(plan: str, large_print: bool) -> None:
    """The guide has one Table element per HTML table (a running sheet a day at least), one head each.

    Today the whole pack's running sheet runs over two or three pages; the tables built to
    order below run over pages whatever the guide's layout becomes.
    """
    html = _html(plan, "guide", large_print)
    with _open(_pdf(plan, "guide", large_print=large_print)) as pdf:
        tables = [e for e in _elements(pdf.Root.StructTreeRoot) if _role(e) == "/Table"]
        assert len(tables) == html.count("<table") >= _agenda(plan).days
        for table in tables:
            assert [_role(k) for k in _kids(table)].count("/THead") == 1


@pytest.mark.parametrize(("plan", "kind", "large_print"), HANDOUTS)
def test_structure_tree_is_whole(plan: str, kind: str, large_print: bool) -> None:
    """Scope on each TH, an IDTree for every ID and Headers, each element's parent its /P."""
    with _open(_pdf(plan, kind, large_print=large_print)) as pdf:
        root = pdf.Root.StructTreeRoot
        elements = list(_elements(root))
        for element in elements:
            for kid in _kids(element):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    assert kid.P.objgen == element.objgen
        for header in (e for e in elements if _role(e) == "/TH"):
            scopes = [a.get("/Scope") for a in _attributes(header) if a.get("/O") == "/Table"]
            assert scopes in ([COLUMN], [ROW], ["/Both"])
        with_id = {bytes(e.ID): e.objgen for e in elements if "/ID" in e}
        names = list(root.IDTree.Names) if with_id else []
        tree = {bytes(names[i]): names[i + 1].objgen for i in range(0, len(names), 2)}
        assert tree == with_id
        assert list(tree) == sorted(tree)
        for cell in (e for e in elements if _role(e) == "/TD"):
            for owner in [cell, *_attributes(cell)]:
                for name in owner.get("/Headers", []):
                    assert bytes(name) in tree


def _marked(
    instructions: Sequence[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage],
) -> Iterator[tuple[str, int | None, bool]]:
    """Each marked-content sequence: its tag, its MCID (if any), whether inside an artifact."""
    stack: list[bool] = []
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operator = str(instruction.operator)
        if operator in ("BDC", "BMC"):
            operands = instruction.operands
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            yield str(operands[0]), (None if mcid is None else int(mcid)), any(stack)
            stack.append(str(operands[0]) == "/Artifact")
        elif operator == "EMC":
            stack.pop()
    assert stack == []


def _drawings(page: pikepdf.Page) -> Iterator[pikepdf.Page | pikepdf.Object]:
    """The page and every form it draws (through its resources, and theirs)."""
    yield page
    pending = [page.obj.get("/Resources")]
    while pending:
        resources = pending.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                yield xobject
                pending.append(xobject.get("/Resources"))


@pytest.mark.parametrize(("plan", "kind", "large_print"), HANDOUTS)
def test_all_content_is_in_the_tree_or_an_artifact(
    plan: str, kind: str, large_print: bool
) -> None:
    """Every MCID on a page or its forms is in the tree (via the ParentTree); the rest artifacts.

    No element is outside the tree: the ParentTree names only elements in it, each holding
    the MCID it is named for, and every MCID the tree names is on its page.
    """
    with _open(_pdf(plan, kind, large_print=large_print)) as pdf:
        _assert_in_the_tree_or_artifacts(pdf)


def _assert_in_the_tree_or_artifacts(pdf: pikepdf.Pdf) -> None:
    """Each MCID reached from the root through the ParentTree, other marked content an artifact."""
    root = pdf.Root.StructTreeRoot
    reached = {e.objgen for e in _elements(root)}
    nums = root.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert "/Kids" not in root.ParentTree
    for page in pdf.pages:
        slots = parents[int(page.obj.StructParents)]
        marked = [
            sequence
            for drawing in _drawings(page)
            for sequence in _marked(pikepdf.parse_content_stream(drawing))
        ]
        assert marked
        mcids = [mcid for _, mcid, _ in marked if mcid is not None]
        assert len(mcids) == len(set(mcids))
        for tag, mcid, in_artifact in marked:
            if mcid is None:  # marked content outside the tree: an artifact's own
                assert tag == "/Artifact" or in_artifact
                continue
            assert not in_artifact
            element = slots[mcid]
            assert element.objgen in reached
            assert mcid in list(element.K)
        named = [i for i, slot in enumerate(slots) if isinstance(slot, pikepdf.Dictionary)]
        assert named == sorted(mcids)
    objects = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary)]
    orphans = [o for o in objects if o.get("/Type") == "/StructElem" and o.objgen not in reached]
    assert orphans == []


@pytest.mark.parametrize(("kind", "large_print"), [(k, s) for k in KINDS for s in SIZES])
def test_every_heading_has_text(kind: str, large_print: bool) -> None:
    """No empty heading (what pdfua's UA-14-001 checks, which it cannot run here)."""
    with _open(_pdf("whole pack", kind, large_print=large_print)) as pdf:
        headings = [
            e for e in _elements(pdf.Root.StructTreeRoot) if _role(e) in {"/H1", "/H2", "/H3"}
        ]
        assert headings
        assert all(_marks_content(h) for h in headings)


@pytest.mark.parametrize(("kind", "large_print"), [(k, s) for k in KINDS for s in SIZES])
def test_what_worked_still_works(kind: str, large_print: bool) -> None:
    """Language, title shown, PDF/UA-1 declared, fonts embedded, bookmarks, tab order, valid."""
    data = _pdf("whole pack", kind, large_print=large_print)
    with _open(data) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.docinfo["/Title"]).startswith("Recurrent Care Resource Pack: ")
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        assert "/Outlines" in pdf.Root
        for page in pdf.pages:
            assert page.obj.Tabs == "/S"
            for font in page.obj.Resources.Font.values():
                descendants = font.get("/DescendantFonts", [font])
                assert all("/FontFile2" in d.FontDescriptor for d in descendants)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert all(page.extract_text().strip() for page in reader.pages)


def _drawn(data: bytes) -> list[list[tuple[str, str]]]:
    """Each page's drawing, marked-content tags left out: what a printer or a screen shows."""
    with _open(data) as pdf:
        return [
            [
                (str(i.operator), repr(list(i.operands)))
                for i in pikepdf.parse_content_stream(page)
                if str(i.operator) not in ("BDC", "BMC", "EMC")
            ]
            for page in pdf.pages
        ]


def test_the_pages_look_as_weasyprint_drew_them() -> None:
    """The repair retags marked content only: every page draws exactly what WeasyPrint drew."""
    html = _html("weekly", "guide", large_print=True)
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    assert _drawn(_pdf("weekly", "guide", large_print=True)) == _drawn(raw)


# Tables over page breaks, built to order


def _table(rows: int, *, row_headers: bool = False, caption: str = "") -> str:
    cell = '<th scope="row">{}</th>' if row_headers else "<td>{}</td>"
    body = "".join(
        f"<tr>{cell.format(f'Row {n}')}<td>{n}:00</td><td>Item {n}</td></tr>" for n in range(rows)
    )
    head = '<tr><th scope="col">Step</th><th scope="col">Time</th><th scope="col">What</th></tr>'
    return f"<table>{caption}<thead>{head}</thead><tbody>{body}</tbody></table>"


def _document(body: str) -> bytes:
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>Tables</title><style>'
        "@page { size: A5; @bottom-right { content: counter(page) } }"
        "td, th { border: 1px solid black }</style></head>"
        f"<body><main><h1>Tables</h1>{body}</main></body></html>"
    )
    return tagged_pdf(HTML(string=html))


def _tables(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [e for e in _elements(pdf.Root.StructTreeRoot) if _role(e) == "/Table"]


def _cell_pages(table: pikepdf.Dictionary, pdf: pikepdf.Pdf) -> set[int]:
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    return {pages[e.Pg.objgen] for e in _elements(table) if _role(e) == "/TD"}


def test_a_table_over_three_pages_is_one_table_with_one_head() -> None:
    """60 rows over several pages: one Table, its head once, every row in order, in one body."""
    with _open(_document(_table(60))) as pdf:
        [table] = _tables(pdf)
        assert len(_cell_pages(table, pdf)) >= 3
        assert [_role(k) for k in _kids(table)] == ["/THead", "/TBody"]
        [body] = [k for k in _kids(table) if _role(k) == "/TBody"]
        assert len(_kids(body)) == 60
        heads = [e for e in _elements(table) if _role(e) == "/TH"]
        assert len(heads) == 3
        ids = [bytes(h.ID) for h in heads]
        for row in _kids(body):
            headers = [list(map(bytes, a.Headers)) for c in _kids(row) for a in _attributes(c)]
            assert headers == [[i] for i in ids]
        texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(_bytes(pdf))).pages]
        assert all("Step" in t for t in texts[: len(_cell_pages(table, pdf))])


def _bytes(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_row_headers_get_row_scope_and_column_headers_column_scope() -> None:
    """``th scope="row"`` is /Row (its row's cells name it), the head's cells /Column."""
    with _open(_document(_table(40, row_headers=True))) as pdf:
        [table] = _tables(pdf)
        scopes = {
            str(a.Scope)
            for e in _elements(table)
            if _role(e) == "/TH"
            for a in _attributes(e)
            if "/Scope" in a
        }
        assert scopes == {ROW, COLUMN}
        rows = [e for e in _elements(table) if _role(e) == "/TR"]
        assert len(rows) == 41
        for row in rows[1:]:
            [header] = [c for c in _kids(row) if _role(c) == "/TH"]
            assert str(_attributes(header)[0].Scope) == ROW
            for cell in (c for c in _kids(row) if _role(c) == "/TD"):
                assert bytes(header.ID) in [bytes(h) for h in _attributes(cell)[0].Headers]


def test_two_tables_stay_two_and_a_caption_stays_in_its_table() -> None:
    """Two HTML tables, the first over a page break: two Tables; the caption in the first."""
    caption = "<caption>Day 1</caption>"
    with _open(_document(_table(30, caption=caption) + _table(3))) as pdf:
        first, second = _tables(pdf)
        assert len(_cell_pages(first, pdf)) == 2
        assert [_role(k) for k in _kids(first)] == ["/Caption", "/THead", "/TBody"]
        assert len(_kids(_kids(second)[1])) == 3


def test_a_visually_hidden_caption_is_its_tables_first_kid() -> None:
    """A caption out of the flow (hidden but for screen readers) is folded into its Table.

    WeasyPrint tags it inside Table elements of its own, nested in the real one, which the
    checker reads as a table with no rows.
    """
    hidden = (
        '<caption style="position: absolute; width: 1px; height: 1px; overflow: hidden">'
        "Running sheet</caption>"
    )
    with _open(_document(_table(30, caption=hidden))) as pdf:
        [table] = _tables(pdf)
        assert [_role(k) for k in _kids(table)] == ["/Caption", "/THead", "/TBody"]
        [caption] = _kids(table)[:1]
        assert caption.P.objgen == table.objgen


def test_a_footer_row_repeated_on_each_page_is_read_once() -> None:
    """A ``tfoot`` WeasyPrint repeats at each page's foot: one TFoot, the last page's, at the end."""
    foot = "<tfoot><tr><td>Total</td><td colspan=2>50 rows</td></tr></tfoot>"
    with _open(_document(_table(50).replace("</table>", f"{foot}</table>"))) as pdf:
        [table] = _tables(pdf)
        pages = _cell_pages(table, pdf)
        assert len(pages) >= 2
        assert [_role(k) for k in _kids(table)] == ["/THead", "/TBody", "/TFoot"]
        [row] = _kids(_kids(table)[2])
        last = pdf.pages[max(pages)].obj.objgen
        assert all(cell.Pg.objgen == last for cell in _kids(row))
        _assert_in_the_tree_or_artifacts(pdf)


def test_faint_text_drawn_in_a_form_is_tagged_and_a_faint_footer_an_artifact() -> None:
    """Content WeasyPrint draws in a form (anything with opacity) is retagged there too."""
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>Faint</title><style>'
        '@page { @bottom-right { content: "Page " counter(page); opacity: .5 } }'
        "p { opacity: .5 }</style></head>"
        "<body><main><h1>Faint</h1><p>Faint text</p></main></body></html>"
    )
    with _open(tagged_pdf(HTML(string=html))) as pdf:
        _assert_in_the_tree_or_artifacts(pdf)
        forms = [f.read_bytes() for f in pdf.pages[0].obj.Resources.XObject.values()]
        assert sorted(b"/Artifact" in f for f in forms) == [False, True]
        assert [b"/MCID" in f for f in forms if b"/Artifact" not in f] == [True]


def test_without_pikepdf_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without pikepdf, a PDF handout gives the command that installs its extra."""
    installed_as(monkeypatch, tmp_path, GIT)
    monkeypatch.setitem(sys.modules, "pikepdf", None)
    monkeypatch.delitem(sys.modules, "recurrent_care_pack._output.tagging")
    with pytest.raises(rcp.MissingExtraError) as missing:
        rcp.render_handout(_pack(), "exercises", "pdf")
    assert str(missing.value) == (
        "PDF handouts need pikepdf, which is not installed; to install it with the rest of "
        "rcpack's pdf extra, run: ~/.rcpack/bin/pip install "
        f"'recurrent-care-pack[pdf] @ git+https://example.org/rcp.git@{'b' * 40}'"
    )

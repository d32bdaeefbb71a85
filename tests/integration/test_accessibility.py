"""Every handout as an accessibility checker meets it: PDF structure, Word's XML, axe-core.

PDF: tagged PDF/UA (headings, tables, lists in the structure tree), the title shown, en-GB,
12 pt body text (16 pt in large print), a footer with the page number, no half-empty page.
Word: A4, en-GB everywhere, header rows, numbering restarting per exercise, every colour at
least 4.5:1 on white. HTML: axe-core (npm, pinned in .tools/ by .ci/run) in Debian's
Chromium finds no violation in screen or print media; skipped when missing, except under CI.
"""

import io
import itertools
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pikepdf
import pytest
from bundled_handouts import handout_pdf
from paths import ROOT, TESTS
from pdf_pages import Page, read_pages

import recurrent_care_pack as rcp
from browser import BROWSER_MISSING, CHROMIUM, NODE, TOOLS
from recurrent_care_pack._cli import main

KINDS = ("guide", "exercises", "tips")
SIZES = (False, True)
TITLES = {"guide": "facilitator guide", "exercises": "exercises", "tips": "tip cards"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: The versions .ci/run installs (npm, into the git-ignored .tools/).
AXE_CORE = "4.14.1"
PLAYWRIGHT_CORE = "1.65.1"
AXE_MISSING = BROWSER_MISSING
needs_axe = pytest.mark.skipif(
    AXE_MISSING and not os.environ.get("CI"),
    reason="axe-core, playwright-core (.tools/) or Debian's chromium is missing",
)


@cache
def _handout(kind: str, fmt: str, large_print: bool = False) -> bytes:
    """The Section 3 session the issue names, as a facilitator prints it."""
    pack = rcp.load_pack()
    agenda = rcp.plan(
        pack, ["section-3"], rcp.PlanOptions(breaks=rcp.Breaks(after_exercises=True))
    )
    if fmt == "pdf":
        return handout_pdf(pack, kind, agenda, large_print=large_print)
    return rcp.render_handout(pack, kind, fmt, agenda, large_print=large_print)


# PDF


def _structure(pdf: pikepdf.Pdf) -> Counter[str]:
    """How often each structure type occurs in the PDF's structure tree."""
    found: Counter[str] = Counter()
    pending: list[object] = [pdf.Root.StructTreeRoot]
    while pending:
        node = pending.pop()
        if isinstance(node, pikepdf.Array):
            pending.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found[str(node.S)] += 1
            if "/K" in node:
                pending.append(node.K)
    return found


@pytest.mark.parametrize("large_print", SIZES)
@pytest.mark.parametrize(
    ("kind", "tags"),
    [
        ("guide", {"/H1", "/H2", "/H3", "/Table", "/TH", "/TR", "/L", "/LI"}),
        ("exercises", {"/H1", "/H2", "/L", "/LI"}),
        # The tips are cards to cut apart: the title, then each card's category as its
        # heading (H2); no level between them to tag as H3.
        ("tips", {"/H1", "/H2", "/L", "/LI"}),
    ],
)
def test_pdf_is_tagged_with_its_title_shown_and_language(
    kind: str, tags: set[str], large_print: bool
) -> None:
    """Each PDF is marked, with headings, lists (and the guide's table) tagged, the title shown, en-GB."""
    with pikepdf.open(io.BytesIO(_handout(kind, "pdf", large_print))) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        assert tags <= set(_structure(pdf))
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.Root.Lang) == "en-GB"
        title = f"Recurrent Care Resource Pack: {TITLES[kind]}"
        assert str(pdf.docinfo["/Title"]) == title
        assert pdf.open_metadata()["dc:title"] == title


@pytest.mark.parametrize("large_print", SIZES)
def test_each_tip_card_has_its_category_tagged_as_a_heading(large_print: bool) -> None:
    """The tips PDF tags one H1 (its title) and one H2 per card, as the cards show them.

    33 tips, and the continuations of those too long for one card: 35 (large print 37).
    """
    with pikepdf.open(io.BytesIO(_handout("tips", "pdf", large_print))) as pdf:
        found = _structure(pdf)
    assert (found["/H1"], found["/H2"], found["/H3"]) == (1, 37 if large_print else 35, 0)


def _text_sizes(pages: tuple[Page, ...]) -> Counter[float]:
    """Characters of text by their size in points, over every page."""
    sizes: Counter[float] = Counter()
    for run in (run for page in pages for run in page.runs):
        sizes[run.size] += len(run.text.strip())
    return sizes


@pytest.mark.parametrize(("large_print", "body"), [(False, 12.0), (True, 16.0)])
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_body_text_is_clear_print(kind: str, large_print: bool, body: float) -> None:
    """Most text is 12 pt (16 pt in large print), and nothing is smaller."""
    sizes = _text_sizes(read_pages(_handout(kind, "pdf", large_print)))
    assert sizes.most_common(1)[0][0] == body
    assert min(sizes) == body


@pytest.mark.parametrize("large_print", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_pages_have_the_footer_and_page_numbers(kind: str, large_print: bool) -> None:
    """Every page's foot names the session (here the pack) on one line and says "Page N of M".

    The sheets and cards name their section too; the guide's parts name their session.
    """
    pages = read_pages(_handout(kind, "pdf", large_print))
    count = len(pages)
    assert count >= 2
    footer = "Recurrent Care Resource Pack" + ("" if kind == "guide" else " · Section\u00a03")
    for number, page in enumerate(pages, start=1):
        assert page.lines[-1] == f"{footer} Page {number} of {count}"


def _lowest_text(page: Page) -> float:
    """How far down the page (points from its top) the lowest line of body text sits."""
    # Above the footer, which is in the bottom margin.
    return max(page.height - run.y for run in page.runs if run.y > 24 / 25.4 * 72)


@pytest.mark.parametrize("large_print", SIZES)
def test_no_guide_page_but_the_last_is_half_empty(large_print: bool) -> None:
    """After the session's pages, the guide runs on: each page but the last is half full.

    But for one that ends early so that an exercise's heading stays with its first step.
    """
    pages = read_pages(_handout("guide", "pdf", large_print))
    height = pages[-1].height
    start = next(n for n, p in enumerate(pages) if "What the pack says" in p.text)
    for page, after in itertools.pairwise(pages[start:]):
        if re.match(r"Exercises?\b", after.text):
            continue
        assert _lowest_text(page) > height / 2


@pytest.mark.parametrize("large_print", SIZES)
def test_film_6_entry_stays_on_one_page(large_print: bool) -> None:
    """Film 6's entry in "Films to queue" starts and ends on the same page (it used to split)."""
    pages = [page.words for page in read_pages(_handout("guide", "pdf", large_print))]
    # The entry, not the exercises' "Films:" lines that name Film 6 too.
    entry = "Film 6: Explaining complex trauma and its impact on families. Speaker:"
    start = [n for n, text in enumerate(pages) if entry in text]
    end = [n for n, text in enumerate(pages) if "22 minutes 31 seconds. Allow 23 minutes." in text]
    assert len(start) == 1
    assert start == end


def test_cli_large_print_sets_16_pt(tmp_path: Path) -> None:
    """The --large-print option of rcpack handout writes what render_handout gives in large print."""
    target = tmp_path / "tips.html"
    argv = ["handout", "tips", "section-3", "--break-after-exercises", "--large-print"]
    assert main([*argv, "-o", str(target)]) == 0
    assert target.read_bytes() == _handout("tips", "html", large_print=True)
    assert b'<html lang="en-GB" class="large-print">' in target.read_bytes()
    assert main([*argv[:-1], "-o", str(target)]) == 0
    assert b'<html lang="en-GB">' in target.read_bytes()


# Word


def _parts(document: bytes) -> dict[str, ET.Element]:
    """The XML parts of a Word file, by name."""
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        return {
            name: ET.fromstring(archive.read(name))  # noqa: S314 (our own output)
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def _contrast(colour: str) -> float:
    """The contrast ratio of an RGB colour ("4F81BD") against white, as WCAG defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def test_contrast_is_measured_as_wcag_does() -> None:
    """The default template's heading blue is 4.03:1 (too low); black is 21:1."""
    assert round(_contrast("4F81BD"), 2) == 4.03
    assert round(_contrast("000000"), 1) == 21.0


WORD = [(kind, large) for kind in KINDS for large in SIZES]


@pytest.mark.parametrize(("kind", "large_print"), WORD)
def test_word_is_a4_en_gb_and_high_contrast(kind: str, large_print: bool) -> None:
    """A4 pages, en-GB on every run and style and default, every text colour 4.5:1 or more."""
    document = _handout(kind, "docx", large_print)
    parts = _parts(document)
    body = parts["word/document.xml"]
    sizes = list(body.iter(f"{W}pgSz"))
    assert sizes  # A4, and landscape only for the guide's running sheets
    for size in sizes:
        shape = (size.get(f"{W}w"), size.get(f"{W}h"))
        landscape = size.get(f"{W}orient") == "landscape"
        assert shape == (("16838", "11906") if landscape else ("11906", "16838"))
        assert kind == "guide" or not landscape
    assert b"en-US" not in document
    assert b"python-docx" not in document
    for name, part in parts.items():
        for language in part.iter(f"{W}lang"):
            assert set(language.attrib.values()) == {"en-GB"}, name
        for element in part.iter():
            themed = [a for a in element.attrib if "theme" in a.lower()]
            assert name.startswith("word/theme/") or themed == [], (name, element.tag)
        for colour in part.iter(f"{W}color"):
            value = colour.get(f"{W}val", "auto")
            assert value == "auto" or _contrast(value) >= 4.5, (name, value)
    for name in ("word/document.xml", "word/footer1.xml"):
        for run in parts[name].iter(f"{W}r"):
            spoken = run.find(f"{W}rPr/{W}lang")
            assert spoken is not None
            assert spoken.get(f"{W}val") == "en-GB"
    defaults = parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults is not None
    assert defaults.find(f"{W}lang") is not None
    body_size = defaults.find(f"{W}sz")
    assert body_size is not None
    assert body_size.get(f"{W}val") == ("32" if large_print else "24")  # half-points
    core = ET.tostring(parts["docProps/core.xml"], encoding="unicode")
    # No session gives a service: the author is left empty, not the pack's publisher.
    assert "Research in Practice" not in core
    assert "recurrent-care-pack</dc:creator>" not in core


def _styles(parts: dict[str, ET.Element]) -> dict[str, str]:
    """Style ids by name."""
    return {
        name.get(f"{W}val", ""): style.get(f"{W}styleId", "")
        for style in parts["word/styles.xml"].iter(f"{W}style")
        if (name := style.find(f"{W}name")) is not None
    }


def _paragraphs(parts: dict[str, ET.Element]) -> list[tuple[str, ET.Element]]:
    """Each body paragraph with its style id ("Normal" when it names none)."""
    found = []
    body = parts["word/document.xml"].find(f"{W}body")
    assert body is not None
    for paragraph in body.findall(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        found.append((style.get(f"{W}val", "") if style is not None else "Normal", paragraph))
    return found


def _text(paragraph: ET.Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


@pytest.mark.parametrize(("kind", "large_print"), WORD)
def test_word_headings_tables_and_footer(kind: str, large_print: bool) -> None:
    """Real heading styles, header rows marked and bold, and a footer with PAGE and NUMPAGES."""
    parts = _parts(_handout(kind, "docx", large_print))
    styles = _styles(parts)
    # Every paragraph's style, in the body or in a table's cells (the tip cards' headings).
    body = parts["word/document.xml"]
    used = {"Normal", *(s.get(f"{W}val", "") for s in body.iter(f"{W}pStyle"))}
    levels = 2 if kind == "guide" else 1  # sheets and cards: each its Heading 1
    headings = {styles["Title"], *(styles[f"heading {n}"] for n in range(1, levels + 1))}
    assert headings <= used
    for style in parts["word/styles.xml"].iter(f"{W}style"):
        heading = style.get(f"{W}styleId", "").startswith("Heading")
        if heading and style.get(f"{W}type") == "paragraph":
            level = style.find(f"{W}pPr/{W}outlineLvl")  # what Word's navigation reads
            assert level is not None
    for table in parts["word/document.xml"].iter(f"{W}tbl"):
        rows = table.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        headers = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
        if kind == "tips":
            # The cards' layout table: a header row would repeat cards 1 and 2 on every page.
            assert headers == []
            continue
        assert headers == rows[:1]  # a data table: its first row, and only it, is the header
        assert all(r.find(f"{W}rPr/{W}b") is not None for r in rows[0].iter(f"{W}r"))
        widths = [int(c.get(f"{W}w", "0")) for c in table.iter(f"{W}gridCol")]
        # "What" and "Facilitator" have room: neither wraps to five lines.
        assert min(widths[2:4]) >= 0.25 * sum(widths)
    footer = parts["word/footer1.xml"]
    fields = [f.get(f"{W}instr", "").strip() for f in footer.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    words = "".join(t.text or "" for t in footer.iter(f"{W}t"))
    # The tab before "Page" is a w:tab, not text; the numbers are the fields' placeholders.
    section = "" if kind == "guide" else " · Section\u00a03"
    assert words == f"Recurrent Care Resource Pack{section}Page 1 of 1"
    assert len(list(footer.iter(f"{W}p"))) == 1  # one line


@pytest.mark.parametrize(
    ("kind", "header"), [("guide", "TimeLengthWhatFacilitatorNotes"), ("tips", None)]
)
def test_word_tables_are_the_running_sheet_and_the_cards(kind: str, header: str | None) -> None:
    """The guide's one table is the running sheet, its header row marked; the tips' is the cards.

    So the checks on tables above are not vacuous, for a data table or for a layout table.
    """
    parts = _parts(_handout(kind, "docx"))
    tables = list(parts["word/document.xml"].iter(f"{W}tbl"))
    assert len(tables) == 1
    first = tables[0].find(f"{W}tr")
    assert first is not None
    marked = first.find(f"{W}trPr/{W}tblHeader") is not None
    assert (_text(first) if marked else None) == header
    if kind == "tips":  # each card's category is a heading, as in the PDF
        styles = _styles(parts)
        cells = [  # the last row's 2nd is empty; each card's number is in the row below it
            c for c in tables[0].iter(f"{W}tc") if _text(c) and not _text(c).startswith("Card ")
        ]
        assert len(cells) == 35
        for cell in cells:
            style = cell.find(f"{W}p/{W}pPr/{W}pStyle")
            assert style is not None
            assert style.get(f"{W}val") == styles["heading 1"]


@pytest.mark.parametrize("kind", ["guide", "exercises"])
def test_word_numbered_steps_restart_for_each_exercise(kind: str) -> None:
    """Each exercise's steps are numbered from 1 (Exercise 9 is steps 1 and 2, not 3 and 4)."""
    parts = _parts(_handout(kind, "docx"))
    styles = _styles(parts)
    numbering = parts["word/numbering.xml"]
    starts = {
        num.get(f"{W}numId"): int(start.get(f"{W}val", "1"))
        for num in numbering.findall(f"{W}num")
        if (start := num.find(f"{W}lvlOverride/{W}startOverride")) is not None
    }
    shown: dict[str, list[int]] = {}
    counters: Counter[str] = Counter()
    exercise = ""
    for style, paragraph in _paragraphs(parts):
        if style.startswith("Heading") and _text(paragraph).startswith("Exercise"):
            exercise = _text(paragraph).split(":")[0]
        if style == styles["List Number"]:
            num = paragraph.find(f"{W}pPr/{W}numPr/{W}numId")
            assert num is not None
            key = num.get(f"{W}val", "")
            shown.setdefault(exercise, []).append(starts[key] + counters[key])
            counters[key] += 1
    assert shown == {"Exercise 8": [1, 2], "Exercise 9": [1, 2], "Exercise 10": [1, 2]}


def test_word_exercise_sheets_start_on_a_new_page() -> None:
    """Each participants' sheet after the first begins with a page break."""
    parts = _parts(_handout("exercises", "docx"))
    sheets = [p for style, p in _paragraphs(parts) if style == _styles(parts)["heading 1"]]
    assert [_text(p).split(":")[0] for p in sheets] == ["Exercise 8", "Exercise 9", "Exercise 10"]
    breaks = [p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in sheets]
    assert breaks == [False, True, True]


def test_word_guide_keeps_every_discussion_line_of_the_markdown() -> None:
    """The Word guide has each "Optional discussion" line the Markdown guide has."""
    markdown = _handout("guide", "md").decode()
    wanted = re.findall(r"^Optional discussion[^:]*: [^.]*", markdown, flags=re.MULTILINE)
    assert len(wanted) == 3
    word = [_text(p) for _, p in _paragraphs(_parts(_handout("guide", "docx")))]
    assert [w for w in wanted if not any(line.startswith(w) for line in word)] == []


# HTML in a real browser


def _axe(pages: list[Path]) -> list[dict[str, object]]:
    """axe-core's findings for each page, in screen and print media."""
    assert not AXE_MISSING, "CI must install axe-core, playwright-core and chromium (.ci/run)"
    assert NODE is not None
    assert CHROMIUM is not None
    for package, version in (("axe-core", AXE_CORE), ("playwright-core", PLAYWRIGHT_CORE)):
        installed = json.loads((TOOLS / package / "package.json").read_text(encoding="utf-8"))
        assert installed["version"] == version, f"{package} in .tools/; .ci/run pins {version}"
    script = TESTS / "browser" / "axe.cjs"
    done = subprocess.run(
        [NODE, str(script), CHROMIUM, *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_ci_installs_the_pinned_tools() -> None:
    """.ci/run installs the axe-core and playwright-core versions this test pins."""
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"axe-core@{AXE_CORE}" in run
    assert f"playwright-core@{PLAYWRIGHT_CORE}" in run


@needs_axe
def test_axe_sees_a_violation_in_print_media_only(tmp_path: Path) -> None:
    """A page faint only when printed fails in print media: both media are really checked."""
    page = tmp_path / "faint.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Faint</title>'
        "<style>@media print { p { color: #aaa; } }</style></head>"
        "<body><main><h1>Faint</h1><p>Grey when printed.</p></main></body></html>",
        encoding="utf-8",
    )
    found = {r["media"]: [v["id"] for v in r["violations"]] for r in _axe([page])}  # type: ignore[attr-defined]
    assert found == {"screen": [], "print": ["color-contrast"]}


@needs_axe
def test_axe_finds_no_violation_in_any_html_handout(tmp_path: Path) -> None:
    """Every HTML handout, in clear and large print, has 0 axe-core violations, screen and print."""
    pages = []
    for kind, large_print in WORD:
        page = tmp_path / f"{kind}{'-large' if large_print else ''}.html"
        page.write_bytes(_handout(kind, "html", large_print))
        pages.append(page)
    results = _axe(pages)
    assert len(results) == 2 * len(pages)
    assert [r for r in results if r["violations"]] == []

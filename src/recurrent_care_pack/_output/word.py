"""Word documents (.docx) of the handouts, built with python-docx from the handout data.

The set-up makes every document one a UK service prints as it is: A4, British English on
every run, Arial 12 pt body text (16 pt in large print) with headings in proportion, black
text (no theme colours), tables whose header rows repeat and whose rows stay whole,
numbered steps that start again under each heading, each exercise sheet on its own page,
and a footer naming the handout with "Page N of M".
"""

import io
from collections.abc import Iterable, Mapping
from typing import Any

from recurrent_care_pack._errors import MissingExtraError
from recurrent_care_pack._installed import missing_extra

from .handouts import ExercisesHandout, Handout, TipsHandout

__all__ = ["MissingExtraError", "footer_line", "word_document"]

#: The language of every run, style and default in the document.
LANGUAGE = "en-GB"
#: The typeface of every style: a plain sans serif, as UK clear-print guidance asks.
FONT = "Arial"
#: Body text in points: clear print, and large print.
BODY_PT = 12
LARGE_PRINT_PT = 16
#: The size of each style as a multiple of the body text.
SCALE = {"Title": 2.0, "Heading 1": 1.5, "Heading 2": 1.25, "Heading 3": 1.1}
#: A4 in twentieths of a point, and the margins.
A4_TWIPS = (11906, 16838)
MARGIN_MM = 18

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_THEMED = (
    "themeColor",
    "themeShade",
    "themeTint",
    "asciiTheme",
    "hAnsiTheme",
    "eastAsiaTheme",
    "cstheme",
)


def word_document(handout: Handout, layout: Mapping[str, Any] | None = None) -> bytes:
    """The exercise sheets or tip cards in Word; raises `MissingExtraError` without python-docx.

    ``layout`` may give ``footer`` (the text at each page's foot), ``author`` and
    ``large_print``.
    """
    try:
        from docx import Document  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise MissingExtraError(
            missing_extra("Word handouts need", "python-docx", "docx")
        ) from None
    layout = layout or {}
    document = Document()
    body = LARGE_PRINT_PT if layout.get("large_print") else BODY_PT
    _set_up(document, handout.title, layout, body)
    document.add_heading(handout.title, level=0)
    if isinstance(handout, ExercisesHandout):  # each sheet has its own session and date
        from .word_sheets import word_sheet  # noqa: PLC0415 (it builds on this module)

        for sheet in handout.sheets.exercises:
            word_sheet(
                document, sheet, handout.session, large_print=bool(layout.get("large_print"))
            )
    else:
        from .word_sheets import word_cards  # noqa: PLC0415

        _session(document, handout)
        word_cards(document, handout.deck)
    _finish(document, sheets="Heading 1" if isinstance(handout, ExercisesHandout) else None)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _set_up(document: Any, title: str, layout: Mapping[str, Any], body: int) -> None:
    """Page, styles, properties and footer, before any content."""
    from docx.shared import Mm, Twips  # noqa: PLC0415

    for section in document.sections:
        section.page_width, section.page_height = (Twips(t) for t in A4_TWIPS)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
    properties = document.core_properties
    properties.title = title
    properties.language = LANGUAGE
    properties.author = str(layout.get("author") or "")
    properties.last_modified_by = "recurrent-care-pack"
    properties.comments = ""
    properties.subject = str(layout.get("footer") or "")
    _drop_parts(document)
    _styles(document, body)
    for language in document.settings.element.iter(f"{_W}themeFontLang"):
        _set_language(language)
    _footer(document, str(layout.get("footer") or title))


def _drop_parts(document: Any) -> None:
    """Leave out the template's thumbnail (another document's picture) and its second styles."""
    unwanted = ("/thumbnail", "/stylesWithEffects")
    for owner in (document.part.package, document.part):
        for rid, relation in list(owner.rels.items()):
            if relation.reltype.endswith(unwanted):
                owner.rels.pop(rid)
    for preview in document.settings.element.findall(f"{_W}savePreviewPicture"):
        document.settings.element.remove(preview)


def _styles(document: Any, body: int) -> None:
    """Every style in Arial, en-GB and black; body text and headings in their sizes."""
    from docx.shared import Pt  # noqa: PLC0415

    styles = document.styles.element
    for defaults in styles.iter(f"{_W}rPrDefault"):
        _format(defaults.find(f"{_W}rPr"), body)
    for style in styles.findall(f"{_W}style"):
        _format(style.get_or_add_rPr(), None)
    for name, scale in SCALE.items():
        document.styles[name].font.size = Pt(round(body * scale))
    for name in ("Normal", "Footer"):
        document.styles[name].font.size = Pt(body)
    # A paragraph (a film's entry, a step, a tip) stays whole on a page.
    document.styles["Normal"].paragraph_format.keep_together = True
    for element in styles.iter():
        for attribute in _THEMED:
            element.attrib.pop(f"{_W}{attribute}", None)
        # Text colours (w:color's w:val) and border colours (w:color) in black, as in print.
        attribute = f"{_W}val" if element.tag == f"{_W}color" else f"{_W}color"
        if element.get(attribute) not in {None, "auto"} and (
            element.tag == f"{_W}color" or element.getparent().tag.endswith("Bdr")
        ):
            element.set(attribute, "000000")


def _format(rpr: Any, size: int | None) -> None:
    """Arial, British English and (for the defaults) the body size, in a run's properties."""
    from docx.shared import Pt  # noqa: PLC0415

    fonts = rpr.get_or_add_rFonts()
    for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{_W}{attribute}", FONT)
    if size is not None:
        rpr.get_or_add_sz().val = Pt(size)
    _set_language(_language(rpr))


def _language(rpr: Any) -> Any:
    """The run properties' ``w:lang``, added in its place if missing."""
    from docx.oxml import OxmlElement  # noqa: PLC0415

    found = rpr.find(f"{_W}lang")
    if found is None:
        found = OxmlElement("w:lang")
        rpr.insert_element_before(
            found, "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange"
        )
    return found


def _set_language(element: Any) -> None:
    for attribute in ("val", "eastAsia", "bidi"):
        element.set(f"{_W}{attribute}", LANGUAGE)


def _footer(document: Any, text: str) -> None:
    """Each section's footer: one line, the session and its date, then "Page N of M"."""
    for section in document.sections:
        footer_line(document, section, text)


def footer_line(document: Any, section: Any, text: str) -> None:
    """A section's own footer, on one line: ``text``, then "Page N of M" at the right margin.

    The numbers are Word's PAGE and NUMPAGES fields; the footer is the section's own, not
    the one before it.
    """
    from docx.enum.text import WD_TAB_ALIGNMENT  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415

    footer = section.footer
    footer.is_linked_to_previous = False
    for paragraph in footer.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)  # noqa: SLF001 (no removal API)
    line = footer.add_paragraph(style=document.styles["Footer"])
    for stop in list(line.paragraph_format.tab_stops):
        line.paragraph_format.tab_stops._pPr.remove(stop._tab)  # noqa: SLF001
    width = section.page_width - section.left_margin - section.right_margin
    line.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(f"{text}\tPage ")
    for field, after in (("PAGE", " of "), ("NUMPAGES", "")):
        line._p.append(  # noqa: SLF001 (python-docx has no field API)
            parse_xml(
                f'<w:fldSimple xmlns:w="{_W[1:-1]}" w:instr=" {field} ">'
                "<w:r><w:t>1</w:t></w:r></w:fldSimple>"
            )
        )
        if after:
            line.add_run(after)


def _finish(document: Any, *, sheets: str | None) -> None:
    """After the content: numbering, sheet breaks, table headers, unused styles, run language."""
    _restart_numbering(document)
    if sheets is not None:
        starts = [p for p in document.paragraphs if p.style.name == sheets]
        for paragraph in starts[1:]:
            paragraph.paragraph_format.page_break_before = True
    _drop_unused_styles(document)
    parts = [document.element, *(s.footer._element for s in document.sections)]  # noqa: SLF001
    for part in parts:
        for run in part.iter(f"{_W}r"):
            _set_language(_language(run.get_or_add_rPr()))


def _restart_numbering(document: Any) -> None:
    """Each run of numbered steps under a heading starts again at 1 (Exercise 9: steps 1, 2)."""
    numbered = document.styles["List Number"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract = numbering.num_having_numId(numbered).abstractNumId.val
    current: int | None = None
    for paragraph in document.paragraphs:
        name = paragraph.style.name
        if name.startswith(("Heading", "Title")):
            current = None
        elif name == "List Number":
            if current is None:
                num = numbering.add_num(abstract)
                num.add_lvlOverride(ilvl=0).add_startOverride(1)
                current = num.numId
            numbers = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # noqa: SLF001
            numbers.get_or_add_ilvl().val = 0
            numbers.get_or_add_numId().val = current


def _mark_header(table: Any) -> None:
    """The first row a header row (repeated on each page, read as headers) in bold; rows whole."""
    from docx.oxml import OxmlElement  # noqa: PLC0415

    for number, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()  # noqa: SLF001
        tags = ("w:cantSplit", "w:tblHeader") if number == 0 else ("w:cantSplit",)
        for tag in tags:
            if properties.find(f"{_W}{tag[2:]}") is None:
                properties.append(OxmlElement(tag))
        if number == 0:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.bold = True


def _drop_unused_styles(document: Any) -> None:
    """Only the styles in use stay, with those they build on and the defaults.

    The template's others carry theme colours that fail contrast on white.
    """
    styles = document.styles.element
    by_id = {s.styleId: s for s in styles.findall(f"{_W}style")}
    wanted: set[str] = set()
    used = {
        element.get(f"{_W}val")
        for part in (document.element, *(s.footer._element for s in document.sections))  # noqa: SLF001
        for element in part.iter(f"{_W}pStyle", f"{_W}rStyle", f"{_W}tblStyle")
    }
    used |= {i for i, s in by_id.items() if s.get(f"{_W}default") == "1"}
    pending = [u for u in used if u]
    while pending:
        style_id = pending.pop()
        if style_id in wanted or style_id not in by_id:
            continue
        wanted.add(style_id)
        style = by_id[style_id]
        pending.extend(
            e.get(f"{_W}val") for e in style.findall(f"{_W}basedOn") + style.findall(f"{_W}link")
        )
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)


def _table(
    document: Any, header: Iterable[str], rows: Iterable[Iterable[str]], widths: Iterable[float]
) -> Any:
    """A table with a header row and columns in these shares of the text width."""
    from docx.shared import Emu  # noqa: PLC0415

    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    shares = list(widths)
    header = list(header)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    _mark_header(table)  # once every row is in: each is kept whole
    _room(table)
    for column, share in zip(table.columns, shares, strict=True):
        column.width = Emu(int(width * share))
        for cell in column.cells:
            cell.width = Emu(int(width * share))
    return table


def _room(table: Any) -> None:
    """Room around the text in each cell: 1 mm above and below, 2 mm either side."""
    from docx.oxml import parse_xml  # noqa: PLC0415

    table._tbl.tblPr.insert_element_before(  # noqa: SLF001 (python-docx has no cell-margin API)
        parse_xml(
            f'<w:tblCellMar xmlns:w="{_W[1:-1]}"><w:top w:w="57" w:type="dxa"/>'
            '<w:left w:w="113" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/>'
            '<w:right w:w="113" w:type="dxa"/></w:tblCellMar>'
        ),
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    )


def _session(document: Any, handout: TipsHandout) -> None:
    """The session's name and date(s), when given."""
    words = []
    if handout.session:
        words.append(f"Session: {handout.session}.")
    if handout.when:
        words.append(f"Date{'s' if len(handout.dates) > 1 else ''}: {handout.when}.")
    if words:
        document.add_paragraph(" ".join(words))

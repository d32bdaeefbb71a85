"""The participants' exercise sheets and the tip cards in Word, from their typed records.

A sheet's notes box is ONE paragraph of a fixed height with a border (a screen reader
reads one empty paragraph, not twelve); in large print it follows the task on the same
page when it fits there. Tip cards are a layout table of rows of one height on every
page (a card's text row grows rather than hide a word), 4.5 mm of room inside each card,
one dashed cut line, "Card N of M" at each card's foot (a row of its own, kept with its
card, no line between them).
"""

from typing import Any

from .cards import Card, Cards
from .sheets import Part, Sheet

__all__ = [
    "CARD_HEIGHT_MM",
    "CARD_PADDING_TWIPS",
    "NOTES_HEIGHT_MM",
    "NUMBER_HEIGHT_MM",
    "word_cards",
    "word_sheet",
]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

#: The height of a sheet's notes box, in mm: about 10 cm; in large print, what the page
#: leaves under a task of half a page, so that the notes stay with it.
NOTES_HEIGHT_MM = {False: 100, True: 50}
#: Every card's height, in mm, by cards across: two rows fit under the title on page 1,
#: and every other page's rows are the same (cards stacked and cut come out alike).
CARD_HEIGHT_MM = {2: 100, 1: 86}
#: Of which the row at a card's foot with "Card N of M".
NUMBER_HEIGHT_MM = {2: 10, 1: 12}
#: The room inside each card, in twentieths of a point: 4.5 mm on every side.
CARD_PADDING_TWIPS = 255
#: The one cut line: dashed, half a point, black.
_CUT = 'w:val="dashed" w:sz="4" w:space="0" w:color="000000"'


def word_sheet(document: Any, sheet: Sheet, session: str | None, *, large_print: bool) -> None:
    """A participant's sheet: no word for the facilitator alone, the films named, a notes box."""
    document.add_heading(f"{sheet.label}: {sheet.title}", level=1)
    words = []
    if session:
        words.append(f"Session: {session}.")
    if sheet.date:
        words.append(f"Date: {sheet.date}.")
    if words:
        document.add_paragraph(" ".join(words))
    named = "".join(f" Case study: {c.title}." for c in sheet.case_studies if not c.text)
    document.add_paragraph(f"Time: {sheet.time}.{named}")
    if sheet.films:
        document.add_paragraph("Films: " + "; ".join(sheet.films) + ".")
    for case in sheet.case_studies:
        if case.text:
            document.add_paragraph(f"{case.title}: {case.text}", style="Intense Quote")
    _parts(document, sheet.parts)
    notes = document.add_heading(f"Your notes on {sheet.label}", level=2)
    notes.paragraph_format.keep_with_next = True
    notes_box(document, NOTES_HEIGHT_MM[large_print])


def _parts(document: Any, parts: tuple[Part, ...]) -> None:
    for part in parts:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(f"{part.label}. ").bold = True
        paragraph.add_run(part.activity)
        for question in part.questions:
            document.add_paragraph(question, style="List Bullet 2")
        if part.record:
            document.add_paragraph(part.record)


def notes_box(document: Any, height_mm: int) -> Any:
    """One empty paragraph, ``height_mm`` high (an exact line height), with a border round it."""
    from docx.oxml import parse_xml  # noqa: PLC0415 (an optional extra)
    from docx.shared import Mm  # noqa: PLC0415

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_together = True
    properties = paragraph._p.get_or_add_pPr()  # noqa: SLF001 (python-docx has no border API)
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="4" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right")
    )
    properties.insert_element_before(
        parse_xml(f"<w:pBdr {_NS}>{sides}</w:pBdr>"),
        *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap"),
        *("w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi"),
        *("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing"),
        *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection"),
        *("w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle"),
        *("w:rPr", "w:sectPr", "w:pPrChange"),
    )
    height = int(Mm(height_mm).twips)
    paragraph.paragraph_format.line_spacing = Mm(height_mm)  # an exact line height
    spacing = properties.find(f"{_W}spacing")
    spacing.set(f"{_W}line", str(height))
    spacing.set(f"{_W}lineRule", "exact")
    return paragraph


def word_cards(document: Any, cards: Cards) -> None:
    """The tip cards in a layout table (no header row: a card is not a heading of the next).

    Each card is two rows of fixed height: its text, then its number at its foot (kept
    with it, no line between them); two cards across (one in large print), two down.
    """
    from docx.shared import Mm  # noqa: PLC0415 (an optional extra)

    across = cards.across
    document.add_paragraph(
        f"{len(cards.cards)} cards, {cards.per_page} to an A4 page: cut along the dashed lines."
    )
    table = document.add_table(rows=0, cols=across)
    _padding(table)
    height, foot = CARD_HEIGHT_MM[across], NUMBER_HEIGHT_MM[across]
    for index in range(0, len(cards.cards), across):
        row_cards = cards.cards[index : index + across]
        body, number = table.add_row(), table.add_row()
        # The card's text row is at least its height (a text too long would make it grow,
        # never be cut off: the cards split long tips so that none is); its number's exact.
        for row, mm, rule in ((body, height - foot, "atLeast"), (number, foot, "exact")):
            row.height = Mm(mm)
            properties = row._tr.get_or_add_trPr()  # noqa: SLF001 (no API for these)
            properties.append(_element("w:cantSplit"))
            properties.find(f"{_W}trHeight").set(f"{_W}hRule", rule)
        for column in range(across):
            card = row_cards[column] if column < len(row_cards) else None
            _borders(body.cells[column], ("top", "left", "right") if card else ())
            _borders(number.cells[column], ("bottom", "left", "right") if card else ())
            if card is not None:
                _card(document, body.cells[column], card)
                number.cells[column].paragraphs[0].add_run(f"Card {card.number} of {card.of}")


def _card(document: Any, cell: Any, card: Card) -> None:
    """A card: its category a heading (in the body size: a card is small), the text, points.

    Its last paragraph keeps with the next row, its number: the two never part.
    """
    heading = cell.paragraphs[0]
    heading.style = document.styles["Heading 1"]
    heading.paragraph_format.space_before = 0
    heading.add_run(card.category).font.size = document.styles["Normal"].font.size
    if card.text:
        cell.add_paragraph(card.text)
    for point in card.points:
        cell.add_paragraph(point.text, style="List Bullet")
        for sub in point.points:
            cell.add_paragraph(sub.text, style="List Bullet 2")
    if card.note:
        cell.add_paragraph(card.note).runs[0].italic = True
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _padding(table: Any) -> None:
    """4.5 mm of room inside every card, on every side."""
    from docx.oxml import parse_xml  # noqa: PLC0415

    sides = "".join(
        f'<w:{side} w:w="{CARD_PADDING_TWIPS}" w:type="dxa"/>'
        for side in ("top", "left", "bottom", "right")
    )
    table._tbl.tblPr.insert_element_before(  # noqa: SLF001 (no cell-margin API)
        parse_xml(f"<w:tblCellMar {_NS}>{sides}</w:tblCellMar>"),
        *("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
    )


def _borders(cell: Any, sides: tuple[str, ...]) -> None:
    """The cut line on ``sides`` of ``cell``, none on the others (no line inside a card)."""
    from docx.oxml import parse_xml  # noqa: PLC0415

    lines = "".join(
        f"<w:{side} {_CUT}/>" if side in sides else f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right")
    )
    cell._tc.get_or_add_tcPr().append(  # noqa: SLF001 (no border API)
        parse_xml(f"<w:tcBorders {_NS}>{lines}</w:tcBorders>")
    )


def _element(tag: str) -> Any:
    from docx.oxml import OxmlElement  # noqa: PLC0415

    return OxmlElement(tag)

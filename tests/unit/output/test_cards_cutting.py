"""Cards that cut: every card one size on every page, one cut line, room inside, numbered."""

import io
import re
from collections import Counter
from decimal import Decimal

import docx
import pikepdf
import pytest
from bundled_handouts import tip_cards_pdf
from pdf_pages import read_pages

import recurrent_care_pack as rcp
from recurrent_care_pack._output.cards import CONTINUED, CONTINUES, tip_cards

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


Text = tuple[str, float, float]


def _texts(pdf: bytes) -> list[list[Text]]:
    """Per page: every piece of text with the x and y where it starts (y from the foot)."""
    return [[(run.text.strip(), run.x, run.y) for run in page.runs] for page in read_pages(pdf)]


def _cards(pdf: bytes) -> list[list[tuple[int, float, float, float]]]:
    """Per page, per card: its number, the x and y of "Card N of M", and of its top line."""
    pages = _texts(pdf)
    numbers = [
        [
            (int(m[1]), x, y)
            for text, x, y in page
            if (m := re.fullmatch(r"Card (\d+) of \d+", text))
        ]
        for page in pages
    ]
    pitch = max(
        abs(a[2] - b[2]) for page in numbers for a in page for b in page if abs(a[1] - b[1]) < 1
    )
    cards = []
    for page, found in zip(pages, numbers, strict=True):
        tops = []
        for number, x, y in found:
            inside = [ty for _, tx, ty in page if abs(tx - x) < 1 and y < ty < y + pitch - 1]
            tops.append((number, x, y, max(inside)))
        cards.append(tops)
    return cards


@pytest.mark.parametrize("large_print", [False, True])
def test_every_card_is_one_size_on_every_page(pack: rcp.Pack, large_print: bool) -> None:
    """Every card measures the same from its heading to its number, on every page.

    Page 1 (under the title) and the last page (one card) too; rows are a card apart.
    """
    pdf = tip_cards_pdf(large_print=large_print)
    pages = _cards(pdf)
    heights = [round(top - y, 1) for page in pages for _, _, y, top in page]
    assert len(heights) == len(tip_cards(pack, large_print=large_print).cards)
    assert max(heights) - min(heights) < 0.5, Counter(heights)
    pitches = {
        round(a[2] - b[2], 1)
        for page in pages
        for a in page
        for b in page
        if abs(a[1] - b[1]) < 1 and a[2] > b[2]
    }
    assert max(pitches) - min(pitches) < 0.5  # every row under the one above, alike
    expected = (96 if large_print else 108) * PT_PER_MM
    assert abs(min(pitches) - expected) < 1


@pytest.mark.parametrize("large_print", [False, True])
def test_no_card_text_runs_into_its_number(large_print: bool) -> None:
    """Every card's last line of text ends above its "Card N of M": the longest fits."""
    pdf = tip_cards_pdf(large_print=large_print)
    line = (16 if large_print else 12) * 1.3
    for page, cards in zip(_texts(pdf), _cards(pdf), strict=True):
        for number, x, y, _ in cards:
            below = [
                t
                for t, tx, ty in page
                if abs(tx - x) < 40 and y - 1 < ty < y + line and t[:4] != "Card"
            ]
            assert below == [], (number, below)


def _dashes(pdf: bytes) -> list[tuple[Decimal, ...]]:
    """Every dash pattern and line width the pages set."""
    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for instruction in pikepdf.parse_content_stream(page):
                if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                    continue
                operands, operator = instruction.operands, instruction.operator
                if str(operator) == "d":
                    found.append(tuple(Decimal(str(v)) for v in operands[0]))
                elif str(operator) == "w":
                    found.append((Decimal(str(operands[0])),))
    return found


@pytest.mark.parametrize("large_print", [False, True])
def test_one_cut_line_style(large_print: bool) -> None:
    """One dashed line, one weight: every dash alike (to a tenth of a point), every width 1."""
    pdf = tip_cards_pdf(large_print=large_print)
    found = _dashes(pdf)
    patterns = {round(float(d[0]), 1) for d in found if len(d) == 2}
    widths = {float(d[0]) for d in found if len(d) == 1}
    assert len(patterns) == 1
    assert widths == {1.0}


def test_long_tips_go_on_to_the_next_card_in_the_packs_words(pack: rcp.Pack) -> None:
    """A tip longer than a card goes on at a sentence's end; both cards say so, words whole."""
    cards = tip_cards(pack).cards
    first, second = cards[0], cards[1]
    assert first.note == CONTINUES
    assert second.category == f"{first.category} {CONTINUED}"
    section = pack.sections[0]
    assert section.tips is not None
    assert f"{first.text} {second.text}" == section.tips.introduction
    assert second.note == (
        "The tool\u2019s note: on these cards, \u2018below\u2019 is the cards that follow, and "
        "\u2018above\u2019 is Section 3\u2019s films and exercises."
    )


@pytest.mark.parametrize(("large_print", "across", "height"), [(False, 2, 100), (True, 1, 86)])
def test_word_cards_are_one_size_with_room_and_a_number_at_the_foot(
    pack: rcp.Pack, large_print: bool, across: int, height: int
) -> None:
    """Word: rows of one height (the card, then its number's row), 4.5 mm inside, dashed."""
    out = rcp.render_handout(pack, "tips", "docx", large_print=large_print)
    (table,) = docx.Document(io.BytesIO(out)).tables
    margins = table._tbl.find(f"{W}tblPr/{W}tblCellMar")  # noqa: SLF001
    assert margins is not None
    assert {m.tag.removeprefix(W): m.get(f"{W}w") for m in margins} == dict.fromkeys(
        ("top", "left", "bottom", "right"), "255"
    )
    rows = table.rows
    count = len(tip_cards(pack, large_print=large_print).cards)
    assert len(rows) == 2 * -(-count // across)
    rules = [
        row._tr.find(f"{W}trPr/{W}trHeight").get(f"{W}hRule")  # noqa: SLF001
        for row in rows
    ]
    assert rules == ["atLeast", "exact"] * (len(rows) // 2)  # text never cut off
    bodies = {int(r._tr.find(f"{W}trPr/{W}trHeight").get(f"{W}val")) for r in rows[::2]}  # noqa: SLF001
    feet = {int(r._tr.find(f"{W}trPr/{W}trHeight").get(f"{W}val")) for r in rows[1::2]}  # noqa: SLF001
    assert len(bodies) == len(feet) == 1
    assert abs((bodies.pop() + feet.pop()) / 56.7 - height) < 0.1  # twips per mm
    numbers = [c.text for r in rows[1::2] for c in r.cells if c.text]
    assert numbers == [f"Card {n} of {count}" for n in range(1, count + 1)]
    for row in rows[::2]:  # each card's text keeps with its number row
        for cell in row.cells:
            assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs if p.text)
    lines = Counter(
        (b.get(f"{W}val"), b.get(f"{W}sz"))
        for b in table._tbl.iter(f"{W}top", f"{W}left", f"{W}bottom", f"{W}right")  # noqa: SLF001
        if b.getparent().tag == f"{W}tcBorders"
    )
    assert set(lines) <= {("dashed", "4"), ("nil", None)}

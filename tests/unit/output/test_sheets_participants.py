"""Participants' sheets are participants': their own date, no facilitator list, one notes box."""

import io
import re
from datetime import date

import docx
import pytest
from bundled_handouts import handout_pdf
from pdf_pages import read_pages

import recurrent_care_pack as rcp
from recurrent_care_pack._model import lookup
from recurrent_care_pack._output.sheets import exercise_sheets, part_grouping

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WEEKS = (date(2027, 1, 12), date(2027, 1, 19), date(2027, 1, 26))
LONG = ("Tuesday 12 January 2027", "Tuesday 19 January 2027", "Tuesday 26 January 2027")


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


@pytest.fixture(scope="module")
def series(pack: rcp.Pack) -> rcp.Agenda:
    """Section 3 over three weekly sessions: one exercise each."""
    return rcp.plan(pack, ["section-3"], rcp.PlanOptions(days=3, dates=WEEKS))


def _sheets(
    pack: rcp.Pack, fmt: str, agenda: rcp.Agenda | None = None, *, large_print: bool = False
) -> bytes:
    """The exercise sheets in ``fmt``; a PDF laid out once a process (bundled_handouts.py)."""
    if fmt == "pdf":
        return handout_pdf(pack, "exercises", agenda, large_print=large_print)
    return rcp.render_handout(pack, "exercises", fmt, agenda, large_print=large_print)


def _pages(pdf: bytes) -> list[str]:
    return [page.words for page in read_pages(pdf)]


def _text(out: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return " ".join(_pages(out))
    if fmt == "docx":
        return " ".join(p.text for p in docx.Document(io.BytesIO(out)).paragraphs)
    return " ".join(out.decode("utf-8").split())


def test_each_sheet_carries_its_own_date_only(pack: rcp.Pack, series: rcp.Agenda) -> None:
    """In a series, each sheet's record has its session's date and day; the handout none."""
    sheets = exercise_sheets(pack, agenda=series)
    assert [(s.label, s.day, s.on, s.date) for s in sheets.exercises] == [
        ("Exercise 8", 1, WEEKS[0], LONG[0]),
        ("Exercise 9", 2, WEEKS[1], LONG[1]),
        ("Exercise 10", 3, WEEKS[2], LONG[2]),
    ]
    assert sheets.dates == WEEKS


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_no_sheet_gives_a_series_dates(pack: rcp.Pack, series: rcp.Agenda, fmt: str) -> None:
    """A series' sheets: each date once, on its own sheet (PDF: on its own page, footer too)."""
    out = _sheets(pack, fmt, series, large_print=False)
    text = _text(out, fmt)
    assert [text.count(d) for d in LONG] == [1, 1, 1]
    assert ";" not in " ".join(re.findall(r"Date: [^.]*\.", text))
    if fmt == "pdf":
        for page, day in zip(_pages(out), LONG, strict=True):
            assert [d for d in LONG if d in page] == [day]


@pytest.mark.parametrize("fmt", rcp.FORMATS)
def test_no_facilitator_list_on_a_sheet(pack: rcp.Pack, series: rcp.Agenda, fmt: str) -> None:
    """No "What you'll need", no bare "Film 3; Film 4"; the case study and films are named."""
    text = _text(_sheets(pack, fmt, series), fmt)
    assert "need" not in text.lower()
    assert "Film 3;" not in text
    assert (
        "Films: Film 2: Reconceptualising non-engagement in the context of recurrent care "
        "proceedings (Claire Mason); Films 3, 4 and 5."
    ) in text
    assert "Time: 30 minutes. Case study: The case study of Tina." in text


@pytest.mark.parametrize("fmt", rcp.FORMATS)
def test_every_part_is_labelled_alike(pack: rcp.Pack, fmt: str) -> None:
    """Exercise 10's second part is "Whole group, 10 minutes", as 8's and 9's; the pack's words kept."""
    text = _text(_sheets(pack, fmt), fmt)
    text = re.sub(r"</?strong>|\*\*", "", text)  # the label's emphasis
    assert text.count("Pairs or small groups, 20 minutes.") == 3
    assert text.count("Whole group, 10 minutes.") == 3
    assert "Whole group, 10 minutes. Come back together for a discussion in the last 10 " in text


def test_come_back_together_is_the_whole_group(pack: rcp.Pack) -> None:
    """The tool's reading: a part that only says "Come back together" is the whole group."""
    exercise = lookup(pack).exercises["exercise-10"]
    phase = exercise.phases[1]
    assert phase.grouping == ()  # the pack does not say who: the tool reads it
    assert phase.activity == "Come back together for a discussion in the last 10 minutes."
    assert part_grouping(phase) == "Whole group"
    assert part_grouping(exercise.phases[0]) == "Pairs or small groups"


@pytest.mark.parametrize(("large_print", "twips"), [(False, 5669), (True, 2835)])
def test_word_notes_box_is_one_paragraph(pack: rcp.Pack, large_print: bool, twips: int) -> None:
    """Under each "Your notes on" heading: ONE bordered paragraph of an exact height."""
    out = rcp.render_handout(pack, "exercises", "docx", large_print=large_print)
    paragraphs = docx.Document(io.BytesIO(out)).paragraphs
    headings = [n for n, p in enumerate(paragraphs) if p.text.startswith("Your notes on")]
    assert len(headings) == 3
    bordered = [p for p in paragraphs if p._p.xpath("./w:pPr/w:pBdr")]  # noqa: SLF001
    assert len(bordered) == 3  # one box a sheet, not twelve lines
    for at in headings:
        heading, box = paragraphs[at], paragraphs[at + 1]
        assert heading.paragraph_format.page_break_before is None  # after the task, if room
        assert heading.paragraph_format.keep_with_next is True
        assert box.text == ""
        spacing = box._p.find(f"{W}pPr/{W}spacing")  # noqa: SLF001
        assert spacing is not None
        assert (spacing.get(f"{W}lineRule"), spacing.get(f"{W}line")) == ("exact", str(twips))
        sides = box._p.xpath("./w:pPr/w:pBdr/*")  # noqa: SLF001
        assert [s.tag.removeprefix(W) for s in sides] == ["top", "left", "bottom", "right"]


def test_html_notes_box_is_one_element_of_a_fixed_height(pack: rcp.Pack) -> None:
    """In HTML each sheet's notes are one empty element, sized by CSS (no blank lines)."""
    html = rcp.render_handout(pack, "exercises", "html").decode("utf-8")
    assert html.count('<div class="notes"></div>') == 3
    assert "section.sheet .notes { min-height: 0; height: 10cm;" in html
    assert "&nbsp;" not in rcp.render_handout(pack, "exercises", "md").decode("utf-8")


@pytest.mark.parametrize("days", [1, 2, 3])
def test_a_sheet_is_dated_by_the_day_its_exercise_is_on(pack: rcp.Pack, days: int) -> None:
    """However the section is spread, each sheet's date is its own day's; one date or none."""
    agenda = rcp.plan(pack, ["section-3"], rcp.PlanOptions(days=days, dates=WEEKS[:days]))
    sheets = exercise_sheets(pack, agenda=agenda)
    for sheet in sheets.exercises:
        item = "exercise-" + sheet.label.removeprefix("Exercise ")
        (entry,) = [e for e in agenda.entries if e.item == item]
        assert (sheet.day, sheet.on) == (entry.day, agenda.date(entry.day))
    md = rcp.render_handout(pack, "exercises", "md", agenda).decode("utf-8")
    assert [md.count(d) for d in LONG[:days]] == [
        sum(s.on == d for s in sheets.exercises) for d in WEEKS[:days]
    ]

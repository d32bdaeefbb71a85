"""Participants' sheets stand alone; tip cards print four to an A4 page, none split."""

import io
import re
from datetime import date

import docx
import pytest
from bundled_handouts import handout_pdf, tip_cards_pdf
from pdf_pages import read_pages

import recurrent_care_pack as rcp

A4 = (595, 842)  # points, give or take one
TWO_DAYS = rcp.PlanOptions(days=2, dates=(date(2027, 1, 12), date(2027, 1, 19)))


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


@pytest.fixture(scope="module")
def two_days(pack: rcp.Pack) -> rcp.Agenda:
    """Section 3 over two dated days: Module 1 on the first, Modules 2 and 3 on the second."""
    return rcp.plan(pack, ["section-3"], TWO_DAYS)


def _text(pack: rcp.Pack, kind: str, fmt: str, agenda: rcp.Agenda, **options: str) -> str:
    """A handout's text, whatever its format, with its white space folded."""
    session = options.get("session")
    if fmt == "pdf":
        text = " ".join(
            page.text for page in read_pages(handout_pdf(pack, kind, agenda, session=session))
        )
    elif fmt == "docx":
        out = rcp.render_handout(pack, kind, fmt, agenda, session=session)
        text = " ".join(p.text for p in docx.Document(io.BytesIO(out)).paragraphs)
    else:
        text = rcp.render_handout(pack, kind, fmt, agenda, session=session).decode("utf-8")
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", rcp.FORMATS)
def test_sheets_hold_no_facilitator_instruction(
    pack: rcp.Pack, two_days: rcp.Agenda, fmt: str
) -> None:
    """No "hand out" on a participant's sheet; Film 7 is named as Danny Taggart's; notes space."""
    text = _text(pack, "exercises", fmt, two_days, session="Team learning day")
    assert "hand out" not in text.lower()
    assert (
        "Films: Film 7 (Danny Taggart); Film 6: Explaining complex trauma and its impact on "
        "families (Sheena Webb)."
    ) in text
    assert text.count("Your notes") == 3
    assert "Your notes on Exercise 9" in text  # a notes page that comes apart says whose it is
    assert text.count("Session: Team learning day.") == 3


@pytest.mark.parametrize("fmt", rcp.FORMATS)
def test_the_guide_names_the_films_of_each_exercise(
    pack: rcp.Pack, two_days: rcp.Agenda, fmt: str
) -> None:
    """The guide's Exercise 10 names "this film" as the participants' sheet does, in every format."""
    text = _text(pack, "guide", fmt, two_days)
    assert (
        "Films: Film 7 (Danny Taggart); Film 6: Explaining complex trauma and its impact on "
        "families (Sheena Webb)."
    ) in text


def test_each_sheet_has_the_date_of_its_day(pack: rcp.Pack, two_days: rcp.Agenda) -> None:
    """Exercise 8 is on the first day's date, Exercises 9 and 10 on the second's."""
    sheets = rcp.render_handout(pack, "exercises", "md", two_days).decode("utf-8")
    dates = re.findall(r"^## (Exercise \d+).*?^Date: ([^.]+)\.$", sheets, re.MULTILINE | re.DOTALL)
    assert dates == [
        ("Exercise 8", "Tuesday 12 January 2027"),
        ("Exercise 9", "Tuesday 19 January 2027"),
        ("Exercise 10", "Tuesday 19 January 2027"),
    ]


@pytest.mark.parametrize("kind", ["tips"])  # the guide: a part per date (test_guide_pages.py)
def test_guide_and_tips_carry_the_dates(pack: rcp.Pack, two_days: rcp.Agenda, kind: str) -> None:
    """The tip cards say the session's dates under their title."""
    lines = rcp.render_handout(pack, kind, "md", two_days).decode("utf-8").splitlines()
    assert "Dates: Tuesday 12 January 2027; Tuesday 19 January 2027." in lines[:6]


def test_tip_cards_name_their_category_resources_and_works(pack: rcp.Pack) -> None:
    """Every card names its category; the Leeds resources and the works cited have cards."""
    data = rcp.render_handout(pack, "tips", "md").decode("utf-8")
    cards = data.split("\n---\n")[1:]
    assert len(cards) == 35  # 33, two of them too long for a card going on to the next
    categories = [card.strip().splitlines()[0] for card in cards]
    assert categories[:3] == [
        "## Tips from Practice: Key lessons for setting up and/or developing your service",
        "## Tips from Practice: Key lessons for setting up and/or developing your service "
        "(continued)",
        "## Tips on staff recruitment",
    ]
    assert categories[-1] == "## Works cited in the tips"
    assert all(card.rstrip().endswith(f"Card {n} of 35") for n, card in enumerate(cards, 1))
    assert (
        "- Job Description for a newly set-up recurrent care service in Leeds (link not known)\n"
        "- Interview questions (link not known)\n"
        "- Suggested role plays (link not known)\n"
    ) in cards[5]
    assert "(Care Crisis Review, 2018; Sebba et al, 2017)" in cards[-5]
    assert "- Care Crisis Review: Options for Change (2018). Family Rights Group" in cards[-1]
    assert "- Sebba, J., Luke, N., McNeish, D. and Rees, A. (2017)" in cards[-1]


def _card_pages(pdf: bytes) -> list[list[tuple[int, float, float]]]:
    """Per page: each card's number, and the x and y of its "Card N of M" line."""
    pages = []
    for page in read_pages(pdf):
        assert (round(page.width), round(page.height)) == A4
        pages.append(
            [
                (int(match[1]), run.x, run.y)
                for run in page.runs
                if (match := re.fullmatch(r"\s*Card (\d+) of \d+\s*", run.text))
            ]
        )
    return pages


def test_tip_cards_print_four_to_an_a4_page_none_split(pack: rcp.Pack) -> None:
    """Each A4 page but the last holds four cards, two across and two down; no card is split.

    A card is whole on a page when its category, its first words and its "Card N of M" line
    are all on that page.
    """
    pdf = tip_cards_pdf()
    pages = _card_pages(pdf)
    numbers = [[n for n, _, _ in page] for page in pages]
    assert [n for page in numbers for n in page] == list(range(1, 36))
    assert all(len(page) >= 4 for page in numbers[:-1])
    for page in pages[:-1]:
        (_, x1, y1), (_, x2, y2), (_, x3, y3), (_, x4, y4) = page[:4]
        assert x2 - x1 > A4[0] / 3  # side by side
        assert x4 - x3 > A4[0] / 3
        assert min(y1, y2) > max(y3, y4)  # the second row below the first (y grows upwards)
    cards = rcp.render_handout(pack, "tips", "md").decode("utf-8").split("\n---\n")[1:]
    # White space dropped: the PDF's text breaks lines after hyphens ("multi- agency").
    texts = ["".join(page.text.split()) for page in read_pages(pdf)]
    for text, page_numbers in zip(texts, numbers, strict=True):
        for number in page_numbers:
            lines = cards[number - 1].strip().splitlines()
            category, first = lines[0].removeprefix("## "), lines[2].removeprefix("- ")
            assert "".join(category.split()) in text, (number, category)
            assert "".join(first.split()[:6]) in text, (number, first)


def test_large_print_tip_cards_print_two_to_a_page_one_across() -> None:
    """In large print a card is the page's width: two to each A4 page but the last, one above the other."""
    pdf = tip_cards_pdf(large_print=True)
    pages = _card_pages(pdf)
    assert [n for page in pages for n, _, _ in page] == list(range(1, 38))
    assert [len(page) for page in pages] == [2] * 18 + [1]
    for (_, x1, y1), (_, x2, y2) in pages[:-1]:
        assert abs(x1 - x2) < 1  # one across
        assert y1 > y2 + A4[1] / 4  # the second well below the first


@pytest.mark.parametrize("large_print", [False, True])
def test_no_tip_card_page_but_the_last_is_half_empty(large_print: bool) -> None:
    """Each card's number sits at its foot, so the second row's numbers reach the lower third.

    Every card is the height two rows under the title on page 1 allow: a quarter of the
    page, or a little more in large print, is left below the cards on the others.
    """
    pdf = tip_cards_pdf(large_print=large_print)
    for page in _card_pages(pdf)[:-1]:
        assert min(y for _, _, y in page) < A4[1] / (3 if large_print else 4)


def test_large_print_notes_follow_the_task_when_the_page_has_room(
    pack: rcp.Pack, two_days: rcp.Agenda
) -> None:
    """In large print the notes box is under its task when it fits (Exercises 9 and 10).

    Exercise 8 shares its page with the handout's title: its notes go on the next page.
    """
    pdf = handout_pdf(pack, "exercises", two_days, large_print=True)
    pages = [page.words for page in read_pages(pdf)]
    assert [re.findall(r"Exercise (\d+):", page)[:1] for page in pages] == [
        ["8"],
        [],
        ["9"],
        ["10"],
    ]
    assert ["Your notes" in page for page in pages] == [False, True, True, True]


def test_each_sheet_is_one_pdf_page_with_its_notes(pack: rcp.Pack, two_days: rcp.Agenda) -> None:
    """Each exercise sheet, notes space and all, is one A4 page of its own."""
    pdf = handout_pdf(pack, "exercises", two_days, session="Team learning day")
    pages = [page.words for page in read_pages(pdf)]
    assert [re.findall(r"Exercise (\d+):", page)[:1] for page in pages] == [["8"], ["9"], ["10"]]
    assert all("Your notes" in page for page in pages)

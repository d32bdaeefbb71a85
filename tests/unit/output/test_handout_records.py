"""The exercise sheets and tip cards as typed records, and the session line they print."""

import io
import re
from datetime import date

import docx
import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._output.cards import Card, Point, card_lines
from recurrent_care_pack._output.handouts import ExercisesHandout, TipsHandout, handout_data

ONE_DAY = rcp.PlanOptions(dates=(date(2027, 1, 12),))
TWO_DAYS = rcp.PlanOptions(days=2, dates=(date(2027, 1, 12), date(2027, 1, 19)))


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


def test_the_exercise_sheets_are_a_record_of_the_planned_exercises(pack: rcp.Pack) -> None:
    """Only the exercises the plan holds get a sheet; the session's name is the handout's."""
    agenda = rcp.plan(pack, ["section-3-module-2"])
    handout = handout_data(pack, "exercises", agenda, session="Team day")
    assert isinstance(handout, ExercisesHandout)
    assert [s.label for s in handout.sheets.exercises] == ["Exercise 9"]
    assert (handout.title, handout.session) == (f"{pack.title}: exercises", "Team day")


def test_the_tip_cards_are_a_record_with_the_sessions_dates(pack: rcp.Pack) -> None:
    """The cards carry each day's date, in words with "; " between them."""
    handout = handout_data(pack, "tips", rcp.plan(pack, ["section-3"], TWO_DAYS))
    assert isinstance(handout, TipsHandout)
    assert handout.dates == (date(2027, 1, 12), date(2027, 1, 19))
    assert handout.when == "Tuesday 12 January 2027; Tuesday 19 January 2027"
    assert handout.title == handout.deck.title == f"{pack.title}: tip cards"
    assert TipsHandout(deck=handout.deck).when is None


def test_the_guide_is_not_handout_data(pack: rcp.Pack) -> None:
    """The guide is built as a view of its own."""
    with pytest.raises(
        ValueError, match=r"^the guide is a typed view: build it with guide_view\(\)$"
    ):
        handout_data(pack, "guide", rcp.plan(pack))


def _session_line(pack: rcp.Pack, fmt: str, agenda: rcp.Agenda, session: str | None) -> str:
    out = rcp.render_handout(pack, "tips", fmt, agenda, session=session)
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(out)).paragraphs)
    else:
        text = re.sub(r"<[^>]+>", "", out.decode("utf-8"))
    return next((line for line in text.splitlines() if line.startswith(("Session", "Date"))), "")


CASES = [
    (
        TWO_DAYS,
        "Team day",
        "Session: Team day. Dates: Tuesday 12 January 2027; Tuesday 19 January 2027.",
    ),
    (ONE_DAY, "Team day", "Session: Team day. Date: Tuesday 12 January 2027."),
    (ONE_DAY, None, "Date: Tuesday 12 January 2027."),
    (rcp.PlanOptions(), "Team day", "Session: Team day."),
    (rcp.PlanOptions(), None, ""),
]


@pytest.mark.parametrize(
    ("fmt", "options", "session", "line"),
    [(fmt, *case) for fmt in ("md", "html") for case in CASES]
    + [("docx", *case) for case in CASES[:3]],
)
def test_the_tip_cards_say_their_session_and_dates_in_every_format(
    pack: rcp.Pack, fmt: str, options: rcp.PlanOptions, session: str | None, line: str
) -> None:
    """One day says "Date", more say "Dates", in each format; nothing when neither is known."""
    agenda = rcp.plan(pack, ["section-3"], options)
    assert _session_line(pack, fmt, agenda, session) == line


def _sheets_text(pack: rcp.Pack, fmt: str, session: str) -> str:
    out = rcp.render_handout(
        pack, "exercises", fmt, rcp.plan(pack, ["section-3"]), session=session
    )
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(out)).paragraphs)
    return re.sub(r"<[^>]+>", "", out.decode("utf-8"))


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_each_undated_sheet_names_the_session(pack: rcp.Pack, fmt: str) -> None:
    """Without dates, every sheet still says its session, on a line of its own."""
    lines = _sheets_text(pack, fmt, "Team day").splitlines()
    assert lines.count("Session: Team day.") == 3


def test_each_word_sheet_starts_a_page(pack: rcp.Pack) -> None:
    """In Word every exercise sheet after the first begins on a new page."""
    out = rcp.render_handout(pack, "exercises", "docx", rcp.plan(pack, ["section-3"]))
    paragraphs = docx.Document(io.BytesIO(out)).paragraphs
    headings = [p for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert [p.text[:11] for p in headings] == ["Exercise 8:", "Exercise 9:", "Exercise 10"]
    assert [p.paragraph_format.page_break_before for p in headings] == [None, True, True]


def test_a_card_without_text_is_measured_by_its_heading_and_points() -> None:
    """The works cited card has no text: a heading line and a half, then a line a short point."""
    card = Card(category="Works cited in the tips", points=(Point(text="A review (2018)."),))
    assert card_lines(card, large_print=False) == 2.5
    assert card_lines(Card(category="Tips", text="One line."), large_print=False) == 2.9

"""The guide's printed pages: a one-page running sheet per session, read back from the PDF.

The three situations of issue 20 (a team day with a lunch, three weekly slots, two hours
with a break) and plans of every size, in clear and large print; each PDF's pages are
read with pypdf: landscape sheet pages, every row of a session's sheet on one page, each
part starting a page, footers naming that page's session and date.
"""

from datetime import time
from functools import cache

import pytest
from bundled_handouts import bundled_pack, handout_pdf
from guide_plans import team_day, team_session, two_hours, weekly
from pdf_pages import Page, read_pages

import recurrent_care_pack as rcp
from recurrent_care_pack._output.guide_view import guide_view
from recurrent_care_pack._session import Session, Slot
from recurrent_care_pack._use.planning import Agenda

SIZES = (False, True)


@cache
def _situation(which: str) -> tuple[Agenda, str | Session | None]:
    """One of the situations: its agenda and its session."""
    situations: dict[str, tuple[Agenda, str | Session | None]] = {
        "team day": (team_day(), team_session()),
        "weekly": (weekly(), "Weekly learning"),
        "two hours": (two_hours(), None),
        "module 2": (rcp.plan(rcp.load_pack(), ["Module 2"]), None),
        "all, with everything": (
            rcp.plan(
                rcp.load_pack(),
                ["section-3"],
                rcp.PlanOptions(
                    discussions=True,
                    breaks=rcp.Breaks(after_exercises=True),
                    dates=(team_day().options.booked[0].date,),  # type: ignore[arg-type]
                ),
            ),
            "A long session name for a whole day of Section 3",
        ),
        "half a day, its discussions left out": (
            rcp.plan(
                rcp.load_pack(),
                ["section-3"],
                rcp.PlanOptions(
                    booked=(Slot(start=time(9, 30), end=time(12, 40)),), discussions=True
                ),
            ),
            None,
        ),
    }
    return situations[which]


@cache
def _pages(which: str, *, large_print: bool) -> tuple[Page, ...]:
    """The guide's PDF pages for one of the situations."""
    agenda, session = _situation(which)
    pdf = handout_pdf(bundled_pack(), "guide", agenda, session=session, large_print=large_print)
    return read_pages(pdf)


def _sheet_pages(pages: tuple[Page, ...], rows: list[str]) -> set[int]:
    """The pages the given row times are printed on (each must be printed once)."""
    found = set()
    for clock in rows:
        where = [n for n, page in enumerate(pages) if clock in page.words]
        assert where, clock
        found.add(where[0])
    return found


SHEET_HEADER = "Time Length What Facilitator Notes"


def _sheet_rows(which: str) -> list[tuple[str, str]]:
    """Each session's first and last row times, as its running sheet prints them."""
    agenda, session = _situation(which)
    view = guide_view(rcp.load_pack(), agenda, session=session)
    return [(part.sheet.rows[0].time, part.sheet.rows[-1].time) for part in view.parts]


def _on_one_page(pages: tuple[Page, ...], first: str, last: str) -> int:
    """The one page holding a sheet's first and last rows (its header is on it too)."""
    where = {n for n, page in enumerate(pages) for t in (first, last) if t in page.words}
    assert len(where) == 1, (first, last, where)
    page = where.pop()
    assert SHEET_HEADER in pages[page].words
    return page


@pytest.mark.parametrize("large_print", SIZES)
def test_team_day_sheet_is_one_landscape_page_first(large_print: bool) -> None:
    """The team day's running sheet comes first, on landscape pages; in clear print, one page."""
    pages = _pages("team day", large_print=large_print)
    first = pages[0].words
    assert pages[0].landscape
    assert first.startswith(
        "Team learning day: facilitator guide Running sheet: Tuesday 12 January 2027, "
        "09:30–13:30 (4 hours) Leeds Family Support Service · Where: Civic Hall, Room 2 · "
        "Facilitators: Sam Patel and Jo Brown · Your notes: Bring the laptop and the speakers."
    )
    assert "Lunch Back at 12:28." in pages[0].words + pages[1].words
    assert "Break Back at 10:50." in first
    if large_print:  # 15 rows at 16 pt: more than a landscape page holds; it goes on
        assert pages[1].landscape
        assert SHEET_HEADER in pages[1].words  # the header row repeats
        return
    assert _on_one_page(pages, "09:30–10:10", "13:20–13:30") == 0
    # The plan's note, marked as the tool's, under the sheet.
    assert "From this tool (not the pack):" in first
    assert (
        "The lunch asked for at 12:00 is at 11:43, after Exercise 9: the nearest point between "
        "items."
    ) in first


@pytest.mark.parametrize("large_print", SIZES)
@pytest.mark.parametrize("which", ["two hours", "module 2", "weekly"])
def test_a_sheet_that_fits_a_page_is_not_split(which: str, large_print: bool) -> None:
    """Two hours with a break, one module, and each weekly slot: each sheet on one page."""
    pages = _pages(which, large_print=large_print)
    sheets = [_on_one_page(pages, first, last) for first, last in _sheet_rows(which)]
    assert sheets == sorted(set(sheets))
    assert all(pages[n].landscape for n in sheets)
    headers = [n for n, page in enumerate(pages) if SHEET_HEADER in page.words]
    assert headers == sheets  # no sheet goes on to a second page


def test_the_longest_day_keeps_its_sheet_on_one_page() -> None:
    """In clear print even all of Section 3 with its discussions and breaks (17 rows) fits."""
    pages = _pages("all, with everything", large_print=False)
    ((first, last),) = _sheet_rows("all, with everything")
    assert _on_one_page(pages, first, last) == 0


def test_the_notes_of_parts_left_out_stay_on_the_sheets_page() -> None:
    """Section 3 with its discussions in 09:30-12:40: all three left out, told in one note.

    Told one by one, with a note for all three, the notes ran on to a second page.
    """
    which = "half a day, its discussions left out"
    pages = _pages(which, large_print=False)
    ((first, last),) = _sheet_rows(which)
    assert _on_one_page(pages, first, last) == 0
    notes = [note.text for note in _situation(which)[0].notes]
    assert notes == [
        "The plan leaves out the optional discussions after Modules 1, 2 and 3 of Section 3 "
        "(10 minutes each): they do not fit the slot, 09:30 to 12:40; a slot ending at 12:45 "
        "would hold the first of them, 12:55 the first two and 13:05 all three.",
        "From 09:30 to 12:35, 3 hours 5 minutes of films, discussion and exercises run without "
        "a break, and this content is about trauma: consider a break (--break-every 90m, or "
        "comfort_breaks in a session file).",
    ]
    assert f"From this tool (not the pack): {' '.join(notes)}" in pages[0].words
    assert pages[1].words.startswith("What to bring for this session")


def test_series_parts_start_pages_and_name_their_dates() -> None:
    """A series: each session's part starts a page; each page's footer names its own date."""
    pages = _pages("weekly", large_print=False)
    footers = [page.lines[-1] for page in pages]
    count = len(pages)
    assert footers[:6] == [
        f"Weekly learning · {day} January 2027 Page {n} of {count}"
        for n, day in enumerate(["12", "12", "19", "19", "26", "26"], start=1)
    ]
    assert all(f.startswith("Weekly learning · for all 3 sessions Page") for f in footers[6:])
    heads = [page.words for page in pages[:6:2]]
    assert heads[0].startswith(
        "Weekly learning: facilitator guide Session 1 of 3: Tuesday 12 January 2027, "
        "09:30–11:00 (1 hour 30 min; the plan ends at 10:50)"
    )
    assert heads[1].startswith("Session 2 of 3: Tuesday 19 January 2027, 09:30–11:00")
    assert heads[2].startswith("Session 3 of 3: Tuesday 26 January 2027, 09:30–11:00")
    # Each session's own checklist, on the page after its sheet.
    assert pages[1].words.startswith("What to bring for this session")
    assert "The case study of Tina (Exercise 8)" in pages[1].words
    assert "The case study of Tina" not in pages[3].words
    assert "The case study of Amy (Exercise 9)" in pages[3].words


@pytest.mark.parametrize("large_print", SIZES)
def test_every_footer_is_one_line_naming_the_session(large_print: bool) -> None:
    """Each page's last line is the whole footer: session, date, page; nothing wraps."""
    pages = _pages("team day", large_print=large_print)
    for number, page in enumerate(pages, start=1):
        assert page.lines[-1] == (
            f"Team learning day · 12 January 2027 Page {number} of {len(pages)}"
        )


def test_headings_are_not_left_at_a_page_foot() -> None:
    """No page of the guide ends with a heading: each stays with what follows it."""
    headings = {"Exercises", "Films to show", "Opening", "Closing", "Groups", "Discussion prompts"}
    for which in ("team day", "weekly", "two hours"):
        for large_print in SIZES:
            for page in _pages(which, large_print=large_print):
                lines = page.lines
                body = lines[:-1]  # the footer is the last line
                assert body, which
                assert body[-1] not in headings, (which, large_print, body[-1])
                assert not body[-1].startswith("Exercise 1"), (which, body[-1])


@pytest.mark.parametrize("large_print", SIZES)
def test_an_exercise_of_the_guide_keeps_its_heading_with_its_first_step(large_print: bool) -> None:
    """Each exercise's heading, time and films are on the page of its first step."""
    for which in ("team day", "weekly", "two hours"):
        pages = [page.words for page in _pages(which, large_print=large_print)]
        reference = [t for t in pages if "Time: 30 minutes." in t]
        assert reference, which
        for text in reference:
            for part in text.split("Time: 30 minutes.")[1:]:
                assert "groups, 20 minutes." in part, (which, large_print, part[:80])


def test_each_exercise_sheet_of_a_series_names_its_own_date_at_its_foot() -> None:
    """Three weekly sessions: each participant's sheet's footer gives its session's date."""
    pdf = rcp.render_handout(rcp.load_pack(), "exercises", "pdf", weekly(), session="Weekly")
    footers = [page.lines[-1] for page in read_pages(pdf)]
    assert footers == [
        f"Weekly · Section\u00a03 · {day}\u00a0January\u00a02027 Page {n} of 3"
        for n, day in ((1, 12), (2, 19), (3, 26))
    ]

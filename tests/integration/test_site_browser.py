"""The web site in Debian's Chromium: axe-core on every page, requests, search, the live view.

The site of the bundled pack with ``rcpack init``'s example session (README's team day) is
built with its search index, served over HTTP on this machine as GitHub Pages would serve
it, and driven by playwright-core (tests/browser/site.cjs); skipped when Chromium or the
npm tools are missing, except under CI.
"""

import base64
import functools
import http.server
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT
from pdf_pages import Page, read_pages
from session_cases import SESSION, WEEKLY

from browser import BROWSER_MISSING, CHROMIUM, NODE
from recurrent_care_pack._cli import main

MISSING = BROWSER_MISSING
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        MISSING and not os.environ.get("CI"),
        reason="axe-core, playwright-core (.tools/) or Debian's chromium is missing",
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built as a content repository's CI builds it: the session file beside it."""
    folder = tmp_path_factory.mktemp("repo")
    (folder / "team-day.yaml").write_text(SESSION, encoding="utf-8")
    (folder / "weekly.yaml").write_text(WEEKLY, encoding="utf-8")
    old = Path.cwd()
    os.chdir(folder)
    try:
        assert main(["site", "site", "--url", "https://example.org/pack/"]) == 0
    finally:
        os.chdir(old)
    assert (folder / "site" / "pagefind" / "pagefind.js").is_file()
    return folder / "site"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site served over HTTP on 127.0.0.1, as a static host serves it."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        """Nothing: the test reads the browser's side."""


def _node(*argv: str) -> list[dict[str, Any]]:
    assert NODE is not None
    assert CHROMIUM is not None
    done = subprocess.run(
        [NODE, str(ROOT / "tests" / "browser" / "site.cjs"), argv[0], CHROMIUM, *argv[1:]],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def crawled(site: Path, served: str) -> list[dict[str, Any]]:
    """Every page in screen and print media, then a search."""
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    return _node("crawl", served, *pages)


def test_axe_finds_no_violation_on_any_page_in_screen_or_print(
    crawled: list[dict[str, Any]],
) -> None:
    """WCAG 2.2 AA and best practice: 0 violations on each of the 25 pages, in both media.

    19 pages of the site, and 6 handouts in it to print (the cards, the sheets, and each
    session's guide and sheets).
    """
    runs = [r for r in crawled if "page" in r]
    assert len(runs) == 50
    assert {(r["page"], r["media"]): r["violations"] for r in runs if r["violations"]} == {}


def test_no_request_leaves_the_site(crawled: list[dict[str, Any]], served: str) -> None:
    """Every request each page and the search make is for the site's own files."""
    requests = [u for r in crawled for u in r.get("requests", [])]
    assert len(requests) > 38
    assert [u for u in requests if not u.startswith(served)] == []


def test_search_finds_pages_from_the_index_built_with_the_site(
    crawled: list[dict[str, Any]],
) -> None:
    """Pagefind's index answers in the browser; its files come from the site."""
    search = next(r for r in crawled if "search" in r)
    assert search["search"]["fallback"] is True  # the list of every page is hidden
    assert search["search"]["status"].endswith(" pages found.")
    assert any(r.endswith("modules/section-3-module-2.html") for r in search["search"]["results"])
    assert any("/pagefind/" in u for u in search["requests"])


def _deck(page: str) -> list[list[list[str]]]:
    """The cards a built page prints, page by page and row by row, as site.cjs reads them."""
    found = []
    for card_page in page.split('<div class="card-page">')[1:]:
        rows = []
        for row in card_page.split('<div class="card-row">')[1:]:
            cards = re.findall(
                r'<section class="tip-card( last-down)?".*?>Card (.*?)</p>', row, re.DOTALL
            )
            rows.append(
                [
                    "Card " + re.sub(r"<[^>]+>", "", n) + (" (last down)" if last else "")
                    for last, n in cards
                ]
            )
        found.append(rows)
    return found


def test_a_topic_filters_the_tips_in_place(crawled: list[dict[str, Any]], site: Path) -> None:
    """With JavaScript, the topic's link shows its categories here, and says how many.

    The cards the page prints are the topic's, laid out and numbered as the topic's own
    page prints them; every topic again brings back every card, as the handout has them.
    """
    training, every = (r["tips"] for r in crawled if "tips" in r)
    assert training == {
        "url": "/tips/index.html",
        "shown": [False, False, True, False],
        "status": "Showing 1 category on training.",
        "current": "training",
        "note": "3 cards, 4 to an A4 page: cut along the dashed lines.",
        "cards": [[["Card 1 of 3", "Card 2 of 3 (last down)"], ["Card 3 of 3 (last down)"]]],
    }
    assert training["cards"] == _deck((site / "tips" / "training.html").read_text("utf-8"))
    assert every["status"] == "Showing every category."
    assert every["note"] == "35 cards, 4 to an A4 page: cut along the dashed lines."
    assert every["cards"] == _deck((site / "print" / "tip-cards.html").read_text("utf-8"))
    assert len(every["cards"]) == 9


def _printed(crawled: list[dict[str, Any]], name: str) -> tuple[Page, ...]:
    found = next(r for r in crawled if r.get("printed") == name)
    return read_pages(base64.b64decode(found["pdf"]))


def test_the_tips_print_as_the_tip_cards_handout_does(crawled: list[dict[str, Any]]) -> None:
    """Chromium's print of the tips page: the handout's pages, card for card, footer and all.

    Only the title differs: the page's own heading, where the handout names itself.
    """
    page = _printed(crawled, "tips/index.html")
    handout = _printed(crawled, "print/tip-cards.html")
    assert len(page) == len(handout) == 9
    # Chromium writes each page's margin (its number, then the footer) first.
    assert page[0].lines[0] == "Page 1 of 9Recurrent Care Resource Pack · Section\xa03"
    assert page[0].lines[1:3] == [
        "Tips from Practice: Key lessons for setting up",
        "and/or developing your service",
    ]
    assert handout[0].lines[1] == "Recurrent Care Resource Pack: tip cards"
    assert [page[0].lines[0], *page[0].lines[3:]] == [handout[0].lines[0], *handout[0].lines[2:]]
    assert [p.lines for p in page[1:]] == [p.lines for p in handout[1:]]
    assert page[-1].lines[0].startswith("Page 9 of 9")
    assert page[-1].lines[-1] == "Card 35 of 35"
    assert all(round(p.width) == 595 and round(p.height) == 842 for p in page)  # A4 portrait
    training = _printed(crawled, "tips/training.html")
    assert len(training) == 1
    assert "3 cards, 4 to an A4 page: cut along the dashed lines." in training[0].words
    assert "Card 3 of 3" in training[0].words


def test_an_exercise_page_prints_as_its_sheet(crawled: list[dict[str, Any]]) -> None:
    """Chromium's print of Exercise 8's page: the sheet's page, its words, footer and all.

    Only the top differs: the sheets' title and Exercise 8's heading, where the page has
    its own heading.
    """
    [page] = _printed(crawled, "exercises/exercise-8.html")
    sheet = _printed(crawled, "print/exercises.html")[0]
    assert page.lines[0] == "Page 1 of 1Recurrent Care Resource Pack · Section\xa03"
    assert sheet.lines[0] == "Page 1 of 3Recurrent Care Resource Pack · Section\xa03"
    assert page.lines[1:4] == [
        "Exercise 8: Understanding non-",
        "engagement and attachment through",
        "a case study",
    ]
    assert sheet.lines[2:4] == [
        "Exercise 8: Understanding non-engagement and",
        "attachment through a case study",
    ]
    assert page.lines[4:] == sheet.lines[4:]
    assert page.lines[-1] == "Your notes on Exercise 8"
    assert (round(page.width), round(page.height)) == (595, 842)  # A4 portrait


def test_a_session_page_prints_its_whole_sheet_on_one_landscape_page(
    crawled: list[dict[str, Any]],
) -> None:
    """The running sheet, its details and this tool's notes on one landscape A4 page.

    Then what to bring, on portrait pages.
    """
    sheet, *rest = _printed(crawled, "sessions/team-day.html")
    assert (round(sheet.width), round(sheet.height)) == (842, 595)
    assert sheet.lines[:2] == [
        "Team learning day",
        "Running sheet: Tuesday 12 January 2027, 09:30\u201313:30 (4 hours)",
    ]
    assert sheet.lines[-2:] == [
        "From this tool (not the pack):",
        "The lunch asked for at 12:00 is at 11:43, after Exercise 9: the nearest point between items.",
    ]
    assert rest[0].lines[0] == "What to bring"
    assert all((round(p.width), round(p.height)) == (595, 842) for p in rest)


@pytest.fixture(scope="module")
def lived(site: Path) -> dict[str, dict[str, Any]]:
    """What the live view showed at each step, by the step's name."""
    steps = _node("live", (site / "sessions" / "team-day.html").as_uri())
    return {s["step"]: s for s in steps}


def test_the_live_view_at_1015_on_the_team_day(lived: dict[str, dict[str, Any]]) -> None:
    """Keyboard alone: at 10:15 Exercise 8's first part; space, arrows, F and Esc do their part.

    The times are the planner's (10:10-10:30 for the first part), read from the page.
    """
    steps = lived
    opened = steps["opened at 10:15"]
    assert (opened["open"], opened["focus"]) == (True, "live")
    assert opened["what"] == "Exercise 8, part 1 of 2: pairs or small groups"
    assert opened["left"] == "15:00"
    assert opened["next"] == "10:30: Exercise 8, part 2 of 2: whole group"
    assert opened["session"] == "3 hours 15 min left in the session, which ends at 13:30."
    assert opened["row"] == "10:10\u201310:30"
    assert opened["polite"] == "polite"
    assert opened["announce"] == (
        "Now: Exercise 8, part 1 of 2: pairs or small groups (Exercise 8: Understanding "
        "non-engagement and attachment through a case study), until 10:30. Next, at 10:30: "
        "Exercise 8, part 2 of 2: whole group."
    )
    assert opened["transition"] == "0s"  # prefers-reduced-motion: reduce
    paused = steps["paused for a minute"]
    assert (paused["left"], paused["pressed"], paused["announce"]) == ("15:00", "true", "Paused.")
    assert paused["state"] == "Paused: press space to carry on."
    assert steps["carried on"]["left"] == "14:58"
    assert steps["carried on"]["state"] == "Running 1 min behind the plan."
    moved = steps["moved on"]
    assert (moved["what"], moved["left"], moved["next"]) == (
        "Exercise 8, part 2 of 2: whole group",
        "10:00",
        "10:40: Break",
    )
    assert moved["announce"].startswith("Now: Exercise 8, part 2 of 2: whole group")
    assert steps["moved back"]["what"] == "Exercise 8, part 1 of 2: pairs or small groups"
    assert steps["moved back"]["fullButton"] == "Full screen F false"
    # F: the live view alone fills the screen, for a projector; F again gives it back.
    full, left = steps["full screen"], steps["full screen left"]
    assert (full["full"], full["fullButton"]) == ("live", "Leave full screen F true")
    assert full["what"] == "Exercise 8, part 1 of 2: pairs or small groups"
    assert (left["full"], left["fullButton"], left["open"]) == (None, "Full screen F false", True)
    assert (steps["closed"]["open"], steps["closed"]["focus"]) == (False, "Start the live view")


def test_the_live_view_cues_the_break_and_the_end(lived: dict[str, dict[str, Any]]) -> None:
    """Four minutes before the break a cue says so; in it, when to be back; then the end.

    Before the start, the time until it.
    """
    steps = lived
    assert steps["10:36"]["cue"] == "Break due at 10:40 (back at 10:50)."
    assert steps["10:36"]["transition"] == "1s"  # motion where it is not asked to be reduced
    assert (steps["10:45"]["what"], steps["10:45"]["cue"]) == ("Break", "Break: back at 10:50.")
    assert steps["10:45"]["next"] == "10:50: Module 2 films: Film 6"
    assert (steps["13:45"]["what"], steps["13:45"]["cue"]) == ("The session has ended", None)
    assert (steps["13:45"]["left"], steps["13:45"]["label"]) == ("", "")
    assert steps["10:45"]["label"] == " left in this item"
    assert steps["08:50"] == {
        "step": "08:50",
        "what": "Not started",
        "todo": "The session starts at 09:30.",
        "left": "40:00",
        "label": " until the start",
    }


def test_the_live_view_of_a_series_follows_the_days_date_or_the_session_chosen(
    site: Path,
) -> None:
    """On 19 January, 10:00: session 2's Exercise 9; session 3 chosen: its films, and a word."""
    steps = {s["step"]: s for s in _node("series", (site / "sessions" / "weekly.html").as_uri())}
    first = steps["19 January, 10:00"]
    assert (first["chosen"], first["what"], first["state"]) == (
        "1",
        "Exercise 9, part 1 of 2: pairs or small groups",
        "",
    )
    assert first["row"] == "09:53\u201310:13"
    chosen = steps["session 3 chosen"]
    assert chosen["what"] == "Module 3 films: Film 6 again (the pack's suggestion), then Film 7"
    assert chosen["state"] == (
        "Today is not this session\u2019s date: its times are read against today\u2019s clock."
    )
    assert chosen["row"] == "09:30\u201310:25"

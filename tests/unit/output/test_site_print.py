"""The site's tips pages print as the tip cards handout does: its view, template and style.

On screen a tips page lists its categories; in print it is its tip cards, made by the
handout's view (``tip_cards``), its template (``cards.html.j2``) and its style
(``cards.css.j2``, and its A4 page with the footer, ``page.css.j2``): the page of every
topic prints the handout's cards, a topic's page its categories' cards, numbered among
themselves. Chromium's print of them is compared in tests/integration/test_site_browser.py.
"""

import html.parser
import re
from functools import cache

import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._output.cards import tip_cards
from recurrent_care_pack._output.site import render_site

TOPICS = {
    "recruitment": "Tips on staff recruitment",
    "ways-of-working": (
        "Tips on ways of working that have been shown to be effective and are in line "
        "with trauma-informed practice"
    ),
    "trauma-informed-practice": (
        "Tips on ways of working that have been shown to be effective and are in line "
        "with trauma-informed practice"
    ),
    "training": "Issues to consider in relation to training",
    "managing-your-service": "Issues to consider in relation to managing your service",
}


@cache
def _site() -> dict[str, str]:
    files = render_site(rcp.load_pack())
    return {name: content.decode("utf-8") for name, content in files.items()}


class _Cards(html.parser.HTMLParser):
    """Each tip card of a page: its classes, heading and text, page by page."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[list[tuple[str, str]]] = []
        self.card: list[str] | None = None
        self.classes = ""
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("class") or ""
        if found == "card-page":
            self.pages.append([])
        elif tag == "section" and "tip-card" in found.split():
            self.card, self.classes, self.depth = [], found, 0
        elif self.card is not None and tag == "section":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.card is not None and tag == "section":
            if self.depth == 0:
                self.pages[-1].append((self.classes, " ".join("".join(self.card).split())))
                self.card = None
            else:
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.card is not None:
            self.card.append(data)


def _cards(page: str) -> list[list[tuple[str, str]]]:
    parser = _Cards()
    parser.feed(page)
    return parser.pages


def test_the_page_of_every_topic_prints_the_handouts_cards() -> None:
    """The same cards, pages, rows and cut lines as print/tip-cards.html; the same note."""
    page = _site()["tips/index.html"]
    handout = _site()["print/tip-cards.html"]
    assert _cards(page) == _cards(handout)
    assert len(_cards(page)) == 9
    assert sum(len(p) for p in _cards(page)) == 35
    note = '<p class="cut-note">{}35{} cards, 4 to an A4 page: cut along the dashed lines.</p>'
    assert note.format("", "") in handout
    assert note.format("<span data-count>", "</span>") in page


def test_a_tips_page_has_the_handouts_card_style_and_page() -> None:
    """The handout's cards style, byte for byte; its A4 page and footer, in print media."""
    page = _site()["tips/index.html"]
    handout = _site()["print/tip-cards.html"]
    style = re.search(r"<style>\n(  \.cut-note.*?)</style>", handout, re.DOTALL)
    assert style is not None
    assert "body.tips .tip-card {" in style[1]
    margins = re.search(r"  @page \{\n    size: A4;.*?\n  \}", handout, re.DOTALL)
    assert margins is not None
    assert f"<style>@media print {{\n{margins[0]}\n{style[1]}}}</style>" in page
    assert 'content: "Recurrent Care Resource Pack \\b7  Section\\a0 3";' in margins[0]


@pytest.mark.parametrize("slug", TOPICS)
def test_a_topics_page_prints_its_categories_cards_numbered_among_themselves(
    slug: str,
) -> None:
    """Its categories' cards, in the handout's order and words, then "Card 1 of N" on."""
    page = _site()[f"tips/{slug}.html"]
    cards = [text for p in _cards(page) for _, text in p]
    every = [text for p in _cards(_site()["tips/index.html"]) for _, text in p]
    heading = TOPICS[slug]
    ours = [t for t in every if t.startswith(heading + " ")]  # "(continued)" ones too
    assert cards
    assert [_unnumbered(t) for t in cards] == [_unnumbered(t) for t in ours]
    assert [t.rsplit(" Card ", 1)[1] for t in cards] == [
        f"{n} of {len(cards)}" for n in range(1, len(cards) + 1)
    ]
    assert f"<span data-count>{len(cards)}</span> cards, 4 to an A4 page" in page


def _unnumbered(card: str) -> str:
    return card.rsplit(" Card ", 1)[0]


def test_cards_on_a_topic_are_its_categories_renumbered() -> None:
    """The view: ``Cards.on`` keeps the cards of the topic's categories, numbered anew."""
    deck = tip_cards(rcp.load_pack())
    training = deck.on("training")
    assert [c.category for c in training.cards] == [
        "Issues to consider in relation to training"
    ] * 3
    assert [(c.number, c.of) for c in training.cards] == [(1, 3), (2, 3), (3, 3)]
    assert (training.per_page, training.across) == (deck.per_page, deck.across)
    assert deck.on("no such topic").cards == ()
    assert [c.topics for c in deck.cards if not c.topics] == [(), (), ()]  # intro x2, works


def test_on_screen_the_list_and_in_print_the_cards_searched_once() -> None:
    """The categories are hidden in print, the cards on screen and from the search index."""
    page = _site()["tips/index.html"]
    assert page.count('<section class="category no-print"') == 4
    assert page.count('<div class="print-only" data-pagefind-ignore>') == 1
    assert page.index("<h1>") < page.index('<div class="print-only"')
    assert '<blockquote class="pack no-print">' in page


def test_an_exercise_page_prints_with_its_sheets_page_and_footer() -> None:
    """The exercise sheets' A4 page and footer (the exercise's section), in print media."""
    sheets = _site()["print/exercises.html"]
    margins = re.search(r"  @page \{\n    size: A4;.*?\n  \}", sheets, re.DOTALL)
    assert margins is not None
    assert 'content: "Recurrent Care Resource Pack \\b7  Section\\a0 3";' in margins[0]
    for number in (8, 9, 10):
        page = _site()[f"exercises/exercise-{number}.html"]
        assert f"<style>@media print {{\n{margins[0]}\n}}</style>" in page


def test_what_only_the_screen_can_use_is_left_out_of_print() -> None:
    """A link to follow for printing, and search's need of JavaScript: on screen only."""
    index = _site()["index.html"]
    assert '<p class="no-print">To print: <a href="print/exercises.html">' in index
    search = _site()["search.html"]
    assert '<p class="no-print">Search needs JavaScript' in search
    assert '<p class="print-only">Every page of the site:</p>' in search

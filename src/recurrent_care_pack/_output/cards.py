"""Tip cards: the pack's tips from practice, one a card, to print, cut apart and hand round.

Every card is the same size on every page (the longest card fits in it), four to an A4
page, two across (in large print two, one across), with one dashed line to cut along and
"Card N of M" at each card's foot. The words are the pack's; a note of the tool's own is
marked as the tool's.
"""

import re
import textwrap

from attrs import evolve, frozen

from recurrent_care_pack._model import Pack, Section, Tip, TipCategory

from .citations import citation, cited_works

__all__ = [
    "CARDS_PER_PAGE",
    "LARGE_PRINT_CARDS_PER_PAGE",
    "LINK_UNKNOWN",
    "Card",
    "Cards",
    "Point",
    "tip_cards",
]

#: The tip cards an A4 page holds: two across, two down, with cut lines between.
CARDS_PER_PAGE = 4
#: In large print a card is the page's width: one across, two down.
LARGE_PRINT_CARDS_PER_PAGE = 2
#: Said after a text of the pack's whose link the published text does not give.
LINK_UNKNOWN = "(link not known)"
#: What one card holds, by large print or not: its lines, a line's characters of text and
#: of heading (measured on the PDF's cards, with a line to spare). A tip longer than a card
#: goes on to the next card at a sentence's end, both saying so: every card one size.
_HOLDS = {False: (18, 36, 27), True: (12, 53, 46)}
#: The tool's words on a card a tip goes on from, and on the card it goes on to.
CONTINUES = "Continued on the next card."
CONTINUED = "(continued)"
_SENTENCE_END = re.compile(r"(?<=[.!?\u2019])\s+(?=[A-Z\u2018(])")


@frozen(kw_only=True)
class Point:
    """A line of a card: a tip, a resource or a work, with the points under it."""

    text: str
    points: tuple["Point", ...] = ()


@frozen(kw_only=True)
class Card:
    """One card: its category (its heading), the pack's text, its points, its number.

    ``note``: the tool's own word, when the pack's text points at something a card has
    not got ("the presentations above"). ``topics``: its category's topics (the pack's
    data); none for the introduction's card and the works cited.
    """

    category: str
    text: str | None = None
    points: tuple[Point, ...] = ()
    note: str | None = None
    number: int = 0
    of: int = 0
    topics: tuple[str, ...] = ()


@frozen(kw_only=True)
class Cards:
    """The tip cards of a pack, and how many an A4 page holds and how many across."""

    title: str
    pack: str
    cards: tuple[Card, ...]
    per_page: int
    across: int

    @property
    def pages(self) -> tuple[tuple[Card, ...], ...]:
        """The cards page by page, ``per_page`` to a page."""
        return tuple(
            self.cards[i : i + self.per_page] for i in range(0, len(self.cards), self.per_page)
        )

    def on(self, topic: str) -> "Cards":
        """The cards of the categories on ``topic``, in order, numbered among themselves."""
        chosen = [c for c in self.cards if topic in c.topics]
        return evolve(
            self,
            cards=tuple(evolve(c, number=n, of=len(chosen)) for n, c in enumerate(chosen, 1)),
        )


def tip_cards(pack: Pack, *, large_print: bool = False) -> Cards:
    """The tips from practice as cards: one tip a card, its category on it; then works cited.

    The first card is the pack's introduction to the tips; a category's resources (the
    Leeds job description, say) get a card of their own. Four cards to an A4 page, two
    across; in large print two, one across.
    """
    cards: list[Card] = []
    for section in pack.sections:
        tips = section.tips
        if tips is None:
            continue
        if tips.introduction:
            cards.append(
                Card(category=tips.title, text=tips.introduction, note=_pointers(section))
            )
        for category in tips.categories:
            cards += [
                Card(
                    category=category.title,
                    text=_tip_text(t),
                    points=tuple(_point(p) for p in t.points),
                    topics=category.topics,
                )
                for t in category.tips
            ]
            resources = _resources(category)
            if resources is not None:
                cards.append(evolve(resources, topics=category.topics))
    works = [citation(pack, w) for w in cited_works(pack, pack.sections, reading=False)]
    if works:
        cards.append(
            Card(category="Works cited in the tips", points=tuple(Point(text=w) for w in works))
        )
    fitted = [part for card in cards for part in _fit(card, large_print=large_print)]
    numbered = tuple(evolve(c, number=n, of=len(fitted)) for n, c in enumerate(fitted, start=1))
    return Cards(
        title=f"{pack.title}: tip cards",
        pack=pack.title,
        cards=numbered,
        per_page=LARGE_PRINT_CARDS_PER_PAGE if large_print else CARDS_PER_PAGE,
        across=1 if large_print else 2,
    )


def _pointers(section: Section) -> str | None:
    """The tool's word on "below" and "above" in the tips' introduction, which a card lacks.

    In the pack the introduction follows the section's films and exercises and comes
    before the tips; on a card neither is there.
    """
    text = section.tips.introduction if section.tips is not None else None
    if not text or ("above" not in text and "below" not in text):
        return None
    return (
        f"The tool\u2019s note: on these cards, \u2018below\u2019 is the cards that follow, "
        f"and \u2018above\u2019 is Section {section.number}\u2019s films and exercises."
    )


def _tip_text(tip: Tip) -> str:
    return f"{tip.text} {LINK_UNKNOWN}" if tip.link_unknown else tip.text


def _point(tip: Tip) -> Point:
    return Point(text=_tip_text(tip), points=tuple(_point(p) for p in tip.points))


def _resources(category: TipCategory) -> Card | None:
    """A card of the category's resources: the pack's sentence, then each resource."""
    if category.resources_introduction is None and not category.resources:
        return None
    items = (
        f"{r.title[:1].upper()}{r.title[1:]}: {r.url}"
        if r.url
        else f"{r.title[:1].upper()}{r.title[1:]} {LINK_UNKNOWN}"
        for r in category.resources
    )
    return Card(
        category=category.title,
        text=category.resources_introduction or "Resources:",
        points=tuple(Point(text=i) for i in items),
    )


def card_lines(card: Card, *, large_print: bool) -> float:
    """About how many lines ``card`` takes: its heading, text, points and note, wrapped."""
    _, body, head = _HOLDS[large_print]
    lines = len(textwrap.wrap(card.category, head)) + 0.5
    for text in [card.text or "", card.note or ""]:
        if text:
            lines += len(textwrap.wrap(text, body)) + 0.4
    for point in card.points:
        lines += len(textwrap.wrap(point.text, body - 3))
        lines += sum(len(textwrap.wrap(p.text, body - 6)) for p in point.points)
    return lines


def _fit(card: Card, *, large_print: bool) -> list[Card]:
    """``card``, or when it is longer than a card holds, its parts card by card.

    A card's text goes on at a sentence's end, its points at a point's; the pack's words
    are all there, in order, and each part but the last says it goes on.
    """
    holds = _HOLDS[large_print][0]
    if card_lines(card, large_print=large_print) <= holds:
        return [card]
    blocks: list[str | Point] = [
        *(_SENTENCE_END.split(card.text) if card.text else []),
        *card.points,
    ]
    parts: list[Card] = []
    current = evolve(card, text=None, points=(), note=CONTINUES)
    for block in blocks:
        grown = _with(current, block)
        if card_lines(grown, large_print=large_print) > holds and (current.text or current.points):
            parts.append(current)
            current = _with(
                evolve(
                    card,
                    category=f"{card.category} {CONTINUED}",
                    text=None,
                    points=(),
                    note=CONTINUES,
                ),
                block,
            )
        else:
            current = grown
    parts.append(evolve(current, note=card.note))
    return parts


def _with(card: Card, block: "str | Point") -> Card:
    """``card`` with one more sentence of text, or one more point."""
    if isinstance(block, Point):
        return evolve(card, points=(*card.points, block))
    return evolve(card, text=f"{card.text} {block}" if card.text else block)

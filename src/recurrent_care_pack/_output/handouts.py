"""Handouts: what goes on paper, gathered from the model and a planned agenda.

The view here is plain data ready to print (durations in words, names resolved); the
templates in ``templates/`` and the Word writer only lay it out.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

from recurrent_care_pack._arguments import (
    check_count,
    check_flag,
    check_kind,
    check_pack,
    check_text,
)
from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import (
    Alternatives,
    CaseStudyCopy,
    Exercise,
    Grouping,
    Material,
    Pack,
    Section,
    Tip,
    TipCategory,
    Work,
    lookup,
)
from recurrent_care_pack._naming import either, exercise_names, film_name, listed
from recurrent_care_pack._use.planning import Agenda
from recurrent_care_pack._use.queries import every_tip

from .tables import long_date

__all__ = [
    "CARDS_PER_PAGE",
    "HANDOUTS",
    "LARGE_PRINT_CARDS_PER_PAGE",
    "exercise_sheets",
    "handout_data",
    "tip_cards",
]

_T = TypeVar("_T")

#: The handouts: the facilitator guide, the participants' exercise sheets, the tips cards.
HANDOUTS = ("guide", "exercises", "tips")

#: The tip cards an A4 page holds: two across, two down, with cut lines between.
CARDS_PER_PAGE = 4
#: In large print a card is the page's width: one across, two down.
LARGE_PRINT_CARDS_PER_PAGE = 2


def handout_data(  # noqa: PLR0913 (a handout's choices, all but the first three by name)
    pack: Pack,
    kind: str,
    agenda: Agenda,
    *,
    participants: int | None = None,
    session: str | None = None,
    large_print: bool = False,
) -> dict[str, Any]:
    """The data of the exercise sheets or the tip cards for a planned session.

    The guide is a typed view of its own (``guide_view``); asking for it here is a
    `ValueError`.

    ``participants``, if given, is a whole number more than zero; each argument of the
    wrong kind is refused by name (`TypeError`, `ValueError`).
    """
    check_pack(pack)
    check_kind("agenda", agenda, Agenda, "None or an Agenda such as plan() gives")
    check_flag("large_print", large_print)
    if session is not None:
        check_text("session", session, "Spring 2027, Leeds")
    if participants is not None:
        check_count("participants", participants, "people")
    if kind == "guide":
        raise ValueError("the guide is a typed view: build it with guide_view()")
    if kind == "exercises":
        planned = {e.item for e in agenda.entries}
        chosen = [e for s in pack.sections for e in s.exercises if e.id in planned]
        data = exercise_sheets(pack, chosen, agenda)
    else:
        data = tip_cards(pack, large_print=large_print)
    dates = [d for n in range(1, agenda.days + 1) if (d := agenda.date(n)) is not None]
    return {**data, "session": session, "when": "; ".join(long_date(d) for d in dates) or None}


def exercise_sheets(
    pack: Pack, selection: Iterable[Exercise] | None = None, agenda: Agenda | None = None
) -> dict[str, Any]:
    """One sheet per exercise for participants: the task, films, questions, timings, notes.

    Nothing on it is meant for the facilitator alone; with ``agenda``, each sheet has the
    date of the day its exercise is planned on.
    """
    chosen = (
        list(selection)
        if selection is not None
        else [e for s in pack.sections for e in s.exercises]
    )
    return {
        "title": f"{pack.title}: exercises",
        "pack": pack.title,
        "exercises": [{**_exercise(pack, e), "date": _date_of(agenda, e.id)} for e in chosen],
    }


def tip_cards(pack: Pack, *, large_print: bool = False) -> dict[str, Any]:
    """The tips from practice as cards: one tip a card, its category on it; then works cited.

    The first card is the pack's introduction to the tips; a category's resources (the
    Leeds job description, say) get a card of their own. Four cards to an A4 page, two
    across; in large print two, one across.
    """
    cards: list[dict[str, Any]] = []
    for part in _tips(pack.sections):
        if part["introduction"]:
            cards.append(_card(part["title"], text=part["introduction"]))
        for category in part["categories"]:
            cards += [
                _card(category["title"], text=t["text"], points=t["points"])
                for t in category["tips"]
            ]
            resources = category["resources"]
            if resources is not None:
                cards.append(
                    _card(
                        category["title"],
                        text=resources["introduction"],
                        points=[{"text": r, "points": []} for r in resources["items"]],
                    )
                )
    works = [_citation(pack, w) for w in _works_cited(pack, pack.sections, reading=False)]
    if works:
        cards.append(
            _card("Works cited in the tips", points=[{"text": w, "points": []} for w in works])
        )
    for number, card in enumerate(cards, start=1):
        card["number"], card["of"] = number, len(cards)
    return {
        "title": f"{pack.title}: tip cards",
        "pack": pack.title,
        "cards": cards,
        "per_page": LARGE_PRINT_CARDS_PER_PAGE if large_print else CARDS_PER_PAGE,
        "across": 1 if large_print else 2,
    }


def _card(
    category: str, *, text: str | None = None, points: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"category": category, "text": text, "points": points or []}


def _date_of(agenda: Agenda | None, item: str) -> str | None:
    if agenda is None:
        return None
    day = next((e.day for e in agenda.entries if e.item == item), None)
    when = agenda.date(day) if day is not None else None
    return long_date(when) if when is not None else None


def _needs(pack: Pack, exercise: Exercise) -> list[str]:
    """What an exercise needs, in the pack's words: case studies by title, choices as choices."""
    case_studies = lookup(pack).case_studies
    needs: list[str] = []
    for need in exercise.what_you_need:
        if isinstance(need, Material):
            needs.append(need.name)
        elif isinstance(need, CaseStudyCopy):
            case = case_studies.get(need.case_study)
            needs.append(case.title if case else need.case_study)
        elif isinstance(need, Alternatives):
            needs.append(either([[m.name for m in option] for option in need.options]))
    return needs


def _exercise_films(pack: Pack, exercise: Exercise) -> list[str]:
    """The films an exercise follows or discusses, named: "Film 7 (Danny Taggart)"."""
    media, people = lookup(pack).media, lookup(pack).people
    led = [
        f for s in pack.sections for m in s.modules if m.exercise == exercise.id for f in m.films
    ]
    named = []
    for film in (media[f] for f in _unique([*led, *exercise.draws_on]) if f in media):
        text = film_name(film)
        if film.title and "title" not in film.editorial:
            text += f": {film.title}"
        speakers = [people[p].name if p in people else p for p in film.speakers]
        if speakers:
            text += f" ({listed(speakers)})"
        named.append(text)
    return named


def _exercise(pack: Pack, exercise: Exercise) -> dict[str, Any]:
    case_studies = lookup(pack).case_studies
    return {
        "label": exercise_names([exercise]),
        "title": exercise.title,
        "time": format_duration(exercise.time),
        "needs": _needs(pack, exercise),
        "films": _exercise_films(pack, exercise),
        "case_studies": [
            {
                "title": case_studies[c].title if c in case_studies else c,
                "text": case_studies[c].text if c in case_studies else None,
            }
            for c in exercise.case_studies
        ],
        "phases": [
            {
                "grouping": _grouping(p.grouping),
                "duration": format_duration(p.duration),
                "activity": p.activity,
                "questions": list(p.questions),
                "record": p.record,
            }
            for p in exercise.phases
        ],
    }


def _grouping(groupings: tuple[Grouping, ...]) -> str:
    """Pairs or small groups, say; empty when the pack does not say who works together."""
    words = [g.value for g in groupings]
    text = " or ".join(words)
    return text[:1].upper() + text[1:]


#: Said after a text of the pack's whose link the published text does not give.
LINK_UNKNOWN = "(link not known)"


def _tips(sections: Iterable[Section]) -> list[dict[str, Any]]:
    """Each section's tips under the pack's heading and introduction, category by category."""
    return [
        {
            "title": section.tips.title,
            "introduction": section.tips.introduction,
            "categories": [
                {
                    "title": category.title,
                    "tips": [_tip(t) for t in category.tips],
                    "resources": _resources(category),
                }
                for category in section.tips.categories
            ],
        }
        for section in sections
        if section.tips is not None
    ]


def _tip(tip: Tip) -> dict[str, Any]:
    text = f"{tip.text} {LINK_UNKNOWN}" if tip.link_unknown else tip.text
    return {"text": text, "points": [_tip(p) for p in tip.points]}


def _resources(category: TipCategory) -> dict[str, Any] | None:
    """The pack's sentence introducing the category's resources, and each resource listed."""
    if category.resources_introduction is None and not category.resources:
        return None
    return {
        "introduction": category.resources_introduction or "Resources:",
        "items": [
            f"{r.title[:1].upper()}{r.title[1:]}: {r.url}"
            if r.url
            else f"{r.title[:1].upper()}{r.title[1:]} {LINK_UNKNOWN}"
            for r in category.resources
        ],
    }


def _works_cited(
    pack: Pack, sections: Iterable[Section], *, reading: bool = True, also: Iterable[str] = ()
) -> list[Work]:
    """The works the sections' reading and tips cite, then those in ``also``, each once."""
    wanted: list[str] = []
    for section in sections:
        if reading and section.background_reading is not None:
            wanted.extend(section.background_reading.works)
        if section.tips is not None:
            for category in section.tips.categories:
                wanted.extend(w for t in every_tip(category.tips) for w in t.cites)
    wanted.extend(also)
    works = lookup(pack).works
    return [works[w] for w in _unique(wanted) if w in works]


def _citation(pack: Pack, work: Work) -> str:
    """A reference as a reading list gives it: "Sebba, J. ... and Rees, A. (2017) Title. ..."."""
    if work.authors:
        text = f"{listed(work.authors)} ({work.year}) {work.title}."
    else:
        text = f"{work.title} ({work.year})."
    publisher = lookup(pack).organisations.get(work.publisher or "")
    if publisher is not None:
        name = publisher.name
        text += f" {name}, {work.place}." if work.place else f" {name}."
    if work.published is not None:
        text += f" Published {work.published.day} {work.published:%B %Y}."
    if work.inferred:
        cited = f" '{work.cited_as[0]}'" if work.cited_as else ""
        text += f" (Inferred from the pack's short citation{cited}; not confirmed by the pack.)"
    return text


def _names(pack: Pack, ids: Iterable[str]) -> str:
    exercises = lookup(pack).exercises
    return exercise_names([exercises[i] for i in ids])


def _unique(items: Iterable[_T]) -> list[_T]:
    found: list[_T] = []
    for item in items:
        if item not in found:
            found.append(item)
    return found

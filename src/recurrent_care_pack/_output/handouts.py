"""Handouts: what goes on paper, gathered from the model and a planned agenda.

The view here is plain data ready to print (durations in words, names resolved); the
templates in ``templates/`` and the Word writer only lay it out.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import (
    Alternatives,
    CaseStudyCopy,
    Exercise,
    Grouping,
    LearningModule,
    Material,
    Media,
    Organisation,
    Pack,
    Person,
    Section,
    Tip,
    TipCategory,
    Work,
    lookup,
)
from recurrent_care_pack._naming import either, exercise_names, listed
from recurrent_care_pack._use.planning import Agenda, EntryKind
from recurrent_care_pack._use.queries import every_tip, label, materials, section_of

from .tables import agenda_data

__all__ = ["HANDOUTS", "exercise_sheets", "facilitator_guide", "tip_cards"]

_T = TypeVar("_T")

#: The handouts: the facilitator guide, the participants' exercise sheets, the tips cards.
HANDOUTS = ("guide", "exercises", "tips")


def facilitator_guide(pack: Pack, agenda: Agenda) -> dict[str, Any]:
    """Everything a facilitator needs to run a planned session."""
    planned = [e.item for e in agenda.entries if e.item is not None]
    modules = [m for s in pack.sections for m in s.modules if m.id in planned]
    exercises = [e for s in pack.sections for e in s.exercises if e.id in planned]
    sections = _unique(section_of(pack, item) for item in planned)
    needed = materials(pack, [*modules, *exercises])
    return {
        "title": f"{pack.title}: facilitator guide",
        "pack": pack.title,
        "sections": [f"Section {s.number}: {s.title}" for s in sections],
        "days": agenda_data(agenda)["days"],
        "left_out": list(agenda.left_out),
        "modules": [_module(pack, m, agenda) for m in modules],
        "exercises": [_exercise(pack, e) for e in exercises],
        "materials": {
            "handouts": [f"{h.title} ({_names(pack, h.exercises)})" for h in needed.handouts],
            "things": [f"{t.name} ({_names(pack, t.exercises)})" for t in needed.things],
            "choices": [
                f"{either(c.options)} ({_names(pack, c.exercises)})" for c in needed.choices
            ],
        },
        "tips": _tips(sections),
        "works": [_citation(pack, w) for w in _works_cited(pack, sections)],
    }


def exercise_sheets(pack: Pack, selection: Iterable[Exercise] | None = None) -> dict[str, Any]:
    """One sheet per exercise for participants: the task, questions, timings, case study."""
    chosen = (
        list(selection)
        if selection is not None
        else [e for s in pack.sections for e in s.exercises]
    )
    return {
        "title": f"{pack.title}: exercises",
        "pack": pack.title,
        "exercises": [_exercise(pack, e) for e in chosen],
    }


def tip_cards(pack: Pack) -> dict[str, Any]:
    """The tips from practice under the pack's headings, with its introduction and citations."""
    return {
        "title": f"{pack.title}: tips from practice",
        "pack": pack.title,
        "tips": _tips(pack.sections),
        "works": [_citation(pack, w) for w in _works_cited(pack, pack.sections, reading=False)],
    }


def _module(pack: Pack, module: LearningModule, agenda: Agenda) -> dict[str, Any]:
    media = lookup(pack).media
    shown = next(
        (e.films for e in agenda.entries if e.item == module.id and e.kind is EntryKind.FILMS),
        module.films,
    )
    allowance = next(
        (e.duration for e in agenda.entries if e.item == module.id and e.kind is EntryKind.FILMS),
        module.allowance,
    )
    films_entry = next(
        (e for e in agenda.entries if e.item == module.id and e.kind is EntryKind.FILMS), None
    )
    note = films_entry.note if films_entry is not None else None
    followed = films_entry is not None and bool(films_entry.rewatch)
    discussion = module.discussion
    return {
        "label": label(pack, module),
        "title": module.title,
        "allowance": format_duration(allowance),
        "films": [_film(pack, media[f]) for f in shown if f in media],
        "discussion": None
        if discussion is None
        else {
            "duration": format_duration(discussion.duration),
            "optional": discussion.optional,
            "grouping": discussion.grouping.value if discussion.grouping else None,
            "planned": any(
                e.item == module.id and e.kind is EntryKind.DISCUSSION for e in agenda.entries
            ),
            "text": discussion.text,
        },
        # The plan's word on the pack's different-day suggestion; the pack's own words
        # only when the plan does not follow it (never advice the plan already follows).
        "note": f"{note[:1].upper()}{note[1:]}." if note else None,
        "advice": module.different_day.note
        if note and not followed and module.different_day
        else None,
    }


def _film(pack: Pack, film: Media) -> dict[str, Any]:
    people = lookup(pack).people
    organisations = lookup(pack).organisations
    return {
        "label": label(pack, film),
        "title": None if "title" in film.editorial else film.title,
        "speakers": [
            _speaker(people[s], organisations) if s in people else s for s in film.speakers
        ],
        "running_time": format_duration(film.running_time) if film.running_time else None,
        "allowance": format_duration(film.allowance) if film.allowance else None,
        "description": None if "description" in film.editorial else film.description,
    }


def _speaker(person: Person, organisations: Mapping[str, Organisation]) -> str:
    """Name, role and organisation as far as the pack gives them; a role naming it, once."""
    words = [person.name]
    if person.role:
        words.append(person.role)
    organisation = organisations.get(person.organisation or "")
    if organisation is not None and organisation.name not in (person.role or ""):
        words.append(organisation.name)
    return ", ".join(words)


def _exercise(pack: Pack, exercise: Exercise) -> dict[str, Any]:
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
    return {
        "label": exercise_names([exercise]),
        "title": exercise.title,
        "time": format_duration(exercise.time),
        "needs": needs,
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


def _resources(category: TipCategory) -> str | None:
    """The pack's sentence introducing the category's resources, and whether links are known."""
    if category.resources_introduction is None:
        return None
    if any(r.url is None for r in category.resources):
        return f"{category.resources_introduction} (links not known)"
    links = ", ".join(f"{r.title}: {r.url}" for r in category.resources)
    return f"{category.resources_introduction} ({links})"


def _works_cited(pack: Pack, sections: Iterable[Section], *, reading: bool = True) -> list[Work]:
    wanted: list[str] = []
    for section in sections:
        if reading and section.background_reading is not None:
            wanted.extend(section.background_reading.works)
        if section.tips is not None:
            for category in section.tips.categories:
                wanted.extend(w for t in every_tip(category.tips) for w in t.cites)
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

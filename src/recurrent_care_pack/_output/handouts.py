"""Handouts: what goes on paper, gathered from the model and a planned agenda.

The view here is plain data ready to print (durations in words, names resolved); the
templates in ``templates/`` and the Word writer only lay it out.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
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
from recurrent_care_pack._naming import either, exercise_names, film_name, film_names, listed
from recurrent_care_pack._use.planning import Agenda, Entry, EntryKind
from recurrent_care_pack._use.queries import every_tip, label, materials, section_of

from .cards import CARDS_PER_PAGE, LARGE_PRINT_CARDS_PER_PAGE, tip_cards
from .sheets import exercise_sheets
from .tables import day_heading, long_date

__all__ = [
    "CARDS_PER_PAGE",
    "HANDOUTS",
    "LARGE_PRINT_CARDS_PER_PAGE",
    "exercise_sheets",
    "facilitator_guide",
    "handout_data",
    "tip_cards",
]

_T = TypeVar("_T")

#: The handouts: the facilitator guide, the participants' exercise sheets, the tips cards.
HANDOUTS = ("guide", "exercises", "tips")


def handout_data(  # noqa: PLR0913 (a handout's choices, all but the first three by name)
    pack: Pack,
    kind: str,
    agenda: Agenda,
    *,
    participants: int | None = None,
    session: str | None = None,
    large_print: bool = False,
) -> dict[str, Any]:
    """The data of one handout (guide, exercises or tips) for a planned session.

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
        data = facilitator_guide(pack, agenda, participants=participants)
    elif kind == "exercises":
        planned = {e.item for e in agenda.entries}
        chosen = [e for s in pack.sections for e in s.exercises if e.id in planned]
        sheets = exercise_sheets(pack, chosen, agenda)
        # Each sheet carries its own date; the handout's is one only when all share it.
        when = long_date(sheets.dates[0]) if len(sheets.dates) == 1 else None
        return {
            "title": sheets.title,
            "pack": sheets.pack,
            "exercises": sheets.exercises,
            "session": session,
            "when": when,
        }
    else:
        cards = tip_cards(pack, large_print=large_print)
        data = {
            "title": cards.title,
            "pack": cards.pack,
            "cards": cards.cards,
            "pages": cards.pages,
            "per_page": cards.per_page,
            "across": cards.across,
            "deck": cards,
        }
    dates = [d for n in range(1, agenda.days + 1) if (d := agenda.date(n)) is not None]
    return {**data, "session": session, "when": "; ".join(long_date(d) for d in dates) or None}


def facilitator_guide(
    pack: Pack, agenda: Agenda, *, participants: int | None = None
) -> dict[str, Any]:
    """Everything a facilitator needs to run a planned session: what to bring first."""
    planned = [e.item for e in agenda.entries if e.item is not None]
    modules = [m for s in pack.sections for m in s.modules if m.id in planned]
    exercises = [e for s in pack.sections for e in s.exercises if e.id in planned]
    sections = _unique(section_of(pack, item) for item in planned)
    needed = materials(pack, [*modules, *exercises])
    copies = f": {participants} copies, one each" if participants else ""
    handouts = [f"{h.title} ({_names(pack, h.exercises)}){copies}" for h in needed.handouts]
    if exercises and participants:
        handouts.append(
            f"The participants' exercise sheets ({_names(pack, [e.id for e in exercises])})"
            f"{copies}"
        )
    return {
        "title": f"{pack.title}: facilitator guide",
        "pack": pack.title,
        "sections": [f"Section {s.number}: {s.title}" for s in sections],
        "participants": participants,
        "materials": {
            "films": _showing(pack, agenda),
            "handouts": handouts,
            "things": [f"{t.name} ({_names(pack, t.exercises)})" for t in needed.things],
            "choices": [
                f"{either(c.options)} ({_names(pack, c.exercises)})" for c in needed.choices
            ],
        },
        "running_sheet": running_sheet(pack, agenda, participants=participants),
        "left_out": list(agenda.left_out),
        "modules": [_module(pack, m, agenda) for m in modules],
        "exercises": [_exercise(pack, e) for e in exercises],
        "tips": _tips(sections),
        "works": [
            _citation(pack, w)
            for w in _works_cited(pack, sections, also=_based_on(pack, exercises))
        ],
    }


def running_sheet(
    pack: Pack, agenda: Agenda, *, participants: int | None = None
) -> list[dict[str, Any]]:
    """Each day: every entry and every exercise phase with clock times, and what to do.

    What the facilitator does is read from the data: the films to start, the case studies
    to hand out, how the room works in each phase, what to record; the facilitator's own
    slots are labelled, never filled.
    """
    exercises = lookup(pack).exercises
    media = lookup(pack).media
    days = []
    for number in range(1, agenda.days + 1):
        entries = agenda.day(number)
        day_films = _unique(f for e in entries for f in e.films if f in media)
        rows: list[dict[str, Any]] = []
        for entry in entries:
            rows.append(
                _row(
                    entry.start,
                    entry.end,
                    entry.duration,
                    what=entry.title,
                    kind=entry.kind.value,
                    todo=_todo(pack, entry, [media[f] for f in day_films], participants),
                )
            )
            exercise = exercises.get(entry.item or "")
            if entry.kind is EntryKind.EXERCISE and exercise is not None:
                rows += _phase_rows(exercise, entry.start)
        days.append({"day": number, "heading": day_heading(agenda, number), "rows": rows})
    return days


def _row(  # noqa: PLR0913 (one row's columns, all but the times by name)
    start: time, end: time, length: timedelta, *, what: str, kind: str, todo: str
) -> dict[str, Any]:
    return {
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "seconds": int(length.total_seconds()),
        "what": what,
        "kind": kind,
        "facilitator": todo,
    }


def phase_times(exercise: Exercise, start: time) -> list[tuple[time, time]]:
    """The clock times of an exercise's phases, one after another from ``start``."""
    clock = datetime.combine(date.min, start)
    times = []
    for phase in exercise.phases:
        times.append((clock.time(), (clock + phase.duration).time()))
        clock += phase.duration
    return times


def _phase_rows(exercise: Exercise, start: time) -> list[dict[str, Any]]:
    rows = []
    split = False
    for index, (phase, (begin, end)) in enumerate(
        zip(exercise.phases, phase_times(exercise, start), strict=True), start=1
    ):
        who = _grouping(phase.grouping).lower()
        what = f"Exercise {exercise.number}, part {index}" + (f": {who}" if who else "")
        todo: list[str] = []
        together = Grouping.WHOLE_GROUP in phase.grouping or (
            not phase.grouping and phase.activity.startswith("Come back together")
        )
        if phase.grouping and not together:
            todo.append(f"Split the room into {who}.")
            split = True
        elif together and split:
            todo.append("Call the room back together.")
        elif together:
            todo.append("Work as a whole group.")
        if phase.record:
            todo.append(phase.record)
        rows.append(_row(begin, end, phase.duration, what=what, kind="phase", todo=" ".join(todo)))
    return rows


def _todo(pack: Pack, entry: Entry, day_films: list[Media], participants: int | None) -> str:
    """What the facilitator does for an entry, from the data alone."""
    media = lookup(pack).media
    if entry.kind is EntryKind.FILMS:
        films = [media[f] for f in entry.films if f in media]
        in_turn = " in turn" if len(films) > 1 else ""
        return f"Start {film_names(films)}{in_turn}." if films else ""
    if entry.kind is EntryKind.DISCUSSION:
        return "Lead the discussion."
    if entry.kind is EntryKind.EXERCISE:
        return _exercise_todo(pack, entry.item or "", participants)
    if entry.kind is EntryKind.SETUP:
        queue = f"queue {film_names(day_films)}; " if day_films else ""
        return f"Your own set-up: {queue}set out what to bring."
    if entry.kind in {EntryKind.OPENING, EntryKind.CLOSING}:
        return f"Your own {entry.title.lower()}: the pack gives no content for it."
    return ""


def _exercise_todo(pack: Pack, item: str, participants: int | None) -> str:
    exercise = lookup(pack).exercises.get(item)
    if exercise is None:
        return ""
    case_studies = lookup(pack).case_studies
    copies = f" ({participants} copies, one each)" if participants else ""
    todo = [
        f"Hand out {_in_sentence(case_studies[c].title if c in case_studies else c)}{copies}."
        for c in exercise.case_studies
    ]
    things = [
        n
        for n in _needs(pack, exercise)
        if n
        not in {case_studies[c].title if c in case_studies else c for c in exercise.case_studies}
    ]
    if things:
        todo.append(f"Have ready: {', '.join(things)}.")
    return " ".join(todo)


def _in_sentence(title: str) -> str:
    """A title inside a sentence: "The case study of Tina" after a verb is "the case ..."."""
    return f"t{title[1:]}" if title.startswith("The ") else title


def _showing(pack: Pack, agenda: Agenda) -> dict[str, Any] | None:
    """What is needed to show the session's films, as far as the data knows it."""
    media = lookup(pack).media
    films = [media[f] for f in _unique(f for e in agenda.entries for f in e.films) if f in media]
    if not films:
        return None
    where = (
        f"the pack's online resources, \u2018{pack.hub_title}\u2019 (web address not in the data)"
        if pack.hub_title
        else "the pack (where they are is not in the data)"
    )
    known = [f for f in films if f.running_time]
    unknown = [f for f in films if not f.running_time]
    times = [f"{film_name(f)}: {format_duration(f.running_time)}" for f in known if f.running_time]
    if unknown:
        times.append(f"not known for {film_names(unknown)}")
    return {
        "text": f"To show {film_names(films)}, from {where}: a screen and sound the whole "
        "room can see and hear.",
        "running_times": "Running times: " + "; ".join(times) + ".",
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


def _based_on(pack: Pack, exercises: Iterable[Exercise]) -> list[str]:
    """The works the case studies handed out in ``exercises`` are based on."""
    case_studies = lookup(pack).case_studies
    return [
        based_on
        for exercise in exercises
        for case_study in exercise.case_studies
        if case_study in case_studies and (based_on := case_studies[case_study].based_on)
    ]


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

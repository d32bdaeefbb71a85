"""The facilitator guide's view: the session parts, the pack's words, the tool's aids."""

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import (
    Exercise,
    LearningModule,
    Media,
    Pack,
    Section,
    Tip,
    lookup,
)
from recurrent_care_pack._naming import exercise_name, film_name, listed
from recurrent_care_pack._session import Location, Session
from recurrent_care_pack._use.planning import Agenda, EntryKind
from recurrent_care_pack._use.queries import label, needs_named, section_of

from .citations import citation, cited_works
from .guide_sessions import group_split, grouping_words, part_footer, session_parts, where
from .view import (
    About,
    Aids,
    CaseView,
    DiscussionView,
    ExerciseView,
    FilmView,
    Guide,
    ModuleView,
    PhaseView,
    Prompt,
    TipsView,
)

__all__ = ["about_view", "exercise_view", "guide_view", "module_view", "tips_view"]

_T = TypeVar("_T")

#: Said after a text of the pack's whose link the published text does not give.
LINK_UNKNOWN = "(link not known)"
#: How many tips each discussion prompt quotes.
PROMPT_TIPS = 3


def guide_view(
    pack: Pack,
    agenda: Agenda,
    *,
    participants: int | None = None,
    session: str | Session | None = None,
) -> Guide:
    """The guide for a planned session, built once and read by every format."""
    record = session if isinstance(session, Session) else None
    named = record.title if record is not None else session if isinstance(session, str) else None
    if participants is None and record is not None:
        participants = record.participants
    locations: Mapping[str, Location] = record.locations if record is not None else {}
    name = named or pack.title
    planned = [e.item for e in agenda.entries if e.item is not None]
    modules = [m for s in pack.sections for m in s.modules if m.id in planned]
    exercises = [e for s in pack.sections for e in s.exercises if e.id in planned]
    sections = _unique(s for item in planned if (s := section_of(pack, item)) is not None)
    return Guide(
        title=f"{named}: facilitator guide" if named else f"{pack.title}: facilitator guide",
        session=name,
        author=(record.service or "") if record is not None else "",
        parts=session_parts(pack, agenda, record, name, participants),
        footer=part_footer(name, agenda, None),
        about=tuple(about_view(s) for s in sections),
        aids=_aids(
            agenda,
            sections=sections,
            modules=modules,
            exercises=exercises,
            participants=participants,
        ),
        modules=tuple(module_view(pack, m, agenda, locations) for m in modules),
        exercises=tuple(exercise_view(pack, e, locations) for e in exercises),
        tips=tuple(tips_view(s) for s in sections if s.tips is not None),
        works=tuple(citation(pack, w) for w in cited_works(pack, sections)),
        left_out=tuple(agenda.left_out),
    )


def about_view(section: Section) -> About:
    """A section in the pack's words: introduction, what it covers, the reading's word."""
    reading = section.background_reading
    return About(
        heading=f"Section {section.number}: {section.title}",
        introduction=section.introduction,
        covers=section.covers,
        reading=reading.introduction if reading is not None else None,
        reading_note="The published text does not give these links."
        if reading is not None and reading.link_unknown
        else None,
    )


def _aids(
    agenda: Agenda,
    *,
    sections: Sequence[Section],
    modules: Sequence[LearningModule],
    exercises: Sequence[Exercise],
    participants: int | None,
) -> Aids:
    aims = tuple(c for s in sections for c in s.covers)
    covers = " (the pack's words, under “What the pack says”)" if aims else ""
    opening = (
        "Welcome everyone; say who is facilitating and when the breaks are.",
        f"Say what the session is for: what the section covers{covers}.",
        (
            "Agree how the group works together: what is said about families and colleagues "
            "stays in the room, and anyone may step out for a while."
        ),
    )
    closing = [
        (
            "Go back to what the section covers: ask each person for one thing they will take "
            "into their work."
        ),
    ]
    if exercises:
        closing.append("Gather the flipchart sheets and Post-its before people leave.")
    closing.append("Ask for feedback in the way your service usually does.")
    return Aids(
        opening=opening,
        closing=tuple(closing),
        split=group_split(participants) if participants and exercises else None,
        prompts=_prompts(agenda, sections, modules),
        aims=aims,
    )


def _prompts(
    agenda: Agenda,
    sections: Sequence[Section],
    modules: Sequence[LearningModule],
) -> tuple[Prompt, ...]:
    """Prompts for each module's discussion, from the tips (which the pack says may prompt it)."""
    categories = [c for s in sections if s.tips is not None for c in s.tips.categories]
    if not categories:
        return ()
    richest = max(categories, key=lambda c: len(c.tips))
    tips = [t for t in richest.tips if not t.points]
    prompts = []
    for index, module in enumerate(m for m in modules if m.discussion is not None):
        chosen = tips[index * PROMPT_TIPS : (index + 1) * PROMPT_TIPS] or tips[:PROMPT_TIPS]
        planned = any(
            e.item == module.id and e.kind is EntryKind.DISCUSSION for e in agenda.entries
        )
        when = f"After Module {module.number}\u2019s films"
        when += " (the discussion in this plan)" if planned else " (if there is time)"
        prompts.append(
            Prompt(
                when=when,
                question="Which of these tips from practice fits what you have just watched, "
                "and what would it change in your work?",
                tips=tuple(_tip_text(t) for t in chosen),
            )
        )
    return tuple(prompts)


def module_view(
    pack: Pack,
    module: LearningModule,
    agenda: Agenda | None = None,
    locations: Mapping[str, Location] | None = None,
) -> ModuleView:
    """A module as the pack gives it; with ``agenda``, the films and discussion of that plan."""
    media = lookup(pack).media
    entries = agenda.entries if agenda is not None else ()
    entry = next((e for e in entries if e.item == module.id and e.kind is EntryKind.FILMS), None)
    shown = entry.films if entry is not None else module.films
    allowance = entry.duration if entry is not None else module.allowance
    discussion = None
    if module.discussion is not None:
        found = module.discussion
        planned = any(e.item == module.id and e.kind is EntryKind.DISCUSSION for e in entries)
        line = "Optional discussion" if found.optional else "Discussion"
        if found.grouping is not None:
            line += f" ({found.grouping.value})"
        line += f": {format_duration(found.duration)}"
        if agenda is None:
            line += "."
        else:
            line += ", in this plan." if planned else ", not in this plan."
        discussion = DiscussionView(line=line, pack=found.text)
    note = entry.note if entry is not None else None
    return ModuleView(
        heading=f"{label(pack, module)}: {module.title}",
        description=module.description,
        allowance=format_duration(allowance),
        films=tuple(_film(pack, media[f], locations or {}) for f in shown if f in media),
        discussion=discussion,
        plan_note=f"{note[:1].upper()}{note[1:]}." if note else None,
        different_day=module.different_day.note if module.different_day else None,
    )


def _film(pack: Pack, film: Media, locations: Mapping[str, Location]) -> FilmView:
    people = lookup(pack).people
    organisations = lookup(pack).organisations
    speakers = []
    for speaker in film.speakers:
        person = people.get(speaker)
        if person is None:
            speakers.append(speaker)
            continue
        words = [person.name, *([person.role] if person.role else [])]
        organisation = organisations.get(person.organisation or "")
        if organisation is not None and organisation.name not in (person.role or ""):
            words.append(organisation.name)
        speakers.append(", ".join(words))
    return FilmView(
        label=label(pack, film),
        title=None if "title" in film.editorial else film.title,
        speakers=tuple(speakers),
        running_time=format_duration(film.running_time) if film.running_time else None,
        allowance=format_duration(film.allowance) if film.allowance else None,
        description=None if "description" in film.editorial else film.description,
        where=where(film.id, locations, film_name(film)),
    )


def exercise_view(
    pack: Pack, exercise: Exercise, locations: Mapping[str, Location] | None = None
) -> ExerciseView:
    """An exercise as the facilitator reads it: time, needs, films, case studies, phases."""
    locations = locations or {}
    case_studies = lookup(pack).case_studies
    works = lookup(pack).works
    cases = []
    for case_id in exercise.case_studies:
        case = case_studies.get(case_id)
        title = case.title if case is not None else case_id
        based = works.get(case.based_on or "") if case is not None else None
        cases.append(
            CaseView(
                title=title,
                text=case.text if case is not None else None,
                where=where(case_id, locations, title[:1].lower() + title[1:], "case_studies"),
                based_on=citation(pack, based) if based is not None else None,
            )
        )
    return ExerciseView(
        heading=f"{exercise_name(exercise)}: {exercise.title}",
        time=format_duration(exercise.time),
        needs=exercise.what_you_need_text or ", ".join(needs_named(pack, exercise)) or None,
        films=tuple(_exercise_films(pack, exercise)),
        case_studies=tuple(cases),
        phases=tuple(
            PhaseView(
                label=_capital(
                    ", ".join(
                        w for w in (grouping_words(exercise, i), format_duration(p.duration)) if w
                    )
                ),
                activity=p.activity,
                questions=p.questions,
                record=p.record,
            )
            for i, p in enumerate(exercise.phases)
        ),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


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


def _tip_text(tip: Tip) -> str:
    return f"{tip.text} {LINK_UNKNOWN}" if tip.link_unknown else tip.text


def tips_view(section: Section) -> TipsView:
    """A section's tips, category by category, with each category's topics."""
    assert section.tips is not None  # noqa: S101 (only sections with tips are given)
    categories = []
    for category in section.tips.categories:
        tips = [(_tip_text(t), tuple(_tip_text(p) for p in t.points)) for t in category.tips]
        if category.resources_introduction is not None or category.resources:
            tips.append(
                (
                    category.resources_introduction or "Resources:",
                    tuple(
                        _capital(r.title) + (f": {r.url}" if r.url else f" {LINK_UNKNOWN}")
                        for r in category.resources
                    ),
                )
            )
        categories.append((category.title, tuple(tips)))
    return TipsView(
        title=section.tips.title,
        introduction=section.tips.introduction,
        categories=tuple(categories),
        topics=tuple(c.topics for c in section.tips.categories),
    )


def _unique(items: Iterable[_T]) -> list[_T]:
    found: list[_T] = []
    for item in items:
        if item not in found:
            found.append(item)
    return found

"""The guide's parts, one per session: running sheet, what to bring, where things are."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from recurrent_care_pack._durations import short_duration
from recurrent_care_pack._model import Exercise, Grouping, Media, Pack, lookup
from recurrent_care_pack._naming import (
    either,
    exercise_name,
    exercise_names,
    film_name,
    film_names,
    listed,
)
from recurrent_care_pack._session import Location, Session
from recurrent_care_pack._use.planning import Agenda, Entry, EntryKind
from recurrent_care_pack._use.queries import materials

from .tables import long_date
from .view import Check, Part, Row, Sheet

__all__ = ["group_split", "part_footer", "session_parts", "where"]

_T = TypeVar("_T")

#: How the guide tells a facilitator to record where a film or case study is kept, in the
#: session file's own keys (schema/session.schema.json: ``films``, ``case_studies``).
LOCATION_HINT = "{key}: {id}: url: \u2026 (or file: \u2026, page: \u2026)"


def _hint(item: str, media: Mapping[str, Media]) -> str:
    return LOCATION_HINT.format(key="films" if item in media else "case_studies", id=item)


def session_parts(
    pack: Pack, agenda: Agenda, session: Session | None, name: str, participants: int | None
) -> tuple[Part, ...]:
    """A part per session (day) of the agenda, in order."""
    return tuple(
        _part(pack, agenda, number, session=session, name=name, participants=participants)
        for number in range(1, agenda.days + 1)
    )


def part_footer(name: str, agenda: Agenda, number: int | None) -> str:
    """A page's footer: the session's name and that page's session date, on one line."""
    if number is None:
        if agenda.days > 1:
            return f"{name} \u00b7 for all {agenda.days} sessions"
        number = 1
    when = agenda.date(number)
    if when is not None:  # no weekday: the line stays one line in large print
        return f"{name} \u00b7 {when.day} {when:%B %Y}"
    if agenda.days > 1:
        return f"{name} \u00b7 session {number} of {agenda.days}"
    return name


def _part(  # noqa: PLR0913 (one session's facts, each by name)
    pack: Pack,
    agenda: Agenda,
    number: int,
    *,
    session: Session | None,
    name: str,
    participants: int | None,
) -> Part:
    entries = agenda.day(number)
    sheet = _sheet(pack, agenda, number, session)
    heading = f"Session {number} of {agenda.days}" if agenda.days > 1 else "Running sheet"
    return Part(
        number=number,
        heading=f"{heading}: {sheet.head}",
        footer=part_footer(name, agenda, number),
        sheet=sheet,
        bring=_bring(pack, entries, participants),
        places=_places(pack, entries, session.locations if session else {}),
    )


def _sheet(pack: Pack, agenda: Agenda, number: int, session: Session | None) -> Sheet:
    entries = agenda.day(number)
    when = agenda.date(number)
    start, end = entries[0].start, entries[-1].end
    booked_end = _booked_end(agenda, number)
    until = booked_end if booked_end is not None and booked_end > end else end
    total = short_duration(_between(start, until))
    head = f"{long_date(when)}, " if when else ""
    head += f"{start:%H:%M}\u2013{until:%H:%M} ({total}"
    head += f"; the plan ends at {end:%H:%M})" if until != end else ")"
    details: list[str] = []
    if session is not None:
        if session.service:
            details.append(session.service)
        place = ", ".join(p for p in (session.venue, session.room) if p)
        if place:
            details.append(f"Where: {place}")
        if session.facilitators:
            details.append(f"Facilitators: {listed(list(session.facilitators))}")
        if session.notes:
            details.append(f"Your notes: {session.notes}")
    caption = f"Running sheet, {long_date(when)}" if when else "Running sheet"
    if agenda.days > 1:
        caption += f" (session {number} of {agenda.days})"
    notes = [n.text for n in agenda.notes if n.day == number or (n.day is None and number == 1)]
    if number == 1 and agenda.left_out:
        notes.append("Left out to fit the time: " + "; ".join(agenda.left_out))
    return Sheet(
        caption=caption,
        head=head,
        details=tuple(details),
        rows=tuple(_rows(pack, entries)),
        notes=tuple(_sentence(n) for n in notes),
    )


def _booked_end(agenda: Agenda, number: int) -> time | None:
    try:
        return agenda.slot(number).end
    except IndexError:
        return None


def _between(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _rows(pack: Pack, entries: Sequence[Entry]) -> list[Row]:
    exercises = lookup(pack).exercises
    media = lookup(pack).media
    day_films = [media[f] for f in _unique(f for e in entries for f in e.films) if f in media]
    rows: list[Row] = []
    for entry in entries:
        rows.append(
            Row(
                start=f"{entry.start:%H:%M}",
                end=f"{entry.end:%H:%M}",
                length=short_duration(entry.duration),
                seconds=int(entry.duration.total_seconds()),
                what=entry.title,
                todo=_todo(pack, entry, day_films),
                kind=entry.kind.value,
            )
        )
        exercise = exercises.get(entry.item or "")
        if entry.kind is EntryKind.EXERCISE and exercise is not None:
            rows += _phase_rows(exercise, entry.start)
    return rows


def _todo(pack: Pack, entry: Entry, day_films: list[Media]) -> str:  # noqa: PLR0911 (one per kind)
    """What the facilitator does for an entry, from the data alone."""
    media = lookup(pack).media
    if entry.kind is EntryKind.BREAK:
        return f"Back at {entry.end:%H:%M}."
    if entry.kind is EntryKind.FILMS:
        films = [media[f] for f in entry.films if f in media]
        in_turn = " in turn" if len(films) > 1 else ""
        return f"Start {film_names(films)}{in_turn}." if films else ""
    if entry.kind is EntryKind.DISCUSSION:
        return "Prompts: see this tool's suggestions."
    if entry.kind is EntryKind.EXERCISE:
        exercise = lookup(pack).exercises.get(entry.item or "")
        if exercise is None:
            return ""
        case_studies = lookup(pack).case_studies
        titles = [case_studies[c].title if c in case_studies else c for c in exercise.case_studies]
        return " ".join(f"Hand out {_in_sentence(t)}." for t in titles)
    if entry.kind is EntryKind.SETUP:
        queue = f"queue {film_names(day_films)}; " if day_films else ""
        return f"Your own set-up: {queue}set out what to bring."
    if entry.kind is EntryKind.OPENING:
        return "Your own opening: see this tool's suggestions."
    if entry.kind is EntryKind.CLOSING:
        return "Your own closing: see this tool's suggestions."
    return ""


def phase_times(exercise: Exercise, start: time) -> list[tuple[time, time]]:
    """The clock times of an exercise's phases, one after another from ``start``."""
    clock = datetime.combine(date.min, start)
    times = []
    for phase in exercise.phases:
        times.append((clock.time(), (clock + phase.duration).time()))
        clock += phase.duration
    return times


def together(exercise: Exercise, index: int) -> bool:
    """Whether phase ``index`` has the whole group together (said, or "Come back together")."""
    phase = exercise.phases[index]
    return Grouping.WHOLE_GROUP in phase.grouping or (
        not phase.grouping and phase.activity.startswith("Come back together")
    )


def grouping_words(exercise: Exercise, index: int) -> str:
    """Who works together in a phase, alike for every exercise: "pairs or small groups"."""
    if together(exercise, index):
        return "whole group"
    return " or ".join(g.value for g in exercise.phases[index].grouping)


def _phase_rows(exercise: Exercise, start: time) -> list[Row]:
    rows = []
    split = False
    count = len(exercise.phases)
    for index, (phase, (begin, end)) in enumerate(
        zip(exercise.phases, phase_times(exercise, start), strict=True)
    ):
        who = grouping_words(exercise, index)
        what = f"{exercise_name(exercise)}, part {index + 1} of {count}" + (
            f": {who}" if who else ""
        )
        todo: list[str] = []
        if together(exercise, index):
            todo.append("Call the room back together." if split else "Work as a whole group.")
        elif who:
            todo.append(f"Split the room into {who}.")
            split = True
        if phase.record:
            todo.append(phase.record)
        rows.append(
            Row(
                start=f"{begin:%H:%M}",
                end=f"{end:%H:%M}",
                length=short_duration(phase.duration),
                seconds=int(phase.duration.total_seconds()),
                what=what,
                todo=" ".join(todo),
                kind="phase",
                part=True,
            )
        )
    return rows


def _in_sentence(title: str) -> str:
    """A title inside a sentence: "The case study of Tina" after a verb is "the case ..."."""
    return f"t{title[1:]}" if title.startswith("The ") else title


def _bring(pack: Pack, entries: Sequence[Entry], participants: int | None) -> tuple[Check, ...]:
    """What to bring for one session, each thing once; counts marked as the tool's."""
    exercises = lookup(pack).exercises
    chosen = [exercises[i] for i in _unique(e.item or "" for e in entries if e.item in exercises)]
    films = [f for f in _unique(f for e in entries for f in e.films) if f in lookup(pack).media]
    checks: list[Check] = []
    if films:
        checks.append(
            Check(
                text="A screen and sound the whole room can see and hear",
                note="this tool's advice, to show "
                + film_names([lookup(pack).media[f] for f in films]),
            )
        )
    if not chosen:
        return tuple(checks)
    needed = materials(pack, [e.id for e in chosen])
    count = (
        f"{participants} copies: one each is this tool's count, not the pack's"
        if participants
        else None
    )
    checks += [
        Check(text=f"{h.title} ({_names(pack, h.exercises)})", note=count) for h in needed.handouts
    ]
    checks.append(
        Check(
            text=f"The participants' exercise sheets ({exercise_names(chosen)})",
            note=count,
        )
    )
    things = {t.name.casefold(): (t.name, list(t.exercises)) for t in needed.things}
    for choice in needed.choices:
        # A choice met by what is brought anyway is not listed twice (flipchart paper once).
        met = next((o for o in choice.options if all(m.casefold() in things for m in o)), None)
        if met is not None:
            for name in met:
                users = things[name.casefold()][1]
                users.extend(u for u in choice.exercises if u not in users)
            continue
        checks.append(
            Check(
                text=f"{either(choice.options)} ({_names(pack, choice.exercises)})",
                note="either will do",
            )
        )
    checks += [
        Check(text=f"{name} ({_names(pack, sorted(users, key=lambda u: exercises[u].number))})")
        for name, users in things.values()
    ]
    return tuple(checks)


def _places(
    pack: Pack, entries: Sequence[Entry], locations: Mapping[str, Location]
) -> tuple[str, ...]:
    """Where each film and case study of the session is, from the session file; else how to say."""
    media = lookup(pack).media
    exercises = lookup(pack).exercises
    case_studies = lookup(pack).case_studies
    known: list[str] = []
    unknown: list[tuple[str, str]] = []
    unknown_films: list[Media] = []
    for film_id in _unique(f for e in entries for f in e.films):
        film = media.get(film_id)
        if film is None:
            continue
        if _said(locations.get(film_id)):
            known.append(f"{film_name(film)}: {where(film_id, locations, film_name(film))}")
        else:
            unknown_films.append(film)
    cases = _unique(
        c for e in entries if e.item in exercises for c in exercises[e.item or ""].case_studies
    )
    for case_id in cases:
        case = case_studies.get(case_id)
        title = case.title if case else case_id
        if _said(locations.get(case_id)):
            known.append(f"{title}: {where(case_id, locations, title, 'case_studies')}")
        elif case is not None and case.text is not None:
            known.append(f"{title}: printed in this guide")
        else:
            unknown.append((case_id, _in_sentence(title)))
    if unknown_films or unknown:
        names = listed([film_names(unknown_films)] * bool(unknown_films) + [n for _, n in unknown])
        first = unknown_films[0].id if unknown_films else unknown[0][0]
        known.append(
            f"Not in the session file: {names}. Note where your service keeps each in the "
            f"session file, for example {_hint(first, media)}"
        )
    return tuple(known)


def _said(place: Location | None) -> bool:
    return place is not None and any((place.url, place.file, place.page, place.note))


def where(item: str, locations: Mapping[str, Location], named: str, key: str = "films") -> str:
    """Where a service keeps a film or case study, or what to do when the guide cannot say.

    ``key``: the session file's key for the kind of thing, ``films`` or ``case_studies``.
    """
    place = locations.get(item)
    if place is not None:
        said = [
            text
            for text in (
                place.url,
                f"file {place.file}" if place.file else None,
                f"page {place.page}" if place.page else None,
                place.note,
            )
            if text
        ]
        if said:
            return "; ".join(said)
    hint = LOCATION_HINT.format(key=key, id=item)
    return f"not in the session file yet; note where {named} is there: {hint}"


_NUMBERS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def _word(number: int) -> str:
    return _NUMBERS[number] if number < len(_NUMBERS) else str(number)


def _groups(count: int, size: int) -> str:
    return f"{_word(count)} group{'s' if count > 1 else ''} of {_word(size)}"


def group_split(participants: int) -> str:
    """A split for the parts in pairs or small groups: "six pairs, or three groups of four"."""
    people = f"{participants} participant{'s' if participants != 1 else ''}"
    if participants < 4:
        return f"{people}: work as one group throughout."
    pairs = participants // 2
    in_pairs = f"{_word(pairs)} pairs"
    if participants % 2:
        in_pairs = f"{_word(pairs - 1)} pairs and a group of three"
    groups = -(-participants // 4)  # groups of four, or of three where it does not divide
    size, extra = divmod(participants, groups)
    in_groups = _groups(groups - extra, size)
    if extra:
        in_groups += f" and {_word(extra)} of {_word(size + 1)}"
    return f"{people}: {in_pairs}, or {in_groups}."


def _names(pack: Pack, ids: Iterable[str]) -> str:
    exercises = lookup(pack).exercises
    return exercise_names([exercises[i] for i in ids if i in exercises])


def _unique(items: Iterable[_T]) -> list[_T]:
    found: list[_T] = []
    for item in items:
        if item not in found:
            found.append(item)
    return found

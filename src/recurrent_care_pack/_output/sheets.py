"""Participants' exercise sheets: what a participant reads, and nothing for the facilitator.

One sheet per exercise: its title, its own session's date (never a series' dates), the
films it is about by name, its case study (the pack's text when it gives one), each part of
the task labelled alike ("Pairs or small groups, 20 minutes"), and room for notes. What
the facilitator brings ("What you'll need") and hands out is the guide's, not the sheet's.
"""

from collections.abc import Iterable
from datetime import date

from attrs import frozen

from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import Exercise, Grouping, Pack, Phase, lookup
from recurrent_care_pack._naming import exercise_name, film_name, film_names, listed
from recurrent_care_pack._use.planning import Agenda

from .tables import long_date

__all__ = ["Part", "Sheet", "Sheets", "exercise_sheets", "part_grouping"]


@frozen(kw_only=True)
class Part:
    """One part of an exercise's task: who works together, for how long, on what."""

    grouping: str
    duration: str
    activity: str
    questions: tuple[str, ...] = ()
    record: str | None = None

    @property
    def label(self) -> str:
        """How the part is headed: "Whole group, 10 minutes" (the time alone if no one is said)."""
        return f"{self.grouping}, {self.duration}" if self.grouping else self.duration


@frozen(kw_only=True)
class CaseText:
    """A case study as a participant meets it: its title, and the pack's text if it has one.

    Without a text (the pack's case studies are handed out on paper), the sheet names it.
    """

    title: str
    text: str | None = None


@frozen(kw_only=True)
class Sheet:
    """One participant's sheet: an exercise, its own session's date, its parts."""

    label: str
    title: str
    time: str
    films: tuple[str, ...]
    case_studies: tuple[CaseText, ...]
    parts: tuple[Part, ...]
    day: int | None = None
    on: date | None = None

    @property
    def date(self) -> str | None:
        """The sheet's own date in words ("Tuesday 12 January 2027"), if the plan has it."""
        return long_date(self.on) if self.on is not None else None

    @property
    def phases(self) -> tuple[Part, ...]:
        """The parts, by the name the guide's templates use."""
        return self.parts


@frozen(kw_only=True)
class Sheets:
    """The participants' exercise sheets of a session."""

    title: str
    pack: str
    exercises: tuple[Sheet, ...]

    @property
    def dates(self) -> tuple[date, ...]:
        """The dates the sheets are for, each once, in order."""
        found: list[date] = []
        for sheet in self.exercises:
            if sheet.on is not None and sheet.on not in found:
                found.append(sheet.on)
        return tuple(found)


def exercise_sheets(
    pack: Pack, selection: Iterable[Exercise] | None = None, agenda: Agenda | None = None
) -> Sheets:
    """One sheet per exercise for participants: the task, films, questions, timings, notes.

    Nothing on it is meant for the facilitator alone; with ``agenda``, each sheet has the
    date of the day its exercise is planned on (its own, never the series').
    """
    chosen = (
        list(selection)
        if selection is not None
        else [e for s in pack.sections for e in s.exercises]
    )
    return Sheets(
        title=f"{pack.title}: exercises",
        pack=pack.title,
        exercises=tuple(_sheet(pack, e, agenda) for e in chosen),
    )


def _sheet(pack: Pack, exercise: Exercise, agenda: Agenda | None) -> Sheet:
    case_studies = lookup(pack).case_studies
    day = (
        next((e.day for e in agenda.entries if e.item == exercise.id), None)
        if agenda is not None
        else None
    )
    on = agenda.date(day) if agenda is not None and day is not None else None
    return Sheet(
        label=exercise_name(exercise),
        title=exercise.title,
        time=format_duration(exercise.time),
        films=_films(pack, exercise),
        case_studies=tuple(
            CaseText(title=case.title, text=case.text) if case is not None else CaseText(title=c)
            for c in exercise.case_studies
            for case in [case_studies.get(c)]
        ),
        parts=tuple(_part(p) for p in exercise.phases),
        day=day,
        on=on,
    )


def _films(pack: Pack, exercise: Exercise) -> tuple[str, ...]:
    """The films an exercise follows or discusses, as a participant knows them.

    A film with a title or a speaker is named with them ("Film 7 (Danny Taggart)"); films
    the pack gives neither are named together at the end ("Films 3, 4 and 5"), not as a
    list of bare numbers.
    """
    media, people = lookup(pack).media, lookup(pack).people
    led = [
        f for s in pack.sections for m in s.modules if m.exercise == exercise.id for f in m.films
    ]
    wanted = list(dict.fromkeys([*led, *exercise.draws_on]))
    named: list[str] = []
    bare = []
    for film in (media[f] for f in wanted if f in media):
        text = film_name(film)
        titled = bool(film.title) and "title" not in film.editorial
        if titled:
            text += f": {film.title}"
        speakers = [people[p].name if p in people else p for p in film.speakers]
        if speakers:
            text += f" ({listed(speakers)})"
        if titled or speakers:
            named.append(text)
        else:
            bare.append(film)
    if bare:
        named.append(film_names(bare))
    return tuple(named)


def part_grouping(phase: Phase) -> str:
    """Who works together in a part: "Pairs or small groups", "Whole group".

    The pack's Exercise 10 says of its second part only "Come back together for a
    discussion"; coming back together is the whole group, so the tool reads that part as
    "Whole group", as Exercises 8 and 9 say of theirs. The pack's sentence stays as it is.
    """
    groupings = phase.grouping
    if not groupings and phase.activity.startswith("Come back together"):
        groupings = (Grouping.WHOLE_GROUP,)
    text = " or ".join(g.value for g in groupings)
    return text[:1].upper() + text[1:]


def _part(phase: Phase) -> Part:
    return Part(
        grouping=part_grouping(phase),
        duration=format_duration(phase.duration),
        activity=phase.activity,
        questions=tuple(phase.questions),
        record=phase.record,
    )

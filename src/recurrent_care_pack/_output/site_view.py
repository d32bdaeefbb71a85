"""The site's view of a pack: one record per page, built from the views the handouts read.

The module, exercise, tips and section records are the guide's own (``guide_view``); the
participants' view of an exercise is its sheet (``sheets``); a session's running sheet is
the guide's part (``guide_sessions``). Nothing here words the pack a second time: the
site's own words are only its headings and the labels the templates give.
"""

from collections.abc import Sequence
from datetime import timedelta

from attrs import frozen

from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import LearningModule, Pack, lookup
from recurrent_care_pack._naming import exercise_name, listed
from recurrent_care_pack._session import Session
from recurrent_care_pack._use.planning import Agenda
from recurrent_care_pack._use.queries import module_time

from .cards import Cards, tip_cards
from .citations import citation, cited_works
from .guide_sessions import session_parts, where
from .guide_view import about_view, exercise_view, module_view, tips_view
from .sheets import Sheet, exercise_sheets
from .view import About, CaseView, ExerciseView, ModuleView, Part, TipsView

__all__ = [
    "CasePage",
    "ExercisePage",
    "ModulePage",
    "ReadingView",
    "SectionPage",
    "SessionPage",
    "Site",
    "site_view",
]


@frozen(kw_only=True)
class ModulePage:
    """A module's page: the guide's view of it, its times, and where its exercise is."""

    id: str
    section: str
    view: ModuleView
    times: tuple[tuple[str, str], ...]
    exercise: str | None
    exercise_label: str | None
    seconds: int  # its films, its exercise and a discussion the pack does not make optional
    in_all: str  # the same, as the page says it
    topics: tuple[str, ...]


@frozen(kw_only=True)
class ExercisePage:
    """An exercise's page: the participants' sheet, and the facilitator's view of it."""

    id: str
    section: str
    label: str
    sheet: Sheet
    view: ExerciseView
    module: str | None
    module_label: str | None
    seconds: int
    topics: tuple[str, ...]


@frozen(kw_only=True)
class CasePage:
    """A case study: the guide's view of it, and the exercises that use it."""

    id: str
    view: CaseView
    used_by: tuple[tuple[str, str], ...]


@frozen(kw_only=True)
class SectionPage:
    """A section: the pack's words on it, its modules and exercises, its time."""

    id: str
    about: About
    modules: tuple[str, ...]
    exercises: tuple[str, ...]
    tips: TipsView | None
    seconds: int


@frozen(kw_only=True)
class ReadingView:
    """The works the sections cite, as a reading list gives them, and the reading's word."""

    works: tuple[str, ...]
    readings: tuple[About, ...]


@frozen(kw_only=True)
class SessionPage:
    """A session file's page: each day's part of the guide, and its agenda for the live view."""

    slug: str
    title: str
    parts: tuple[Part, ...]
    dates: tuple[str | None, ...]
    seconds: int


@frozen(kw_only=True)
class Site:
    """Every page of the site, in the order the index lists them; the tip cards, to print."""

    title: str
    hub_title: str | None
    publisher: str
    published: str
    audience: tuple[str, ...]
    sections: tuple[SectionPage, ...]
    modules: tuple[ModulePage, ...]
    exercises: tuple[ExercisePage, ...]
    cases: tuple[CasePage, ...]
    reading: ReadingView
    sessions: tuple[SessionPage, ...]
    seconds: int
    cards: Cards

    @property
    def topics(self) -> tuple[str, ...]:
        """Every tip category's topics, each once, in the order first given."""
        found: dict[str, None] = {}
        for section in self.sections:
            if section.tips is not None:
                for topics in section.tips.topics:
                    found.update(dict.fromkeys(topics))
        return tuple(found)


def site_view(pack: Pack, sessions: Sequence[tuple[str, Session, Agenda]] = ()) -> Site:
    """The site of ``pack``, with a page for each of ``sessions`` (its slug, file, agenda)."""
    found = lookup(pack)
    modules = []
    sheets = {s.label: s for s in exercise_sheets(pack).exercises}
    exercises = []
    led = {m.exercise: m for s in pack.sections for m in s.modules if m.exercise}
    for section in pack.sections:
        for module in section.modules:
            exercise = found.exercises.get(module.exercise or "")
            modules.append(
                ModulePage(
                    id=module.id,
                    section=section.id,
                    view=module_view(pack, module),
                    times=_times(pack, module),
                    exercise=exercise.id if exercise else None,
                    exercise_label=exercise_name(exercise) if exercise else None,
                    seconds=_seconds(_required_time(pack, module)),
                    in_all=format_duration(_required_time(pack, module)),
                    topics=module.topics,
                )
            )
        for exercise in section.exercises:
            leads = led.get(exercise.id)
            exercises.append(
                ExercisePage(
                    id=exercise.id,
                    section=section.id,
                    label=exercise_name(exercise),
                    sheet=sheets[exercise_name(exercise)],
                    view=exercise_view(pack, exercise),
                    module=leads.id if leads else None,
                    module_label=f"Module {leads.number}" if leads else None,
                    seconds=_seconds(exercise.time),
                    topics=exercise.topics,
                )
            )
    users: dict[str, list[tuple[str, str]]] = {}
    for page in exercises:
        for case in found.exercises[page.id].case_studies:
            users.setdefault(case, []).append((page.id, page.label))
    views = {c.title: c for e in exercises for c in e.view.case_studies}
    cases = tuple(
        CasePage(
            id=case.id,
            view=views.get(case.title) or _case(pack, case.id),
            used_by=tuple(users.get(case.id, ())),
        )
        for case in pack.case_studies
    )
    return Site(
        title=pack.title,
        hub_title=pack.hub_title,
        publisher=found.organisations[pack.publisher].name
        if pack.publisher in found.organisations
        else pack.publisher,
        published=f"{pack.published.day} {pack.published:%B %Y}",
        audience=pack.audience,
        sections=tuple(
            SectionPage(
                id=s.id,
                about=about_view(s),
                modules=tuple(m.id for m in s.modules),
                exercises=tuple(e.id for e in s.exercises),
                tips=tips_view(s) if s.tips is not None else None,
                seconds=sum(m.seconds for m in modules if m.section == s.id)
                + sum(e.seconds for e in exercises if e.section == s.id and e.module is None),
            )
            for s in pack.sections
        ),
        modules=tuple(modules),
        exercises=tuple(exercises),
        cases=cases,
        reading=ReadingView(
            works=tuple(citation(pack, w) for w in cited_works(pack, pack.sections)),
            readings=tuple(
                about_view(s) for s in pack.sections if s.background_reading is not None
            ),
        ),
        sessions=tuple(_session(pack, *s) for s in sessions),
        seconds=sum(m.seconds for m in modules)
        + sum(e.seconds for e in exercises if e.module is None),
        cards=tip_cards(pack),
    )


def _required_time(pack: Pack, module: LearningModule) -> timedelta:
    """A module's time as a section counts it: its exercise, and its discussion if required."""
    required = module.discussion is not None and not module.discussion.optional
    return module_time(pack, module, discussion=required, exercise=True)


def _times(pack: Pack, module: LearningModule) -> tuple[tuple[str, str], ...]:
    """A module's times, as ``rcpack show`` gives them: alone, with each optional part.

    A discussion the pack does not make optional is in every time with the exercise.
    """
    times = [("The films", format_duration(module_time(pack, module)))]
    if module.discussion is not None:
        times.append(
            ("With the discussion", format_duration(module_time(pack, module, discussion=True)))
        )
    required = module.discussion is not None and not module.discussion.optional
    if module.exercise is not None:
        if not required:  # a required discussion is never left out
            times.append(
                ("With its exercise", format_duration(module_time(pack, module, exercise=True)))
            )
        if module.discussion is not None:
            both = module_time(pack, module, discussion=True, exercise=True)
            times.append(("With the discussion and the exercise", format_duration(both)))
    if module.different_day is not None:
        films = lookup(pack).media
        again = [films[f] for f in module.different_day.rewatch if f in films]
        label = f"On a different day, with {listed([f'Film {f.number}' for f in again])} first"
        other = module_time(pack, module, different_day=True, exercise=module.exercise is not None)
        times.append((f"{label} and its exercise", format_duration(other)))
    return tuple(times)


def _case(pack: Pack, case_id: str) -> CaseView:
    """A case study no exercise uses, in the guide's words for one."""
    case = lookup(pack).case_studies[case_id]
    works = lookup(pack).works
    based = works.get(case.based_on or "")
    return CaseView(
        title=case.title,
        text=case.text,
        where=where(case.id, {}, case.title[:1].lower() + case.title[1:], "case_studies"),
        based_on=citation(pack, based) if based is not None else None,
    )


def _session(pack: Pack, slug: str, session: Session, agenda: Agenda) -> SessionPage:
    name = session.title or pack.title
    parts = session_parts(pack, agenda, session, name, session.participants)
    dates = tuple(
        d.isoformat() if (d := agenda.date(n)) else None for n in range(1, agenda.days + 1)
    )
    return SessionPage(
        slug=slug,
        title=name,
        parts=parts,
        dates=dates,
        seconds=_seconds(sum((e.duration for e in agenda.entries), timedelta())),
    )


def _seconds(duration: timedelta) -> int:
    return int(duration.total_seconds())

"""Hypothesis strategies for valid content: every generated pack passes every check."""

from datetime import date, timedelta
from functools import cache
from itertools import count
from typing import TypeVar

from attrs import evolve
from hypothesis import strategies as st

from recurrent_care_pack import (
    Alternatives,
    BackgroundReading,
    CaseStudy,
    CaseStudyCopy,
    DifferentDay,
    Discussion,
    Exercise,
    Grouping,
    LearningModule,
    Material,
    Media,
    MediaKind,
    Need,
    Organisation,
    Pack,
    Person,
    Phase,
    Project,
    Publication,
    Resource,
    Section,
    Tip,
    TipCategory,
    TipsFromPractice,
    Work,
)

# Printable text of any script, as editors write it; YAML cannot carry a few code points.
_CHARACTERS = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\x85\ufeff\u2028\u2029"
)
texts = st.text(_CHARACTERS, min_size=1, max_size=24).filter(str.strip)  # not only spaces
durations = st.integers(min_value=1, max_value=4 * 3600).map(lambda s: timedelta(seconds=s))
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
years = st.integers(min_value=1900, max_value=2100)
positive = st.integers(min_value=1, max_value=500)


T = TypeVar("T")


def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _tuples(strategy: st.SearchStrategy[T], max_size: int = 3) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


def _many(draw: st.DrawFn, low: int, high: int) -> range:
    """How many of a thing to draw: from ``low`` to ``high``."""
    return range(draw(_HOW_MANY[low, high]))


def _some(draw: st.DrawFn, ids: list[str], max_size: int = 2) -> tuple[str, ...]:
    if not ids:
        return ()
    return tuple(draw(st.lists(st.sampled_from(ids), max_size=max_size)))


def _one(draw: st.DrawFn, ids: list[str]) -> str | None:
    return draw(_maybe(st.sampled_from(ids))) if ids else None


# Made once, not at each draw: Hypothesis checks each new strategy the first time it draws;
# the parts of a pack are drawn by functions given ``draw``, not by strategies of their own.
_HOW_MANY = {(low, high): st.integers(low, high) for low in (0, 1) for high in (1, 2, 3, 4)}
_maybe_texts = _maybe(texts)
_some_texts = _tuples(texts)
_maybe_durations = _maybe(durations)
_maybe_dates = _maybe(dates)
_maybe_positive = _maybe(positive)
_maybe_years = _maybe(years)
_publications = st.builds(
    Publication, title=texts, year=years, authors=_some_texts, pages=_maybe_positive
)
_materials = st.builds(Material, name=texts)
_alternatives = st.builds(
    Alternatives,
    options=st.lists(
        st.lists(_materials, min_size=1, max_size=2).map(tuple), min_size=2, max_size=3
    ).map(tuple),
)
_phases = st.lists(
    st.builds(
        Phase,
        grouping=st.lists(st.sampled_from(Grouping), max_size=2).map(tuple),
        duration=durations,
        activity=texts,
        questions=_some_texts,
        record=_maybe_texts,
    ),
    min_size=1,
    max_size=3,
)
_discussions = st.builds(
    Discussion,
    duration=durations,
    grouping=_maybe(st.sampled_from(Grouping)),
    optional=st.booleans(),
    text=_maybe_texts,
)
_urls = _maybe(st.just("https://example.org/") | st.just("http://example.org/a"))


@st.composite
def packs(draw: st.DrawFn, *, draws_on_any_film: bool = False) -> Pack:
    """A valid pack: ids unique, references resolved, numbers unique, timings that add up.

    With ``draws_on_any_film`` an exercise may discuss films shown after it (RC413).
    """
    serial = count(1)
    organisations = tuple(_organisation(draw, serial) for _ in _many(draw, 0, 4))
    org_ids = [o.id for o in organisations]
    if not organisations:
        organisations = (Organisation(id=f"org-{next(serial)}", name=draw(texts)),)
        org_ids = [organisations[0].id]
    people = tuple(
        Person(
            id=f"person-{next(serial)}",
            name=draw(texts),
            role=draw(_maybe_texts),
            organisation=_one(draw, org_ids),
        )
        for _ in _many(draw, 0, 3)
    )
    works = tuple(
        Work(
            id=f"work-{next(serial)}",
            title=draw(texts),
            year=draw(years),
            authors=draw(_some_texts),
            publisher=_one(draw, org_ids),
            place=draw(_maybe_texts),
            published=draw(_maybe_dates),
            cited_as=draw(_some_texts),
            inferred=draw(st.booleans()),
            note=draw(_maybe_texts),
            editorial=draw(_editorial(("note", "title"))),
        )
        for _ in _many(draw, 0, 3)
    )
    work_ids = [w.id for w in works]
    case_studies = tuple(
        CaseStudy(
            id=f"case-study-{next(serial)}",
            name=draw(texts),
            title=draw(texts),
            based_on=_one(draw, work_ids),
            text=draw(_maybe_texts),
        )
        for _ in _many(draw, 0, 3)
    )
    context = _Context(
        serial=serial,
        people=[p.id for p in people],
        organisations=org_ids,
        works=work_ids,
        case_studies=[c.id for c in case_studies],
    )
    sections = tuple(
        _sections(draw, context, number) for number in range(1, draw(_HOW_MANY[0, 3]) + 1)
    )
    if not draws_on_any_film:
        sections = _discussing_films_shown_before(sections)
    sections = _beyond_their_modules(sections)
    return Pack(
        id="pack",
        title=draw(texts),
        publisher=draw(st.sampled_from(org_ids)),
        published=draw(dates),
        hub_title=draw(_maybe_texts),
        print_version=draw(_maybe(_publications)),
        origin=draw(
            _maybe(
                st.builds(
                    Project,
                    name=texts,
                    partners=st.lists(st.sampled_from(org_ids), max_size=3).map(tuple),
                    start_year=_maybe_years,
                    end_year=_maybe_years,
                    local_authorities=_maybe_positive,
                )
            )
        ),
        audience=draw(_some_texts),
        licence=draw(_maybe_texts),
        sections=sections,
        case_studies=case_studies,
        people=people,
        organisations=organisations,
        works=works,
    )


class _Context:
    def __init__(
        self,
        *,
        serial: "count[int]",
        people: list[str],
        organisations: list[str],
        works: list[str],
        case_studies: list[str],
    ) -> None:
        self.serial = serial
        self.people = people
        self.organisations = organisations
        self.works = works
        self.case_studies = case_studies
        self.films = count(1)
        self.presentations = count(1)
        self.exercises = count(1)


def _organisation(draw: st.DrawFn, serial: "count[int]") -> Organisation:
    return Organisation(
        id=f"org-{next(serial)}",
        name=draw(texts),
        place=draw(_maybe_texts),
        description=draw(_maybe_texts),
        editorial=draw(_editorial(("description", "place"))),
    )


def _media(draw: st.DrawFn, context: _Context) -> Media:
    kind = draw(st.sampled_from(MediaKind))
    numbers = context.films if kind is MediaKind.FILM else context.presentations
    running_time = draw(_maybe_durations)
    allowance = draw(_maybe_durations)
    if allowance is not None and running_time is not None:
        allowance += running_time
    return Media(
        id=f"{kind.value}-{next(context.serial)}",
        kind=kind,
        number=draw(_maybe(st.just(next(numbers)))),
        title=draw(_maybe_texts),
        speakers=_some(draw, context.people),
        running_time=running_time,
        allowance=allowance,
        slides=draw(_maybe_positive),
        description=draw(_maybe_texts),
        topics=draw(_some_texts),
        editorial=draw(_editorial(("description", "title"))),
    )


@cache
def _editorial(fields: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    """Names of a record's fields written for the data: none, or some, each once."""
    return st.lists(st.sampled_from(fields), unique=True).map(tuple)


def _needs(draw: st.DrawFn, context: _Context) -> Need:
    choices: list[st.SearchStrategy[Need]] = [_materials, _alternatives]
    if context.case_studies:
        choices.append(
            st.sampled_from(context.case_studies).map(lambda c: CaseStudyCopy(case_study=c))
        )
    need: Need = draw(st.one_of(*choices))
    return need


def _exercises(draw: st.DrawFn, context: _Context, media_ids: list[str]) -> Exercise:
    phases = tuple(draw(_phases))
    return Exercise(
        id=f"exercise-{next(context.serial)}",
        number=next(context.exercises),
        title=draw(texts),
        time=sum((p.duration for p in phases), timedelta()),
        what_you_need=tuple(_needs(draw, context) for _ in _many(draw, 0, 3)),
        phases=phases,
        draws_on=_some(draw, media_ids),
        topics=draw(_some_texts),
    )


def _modules(
    draw: st.DrawFn,
    context: _Context,
    number: int,
    media: tuple[Media, ...],
    exercise_ids: list[str],
) -> LearningModule:
    """A module; the exercise it is followed by, if any, is taken out of ``exercise_ids``."""
    films = draw(st.lists(st.sampled_from(media), min_size=1, max_size=3, unique=True))
    running = sum((f.running_time for f in films if f.running_time), timedelta())
    allowed = sum((f.allowance for f in films if f.allowance), timedelta())
    allowance = max(running, allowed) + timedelta(seconds=draw(st.integers(0, 3600)))
    if not allowance:
        allowance = timedelta(minutes=1)
    rewatchable = [m for m in media if m.allowance is not None and m not in films]
    different_day = None
    on_another_day = draw(st.booleans())
    if rewatchable and on_another_day:
        rewatch = draw(st.lists(st.sampled_from(rewatchable), min_size=1, max_size=2, unique=True))
        different_day = DifferentDay(
            rewatch=tuple(m.id for m in rewatch),
            allowance=allowance + sum((m.allowance for m in rewatch if m.allowance), timedelta()),
            note=draw(_maybe_texts),
        )
    exercise = _one(draw, exercise_ids)
    if exercise is not None:
        exercise_ids.remove(exercise)  # an exercise follows one module
    return LearningModule(
        id=f"module-{next(context.serial)}",
        number=number,
        title=draw(texts),
        films=tuple(f.id for f in films),
        allowance=allowance,
        description=draw(_maybe_texts),
        discussion=draw(_maybe(_discussions)),
        exercise=exercise,
        different_day=different_day,
        topics=draw(_some_texts),
    )


def _tips(draw: st.DrawFn, context: _Context, depth: int = 0) -> Tip:
    points: tuple[Tip, ...] = ()
    if depth == 0 and draw(st.booleans()):
        points = tuple(_tips(draw, context, depth + 1) for _ in _many(draw, 1, 3))
    return Tip(
        id=f"tip-{next(context.serial)}",
        text=draw(texts),
        points=points,
        cites=_some(draw, context.works),
        mentions=_some(draw, context.organisations),
        paragraph=draw(st.booleans()),
        link_unknown=draw(st.booleans()),
    )


def _categories(draw: st.DrawFn, context: _Context) -> TipCategory:
    return TipCategory(
        id=f"category-{next(context.serial)}",
        title=draw(texts),
        topics=draw(_some_texts),
        tips=tuple(_tips(draw, context) for _ in _many(draw, 0, 3)),
        resources_introduction=draw(_maybe_texts),
        resources=tuple(
            Resource(
                id=f"resource-{next(context.serial)}",
                title=draw(texts),
                organisation=_one(draw, context.organisations),
                url=draw(_urls),
            )
            for _ in _many(draw, 0, 2)
        ),
    )


def _sections(draw: st.DrawFn, context: _Context, number: int) -> Section:
    media = tuple(_media(draw, context) for _ in _many(draw, 0, 4))
    media_ids = [m.id for m in media]
    exercises = tuple(_exercises(draw, context, media_ids) for _ in _many(draw, 0, 3))
    exercise_ids = [e.id for e in exercises]
    modules: tuple[LearningModule, ...] = ()
    if media:
        count_ = draw(_HOW_MANY[0, 3])
        modules = tuple(
            _modules(draw, context, n, media, exercise_ids) for n in range(1, count_ + 1)
        )
    return Section(
        id=f"section-{next(context.serial)}",
        number=number,
        title=draw(texts),
        published=draw(_maybe_dates),
        looking_at=draw(_some_texts),
        covers=draw(_some_texts),
        introduction=draw(_maybe_texts),
        modules=modules,
        media=media,
        exercises=exercises,
        background_reading=draw(
            _maybe(
                st.builds(
                    BackgroundReading,
                    introduction=texts,
                    topics=_some_texts,
                    works=st.lists(st.sampled_from(context.works), max_size=2).map(tuple)
                    if context.works
                    else st.just(()),
                    link_unknown=st.booleans(),
                )
            )
        ),
        tips=(
            TipsFromPractice(
                title=draw(texts),
                introduction=draw(_maybe_texts),
                categories=tuple(_categories(draw, context) for _ in _many(draw, 0, 2)),
            )
            if draw(st.booleans())
            else None
        ),
    )


def _discussing_films_shown_before(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """The sections with each exercise drawing only on films a plan of them all shows first.

    A plan shows section by section each module's films (re-watched ones too) and then its
    exercise, then the section's exercises that follow no module.
    """
    followed = {m.exercise for s in sections for m in s.modules}
    shown: set[str] = set()
    before: dict[str, frozenset[str]] = {}
    for section in sections:
        for module in section.modules:
            shown.update(module.films)
            shown.update(module.different_day.rewatch if module.different_day else ())
            if module.exercise is not None:
                before[module.exercise] = frozenset(shown)
        for exercise in section.exercises:
            if exercise.id not in followed:
                before[exercise.id] = frozenset(shown)
    return tuple(
        evolve(
            section,
            exercises=tuple(
                evolve(e, draws_on=tuple(f for f in e.draws_on if f in before[e.id]))
                for e in section.exercises
            ),
        )
        for section in sections
    )


def _beyond_their_modules(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Each exercise's ``draws_on`` without the films of a module it follows (RC414)."""
    own: dict[str, set[str]] = {}
    for section in sections:
        for module in section.modules:
            if module.exercise is not None:
                own.setdefault(module.exercise, set()).update(module.films)
    return tuple(
        evolve(
            section,
            exercises=tuple(
                evolve(e, draws_on=tuple(f for f in e.draws_on if f not in own.get(e.id, ())))
                for e in section.exercises
            ),
        )
        for section in sections
    )


def _without_draws_on(pack: Pack) -> Pack:
    """The pack with no exercise drawing on films beyond its module's, so any order plans."""
    return evolve(
        pack,
        sections=tuple(
            evolve(s, exercises=tuple(evolve(e, draws_on=()) for e in s.exercises))
            for s in pack.sections
        ),
    )


#: Valid packs in which every module and exercise can be planned in any order.
plannable_packs = packs().map(_without_draws_on)


@st.composite
def small_plannable_packs(draw: st.DrawFn) -> Pack:
    """One section of 2 to 5 modules in whole minutes, some re-watching an earlier film.

    Small and in minutes so that budgets of a few hours leave something out, and re-watches
    weigh against content.
    """
    minutes = st.integers(1, 60).map(lambda m: timedelta(minutes=m))
    films = tuple(
        Media(id=f"film-{n}", kind=MediaKind.FILM, number=n, allowance=draw(minutes))
        for n in range(1, draw(st.integers(2, 5)) + 1)
    )
    exercises: list[Exercise] = []
    modules: list[LearningModule] = []
    for n, film in enumerate(films, start=1):
        allowance = film.allowance or timedelta()
        exercise = None
        if draw(st.booleans()):
            time = draw(minutes)
            phase = Phase(grouping=(Grouping.INDIVIDUALS,), duration=time, activity="Talk")
            exercises.append(
                Exercise(id=f"exercise-{n}", number=n, title="Talk", time=time, phases=(phase,))
            )
            exercise = exercises[-1].id
        different_day = None
        if n > 1 and draw(st.booleans()):
            again = draw(st.sampled_from(films[: n - 1]))
            different_day = DifferentDay(
                rewatch=(again.id,), allowance=allowance + (again.allowance or timedelta())
            )
        modules.append(
            LearningModule(
                id=f"module-{n}",
                number=n,
                title=f"Module {n}",
                films=(film.id,),
                allowance=allowance,
                discussion=draw(
                    st.none() | st.builds(Discussion, duration=minutes, optional=st.booleans())
                ),
                exercise=exercise,
                different_day=different_day,
            )
        )
    section = Section(
        id="section-1",
        number=1,
        title="Section",
        modules=tuple(modules),
        media=films,
        exercises=tuple(exercises),
    )
    return Pack(
        id="pack",
        title="Pack",
        publisher="org",
        published=date(2026, 1, 1),
        sections=(section,),
        organisations=(Organisation(id="org", name="Org"),),
    )

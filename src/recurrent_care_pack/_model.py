"""The content model: the resource pack in its own words.

Every record is frozen. Ids are stable, readable strings; references between records are
ids, resolved by the meaning checks. What the pack does not say is ``None`` or an empty
tuple, never a guess. A text written for the data rather than taken from the pack is named
in its record's ``editorial`` (e.g. ``("description",)``), and never printed as the pack's.
"""

import enum
import functools
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Protocol, TypeVar

import attrs
from attrs import frozen

__all__ = [
    "PACK_COLLECTIONS",
    "Alternatives",
    "BackgroundReading",
    "CaseStudy",
    "CaseStudyCopy",
    "DifferentDay",
    "Discussion",
    "Exercise",
    "Grouping",
    "LearningModule",
    "Lookup",
    "Material",
    "Media",
    "MediaKind",
    "Need",
    "Organisation",
    "Pack",
    "Person",
    "Phase",
    "Project",
    "Publication",
    "Resource",
    "Section",
    "Tip",
    "TipCategory",
    "TipsFromPractice",
    "Work",
    "lookup",
]


class MediaKind(enum.Enum):
    """What kind of media an item is."""

    FILM = "film"
    PRESENTATION = "presentation"


class Grouping(enum.Enum):
    """How people are grouped for a phase of an exercise or a discussion."""

    INDIVIDUALS = "individuals"
    PAIRS = "pairs"
    SMALL_GROUPS = "small groups"
    WHOLE_GROUP = "whole group"


@frozen(kw_only=True)
class Organisation:
    """An organisation the pack names: publisher, partner, service or employer."""

    id: str
    name: str
    place: str | None = None
    description: str | None = None
    editorial: tuple[str, ...] = ()


@frozen(kw_only=True)
class Person:
    """A speaker or author, with their role as the pack gives it."""

    id: str
    name: str
    role: str | None = None
    organisation: str | None = None


@frozen(kw_only=True)
class Work:
    """A work the pack cites or recommends."""

    id: str
    title: str
    year: int
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    place: str | None = None
    published: date | None = None
    cited_as: tuple[str, ...] = ()
    inferred: bool = False
    note: str | None = None
    editorial: tuple[str, ...] = ()


@frozen(kw_only=True)
class Publication:
    """A published edition of the pack, such as its print version."""

    title: str
    year: int
    authors: tuple[str, ...] = ()
    pages: int | None = None


@frozen(kw_only=True)
class Project:
    """The project the pack came out of."""

    name: str
    partners: tuple[str, ...] = ()
    start_year: int | None = None
    end_year: int | None = None
    local_authorities: int | None = None


@frozen(kw_only=True)
class CaseStudy:
    """A case study; it belongs to the pack and exercises in any section may use it."""

    id: str
    name: str
    title: str
    based_on: str | None = None
    text: str | None = None


@frozen(kw_only=True)
class Media:
    """A film or slide presentation.

    ``running_time`` is how long it runs; ``allowance`` is the time the pack tells you to
    allow for watching it. They are different facts and either may be unknown.
    """

    id: str
    kind: MediaKind
    number: int | None = None
    title: str | None = None
    speakers: tuple[str, ...] = ()
    running_time: timedelta | None = None
    allowance: timedelta | None = None
    slides: int | None = None
    description: str | None = None
    topics: tuple[str, ...] = ()
    editorial: tuple[str, ...] = ()


@frozen(kw_only=True)
class Discussion:
    """A discussion after the films of a module; ``optional`` when the pack says so."""

    duration: timedelta
    grouping: Grouping | None = None
    optional: bool = False
    text: str | None = None


@frozen(kw_only=True)
class DifferentDay:
    """The pack's suggestion for a module run on a different day from the one before it."""

    rewatch: tuple[str, ...]
    allowance: timedelta
    note: str | None = None


@frozen(kw_only=True)
class LearningModule:
    """A learning module: films to watch, then an optional discussion and an exercise."""

    id: str
    number: int
    title: str
    films: tuple[str, ...]
    allowance: timedelta
    description: str | None = None
    discussion: Discussion | None = None
    exercise: str | None = None
    different_day: DifferentDay | None = None
    topics: tuple[str, ...] = ()


@frozen(kw_only=True)
class Material:
    """A thing to bring, such as flipchart paper."""

    name: str


@frozen(kw_only=True)
class CaseStudyCopy:
    """Copies of a case study to hand out."""

    case_study: str


@frozen(kw_only=True)
class Alternatives:
    """Either of several sets of materials will do ("marker pens or Post-its")."""

    options: tuple[tuple[Material, ...], ...]


Need = Material | CaseStudyCopy | Alternatives


@frozen(kw_only=True)
class Phase:
    """One timed phase of an exercise: who works together (when said), how long, on what."""

    grouping: tuple[Grouping, ...] = ()
    duration: timedelta
    activity: str
    questions: tuple[str, ...] = ()
    record: str | None = None


@frozen(kw_only=True)
class Exercise:
    """A timed group exercise, numbered across the whole pack."""

    id: str
    number: int
    title: str
    time: timedelta
    what_you_need: tuple[Need, ...] = ()
    #: The pack's "What you'll need" line as it prints it, word for word.
    what_you_need_text: str | None = None
    phases: tuple[Phase, ...] = ()
    draws_on: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    @property
    def case_studies(self) -> tuple[str, ...]:
        """Ids of the case studies this exercise hands out."""
        return tuple(n.case_study for n in self.what_you_need if isinstance(n, CaseStudyCopy))


@frozen(kw_only=True)
class BackgroundReading:
    """Further reading the section points to."""

    introduction: str
    topics: tuple[str, ...] = ()
    works: tuple[str, ...] = ()
    link_unknown: bool = False


@frozen(kw_only=True)
class Tip:
    """A tip from practice; ``points`` holds the list under a lead-in such as "Look to...".

    ``paragraph``: the pack gives it as a paragraph of advice, not a bullet point.
    ``link_unknown``: the pack links to something after it that its text does not give.
    """

    id: str
    text: str
    points: tuple["Tip", ...] = ()
    cites: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    paragraph: bool = False
    link_unknown: bool = False


@frozen(kw_only=True)
class Resource:
    """A resource the pack links to; the link itself may not be known."""

    id: str
    title: str
    organisation: str | None = None
    url: str | None = None


@frozen(kw_only=True)
class TipCategory:
    """A category of tips from practice, such as "Tips on staff recruitment"."""

    id: str
    title: str
    topics: tuple[str, ...] = ()
    tips: tuple[Tip, ...] = ()
    resources_introduction: str | None = None
    resources: tuple[Resource, ...] = ()


@frozen(kw_only=True)
class TipsFromPractice:
    """The tips from practice that close a section."""

    title: str
    introduction: str | None = None
    categories: tuple[TipCategory, ...] = ()


@frozen(kw_only=True)
class Section:
    """A section of the pack."""

    id: str
    number: int
    title: str
    published: date | None = None
    looking_at: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    introduction: str | None = None
    modules: tuple[LearningModule, ...] = ()
    media: tuple[Media, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    background_reading: BackgroundReading | None = None
    tips: TipsFromPractice | None = None


@frozen(kw_only=True)
class Pack:
    """The whole resource pack."""

    id: str
    title: str
    publisher: str
    published: date
    hub_title: str | None = None
    print_version: Publication | None = None
    origin: Project | None = None
    audience: tuple[str, ...] = ()
    licence: str | None = None
    sections: tuple[Section, ...] = ()
    case_studies: tuple[CaseStudy, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    works: tuple[Work, ...] = ()

    @functools.cached_property
    def _lookup(self) -> "Lookup":
        """The pack's items by id: built on first use, kept in the pack, not one of its fields.

        So equality, hashing, ``repr``, pickling and (un)structuring never see it.
        """
        return Lookup(
            media=_by_id(m for s in self.sections for m in s.media),
            exercises=_by_id(e for s in self.sections for e in s.exercises),
            case_studies=_by_id(self.case_studies),
            people=_by_id(self.people),
            organisations=_by_id(self.organisations),
            works=_by_id(self.works),
        )


#: The lists a content file may hold beside the pack details; the files of a pack add up.
PACK_COLLECTIONS = ("sections", "case_studies", "people", "organisations", "works")

attrs.resolve_types(Tip)


@frozen(kw_only=True)
class Lookup:
    """A pack's items by id, kind by kind; where an id is used twice, the first counts."""

    media: Mapping[str, Media]
    exercises: Mapping[str, Exercise]
    case_studies: Mapping[str, CaseStudy]
    people: Mapping[str, Person]
    organisations: Mapping[str, Organisation]
    works: Mapping[str, Work]


def lookup(pack: Pack) -> Lookup:
    """The pack's items by id, built once per pack."""
    return pack._lookup  # noqa: SLF001 (the pack's own cache, read through this one door)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def _by_id(items: Iterable[_Item]) -> dict[str, _Item]:
    found: dict[str, _Item] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found

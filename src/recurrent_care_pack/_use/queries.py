"""Queries: find items, add up times, gather materials, search the pack's words."""

import difflib
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta

from attrs import frozen

from recurrent_care_pack._arguments import (
    check_flag,
    check_kind,
    check_pack,
    check_text,
    given,
    sequence_of,
)
from recurrent_care_pack._model import (
    Alternatives,
    CaseStudy,
    CaseStudyCopy,
    Exercise,
    LearningModule,
    Material,
    Media,
    Organisation,
    Pack,
    Person,
    Resource,
    Section,
    Tip,
    TipCategory,
    Work,
    lookup,
)
from recurrent_care_pack._naming import either, exercise_name, film_name, module_name, numbered

__all__ = [
    "CaseStudyHandout",
    "Item",
    "MaterialChoice",
    "MaterialItem",
    "Materials",
    "SearchHit",
    "every_tip",
    "exercises_by_case_study",
    "films_by_speaker",
    "find",
    "item_names",
    "items_by_topic",
    "label",
    "leaf_tips",
    "materials",
    "module_time",
    "needs_named",
    "pack_time",
    "search",
    "section_of",
    "section_time",
    "selected",
    "tips",
    "tips_by_category",
]

#: Anything `find` can return.
Item = (
    Section
    | LearningModule
    | Media
    | Exercise
    | CaseStudy
    | Person
    | Organisation
    | Work
    | TipCategory
    | Tip
    | Resource
)
_ITEM_KINDS = tuple(getattr(Item, "__args__", ()))

#: A name by number, matched in full against the stripped name. Each way of splitting the
#: spaces is tried once at most (no ``\s*,?\s*``), so a long name costs linear time.


def _items(pack: Pack) -> Iterator[Item]:
    for section in pack.sections:
        yield from _section_items(section)
    yield from pack.case_studies
    yield from pack.people
    yield from pack.organisations
    yield from pack.works


def _section_items(section: Section) -> Iterator[Item]:
    yield section
    yield from section.modules
    yield from section.media
    yield from section.exercises
    if section.tips is not None:
        for category in section.tips.categories:
            yield category
            yield from every_tip(category.tips)
            yield from category.resources


def every_tip(tips: Iterable[Tip]) -> Iterator[Tip]:
    """Every tip, lead-ins and the points under them alike."""
    for tip in tips:
        yield tip
        yield from every_tip(tip.points)


def find(pack: Pack, reference: str) -> Item:
    """The item with this id, or named by its number: "Film 6", "Module 2 of Section 3".

    Raises `LookupError` saying what was not found, with the nearest ids; `TypeError`
    for a pack or reference of the wrong kind.
    """
    check_pack(pack)
    check_text("reference", reference, "Module 2")
    for item in _items(pack):
        if item.id == reference:
            return item
    found = numbered(pack, reference)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        choices = ", ".join(label(pack, i) for i in found)
        raise LookupError(f"'{reference}' could mean {choices}; name the section too")
    ids = [item.id for item in _items(pack)]
    close = difflib.get_close_matches(reference, ids, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise LookupError(f"nothing in the pack is called '{reference}'{hint}")


#: The words that name a numbered thing: 'Module 2' typed without quotes is two words.
_NUMBERED = frozenset({"module", "exercise", "film", "section", "presentation"})


def item_names(words: Sequence[str]) -> list[str]:
    """The items named by ``words``, ``Module 2`` typed as two words taken as one name."""
    names: list[str] = []
    for word in words:
        if word.isdigit() and names and names[-1].lower() in _NUMBERED:
            names[-1] = f"{names[-1]} {word}"
        else:
            names.append(word)
    return names


def label(pack: Pack, item: Item) -> str:
    """How the pack names an item: "Film 6", "Exercise 9", "Module 2 of Section 3"."""
    check_pack(pack)
    _check_item("item", item)
    if isinstance(item, Section):
        return f"Section {item.number}"
    if isinstance(item, LearningModule):
        return module_name(item, section_of(pack, item.id))
    if isinstance(item, Media) and item.number is not None:
        return film_name(item)
    if isinstance(item, Exercise):
        return exercise_name(item)
    return item.id


def section_of(pack: Pack, item_id: str) -> Section:
    """The section that holds the module, film, exercise or tip with this id."""
    check_pack(pack)
    check_text("item_id", item_id, "exercise-9")
    for section in pack.sections:
        if any(item.id == item_id for item in _section_items(section)):
            return section
    raise LookupError(f"no section holds '{item_id}'")


def module_time(
    pack: Pack,
    module: LearningModule,
    *,
    discussion: bool = False,
    exercise: bool = False,
    different_day: bool = False,
) -> timedelta:
    """How long a module takes: its films, with its discussion, with the exercise after it.

    ``different_day`` uses the pack's allowance for running the module on a day of its
    own (Module 3: re-watch Film 6 first, 55 minutes for films).
    """
    check_pack(pack)
    check_kind("module", module, LearningModule, "a LearningModule such as find() gives")
    for name, flag in (
        ("discussion", discussion),
        ("exercise", exercise),
        ("different_day", different_day),
    ):
        check_flag(name, flag)
    total = module.allowance
    if different_day and module.different_day is not None:
        total = module.different_day.allowance
    if discussion and module.discussion is not None:
        total += module.discussion.duration
    if exercise and module.exercise is not None:
        total += lookup(pack).exercises[module.exercise].time
    return total


def section_time(
    pack: Pack, section: Section, *, optional: bool = False, different_days: bool = False
) -> timedelta:
    """The time for a whole section: every module with its exercise, and any other exercise.

    ``optional`` adds the optional discussions; ``different_days`` runs each module on a
    day of its own, with the pack's re-watch allowances.
    """
    check_pack(pack)
    check_kind("section", section, Section, "a Section such as find() gives")
    check_flag("optional", optional)
    check_flag("different_days", different_days)
    total = timedelta()
    followed = set()
    for module in section.modules:
        total += module_time(
            pack,
            module,
            discussion=optional
            or (module.discussion is not None and not module.discussion.optional),
            exercise=True,
            different_day=different_days,
        )
        if module.exercise is not None:
            followed.add(module.exercise)
    for exercise in section.exercises:
        if exercise.id not in followed:
            total += exercise.time
    return total


def pack_time(pack: Pack, *, optional: bool = False) -> timedelta:
    """The time for every section of the pack, with or without the optional discussions."""
    check_pack(pack)
    check_flag("optional", optional)
    return sum((section_time(pack, s, optional=optional) for s in pack.sections), timedelta())


def films_by_speaker(pack: Pack, person: str) -> tuple[Media, ...]:
    """The films and presentations in which this person (by id) speaks."""
    check_pack(pack)
    check_text("person", person, "a-person-id")
    return tuple(m for s in pack.sections for m in s.media if person in m.speakers)


def exercises_by_case_study(pack: Pack, case_study: str) -> tuple[Exercise, ...]:
    """The exercises, in any section, that hand out this case study (by id)."""
    check_pack(pack)
    check_text("case_study", case_study, "a-case-study-id")
    return tuple(e for s in pack.sections for e in s.exercises if case_study in e.case_studies)


def items_by_topic(pack: Pack, topic: str) -> tuple[Item, ...]:
    """Modules, films, exercises and tip categories about a topic (case does not matter)."""
    check_pack(pack)
    check_text("topic", topic, "attachment")
    wanted = topic.casefold()
    found: list[Item] = []
    for item in _items(pack):
        topics: tuple[str, ...] = getattr(item, "topics", ()) or getattr(item, "looking_at", ())
        if any(wanted == t.casefold() for t in topics):
            found.append(item)
    return tuple(found)


def tips(pack: Pack) -> tuple[Tip, ...]:
    """Every tip that stands on its own (the points under a lead-in, not the lead-in)."""
    check_pack(pack)
    return tuple(
        tip
        for section in pack.sections
        if section.tips is not None
        for category in section.tips.categories
        for tip in leaf_tips(category.tips)
    )


def tips_by_category(pack: Pack) -> dict[str, tuple[Tip, ...]]:
    """Each tip category's id and its tips that stand on their own, in the pack's order."""
    check_pack(pack)
    return {
        category.id: tuple(leaf_tips(category.tips))
        for section in pack.sections
        if section.tips is not None
        for category in section.tips.categories
    }


def leaf_tips(tips: Iterable[Tip]) -> Iterator[Tip]:
    """The tips that stand on their own: the points under a lead-in, not the lead-in."""
    for tip in tips:
        if tip.points:
            yield from leaf_tips(tip.points)
        else:
            yield tip


@frozen(kw_only=True)
class SearchHit:
    """An item whose words match a search, and the words that matched."""

    item: Item
    field: str
    text: str


def search(pack: Pack, words: str) -> tuple[SearchHit, ...]:
    """Items whose text holds every one of ``words`` (case and accents as written are ignored)."""
    check_pack(pack)
    check_text("words", words, "attachment")
    wanted = [w.casefold() for w in words.split()]
    if not wanted:
        return ()
    hits: list[SearchHit] = []
    for item in _items(pack):
        for field, text in _texts(item):
            folded = text.casefold()
            if all(w in folded for w in wanted):
                hits.append(SearchHit(item=item, field=field, text=text))
                break
    return tuple(hits)


def _texts(item: Item) -> Iterator[tuple[str, str]]:
    for field in ("title", "name", "text", "role", "description", "introduction"):
        value = getattr(item, field, None)
        if isinstance(value, str):
            yield field, value
    if isinstance(item, LearningModule) and item.different_day and item.different_day.note:
        yield "different_day", item.different_day.note
    if isinstance(item, Section):
        for point in item.covers:
            yield "covers", point
    if isinstance(item, Exercise):
        for phase in item.phases:
            yield "activity", phase.activity
            for question in phase.questions:
                yield "question", question
            if phase.record:
                yield "record", phase.record


@frozen(kw_only=True)
class MaterialItem:
    """A thing to bring, and the exercises that need it."""

    name: str
    exercises: tuple[str, ...]


@frozen(kw_only=True)
class MaterialChoice:
    """A choice of things to bring (either set will do), and the exercises that offer it."""

    options: tuple[tuple[str, ...], ...]
    exercises: tuple[str, ...]


@frozen(kw_only=True)
class CaseStudyHandout:
    """A case study to print, and the exercises that hand it out."""

    case_study: str
    title: str
    exercises: tuple[str, ...]


@frozen(kw_only=True)
class Materials:
    """What to bring for a selection: case studies to print, things, and choices."""

    handouts: tuple[CaseStudyHandout, ...]
    things: tuple[MaterialItem, ...]
    choices: tuple[MaterialChoice, ...]


def needs_named(pack: Pack, exercise: Exercise) -> list[str]:
    """What an exercise needs, each named: "flipchart paper", "The case study of Tina", ...

    A choice is named as its options ("flipchart paper and marker pens, or Post-its").
    """
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


def materials(pack: Pack, selection: Sequence[str | Item] = ()) -> Materials:
    """The merged, de-duplicated list of what to bring for a selection (default: everything).

    A selection holds ids, names such as "Module 2", or items; a module brings in the
    exercise that follows it, a section all its exercises. Choices stay choices. A string
    alone is one name: ``materials(pack, "Module 2")``.
    """
    check_pack(pack)
    case_studies = lookup(pack).case_studies
    handouts: dict[str, list[str]] = {}
    things: dict[str, tuple[str, list[str]]] = {}
    choices: dict[tuple[tuple[str, ...], ...], list[str]] = {}
    for exercise in _selected_exercises(pack, selection):
        for need in exercise.what_you_need:
            if isinstance(need, CaseStudyCopy):
                _add(handouts.setdefault(need.case_study, []), exercise.id)
            elif isinstance(need, Material):
                _, users = things.setdefault(need.name.casefold(), (need.name, []))
                _add(users, exercise.id)
            elif isinstance(need, Alternatives):
                key = tuple(tuple(m.name for m in option) for option in need.options)
                _add(choices.setdefault(key, []), exercise.id)
    return Materials(
        handouts=tuple(
            CaseStudyHandout(
                case_study=c,
                title=case_studies[c].title if c in case_studies else c,
                exercises=tuple(users),
            )
            for c, users in handouts.items()
        ),
        things=tuple(MaterialItem(name=n, exercises=tuple(u)) for n, u in things.values()),
        choices=tuple(MaterialChoice(options=o, exercises=tuple(u)) for o, u in choices.items()),
    )


def _add(users: list[str], exercise: str) -> None:
    if exercise not in users:
        users.append(exercise)


def _selected_exercises(pack: Pack, selection: Sequence[str | Item]) -> list[Exercise]:
    exercises = lookup(pack).exercises
    chosen: list[Exercise] = []
    items = selected(pack, selection) or list(pack.sections)
    for item in items:
        if isinstance(item, Section):
            found = list(item.exercises)
        elif isinstance(item, LearningModule):
            exercise = exercises.get(item.exercise or "")
            found = [exercise] if exercise is not None else []
        elif isinstance(item, Exercise):
            found = [item]
        else:
            found = []
        chosen.extend(e for e in found if e not in chosen)
    return chosen


def selected(pack: Pack, selection: Sequence[str | Item] | str) -> list[Item]:
    """The items ``selection`` names: ids, names such as "Module 2", or items.

    A string alone is one name, not a sequence of letters. `TypeError` names an entry of
    the wrong kind; `LookupError` a name the pack does not hold.
    """
    if isinstance(selection, str):
        selection = (selection,)
    wanted = "names such as 'Module 2' or items find() gives"
    entries = sequence_of("selection", selection, _check_item_or_name, wanted)
    return [find(pack, s) if isinstance(s, str) else s for s in entries]


def _check_item_or_name(name: str, value: object) -> None:
    if not isinstance(value, str):
        _check_item(name, value, "a name such as 'Module 2' or an item find() gives")


def _check_item(name: str, value: object, wanted: str = "an item find() gives") -> None:
    if not isinstance(value, _ITEM_KINDS):
        raise TypeError(f"{name} must be {wanted}, not {given(value)}")

"""Naming: how the pack names its items, one and several: "Films 2, 3, 4 and 5"."""

import re
from collections.abc import Sequence

from ._model import Exercise, LearningModule, Media, MediaKind, Pack, Section

__all__ = [
    "a",
    "either",
    "exercise_name",
    "exercise_names",
    "film_name",
    "film_names",
    "listed",
    "module_name",
    "module_names",
    "numbered",
]

#: A name by number, as the pack writes them: "Film 6", "Module 2 of Section 3".
_NUMBERED = re.compile(
    r"(?:section\s+(?P<section>\d+)\s*(?:,\s*)?)?(?:learning\s+)?module\s+(?P<module>\d+)"
    r"(?:\s*(?:,\s*)?(?:of|in)\s+section\s+(?P<section_after>\d+))?"
    r"|(?P<kind>film|presentation|exercise|section)\s+(?P<number>\d+)",
    re.IGNORECASE,
)


def numbered(pack: Pack, name: str) -> list[Section | LearningModule | Exercise | Media]:
    """The items ``name`` names by number ("Film 6", "Module 2 of Section 3"): none or more.

    A module named without its section is every section's module of that number.
    """
    match = _NUMBERED.fullmatch(name.strip())
    if match is None:
        return []
    if match["module"]:
        section_number = match["section"] or match["section_after"]
        return [
            module
            for section in pack.sections
            if section_number is None or section.number == int(section_number)
            for module in section.modules
            if module.number == int(match["module"])
        ]
    kind, number = match["kind"].lower(), int(match["number"])
    if kind == "section":
        return [s for s in pack.sections if s.number == number]
    if kind == "exercise":
        return [e for s in pack.sections for e in s.exercises if e.number == number]
    media_kind = MediaKind(kind)
    return [
        m for s in pack.sections for m in s.media if m.kind is media_kind and m.number == number
    ]


def a(noun: str) -> str:
    """The noun with its article: "an exercise", "a work"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def listed(words: Sequence[str]) -> str:
    """Words as a list in a sentence: "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def film_name(film: Media) -> str:
    """How the pack names a film or presentation: "Film 6", "Presentation 1", else its id."""
    if film.number is None:
        return f"'{film.id}'"
    return f"{film.kind.value.capitalize()} {film.number}"


def module_name(module: LearningModule, section: Section) -> str:
    """How the pack names a module: "Module 2 of Section 3"."""
    return f"Module {module.number} of Section {section.number}"


def module_names(modules: Sequence[tuple[LearningModule, Section]]) -> str:
    """Modules named together: "Modules 1, 2 and 3 of Section 3", or by section in turn."""
    runs: list[tuple[Section, list[str]]] = []
    for module, section in modules:
        if runs and runs[-1][0] is section:
            runs[-1][1].append(str(module.number))
        else:
            runs.append((section, [str(module.number)]))
    return listed(
        [
            f"Module{'s' * (len(numbers) > 1)} {listed(numbers)} of Section {section.number}"
            for section, numbers in runs
        ]
    )


def exercise_name(exercise: Exercise) -> str:
    """How the pack names an exercise: "Exercise 9"."""
    return f"Exercise {exercise.number}"


def film_names(films: Sequence[Media]) -> str:
    """Films named together: "Film 6", "Films 2, 3, 4 and 5", "Film 7 and Presentation 1"."""
    numbered = [f.number for f in films if f.kind is MediaKind.FILM and f.number is not None]
    if len(films) > 1 and len(numbered) == len(films):
        return f"Films {listed([str(n) for n in numbered])}"
    return listed(
        [
            f"{f.kind.value.capitalize()} {f.number}" if f.number is not None else f.title or f.id
            for f in films
        ]
    )


def exercise_names(exercises: Sequence[Exercise]) -> str:
    """Exercises named together: "Exercise 9", "Exercises 9 and 10"."""
    numbers = [str(e.number) for e in exercises]
    return f"Exercise{'s' if len(numbers) > 1 else ''} {listed(numbers)}"


def either(options: Sequence[Sequence[str]]) -> str:
    """A choice of things to bring: "flipchart paper and marker pens, or Post-its"."""
    return ", or ".join(listed(option) for option in options)

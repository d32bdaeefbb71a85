"""Meaning checks: unique ids, references that resolve, numbering, timings that add up."""

import os
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import islice
from pathlib import Path
from typing import Any

from attrs import evolve

from recurrent_care_pack._model import (
    Exercise,
    LearningModule,
    MediaKind,
    Pack,
)
from recurrent_care_pack._naming import exercise_name, film_name, module_name
from recurrent_care_pack._order import films_shown, shown_before
from recurrent_care_pack._problems import MAX_PROBLEMS, Place, Problem, too_many

from .marks import Mark
from .merging import Origins
from .pruning import NO_GAPS, Flaw, Gaps, in_doubt
from .reading import Document, KeyPath
from .references import References
from .timings import Timings

__all__ = ["KIND_OF_LIST", "RELATED_AT_MOST", "duplicate_id_problems", "meaning_problems"]

#: The most other uses an id used twice links to (the first ones): an id given ten
#: thousand times must not make ten thousand links at each use.
RELATED_AT_MOST = 10


#: What an item is called, by the list that holds it.
KIND_OF_LIST = {
    "sections": "section",
    "modules": "learning module",
    "media": "film or presentation",
    "exercises": "exercise",
    "case_studies": "case study",
    "people": "person",
    "organisations": "organisation",
    "works": "work",
    "categories": "tip category",
    "tips": "tip",
    "points": "tip",
    "resources": "resource",
}


def duplicate_id_problems(
    documents: list[Document], flaws: Mapping[Path, Sequence[Flaw]] | None = None
) -> list[Problem]:
    """Every id is used once across the pack's files (up to `MAX_PROBLEMS` a file).

    An id used twice is a problem at each use, linked to the others (`Problem.related`):
    which one to change is the editor's choice. An id that reading or schema ``flaws`` put
    in doubt (``id: Film 6``, ``id: no``) is left to be fixed first: fixed, it may be no
    duplicate.
    """
    uses: dict[str, list[tuple[Document, KeyPath]]] = {}
    for document in documents:
        doubted = in_doubt((flaws or {}).get(document.file, ()))
        for path, item_id in _ids(document.data, ()):
            if not doubted((*path, "id")):
                uses.setdefault(item_id, []).append((document, path))
    problems: list[Problem] = []
    counts: dict[Path, int] = {}
    for item_id, used in uses.items():
        if len(used) == 1:
            continue
        for rank, (document, _) in enumerate(used):
            count = counts[document.file] = counts.get(document.file, 0) + 1
            if count == MAX_PROBLEMS + 1:
                problems.append(too_many(document.file))
            if count <= MAX_PROBLEMS:
                problems.append(_used_twice(item_id, used, rank))
    return problems


def _used_twice(item_id: str, used: list[tuple[Document, KeyPath]], rank: int) -> Problem:
    """The problem at the ``rank``-th use of ``item_id``: the first use names the second."""
    document, path = used[rank]
    other_document, other_path = used[1 if rank == 0 else 0]
    other_line = _id_mark(other_document, other_path).line
    where = _elsewhere(document.file, other_document.file, other_line)
    kind = _kind(other_path)
    if rank == 0:
        more = len(used) - 2
        also = f" and in {more} more place{'s' if more > 1 else ''}" if more else ""
        said = f"id '{item_id}' is used again by the {kind} {where}{also}"
    else:
        said = f"id '{item_id}' is already used by the {kind} {where}"
    split = _kind(path) == kind == "section" and other_document.file != document.file
    if split:  # a section written in two files, as someone may try
        advice = (
            "a section is written whole in one file: move what is here into that section, "
            "or give this one its own id"
        )
    else:
        advice = "ids must be unique across the pack"
    others = ((each, each_path) for index, (each, each_path) in enumerate(used) if index != rank)
    related = tuple(
        Place(
            file=each.file,
            line=(mark := _id_mark(each, each_path)).line,
            column=mark.column,
            message=f"'{item_id}' is the id of this {_kind(each_path)} too",
        )
        for each, each_path in islice(others, RELATED_AT_MOST)
    )
    problem = document.problem((*path, "id"), "RC401", f"{said}; {advice}")
    return evolve(problem, related=related)


def _id_mark(document: Document, path: KeyPath) -> Mark:
    return document.where((*path, "id"))


def _ids(data: Any, path: KeyPath) -> list[tuple[KeyPath, str]]:
    """Each mapping's id within ``data`` (at ``path``), in the order written.

    Walked with a stack of the mappings and lists still to look in: a pack of a megabyte
    holds tens of thousands of values, and most are texts, never looked in.
    """
    found: list[tuple[KeyPath, str]] = []
    pending: list[tuple[KeyPath, Any]] = [(path, data)] if isinstance(data, (dict, list)) else []
    while pending:
        here, value = pending.pop()
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                found.append((here, value["id"]))
            inner: list[tuple[Any, Any]] = list(value.items())
        else:
            inner = list(enumerate(value))
        pending.extend(
            ((*here, key), each) for key, each in reversed(inner) if isinstance(each, (dict, list))
        )
    return found


def _elsewhere(here: Path, there: Path, line: int) -> str:
    """Where the other is: a line of this file, or a file named from this file's folder."""
    if here == there:
        return f"on line {line}"
    return f"at {Path(os.path.relpath(there, here.parent)).as_posix()}:{line}"


def _kind(path: KeyPath) -> str:
    if path == ("pack",):
        return "pack"
    for part in reversed(path):
        if isinstance(part, str) and part in KIND_OF_LIST:
            return KIND_OF_LIST[part]
    return "item"


def meaning_problems(pack: Pack, origins: Origins, gaps: Gaps = NO_GAPS) -> list[Problem]:
    """All the meaning problems of a pack built from what fits the schema.

    ``gaps`` says what was left out for reading or schema problems: no check reports what
    a part left out could change, or a message naming it would say otherwise. As with
    reading and the schema, a file's check stops at `MAX_PROBLEMS` problems (RC113).
    """
    checker = _Checker(pack, origins, gaps)
    checker.check_references()
    checker.check_modules()
    checker.check_numbering()
    checker.check_timings()
    if not (gaps.modules or gaps.blind("learning module")):  # the order of films would change
        checker.check_order()
    return checker.problems


class _Checker(References, Timings):
    # Modules --------------------------------------------------------------------------

    def check_modules(self) -> None:
        followed: dict[str, tuple[KeyPath, str]] = {}  # exercise id: the module it follows
        for i, section in enumerate(self.pack.sections):
            for j, module in enumerate(section.modules):
                at = ("sections", i, "modules", j)
                label = module_name(module, section)
                self.films_once((*at, "films"), module.films)
                if module.different_day is not None:
                    rewatch = module.different_day.rewatch
                    self.films_once((*at, "different_day", "rewatch"), rewatch)
                    for k, film_id in enumerate(rewatch):
                        if film_id in module.films and film_id in self.media:
                            film = film_name(self.media[film_id])
                            self.report(
                                (*at, "different_day", "rewatch", k),
                                "RC412",
                                f"{label} re-watches {film}, one of its own films; re-watch "
                                f"only films of earlier modules, or take {film} out of "
                                "'rewatch'",
                            )
                if module.exercise is None:
                    continue
                if self.gaps.may_follow(module.exercise) or (
                    module.exercise not in self.kinds["exercise"]
                    and self.gaps.hides(module.exercise, "exercise")
                ):
                    continue  # a module or exercise left out would change what is said
                if module.exercise in followed:
                    first_path, first_label = followed[module.exercise]
                    file, mark = self.origins.where((*first_path, "exercise"))
                    here, _ = self.origins.where((*at, "exercise"))
                    self.report(
                        (*at, "exercise"),
                        "RC410",
                        f"{self.exercise_label(module.exercise)} already follows {first_label} "
                        f"{_elsewhere(here, file, mark.line)}; an exercise follows one module "
                        f"only: give {label} an exercise of its own, or leave its 'exercise' "
                        "out",
                    )
                else:
                    followed[module.exercise] = (at, label)

    def films_once(self, path: KeyPath, films: Sequence[str]) -> None:
        first: dict[str, int] = {}
        for k, film_id in enumerate(films):
            if film_id not in first:
                first[film_id] = k
                continue
            if film_id in self.media:
                film = film_name(self.media[film_id])
            elif self.gaps.hides(film_id, "film or presentation"):
                continue  # its name is not known
            else:
                film = f"'{film_id}'"
            self.report(
                (*path, k),
                "RC411",
                f"{film} is already entry {first[film_id] + 1} of '{path[-1]}'; list each "
                "film once",
            )

    def exercise_label(self, exercise_id: str) -> str:
        exercise = self.kinds["exercise"].get(exercise_id)
        return exercise_name(exercise) if isinstance(exercise, Exercise) else exercise_id

    # Numbering ------------------------------------------------------------------------

    def check_numbering(self) -> None:
        self.unique_numbers(
            "Section",
            [(("sections", i), s.number, s.id) for i, s in enumerate(self.pack.sections)],
        )
        films: list[tuple[KeyPath, int, str]] = []
        presentations: list[tuple[KeyPath, int, str]] = []
        exercises: list[tuple[KeyPath, int, str]] = []
        for i, section in enumerate(self.pack.sections):
            at = ("sections", i)
            for j, media in enumerate(section.media):
                if media.number is not None:
                    kinds = films if media.kind is MediaKind.FILM else presentations
                    kinds.append(((*at, "media", j), media.number, media.id))
            exercises.extend(
                ((*at, "exercises", j), e.number, e.id) for j, e in enumerate(section.exercises)
            )
            modules = [
                ((*at, "modules", j), m.number, m.id) for j, m in enumerate(section.modules)
            ]
            self.unique_numbers(f"Section {section.number}: Module", modules)
        self.unique_numbers("Film", films)
        self.unique_numbers("Presentation", presentations)
        self.unique_numbers("Exercise", exercises)

    def unique_numbers(self, label: str, numbered: Sequence[tuple[KeyPath, int, str]]) -> None:
        taken = self.gaps.numbers_taken(label)
        if taken is None:
            return  # a part left out may take any number
        first: dict[int, tuple[KeyPath, str]] = {}
        for path, number, item_id in numbered:
            if number in taken:
                continue  # the part left out may be the first with it
            if number in first and first[number][1] == item_id:
                continue  # one id given twice, with its number: RC401 says so
            if number in first:
                other_path, other_id = first[number]
                file, mark = self.origins.where((*other_path, "number"))
                here, _ = self.origins.where((*path, "number"))
                self.report(
                    (*path, "number"),
                    "RC403",
                    f"{label} {number} is numbered twice: '{item_id}' here and '{other_id}' "
                    f"{_elsewhere(here, file, mark.line)}; give each its own number",
                )
            else:
                first[number] = (path, item_id)

    # Order ----------------------------------------------------------------------------

    def check_order(self) -> None:
        """Each exercise comes after the films it discusses, in the order plans keep."""
        exercises: dict[str, tuple[KeyPath, Exercise]] = {}
        shows: dict[str, str] = {}  # film id: the first module that shows it
        for i, section in enumerate(self.pack.sections):
            for j, exercise in enumerate(section.exercises):
                exercises.setdefault(exercise.id, (("sections", i, "exercises", j), exercise))
            for module in section.modules:
                for film_id in films_shown(module):
                    shows.setdefault(film_id, module_name(module, section))
        for exercise_id, shown in shown_before(self.pack):
            if exercise_id in exercises:
                self.discussed_before(*exercises[exercise_id], shown, shows)
        for section in self.pack.sections:
            for module in section.modules:
                if module.exercise in exercises:
                    self.beyond_its_module(*exercises[module.exercise], module)

    def beyond_its_module(self, at: KeyPath, exercise: Exercise, module: LearningModule) -> None:
        """``draws_on`` names films beyond the exercise's module's: not one of its own."""
        for k, film_id in enumerate(exercise.draws_on):
            if film_id in module.films and film_id in self.media:
                film = film_name(self.media[film_id])
                message = (
                    f"{exercise_name(exercise)} follows Module {module.number}, which shows "
                    f"{film}; 'draws_on' lists only films beyond its module's: take {film} out"
                )
                self.report((*at, "draws_on", k), "RC414", message)

    def discussed_before(
        self, at: KeyPath, exercise: Exercise, shown: AbstractSet[str], shows: dict[str, str]
    ) -> None:
        name = exercise_name(exercise)
        for k, film_id in enumerate(exercise.draws_on):
            if film_id in shown or film_id not in self.media:
                continue  # shown before it, or reported as an unknown reference
            film = film_name(self.media[film_id])
            module = shows.get(film_id)
            if module is None:
                message = (
                    f"{name} discusses {film}, which no learning module shows; add {film} "
                    f"to the films of a module before {name}, or take it out of 'draws_on'"
                )
            else:
                message = (
                    f"{name} discusses {film}, which is shown only later, in {module}; make "
                    f"{name} follow {module} or a later module, or take {film} out of "
                    "'draws_on'"
                )
            self.report((*at, "draws_on", k), "RC413", message)

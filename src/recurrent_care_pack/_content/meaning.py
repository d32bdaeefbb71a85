"""Meaning checks: unique ids, references that resolve, numbering, timings that add up."""

import difflib
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import timedelta
from pathlib import Path
from typing import Any

from attrs import evolve

from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import (
    CaseStudyCopy,
    Exercise,
    LearningModule,
    Media,
    MediaKind,
    Pack,
    Section,
    Tip,
    TipsFromPractice,
    lookup,
)
from recurrent_care_pack._naming import a, film_name, film_names
from recurrent_care_pack._order import films_shown, shown_before
from recurrent_care_pack._problems import MAX_PROBLEMS, Fix, Problem, change_to, too_many

from .merging import Origins
from .pruning import NO_GAPS, Flaw, Gaps, in_doubt
from .reading import Document, KeyPath

__all__ = ["KIND_OF_LIST", "duplicate_id_problems", "meaning_problems"]


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

    An id that reading or schema ``flaws`` put in doubt (``id: Film 6``, ``id: no``) is
    left to be fixed first: fixed, it may be no duplicate.
    """
    seen: dict[str, tuple[Document, KeyPath]] = {}
    problems: list[Problem] = []
    for document in documents:
        count = 0
        doubted = in_doubt((flaws or {}).get(document.file, ()))
        for path, item_id in _ids(document.data, ()):
            if doubted((*path, "id")):
                continue
            if item_id in seen and count == MAX_PROBLEMS:
                problems.append(too_many(document.file))
                break
            if item_id in seen:
                count += 1
                first_document, first_path = seen[item_id]
                mark = first_document.where((*first_path, "id"))
                where = _elsewhere(document.file, first_document.file, mark.line)
                problems.append(
                    document.problem(
                        (*path, "id"),
                        "RC401",
                        f"id '{item_id}' is already used by the {_kind(first_path)} {where}; "
                        "ids must be unique across the pack",
                    )
                )
            else:
                seen[item_id] = (document, path)
    return problems


def _ids(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            yield path, data["id"]
        for key, value in data.items():
            yield from _ids(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _ids(value, (*path, index))


def _elsewhere(here: Path, there: Path, line: int) -> str:
    return f"on line {line}" if here == there else f"at {there}:{line}"


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


#: Up to this many ids of a kind, an unknown id is compared with each for "did you mean";
#: past it, only with the ids one typo away (`_one_typo`), so that checking stays linear.
_COMPARE_ALL_UP_TO = 50

#: Ids longer than this are never suggested from the index of typos, which they would bloat.
_LONGEST_INDEXED = 64


def _one_deleted(text: str) -> set[str]:
    """``text`` and ``text`` with any one character deleted."""
    return {text, *(text[:i] + text[i + 1 :] for i in range(len(text)))}


def _one_typo(known: Sequence[str]) -> dict[str, list[str]]:
    """The ids by what they become with one character deleted.

    Two texts one typo apart (a character missed, added, changed, or two swapped) become
    the same with at most one character deleted from each.
    """
    index: dict[str, list[str]] = {}
    for item_id in known:
        if len(item_id) <= _LONGEST_INDEXED:
            for variant in _one_deleted(item_id):
                index.setdefault(variant, []).append(item_id)
    return index


class _Checker:
    def __init__(self, pack: Pack, origins: Origins, gaps: Gaps) -> None:
        self.pack = pack
        self.origins = origins
        self.gaps = gaps
        self.problems: list[Problem] = []
        self.counts: dict[Path, int] = {}  # problems by file, for the cap
        self.known: dict[str, list[str]] = {}  # the ids of each kind, sorted, once needed
        self.typos: dict[str, dict[str, list[str]]] = {}  # `_one_typo` of each kind
        found = lookup(pack)
        self.media: Mapping[str, Media] = found.media
        self.kinds: dict[str, Mapping[str, object]] = {
            "organisation": found.organisations,
            "person": found.people,
            "work": found.works,
            "case study": found.case_studies,
            "film or presentation": found.media,
            "exercise": found.exercises,
        }
        # The ids of each kind, with those of parts left out: a reference to one is not unknown.
        self.ids: dict[str, Collection[str]] = {
            kind: {*items, *gaps.ids[kind]} if kind in gaps.ids else items
            for kind, items in self.kinds.items()
        }

    def report(
        self,
        path: KeyPath,
        code: str,
        message: str,
        *,
        at_key: bool = False,
        fix: Fix | None = None,
    ) -> None:
        if self.full(path):
            return
        problem = self.origins.problem(path, code, message, at_key=at_key)
        if fix is not None:
            problem = evolve(problem, fix=fix)
        self.counts[problem.file] = self.counts.get(problem.file, 0) + 1
        self.problems.append(problem)
        if self.counts[problem.file] == MAX_PROBLEMS:
            self.problems.append(too_many(problem.file))

    def full(self, path: KeyPath) -> bool:
        """Whether the file that ``path`` is in already has as many problems as are reported."""
        file, _ = self.origins.where(path)
        return self.counts.get(file, 0) >= MAX_PROBLEMS

    def suggestion(self, target: str, kind: str) -> str | None:
        """The id of this kind that ``target`` most likely meant, if any is close."""
        if kind not in self.known:
            self.known[kind] = sorted(self.ids[kind])
        known = self.known[kind]
        if len(known) > _COMPARE_ALL_UP_TO:
            if len(target) > _LONGEST_INDEXED:
                return None
            if kind not in self.typos:
                self.typos[kind] = _one_typo(known)
            index = self.typos[kind]
            known = sorted({i for v in _one_deleted(target) for i in index.get(v, ())})
        close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
        return close[0] if close else None

    # References -----------------------------------------------------------------------

    def check_references(self) -> None:
        pack = self.pack
        if not self.gaps.details:
            self.refer(("pack", "publisher"), pack.publisher, "organisation")
        if pack.origin is not None and not self.gaps.details:
            for j, partner in enumerate(pack.origin.partners):
                self.refer(("pack", "origin", "partners", j), partner, "organisation")
        for i, person in enumerate(pack.people):
            self.refer(("people", i, "organisation"), person.organisation, "organisation")
        for i, work in enumerate(pack.works):
            self.refer(("works", i, "publisher"), work.publisher, "organisation")
        for i, case_study in enumerate(pack.case_studies):
            self.refer(("case_studies", i, "based_on"), case_study.based_on, "work")
        for i, section in enumerate(pack.sections):
            self.check_section_references(("sections", i), section)

    def check_section_references(self, at: KeyPath, section: Section) -> None:
        for j, media in enumerate(section.media):
            for k, speaker in enumerate(media.speakers):
                self.refer((*at, "media", j, "speakers", k), speaker, "person")
        for j, module in enumerate(section.modules):
            self.check_module_references((*at, "modules", j), module)
        for j, exercise in enumerate(section.exercises):
            self.check_exercise_references((*at, "exercises", j), exercise)
        if section.background_reading is not None:
            for k, work in enumerate(section.background_reading.works):
                self.refer((*at, "background_reading", "works", k), work, "work")
        if section.tips is not None:
            self.check_tips_references((*at, "tips"), section.tips)

    def check_tips_references(self, at: KeyPath, tips: TipsFromPractice) -> None:
        for j, category in enumerate(tips.categories):
            here = (*at, "categories", j)
            for k, tip in enumerate(category.tips):
                self.check_tip_references((*here, "tips", k), tip)
            for k, resource in enumerate(category.resources):
                path = (*here, "resources", k, "organisation")
                self.refer(path, resource.organisation, "organisation")

    def check_module_references(self, at: KeyPath, module: LearningModule) -> None:
        for k, film in enumerate(module.films):
            self.refer((*at, "films", k), film, "film or presentation")
        self.refer((*at, "exercise"), module.exercise, "exercise")
        if module.different_day is not None:
            for k, film in enumerate(module.different_day.rewatch):
                self.refer((*at, "different_day", "rewatch", k), film, "film or presentation")

    def check_exercise_references(self, at: KeyPath, exercise: Exercise) -> None:
        for k, need in enumerate(exercise.what_you_need):
            if isinstance(need, CaseStudyCopy):
                self.refer((*at, "what_you_need", k, "case_study"), need.case_study, "case study")
        for k, film in enumerate(exercise.draws_on):
            self.refer((*at, "draws_on", k), film, "film or presentation")

    def check_tip_references(self, at: KeyPath, tip: Tip) -> None:
        for k, work in enumerate(tip.cites):
            self.refer((*at, "cites", k), work, "work")
        for k, organisation in enumerate(tip.mentions):
            self.refer((*at, "mentions", k), organisation, "organisation")
        for k, point in enumerate(tip.points):
            self.check_tip_references((*at, "points", k), point)

    def refer(self, path: KeyPath, target: str | None, kind: str) -> None:
        # A part of this kind whose id cannot be read (or a file that cannot) may be the one
        # meant: then no reference of the kind is known to be wrong.
        if target is None or target in self.ids[kind] or self.gaps.blind(kind):
            return
        for other_kind, items in self.ids.items():
            if target in items:
                message = f"'{target}' is {a(other_kind)}, not {a(kind)}; use the id of {a(kind)}"
                self.report(path, "RC402", message)
                return
        if self.full(path):
            return
        close = self.suggestion(target, kind)
        known = self.known[kind]
        if close:
            hint = f"did you mean '{close}'?"
        elif known:
            hint = f"the {kind} ids are: {', '.join(known[:8])}{', ...' if len(known) > 8 else ''}"
        else:
            hint = f"add the {kind} to the pack first"
        fix = change_to([close] if close else [])
        self.report(path, "RC402", f"no {kind} has the id '{target}'; {hint}", fix=fix)

    # Modules --------------------------------------------------------------------------

    def check_modules(self) -> None:
        followed: dict[str, tuple[KeyPath, str]] = {}  # exercise id: the module it follows
        for i, section in enumerate(self.pack.sections):
            for j, module in enumerate(section.modules):
                at = ("sections", i, "modules", j)
                label = f"Module {module.number} of Section {section.number}"
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
        return f"Exercise {exercise.number}" if isinstance(exercise, Exercise) else exercise_id

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

    # Timings --------------------------------------------------------------------------

    def check_timings(self) -> None:
        media = self.media
        for i, section in enumerate(self.pack.sections):
            at = ("sections", i)
            for j, film in enumerate(section.media):
                self.check_film_allowance((*at, "media", j), film)
            for j, exercise in enumerate(section.exercises):
                if exercise.phases:
                    total = sum((p.duration for p in exercise.phases), timedelta())
                    if total != exercise.time:
                        self.report(
                            (*at, "exercises", j, "time"),
                            "RC404",
                            f"the phases of Exercise {exercise.number} add up to "
                            f"{format_duration(total)}, but its time is "
                            f"{format_duration(exercise.time)}; make them agree",
                            fix=Fix(
                                action="Make its time {}", replacements=(format_duration(total),)
                            ),
                        )
            for j, module in enumerate(section.modules):
                if not any(self.left_out(film_id) for film_id in films_shown(module)):
                    self.check_module_timings((*at, "modules", j), module, section, media)

    def left_out(self, film_id: str) -> bool:
        """Whether a film named is not in the pack, and may have been left out of it."""
        return film_id not in self.media and self.gaps.hides(film_id, "film or presentation")

    def check_film_allowance(self, path: KeyPath, film: Media) -> None:
        if film.allowance is None or film.running_time is None:
            return
        if film.running_time > film.allowance:
            self.report(
                (*path, "allowance"),
                "RC405",
                f"{film_name(film)} runs {format_duration(film.running_time)}, longer than its "
                f"allowance of {format_duration(film.allowance)}; allow at least "
                f"{_whole_minutes(film.running_time)}",
                fix=_allow_at_least(film.running_time),
            )

    def check_module_timings(
        self, path: KeyPath, module: LearningModule, section: Section, media: Mapping[str, Media]
    ) -> None:
        films = [media[f] for f in dict.fromkeys(module.films) if f in media]  # once: RC411
        label = f"Module {module.number} of Section {section.number}"
        known = [f for f in films if f.running_time is not None]
        running = sum((f.running_time for f in known if f.running_time), timedelta())
        if known and running > module.allowance:
            names = film_names(known)
            verb = "runs" if len(known) == 1 else "run"
            together = "" if len(known) == 1 else " together"
            self.report(
                (*path, "allowance"),
                "RC405",
                f"{label} allows {format_duration(module.allowance)} for its films, but "
                f"{names} {verb} {format_duration(running)}{together}; allow at least "
                f"{_whole_minutes(running)}",
                fix=_allow_at_least(running),
            )
        allowed = [f for f in films if f.allowance is not None]
        allowed_total = sum((f.allowance for f in allowed if f.allowance), timedelta())
        if allowed and allowed_total > module.allowance:
            self.report(
                (*path, "allowance"),
                "RC405",
                f"{label} allows {format_duration(module.allowance)} for its films, but the "
                f"allowances of {film_names(allowed)} add up to "
                f"{format_duration(allowed_total)}; make them agree",
            )
        if module.different_day is not None:
            self.check_different_day(path, module, label, media)

    def check_different_day(
        self, path: KeyPath, module: LearningModule, label: str, media: Mapping[str, Media]
    ) -> None:
        plan = module.different_day
        assert plan is not None  # noqa: S101 (checked by the caller)
        rewatch_time = timedelta()
        rewatch = list(dict.fromkeys(plan.rewatch))  # each film once: RC411
        for film_id in rewatch:
            film = media.get(film_id)
            if film is None:
                return  # reported as an unknown reference
            if film.allowance is None:
                self.report(
                    (*path, "different_day", "rewatch", plan.rewatch.index(film_id)),
                    "RC409",
                    f"{film_name(film)} is re-watched on a different day but has no allowance; "
                    f"give {film_name(film)} an 'allowance' so that the time can be checked",
                )
                return
            rewatch_time += film.allowance
        expected = module.allowance + rewatch_time
        if plan.allowance != expected:
            rewatched = film_names([media[f] for f in rewatch])
            self.report(
                (*path, "different_day", "allowance"),
                "RC406",
                f"on a different day {label} allows {format_duration(plan.allowance)} for "
                f"films, but its own {format_duration(module.allowance)} and "
                f"{format_duration(rewatch_time)} to re-watch {rewatched} "
                f"make {format_duration(expected)}; make them agree",
                fix=Fix(
                    action="Allow {} on a different day",
                    replacements=(format_duration(expected),),
                ),
            )

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
                    shows.setdefault(
                        film_id, f"Module {module.number} of Section {section.number}"
                    )
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
                    f"Exercise {exercise.number} follows Module {module.number}, which shows "
                    f"{film}; 'draws_on' lists only films beyond its module's: take {film} out"
                )
                self.report((*at, "draws_on", k), "RC414", message)

    def discussed_before(
        self, at: KeyPath, exercise: Exercise, shown: AbstractSet[str], shows: dict[str, str]
    ) -> None:
        name = f"Exercise {exercise.number}"
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


def _allow_at_least(duration: timedelta) -> Fix:
    return Fix(action="Allow at least {}", replacements=(_whole_minutes(duration),))


def _whole_minutes(duration: timedelta) -> str:
    minutes = math.ceil(duration.total_seconds() / 60)
    return format_duration(timedelta(minutes=minutes))

"""References that resolve: each id a part names is of a part of the kind it wants.

An unknown id is told the id it most likely meant ("did you mean"), which is its fix.
"""

from collections.abc import Sequence

from recurrent_care_pack._model import (
    CaseStudyCopy,
    Exercise,
    LearningModule,
    Section,
    Tip,
    TipsFromPractice,
)
from recurrent_care_pack._naming import a
from recurrent_care_pack._problems import change_to
from recurrent_care_pack._text import closest, either

from .checker import Checker
from .reading import KeyPath

__all__ = ["References"]


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


class References(Checker):
    """The reference checks."""

    def suggestions(self, target: str, kind: str, taken: Sequence[str | None] = ()) -> list[str]:
        """The ids of this kind that ``target`` most likely meant: the closest, all as close.

        None when none is close, or when more than `MOST_CHOICES` are as close (``film-5``
        among ``film-1`` to ``film-9``): that would be a guess, not a suggestion.
        """
        if kind not in self.known:
            self.known[kind] = sorted(self.ids[kind])
        known = self.known[kind]
        if len(known) > _COMPARE_ALL_UP_TO:
            if len(target) > _LONGEST_INDEXED:
                return []
            if kind not in self.typos:
                self.typos[kind] = _one_typo(known)
            index = self.typos[kind]
            known = sorted({i for v in _one_deleted(target) for i in index.get(v, ())})
        return closest(target, known, taken)

    # References -----------------------------------------------------------------------

    def check_references(self) -> None:
        pack = self.pack
        if not self.gaps.details:
            self.refer(("pack", "publisher"), pack.publisher, "organisation")
        if pack.origin is not None and not self.gaps.details:
            for j, partner in enumerate(pack.origin.partners):
                self.refer(
                    ("pack", "origin", "partners", j),
                    partner,
                    "organisation",
                    pack.origin.partners,
                )
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
                self.refer((*at, "media", j, "speakers", k), speaker, "person", media.speakers)
        for j, module in enumerate(section.modules):
            self.check_module_references((*at, "modules", j), module)
        for j, exercise in enumerate(section.exercises):
            self.check_exercise_references((*at, "exercises", j), exercise)
        if section.background_reading is not None:
            for k, work in enumerate(section.background_reading.works):
                self.refer(
                    (*at, "background_reading", "works", k),
                    work,
                    "work",
                    section.background_reading.works,
                )
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
            self.refer((*at, "films", k), film, "film or presentation", module.films)
        self.refer((*at, "exercise"), module.exercise, "exercise")
        if module.different_day is not None:
            for k, film in enumerate(module.different_day.rewatch):
                self.refer(
                    (*at, "different_day", "rewatch", k),
                    film,
                    "film or presentation",
                    module.different_day.rewatch,
                )

    def check_exercise_references(self, at: KeyPath, exercise: Exercise) -> None:
        for k, need in enumerate(exercise.what_you_need):
            if isinstance(need, CaseStudyCopy):
                self.refer((*at, "what_you_need", k, "case_study"), need.case_study, "case study")
        for k, film in enumerate(exercise.draws_on):
            self.refer((*at, "draws_on", k), film, "film or presentation", exercise.draws_on)

    def check_tip_references(self, at: KeyPath, tip: Tip) -> None:
        for k, work in enumerate(tip.cites):
            self.refer((*at, "cites", k), work, "work", tip.cites)
        for k, organisation in enumerate(tip.mentions):
            self.refer((*at, "mentions", k), organisation, "organisation", tip.mentions)
        for k, point in enumerate(tip.points):
            self.check_tip_references((*at, "points", k), point)

    def refer(
        self, path: KeyPath, target: str | None, kind: str, among: Sequence[str | None] = ()
    ) -> None:
        # A part of this kind whose id cannot be read (or a file that cannot) may be the one
        # meant: then no reference of the kind is known to be wrong. An id the list the
        # reference is in (``among``) holds already is not meant: its fix would list it twice.
        if target is None or target in self.ids[kind] or self.gaps.blind(kind):
            return
        for other_kind, items in self.ids.items():
            if target in items:
                message = f"'{target}' is {a(other_kind)}, not {a(kind)}; use the id of {a(kind)}"
                self.report(path, "RC402", message)
                return
        if self.full(path):
            return
        close = self.suggestions(target, kind, among)
        known = self.known[kind]
        if close:
            hint = f"did you mean {either(close)}?"
        elif known:
            hint = f"the {kind} ids are: {', '.join(known[:8])}{', ...' if len(known) > 8 else ''}"
        else:
            hint = f"add the {kind} to the pack first"
        fix = change_to(close)
        self.report(path, "RC402", f"no {kind} has the id '{target}'; {hint}", fix=fix)

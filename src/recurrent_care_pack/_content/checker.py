"""What the meaning checks share: the pack, where each part came from, the problems so far."""

from __future__ import annotations

from attrs import evolve

from recurrent_care_pack._model import Media, Pack, lookup
from recurrent_care_pack._problems import MAX_PROBLEMS, Fix, Problem, too_many

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from pathlib import Path

    from .merging import Origins
    from .pruning import Gaps
    from .reading import KeyPath

__all__ = ["Checker"]


class Checker:
    """The state of one pack's meaning checks; each check reports through `report`."""

    def __init__(self, pack: Pack, origins: Origins, gaps: Gaps) -> None:
        self.pack = pack
        self.origins = origins
        self.gaps = gaps
        self.problems: list[Problem] = []
        self.counts: dict[Path, int] = {}  # problems by file, for the cap
        self.known: dict[str, list[str]] = {}  # the ids of each kind, sorted, once needed
        self.typos: dict[str, dict[str, list[str]]] = {}  # `references` index of each kind
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

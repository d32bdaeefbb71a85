"""Spreading units over the booked sessions, and choosing what fits a budget.

Units are split in order, contiguously, each session holding at least one. Of the splits
whose required content fits every slot: the least optional time dropped, then the shortest
longest day, then the earliest cuts. Under a budget: of every choice of units (in order)
and of wanted discussions (those of the later modules left out first), the most of the
pack's content, then the most items, then the items that come first; a re-watch is never
content, and is dropped where it does not fit.
"""

import itertools
from collections.abc import Sequence
from datetime import timedelta

from attrs import frozen

from recurrent_care_pack._naming import listed

from .checks import words
from .films import Unit
from .layout import Day, Layout
from .records import PlanError

__all__ = ["Chosen", "Search"]


@frozen(kw_only=True)
class Chosen:
    """The units planned, their days laid out, and the discussions they hold."""

    units: tuple[Unit, ...]
    days: tuple[Day, ...]
    discussions: frozenset[str]

    @property
    def total(self) -> timedelta:
        return sum((d.length for d in self.days), timedelta())

    @property
    def content(self) -> timedelta:
        return sum((d.content for d in self.days), timedelta())


class Search:
    """Splits and budgets, with each day's layout worked out once."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.count = len(layout.options.sessions)

    def shown_before(self, units: Sequence[Unit], upto: int) -> frozenset[str]:
        """The films the units before ``upto`` show, on whatever days (once each)."""
        if upto == 0:
            return frozenset()
        steps = self.layout.steps(units[:upto], frozenset(), frozenset(), None)
        return frozenset(f for _, ss in steps for s in ss for f in s.films)

    def split(
        self,
        units: Sequence[Unit],
        discussions: frozenset[str],
        *,
        rewatch: bool = True,
        budget: timedelta | None = None,
    ) -> Chosen:
        """The units over the sessions: `PlanError` if no split fits."""
        days, count = self.count, len(units)
        if days > max(count, 1):
            raise PlanError(
                f"{days} days for {count} module{'s' if count != 1 else ''} "
                "and exercises: choose fewer days or more items"
            )
        if not units:
            return Chosen(units=(), days=(), discussions=discussions)
        memo: dict[tuple[int, int, int], Day | PlanError] = {}

        def day(i: int, j: int, k: int) -> Day | PlanError:
            if (i, j, k) not in memo:
                try:
                    memo[i, j, k] = self.layout.day(
                        k,
                        units[i:j],
                        self.shown_before(units, i),
                        discussions,
                        rewatch=rewatch,
                        limit=budget,
                    )
                except PlanError as error:
                    memo[i, j, k] = error
            return memo[i, j, k]

        best: tuple[tuple[timedelta, timedelta], list[Day]] | None = None
        first: PlanError | None = None
        for cuts in itertools.combinations(range(1, count), days - 1):
            laid: list[Day] = []
            for k, (a, b) in enumerate(itertools.pairwise([0, *cuts, count]), start=1):
                found = day(a, b, k)
                if isinstance(found, PlanError):
                    first = first or found
                    break
                laid.append(found)
            else:
                total = sum((d.length for d in laid), timedelta())
                if budget is not None and total > budget:
                    continue
                key = (sum((d.lost for d in laid), timedelta()), max(d.length for d in laid))
                if best is None or key < best[0]:
                    best = (key, laid)
        if best is None:
            if first is not None and budget is None:
                raise first
            raise PlanError("nothing fits")
        return Chosen(units=tuple(units), days=tuple(best[1]), discussions=discussions)

    def within_budget(
        self, units: Sequence[Unit], wanted: frozenset[str], budget: timedelta
    ) -> Chosen:
        """The most of the pack's content that fits ``budget``, breaks included."""
        best: tuple[tuple[timedelta, int, tuple[int, ...], int], Chosen] | None = None
        for size in range(len(units), self.count - 1, -1):
            for chosen in itertools.combinations(range(len(units)), size):
                picked = [units[i] for i in chosen]
                ids = [u.key for u in picked if u.key in wanted]
                for keep in range(len(ids), -1, -1):
                    talks = frozenset(ids[:keep])
                    found = self.fitting(picked, talks, budget)
                    if found is None:
                        continue
                    key = (found.content, size, tuple(-i for i in chosen), keep)
                    if best is None or key > best[0]:
                        best = (key, found)
                    break
        if best is None:
            raise PlanError(self.nothing_fits(units, budget))
        return best[1]

    def fitting(
        self, picked: Sequence[Unit], talks: frozenset[str], budget: timedelta
    ) -> Chosen | None:
        """The best split of ``picked`` within ``budget``: with the re-watch if it fits."""
        for rewatch in (True, False) if self.layout.options.rewatch else (False,):
            try:
                return self.split(picked, talks, rewatch=rewatch, budget=budget)
            except PlanError:
                continue
        return None

    def nothing_fits(self, units: Sequence[Unit], budget: timedelta) -> str:
        """Why nothing fits ``budget``: what the shortest choice would need."""
        alone = []
        for unit in units:
            try:
                day = self.layout.day(1, [unit], frozenset(), frozenset(), rewatch=False)
            except PlanError:
                continue
            alone.append((day.length, unit))
        if self.count == 1 or not alone:
            if not alone:
                return f"nothing in the selection fits in {words(budget)}"
            length, unit = min(alone, key=lambda pair: pair[0])
            return (
                f"nothing in the selection fits in {words(budget)}: the shortest, "
                f"{unit.name}, needs {words(length)}; give a longer budget"
            )
        shortest = sorted(alone, key=lambda pair: pair[0])[: self.count]
        need = sum((t for t, _ in shortest), timedelta())
        names = listed([u.name for _, u in shortest])
        return (
            f"each of the {self.count} days needs a module or exercise, and the shortest "
            f"{self.count} ({names}) need {words(need)} in all, more than the budget of "
            f"{words(budget)}; give fewer days or a longer budget"
        )

"""Spreading units over the booked sessions, and choosing what fits a budget.

Units are split in order, contiguously, each session holding at least one. Of the splits
whose required content fits every slot: the least optional time dropped, then the shortest
longest day, then the earliest cuts. Under a budget: of every choice of units (in order)
and of wanted optional discussions (those of the later modules left out first; a required
discussion is part of its module), the most of the pack's content, then the most items,
then the items that come first; a re-watch is never content, and is dropped where it does
not fit.
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

#: A day's number, its units' keys, the films shown before it, the discussions wanted of
#: its units, the re-watch, the budget.
_DayKey = tuple[int, tuple[str, ...], frozenset[str], frozenset[str], bool, timedelta | None]


def _least(unit: Unit, units: Sequence[Unit], wanted: frozenset[str]) -> timedelta:
    """Less than a unit takes in any plan.

    Its exercise, a required discussion, and its films unless another unit may show them.
    """
    least = unit.exercise.time if unit.exercise is not None else timedelta()
    module = unit.module
    if module is None:
        return least
    discussion = module.discussion
    if discussion is not None and not discussion.optional and unit.key in wanted:
        least += discussion.duration
    others = {
        f
        for u in units
        if u is not unit
        for f in (*(u.module.films if u.module else u.films_first), *u.discussed)
    }
    if not others & set(module.films):
        least += module.allowance
    return least


def _required(units: Sequence[Unit]) -> frozenset[str]:
    """The units whose module's discussion is required: never dropped to fit a budget."""
    return frozenset(
        u.key
        for u in units
        if u.module is not None
        and u.module.discussion is not None
        and not u.module.discussion.optional
    )


def _content(unit: Unit, *, talk: bool) -> timedelta:
    """The most a unit brings of the pack: its module's films, discussion if taken, exercise."""
    content = unit.exercise.time if unit.exercise is not None else timedelta()
    module = unit.module
    if module is not None:
        content += module.allowance
        if talk and module.discussion is not None:
            content += module.discussion.duration
    else:
        content += unit.films_time
    return content


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
        self._days: dict[_DayKey, Day | PlanError] = {}

    def day(  # noqa: PLR0913 (Layout.day's own arguments)
        self,
        number: int,
        group: Sequence[Unit],
        shown_before: frozenset[str],
        discussions: frozenset[str],
        *,
        rewatch: bool,
        limit: timedelta | None,
    ) -> Day | PlanError:
        """`Layout.day`, or the `PlanError` it raises: each day laid out once in a search.

        The splits of a budget's choices share most of their days: a day depends only on
        its own units, the films shown before it, and which of its units' discussions are
        wanted.
        """
        keys = tuple(u.key for u in group)
        key = (number, keys, shown_before, discussions.intersection(keys), rewatch, limit)
        if key not in self._days:
            try:
                self._days[key] = self.layout.day(
                    number, group, shown_before, discussions, rewatch=rewatch, limit=limit
                )
            except PlanError as error:
                self._days[key] = error
        return self._days[key]

    def shown_before(self, units: Sequence[Unit], upto: int) -> frozenset[str]:
        """The films the units before ``upto`` show, on whatever days (once each)."""
        if upto == 0:
            return frozenset()
        steps = self.layout.steps(units[:upto], frozenset(), frozenset(), None)
        return frozenset(f for _, ss in steps for s in ss for f in s.films)

    def split(  # noqa: C901 (a table, a bisection and a walk back; kept together)
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
        shown = [self.shown_before(units, i) for i in range(count)]

        def day(i: int, j: int, k: int) -> Day | PlanError:
            if (i, j, k) not in memo:
                memo[i, j, k] = self.day(
                    k, units[i:j], shown[i], discussions, rewatch=rewatch, limit=budget
                )
            return memo[i, j, k]

        def table(longest: timedelta | None) -> list[list[tuple[timedelta, timedelta] | None]]:
            """``[k][i]``: the least (time dropped, time) of units ``i:`` over days ``k:``."""
            best: list[list[tuple[timedelta, timedelta] | None]] = [
                [None] * (count + 1) for _ in range(days + 2)
            ]
            best[days + 1][count] = (timedelta(), timedelta())
            for k in range(days, 0, -1):
                for i in range(k - 1, count - (days - k)):
                    for j in range(i + 1, count - (days - k) + 1):
                        rest = best[k + 1][j]
                        found = day(i, j, k)
                        if rest is None or isinstance(found, PlanError):
                            continue
                        if longest is not None and found.length > longest:
                            continue
                        key = (found.lost + rest[0], found.length + rest[1])
                        now = best[k][i]
                        if now is None or key < now:
                            best[k][i] = key
            return best

        def fits(found: tuple[timedelta, timedelta] | None, lost: timedelta) -> bool:
            return (
                found is not None and found[0] == lost and (budget is None or found[1] <= budget)
            )

        whole = table(None)[1][0]
        if whole is None or (budget is not None and whole[1] > budget):
            if budget is None:
                first = next(
                    (
                        d
                        for k, (a, b) in enumerate(
                            itertools.pairwise([0, *range(1, days), count]), start=1
                        )
                        if isinstance(d := day(a, b, k), PlanError)
                    ),
                    None,
                )
                raise first or PlanError("no split fits")
            raise PlanError("nothing fits")
        lengths = sorted({d.length for d in memo.values() if isinstance(d, Day)})
        low, high = 0, len(lengths) - 1
        while low < high:
            middle = (low + high) // 2
            if fits(table(lengths[middle])[1][0], whole[0]):
                high = middle
            else:
                low = middle + 1
        longest = lengths[low]
        best = table(longest)
        laid: list[Day] = []
        i = 0
        for k in range(1, days + 1):
            target = best[k][i]
            assert target is not None  # noqa: S101 (the table says it fits)
            for j in range(i + 1, count - (days - k) + 1):
                found, rest = day(i, j, k), best[k + 1][j]
                if (
                    isinstance(found, Day)
                    and rest is not None
                    and found.length <= longest
                    and (found.lost + rest[0], found.length + rest[1]) == target
                ):
                    laid.append(found)
                    i = j
                    break
        return Chosen(units=tuple(units), days=tuple(laid), discussions=discussions)

    def within_budget(  # noqa: C901 (choices grown, sorted, tried)
        self, units: Sequence[Unit], wanted: frozenset[str], budget: timedelta
    ) -> Chosen:
        """The most of the pack's content that fits ``budget``, breaks included.

        Choices are tried from the most content they could hold down; a choice whose
        shortest time alone passes the budget is never tried.
        """
        if len(units) >= self.count:  # all of it fits: all of it is planned
            whole = self.fitting(list(units), wanted, budget)
            if whole is not None:
                return whole
        least = [_least(u, units, wanted) for u in units]
        bound = [_content(u, talk=u.key in wanted) for u in units]
        candidates: list[tuple[int, ...]] = []

        def grow(chosen: tuple[int, ...], index: int, time: timedelta) -> None:
            if index == len(units):
                if len(chosen) >= self.count:
                    candidates.append(chosen)
                return
            if time + least[index] <= budget:
                grow((*chosen, index), index + 1, time + least[index])
            grow(chosen, index + 1, time)

        grow((), 0, timedelta())
        candidates.sort(key=lambda c: (-sum((bound[i] for i in c), timedelta()), -len(c), c))
        best: tuple[tuple[timedelta, int, tuple[int, ...], int], Chosen] | None = None
        for chosen in candidates:
            most = sum((bound[i] for i in chosen), timedelta())
            if best is not None and most < best[0][0]:
                break
            picked = [units[i] for i in chosen]
            required = _required(picked) & wanted
            ids = [u.key for u in picked if u.key in wanted - required]
            for keep in range(len(ids), -1, -1):
                talks = required | frozenset(ids[:keep])
                found = self.fitting(picked, talks, budget)
                if found is None:
                    continue
                key = (found.content, len(chosen), tuple(-i for i in chosen), keep)
                if best is None or key > best[0]:
                    best = (key, found)
                break
            if best is not None and best[1].content == most:
                break  # nothing later holds more, or as much with more items or earlier
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
        for index, unit in enumerate(units):
            before = self.shown_before(units, index)  # the films of the items before it
            try:
                day = self.layout.day(1, [unit], before, _required([unit]), rewatch=False)
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
        order = {u.key: i for i, u in enumerate(units)}
        shortest = sorted(
            sorted(alone, key=lambda pair: pair[0])[: self.count],
            key=lambda pair: order[pair[1].key],
        )
        need = sum((t for t, _ in shortest), timedelta())
        names = listed([u.name for _, u in shortest])
        return (
            f"each of the {self.count} days needs a module or exercise, and the shortest "
            f"{self.count} ({names}) need {words(need)} in all, more than the budget of "
            f"{words(budget)}; give fewer days or a longer budget"
        )

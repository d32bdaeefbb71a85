"""Unified diffs of two texts, in time near-linear in their size.

`difflib` takes time quadratic in the lines a file shares with its other version (a
1.7 MB file took minutes), so the lines are matched here instead: the common start and
end set aside, then lines found once on each side anchor the match (patience diff), and
what lies between anchors is matched by Myers' algorithm, up to a bounded number of
differences, beyond which it is shown as replaced whole. The result is a correct unified
diff, which ``patch`` and ``git apply`` apply, if not always the shortest one.
"""

import bisect
from collections.abc import Iterator, Sequence

__all__ = ["opcodes", "unified_diff"]

#: The most differences Myers' algorithm looks for between two anchors: beyond this, the
#: lines between them are shown as replaced whole (their cost grows with its square).
_MOST_DIFFERENCES = 200
_NO_NEWLINE = "\\ No newline at end of file\n"

_Match = tuple[int, int, int]  # a line in the one, a line in the other, how many alike
_Opcode = tuple[str, int, int, int, int]  # as difflib's: tag, i1, i2, j1, j2
_Span = tuple[int, int, int, int]  # lines alo to ahi of the one, blo to bhi of the other


def unified_diff(before: str, after: str, fromfile: str, tofile: str, context: int = 3) -> str:
    r"""The change from ``before`` to ``after`` as a unified diff ('' if they are alike).

    Lines end at each ``\n``, as ``patch`` reads them; a last line without one is marked
    ``\ No newline at end of file``.
    """
    one, other = _lines(before), _lines(after)
    out: list[str] = []
    for group in _groups(opcodes(one, other), context):
        if not out:
            out.extend((f"--- {fromfile}\n", f"+++ {tofile}\n"))
        _, i1, _, j1, _ = group[0]
        _, _, i2, _, j2 = group[-1]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out.extend(_marked(" ", one[a1:a2]))
                continue
            out.extend(_marked("-", one[a1:a2]))
            out.extend(_marked("+", other[b1:b2]))
    return "".join(out)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    last = lines.pop()
    return [f"{line}\n" for line in lines] + ([last] if last else [])


def _marked(sign: str, lines: list[str]) -> Iterator[str]:
    for line in lines:
        yield f"{sign}{line}" if line.endswith("\n") else f"{sign}{line}\n{_NO_NEWLINE}"


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it (``3,2``; ``3`` for one line; ``2,0``)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"


def opcodes(one: Sequence[str], other: Sequence[str]) -> list[_Opcode]:
    """How to turn ``one`` into ``other``, as difflib's ``get_opcodes`` says it (near-linear)."""
    matches = _match(one, other)
    matches.append((len(one), len(other), 0))
    codes: list[_Opcode] = []
    i = j = 0
    for a, b, size in matches:
        if i < a and j < b:
            codes.append(("replace", i, a, j, b))
        elif i < a:
            codes.append(("delete", i, a, j, b))
        elif j < b:
            codes.append(("insert", i, a, j, b))
        if size:
            if codes and codes[-1][0] == "equal":  # two runs of alike lines meet: one run
                _, e1, _, f1, _ = codes.pop()
                codes.append(("equal", e1, a + size, f1, b + size))
            else:
                codes.append(("equal", a, a + size, b, b + size))
        i, j = a + size, b + size
    return codes


def _match(one: Sequence[str], other: Sequence[str]) -> list[_Match]:
    """The runs of alike lines of ``one`` and ``other``, in order.

    A stack, not recursion, so that no input runs out Python's; the work of finding
    anchors is bounded by a multiple of the lines, and Myers' by its own budget.
    """
    out: list[_Match] = []
    budget = [_WORK_PER_LINE * (len(one) + len(other)) + _WORK_AT_LEAST]
    work: list[tuple[int, int, int, int, int]] = [(0, len(one), 0, len(other), -1)]
    while work:
        alo, ahi, blo, bhi, size = work.pop()
        if size >= 0:  # a run of alike lines, put on the stack to come after others
            out.append((alo, blo, size))
            continue
        start = alo
        while alo < ahi and blo < bhi and one[alo] == other[blo]:
            alo += 1
            blo += 1
        if alo > start:
            out.append((start, blo - (alo - start), alo - start))
        end = ahi
        while alo < ahi and blo < bhi and one[ahi - 1] == other[bhi - 1]:
            ahi -= 1
            bhi -= 1
        if end > ahi:
            work.append((ahi, 0, bhi, 0, end - ahi))
        if alo == ahi or blo == bhi:
            continue
        budget[0] -= ahi - alo + bhi - blo
        span = (alo, ahi, blo, bhi)
        anchors = _anchors(one, other, span) if budget[0] > 0 else []
        if not anchors:
            out.extend(_myers(one, other, span, budget))
            continue
        later: list[tuple[int, int, int, int, int]] = []
        i, j = alo, blo
        for a, b in anchors:
            later.extend(((i, a, j, b, -1), (a, 0, b, 0, 1)))
            i, j = a + 1, b + 1
        later.append((i, ahi, j, bhi, -1))
        work.extend(reversed(later))
    return out


#: The work (lines looked at) that finding anchors, and Myers' steps, may take in all, per
#: line of the two texts: beyond it, what is left is shown as replaced whole.
_WORK_PER_LINE = 16
_WORK_AT_LEAST = 100_000


def _anchors(one: Sequence[str], other: Sequence[str], span: _Span) -> list[tuple[int, int]]:
    """Lines to match first: the longest run of them in the same order in both ranges.

    Lines found once in each (patience diff); failing those, lines found as often in
    each, the first with the first and so on (a file of repeated parts has few unique).
    """
    alo, ahi, blo, bhi = span
    mine: dict[str, list[int]] = {}
    for i in range(alo, ahi):
        mine.setdefault(one[i], []).append(i)
    theirs: dict[str, list[int]] = {}
    for j in range(blo, bhi):
        if other[j] in mine:
            theirs.setdefault(other[j], []).append(j)
    pairs = sorted(
        (mine[line][0], places[0])
        for line, places in theirs.items()
        if len(places) == 1 and len(mine[line]) == 1
    )
    if not pairs:
        pairs = sorted(
            pair
            for line, places in theirs.items()
            if len(places) == len(mine[line])
            for pair in zip(mine[line], places, strict=True)
        )
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (in order of the first) whose seconds rise too."""
    tops: list[int] = []  # the smallest last second of a run of each length
    ends: list[int] = []  # which pair that is
    before: list[int] = []  # the pair before each in its run, -1 for none
    for number, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tops, j)
        before.append(ends[at - 1] if at else -1)
        if at == len(tops):
            tops.append(j)
            ends.append(number)
        else:
            tops[at] = j
            ends[at] = number
    run: list[tuple[int, int]] = []
    number = ends[-1] if ends else -1
    while number >= 0:
        run.append(pairs[number])
        number = before[number]
    run.reverse()
    return run


def _myers(
    one: Sequence[str], other: Sequence[str], span: _Span, budget: list[int]
) -> list[_Match]:
    """The runs of alike lines of the shortest edit (Myers, 1986), or none if it is long.

    No runs means the ranges are shown as replaced whole: that is so when the edit needs
    more than `_MOST_DIFFERENCES` steps or would take more than what is left of ``budget``.
    """
    alo, ahi, blo, bhi = span
    n, m = ahi - alo, bhi - blo
    most = min(n + m, _MOST_DIFFERENCES)
    reach = {1: 0}  # the furthest x on each diagonal k = x - y
    trace: list[dict[int, int]] = []
    for d in range(most + 1):
        trace.append(reach.copy())
        budget[0] -= 2 * d + 1
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and reach[k - 1] < reach[k + 1]):
                x = reach[k + 1]
            else:
                x = reach[k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and one[alo + x] == other[blo + y]:
                x += 1
                y += 1
            budget[0] -= x - start
            reach[k] = x
            if x >= n and y >= m:
                return _back(trace, n, m, alo, blo)
        if budget[0] <= 0:
            break
    return []


def _back(trace: list[dict[int, int]], n: int, m: int, alo: int, blo: int) -> list[_Match]:
    """The runs of alike lines along the path Myers' search found, in order.

    ``trace[d]`` is how far each diagonal reached before step ``d``.
    """
    runs: list[_Match] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        reach = trace[d]
        k = x - y
        down = k == -d or (k != d and reach[k - 1] < reach[k + 1])
        x_before = reach[k + 1] if down else reach[k - 1]
        x_mid = x_before if down else x_before + 1  # after the one step, before the run
        if x > x_mid:
            runs.append((alo + x_mid, blo + y - (x - x_mid), x - x_mid))
        x, y = x_before, x_before - (k + 1 if down else k - 1)
    runs.reverse()
    return runs


def _groups(codes: list[_Opcode], context: int) -> Iterator[list[_Opcode]]:
    """The hunks: changes with up to ``context`` alike lines around, as difflib groups them."""
    if not codes:
        return
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    gap = context + context
    group: list[_Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        start, other_start = i1, j1
        if tag == "equal" and i2 - i1 > gap:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            start, other_start = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, start, i2, other_start, j2))
    if not (len(group) == 1 and group[0][0] == "equal"):  # the texts alike: no hunk
        yield group

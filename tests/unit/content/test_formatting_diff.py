"""``rcpack fmt --check``'s diff: a unified diff that ``patch`` applies, whatever the texts."""

import difflib
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from paths import TESTS

from recurrent_care_pack._content import diffing
from recurrent_care_pack._content.diffing import (
    _groups,
    _longest_increasing,
    _myers,
    opcodes,
    unified_diff,
)
from recurrent_care_pack._content.formatting import Formatted, format_file

EXAMPLES = TESTS / "formatting"
_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    last = lines.pop()
    return [f"{line}\n" for line in lines] + ([last] if last else [])


def _apply(old: str, diff: str) -> str:
    """``old`` with ``diff`` applied, checking every line it says is there, as patch does."""
    lines, out, at = _lines(old), [], 0
    body = _lines(diff)
    if not body:
        return old
    assert body[0].startswith("--- ")
    assert body[1].startswith("+++ ")
    number = 2
    while number < len(body):
        hunk = _HUNK.fullmatch(body[number])
        assert hunk is not None, body[number]
        start, length = int(hunk.group(1)), int(hunk.group(2) or "1")
        first = start - 1 if length else start
        assert first >= at
        out.extend(lines[at:first])
        at = first
        number += 1
        while number < len(body) and not body[number].startswith("@@"):
            sign, line = body[number][0], body[number][1:]
            number += 1
            if number < len(body) and body[number] == "\\ No newline at end of file\n":
                line = line.removesuffix("\n")
                number += 1
            assert sign in " -+", body[number - 1]
            if sign in " -":
                assert lines[at] == line
                at += 1
            if sign in " +":
                out.append(line)
    return "".join(out + lines[at:])


_TEXTS = st.lists(
    st.sampled_from(["a", "b", "c", "  - d", "e: f", "", "g\r", "# h"]), max_size=40
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(before=_TEXTS, after=_TEXTS, edits=st.integers(0, 3))
def test_the_diff_applied_to_the_old_text_gives_the_new(
    before: str, after: str, edits: int
) -> None:
    """Any two texts (a last line without a line break too): the diff turns one into the other."""
    if edits:  # texts alike in most lines, as fmt's are
        after = before.replace("a", "A", edits) + after[: edits * 5]
    diff = Formatted(file=Path("x.yaml"), before=before, after=after).diff("x.yaml")
    assert _apply(before, diff) == after
    assert (diff == "") == (before == after)


def test_a_diff_of_a_file_without_a_last_line_break_says_so() -> None:
    """A last line without a line break is marked as patch marks it."""
    diff = Formatted(file=Path("x.yaml"), before="a: 1\nb:  2", after="a: 1\nb: 2\n").diff()
    assert diff == (
        "--- x.yaml (now)\n"
        "+++ x.yaml (formatted)\n"
        "@@ -1,2 +1,2 @@\n"
        " a: 1\n"
        "-b:  2\n"
        "\\ No newline at end of file\n"
        "+b: 2\n"
    )


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_patch_applies_the_printed_diff(tmp_path: Path) -> None:
    """GNU patch, given ``fmt --check``'s diff of a messy file, makes the formatted file."""
    file = tmp_path / "messy.yaml"
    file.write_bytes((EXAMPLES / "messy.yaml.txt").read_bytes().rstrip(b"\n"))
    formatted = format_file(file)
    assert formatted.after is not None
    assert formatted.changed
    (tmp_path / "fix.diff").write_text(formatted.diff(), encoding="utf-8")
    subprocess.run(
        ["patch", "--quiet", str(file), str(tmp_path / "fix.diff")], check=True, cwd=tmp_path
    )
    assert file.read_text(encoding="utf-8") == formatted.after


@pytest.mark.parametrize(
    ("content", "lines"),
    [
        (b"pack:\r\n  id:   p\r\n", ["@@ -1,2 +1,2 @@", " pack:", "-  id:   p", "+  id: p"]),
        (
            b"pack:\r  id:   p\r",
            [
                "@@ -1 +1 @@",
                "-pack:\\r  id:   p\\r",
                "\\ No newline at end of file",
                "+pack:\\r  id: p\\r",
                "\\ No newline at end of file",
            ],
        ),
    ],
    ids=["crlf", "cr"],
)
def test_check_prints_one_diff_line_to_a_line_of_the_file(
    tmp_path: Path, content: bytes, lines: list[str]
) -> None:
    """The printed diff breaks lines where patch does, one to a line of the file.

    A CRLF file's line ends are not shown; a CR-only file, one line to patch, is one line
    with its CRs shown escaped.
    """
    (tmp_path / "pack.yaml").write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "recurrent_care_pack", "fmt", "--check", "pack.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.split("\n") == [
        "--- pack.yaml (now)",
        "+++ pack.yaml (formatted)",
        *lines,
        "would reformat pack.yaml",
        "1 file in this folder: 1 would be reformatted, 0 unchanged",
        "",
    ]


def _changed(diff: str) -> int:
    """How many lines a diff takes out and puts in."""
    return sum(line[:1] in "-+" and line[:3] not in ("---", "+++") for line in _lines(diff))


def _common(one: list[str], other: list[str]) -> int:
    """How many lines the longest common subsequence of the two has (brute force)."""
    longest = [[0] * (len(other) + 1) for _ in range(len(one) + 1)]
    for i, line in enumerate(one):
        for j, theirs in enumerate(other):
            longest[i + 1][j + 1] = (
                longest[i][j] + 1 if line == theirs else max(longest[i][j + 1], longest[i + 1][j])
            )
    return longest[-1][-1]


def _common_ways(one: list[str], other: list[str]) -> int:
    """In how many ways (which lines of each are kept) the longest common subsequence goes."""
    n, m = len(one), len(other)
    longest = [[0] * (m + 1) for _ in range(n + 1)]
    ways = [[1] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if one[i - 1] == other[j - 1]:
                longest[i][j], ways[i][j] = longest[i - 1][j - 1] + 1, ways[i - 1][j - 1]
                continue
            up, left = longest[i - 1][j], longest[i][j - 1]
            longest[i][j] = max(up, left)
            ways[i][j] = (ways[i - 1][j] if up == longest[i][j] else 0) + (
                ways[i][j - 1] if left == longest[i][j] else 0
            )
            if up == left == longest[i - 1][j - 1]:
                ways[i][j] -= ways[i - 1][j - 1]
    return ways[n][m]


def _diff(before: str, after: str) -> str:
    return unified_diff(before, after, "a", "b")


_WORDS = st.sampled_from([f"w{n}" for n in range(12)])


@settings(max_examples=100, deadline=None)
@given(
    before=st.lists(_WORDS, max_size=12, unique=True),
    after=st.lists(_WORDS, max_size=12, unique=True),
)
def test_texts_of_distinct_lines_diff_with_the_fewest_changes(
    before: list[str], after: list[str]
) -> None:
    """Where no line repeats, the diff changes as few lines as any diff could."""
    old, new = "".join(f"{w}\n" for w in before), "".join(f"{w}\n" for w in after)
    diff = _diff(old, new)
    assert _apply(old, diff) == new
    assert _changed(diff) == len(before) + len(after) - 2 * _common(before, after)


@settings(max_examples=200, deadline=None)
@given(
    one=st.lists(st.sampled_from("abc"), max_size=14),
    other=st.lists(st.sampled_from("abc"), max_size=14),
)
@example(one=list("bacbbbcb"), other=list("abbabba"))  # a step from the wrong diagonal fails it
@example(one=list("ccacb"), other=list("cbacaac"))  # search and walk back break ties alike
def test_myers_finds_a_longest_common_subsequence(one: list[str], other: list[str]) -> None:
    """Between anchors, Myers' search keeps as many lines as the longest common subsequence."""
    for start in (0, 2):
        a, b = ["x", "y", *one][2 - start :], ["x", "y", *other][2 - start :]
        span = (start, len(a), start, len(b))
        budget = [10**9]
        runs = _myers(a, b, span, budget)
        assert budget[0] < 10**9
        kept = _common(one, other)
        if not kept and one and other:
            assert runs == []
            continue
        assert sum(size for _, _, size in runs) == kept
        i, j = start, start
        for x, y, size in runs:
            assert x >= i
            assert y >= j
            assert size > 0
            assert a[x : x + size] == b[y : y + size]
            i, j = x + size, y + size
            assert i <= len(a)
            assert j <= len(b)
        if runs:
            assert (i, j) != (runs[-1][0], runs[-1][1])


def test_myers_gives_up_past_its_limit_and_not_before() -> None:
    """Past 200 differences between anchors, the lines are shown replaced whole."""
    for length, kept in ((95, 2), (105, 0)):
        one = ["a\n"] * length + ["c\n"] * 3
        other = ["c\n"] * 2 + ["b\n"] * length + ["d\n"]
        diff = _diff("".join(one), "".join(other))
        assert _apply("".join(one), diff) == "".join(other)
        assert _changed(diff) == len(one) + len(other) - 2 * kept
        assert _myers(one, other, (0, len(one), 0, len(other)), [10**9]) == (
            [(length, 0, 2)] if kept else []
        )


@pytest.mark.parametrize(("length", "more", "found"), [(99, 0, True), (99, 1, False)])
def test_myers_looks_for_up_to_200_differences(length: int, more: int, found: bool) -> None:
    """An edit of 200 differences between anchors is found; one of 201 is replaced whole."""
    one = ["a\n"] * length + ["c\n"] * 3
    other = ["c\n"] * 2 + ["b\n"] * length + ["d\n"] * (1 + more)
    assert len(one) + len(other) - 2 * 2 == 200 + more
    runs = _myers(one, other, (0, len(one), 0, len(other)), [10**9])
    assert runs == ([(length, 0, 2)] if found else [])


def test_myers_stops_when_the_budget_is_spent() -> None:
    """Myers' search stops, leaving the lines replaced whole, when its budget runs out."""
    one, other = list("abcabba"), list("cbabac")
    span = (0, 7, 0, 6)
    assert sum(size for _, _, size in _myers(one, other, span, [1000])) == 4
    assert _myers(one, other, span, [3]) == []
    budget = [1000]
    _myers(one, other, span, budget)
    assert budget[0] < 1000 - 4 * 4  # each step of the search is counted


@settings(max_examples=100, deadline=None)
@given(
    before=st.lists(st.sampled_from("abcd"), max_size=30),
    after=st.lists(st.sampled_from("abcd"), max_size=30),
    context=st.integers(0, 4),
)
def test_hunks_are_grouped_as_difflib_groups_them(
    before: list[str], after: list[str], context: int
) -> None:
    """Given the same changes, the hunks and their context are difflib's, whatever the context."""
    codes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    grouped = difflib.SequenceMatcher(None, before, after, autojunk=False)
    assert [list(map(tuple, g)) for g in _groups(list(codes), context)] == [
        list(map(tuple, g)) for g in grouped.get_grouped_opcodes(context)
    ]


@settings(max_examples=100, deadline=None)
@given(
    before=st.lists(st.sampled_from("abcd"), max_size=30),
    after=st.lists(st.sampled_from("abcd"), max_size=30),
)
def test_opcodes_cover_both_texts_and_alternate(before: list[str], after: list[str]) -> None:
    """The steps of a diff cover both texts in order; alike lines are alike; runs are whole."""
    codes = opcodes(before, after)
    i = j = 0
    for number, (tag, i1, i2, j1, j2) in enumerate(codes):
        assert (i1, j1) == (i, j)
        assert {
            "equal": i2 - i1 == j2 - j1 > 0,
            "replace": i2 > i1 and j2 > j1,
            "delete": i2 > i1 and j2 == j1,
            "insert": i2 == i1 and j2 > j1,
        }[tag]
        if tag == "equal":
            assert before[i1:i2] == after[j1:j2]
        if number:
            assert (tag == "equal") != (codes[number - 1][0] == "equal")
        i, j = i2, j2
    assert (i, j) == (len(before), len(after))


_LONG = "".join(f"line {n}\n" for n in range(1, 101))


def test_a_one_line_change_in_a_long_file_is_one_hunk_with_three_lines_around() -> None:
    """One changed line: one hunk, three alike lines before and after, GNU diff's header."""
    after = _LONG.replace("line 50\n", "line fifty\n")
    assert _diff(_LONG, after) == (
        "--- a\n+++ b\n@@ -47,7 +47,7 @@\n line 47\n line 48\n line 49\n"
        "-line 50\n+line fifty\n line 51\n line 52\n line 53\n"
    )
    assert _diff(_LONG, _LONG.replace("line 1\n", "")) == (
        "--- a\n+++ b\n@@ -1,4 +1,3 @@\n-line 1\n line 2\n line 3\n line 4\n"
    )
    assert _diff(_LONG, _LONG + "line 101\n") == (
        "--- a\n+++ b\n@@ -98,3 +98,4 @@\n line 98\n line 99\n line 100\n+line 101\n"
    )
    assert _diff("", "a\n") == "--- a\n+++ b\n@@ -0,0 +1 @@\n+a\n"
    assert _diff("a\n", "") == "--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n"
    assert _diff(_LONG, _LONG) == ""


@pytest.mark.parametrize(("apart", "hunks"), [(6, 1), (7, 2)])
def test_changes_six_lines_apart_are_one_hunk_and_seven_two(apart: int, hunks: int) -> None:
    """Changes with up to six alike lines between them share a hunk, as GNU diff prints them."""
    after = _LONG.replace("line 40\n", "line forty\n").replace(
        f"line {41 + apart}\n", "line later\n"
    )
    diff = _diff(_LONG, after)
    headers = [line for line in diff.splitlines() if line.startswith("@@")]
    if hunks == 1:
        assert headers == [f"@@ -37,{apart + 8} +37,{apart + 8} @@"]
    else:
        assert headers == ["@@ -37,7 +37,7 @@", f"@@ -{38 + apart},7 +{38 + apart},7 @@"]
    assert _changed(diff) == 4


def test_repeated_sections_diff_section_by_section() -> None:
    """A file of identical sections, changed in two of them, shows just those two lines."""
    section = "- name: talk\n  time: 5 minutes\n  notes: none\n"
    before = "exercises:\n" + section * 8
    after = "exercises:\n" + section * 2 + section.replace("5", "6") + section * 3
    after += section.replace("none", "some") + section
    assert _diff(before, after) == (
        "--- a\n+++ b\n"
        "@@ -6,7 +6,7 @@\n"
        "   time: 5 minutes\n   notes: none\n - name: talk\n"
        "-  time: 5 minutes\n+  time: 6 minutes\n"
        "   notes: none\n - name: talk\n   time: 5 minutes\n"
        "@@ -19,7 +19,7 @@\n"
        "   notes: none\n - name: talk\n   time: 5 minutes\n"
        "-  notes: none\n+  notes: some\n"
        " - name: talk\n   time: 5 minutes\n   notes: none\n"
    )


def test_lines_moved_keep_the_longest_run_in_order() -> None:
    """Unique lines out of order: the longest run of them in order is kept, the rest move."""
    before = "".join(f"{w}\n" for w in "abcdefgh")
    after = "".join(f"{w}\n" for w in "hbcadefg")
    diff = _diff(before, after)
    assert diff == "--- a\n+++ b\n@@ -1,8 +1,8 @@\n-a\n+h\n b\n c\n+a\n d\n e\n f\n g\n-h\n"
    assert _longest_increasing([(0, 3), (1, 1), (2, 2), (3, 0), (4, 4), (5, 5)]) == [
        (1, 1),
        (2, 2),
        (4, 4),
        (5, 5),
    ]
    assert _longest_increasing([(0, 2), (1, 0), (2, 1)]) == [(1, 0), (2, 1)]
    assert _longest_increasing([(0, 1), (1, 0)]) == [(1, 0)]
    assert _longest_increasing([]) == []


@pytest.mark.skipif(shutil.which("diff") is None, reason="needs GNU diff")
def test_the_diff_is_gnu_diffs_where_the_fewest_changes_are_one_way(tmp_path: Path) -> None:
    """Where one set of kept lines is the fewest changes, the diff is GNU diff's, byte for byte."""
    rng = random.Random(19)  # noqa: S311 (the same texts each run, not secrets)
    compared = 0
    for _ in range(60):
        lines = [f"w{n}" for n in range(rng.randint(1, 24))]
        before = rng.sample(lines, rng.randint(0, len(lines)))
        after = rng.sample(lines, rng.randint(0, len(lines)))
        if rng.random() < 0.5:
            after = sorted(after, key=lambda w: before.index(w) if w in before else rng.random())
        if _common_ways(before, after) != 1:
            continue
        old = "".join(f"{w}\n" for w in before).removesuffix("\n" if rng.random() < 0.2 else "")
        new = "".join(f"{w}\n" for w in after)
        (tmp_path / "a").write_text(old, encoding="utf-8")
        (tmp_path / "b").write_text(new, encoding="utf-8")
        done = subprocess.run(
            ["diff", "-u", "a", "b"], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        gnu = done.stdout.split("\n", 2)[2] if done.stdout else ""
        ours = _diff(old, new)
        if _changed(gnu) != len(before) + len(after) - 2 * _common(before, after):
            continue
        assert ours.split("\n", 2)[2:] == ([gnu] if gnu else [])
        compared += 1
    assert compared >= 30


def test_past_the_work_budget_the_middle_is_shown_replaced_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With no work left, what lies between the common start and end is replaced whole."""
    monkeypatch.setattr(diffing, "_WORK_PER_LINE", 0)
    monkeypatch.setattr(diffing, "_WORK_AT_LEAST", 0)
    before, after = "a\nb\nc\nd\ne\n", "a\nx\nc\ny\ne\n"
    assert _diff(before, after) == (
        "--- a\n+++ b\n@@ -1,5 +1,5 @@\n a\n-b\n-c\n-d\n+x\n+c\n+y\n e\n"
    )
    monkeypatch.setattr(diffing, "_WORK_AT_LEAST", 1000)
    minimal = "--- a\n+++ b\n@@ -1,5 +1,5 @@\n a\n-b\n+x\n c\n-d\n+y\n e\n"
    assert _diff(before, after) == minimal
    monkeypatch.setattr(diffing, "_WORK_AT_LEAST", 0)
    monkeypatch.setattr(diffing, "_WORK_PER_LINE", 1)  # a line's worth each: enough here
    assert _diff(before, after) == minimal


def test_a_line_found_once_on_each_side_is_kept_before_lines_found_often() -> None:
    """Patience diff: a line found once in each text anchors the match, not a common line."""
    before = "title: Care plans\n\n"
    after = "# Added\n\n\ntitle: Care plans\n"
    assert _diff(before, after) == (
        "--- a\n+++ b\n@@ -1,2 +1,4 @@\n+# Added\n+\n+\n title: Care plans\n-\n"
    )


@pytest.mark.parametrize("named", [False, True])
def test_many_small_changes_in_a_long_file_are_shown_line_by_line(named: bool) -> None:
    """Over 200 changed lines, in sections alike or named apart, each shows as its own change."""
    sections = 120

    def section(number: int, time: int) -> str:
        name = f"talk {number}" if named else "talk"
        return f"- name: {name}\n  time: {time} minutes\n  notes: none\n  kind: talk\n"

    before = "".join(section(n, 5) for n in range(sections))
    after = "".join(section(n, 6) for n in range(sections - 1)) + section(sections - 1, 5)
    diff = _diff(before, after)
    assert _changed(diff) == 2 * (sections - 1)
    assert _apply(before, diff) == after
    assert diff.count("@@ -") == 1  # changes three lines apart: one hunk

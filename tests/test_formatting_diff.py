"""``rcpack fmt --check``'s diff: a unified diff that ``patch`` applies, whatever the texts."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recurrent_care_pack._content.formatting import Formatted, format_file

EXAMPLES = Path(__file__).resolve().parent / "formatting"
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

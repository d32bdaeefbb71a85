"""Careless edits and random bytes: every result is a pack or located problems, never a crash."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import DATA

from recurrent_care_pack import CODES
from recurrent_care_pack._content.formatting import format_file, format_text
from recurrent_care_pack._content.loading import check
from recurrent_care_pack._content.reading import read_text

FILES = {f.name: f.read_text(encoding="utf-8") for f in sorted(DATA.glob("*.yaml"))}


@st.composite
def _edits(draw: st.DrawFn) -> tuple[str, str]:
    """One data file after a few careless edits: lines deleted, doubled, swapped, changed."""
    name = draw(st.sampled_from(sorted(FILES)))
    lines = FILES[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "double", "swap", "change", "truncate"]))
        if kind == "delete":
            del lines[at]
        elif kind == "double":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "change":
            line = lines[at]
            where = draw(st.integers(0, max(len(line) - 1, 0)))
            new = draw(
                st.sampled_from(
                    [
                        ":",
                        "-",
                        " ",
                        "\t",
                        "#",
                        "'",
                        '"',
                        "[",
                        "{",
                        "&",
                        "*",
                        "!",
                        "\x00",
                        "é",
                        "0",
                        "\n",
                    ]
                )
            )
            lines[at] = line[:where] + new + line[where + 1 :]
        else:
            line = lines[at]
            lines[at:] = [line[: draw(st.integers(0, len(line)))]]
    return name, "".join(lines)


def _check_pack_with(name: str, text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        for file in DATA.glob("*.yaml"):
            shutil.copy(file, pack / file.name)
        target = pack / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        result = check(pack)
        assert (result.pack is None) == bool(result.problems)
        for problem in result.problems:
            assert problem.code in CODES
            assert problem.file in result.files
            assert problem.line is not None
            assert problem.line >= 1
            assert problem.column is not None
            assert problem.column >= 1
        formatted = format_file(target)
        if formatted.after is not None:  # what fmt writes reads back as the same data
            before, _ = read_text(target, target.read_bytes())
            after, _ = read_text(target, formatted.after.encode())
            assert before is not None
            assert after is not None
            assert format_text(formatted.after) == formatted.after


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits())
def test_careless_edits_to_the_data(edit: tuple[str, str]) -> None:
    """Deleted, doubled, swapped, changed or truncated lines give located problems or a pack."""
    name, text = edit
    _check_pack_with(name, text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(FILES)), st.binary(max_size=2000))
def test_random_bytes_in_a_pack_file(name: str, raw: bytes) -> None:
    """Random bytes in place of a pack file give located problems, never an exception."""
    _check_pack_with(name, raw)

"""``rcpack fmt``: one canonical layout, every comment and value kept, files replaced whole."""

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from paths import ROOT, TESTS
from ruamel.yaml import YAML
from strategies import packs

from recurrent_care_pack import Pack
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.building import pack_to_dict
from recurrent_care_pack._content.dumping import dump
from recurrent_care_pack._content.formatting import LayoutError, format_text
from recurrent_care_pack._content.reading import read_text

EXAMPLES = TESTS / "formatting"


def _data(text: str) -> object:
    document, _ = read_text(Path("x.yaml"), text.encode())
    assert document is not None
    return document.data


def test_bundled_data_is_kept_formatted(capsys: pytest.CaptureFixture[str]) -> None:
    """``rcpack fmt --check data`` changes nothing: the bundled pack is in canonical form."""
    assert main(["fmt", "--check", str(ROOT / "data")]) == 0
    assert (
        capsys.readouterr().out
        == f"2 files in {ROOT / 'data'}/: 0 would be reformatted, 2 unchanged\n"
    )


def test_messy_file_keeps_every_comment_and_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of odd spacing, flow style and comments formats to the canonical text."""
    messy = (EXAMPLES / "messy.yaml.txt").read_text(encoding="utf-8")
    file = tmp_path / "messy.yaml"
    file.write_text(messy, encoding="utf-8")
    assert main(["fmt", str(file)]) == 0
    assert capsys.readouterr().out == (
        f"reformatted {file}\n1 file in {tmp_path}/: 1 reformatted, 0 unchanged\n"
    )
    formatted = file.read_text(encoding="utf-8")
    assert formatted == (EXAMPLES / "messy.formatted.yaml.txt").read_text(encoding="utf-8")
    for number in range(1, 11):
        assert len(re.findall(rf"# c{number}\b", formatted)) == 1, number
    before, after = _data(messy), _data(formatted)
    assert isinstance(before, dict)
    exercise = before["sections"][0]["exercises"][0]
    exercise["time"] = "30 minutes"  # the only values fmt rewrites are durations' spelling
    exercise["phases"][0]["duration"] = "20 minutes"
    exercise["phases"][1]["duration"] = "10 minutes"
    assert after == before
    assert main(["fmt", "--check", str(file)]) == 0  # formatting twice is formatting once


def test_check_prints_a_diff_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--check`` prints a unified diff, says what would change, and exits 1."""
    file = tmp_path / "pack.yaml"
    file.write_text('works:\n- year: 2018\n  id: w\n  title: "T"\n', encoding="utf-8")
    assert main(["fmt", "--check", str(file)]) == 1
    assert capsys.readouterr().out == (
        f"--- {file} (now)\n"
        f"+++ {file} (formatted)\n"
        "@@ -1,4 +1,4 @@\n"
        " works:\n"
        "-- year: 2018\n"
        "-  id: w\n"
        '-  title: "T"\n'
        "+  - id: w\n"
        "+    title: T\n"
        "+    year: 2018\n"
        f"would reformat {file}\n"
        f"1 file in {tmp_path}/: 1 would be reformatted, 0 unchanged\n"
    )
    assert file.read_text(encoding="utf-8") == 'works:\n- year: 2018\n  id: w\n  title: "T"\n'


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("pack:\n  id: p\n  title: a: b\n", "3:11: RC101 this is not valid YAML (a ': ' inside"),
        ("pack:\n  id: p\n  id: q\n", "3:3: RC103 'id' appears twice in this mapping"),
        ("pack: &a {id: p}\n", "1:7: RC105 anchor '&a' is not allowed"),
        (
            "%YAML 1.1\n---\npack:\n  id: p\n",
            "1:1: RC109 '%YAML 1.1' asks for an old YAML version",
        ),
    ],
)
def test_refuses_a_file_that_does_not_read_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, problem: str
) -> None:
    """A file with a syntax error, a duplicate key or an anchor is left alone, and said why."""
    file = tmp_path / "pack.yaml"
    file.write_text(content, encoding="utf-8")
    assert main(["fmt", str(file)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{file}:{problem}")
    assert lines[1:] == [
        f"rcpack fmt: left {file} as it is: it must read cleanly to be formatted",
        f"1 file in {tmp_path}/: 0 reformatted, 0 unchanged, 1 refused",
    ]
    assert file.read_text(encoding="utf-8") == content


def test_an_interrupted_write_leaves_the_old_file_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing fails half-way, the old file is untouched and no temporary file is left."""
    file = tmp_path / "pack.yaml"
    messy = (EXAMPLES / "messy.yaml.txt").read_text(encoding="utf-8")
    file.write_text(messy, encoding="utf-8")

    def failing_fsync(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    assert main(["fmt", str(file)]) == 2
    assert capsys.readouterr().err == f"rcpack: cannot write '{file}': No space left on device\n"
    assert file.read_text(encoding="utf-8") == messy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.yaml"]


def _hooks() -> list[dict[str, str]]:
    hooks: list[dict[str, str]] = YAML(typ="safe", pure=True).load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    return hooks


def test_pre_commit_hooks_are_the_two_documented() -> None:
    """The hooks file offers rcpack-validate and rcpack-fmt on YAML files."""
    assert [h["id"] for h in _hooks()] == ["rcpack-validate", "rcpack-fmt"]
    assert all(
        re.search(h["files"], "a.yaml") and re.search(h["files"], "b.yml") for h in _hooks()
    )
    assert not any(re.search(h["files"], "c.json") for h in _hooks())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packs())
def test_formatting_keeps_values_and_is_idempotent(pack: Pack) -> None:
    """Any valid content formats to the same data, and formatting again changes nothing."""
    text = dump(pack_to_dict(pack))
    once = format_text(text)
    assert _data(once) == _data(text)
    assert format_text(once) == once


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "people:\n  # first\n  - name: A\n    # about the id\n    id: a\n",
            "people:\n  # first\n  # about the id\n  - id: a\n    name: A\n",
            id="comments above a list item and its key stay above the item's line",
        ),
        pytest.param(
            "people:\n  - name: A\n\n    id: a\n",
            "people:\n  - id: a\n    name: A\n",
            id="a blank line before a key that moves first",
        ),
        pytest.param(
            "works:\n  - id: w\n    title: '.5e3'\n    note: '-.5e3'\n    place: '+.5E3'\n",
            "works:\n  - id: w\n    title: '.5e3'\n    place: '+.5E3'\n    note: '-.5e3'\n",
            id="text that reads as a number stays quoted",
        ),
        pytest.param(
            'works:\n  - id: w\n    title: "a\\Nb\\tc\\e"\n',
            'works:\n  - id: w\n    title: "a\\Nb\\tc\\e"\n',
            id="NEL, tab and escape characters stay escaped",
        ),
        pytest.param(
            "pack:\n  audience: [a,  # first\n    b]  # after\n",
            "pack:\n  audience:\n    - a  # first\n    - b  # after\n",
            id="comments inside a flow list",
        ),
        pytest.param(
            "pack:\n  audience: [\n    a,\n    b\n  ]  # after\n  id: p\n",
            "pack:\n  id: p\n  audience:\n    - a\n    - b\n    # after\n",
            id="a comment after a flow list's closing bracket ends it",
        ),
        pytest.param(
            "sections:\n  - materials:\n      - [\n          a,\n          b\n        ]  # c\n",
            "sections:\n  - materials:\n      - [a, b]  # c\n",
            id="a comment after a list of words' closing bracket stays on its line",
        ),
        pytest.param(
            "# top\n\n# above\n---\npack:\n  id: p\n",
            "# top\n\n# above\n---\npack:\n  id: p\n",
            id="comments above the document start stay above it",
        ),
        pytest.param(
            "pack:\n  id: p\n... # the end\n# after the end\n",
            "pack:\n  id: p\n...\n# the end\n# after the end\n",
            id="comments after the document end",
        ),
        pytest.param(
            "works:\n  - id: w\n# about the people\npeople:\n  - id: a\npack:\n  id: p\n",
            "pack:\n  id: p\n# about the people\npeople:\n  - id: a\nworks:\n  - id: w\n",
            id="a comment above a top-level key moves with it",
        ),
        pytest.param(
            "pack:\n  id: p\n  published: 2019-02-30\n",
            "pack:\n  id: p\n  published: 2019-02-30\n",
            id="an impossible date is text to the formatter",
        ),
        pytest.param(
            "pack:\r\n  title: T\r\n  id: p\r\n",
            "pack:\r\n  id: p\r\n  title: T\r\n",
            id="CRLF files stay CRLF throughout",
        ),
        pytest.param(
            "pack:\n  id: p\n  # no licence was found\n\nworks: []\n",
            "pack:\n  id: p\n  # no licence was found\n\nworks: []\n",
            id="a comment ending a mapping stays at its end",
        ),
        pytest.param(
            "pack:\n  audience:\n    - a\n  # no licence was found\n\nworks: []\n",
            "pack:\n  audience:\n    - a\n    # no licence was found\n\nworks: []\n",
            id="a comment ending a mapping after a nested list is indented like the list's end",
        ),
        pytest.param(
            "people:\n  - name: A\n    id: a\r# note about B\n  - name: B\n    id: b\n",
            "people:\n  - id: a\n    name: A\n  # note about B\n  - id: b\n    name: B\n",
            id="a lone CR ends a line, and the comment after it is kept",
        ),
        pytest.param(
            "people:\n  - name: A\n    id: a\n    01: x\n    0x1F: y\n    TRUE: z\n",
            "people:\n  - name: A\n    id: a\n    01: x\n    0x1F: 'y'\n    TRUE: z\n",
            id="keys are written as they were spelt, in their order when one is unknown",
        ),
        pytest.param(
            "people:\n  - ? name # k\n    : A # v\n    id: a\n",
            "people:\n  - id: a\n    # v\n    name: A  # k\n",
            id="two end-of-line comments on one entry stay two comments",
        ),
        pytest.param(
            "sections:\n  - id: s\n    modules:\n      - id: m\n        allowance: 999999 hours 999999 minutes\n",
            "sections:\n  - id: s\n    modules:\n      - id: m\n        allowance: 999999 hours 999999 minutes\n",
            id="a duration whose canonical spelling would not read is left as written",
        ),
    ],
)
def test_pinned_layouts(before: str, after: str) -> None:
    """Each layout the review found mangled formats to this text, and again to the same."""
    assert format_text(before) == after
    assert format_text(after) == after
    assert _data(after.replace("\r\n", "\n")) == _data(before.replace("\r\n", "\n"))


def test_fmt_goes_on_after_a_refused_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused file is reported and the next file is still formatted."""
    bad = tmp_path / "a.yaml"
    bad.write_text("%YAML 1.1\n---\npack: no\n", encoding="utf-8")
    good = tmp_path / "b.yaml"
    good.write_text("pack:\n  title: T\n  id: p\n", encoding="utf-8")
    assert main(["fmt", str(bad), str(good)]) == 1
    assert good.read_text(encoding="utf-8") == "pack:\n  id: p\n  title: T\n"
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"2 files in {tmp_path}/: 1 reformatted, 0 unchanged, 1 refused"
    )


def test_a_layout_that_cannot_be_kept_is_refused_with_its_place() -> None:
    """A plain key that quotes would take past YAML's 1,024-character limit is refused."""
    text = "pack:\n  id: p\n" + "  " + "k" * 1023 + ": 1\n"
    with pytest.raises(LayoutError) as refused:
        format_text(text)
    assert (refused.value.line, refused.value.column) == (3, 3)
    assert refused.value.message.startswith(
        "rcpack fmt cannot lay this out safely: the result would not read as YAML;"
    )


def test_a_byte_order_mark_is_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file starting with a BOM (RC108) is formatted without it, not called changed."""
    file = tmp_path / "pack.yaml"
    file.write_bytes(b"\xef\xbb\xbfpack:\n  title: T\n  id: p\n")
    assert main(["fmt", str(file)]) == 0
    assert capsys.readouterr().out == (
        f"reformatted {file}\n1 file in {tmp_path}/: 1 reformatted, 0 unchanged\n"
    )
    assert file.read_bytes() == b"pack:\n  id: p\n  title: T\n"


def test_a_read_only_file_is_left_even_for_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file without write permission is refused, though root could replace it."""
    file = tmp_path / "pack.yaml"
    file.write_text("pack:\n  title: T\n  id: p\n", encoding="utf-8")
    file.chmod(0o444)
    assert main(["fmt", str(file)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{file}': it is read-only; make it writable first "
        f"(chmod u+w '{file}') if it should change\n"
    )
    assert file.read_text(encoding="utf-8") == "pack:\n  title: T\n  id: p\n"


def test_a_raw_line_separator_is_refused_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raw NEL inside quotes is refused (RC115) where it stands; the file is kept."""
    file = tmp_path / "pack.yaml"
    content = 'pack:\n  id: p\n  title: "a\x85b"\n'
    file.write_text(content, encoding="utf-8")
    assert main(["fmt", str(file)]) == 1
    assert capsys.readouterr().out.splitlines()[:2] == [
        f"{file}:3:12: RC115 the file holds U+0085 (next line), which YAML tools disagree on "
        "reading as a line break; write it as \\N inside double quotes, or delete it",
        f"rcpack fmt: left {file} as it is: it must read cleanly to be formatted",
    ]
    assert file.read_text(encoding="utf-8") == content

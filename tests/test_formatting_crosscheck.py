"""fmt's second reading: what another parser (libyaml) reads must not change, or fmt refuses."""

from pathlib import Path

import pytest

from recurrent_care_pack._cli import main
from recurrent_care_pack._content.crosscheck import CrossReadError, differences

_HOW = "; leave this part as it is, or write it more simply (block style, one comment per line), and report it if it looks right"


@pytest.mark.parametrize(
    ("content", "place", "why"),
    [
        ("{ ?foo: bar }\n", "1:3", "YAML tools disagree about a '?' with no space after it"),
        (
            "pack:\n  editorial: [id, ?title]\n",
            "2:19",
            "YAML tools disagree about a '?' with no space after it",
        ),
        (
            "- |+\n   ",
            "1:3",
            "YAML tools disagree about block text that ends the file on a line of only spaces (end the file with a line break)",
        ),
        (
            "pack:\n  title: |\n    a\n   ",
            "2:10",
            "YAML tools disagree about block text that ends the file on a line of only spaces (end the file with a line break)",
        ),
    ],
)
def test_what_both_parsers_misread_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, place: str, why: str
) -> None:
    """The YAML test suite's cases that ruamel.yaml and libyaml both misread are left alone."""
    file = tmp_path / "pack.yaml"
    file.write_text(content, encoding="utf-8")
    assert main(["fmt", str(file)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{file}:{place}: RC120 rcpack fmt cannot lay this out safely: {why}{_HOW}",
        f"rcpack fmt: left {file} as it is: its layout cannot be rewritten safely",
        f"1 file in {tmp_path}/: 0 reformatted, 0 unchanged, 1 refused",
    ]
    assert file.read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    ("before", "after", "place"),
    [
        ("'1': a\n", "1: a\n", (1, 1)),  # a key that was text would be a number
        ("k: '2019'\n", "k: 2019\n", (1, 4)),
        ("k: [a, b]\n", "k: [a, b, c]\n", (1, 4)),
        ("k: {a: 1}\n", "k: {b: 1}\n", (1, 5)),
        ("k: a\n", "k: [a\n", (1, 1)),  # the result does not read
        ("k: 'a'\nl: True\nm: \"yes\"\n", "k: a\nl: true\nm: 'yes'\n", None),  # same values
        (  # a duration, where the schema has one, in canonical spelling
            "sections:\n  - exercises:\n      - time: 30 mins\n",
            "sections:\n  - exercises:\n      - time: 30 minutes\n",
            None,
        ),
        ("pack:\n  title: 30 mins\n", "pack:\n  title: 30 minutes\n", (2, 10)),  # text is text
    ],
)
def test_the_second_reading_finds_each_change_of_value(
    before: str, after: str, place: tuple[int, int] | None
) -> None:
    """The second reading of the text before and after: a changed value or key type is found."""
    assert differences(before, after) == place


def test_a_text_libyaml_cannot_read_is_named_by_its_place() -> None:
    """Where the second parser cannot read the text fmt was given, it says where."""
    with pytest.raises(CrossReadError) as unread:
        differences("k: a\nl: [b\n", "k: a\n")
    assert (unread.value.line, unread.value.column) == (3, 1)

"""fmt's second reading: what another parser (libyaml) reads must not change, or fmt refuses."""

from pathlib import Path

import pytest
import yaml

from recurrent_care_pack._cli import main
from recurrent_care_pack._content.crosscheck import branch, differences
from recurrent_care_pack._content.schema import schema
from recurrent_care_pack._errors import CrossReadError

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


@pytest.mark.parametrize(
    ("before", "after", "place"),
    [
        ("", "", None),  # no document: nothing to compare
        ("", "# only a comment\n", None),
        ("", "k: a\n", (1, 1)),  # a document where there was none
        ("\n\nk: a\n", "", (1, 1)),  # the document gone
        ("k: a\n", "k: [a]\n", (1, 4)),  # text become a list
        ("k: [a]\n", "k: {a: b}\n", (1, 4)),  # a list become a mapping
        ("k: {a: b}\n", "k: [a]\n", (1, 4)),  # a mapping become a list
        ("k: {a: b}\n", "k: a\n", (1, 4)),  # a mapping become text
        ("k:\n  - a\n  - b\n", "k:\n  - a\n", (2, 3)),  # a list one shorter: at the list
        ("k: [a, b]\n", "k: [a, c]\n", (1, 8)),  # at the item that changed
        ("k: [[a], [b]]\n", "k: [[a], [c]]\n", (1, 11)),
        ("a: 1\nb: 2\n", "a: 1\n", (2, 1)),  # a key gone: at the key
        ("a: 1\nb: 2\n", "a: 1\nb: 3\n", (2, 4)),  # at the value that changed
        ("k:\n  a: 1\nl: 2\n", "k:\n  a: 1\n  b: 2\nl: 2\n", (2, 3)),  # a key more: the mapping
        ("x: 0\na: 1\na: 2\n", "x: 0\na: 2\n", (1, 1)),  # a key twice: not compared
        ("? [a]\n: 1\n", "? [a]\n: 1\n", (1, 1)),  # a key that is a list: not compared
        ("extra:\n  a: 1\n", "extra:\n  a: 1\n", None),  # keys the schema does not know
        ("extra:\n  a: 1\n", "extra:\n  a: 2\n", (2, 6)),
        ("k: .nan\n", "k: .NaN\n", None),  # not a number is not a number
        ("k: .nan\n", "k: 1.5\n", (1, 4)),
        ("k: 1.5\n", "k: .nan\n", (1, 4)),
        ("k: 1.5\n", "k: 2.5\n", (1, 4)),
        ("k: 1\n", "k: 1.0\n", (1, 4)),  # a whole number become a fraction
        ("k: 1\n", "k: true\n", (1, 4)),  # a number become true, which Python holds equal
    ],
)
def test_each_kind_of_change_is_found_at_its_place(
    before: str, after: str, place: tuple[int, int] | None
) -> None:
    """Each kind of change the second reading finds is named at its line and column."""
    assert differences(before, after) == place


def test_a_character_libyaml_refuses_is_named_at_the_start() -> None:
    """A control character libyaml will not read has no place it gives: the file's start."""
    with pytest.raises(CrossReadError) as unread:
        differences("a: 1\n\nk: \x07\n", "k: a\n")
    assert (unread.value.line, unread.value.column) == (1, 1)
    assert str(unread.value) == "1:1"
    assert differences("k: a\n", "k: \x07\n") == (1, 1)
    with pytest.raises(CrossReadError) as unread:
        differences("a: 1\n\nk: [b\n", "k: a\n")
    assert str(unread.value) == "4:1"


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="needs libyaml")
def test_the_second_reading_is_libyamls() -> None:
    """libyaml, unlike PyYAML's own parser, reads a tab after a key's colon."""
    assert differences("k:\ta\n", "k: a\n") is None


def test_a_choice_of_kinds_takes_the_branch_whose_keys_it_has() -> None:
    """Of a choice (``oneOf``), a mapping takes the branch one of whose required keys it has."""
    need = schema()["$defs"]["need"]
    assert branch(need, {"one_of"}) is schema()["$defs"]["alternatives"]
    assert branch(need, {"case_study", "x"}) is schema()["$defs"]["case_study_copy"]
    assert branch(need, {"x"}) is need
    assert branch(need, set()) is need
    phase = schema()["$defs"]["phase"]
    assert branch(phase, {"duration"}) is phase

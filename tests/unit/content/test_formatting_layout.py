"""fmt's layout: a tree put in canonical order and spelling, and written out as text."""

import pytest

from recurrent_care_pack._content.formatting import written_text
from recurrent_care_pack._content.formatting.layout import arrange, emit
from recurrent_care_pack._content.formatting.tree import parse


def _laid_out(text: str) -> str:
    return emit(arrange(parse(text)))


def test_keys_go_in_the_schemas_order_in_block_style() -> None:
    """Flow mappings and lists are laid out in block style, keys as the schema lists them."""
    assert _laid_out(
        "pack: {title: T, id: p}\nsections:\n- {title: S, id: s, exercises: [{time: 30m, id: e}]}\n"
    ) == (
        "pack:\n  id: p\n  title: T\nsections:\n  - id: s\n    title: S\n    exercises:\n"
        "      - id: e\n        time: 30 minutes\n"
    )


def test_a_mapping_with_a_key_the_schema_lacks_keeps_its_order() -> None:
    """A misspelt key keeps the line validate names: its mapping is not reordered."""
    assert _laid_out("pack:\n    title:   T\n    zz: 1\n    id: p\n") == (
        "pack:\n  title: T\n  zz: 1\n  id: p\n"
    )


def test_comments_and_blank_lines_are_written_where_they_belong() -> None:
    """Comments keep their places; blank lines are never two in a row nor at either end."""
    assert _laid_out(
        "\n\n# file\n\n\n\npack:   # the pack\n  # above the id\n  title: T\n\n\n  id: p\n# end\n\n"
    ) == (  # the blank line above 'id' goes with it
        "# file\n\npack:  # the pack\n\n  id: p\n  # above the id\n  title: T\n# end\n"
    )


def test_a_yes_where_true_or_false_is_wanted_stays_for_validate() -> None:
    """'inferred: yes' is a slip for true: left as written, while a title 'yes' is quoted."""
    assert _laid_out("works:\n  - id: w\n    inferred: yes\n    title: yes\n") == (
        "works:\n  - id: w\n    title: 'yes'\n    inferred: yes\n"
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("word", "word"),
        ("flipchart paper", "flipchart paper"),
        ("it's", "it's"),
        ("null", "'null'"),
        ("no", "'no'"),  # false to YAML 1.1
        ("yes", "'yes'"),
        ("010", "'010'"),  # octal to YAML 1.1
        ("2019-05-22", "'2019-05-22'"),
        ("a: b", "'a: b'"),
        ("#x", "'#x'"),
        (" lead", "' lead'"),
        ("", "''"),
        ("tab\there", '"tab\\there"'),
        ("it's\x07", '"it\'s\\a"'),
    ],
)
def test_text_is_written_plain_only_where_every_yaml_tool_reads_it_back(
    text: str, written: str
) -> None:
    """Plain where YAML 1.1 and 1.2 read the text back as itself, else in the simplest quotes."""
    assert written_text(text) == written

"""fmt and quoted keys: a key that reads as text stays text, to YAML 1.1 and 1.2 tools alike."""

import pytest

from recurrent_care_pack._content.formatting import LayoutError, format_text, layout

_KEYS = [
    "1",
    "true",
    "null",
    "2019-01-01",
    ".inf",
    "0x1F",
    "yes",
    "y",
    "1:20",
    "1_000",
    "<<",
    "~",
    ".5",
]
_HOW = "; leave this part as it is, or write it more simply (block style, one comment per line), and report it if it looks right"


@pytest.mark.parametrize("key", _KEYS)
@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_quoted_key_that_plain_would_read_otherwise_keeps_its_quotes(
    key: str, quote: str
) -> None:
    """``'1':`` stays quoted: plain, YAML 1.2 tools read a number (YAML 1.1 tools, a date...)."""
    assert format_text(f"{quote}{key}{quote}: a\nabc: b\n") == f"'{key}': a\nabc: b\n"


def test_a_plain_key_keeps_what_it_is() -> None:
    """A plain number stays a number; a plain word YAML 1.1 reads otherwise is quoted."""
    assert format_text("1: a\nyes: b\n2019-01-01: c\n'abc': d\n") == (
        "1: a\n'yes': b\n'2019-01-01': c\nabc: d\n"
    )


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("1", "a value here would change"),
        ("true", "a value here would change"),
        ("2019-01-01", "YAML 1.1 tools would read this key otherwise"),
        ("yes", "YAML 1.1 tools would read this key otherwise"),
    ],
)
def test_the_read_back_sees_a_key_that_would_change_kind(
    monkeypatch: pytest.MonkeyPatch, key: str, why: str
) -> None:
    """Were fmt to drop a key's quotes, reading the result back would refuse it, at the key."""
    monkeypatch.setattr(layout, "_key", lambda key: str(key.value))
    with pytest.raises(LayoutError) as refused:
        format_text(f"abc: a\n'{key}': b\n")
    assert str(refused.value) == f"2:1: rcpack fmt cannot lay this out safely: {why}{_HOW}"


def test_a_text_yaml_1_1_reads_otherwise_is_quoted_but_a_date_where_one_is_wanted() -> None:
    """A text YAML 1.1 tools would read as a date or a number is written in quotes.

    So an id or a title, however it came; ``published``, where the schema wants a date,
    stays plain.
    """
    before = (
        "pack:\n"
        "  id: 2019-05-22\n"
        "  title: '1:20'\n"
        "  published: 2019-05-22\n"
        "people:\n"
        "  - id: '2019-05-23'\n"
        "    name: 1_000\n"
    )
    assert format_text(before) == (
        "pack:\n"
        "  id: '2019-05-22'\n"
        "  title: '1:20'\n"
        "  published: 2019-05-22\n"
        "people:\n"
        "  - id: '2019-05-23'\n"
        "    name: '1_000'\n"
    )

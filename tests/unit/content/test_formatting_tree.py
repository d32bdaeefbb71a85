"""fmt's layout tree: what the parser read, each comment and blank line where it belongs."""

import pytest

from recurrent_care_pack._content.formatting import LayoutError
from recurrent_care_pack._content.formatting.tree import (
    Entry,
    Item,
    Map,
    Scalar,
    Seq,
    is_empty,
    is_flow_out,
    parse,
)


def _map(node: object) -> Map:
    assert isinstance(node, Map)
    return node


def _seq(node: object) -> Seq:
    assert isinstance(node, Seq)
    return node


def test_each_comment_is_kept_with_what_it_annotates() -> None:
    """The file's own lines, a comment above an entry, one ending a line, a block's tail."""
    source = parse("# file\n\n# above pack\npack:  #eol\n  id: p\n  # tail of pack\n# end\n")
    assert (source.header, source.trailing) == (["# file", ""], ["# end"])
    (pack,) = _map(source.root).entries
    assert (pack.before, pack.eol) == (["# above pack"], "# eol")  # '#eol' spaced
    inner = _map(pack.value)
    assert inner.tail == ["# tail of pack"]
    (entry,) = inner.entries
    assert (entry.key.value, entry.before, entry.eol) == ("id", [], "")


def test_a_list_keeps_its_items_comments_and_places() -> None:
    """Items carry their end-of-line comments; a flow list its own; each scalar its place."""
    source = parse("pack:\n  list: [a, b]  # after\n  items:\n    - x  # on x\n    # below x\n")
    flow, block = _map(_map(source.root).entries[0].value).entries
    assert flow.eol == "# after"
    words = _seq(flow.value)
    assert (words.flow, [(i.value.line, i.value.column) for i in words.items]) == (  # type: ignore[union-attr]
        True,
        [(2, 10), (2, 13)],
    )
    items = _seq(block.value)
    assert (items.flow, items.tail) == (False, ["# below x"])
    (item,) = items.items
    assert item == Item(Scalar("x", "x", "", 4, 7), eol="# on x")


def test_a_comment_indented_less_than_a_block_does_not_end_it() -> None:
    """A comment left of a list's dashes stands above what follows, not in the list."""
    source = parse("pack:\n  items:\n      - x\n    # between\n  notes: n\n")
    items, notes = _map(_map(source.root).entries[0].value).entries
    assert (_seq(items.value).tail, notes.before) == ([], ["# between"])
    source = parse("pack:\n  items:\n      - x\n      # in the list\n  notes: n\n")
    items, notes = _map(_map(source.root).entries[0].value).entries
    assert (_seq(items.value).tail, notes.before) == (["# in the list"], [])


def test_a_key_keeps_how_it_was_written_and_what_it_is() -> None:
    """'01' and 1 stay apart as written; a key YAML 1.1 reads otherwise is marked so."""
    keys = [entry.key for entry in _map(parse("'01': a\n1: b\nyes: c\n'no': d\n").root).entries]
    assert [(key.value, key.kind) for key in keys] == [
        ("01", (str, True)),
        ("1", (int, False)),  # a number to YAML 1.1 and 1.2 alike
        ("yes", (str, False)),
        ("no", (str, True)),
    ]


def test_text_that_is_not_yaml_is_refused_where_its_line_starts() -> None:
    """A parse error is a `LayoutError` at the first character of the line it is on."""
    with pytest.raises(LayoutError) as refused:
        parse("pack:\n  id: p\n    title: [T\n")
    assert (refused.value.line, refused.value.column) == (3, 5)
    assert refused.value.message.startswith(
        "rcpack fmt cannot lay this out safely: the result would not read as YAML; "
    )


def test_a_key_that_is_not_a_name_is_refused() -> None:
    """A list as a mapping's key is refused at the key."""
    with pytest.raises(LayoutError) as refused:
        parse("pack:\n  ? [a, b]\n  : c\n")
    assert (refused.value.line, refused.value.column) == (2, 5)
    assert "a key is not a plain name" in refused.value.message


def test_a_question_mark_with_no_space_in_a_flow_mapping_is_refused() -> None:
    """'{ ?foo: bar }' is read otherwise by YAML tools than YAML 1.2 says: refused."""
    with pytest.raises(LayoutError) as refused:
        parse("pack: { ?foo: bar }\n")
    assert refused.value.line == 1
    assert "YAML tools disagree about a '?' with no space after it" in refused.value.message


def test_empty_and_flow_out() -> None:
    """A collection with nothing in it is empty; only a list laid out ``[a, b]`` flows out."""
    assert is_empty(Map([], flow=False, line=1, column=1))
    assert not is_empty(Map([Entry(Scalar("k", "k", "", 1, 1))], flow=False, line=1, column=1))
    assert not is_empty(Seq([Item()], flow=True, line=1, column=1))
    assert is_flow_out(Seq([Item()], flow=False, line=1, column=1, flow_out=True))
    assert not is_flow_out(Seq([Item()], flow=True, line=1, column=1))
    assert not is_flow_out(Map([], flow=True, line=1, column=1))

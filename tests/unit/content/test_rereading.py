"""Reading an edited file again, only the part changed: the same as reading it whole, always.

The property makes random edits of a file (insertions, deletions, changed indents, broken
syntax, comments, multi-line texts, flow lists) and compares what the cache reads after
each with a fresh reading of the whole text; the examples show the part is read alone
where it can be (else the property would test only whole readings).
"""

from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st

from recurrent_care_pack._content.loading import FileCache
from recurrent_care_pack._content.reading import Document, read_bytes
from recurrent_care_pack._content.rereading import node_count, reread

FILE = Path("pack.yaml")

TEXT = """\
# A pack, as an editor has it open.
pack:
  id: p
  title: A pack
  published: 2019-05-22
sections:
  - id: s1
    number: 1
    title: First, with a title
      that runs on
    covers:
      - >-
        What we mean by engagement,
        and by its lack.
      - 'Quoted, on
        two lines'
    films: [film-1, film-2]
    optional: no
    extra: {a: 1, b: [2, 3]}

  # between the items
  - id: s2
    number: 2
    title: "Second"
    text: |
      kept
        as written
    modules:
      - id: m1
        number: 10
        films:
          - film-1
      - id: m2
people:
- id: sam
  name: Sam
  notes:
    - yes
    - on
"""

#: What an edit types: letters and spaces, and the characters that change YAML's shape.
_TYPED = [
    "x",
    "x",
    "word ",
    " ",
    "  ",
    "\n",
    "\n    ",
    "\n  - id: new\n",
    "\n    key: value",
    "- ",
    ": ",
    ":",
    "#",
    " # note",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ", ",
    "|\n      block\n",
    ">-\n",
    "...\n",
    "---\n",
    "%YAML 1.2\n",
    "\t",
    "yes",
    "010",
    "&a ",
    "*a",
    "!t ",
    "é",
    "\r\n",
    "\r",
    "\x00",
    "\u2028",
    "key: value\n",
    "? ",
    "9" * 120,
]


@st.composite
def _edit(draw: st.DrawFn, text: str) -> str:
    """``text`` after one edit: something typed, some deleted, a line's indent changed."""
    at = draw(st.integers(0, len(text)))
    kind = draw(st.sampled_from(["type", "type", "delete", "indent", "outdent", "join"]))
    if kind == "type":
        return text[:at] + draw(st.sampled_from(_TYPED)) + text[at:]
    if kind == "delete":
        return text[:at] + text[at + draw(st.integers(1, 40)) :]
    start = text.rfind("\n", 0, at) + 1
    if kind == "indent":
        return text[:start] + " " * draw(st.integers(1, 4)) + text[start:]
    if kind == "outdent":
        spaces = len(text[start:]) - len(text[start:].lstrip(" "))
        return text[:start] + text[start + min(spaces, draw(st.integers(1, 4))) :]
    end = text.find("\n", at)
    return text if end < 0 else text[:end] + text[end + 1 :]


def _same(one: Document | None, other: Document | None) -> bool:
    """Whether two readings are the same: data (with its types), marks, and their order."""
    if one is None or other is None:
        return one is other
    return (
        one == other
        and repr(one.data) == repr(other.data)
        and all(
            list(getattr(one, name).items()) == list(getattr(other, name).items())
            for name in ("values", "keys", "items", "yes_no_words")
        )
    )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_reading_an_edited_file_again_is_reading_it_whole(data: st.DataObject) -> None:
    """After each of a few random edits, reading only the part changed is reading it whole.

    Both as `reread` gives it, where it does, and as the cache keeps each file's reading.
    """
    cache = FileCache()
    text = data.draw(st.sampled_from([TEXT, TEXT.replace("\n", "\r\n")]))
    last, _ = cache.read(FILE, text.encode(), 1 << 20)
    clean = True
    for _ in range(data.draw(st.integers(1, 4))):
        before, text = text, data.draw(_edit(text))
        raw = text.encode("utf-8", "surrogatepass")
        whole, problems = read_bytes(FILE, raw, 1 << 20)
        if clean and last is not None and "\ufeff" not in text:
            again = reread(last, before, node_count(last.data), text)
            event("read whole" if again is None else "read again in part")
            if again is not None:
                assert _same(again[0], whole)
                assert problems == []
        last, kept_problems = cache.read(FILE, raw, 1 << 20)
        assert _same(last, whole)
        assert kept_problems == problems
        clean = not problems


def _again(before: str, after: str) -> Document | None:
    """``after`` read by reading again only the part it changed of ``before``; None if not."""
    document, problems = read_bytes(FILE, before.encode())
    assert document is not None
    assert problems == []
    found = reread(document, before, node_count(document.data), after)
    if found is None:
        return None
    whole, _ = read_bytes(FILE, after.encode())
    assert _same(found[0], whole)
    assert found[1] == node_count(found[0].data)
    return found[0]


def test_an_edit_inside_a_list_item_reads_that_item_alone() -> None:
    """A word typed in a title, a line added, a line taken away: each item read alone."""
    for old, new in [
        ("title: First", "title: The first"),
        ("    number: 2\n", "    number: 2\n    extra: line\n"),
        ("    optional: no\n", ""),
        ("      - id: m2\n", "      - id: m2\n      - id: m3\n"),
        ("  name: Sam", "  name: Samuel"),
    ]:
        assert _again(TEXT, TEXT.replace(old, new, 1)) is not None, new


def test_an_edit_of_a_top_level_mapping_reads_that_key_alone() -> None:
    """A change to the pack's details reads ``pack:`` alone, even with CRLF line ends."""
    assert _again(TEXT, TEXT.replace("title: A pack", "title: The pack")) is not None
    crlf = TEXT.replace("\n", "\r\n")
    assert _again(crlf, crlf.replace("title: A pack", "title: A\r\n    pack")) is not None


def test_unusual_edits_read_the_whole_file() -> None:
    """A new item, a key at the left edge, a lone CR, a comment line edited: read whole."""
    for old, new in [
        ("    number: 2\n", "    number: 2\n  - id: s3\n"),  # a second item in the part
        ("    optional: no\n", "    optional: no\nmore: keys\n"),  # a top-level key
        ("title: First", "title: First\r"),  # a line broken by a lone CR
        ("# A pack", "# The pack"),  # before the first key
        ("  - id: s2", "   - id: s2"),  # the item's dash moved
        ("    extra: {a: 1, b: [2, 3]}\n", "    extra: {a: 1, b: [2, 3]}\n...\n"),
    ]:
        assert _again(TEXT, TEXT.replace(old, new, 1)) is None, new

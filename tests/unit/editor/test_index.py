"""What the editor reads of a pack's files: ids where first given, keys completed where typed."""

from pathlib import Path

from recurrent_care_pack._content.reading import MAX_FILE_SIZE, Document, read_bytes
from recurrent_care_pack._editor.completion import complete
from recurrent_care_pack._editor.index import PackIndex


def _read(name: str, text: str) -> Document:
    document, _ = read_bytes(Path(name), text.encode(), MAX_FILE_SIZE)
    assert document is not None
    return document


def test_an_id_given_twice_is_found_where_it_is_first_given() -> None:
    """Go to definition, hover and rename name the first place, as the pack's order has it."""
    first = _read("a.yaml", "people:\n  - id: sam\n    name: Sam A\n")
    second = _read("b.yaml", "people:\n  - id: sam\n    name: Sam B\n")
    named = PackIndex([first, second]).named["sam"]
    assert (named.file, named.path, named.item["name"]) == (Path("a.yaml"), ("people", 0), "Sam A")


def test_top_level_keys_are_offered_at_the_first_column_only() -> None:
    """A key typed above the first, at column 1, may be a top-level key; one indented may not."""
    document = _read("new.yaml", "\npack:\n  id: p\n")
    index = PackIndex([document])
    assert "sections" in [item.label for item in complete(document, index, 1, "s")]
    assert complete(document, index, 1, " s") == []

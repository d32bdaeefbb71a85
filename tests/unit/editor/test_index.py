"""What the editor reads of a pack's files: ids where first given, keys completed where typed."""

from pathlib import Path

from paths import DATA

from recurrent_care_pack._content.loading import FileCache
from recurrent_care_pack._content.reading import MAX_FILE_SIZE, Document, read_bytes
from recurrent_care_pack._editor.completion import complete
from recurrent_care_pack._editor.index import PackIndex, Parts


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


def test_an_index_kept_by_part_is_the_index_made_afresh_after_each_edit() -> None:
    """Parts read before are bound to the new reading: the same ids, at the places written now."""
    text = (DATA / "section-3.yaml").read_text(encoding="utf-8")
    cache, file, parts = FileCache(), Path("section-3.yaml"), Parts()
    edits = [
        text,
        text.replace("\n    title: ", "\n    title: New ", 1),  # read again in part
        text.replace("\n    title: ", "\n\n\n    title: ", 1),  # lines added: the rest move
        text.replace("- id: film-2\n", "- id: film-2b\n", 1),  # an id changed
        text,
    ]
    for edited in edits:
        document, _ = cache.read(file, edited.encode(), MAX_FILE_SIZE)
        assert document is not None
        kept, fresh = PackIndex([document], parts), PackIndex([document])
        assert list(kept.named) == list(fresh.named)
        assert kept.twice == fresh.twice
        for mine, theirs in zip(kept.named.values(), fresh.named.values(), strict=True):
            assert (mine.document, mine.path, mine.item) == (document, theirs.path, theirs.item)
        assert [(r.id, r.kind, r.document, r.path) for r in kept.references] == [
            (r.id, r.kind, r.document, r.path) for r in fresh.references
        ]

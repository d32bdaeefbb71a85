"""What merging keeps of a file with parts left out, and where each merged part came from."""

from pathlib import Path
from typing import Any

from small_packs import BASE

from recurrent_care_pack._content.merging import merge
from recurrent_care_pack._content.reading import Document, KeyPath, read_text

FILE = Path("pack.yaml")
SECTION = ("sections", 0)


def _document() -> Document:
    document, problems = read_text(FILE, BASE.encode())
    assert document is not None, problems
    return document


def test_a_key_left_out_of_an_item_is_dropped_and_its_neighbours_kept() -> None:
    """A module's allowance left out: the module stays, without that one key."""
    document = _document()
    left_out: dict[KeyPath, dict[str, Any] | None] = {(*SECTION, "modules", 0, "allowance"): None}
    merged, _, problems = merge([document], {FILE: left_out})
    module = merged["sections"][0]["modules"][0]
    assert "allowance" not in module
    assert module == {
        k: v for k, v in document.data["sections"][0]["modules"][0].items() if k != "allowance"
    }
    assert merged["sections"][0]["modules"][1] == document.data["sections"][0]["modules"][1]
    assert problems == []


def test_a_key_left_out_of_an_item_in_a_list_inside_an_item_is_dropped() -> None:
    """What is left out two lists down (a module's films, in a section) is left out."""
    left_out: dict[KeyPath, dict[str, Any] | None] = {(*SECTION, "modules", 1, "films"): None}
    merged, _, _ = merge([_document()], {FILE: left_out})
    modules = merged["sections"][0]["modules"]
    assert "films" in modules[0]
    assert "films" not in modules[1]
    assert modules[1]["id"] == "m3"


def test_a_part_put_in_place_of_another_is_merged_in_its_place() -> None:
    """A mapping given for a path left out stands in its place (pruning's trimmed part)."""
    stand_in = {"id": "m3", "number": 3, "title": "Trimmed"}
    left_out: dict[KeyPath, dict[str, Any] | None] = {
        (*SECTION, "modules", 1): stand_in,
        (*SECTION, "media", 1, "kind"): None,
    }
    merged, _, _ = merge([_document()], {FILE: left_out})
    assert merged["sections"][0]["modules"][1] == stand_in
    assert "kind" not in merged["sections"][0]["media"][1]


def test_after_an_item_left_out_a_later_one_is_located_where_it_is_written() -> None:
    """Module 2 left out: the merged document's first module is the file's second."""
    document = _document()
    left_out: dict[KeyPath, dict[str, Any] | None] = {(*SECTION, "modules", 0): None}
    merged, origins, _ = merge([document], {FILE: left_out})
    assert [m["id"] for m in merged["sections"][0]["modules"]] == ["m3"]
    path = (*SECTION, "modules", 0, "title")
    assert origins.locate(path) == (document, (*SECTION, "modules", 1, "title"))
    assert origins.where(path) == (FILE, document.where((*SECTION, "modules", 1, "title")))
    assert origins.where(path)[1] == (22, 16)  # "Trauma-informed approaches"
    # A path through no list left out is located as it is.
    media = (*SECTION, "media", 1, "number")
    assert origins.locate(media) == (document, media)


def test_a_path_naming_a_whole_list_or_nothing_has_no_origin() -> None:
    """A merged list as a whole, or the root, comes from no one file."""
    document = _document()
    _, origins, _ = merge([document])
    assert origins.locate(("sections",)) is None
    assert origins.locate(()) is None
    assert origins.locate(("pack", "title")) == (document, ("pack", "title"))
    assert origins.locate(("sections", 0, "id")) == (document, ("sections", 0, "id"))

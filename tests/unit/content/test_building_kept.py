"""Building a pack again after an edit: the sections not edited are not built again."""

from pathlib import Path
from typing import Any

from paths import DATA

from recurrent_care_pack._content.building import SectionsKept, pack_from_dict
from recurrent_care_pack._content.loading import FileCache, check_paths
from recurrent_care_pack._content.reading import MAX_FILE_SIZE, read_bytes


def _data(text: str) -> dict[str, Any]:
    document, problems = read_bytes(Path("pack.yaml"), text.encode(), MAX_FILE_SIZE)
    assert document is not None, problems
    assert isinstance(document.data, dict)
    return document.data


def test_a_section_kept_is_reused_only_while_it_is_the_same_mapping() -> None:
    """The same pack as built afresh, whatever was kept; a section reused only if unchanged."""
    details = (DATA / "pack.yaml").read_text(encoding="utf-8")
    section = (DATA / "section-3.yaml").read_text(encoding="utf-8").split("sections:\n", 1)[1]
    data = _data(f"{details}\nsections:\n{section}")
    second = section.replace("id: section-3", "id: section-4", 1).replace(
        "    number: 3\n", "    number: 4\n", 1
    )
    kept: SectionsKept = {}
    first = pack_from_dict(data, kept)
    assert first == pack_from_dict(data)
    again = pack_from_dict(data, kept)
    assert again == first
    assert again.sections[0] is first.sections[0]  # the same mapping: not built again
    listed = data["sections"]
    assert isinstance(listed, list)
    edited = {**data, "sections": [*listed, _data(f"sections:\n{second}")["sections"][0]]}
    grown = pack_from_dict(edited, kept)
    assert grown == pack_from_dict(edited)
    assert grown.sections[0] is first.sections[0]
    assert [s.id for s in grown.sections] == ["section-3", "section-4"]
    changed = {**data, "sections": [_data(f"sections:\n{second}")["sections"][0]]}
    assert pack_from_dict(changed, kept) == pack_from_dict(changed)
    assert list(kept) == [id(changed["sections"][0])]  # only this time's sections are kept


def test_a_check_after_an_edit_builds_the_pack_an_editor_would_build_afresh(
    tmp_path: Path,
) -> None:
    """Checked with a cache (as rcpack lsp checks) after an edit: the pack of a fresh check."""
    for name in ("pack.yaml", "section-3.yaml"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    file = tmp_path / "section-3.yaml"
    text = file.read_text(encoding="utf-8")
    cache = FileCache()
    for edited in (text, text.replace("title: Workforce", "title: New Workforce", 1), text):
        kept = check_paths([file], texts={file: edited}, cache=cache)
        fresh = check_paths([file], texts={file: edited})
        assert kept.problems == fresh.problems == ()
        assert kept.pack == fresh.pack

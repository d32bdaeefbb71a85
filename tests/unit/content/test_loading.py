"""Loading: the last line of defence behind the schema."""

import shutil
from pathlib import Path

import pytest
from paths import DATA

from recurrent_care_pack._content import loading as _loading
from recurrent_care_pack._content import schema as _schema


def _pack(folder: Path) -> None:
    data = DATA
    for file in data.glob("*.yaml"):
        shutil.copy(file, folder / file.name)
    section = (folder / "section-3.yaml").read_text(encoding="utf-8")
    for copy in range(1, 7):  # more sections, in files of their own, one of them broken
        text = section.replace("id: ", f"id: c{copy}-").replace("number: ", "number: 10")
        text = text.replace(f"c{copy}-case-study", "case-study").replace(
            "- film", f"- c{copy}-film"
        )
        (folder / f"copy-{copy}.yaml").write_text(text, encoding="utf-8")
    broken = folder / "copy-3.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("time: 30 minutes", "time: 30", 1)
    )


def test_content_the_model_cannot_build_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the schema ever let through what the model cannot build, it is a problem, not a crash."""
    _pack(tmp_path)
    for copy in tmp_path.glob("copy-*.yaml"):
        copy.unlink()
    section = tmp_path / "section-3.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            "    published: 2019-05-22\n", "    published: 2019-05-22\n    colour: red\n", 1
        )
    )
    assert _loading.check(tmp_path).problems[0].code == "RC201"  # the schema finds it first
    monkeypatch.setattr(_schema, "schema_failures", lambda *_: ([], []))  # a schema that misses it
    result = _loading.check(tmp_path)
    assert result.pack is None
    assert [(p.file.name, p.line, p.column, p.code, p.message) for p in result.problems] == [
        (
            "pack.yaml",
            5,
            1,
            "RC209",
            "the content could not be built: Extra fields in constructor for Section: colour",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("allowance: 23 minutes", "allowance: 23 minuets"),
        ("    title: Understanding non-engagement", "    titel: Understanding non-engagement"),
        ("id: film-6", "id: Film 6"),
        ("time: 30 minutes", "time: 30"),
    ],
)
def test_failures_kept_by_item_are_the_failures_found_afresh(old: str, new: str) -> None:
    """An editor's check, which re-checks changed list items only, finds what a fresh one does."""
    from recurrent_care_pack._content.reading import read_text  # noqa: PLC0415

    data = DATA / "section-3.yaml"
    text = data.read_text(encoding="utf-8")
    assert old in text
    items: _schema.ItemFailures = {}
    before = read_text(data, text.encode("utf-8"))[0]
    assert before is not None
    assert _schema.schema_failures(before, items) == ([], [])
    kept = len(items)
    edited = read_text(data, text.replace(old, new, 1).encode("utf-8"))[0]
    assert edited is not None
    assert _schema.schema_failures(edited, items) == _schema.schema_failures(edited)
    assert _schema.schema_failures(edited)[0]  # the edit is a problem, found both ways
    assert len(items) == kept  # what was kept is this file's items, no more


def test_an_item_past_the_problem_limit_is_checked_up_to_it_and_not_kept() -> None:
    """50,000 wrong values in one section: checking stops at the limit, and keeps nothing half.

    The section's failures were not all found, so none are kept: checking it again (an
    editor's next check) gives the same problems, not those of a part of the list.
    """
    from recurrent_care_pack._content.reading import read_text  # noqa: PLC0415

    covers = "[" + "1, " * 50_000 + "1]"
    text = f"sections:\n  - id: s\n    number: 1\n    title: T\n    covers: {covers}\n"
    document = read_text(Path("section-3.yaml"), text.encode("utf-8"))[0]
    assert document is not None
    items: _schema.ItemFailures = {}
    problems, failures = _schema.schema_failures(document, items)
    assert len(problems) == 1001
    assert problems[-1].code == "RC113"
    assert str(problems[0]) == (
        "section-3.yaml:5:14: RC203 entry 1 of 'covers' should be text, not the number 1"
    )
    assert failures[-1] == ((), "stopped")
    assert items == {}
    assert _schema.schema_failures(document, items) == (problems, failures)

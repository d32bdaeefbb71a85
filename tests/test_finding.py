"""Which files make a pack: the same answer however the files are named, nothing ignored."""

import os
import shutil
from pathlib import Path

import pytest

from recurrent_care_pack._cli import main
from recurrent_care_pack._content.finding import find_files, find_packs

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/pack.schema.json\n"


def _split_pack(content: Path) -> None:
    """The bundled pack as a pack folder: details in pack.yaml, Section 3 a folder below."""
    (content / "sections").mkdir(parents=True)
    shutil.copy(DATA / "pack.yaml", content / "pack.yaml")
    shutil.copy(DATA / "section-3.yaml", content / "sections" / "workforce.yaml")


def _validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["validate", *args])
    return status, capsys.readouterr().out.splitlines()


def _break_a_reference(file: Path) -> tuple[int, int]:
    """Make the first ``exercise: exercise-9`` name 'exercise-99'; its line and column."""
    text = file.read_text(encoding="utf-8")
    offset = text.index("exercise: exercise-9\n") + len("exercise: ")
    file.write_text(text[:offset] + "exercise-99" + text[offset + len("exercise-9") :])
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def test_a_file_a_folder_and_a_subfolder_of_a_pack_get_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Naming the section file, the pack folder, a subfolder, or nothing: one RC402, no RC407."""
    _split_pack(tmp_path / "content")
    line, column = _break_a_reference(tmp_path / "content" / "sections" / "workforce.yaml")
    problem = (
        f"content/sections/workforce.yaml:{line}:{column}: RC402 no exercise has the id "
        "'exercise-99'; did you mean 'exercise-9'?"
    )
    expected = (1, [problem, "checked 2 files in content/: 1 problem in 1 file"])
    monkeypatch.chdir(tmp_path)
    assert _validate(capsys, "content/sections/workforce.yaml") == expected
    assert _validate(capsys, "content/") == expected
    assert _validate(capsys, "content/sections") == expected
    assert _validate(capsys) == expected
    monkeypatch.chdir(tmp_path / "content" / "sections")
    status, lines = _validate(capsys)
    assert (status, lines[-1]) == (1, "checked 2 files in ../: 1 problem in 1 file")
    assert lines[0] == "workforce.yaml:" + problem.split(":", 1)[1]


def test_a_hidden_file_named_in_a_pack_folder_is_checked_with_its_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A dot-file named explicitly is checked, with its pack's ids, never passed over."""
    _split_pack(tmp_path)
    (tmp_path / ".draft.yaml").write_text(
        "case_studies:\n  - id: case-study-sam\n    name: Sam\n    title: The case study of Sam\n"
        "    based_on: no-such-work\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert _validate(capsys, ".") == (0, ["checked 2 files in this folder: no problems"])
    assert _validate(capsys, ".draft.yaml") == (
        1,
        [
            ".draft.yaml:5:15: RC402 no work has the id 'no-such-work'; the work ids are: "
            "broadhurst-et-al-2017, care-crisis-review-2018, sebba-et-al-2017",
            "checked 3 files in this folder: 1 problem in 1 file",
        ],
    )
    assert main(["validate", "--content-only", ".draft.yaml"]) == 0
    assert capsys.readouterr().out == "checked no files: no problems\n"


def test_content_only_passes_over_what_is_not_pack_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Workflows, other YAML and unmarked loose files are passed over; a marked file is not."""
    _split_pack(tmp_path / "content")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "loose.yaml").write_text(SCHEMA_LINE + "works: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = [".github/workflows/ci.yml", "mkdocs.yml", "loose.yaml", "content/pack.yaml"]
    status, lines = _validate(capsys, "--content-only", *named)
    assert status == 1
    assert lines == [
        "loose.yaml:2:1: RC407 no file of this pack gives the pack details; add a 'pack:' "
        "mapping with its id, title, publisher and published date to a file named pack.yaml "
        "(the files in a folder with a pack.yaml are checked together as one pack; a file "
        "outside such a folder is a pack on its own)",
        "checked 3 files in this folder: 1 problem in 1 file",
    ]
    assert [str(f) for f in find_files([Path(n) for n in named], content_only=True)] == [
        "loose.yaml",
        "content/pack.yaml",
    ]


def test_a_search_finds_pack_folders_and_marked_files_only(tmp_path: Path) -> None:
    """Nested packs are packs of their own; venvs, node_modules and hidden folders are not searched."""
    _split_pack(tmp_path / "content")
    _split_pack(tmp_path / "content" / "archive")  # a pack of its own inside the first
    for hidden in ("venv", "node_modules", ".cache"):
        _split_pack(tmp_path / hidden)
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "marked.yaml").write_text(SCHEMA_LINE + "works: []\n")
    (tmp_path / "notes" / "other.yaml").write_text("a: 1\n")
    os.mkfifo(tmp_path / "notes" / "pipe.yaml")  # outside a pack: never opened
    packs = find_packs([tmp_path])
    found = {
        str(p.root.relative_to(tmp_path)): [str(f.relative_to(p.root)) for f in p.files]
        for p in packs
    }
    assert found == {
        "content": ["pack.yaml", "sections/workforce.yaml"],
        "content/archive": ["pack.yaml", "sections/workforce.yaml"],
        "notes/marked.yaml": ["."],
    }


def test_a_folder_with_neither_is_one_pack_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of YAML files with no pack.yaml and no schema line is read as one pack."""
    for source, name in (("pack.yaml", "details.yaml"), ("section-3.yaml", "section.yaml")):
        text = (DATA / source).read_text(encoding="utf-8")
        assert text.startswith(SCHEMA_LINE)
        (tmp_path / name).write_text(text.removeprefix(SCHEMA_LINE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _validate(capsys) == (0, ["checked 2 files in this folder: no problems"])


def test_fmt_of_a_file_in_a_pack_formats_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A named file stands for itself in fmt: the other files of its pack are not touched."""
    _split_pack(tmp_path)
    details = tmp_path / "pack.yaml"
    details.write_text(details.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    section = tmp_path / "sections" / "workforce.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["fmt", "sections/workforce.yaml"]) == 0
    assert capsys.readouterr().out == (
        "reformatted sections/workforce.yaml\n1 file in sections/: 1 reformatted, 0 unchanged\n"
    )
    assert details.read_text(encoding="utf-8").endswith("\n\n\n")


def test_marked_files_outside_a_pack_folder_are_each_a_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Details and sections in two marked files, no pack.yaml: the same RC407 however named."""
    shutil.copy(DATA / "pack.yaml", tmp_path / "details.yaml")
    shutil.copy(DATA / "section-3.yaml", tmp_path / "section.yaml")
    monkeypatch.chdir(tmp_path)
    rc407 = (
        "section.yaml:5:1: RC407 no file of this pack gives the pack details; add a 'pack:' "
        "mapping with its id, title, publisher and published date to a file named pack.yaml "
        "(the files in a folder with a pack.yaml are checked together as one pack; a file "
        "outside such a folder is a pack on its own)"
    )
    # Alone, the section's references to what the details file holds cannot resolve either.
    unresolved = [
        "section.yaml:109:13: RC402 no person has the id 'claire-mason'; add the person to the "
        "pack first",
        "section.yaml:148:13: RC402 no person has the id 'sheena-webb'; add the person to the "
        "pack first",
        "section.yaml:161:13: RC402 no person has the id 'danny-taggart'; add the person to the "
        "pack first",
        "section.yaml:175:25: RC402 no case study has the id 'case-study-tina'; add the case "
        "study to the pack first",
        "section.yaml:204:25: RC402 no case study has the id 'case-study-amy'; add the case "
        "study to the pack first",
        "section.yaml:385:19: RC402 no work has the id 'care-crisis-review-2018'; add the work "
        "to the pack first",
        "section.yaml:413:19: RC402 no organisation has the id 'action-for-change'; add the "
        "organisation to the pack first",
        "section.yaml:445:19: RC402 no work has the id 'care-crisis-review-2018'; add the work "
        "to the pack first",
        "section.yaml:446:19: RC402 no work has the id 'sebba-et-al-2017'; add the work to the "
        "pack first",
    ]
    assert _validate(capsys) == (
        1,
        [rc407, *unresolved, "checked 2 files in this folder: 10 problems in 1 file"],
    )
    assert _validate(capsys, "section.yaml") == (
        1,
        [rc407, *unresolved, "checked 1 file, section.yaml: 10 problems in 1 file"],
    )
    (tmp_path / "details.yaml").rename(tmp_path / "pack.yaml")  # the fix RC407 gives
    assert _validate(capsys, "section.yaml") == (
        0,
        ["checked 2 files in this folder: no problems"],
    )

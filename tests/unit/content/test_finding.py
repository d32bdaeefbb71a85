"""Which files make a pack: the same answer however the files are named, nothing ignored."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from content_heads import HEADS
from paths import DATA

from recurrent_care_pack import load_pack
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.finding import (
    find_files,
    find_packs,
    is_content_file,
    is_content_head,
    is_session_file,
    is_session_head,
    pack_folder_of,
)

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
    """Nested packs are packs of their own; venvs, node_modules and hidden folders are not searched.

    Outside pack folders, only content files count: other.yaml (no key of a pack's) is not one.
    """
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
        "notes": ["marked.yaml"],
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


def test_content_files_side_by_side_are_one_pack_however_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Details and sections in two files, no pack.yaml: one pack by folder or by either file."""
    shutil.copy(DATA / "pack.yaml", tmp_path / "details.yaml")
    shutil.copy(DATA / "section-3.yaml", tmp_path / "section.yaml")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")  # not content
    line, column = _break_a_reference(tmp_path / "section.yaml")
    monkeypatch.chdir(tmp_path)
    expected = (
        1,
        [
            f"section.yaml:{line}:{column}: RC402 no exercise has the id 'exercise-99'; did you "
            "mean 'exercise-9'?",
            "checked 2 files in this folder: 1 problem in 1 file",
        ],
    )
    assert _validate(capsys) == expected
    assert _validate(capsys, ".") == expected
    assert _validate(capsys, "section.yaml") == expected
    assert _validate(capsys, "--content-only", "section.yaml", "mkdocs.yml") == expected
    assert main(["validate", "mkdocs.yml"]) == 1  # named, it is checked: on its own
    assert capsys.readouterr().out.splitlines()[-1] == (
        "checked 1 file, mkdocs.yml: 1 problem in 1 file"
    )


def test_a_folder_with_no_pack_content_is_refused_not_taken_for_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML that is not pack content is never checked, nor formatted, unless named."""
    (tmp_path / "docker-compose.yml").write_text("services:\n  web: {image: x}\n")
    monkeypatch.chdir(tmp_path)
    for command in (["validate"], ["fmt"], ["validate", "."]):
        assert main(command) == 2
        assert capsys.readouterr().err == (
            "rcpack: '.' holds no pack content: a pack is a folder with a pack.yaml, or YAML "
            "files with a pack's keys (pack, sections, case_studies, people, organisations, "
            "works) or the schema line; name a file to check it anyway\n"
        )
    assert main(["fmt", "--content-only", "."]) == 0
    assert capsys.readouterr().out == "no files: 0 reformatted, 0 unchanged\n"
    assert (tmp_path / "docker-compose.yml").read_text() == "services:\n  web: {image: x}\n"


# What an attack on the finding found, each pinned.


def test_the_schema_line_counts_only_at_the_top_and_only_for_this_schema(tmp_path: Path) -> None:
    """A schema line inside block text, or another tool's schema, does not make content."""
    inside = tmp_path / "mkdocs.yml"
    inside.write_text(f"site_name: x\nextra:\n  snippet: |\n    {SCHEMA_LINE}")
    other = tmp_path / "modpack.yaml"
    other.write_text(
        "# yaml-language-server: $schema=https://e.org/modpack.schema.json\nname: m\n"
    )
    top = tmp_path / "top.yaml"
    top.write_text(f"---\n# a note first\n{SCHEMA_LINE}name: m\n")
    url = tmp_path / "url.yaml"
    url.write_text("# yaml-language-server: $schema=https://e.org/s/pack.schema.json\na: 1\n")
    assert [is_content_file(f) for f in (inside, other, top, url)] == [False, False, True, True]


@pytest.mark.parametrize("case", sorted(HEADS))
def test_a_file_is_content_by_how_it_starts_saved_or_as_text(tmp_path: Path, case: str) -> None:
    """The same answer for the saved file, its bytes and its text (an editor's buffer)."""
    text, kind = HEADS[case]
    file = tmp_path / "notes.yaml"
    file.write_bytes(text.encode("utf-8"))
    answers = {is_content_file(file), is_content_head(text.encode()), is_content_head(text)}
    assert answers == {kind == "content"}
    answers = {is_session_file(file), is_session_head(text.encode()), is_session_head(text)}
    assert answers == {kind == "session"}


def test_a_pack_yaml_above_the_repository_is_not_this_repositorys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The upward search stops at the top of the git repository: a parent's pack.yaml is not ours."""
    (tmp_path / "pack.yaml").write_text("name: x\nservices: {}\n", encoding="utf-8")
    repository = tmp_path / "project"
    (repository / ".git").mkdir(parents=True)
    _split_pack(repository / "content")
    (repository / "other").mkdir()
    (repository / "other" / "config.yml").write_text("key:   value\n", encoding="utf-8")
    monkeypatch.chdir(repository / "other")
    assert pack_folder_of(Path()) is None
    assert main(["fmt"]) == 2  # nothing here is content: nothing is formatted
    assert (repository / "other" / "config.yml").read_text(encoding="utf-8") == "key:   value\n"
    capsys.readouterr()
    monkeypatch.chdir(repository)
    assert _validate(capsys) == (0, ["checked 2 files in content/: no problems"])


def test_a_linked_folder_in_a_pack_gives_one_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder linked into a pack is part of it: by the pack, by a file through it, from inside."""
    pack = tmp_path / "p"
    _split_pack(pack)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "cs.yaml").write_text(
        "case_studies:\n  - id: case-study-zed\n    name: Zed\n    title: The case study of Zed\n"
    )
    (pack / "shared").symlink_to(tmp_path / "shared")
    (pack / "loop").symlink_to(pack)  # a link back: followed once, never round
    section = pack / "sections" / "workforce.yaml"
    section.write_text(section.read_text().replace("case-study-amy\n", "case-study-zed\n", 1))
    monkeypatch.chdir(tmp_path)
    answer = (0, ["checked 3 files in p/: no problems"])
    assert _validate(capsys, "p") == answer
    assert _validate(capsys, "p/shared/cs.yaml") == answer
    monkeypatch.chdir(pack / "shared")
    monkeypatch.setenv("PWD", str(pack / "shared"))  # as a shell sets it, through the link
    assert _validate(capsys) == (0, [f"checked 3 files in {pack}/: no problems"])


def test_a_pack_yaml_that_is_no_file_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack.yaml that is a folder, or a link to nothing, stops the check with its reason."""
    (tmp_path / "a" / "pack.yaml").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "pack.yaml").symlink_to(tmp_path / "nowhere.yaml")
    shutil.copy(DATA / "section-3.yaml", tmp_path / "b" / "section-3.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "a"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: cannot read 'a/pack.yaml': it is a folder, but a pack folder's pack.yaml "
        "must be a file\n"
    )
    assert main(["validate", "b"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: cannot read 'b/pack.yaml': No such file or directory\n"
    )


def test_folders_nested_too_deeply_are_one_line_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python's walk of over ~1,000 nested folders recurses too deep: exit 2 with the reason."""

    def too_deep(*_: object, **__: object) -> Iterator[tuple[str, list[str], list[str]]]:
        raise RecursionError
        yield  # a generator, as os.walk is

    monkeypatch.setattr(os, "walk", too_deep)
    assert main(["validate", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot read '{tmp_path}': its folders are nested too deeply to search\n"
    )
    with pytest.raises(OSError, match="nested too deeply"):
        find_packs([tmp_path])


def test_fmt_in_a_subfolder_formats_only_what_is_below_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rcpack fmt` with no path in sections/ leaves ../pack.yaml alone."""
    _split_pack(tmp_path)
    details = tmp_path / "pack.yaml"
    untidy = details.read_text(encoding="utf-8") + "\n\n"
    details.write_text(untidy, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sections")
    assert main(["fmt"]) == 0
    assert capsys.readouterr().out == "1 file in this folder: 0 reformatted, 1 unchanged\n"
    assert details.read_text(encoding="utf-8") == untidy


def test_content_only_passes_over_a_named_file_in_a_venv_in_a_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file inside a virtual environment in a pack folder is not content, as a search says."""
    _split_pack(tmp_path)
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "venv" / "v.yaml").write_text("bad: 1\n")
    monkeypatch.chdir(tmp_path)
    assert _validate(capsys, "--content-only", "venv/v.yaml") == (
        0,
        ["checked no files: no problems"],
    )


def test_a_file_named_like_an_option_is_a_file_after_the_dashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the hooks call it, `-x.yaml` after `--` is a file to check, not an option."""
    (tmp_path / "-x.yaml").write_text(f"{SCHEMA_LINE}works: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, lines = _validate(capsys, "--content-only", "--", "-x.yaml")
    assert (status, lines[-1]) == (1, "checked 1 file, -x.yaml: 1 problem in 1 file")


@pytest.mark.parametrize("link", [os.link, os.symlink], ids=["hard link", "symbolic link"])
def test_a_file_with_two_names_in_a_pack_is_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], link: object
) -> None:
    """A file reached by two names in a pack is one file: checked once, no id used twice.

    Read under each name, every id in it would be "already used" (68 problems for Section 3).
    """
    pack = tmp_path / "pack"
    _split_pack(pack)
    section = pack / "sections" / "workforce.yaml"
    (pack / "again").mkdir()
    twin = pack / "again" / "workforce.yaml"
    assert callable(link)
    link(section, twin)
    assert _validate(capsys, str(pack)) == (0, [f"checked 2 files in {pack}/: no problems"])
    assert load_pack(pack) == load_pack(DATA)
    # Named, a file is read under the name given first; the other name adds nothing.
    assert _validate(capsys, str(twin), str(section)) == (
        0,
        [f"checked 2 files in {pack}/: no problems"],
    )
    (found,) = find_packs([twin, section])
    assert set(found.files) == {twin, pack / "pack.yaml"}
    assert len(find_files([pack])) == 2  # one name of the two


def test_a_file_with_two_names_keeps_a_problem_in_it_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A problem in a hard-linked file is reported once, under one of its names."""
    pack = tmp_path / "pack"
    _split_pack(pack)
    section = pack / "sections" / "workforce.yaml"
    line, column = _break_a_reference(section)
    os.link(section, pack / "sections" / "workforce-copy.yaml")
    status, out = _validate(capsys, str(pack))
    assert status == 1
    assert out[-1] == f"checked 2 files in {pack}/: 1 problem in 1 file"
    assert len(out) == 2  # the problem and the summary
    assert out[0].startswith(f"{pack / 'sections' / 'workforce-copy.yaml'}:{line}:{column}: ")

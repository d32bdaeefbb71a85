"""``make_starter``: refuses what is not a folder, and says what it did, line by line."""

from pathlib import Path

import pytest

from recurrent_care_pack._files import WriteError
from recurrent_care_pack._output.starter import HooksSource, Made, make_starter


def test_a_file_is_not_a_folder_to_start_in(tmp_path: Path) -> None:
    """A file named as the folder is refused, saying what it is; nothing is written."""
    file = tmp_path / "notes.txt"
    file.write_text("notes\n", encoding="utf-8")
    with pytest.raises(WriteError) as raised:
        make_starter(file)
    assert str(raised.value) == f"'{file}' is a file, not a folder; name a folder to write into"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_missing_folder_says_to_make_it(tmp_path: Path) -> None:
    """A folder that is not there is refused, saying how to make it."""
    folder = tmp_path / "new"
    with pytest.raises(WriteError) as raised:
        make_starter(folder)
    assert str(raised.value) == f"'{folder}' is not a folder; make it first (mkdir '{folder}')"


def test_links_in_a_loop_are_no_folder(tmp_path: Path) -> None:
    """A link in a loop is refused, asking for another folder (none can be made there)."""
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(WriteError) as raised:
        make_starter(tmp_path / "a")
    assert str(raised.value) == (
        f"'{tmp_path / 'a'}' is a link in a loop of links that lead back to each other; "
        "name another folder"
    )


def test_a_link_to_nothing_says_to_make_where_it_leads(tmp_path: Path) -> None:
    """A link to a folder not made yet is refused, saying to make it first."""
    (tmp_path / "repo").symlink_to("gone")
    with pytest.raises(WriteError) as raised:
        make_starter(tmp_path / "repo")
    assert str(raised.value) == (
        f"'{tmp_path / 'repo'}' is a link to nothing ('gone'); make the folder it leads to "
        "first, or name another folder"
    )


NEXT = (
    "next: rcpack validate content/ session.yaml, then git init and pre-commit install; "
    "README.md says how to set up your editor"
)


def test_the_lines_say_what_was_done_then_the_notes_and_what_next() -> None:
    """Written and kept files by path, then a note on the hooks, then the next step."""
    made = Made(
        written=("README.md",),
        kept=(("session.yaml", "it exists"),),
        hooks=HooksSource(repo="/src/rcpack", rev="0123456789abcdef", requirement=None),
        folder=Path("repo"),
    )
    assert made.lines == (
        "wrote repo/README.md",
        "kept repo/session.yaml: it exists",
        "note: the pre-commit hooks come from /src/rcpack (commit 0123456789ab), a folder on "
        "this machine; the workflows in .github/workflows/ need the address to install rcpack "
        "from (see the comment in each)",
        NEXT,
    )


def test_hooks_from_an_address_need_no_note() -> None:
    """Hooks that CI can install too need no note; without a source, the note says so."""
    hooks = HooksSource(repo="https://example.org/rcpack", rev="abc", requirement="git+x")
    assert Made((), (), hooks, Path()).lines == (NEXT,)
    unknown = Made((), (), None, Path()).notes
    assert unknown[0].startswith("note: rcpack cannot tell where it was installed from")

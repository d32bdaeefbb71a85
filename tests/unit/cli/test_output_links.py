"""Output through a link: a link that leads to a content file is refused, at -o and --ics alike.

Not only the pack's own files: any YAML file a link leads to, or would make.
"""

import shutil
from pathlib import Path

import pytest
from paths import ROOT

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main

#: A YAML file outside the pack being planned: still content, never a handout's.
NOTES = "# notes for the next session\nsections: []\n"


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """``handout.md``, a link to ``notes.yaml``, a YAML file that is not the pack's."""
    notes = tmp_path / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    link = tmp_path / "handout.md"
    link.symlink_to("notes.yaml")
    return link, notes


def test_a_link_to_a_yaml_file_is_not_handout_output(
    linked: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o link.md`` leading to a YAML file outside the pack exits 2; the file is as it was."""
    link, notes = linked
    assert main(["handout", "tips", "-o", str(link)]) == 2
    assert capsys.readouterr() == (
        "",
        f"rcpack: cannot write '{link}': it is a content file, and a handout would overwrite "
        "it; name the handout file something like 'handout.md'\n",
    )
    assert notes.read_text(encoding="utf-8") == NOTES
    assert link.is_symlink()


def test_a_link_to_a_yaml_name_not_there_yet_is_not_handout_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o link.md`` leading to a YAML name with no file yet exits 2 and makes none."""
    link = tmp_path / "handout.md"
    link.symlink_to("new.yaml")
    assert main(["handout", "tips", "-o", str(link)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: cannot write '{link}': a name ending '.yaml' is a content file's; name the "
        "handout file something like 'handout.md'\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.md"]


def test_a_link_to_a_yaml_file_is_not_a_calendar(
    linked: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--ics link.ics`` leading to a YAML file exits 2 before planning; the file is kept."""
    _, notes = linked
    link = notes.parent / "session.ics"
    link.symlink_to("notes.yaml")
    assert main(["plan", "--date", "2027-01-12", "--ics", str(link)]) == 2
    assert capsys.readouterr() == (
        "",
        f"rcpack: cannot write '{link}': it is a content file, and the calendar would "
        "overwrite it; name the calendar file something like 'session.ics'\n",
    )
    assert notes.read_text(encoding="utf-8") == NOTES


def test_write_handout_refuses_a_link_to_a_yaml_file(linked: tuple[Path, Path]) -> None:
    """``rcp.write_handout`` refuses the same link, in the same words, and writes nothing."""
    link, notes = linked
    with pytest.raises(ValueError, match=r"^cannot write '.*handout\.md': it is a content file"):
        rcp.write_handout(link, rcp.load_pack(), "tips")
    assert notes.read_text(encoding="utf-8") == NOTES


def test_write_handout_refuses_another_name_for_a_file_of_content(tmp_path: Path) -> None:
    """A hard link to a pack's file, named like a handout, is refused when named in content."""
    shutil.copytree(ROOT / "data", tmp_path / "pack")
    section = tmp_path / "pack" / "section-3.yaml"
    before = section.read_bytes()
    (tmp_path / "hard.md").hardlink_to(section)
    with pytest.raises(ValueError, match="it is a content file, and a handout would overwrite"):
        rcp.write_handout(tmp_path / "hard.md", rcp.load_pack(), "tips", content=[section])
    assert section.read_bytes() == before

"""Which pack ``rcpack site`` builds: the one its session files run, as validate and plan do."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from recurrent_care_pack._cli import main


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Path]:
    """A content repository as ``rcpack init`` makes it, Module 1's films cut to 35 minutes.

    Its session file runs the pack in ``content/``; the current folder is the repository's.
    """
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert main(["init"]) == 0
        section = tmp_path / "content" / "section-3.yaml"
        text = section.read_text(encoding="utf-8")
        assert text.count("allowance: 40 minutes") == 1
        section.write_text(text.replace("allowance: 40 minutes", "allowance: 35 minutes"))
        yield tmp_path
    finally:
        os.chdir(old)


def test_the_site_is_of_the_pack_the_session_file_runs(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not the bundled pack: Module 1's 35 minutes on its page, the index and the session."""
    capsys.readouterr()
    assert main(["site", "out", "--no-search"]) == 0
    out, err = capsys.readouterr()
    assert out == f"wrote 22 pages into {repository / 'out'}, 1 session\n"
    assert err == "no sitemap.xml: it needs the site's address (--url)\n"
    module = (repository / "out" / "modules" / "section-3-module-1.html").read_text("utf-8")
    assert '<th scope="row">The films</th><td>35 minutes</td>' in module
    index = (repository / "out" / "index.html").read_text("utf-8")
    assert "35 minutes of films, then Exercise 8: 1 hour 5 minutes in all." in index
    session = (repository / "out" / "sessions" / "session.html").read_text("utf-8")
    assert "09:30\u201310:05" in session  # Module 1's films, as rcpack plan session.yaml says
    assert "09:30\u201310:10" not in session


def test_session_files_that_run_two_packs_build_no_site(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One site is of one pack: a second session file of the bundled pack is refused."""
    text = (repository / "session.yaml").read_text(encoding="utf-8")
    (repository / "bundled.yaml").write_text(text.replace("  pack: content\n", ""))
    capsys.readouterr()
    assert main(["site", "out", "--no-search"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: the session files run different packs ('bundled.yaml' the bundled pack; "
        "'session.yaml' the pack at 'content'): one site is of one pack; give them the same "
        "pack\n"
    )
    assert not (repository / "out").exists()


def test_pack_names_the_sites_pack_and_a_session_of_another_is_refused(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--pack the session's own pack builds it; a session file that runs another, not."""
    bundled = Path(__file__).parents[3] / "data"
    capsys.readouterr()
    assert main(["site", "out", "--no-search", "--pack", str(bundled)]) == 2
    assert capsys.readouterr().err == (
        "rcpack: 'session.yaml' runs the pack at 'content', not the pack --pack names: one "
        "site is of one pack; give its session files that pack, or leave out --pack\n"
    )
    assert not (repository / "out").exists()
    assert main(["site", "out", "--no-search", "--pack", "content"]) == 0
    module = (repository / "out" / "modules" / "section-3-module-1.html").read_text("utf-8")
    assert '<th scope="row">The films</th><td>35 minutes</td>' in module

"""Every message that says to install an extra gives the command that does it, as installed."""

import sys
from pathlib import Path

import pytest
from installing import GIT, installed_as

from recurrent_care_pack._cli import main
from recurrent_care_pack._editor.diagnostics import help_link, problem_page
from recurrent_care_pack._installed import web_file
from recurrent_care_pack._output import install_command, missing_extra

#: What the lsp extra's absence says before the command.
LSP = (
    "rcpack: rcpack lsp needs pygls, which is not installed; to install it with the rest of "
    "rcpack's lsp extra, "
)


@pytest.fixture
def without_pygls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither pygls nor the language server that needs it can be imported."""
    monkeypatch.setitem(sys.modules, "pygls", None)
    for name in [
        n for n in sys.modules if n.startswith(("pygls.", "recurrent_care_pack._editor"))
    ]:
        monkeypatch.delitem(sys.modules, name)


@pytest.mark.usefixtures("without_pygls")
def test_from_a_clone_the_command_names_the_clone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Installed from a clone's folder: that folder, with the extra, by the environment's pip."""
    clone = tmp_path / "recurrent-care-pack"
    clone.mkdir()
    installed_as(monkeypatch, tmp_path / "home", {"url": clone.as_uri(), "dir_info": {}})
    assert main(["lsp"]) == 2
    assert capsys.readouterr().err == (f"{LSP}run: ~/.rcpack/bin/pip install '{clone}[lsp]'\n")


@pytest.mark.usefixtures("without_pygls")
def test_from_a_git_url_the_command_names_it_and_its_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Installed from a git URL: the same URL and commit, with the extra."""
    installed_as(monkeypatch, tmp_path, GIT)
    assert main(["lsp"]) == 2
    assert capsys.readouterr().err == (
        f"{LSP}run: ~/.rcpack/bin/pip install "
        f"'recurrent-care-pack[lsp] @ git+https://example.org/rcp.git@{'b' * 40}'\n"
    )


@pytest.mark.parametrize("record", [None, "gone"])
@pytest.mark.usefixtures("without_pygls")
def test_from_nowhere_known_the_command_is_for_a_clone(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    record: str | None,
) -> None:
    """From an index, or a folder since removed: the command that works in a clone, said so."""
    gone = {"url": (tmp_path / "removed").as_uri(), "dir_info": {}}
    installed_as(monkeypatch, tmp_path, None if record is None else gone)
    assert main(["lsp"]) == 2
    assert capsys.readouterr().err == (
        f"{LSP}run this in the folder of a clone of rcpack's repository: "
        "~/.rcpack/bin/pip install '.[lsp]'\n"
    )


def test_an_editable_install_stays_editable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pip install -e``: the command installs the folder editable again."""
    clone = tmp_path / "my clone"
    clone.mkdir()
    installed_as(monkeypatch, tmp_path, {"url": clone.as_uri(), "dir_info": {"editable": True}})
    assert install_command("docx") == (f"~/.rcpack/bin/pip install -e '{clone}[docx]'", True)


def test_a_wheel_still_there_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed from a wheel file that is still there: that file, with the extra."""
    wheel = tmp_path / "recurrent_care_pack-0.1.0-py3-none-any.whl"
    wheel.touch()
    installed_as(monkeypatch, tmp_path, {"url": wheel.as_uri(), "archive_info": {}})
    assert install_command("pdf") == (f"~/.rcpack/bin/pip install '{wheel}[pdf]'", True)


def test_without_a_pip_script_pip_is_run_as_a_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An environment with no ``pip`` beside its Python (pipx's): ``python -m pip``."""
    installed_as(monkeypatch, tmp_path, GIT, pip=False)
    assert install_command("calendar")[0] == (
        "~/.rcpack/bin/python -m pip install "
        f"'recurrent-care-pack[calendar] @ git+https://example.org/rcp.git@{'b' * 40}'"
    )


def test_a_python_outside_the_home_folder_is_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Python outside ``~``: its path in full, quoted when the shell needs it to be."""
    scripts = installed_as(monkeypatch, tmp_path / "with space", None)
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    assert install_command("lsp") == (f"'{scripts}/pip' install '.[lsp]'", False)


def test_each_extra_is_named_with_what_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The message says what needs which library, that it is missing, and the command."""
    installed_as(monkeypatch, tmp_path, GIT)
    assert missing_extra("calendars need", "icalendar", "calendar") == (
        "calendars need icalendar, which is not installed; to install it with the rest of "
        "rcpack's calendar extra, run: ~/.rcpack/bin/pip install "
        f"'recurrent-care-pack[calendar] @ git+https://example.org/rcp.git@{'b' * 40}'"
    )


def test_lsp_help_says_whether_its_extra_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rcpack lsp --help`` ends with the extra: installed, or the command that installs it."""
    installed_as(monkeypatch, tmp_path, None)
    assert main(["lsp", "--help"]) == 0
    assert capsys.readouterr().out.endswith("\nIt needs rcpack's lsp extra, which is installed.\n")
    monkeypatch.setitem(sys.modules, "lsprotocol", None)
    assert main(["lsp", "--help"]) == 0
    assert capsys.readouterr().out.endswith(
        "\nIt needs lsprotocol, which is not installed; to install it with the rest of "
        "rcpack's lsp extra, run this in the folder of a clone of rcpack's repository: "
        "~/.rcpack/bin/pip install '.[lsp]'\n"
    )


@pytest.mark.parametrize(
    ("repository", "page"),
    [
        ("https://github.com/o/r.git", "https://github.com/o/r/blob/C/docs/p.md"),
        ("https://github.com/o/r/", "https://github.com/o/r/blob/C/docs/p.md"),
        ("git@github.com:o/r.git", "https://github.com/o/r/blob/C/docs/p.md"),
        ("ssh://git@github.com:22/o/r.git", "https://github.com/o/r/blob/C/docs/p.md"),
        ("https://me:token@github.com/o/r.git", "https://github.com/o/r/blob/C/docs/p.md"),
        ("https://gitlab.com/g/sub/r.git", "https://gitlab.com/g/sub/r/-/blob/C/docs/p.md"),
        ("https://codeberg.org/o/r", "https://codeberg.org/o/r/src/commit/C/docs/p.md"),
        ("https://bitbucket.org/o/r.git", "https://bitbucket.org/o/r/src/C/docs/p.md"),
        ("https://example.org/o/r.git", None),
        ("/home/me/recurrent-care-pack", None),
        ("https://github.com/r.git", None),
    ],
)
def test_a_file_of_rcpacks_repository_on_the_web(repository: str, page: str | None) -> None:
    """The forges whose pages are known give a file's page at a commit; no credentials kept."""
    commit = "0123abc" * 4
    expected = page.replace("/C/", f"/{commit}/") if page else None
    assert web_file(repository, commit, "docs/p.md") == expected
    assert web_file(repository, "main; rm -rf", "docs/p.md") is None


def test_problem_codes_link_to_the_web_when_installed_from_a_forge(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Installed from GitHub by git URL: codes link to docs/problem-codes.md at that commit."""
    record = {
        "url": "https://github.com/o/r.git",
        "vcs_info": {"vcs": "git", "commit_id": "b" * 40},
    }
    installed_as(monkeypatch, tmp_path, record)
    problem_page.cache_clear()
    help_link.cache_clear()
    try:
        assert help_link("RC401") == (
            f"https://github.com/o/r/blob/{'b' * 40}/docs/problem-codes.md#rc401-an-id-used-twice"
        )
        installed_as(monkeypatch, tmp_path, GIT)  # example.org: its pages are not known
        problem_page.cache_clear()
        help_link.cache_clear()
        assert help_link("RC401").startswith("file://")
    finally:
        problem_page.cache_clear()
        help_link.cache_clear()

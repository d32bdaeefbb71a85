"""README's way in for a content editor, run as written on a machine with only Python and git.

The two blocks of "Installing rcpack, pre-commit and yamllint" are read from README and run
by bash in a home folder of the test's own, whose PATH holds only the system's folders and
a ``python3``; a fresh clone of this repository (its HEAD) stands in for ``ADDRESS``. A new
terminal is an interactive bash, which reads the ``~/.bashrc`` the steps wrote.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_client import Session
from paths import ROOT

pytestmark = pytest.mark.slow

#: README's section with the steps.
SECTION = "\n### Installing rcpack, pre-commit and yamllint\n"

#: The tools the steps put on PATH.
TOOLS = ("rcpack", "pre-commit", "yamllint")


def _section() -> str:
    """README's section with the steps, as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(SECTION, 1)[1].split("\n### ", 1)[0]


def _blocks() -> list[str]:
    """The shell blocks of README's section, as written."""
    return re.findall(r"^```sh\n(.*?)^```$", _section(), re.MULTILINE | re.DOTALL)


def _machine(tmp_path: Path) -> dict[str, str]:
    """A fresh machine's environment: a home of its own, PATH with python3 and git only."""
    tools = tmp_path / "system"
    tools.mkdir()
    (tools / "python3").symlink_to(getattr(sys, "_base_executable", sys.executable))
    home = tmp_path / "home"
    home.mkdir()
    left_out = ("VIRTUAL_ENV", "PYTHONPATH", "PRE_COMMIT_HOME", "XDG_CACHE_HOME", "GITHUB_")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(left_out)}
    return {
        **environment,
        "HOME": str(home),
        "PATH": f"{tools}:/usr/bin:/bin",
        "PRE_COMMIT_COLOR": "never",
        # What `git config --global user.name` and `user.email` would say, as README asks.
        "GIT_AUTHOR_NAME": "Sam Editor",
        "GIT_AUTHOR_EMAIL": "sam@example.org",
        "GIT_COMMITTER_NAME": "Sam Editor",
        "GIT_COMMITTER_EMAIL": "sam@example.org",
    }


def _terminal(
    script: str, environment: dict[str, str], cwd: Path, *, new: bool = True
) -> subprocess.CompletedProcess[str]:
    """``script`` run by bash, stopping at the first failure; ``new``: in a new terminal."""
    shell = ["bash", "-i"] if new else ["bash"]
    return subprocess.run(
        [*shell, "-c", f"set -e\n{script}"],
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_readme_way_in_gives_rcpack_the_hooks_yamllint_and_rcpack_lsp(tmp_path: Path) -> None:
    """README's steps as written: every tool on PATH, a repository whose every check passes."""
    install, start = _blocks()
    assert install.count("ADDRESS") == 1
    environment = _machine(tmp_path)
    home = Path(environment["HOME"])
    installed = _terminal(install.replace("ADDRESS", str(ROOT)), environment, tmp_path, new=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    clone = tmp_path / "recurrent-care-pack"

    found = _terminal("command -v " + " ".join(TOOLS), environment, tmp_path)
    assert found.stdout.split() == [str(home / ".rcpack" / "bin" / tool) for tool in TOOLS]
    version = _terminal("rcpack --version && rcpack lsp --help", environment, tmp_path)
    said = version.stdout.splitlines()[0]
    assert said.startswith("rcpack ")
    assert f"`rcpack --version` prints `{said}`" in " ".join(_section().split())
    assert version.stdout.endswith("\nIt needs rcpack's lsp extra, which is installed.\n")

    started = _terminal(start, environment, tmp_path)
    assert started.returncode == 0, started.stdout + started.stderr
    repository = home / "our-pack"
    # git runs the hooks at the commit, and shows what they say on stderr.
    assert re.findall(r"^rcpack (\w+)\.+(\w+)$", started.stderr, re.MULTILINE) == [
        ("validate", "Passed"),
        ("fmt", "Passed"),
    ]
    checks = _terminal(
        "rcpack validate\nyamllint --strict .\npre-commit run --all-files",
        environment,
        repository,
    )
    assert checks.returncode == 0, checks.stdout + checks.stderr
    assert checks.stdout.startswith("checked 3 files in this folder: no problems\n")

    # An extra not installed: the message's command, run as written, installs it.
    word = _terminal("rcpack handout tips --format docx -o tips.docx", environment, repository)
    assert word.returncode == 2
    message = word.stderr.splitlines()[-1]
    assert message == (
        "rcpack: Word handouts need python-docx, which is not installed; to install it with "
        f"the rest of rcpack's docx extra, run: ~/.rcpack/bin/pip install '{clone}[docx]'"
    )
    added = _terminal(message.rsplit("run: ", 1)[1], environment, repository)
    assert added.returncode == 0, added.stdout + added.stderr
    again = _terminal("rcpack handout tips --format docx -o tips.docx", environment, repository)
    assert again.returncode == 0, again.stderr
    assert (repository / "tips.docx").read_bytes().startswith(b"PK")

    section = repository / "content" / "section-3.yaml"
    server = [str(home / ".rcpack" / "bin" / "rcpack"), "lsp"]
    with Session(repository, command=server) as session:
        assert session.capabilities.hover_provider
        session.open(section)
        assert session.diagnostics(section, version=1) == []

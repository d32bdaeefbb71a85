"""The hooks in a real content repository, run by real pre-commit, as an editor meets them.

The hooks come from a git snapshot of this checkout (the files as they are now, committed
in a repository of their own), named by path and commit as a content repository would name
this one by URL and tag. pre-commit installs them in its own environment from that commit.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

from recurrent_care_pack._cli import main
from recurrent_care_pack._output import starter

DATA = ROOT / "data"

pytestmark = pytest.mark.slow

#: README's workflow for a content repository, as an editor copies it.
WORKFLOW = """\
# .github/workflows/content.yml
name: content
on: [push, pull_request]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: rcpack validate --format github content/
"""

#: Other YAML a content repository holds, deliberately not in rcpack's layout.
MKDOCS = "site_name:   Our pack\nnav:\n- Home: index.md\non: yes\n"


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout's files as they are, committed in a repository of their own."""
    snapshot = tmp_path_factory.mktemp("hooks") / "recurrent-care-pack"
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(snapshot, "init", "--quiet")
    _git(snapshot, "add", "--all")
    _git(snapshot, "commit", "--quiet", "--message", "snapshot")
    return snapshot, _git(snapshot, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module, so the hooks are installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _pre_commit(repository: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "VIRTUAL_ENV"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repository,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def _config(hooks: tuple[Path, str], extra: str = "") -> str:
    path, commit = hooks
    return (
        "repos:\n"
        f"  - repo: {path}\n"
        f"    rev: {commit}\n"
        "    hooks:\n"
        "      - id: rcpack-validate\n"
        "      - id: rcpack-fmt\n"
        f"{extra}"
    )


def _split_pack(content: Path) -> None:
    """The bundled pack over four files, none but the details named as the bundle's are."""
    details = (DATA / "pack.yaml").read_text(encoding="utf-8")
    head, rest = details.split("\ncase_studies:", 1)
    people, works = ("case_studies:" + rest).split("\nworks:", 1)
    (content / "shared").mkdir(parents=True)
    (content / "sections").mkdir()
    (content / "pack.yaml").write_text(head + "\n", encoding="utf-8")
    (content / "shared" / "people.yaml").write_text(people + "\n", encoding="utf-8")
    (content / "shared" / "works.yaml").write_text("works:" + works, encoding="utf-8")
    shutil.copy(DATA / "section-3.yaml", content / "sections" / "workforce.yaml")
    assert main(["fmt", str(content)]) == 0  # the blank lines the split left


@pytest.fixture
def content_repository(tmp_path: Path, hooks_repo: tuple[Path, str]) -> Path:
    """A content repository: a split pack, a workflow, other YAML, hooks from this checkout."""
    repository = tmp_path / "our-pack"
    _split_pack(repository / "content")
    (repository / ".github" / "workflows").mkdir(parents=True)
    (repository / ".github" / "workflows" / "content.yml").write_text(WORKFLOW, encoding="utf-8")
    (repository / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (repository / ".pre-commit-config.yaml").write_text(_config(hooks_repo), encoding="utf-8")
    _git(repository, "init", "--quiet")
    _git(repository, "add", "--all")
    return repository


def _bytes(repository: Path) -> dict[str, bytes]:
    return {
        str(file.relative_to(repository)): file.read_bytes()
        for file in repository.rglob("*")
        if file.is_file() and ".git" not in file.relative_to(repository).parts
    }


def _results(output: str) -> dict[str, str]:
    """Each hook's name and result from pre-commit's report."""
    found = re.findall(
        r"^(rcpack \w+)\.+(Passed|Failed|\(no files to check\)Skipped)$", output, re.MULTILINE
    )
    return dict(found)


def test_a_first_run_on_valid_content_passes_and_touches_nothing_else(
    content_repository: Path, pre_commit_home: Path
) -> None:
    """`pre-commit run --all-files` passes; the workflow, mkdocs.yml and the config stay as written."""
    before = _bytes(content_repository)
    done = _pre_commit(content_repository, pre_commit_home, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _results(done.stdout) == {"rcpack validate": "Passed", "rcpack fmt": "Passed"}
    assert _bytes(content_repository) == before


def test_a_bad_reference_fails_with_its_place_and_no_false_problem(
    content_repository: Path, pre_commit_home: Path
) -> None:
    """One file of a split pack, committed alone, is checked with its pack: one located RC402."""
    file = content_repository / "content" / "sections" / "workforce.yaml"
    text = file.read_text(encoding="utf-8")
    offset = text.index("exercise: exercise-9\n") + len("exercise: ")
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    file.write_text(text[:offset] + "exercise-99" + text[offset + len("exercise-9") :])
    _git(content_repository, "add", "--all")
    done = _pre_commit(content_repository, pre_commit_home, "--files", str(file))
    assert done.returncode == 1
    assert _results(done.stdout)["rcpack validate"] == "Failed"
    problems = [entry for entry in done.stdout.splitlines() if re.search(r": RC\d{3} ", entry)]
    assert problems == [
        f"content/sections/workforce.yaml:{line}:{column}: RC402 no exercise has the id "
        "'exercise-99'; did you mean 'exercise-9'?"
    ]
    assert "checked 4 files in content/: 1 problem in 1 file" in done.stdout


def test_the_editors_own_exclude_still_works(
    content_repository: Path, hooks_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    """A pack the editor excludes (an old one with problems) is not checked."""
    legacy = content_repository / "legacy"
    legacy.mkdir()
    (legacy / "pack.yaml").write_text("pack:\n  id: Not An Id\n", encoding="utf-8")
    config = content_repository / ".pre-commit-config.yaml"
    config.write_text(_config(hooks_repo, "exclude: ^legacy/\n"), encoding="utf-8")
    _git(content_repository, "add", "--all")
    done = _pre_commit(content_repository, pre_commit_home, "--all-files")
    assert done.returncode == 0, done.stdout
    config.write_text(_config(hooks_repo), encoding="utf-8")
    _git(content_repository, "add", "--all")
    checked = _pre_commit(content_repository, pre_commit_home, "--all-files")
    assert checked.returncode == 1
    assert "legacy/pack.yaml:2:7: RC205" in checked.stdout


def test_fmt_rewrites_pack_content_only(content_repository: Path, pre_commit_home: Path) -> None:
    """A messy content file is rewritten (the hook fails once, then passes); mkdocs.yml is not."""
    file = content_repository / "content" / "shared" / "people.yaml"
    tidy = file.read_bytes()
    messy = tidy.replace(
        b"  - id: claire-mason\n    name: Claire Mason\n",
        b"  - name:   Claire Mason\n    id: 'claire-mason'\n",
    )
    assert messy != tidy
    file.write_bytes(messy)
    _git(content_repository, "add", "--all")
    first = _pre_commit(content_repository, pre_commit_home, "--all-files")
    assert first.returncode == 1
    assert _results(first.stdout) == {"rcpack validate": "Passed", "rcpack fmt": "Failed"}
    assert "reformatted content/shared/people.yaml" in first.stdout
    assert file.read_bytes() == tidy
    assert (content_repository / "mkdocs.yml").read_text(encoding="utf-8") == MKDOCS
    _git(content_repository, "add", "--all")
    second = _pre_commit(content_repository, pre_commit_home, "--all-files")
    assert second.returncode == 0, second.stdout


def test_a_repository_made_by_rcpack_init_passes_every_tool(
    tmp_path: Path,
    hooks_repo: tuple[Path, str],
    pre_commit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`rcpack init`: validate, fmt --check, yamllint with its config and pre-commit all pass."""
    path, commit = hooks_repo
    monkeypatch.setattr(
        starter, "hooks_source", lambda: starter.HooksSource(str(path), commit, None)
    )
    repository = tmp_path / "new-pack"
    repository.mkdir()
    assert main(["init", str(repository)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(repository)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "checked 3 files in this folder: no problems\n"
    assert main(["fmt", "--check"]) == 0
    lint = subprocess.run(
        [sys.executable, "-m", "yamllint", "--strict", "."],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (lint.returncode, lint.stdout) == (0, "")
    _git(repository, "init", "--quiet")
    _git(repository, "add", "--all")
    before = _bytes(repository)
    done = _pre_commit(repository, pre_commit_home, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _results(done.stdout) == {"rcpack validate": "Passed", "rcpack fmt": "Passed"}
    assert _bytes(repository) == before


def test_the_hook_sees_the_pack_as_git_has_it(
    content_repository: Path, pre_commit_home: Path
) -> None:
    """An untracked file neither rescues a commit that a clean checkout fails, nor blocks one."""
    section = content_repository / "content" / "sections" / "workforce.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace("case-study-amy\n", "case-study-zed\n", 1)
    )
    extra = content_repository / "content" / "extra.yaml"  # left untracked
    extra.write_text(
        "case_studies:\n  - id: case-study-zed\n    name: Zed\n    title: The case study of Zed\n"
    )
    _git(content_repository, "add", str(section))
    done = _pre_commit(content_repository, pre_commit_home, "--files", str(section))
    assert done.returncode == 1
    assert "RC402 no case study has the id 'case-study-zed'" in done.stdout
    extra.write_text("case_studies:\n  - id: Not An Id\n")  # broken, and still untracked
    section.write_text(
        section.read_text(encoding="utf-8").replace("case-study-zed\n", "case-study-amy\n", 1)
    )
    _git(content_repository, "add", str(section))
    clean = _pre_commit(content_repository, pre_commit_home, "--files", str(section))
    assert clean.returncode == 0, clean.stdout

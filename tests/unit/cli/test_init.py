"""``rcpack init``: a content repository written whole, and nothing of the editor's replaced."""

import json
import os
import shlex
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from paths import ROOT
from ruamel.yaml import YAML

from recurrent_care_pack._cli import main
from recurrent_care_pack._files import create_file
from recurrent_care_pack._output import starter

#: The real look-up, before the fixture below stands in for it.
HOOKS_SOURCE = starter.hooks_source

#: Every file `rcpack init` writes, in the order it reports them.
FILES = [
    "content/pack.yaml",
    "content/section-3.yaml",
    "schema/pack.schema.json",
    "schema/session.schema.json",
    "session.yaml",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".helix/languages.toml",
    ".yamllint.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/content.yml",
    ".github/workflows/site.yml",
    "README.md",
]


@pytest.fixture(autouse=True)
def _unknown_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """By default rcpack does not know where it came from (a wheel from an index)."""
    monkeypatch.setattr(starter, "hooks_source", lambda: None)


def test_init_writes_every_file_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty folder gets every file, each reported, the bundled pack and schema byte for byte."""
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[: len(FILES)] == [f"wrote {tmp_path / name}" for name in FILES]
    assert out[-1] == (
        "next: rcpack validate content/ session.yaml, then git init and pre-commit install; "
        "README.md says how to set up your editor"
    )
    assert (tmp_path / "content" / "section-3.yaml").read_bytes() == (
        ROOT / "data" / "section-3.yaml"
    ).read_bytes()
    assert (tmp_path / "schema" / "pack.schema.json").read_bytes() == (
        ROOT / "schema" / "pack.schema.json"
    ).read_bytes()
    assert (tmp_path / ".yamllint.yaml").read_bytes() == (ROOT / ".yamllint.yaml").read_bytes()
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == (
        sorted(FILES)
    )


def test_without_a_known_source_the_hooks_run_the_installed_rcpack(tmp_path: Path) -> None:
    """Where rcpack came from is unknown: local hooks, and a workflow that says what to fill in."""
    assert main(["init", str(tmp_path)]) == 0
    config = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "  - repo: local\n" in config
    assert "        entry: rcpack validate --content-only --\n" in config
    assert (
        "  # These run the rcpack command on PATH when you commit, as typing rcpack does.\n"
        in (config)
    )
    workflow = (tmp_path / ".github" / "workflows" / "content.yml").read_text(encoding="utf-8")
    assert (
        "      # rcpack init could not tell where rcpack comes from: replace OWNER below\n"
        "      # with the account that hosts rcpack's repository (to pin a commit, add @\n"
        "      # and its full hash after the repository's name).\n"
        '      - run: pip install "recurrent-care-pack @ git+https://github.com/OWNER/'
        'recurrent-care-pack" yamllint\n'
    ) in workflow


def test_the_workflow_runs_every_check_when_validate_finds_problems(tmp_path: Path) -> None:
    """The fmt and yamllint steps run unless the run is cancelled, whatever validate found."""
    assert main(["init", str(tmp_path)]) == 0
    workflow = YAML(typ="safe").load(tmp_path / ".github" / "workflows" / "content.yml")
    steps = workflow["jobs"]["content"]["steps"]
    checks = [(step["run"].split()[:2], step.get("if")) for step in steps if "run" in step]
    assert checks == [
        (["pip", "install"], None),
        (["rcpack", "validate"], None),
        (["rcpack", "fmt"], "${{ !cancelled() }}"),
        (["yamllint", "--strict"], "${{ !cancelled() }}"),
    ]


#: Where rcpack came from, for the tests of a known source: a git URL and its commit.
GIT_SOURCE = starter.HooksSource(
    "https://example.org/rcp.git",
    "a" * 40,
    f"recurrent-care-pack @ git+https://example.org/rcp.git@{'a' * 40}",
)


@pytest.fixture
def known_source(monkeypatch: pytest.MonkeyPatch) -> starter.HooksSource:
    """Where rcpack came from is known: `GIT_SOURCE`."""
    monkeypatch.setattr(starter, "hooks_source", lambda: GIT_SOURCE)
    return GIT_SOURCE


def test_a_known_git_source_is_named_with_its_commit(
    tmp_path: Path, known_source: starter.HooksSource
) -> None:
    """Installed from a git URL: the hooks and the workflow both pin that URL and commit."""
    source = known_source
    assert main(["init", str(tmp_path)]) == 0
    config = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"  - repo: https://example.org/rcp.git\n    rev: {'a' * 40}\n" in config
    workflow = (tmp_path / ".github" / "workflows" / "content.yml").read_text(encoding="utf-8")
    assert f'pip install "{source.requirement}" yamllint\n' in workflow


@pytest.mark.usefixtures("known_source")
def test_the_site_workflow_builds_the_site_as_written_and_publishes_it_on_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a push to main: rcpack[site] installed, the site built by its own command, deployed.

    The build step is run here as written (Pages' address given), in the repository made.
    """
    assert main(["init", str(tmp_path)]) == 0
    workflow = YAML(typ="safe").load(tmp_path / ".github" / "workflows" / "site.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]}}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["site"]["steps"]
    assert [step.get("uses") or step["run"].split()[0] for step in steps] == [
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "pip",
        "actions/configure-pages@v5",
        "rcpack",
        "actions/upload-pages-artifact@v3",
        "actions/deploy-pages@v4",
    ]
    assert steps[2]["run"] == (
        f'pip install "recurrent-care-pack[site] @ git+https://example.org/rcp.git@{"a" * 40}"'
    )
    assert steps[5]["with"] == {"path": "_site"}
    build = steps[4]["run"].replace("${{ steps.pages.outputs.base_url }}", "https://o.github.io/r")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main([*shlex.split(build)[1:], "--no-search"]) == 0
    assert capsys.readouterr().out == f"wrote 22 pages into {tmp_path / '_site'}, 1 session\n"
    sitemap = (tmp_path / "_site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://o.github.io/r/index.html</loc>" in sitemap


def test_without_a_known_source_the_site_workflow_says_what_to_fill_in(tmp_path: Path) -> None:
    """As the checks' workflow does: OWNER, and what to put there."""
    assert main(["init", str(tmp_path)]) == 0
    workflow = (tmp_path / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert (
        "      # rcpack init could not tell where rcpack comes from: replace OWNER below\n"
        "      # with the account that hosts rcpack's repository (to pin a commit, add @\n"
        "      # and its full hash after the repository's name).\n"
        '      - run: pip install "recurrent-care-pack[site] @ git+https://github.com/OWNER/'
        'recurrent-care-pack"\n'
    ) in workflow


class _Installed:
    """A distribution whose pip record (PEP 610's direct_url.json) is ``record``."""

    def __init__(self, record: str | None) -> None:
        self.record = record

    def read_text(self, name: str) -> str | None:
        return self.record if name == "direct_url.json" else None


def _installed_from(monkeypatch: pytest.MonkeyPatch, record: str | None) -> None:
    """Pip's record of rcpack is ``record``, whatever installed the venv running the tests."""
    monkeypatch.setattr(metadata, "distribution", lambda _: _Installed(record))


def _checkout(folder: Path) -> str:
    """A git checkout with one commit and no remote: its commit."""
    git = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "start"], check=True)
    return subprocess.run(
        [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.mark.parametrize("editable", [True, False])
def test_an_install_from_a_checkout_names_its_folder_and_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editable: bool
) -> None:
    """``pip install -e FOLDER`` or ``pip install FOLDER``: the folder and its commit."""
    folder = tmp_path / "a checkout"
    folder.mkdir()
    commit = _checkout(folder)
    dir_info = {"editable": True} if editable else {}
    _installed_from(monkeypatch, json.dumps({"url": folder.as_uri(), "dir_info": dir_info}))
    assert HOOKS_SOURCE() == starter.HooksSource(str(folder), commit, None)


def test_an_install_from_a_git_url_names_it_and_its_commit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``pip install git+URL``: the URL, the commit pip recorded, and a requirement for CI."""
    url, commit = "https://example.org/rcp.git", "b" * 40
    vcs = {"vcs": "git", "commit_id": commit, "requested_revision": "main"}
    _installed_from(monkeypatch, json.dumps({"url": url, "vcs_info": vcs}))
    assert HOOKS_SOURCE() == starter.HooksSource(
        url, commit, f"recurrent-care-pack @ git+{url}@{commit}"
    )


@pytest.mark.parametrize("how", ["index", "wheel", "folder"])
def test_an_install_from_anywhere_else_names_no_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """From an index (no record), a wheel file, or a folder that is no git checkout: none."""
    record = {
        "index": None,
        "wheel": json.dumps({"url": (tmp_path / "r-0.1.0-py3-none-any.whl").as_uri()}),
        "folder": json.dumps({"url": tmp_path.as_uri(), "dir_info": {}}),
    }[how]
    _installed_from(monkeypatch, record)
    assert HOOKS_SOURCE() is None


def test_what_exists_is_kept_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An editor's README, a link to nothing and a content/ with YAML are left exactly as they are."""
    (tmp_path / "README.md").write_text("ours\n", encoding="utf-8")
    (tmp_path / ".yamllint.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ours.yaml").write_text("works: []\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"kept {tmp_path / 'README.md'}: it exists" in out
    assert (
        f"kept {tmp_path / '.yamllint.yaml'}: it is a link to nothing "
        f"('{tmp_path / 'nowhere.yaml'}')" in out
    )
    assert f"kept {tmp_path / 'content/pack.yaml'}: content/ holds a pack already" in out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "ours\n"
    assert not (tmp_path / "nowhere.yaml").exists()
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["ours.yaml"]
    assert (tmp_path / "schema" / "pack.schema.json").is_file()


def test_init_twice_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second run keeps every file the first wrote, byte for byte."""
    assert main(["init", str(tmp_path)]) == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["init", str(tmp_path)]) == 0
    assert not any(line.startswith("wrote ") for line in capsys.readouterr().out.splitlines())
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_folder_that_is_not_there_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Init makes no folder it was not given: exit 2 and how to make it."""
    missing = tmp_path / "new"
    assert main(["init", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: '{missing}' is not a folder; make it first (mkdir '{missing}')\n"
    )
    assert not missing.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only folder: exit 2 with the reason, nothing half written."""
    tmp_path.chmod(0o555)
    try:
        assert main(["init", str(tmp_path)]) == 2
    finally:
        tmp_path.chmod(0o755)
    assert capsys.readouterr().err.startswith("rcpack: ")
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_appears_meanwhile_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file made between the check and the write is kept: the new file is linked, not renamed."""
    target = tmp_path / "pack.yaml"
    real_link = os.link

    def someone_else_first(source: str, name: str) -> None:
        Path(name).write_text("theirs\n", encoding="utf-8")
        real_link(source, name)

    monkeypatch.setattr(os, "link", someone_else_first)
    assert create_file(target, b"ours\n") is False
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.yaml"]  # no temporary file left


def test_init_never_writes_into_the_installed_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder inside the installed package (here, as if site-packages were tmp) is refused."""
    from recurrent_care_pack._files import refusing  # noqa: PLC0415

    monkeypatch.setattr(refusing, "installed_folders", lambda: (tmp_path.resolve(),))
    assert main(["init", str(tmp_path)]) == 2
    assert "it is inside installed Python packages" in capsys.readouterr().err
    assert list(tmp_path.rglob("*.yaml")) == []


def test_a_name_taken_by_a_file_is_kept_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file called .vscode: its two files are kept with the reason, every other one written."""
    (tmp_path / ".vscode").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"kept {tmp_path / '.vscode/settings.json'}: .vscode is a file, not a folder" in out
    assert f"kept {tmp_path / '.vscode/extensions.json'}: .vscode is a file, not a folder" in out
    assert (tmp_path / ".github" / "workflows" / "content.yml").is_file()
    assert (tmp_path / ".vscode").read_text(encoding="utf-8") == "mine\n"


def test_init_into_a_file_says_it_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Naming a file: exit 2, and no advice to make it a folder."""
    file = tmp_path / "afile"
    file.write_text("", encoding="utf-8")
    assert main(["init", str(file)]) == 2
    assert capsys.readouterr().err == (
        f"rcpack: '{file}' is a file, not a folder; name a folder to write into\n"
    )


def test_no_write_into_any_virtual_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Content inside another environment (pre-commit's copy, say) is never formatted there."""
    environment = tmp_path / "env"
    data = environment / "lib" / "python3.11" / "site-packages" / "recurrent_care_pack" / "data"
    data.mkdir(parents=True)
    (environment / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    untidy = (ROOT / "data" / "pack.yaml").read_text(encoding="utf-8") + "\n\n"
    (data / "pack.yaml").write_text(untidy, encoding="utf-8")
    assert main(["fmt", str(data / "pack.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"rcpack: cannot write '{data / 'pack.yaml'}': it is inside installed")
    assert (data / "pack.yaml").read_text(encoding="utf-8") == untidy


def test_init_writes_an_example_session_that_validates_and_plans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example session.yaml names its schema, runs the starter pack, and passes validate."""
    assert main(["init", str(tmp_path)]) == 0
    session = (tmp_path / "session.yaml").read_text(encoding="utf-8")
    assert session.startswith("# yaml-language-server: $schema=schema/session.schema.json\n")
    assert "  pack: content\n" in session
    assert (tmp_path / "schema" / "session.schema.json").read_bytes() == (
        ROOT / "schema" / "session.schema.json"
    ).read_bytes()
    capsys.readouterr()
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert main(["validate"]) == 0
        assert capsys.readouterr().out == "checked 3 files in this folder: no problems\n"
        assert main(["validate", "session.yaml"]) == 0
        assert capsys.readouterr().out == "checked 1 file, session.yaml: no problems\n"
        assert main(["fmt", "--check", "session.yaml"]) == 0
        capsys.readouterr()
        assert main(["plan", "session.yaml"]) == 0
        planned = capsys.readouterr().out
        assert planned.startswith("Team learning day\n")
        assert "Tuesday 12 January 2027" in planned
    finally:
        os.chdir(old)


def test_vs_code_is_set_up_for_rcpack_lsp_with_the_yaml_extension_not_checking(
    tmp_path: Path,
) -> None:
    """VS Code: the schema for hover and completion, the YAML extension's checks off, rcpack."""
    assert main(["init", str(tmp_path)]) == 0
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == {
        "yaml.schemas": {"./schema/pack.schema.json": ["content/**/*.yaml", "content/**/*.yml"]},
        "yaml.validate": False,
        "rcpack.command": "rcpack",
    }
    package = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text("utf-8"))
    assert "rcpack.command" in package["contributes"]["configuration"]["properties"]
    extensions = json.loads((tmp_path / ".vscode" / "extensions.json").read_text("utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_helix_starts_rcpack_lsp_beside_yaml_language_server_not_checking(
    tmp_path: Path,
) -> None:
    """Helix, as it reads .helix/languages.toml: rcpack lsp first, yaml-language-server quiet."""
    assert main(["init", str(tmp_path)]) == 0
    with (tmp_path / ".helix" / "languages.toml").open("rb") as file:
        helix = tomllib.load(file)
    assert helix["language-server"] == {
        "rcpack": {"command": "rcpack", "args": ["lsp"]},
        "yaml-language-server": {"config": {"yaml": {"validate": False}}},
    }
    assert helix["language"] == [
        {"name": "yaml", "language-servers": ["rcpack", "yaml-language-server"]}
    ]


def test_the_starter_readme_says_how_to_set_up_each_editor(tmp_path: Path) -> None:
    """The starter README names each editor file init wrote, and what VS Code needs besides."""
    assert main(["init", str(tmp_path)]) == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    editor = readme.split("\n## In your editor\n", 1)[1]
    for name in (".vscode/settings.json", ".vscode/extensions.json", ".helix/languages.toml"):
        assert f"`{name}`" in editor
        assert (tmp_path / name).is_file()
    assert "Until it is installed, VS Code\n  shows no problems" in editor


def test_the_starter_readme_says_how_to_build_and_publish_the_site(tmp_path: Path) -> None:
    """The site's commands, and the workflow init wrote with what Pages needs first."""
    assert main(["init", str(tmp_path)]) == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    site = readme.split("\n## The web site\n", 1)[1].split("\n## ", 1)[0]
    assert "`rcpack site site/`" in site
    assert "`rcpack site site/ --serve` serves it at http://127.0.0.1:8000/" in site
    assert "`.github/workflows/site.yml`" in site
    assert (tmp_path / ".github" / "workflows" / "site.yml").is_file()
    assert 'choose "GitHub Actions" as the source' in site

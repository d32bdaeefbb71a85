"""``rcpack init``: a content repository that passes every check as it is made.

It holds a starter pack (the bundled Section 3) in ``content/``, the schema, editor settings
for ``rcpack lsp`` (VS Code, Helix) with yaml-language-server kept for hover and completion
but not checking, a yamllint configuration that matches ``rcpack fmt``, pre-commit hooks and
a GitHub Actions workflow. Nothing that exists is ever replaced.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
from pathlib import Path

from attrs import frozen

from recurrent_care_pack._content.resources import bundled, yamllint_config
from recurrent_care_pack._files import WriteError, create_file, refuse_installed, what_is
from recurrent_care_pack._installed import origin
from recurrent_care_pack._text import shown

from .workflows import content_workflow, site_workflow

__all__ = [
    "CONTENT",
    "HELIX",
    "SESSION",
    "SESSION_EXAMPLE",
    "HooksSource",
    "Made",
    "hooks_source",
    "make_starter",
    "starter_files",
]

#: Where the starter pack goes, and the globs an editor maps the schema to.
CONTENT = "content"

#: Helix's settings for the repository: rcpack lsp, with yaml-language-server not checking.
HELIX = """\
# Helix reads this file in this repository: rcpack lsp shows every problem as you type,
# and yaml-language-server stays for hover and completion from the schema (the first
# line of each content file names it), with its own checks off, so that no problem is
# shown twice. rcpack must be on PATH.
[language-server.rcpack]
command = "rcpack"
args = ["lsp"]

[language-server.yaml-language-server.config.yaml]
validate = false

[[language]]
name = "yaml"
language-servers = ["rcpack", "yaml-language-server"]
"""

#: The example session file, beside the pack's folder (a session is not pack content).
SESSION = "session.yaml"

#: A session a facilitator fills in: every key but 'session' may be left out.
SESSION_EXAMPLE = f"""\
# yaml-language-server: $schema=schema/session.schema.json
# A session: what you run from the pack, for whom, where, who and when, and where your
# service keeps the films and case studies. Change what you need; delete what you do not.
# Check it with `rcpack validate {SESSION}`; plan it with `rcpack plan {SESSION}`; write
# its handouts with `rcpack handout guide {SESSION} -o guide.pdf`.
session:
  title: Team learning day
  service: Anytown Family Support Service
  # The pack, from this file's folder.
  pack: {CONTENT}
  # What you run: modules, exercises or sections, by name or id (leave out for all).
  items:
    - Section 3
  participants: 12
  venue: Anytown Town Hall
  room: Room 2
  facilitators:
    - Sam Patel
    - Jo Okafor
  # One slot per session: three weekly sessions are three slots. Times are on the
  # 24-hour clock; rcpack fmt puts quotes where older YAML tools would misread a value.
  slots:
    - date: '2027-01-12'
      start: 09:30
      end: '13:30'
  # Breaks at a time of day, each of its own length.
  breaks:
    - title: Lunch
      at: '12:00'
      length: 45 minutes
  # Short breaks the plan places itself, at most this long apart.
  comfort_breaks:
    at_most_every: 90 minutes
    length: 10 minutes
  # Where your service keeps each film and case study (by id: rcpack show film-6).
  films:
    film-6:
      url: https://example.org/film-6
  case_studies:
    case-study-tina:
      file: handouts/tina.pdf
      page: 3
  notes: Bring the laptop and the speakers.
"""


@frozen
class HooksSource:
    """Where pre-commit fetches the rcpack hooks from, and the pip requirement for CI."""

    repo: str
    rev: str
    requirement: str | None  # None when CI cannot install from ``repo`` (a local path)


@frozen
class Made:
    """What ``rcpack init`` did in ``folder`` with each file: ``written``, or ``kept`` and why."""

    written: tuple[str, ...]
    kept: tuple[tuple[str, str], ...]
    hooks: HooksSource | None
    folder: Path

    @property
    def notes(self) -> tuple[str, ...]:
        """What the hooks and the workflow cannot know: where rcpack is installed from."""
        if self.hooks is None:
            note = (
                "note: rcpack cannot tell where it was installed from, so the pre-commit hooks "
                "run the rcpack command on PATH, and the workflows in .github/workflows/ need "
                "the address to install rcpack from (see the comment in each)"
            )
        elif self.hooks.requirement is None:
            note = (
                f"note: the pre-commit hooks come from {self.hooks.repo} (commit "
                f"{self.hooks.rev[:12]}), a folder on this machine; "
                "the workflows in .github/workflows/ need the address to install rcpack from "
                "(see the comment in each)"
            )
        else:
            return ()
        return (note,)

    @property
    def lines(self) -> tuple[str, ...]:
        """What was done, file by file, then the notes and what to do next, one a line."""
        return (
            *(f"wrote {shown(str(self.folder / name))}" for name in self.written),
            *(f"kept {shown(str(self.folder / name))}: {shown(why)}" for name, why in self.kept),
            *self.notes,
            _NEXT,
        )


#: What to do once the starter repository is made.
_NEXT = (
    f"next: rcpack validate {CONTENT}/ {SESSION}, then git init and pre-commit install; "
    "README.md says how to set up your editor"
)


def hooks_source() -> HooksSource | None:
    """Where this rcpack was installed from, if pip recorded it (PEP 610) and git knows it.

    A git URL gives itself and its commit. A local folder that is a git checkout gives the
    commit checked out, and its remote's address if the remote has that commit, else the
    folder's path. Anything else (a wheel, an index) gives ``None``.
    """
    found = origin()
    if found is not None and found.kind == "git" and found.commit is not None:
        return HooksSource(
            found.where, found.commit, f"recurrent-care-pack @ git+{found.where}@{found.commit}"
        )
    return _checkout(Path(found.where)) if found is not None and found.kind == "folder" else None


def _checkout(folder: Path) -> HooksSource | None:
    """A local git checkout's commit: named by its remote if the remote has it, else by path."""
    commit = _git(folder, "rev-parse", "HEAD")
    if commit is None:
        return None
    origin = _git(folder, "remote", "get-url", "origin")
    remote = origin is not None and origin.startswith(("https://", "git@", "ssh://"))
    if remote and origin is not None and _git(folder, "branch", "--remotes", "--contains", commit):
        # The commit is on the remote too: name it there, where others and CI can reach it.
        return HooksSource(origin, commit, f"recurrent-care-pack @ git+{origin}@{commit}")
    return HooksSource(str(folder), commit, None)


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments; git from PATH, as pre-commit does)
            ["git", "-C", str(folder), *args],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    answer = done.stdout.strip()
    return answer if done.returncode == 0 and answer else None


def starter_files(hooks: HooksSource | None) -> dict[str, bytes]:
    """Every file of a starter content repository, by its path in the repository."""
    files = {
        f"{CONTENT}/{file.name}": file.read_bytes()
        for file in sorted(bundled("data").iterdir())
        if file.suffix in {".yaml", ".yml"}
    }
    files["schema/pack.schema.json"] = bundled("schema/pack.schema.json").read_bytes()
    files["schema/session.schema.json"] = bundled("schema/session.schema.json").read_bytes()
    files[SESSION] = SESSION_EXAMPLE.encode()
    files[".vscode/settings.json"] = _json(
        {
            # The YAML extension's hover and completion come from the schema; its checks
            # are off, as rcpack lsp makes them (each schema problem would show twice).
            "yaml.schemas": {
                "./schema/pack.schema.json": [f"{CONTENT}/**/*.yaml", f"{CONTENT}/**/*.yml"]
            },
            "yaml.validate": False,
            "rcpack.command": "rcpack",
        }
    )
    files[".vscode/extensions.json"] = _json({"recommendations": ["redhat.vscode-yaml"]})
    files[".helix/languages.toml"] = HELIX.encode()
    files[".yamllint.yaml"] = yamllint_config().read_bytes()
    files[".pre-commit-config.yaml"] = _pre_commit(hooks).encode()
    files[".github/workflows/content.yml"] = content_workflow(
        _address(hooks), CONTENT, SESSION
    ).encode()
    files[".github/workflows/site.yml"] = site_workflow(_address(hooks), CONTENT).encode()
    files["README.md"] = _readme().encode()
    return files


def make_starter(folder: Path) -> Made:
    """Write the starter repository into ``folder``, keeping every file that exists.

    The starter pack is written only into a ``content/`` with no YAML in it, so it is never
    mixed into a pack already there. Raises `WriteError` when ``folder`` is not a folder
    (saying what it is) or a file cannot be written (the files written before it stay,
    whole).
    """
    _refuse_no_folder(folder)
    refuse_installed(folder / CONTENT)  # before any folder is made there
    hooks = hooks_source()
    written: list[str] = []
    kept: list[tuple[str, str]] = []
    in_the_way = _content_there(folder / CONTENT)
    made: list[Path] = []  # the folders made, to take away if left empty by an interruption
    try:
        for name, content in starter_files(hooks).items():
            if in_the_way is not None and name.startswith(f"{CONTENT}/"):
                kept.append((name, in_the_way))
                continue
            path = folder / name
            blocked = _not_a_folder(folder, path.parent)
            if blocked is not None:
                kept.append((name, f"{blocked} is {what_is(folder / blocked)}, not a folder"))
                continue
            _make_folders(path, folder, made)
            if create_file(path, content):
                written.append(name)
            elif path.is_symlink() and not path.exists():
                kept.append((name, f"it is {what_is(path)}"))
            else:
                kept.append((name, "it exists"))
    except BaseException:
        for made_folder in reversed(made):
            with contextlib.suppress(OSError):  # not empty: something was written in it
                made_folder.rmdir()
        raise
    return Made(tuple(written), tuple(kept), hooks, folder)


def _refuse_no_folder(folder: Path) -> None:
    """Raise `WriteError` unless ``folder`` is a folder, saying what it is and what to do."""
    if folder.exists() and not folder.is_dir():
        raise WriteError(
            f"'{folder}' is {what_is(folder)}, not a folder; name a folder to write into"
        )
    if folder.is_symlink() and not folder.is_dir():
        todo = (
            "name another folder"
            if _in_a_loop(folder)
            else "make the folder it leads to first, or name another folder"
        )
        raise WriteError(f"'{folder}' is {what_is(folder)}; {todo}")
    if not folder.is_dir():
        raise WriteError(f"'{folder}' is not a folder; make it first (mkdir '{folder}')")


def _in_a_loop(path: Path) -> bool:
    """Whether ``path`` is a link in a loop of links."""
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _make_folders(path: Path, top: Path, made: list[Path]) -> None:
    """Make the folders ``path`` (a file in ``top``) is in, adding each made to ``made``."""
    missing = [f for f in path.relative_to(top).parents if not (top / f).is_dir()]
    for part in reversed(missing):
        try:
            (top / part).mkdir()
        except FileExistsError:
            continue
        except OSError as error:
            raise WriteError(f"cannot write '{path}': {error.strerror or error}") from None
        made.append(top / part)


def _content_there(content: Path) -> str | None:
    """Why the starter pack is not written into ``content``: what YAML is there; None if none.

    Any YAML name counts, so a pack is never mixed into one: a file is a pack already, and
    anything else (a link to nothing, a folder) is said as what it is.
    """
    if not content.is_dir():
        return None
    found = sorted(f for f in content.rglob("*") if f.suffix in {".yaml", ".yml"})
    if not found:
        return None
    if any(f.is_file() for f in found):
        return f"{CONTENT}/ holds a pack already"
    first = found[0]
    return (
        f"{CONTENT}/ holds {first.relative_to(content)}, {what_is(first)}; remove it to have "
        "the starter pack written"
    )


def _not_a_folder(top: Path, folder: Path) -> str | None:
    """The first name on the way from ``top`` to ``folder`` that is there but no folder."""
    for depth in range(1, len(folder.relative_to(top).parts) + 1):
        step = top.joinpath(*folder.relative_to(top).parts[:depth])
        if os.path.lexists(step) and not step.is_dir():
            return str(step.relative_to(top))
    return None


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=2) + "\n").encode()


def _pre_commit(hooks: HooksSource | None) -> str:
    head = (
        "# pre-commit (https://pre-commit.com): run `pre-commit install` once, and these\n"
        "# hooks check the pack before each commit. They check only pack content: files in\n"
        "# a folder with a pack.yaml, or that start with the schema line.\n"
        "repos:\n"
    )
    if hooks is not None:
        return (
            f"{head}"
            f"  - repo: {hooks.repo}\n"
            f"    rev: {hooks.rev}\n"
            "    hooks:\n"
            "      - id: rcpack-validate\n"
            "      - id: rcpack-fmt\n"
        )
    # Where rcpack came from is unknown: use the rcpack installed beside pre-commit.
    return (
        f"{head}"
        "  # These run the rcpack command on PATH when you commit, as typing rcpack does.\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: rcpack-validate\n"
        "        name: rcpack validate\n"
        "        entry: rcpack validate --content-only --\n"
        "        language: system\n"
        "        files: \\.ya?ml$\n"
        "        require_serial: true\n"
        "      - id: rcpack-fmt\n"
        "        name: rcpack fmt\n"
        "        entry: rcpack fmt --content-only --\n"
        "        language: system\n"
        "        files: \\.ya?ml$\n"
    )


def _address(hooks: HooksSource | None) -> str | None:
    """Where pip installs this rcpack from, as the workflows name it (None: not known)."""
    if hooks is None or hooks.requirement is None:
        return None
    return f"git+{hooks.repo}@{hooks.rev}"


def _readme() -> str:
    return (
        "# Recurrent Care Resource Pack content\n\n"
        f"The pack is in `{CONTENT}/`: `pack.yaml` gives the pack details, and every `.yaml`\n"
        "file beside it is part of the same pack. `schema/pack.schema.json` is the schema\n"
        "that editors use (the first line of each file names it).\n\n"
        f"`{SESSION}` is an example session: what you run, for whom, where and when, and\n"
        "where your service keeps the films and case studies. Plan it and write its\n"
        f"handouts with `rcpack plan {SESSION}` and `rcpack handout guide {SESSION} -o "
        "guide.pdf`.\n\n"
        "Check and tidy the pack:\n\n"
        "```sh\n"
        f"rcpack validate {CONTENT}/ {SESSION}\n"
        f"rcpack fmt {CONTENT}/\n"
        f"yamllint {CONTENT}/\n"
        "```\n\n"
        "After `pre-commit install` (once), each commit runs `rcpack validate` and\n"
        "`rcpack fmt` on the pack's files; `.github/workflows/content.yml` runs all three\n"
        "on GitHub.\n\n"
        "## The web site\n\n"
        "`rcpack site site/` builds the pack's web site here, with a page and a live view\n"
        "for the room for each session file (it needs rcpack's `site` extra for search);\n"
        "`rcpack site site/ --serve` serves it at http://127.0.0.1:8000/ and builds it\n"
        "again as you save. `.github/workflows/site.yml` builds it on each push to `main`\n"
        "and publishes it with GitHub Pages (in the repository's settings, under Pages,\n"
        'choose "GitHub Actions" as the source).\n\n'
        "## In your editor\n\n"
        "`rcpack lsp` shows every problem `rcpack validate` finds as you type. It must be on\n"
        "your editor's PATH (`rcpack --version` in a terminal says whether it is).\n\n"
        "- **VS Code**: `.vscode/settings.json` keeps the YAML extension\n"
        "  (`redhat.vscode-yaml`, recommended in `.vscode/extensions.json`) for hover and\n"
        "  completion from the schema, and turns its checks off (`yaml.validate`), as\n"
        "  rcpack lsp makes them: each problem would show twice. rcpack lsp runs in VS Code\n"
        "  through rcpack's own extension, which is not on the Marketplace: rcpack's README\n"
        '  ("VS Code") says how to make and install it. Until it is installed, VS Code\n'
        "  shows no problems; set `yaml.validate` to `true` to have the YAML extension's.\n"
        "  `rcpack.command` is the rcpack it starts: its full path if it is not on PATH.\n"
        "- **Helix**: `.helix/languages.toml` starts rcpack lsp for YAML files here, beside\n"
        "  yaml-language-server with its checks off.\n"
        '- **Neovim, Emacs**: rcpack\'s README, "In your editor: rcpack lsp", has the lines\n'
        "  for your settings.\n"
    )

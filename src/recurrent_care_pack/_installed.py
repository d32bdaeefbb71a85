"""Where this rcpack was installed from, and the command that adds an extra to it.

pip records where it installed a package from (PEP 610's ``direct_url.json``): a git URL and
its commit, a folder (a clone), or a file (a wheel). Nothing recorded means an index, which
rcpack is not on: then the command given is the one that works in a clone.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from attrs import frozen

__all__ = ["Origin", "install_command", "missing_extra", "origin", "web_file"]

#: The distribution's name, as pip knows it.
_NAME = "recurrent-care-pack"


@frozen
class Origin:
    """Where pip installed rcpack from.

    ``kind`` is ``git`` (``where`` is the URL, with ``commit``), ``folder`` (a folder's path,
    ``editable`` for ``pip install -e``) or ``file`` (a wheel's or an archive's path).
    """

    kind: str
    where: str
    commit: str | None = None
    editable: bool = False


def origin() -> Origin | None:
    """Where pip installed rcpack from, if it recorded it; None for an index or no record."""
    info = _record()
    url = str(info.get("url", ""))
    vcs = info.get("vcs_info") or {}
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return Origin("git", url, str(vcs["commit_id"]))
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if path.endswith((".whl", ".tar.gz", ".zip")):
        return Origin("file", path)
    folder = info.get("dir_info") or {}
    return Origin(
        "folder", path, editable=isinstance(folder, dict) and bool(folder.get("editable"))
    )


def _record() -> dict[str, object]:
    """What pip recorded of where it installed rcpack from (empty if none, or unreadable)."""
    try:
        recorded = metadata.distribution(_NAME).read_text("direct_url.json")
        info = json.loads(recorded) if recorded else {}
    except (metadata.PackageNotFoundError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def install_command(extra: str) -> tuple[str, bool]:
    """The shell command that installs rcpack with ``extra`` into the Python rcpack runs in.

    The second value is True when the command works anywhere: it names where rcpack came
    from (a git URL and commit, a folder or a file still there). When rcpack cannot tell,
    it is False: the command installs ``.``, so it works in the folder of a clone.
    """
    found = origin()
    pip = _pip()
    if found is not None and found.kind == "git":
        requirement = f"{_NAME}[{extra}] @ git+{found.where}@{found.commit}"
        return f"{pip} install {shlex.quote(requirement)}", True
    if found is not None and Path(found.where).exists():
        editable = "-e " if found.editable else ""
        return f"{pip} install {editable}{shlex.quote(f'{found.where}[{extra}]')}", True
    return f"{pip} install {shlex.quote(f'.[{extra}]')}", False


def missing_extra(needs: str, module: str, extra: str) -> str:
    """What to say when ``module``, of rcpack's ``extra``, is not installed: what and how.

    ``needs`` says what needs it ("Word handouts need").
    """
    command, anywhere = install_command(extra)
    where = "run" if anywhere else "run this in the folder of a clone of rcpack's repository"
    return (
        f"{needs} {module}, which is not installed; to install it with the rest of rcpack's "
        f"{extra} extra, {where}: {command}"
    )


def _pip() -> str:
    """How to run the pip of the Python rcpack runs in, as a shell command."""
    python = Path(sys.executable)
    for name in ("pip", "pip.exe"):
        if (python.parent / name).is_file():
            return _shell_path(python.parent / name)
    if importlib.util.find_spec("pip") is not None:
        return f"{_shell_path(python)} -m pip"
    return f"{_shell_path(python)} -m ensurepip && {_shell_path(python)} -m pip"


def _shell_path(path: Path) -> str:
    """``path`` as a shell reads it: under the home folder as ``~/...``, else quoted if need be."""
    home = os.environ.get("HOME")
    if home:
        try:
            rest = path.relative_to(home).as_posix()
        except ValueError:
            pass
        else:
            if rest != "." and shlex.quote(rest) == rest:
                return f"~/{rest}"
    return shlex.quote(str(path))


#: How each forge shows a file at a commit: its host, and the path between the repository
#: and the commit.
_FORGES = {
    "github.com": "blob",
    "gitlab.com": "-/blob",
    "codeberg.org": "src/commit",
    "bitbucket.org": "src",
}

#: A repository's address as git writes it: https, ssh, or scp-like ``git@host:owner/name``.
_ADDRESS = re.compile(
    r"(?:https://(?:[^@/]+@)?|ssh://(?:[^@/]+@)?|git@)(?P<host>[A-Za-z0-9.-]+)(?::\d+)?[:/]"
    r"(?P<name>[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+)"
)


def web_file(repository: str, commit: str, path: str) -> str | None:
    """The web page of ``path`` at ``commit`` in ``repository`` (a git address), if known.

    Known for the public forges (GitHub, GitLab, Codeberg, Bitbucket); None for others.
    """
    found = _ADDRESS.fullmatch(repository.removesuffix("/").removesuffix(".git"))
    if found is None or not re.fullmatch(r"[0-9a-f]{7,64}", commit):
        return None
    kind = _FORGES.get(found["host"].lower())
    if kind is None:
        return None
    return f"https://{found['host'].lower()}/{found['name']}/{kind}/{commit}/{path}"

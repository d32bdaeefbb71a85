"""The workspace: where GitHub Actions checked out the repository, and paths inside it."""

import os
from pathlib import Path

__all__ = ["workspace_path", "workspace_root"]


def workspace_root(workspace: Path | None = None) -> Path:
    """The absolute path of ``workspace``, else ``$GITHUB_WORKSPACE``, else the current folder."""
    return _absolute(workspace or Path(os.environ.get("GITHUB_WORKSPACE") or os.curdir))


def workspace_path(file: Path, workspace: Path | None = None) -> Path:
    """``file`` relative to the workspace when it is inside it, else its absolute path.

    The workspace is `workspace_root`; so ``content/pack.yaml`` names the same file on a pull
    request's diff wherever in the repository rcpack ran.
    """
    base = workspace_root(workspace)
    absolute = _absolute(file)
    if absolute.is_relative_to(base):
        return absolute.relative_to(base)
    # The same folders reached through a link (the workspace given by a linked path).
    real = Path(os.path.realpath(absolute.parent), absolute.name)
    if real.is_relative_to(real_base := Path(os.path.realpath(base))):
        return real.relative_to(real_base)
    return absolute


def _absolute(path: Path) -> Path:
    """``path`` from the root, ``..`` taken out; not resolve(): a link keeps its own name."""
    return Path(os.path.abspath(path))  # noqa: PTH100 (see above)

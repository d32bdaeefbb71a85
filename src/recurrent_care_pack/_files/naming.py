"""Naming: the file a typed name names, and what is at a path, in a few words."""

import errno
import os
import stat
from pathlib import Path

from .refusing import cannot, refuse_without_folder

__all__ = ["file_named", "what_is"]


def file_named(name: str, example: str = "handout.md") -> Path:
    """The file ``name`` (as typed) names; `WriteError` if it names a folder, or nothing.

    ``example``: a file name of the kind meant, suggested in the message.

    A name ending in ``/``, ``.`` or ``..`` names a folder, whether or not there is one
    (``Path`` would drop the ``/`` and make ``missing/`` a file ``missing``). A relative
    name is refused too when the current folder has been deleted.
    """
    if not name:
        raise cannot(name, f"the name is empty; name a file such as '{example}'")
    path = Path(name)
    refuse_without_folder(path)
    if os.path.basename(name) not in {"", os.curdir, os.pardir}:  # noqa: PTH119 (Path drops a final /)
        return path
    if path.is_dir():
        reason = f"it is a folder; name a file in it, such as '{path / example}'"
    elif os.path.lexists(path):
        reason = f"it names a folder, but '{path}' is not a folder; leave out the final '/'"
    else:
        reason = (
            f"it names a folder, and there is no folder '{path}'; make it first "
            f"(mkdir -p '{path}') and name a file in it, such as '{path / example}'"
        )
    raise cannot(name, reason)


def what_is(path: Path) -> str:
    """What is at ``path``, in a few words: ``a file``, ``a link to nothing ('gone.yaml')``."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not path.is_symlink():
            return "nothing"
        first, end = path.readlink(), _end_of_links(path)
        if path.parent / first == end:
            return f"a link to nothing ('{first}')"
        return f"a link to a link ('{first}'), and the links end at nothing ('{end}')"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a link in a loop of links that lead back to each other"
        return f"something that cannot be looked at ({error.strerror or error})"
    kinds = (
        (stat.S_ISREG, "a file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a disk device"),
    )
    return next((kind for test, kind in kinds if test(mode)), "a socket")


def _end_of_links(path: Path) -> Path:
    """Where the links from ``path`` end: the first name that is not a link."""
    for _ in range(40):  # as many links as the system follows
        if not path.is_symlink():
            break
        path = path.parent / path.readlink()
    return path

"""Refusals: the one-line error a write raises, and names never written (installed code)."""

import errno
import os
import stat
from pathlib import Path

from recurrent_care_pack._errors import FileChangedError, WriteError

__all__ = [
    "FileChangedError",
    "WriteError",
    "cannot",
    "failed",
    "installed_folders",
    "refuse_installed",
    "refuse_without_folder",
]


def refuse_without_folder(path: Path) -> None:
    """Raise `WriteError` if ``path`` is relative and the current folder has been deleted."""
    if path.is_absolute():
        return
    try:
        Path.cwd()
    except FileNotFoundError:
        raise cannot(
            path,
            "the current folder no longer exists (it was deleted or moved); go to a folder "
            "that exists (cd), then run again",
        ) from None


def installed_folders() -> tuple[Path, ...]:
    """Where installed packages live: this package's own folder and ``site-packages``."""
    import sysconfig  # noqa: PLC0415 (only when a file is written)

    folders = {Path(__file__).resolve().parents[1]}  # recurrent_care_pack/, not _files/
    for name in ("purelib", "platlib"):
        folders.add(Path(sysconfig.get_paths()[name]).resolve())
    return tuple(sorted(folders))


def refuse_installed(path: Path, target: Path | None = None) -> None:
    """Raise `WriteError` if ``path`` (``target``: with its links followed) is installed code.

    That is this package's own folder, the running Python's ``site-packages``, any folder
    called ``site-packages`` or ``dist-packages``, and any virtual environment (a folder
    with a ``pyvenv.cfg``), pre-commit's own copies of rcpack among them.
    """
    target = target or Path(os.path.realpath(path))
    inside = next((f for f in installed_folders() if target.is_relative_to(f)), None)
    if inside is None:
        inside = next(
            (
                folder
                for folder in target.parents
                if folder.name in {"site-packages", "dist-packages"}
                or os.path.exists(folder / "pyvenv.cfg")  # noqa: PTH110 (False if unreadable)
            ),
            None,
        )
    if inside is not None:
        raise cannot(
            path,
            f"it is inside installed Python packages ({inside}), which rcpack never changes; "
            "copy the content into a folder of your own and work there",
        )


def cannot(path: Path | str, reason: str) -> WriteError:
    """The error saying ``path`` cannot be written, and why."""
    return WriteError(f"cannot write '{path}': {reason}", reason)


def failed(
    path: Path, error: OSError, folder: Path | None = None, example: str = "handout.md"
) -> WriteError:
    """The one-line reason ``path`` could not be written."""
    reason = error.strerror or str(error)
    if error.errno == errno.ENOENT and folder is not None:
        reason = f"there is no folder '{folder}'"
    elif error.errno == errno.ENOENT:
        reason = "a folder on the way to it does not exist"
    elif error.errno == errno.ENOTDIR:
        reason = "a part of the path that should be a folder is a file"
    elif error.errno == errno.ELOOP:
        reason = "its symbolic links go round in a loop"
    elif error.errno == errno.EISDIR:
        reason = f"it is a folder; name a file in it, such as '{path / example}'"
    elif error.errno == errno.ENXIO and _is_device(path):  # /dev/tty with no terminal
        reason = (
            "the device it names is not there (/dev/tty is not, when rcpack runs without a "
            "terminal); name a file to write instead"
        )
    elif error.errno == errno.ENXIO:  # a FIFO without a reader (a socket is refused before)
        reason = "nothing is reading from it; start the program that reads it, then run again"
    return cannot(path, reason)


def _is_device(path: Path) -> bool:
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except OSError:
        return False

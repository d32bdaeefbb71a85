"""Files: writing an editor's file without ever destroying it, or what else it is."""

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = [
    "FileChangedError",
    "WriteError",
    "create_file",
    "installed_folders",
    "refuse_installed",
    "replace_file",
]


class WriteError(OSError):
    """A file could not be written; its message is one line, and the old file is as it was."""


class FileChangedError(WriteError):
    """The file no longer holds what was read from it: something else changed it meanwhile."""


def replace_file(path: Path, content: bytes, *, expected: bytes | None = None) -> None:
    """Write ``content`` to ``path``, the safe way for what ``path`` is.

    - A file is replaced whole: the content goes to a temporary file in its folder, is
      flushed to disk, read back and compared, given the old file's mode, owner and group,
      and renamed over it. A reader sees the old file or the new; on any failure the old
      file stays as it was and no temporary file is left.
    - A symbolic link stays a link: the file it leads to (in that file's folder) gets the
      content; a link to nothing gets its file made.
    - A file with more than one hard link is refused: replacing it would split it from its
      other names, and writing in place could leave it half written. So is a file its
      owner made read-only, though its folder would let it be replaced.
    - A FIFO or character device (a terminal, ``/dev/null``, ``/proc/self/fd/1`` on a pipe)
      is opened and written as a stream: nothing is renamed or replaced.
    - A file inside the installed package, or anywhere in Python's ``site-packages``, is
      refused: what pip installed is never changed.
    - ``expected``: the bytes the file held when it was read. If it holds anything else
      just before it would be replaced, `FileChangedError` is raised and nothing is written.

    Raises `WriteError` (an ``OSError``) saying why, in one line.
    """
    try:
        found: os.stat_result | None = path.stat()
    except FileNotFoundError:
        found = None  # a new file, perhaps behind a link to nothing yet
    except OSError as error:
        raise _failed(path, error) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        if expected is not None:
            raise FileChangedError(f"'{path}' is no longer a file")
        _write_stream(path, content, found.st_mode)
        return
    target = Path(os.path.realpath(path))
    refuse_installed(path, target)
    if found is not None:
        if found.st_nlink > 1:
            file = target if path.is_symlink() else path
            raise WriteError(
                f"cannot write '{path}': it has {found.st_nlink} hard links, and replacing it "
                "would split them; give it a copy of its own first "
                f"(cp '{file}' '{file}.new' && mv '{file}.new' '{file}'), then run again"
            )
        writable = os.access(target, os.W_OK, effective_ids=os.access in os.supports_effective_ids)
        if not writable or not found.st_mode & 0o222:  # root may write anything: ask the mode
            raise WriteError(f"cannot write '{path}': {_why_read_only(target)}")
        try:
            same = os.path.samestat(found, target.stat())
        except OSError:
            same = False
        if not same:  # a file behind /proc/self/fd that was deleted, or moved meanwhile
            raise FileChangedError(f"'{path}' changed while it was being written; run again")
    _replace(path, target, content, found, expected)


def create_file(path: Path, content: bytes) -> bool:
    """Make ``path`` a new file holding ``content``; ``False``, changing nothing, if it exists.

    Anything at ``path`` counts as existing, a link to nothing too. The content is written
    to a temporary file beside it, read back, then linked to its name in one step, so the
    file appears whole or not at all. Raises `WriteError` saying why it cannot be written.
    """
    if path.is_symlink() or path.exists():
        return False
    folder = path.parent
    refuse_installed(path, Path(os.path.realpath(folder)) / path.name)
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _failed(path, error, folder=folder) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fchmod(stream.fileno(), _mode(None))
            os.fsync(stream.fileno())
        _check_before_replacing(path, temporary, path, content, None)
        os.link(temporary, path)  # never replaces: a name that appeared meanwhile stays
    except FileExistsError:
        return False
    except WriteError:
        raise
    except OSError as error:
        raise _failed(path, error) from None
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(folder)
    return True


def installed_folders() -> tuple[Path, ...]:
    """Where installed packages live: this package's own folder and ``site-packages``."""
    import sysconfig  # noqa: PLC0415 (only when a file is written)

    folders = {Path(__file__).resolve().parent}
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
        raise WriteError(
            f"cannot write '{path}': it is inside installed Python packages ({inside}), "
            "which rcpack never changes; copy the content into a folder of your own and "
            "work there"
        )


def _replace(
    path: Path, target: Path, content: bytes, found: os.stat_result | None, expected: bytes | None
) -> None:
    """Replace ``target`` (``path`` with its links followed) by a whole new file."""
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _failed(path, error, folder=target.parent) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            if found is not None:
                _keep_owner(stream.fileno(), found)
            os.fchmod(stream.fileno(), _mode(found))
            os.fsync(stream.fileno())
        _check_before_replacing(path, temporary, target, content, expected)
        temporary.replace(target)
    except WriteError:
        temporary.unlink(missing_ok=True)
        raise
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _failed(path, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _check_before_replacing(
    path: Path, temporary: Path, target: Path, content: bytes, expected: bytes | None
) -> None:
    """Raise unless the new file reads back whole and the old one is as it was read."""
    if temporary.read_bytes() != content:
        raise WriteError(
            f"cannot write '{path}': what was written reads back differently; "
            "the disk may be failing"
        )
    if expected is not None and _now(target) != expected:
        raise FileChangedError(f"'{path}' changed while it was being written; run again")


def _write_stream(path: Path, content: bytes, mode: int) -> None:
    """Write to a FIFO or a character device as a program writing to it would."""
    if stat.S_ISDIR(mode):
        raise WriteError(
            f"cannot write '{path}': it is a folder; name a file in it, "
            f"such as '{path / 'handout.md'}'"
        )
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = "a disk device" if stat.S_ISBLK(mode) else "a socket"
        raise WriteError(
            f"cannot write '{path}': it is {kind}, not a file; name a file such as 'handout.md'"
        )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise _failed(path, error) from None
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as error:
        raise _failed(path, error) from None
    finally:
        os.close(descriptor)


def _why_read_only(file: Path) -> str:
    """Why a file may not be written: its file system, or its permissions."""
    with contextlib.suppress(OSError):
        if os.statvfs(file).f_flag & os.ST_RDONLY:
            return os.strerror(errno.EROFS)
    return f"it is read-only; make it writable first (chmod u+w '{file}') if it should change"


def _now(file: Path) -> bytes | None:
    """What ``file`` holds now; None if it is gone."""
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return None


def _keep_owner(descriptor: int, found: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or as much of them as is allowed."""
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) == (found.st_uid, found.st_gid):
        return
    try:
        os.fchown(descriptor, found.st_uid, found.st_gid)
    except PermissionError:  # only root may give a file away; a member may keep its group
        with contextlib.suppress(PermissionError):
            os.fchown(descriptor, -1, found.st_gid)


def _mode(found: os.stat_result | None) -> int:
    """The old file's permissions, or a new file's (as ``open`` would make it)."""
    if found is not None:
        return stat.S_IMODE(found.st_mode)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk, where the file system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some file systems cannot sync a folder; the rename is done all the same
        pass
    finally:
        os.close(descriptor)


def _failed(path: Path, error: OSError, folder: Path | None = None) -> WriteError:
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
        reason = f"it is a folder; name a file in it, such as '{path / 'handout.md'}'"
    elif error.errno == errno.ENXIO:
        reason = "nothing is reading from it"
    return WriteError(f"cannot write '{path}': {reason}")

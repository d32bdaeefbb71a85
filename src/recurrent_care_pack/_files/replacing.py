"""Replacing: a file replaced whole, or made new, so that a reader sees it whole or not at all."""

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from .keeping import keep_attributes, keep_owner, new_mode
from .refusing import (
    FileChangedError,
    WriteError,
    cannot,
    failed,
    refuse_installed,
    refuse_without_folder,
)
from .streams import write_descriptor, write_stream

__all__ = ["create_file", "replace_file"]


def replace_file(
    path: Path, content: bytes, *, expected: bytes | None = None, example: str = "handout.md"
) -> None:
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
    - ``example``: the name of a file of the kind meant, suggested when ``path`` names a
      folder or something else that cannot be written.

    - A file owned by another user or group than the one writing it, or with extended
      attributes (an ACL among them), is replaced only if the new file can be given the
      same owner, group and attributes; else it is refused, saying what to do.

    - A name of one of this program's open files (``/dev/stdout``, ``/dev/stderr``,
      ``/dev/fd/N``, ``/proc/self/fd/N``) that leads to a file is written as a stream to
      that open file, where it stands (at its end, if it was opened to append): the file
      the shell opened is never replaced, so what it held and what is printed after stay.
      (Not with ``expected``: a file being reformatted is replaced whole, as any file is.)

    Raises `WriteError` (an ``OSError``) saying why, in one line.
    """
    refuse_without_folder(path)
    if expected is None and write_descriptor(path, lambda: content):
        return  # fmt (``expected``) replaces the file itself: writing in place could leave a tail
    try:
        found: os.stat_result | None = path.stat()
    except FileNotFoundError:
        found = None  # a new file, perhaps behind a link to nothing yet
    except OSError as error:
        raise failed(path, error) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        if expected is not None:
            raise FileChangedError(f"'{path}' is no longer a file")
        write_stream(path, content, found.st_mode, example)
        return
    target = Path(os.path.realpath(path))
    refuse_installed(path, target)
    if found is not None:
        _refuse_to_replace(path, target, found)
    _replace(path, target, content, found, expected)


def _refuse_to_replace(path: Path, target: Path, found: os.stat_result) -> None:
    """Raise `WriteError` unless the file ``found`` at ``path`` (``target``) may be replaced."""
    if found.st_nlink > 1:
        file = target if path.is_symlink() else path
        raise cannot(
            path,
            f"it has {found.st_nlink} hard links, and replacing it would split them; give "
            f"it a copy of its own first (cp '{file}' '{file}.new' && mv '{file}.new' "
            f"'{file}'), then run again",
        )
    writable = os.access(target, os.W_OK, effective_ids=os.access in os.supports_effective_ids)
    if not writable or not found.st_mode & 0o222:  # root may write anything: ask the mode
        raise cannot(path, _why_read_only(target))
    try:
        same = os.path.samestat(found, target.stat())
    except OSError:
        same = False
    if not same:  # a file behind /proc/self/fd that was deleted, or moved meanwhile
        raise FileChangedError(f"'{path}' changed while it was being written; run again")


def create_file(path: Path, content: bytes) -> bool:
    """Make ``path`` a new file holding ``content``; ``False``, changing nothing, if it exists.

    Anything at ``path`` counts as existing, a link to nothing too. The content is written
    to a temporary file beside it, read back, then linked to its name in one step, so the
    file appears whole or not at all. Raises `WriteError` saying why it cannot be written.
    """
    refuse_without_folder(path)
    if path.is_symlink() or path.exists():
        return False
    folder = path.parent
    refuse_installed(path, Path(os.path.realpath(folder)) / path.name)
    handle, temporary = _temporary(path, folder, path.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fchmod(stream.fileno(), new_mode(None))
            os.fsync(stream.fileno())
        _check_before_replacing(path, temporary, path, content, None)
        os.link(temporary, path)  # never replaces: a name that appeared meanwhile stays
    except FileExistsError:
        return False
    except WriteError:
        raise
    except OSError as error:
        raise failed(path, error) from None
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(folder)
    return True


def _replace(
    path: Path, target: Path, content: bytes, found: os.stat_result | None, expected: bytes | None
) -> None:
    """Replace ``target`` (``path`` with its links followed) by a whole new file."""
    handle, temporary = _temporary(path, target.parent, target.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            if found is not None:
                file = target if path.is_symlink() else path  # the name to give in advice
                keep_owner(stream.fileno(), found, path, file)
                keep_attributes(stream.fileno(), target, path, file)
            os.fchmod(stream.fileno(), new_mode(found))
            os.fsync(stream.fileno())
        _check_before_replacing(path, temporary, target, content, expected)
        temporary.replace(target)
    except WriteError:
        temporary.unlink(missing_ok=True)
        raise
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise failed(path, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _check_before_replacing(
    path: Path, temporary: Path, target: Path, content: bytes, expected: bytes | None
) -> None:
    """Raise unless the new file reads back whole and the old one is as it was read."""
    if temporary.read_bytes() != content:
        raise cannot(path, "what was written reads back differently; the disk may be failing")
    if expected is not None and _now(target) != expected:
        raise FileChangedError(f"'{path}' changed while it was being written; run again")


#: How much of a file's name its temporary file's name holds: 40 characters are at most 160
#: bytes, so the temporary name stays under the 255 bytes a name may have.
_NAME_IN_TEMPORARY = 40


def _temporary(path: Path, folder: Path, name: str) -> tuple[int, Path]:
    """A new temporary file in ``folder`` for writing ``path`` (named ``name`` there)."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{name[:_NAME_IN_TEMPORARY]}.", suffix=".tmp"
        )
    except PermissionError as error:  # the file may be writable, but its folder is not
        raise cannot(
            path,
            f"the folder '{folder}' may not be written ({error.strerror}), so no new file can "
            "be made there; get permission to write in it, or work in a folder you may write to",
        ) from None
    except OSError as error:
        raise failed(path, error, folder=folder) from None
    return handle, Path(temporary)


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

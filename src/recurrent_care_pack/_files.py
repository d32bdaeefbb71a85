"""Files: writing an editor's file without ever destroying it, or what else it is."""

import contextlib
import errno
import fcntl
import grp
import os
import pwd
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from recurrent_care_pack._text import shown

__all__ = [
    "FileChangedError",
    "WriteError",
    "append_file",
    "create_file",
    "file_named",
    "installed_folders",
    "refuse_installed",
    "replace_file",
    "what_is",
]


class WriteError(OSError):
    """A file could not be written; its message is one line, and the old file is as it was.

    ``reason`` is the message without the ``cannot write 'PATH': `` it starts with. Control
    characters in either (a newline in a file's name) are written as escapes.
    """

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(shown(message))
        self.reason = shown(reason or message)


class FileChangedError(WriteError):
    """The file no longer holds what was read from it: something else changed it meanwhile."""


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
    _refuse_without_folder(path)
    if expected is None and _write_descriptor(path, lambda: content):
        return  # fmt (``expected``) replaces the file itself: writing in place could leave a tail
    try:
        found: os.stat_result | None = path.stat()
    except FileNotFoundError:
        found = None  # a new file, perhaps behind a link to nothing yet
    except OSError as error:
        raise _failed(path, error) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        if expected is not None:
            raise FileChangedError(f"'{path}' is no longer a file")
        _write_stream(path, content, found.st_mode, example)
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
        raise _cannot(
            path,
            f"it has {found.st_nlink} hard links, and replacing it would split them; give "
            f"it a copy of its own first (cp '{file}' '{file}.new' && mv '{file}.new' "
            f"'{file}'), then run again",
        )
    writable = os.access(target, os.W_OK, effective_ids=os.access in os.supports_effective_ids)
    if not writable or not found.st_mode & 0o222:  # root may write anything: ask the mode
        raise _cannot(path, _why_read_only(target))
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
    _refuse_without_folder(path)
    if path.is_symlink() or path.exists():
        return False
    folder = path.parent
    refuse_installed(path, Path(os.path.realpath(folder)) / path.name)
    handle, temporary = _temporary(path, folder, path.name)
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
        raise _cannot(
            path,
            f"it is inside installed Python packages ({inside}), which rcpack never changes; "
            "copy the content into a folder of your own and work there",
        )


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
                _keep_owner(stream.fileno(), found, path, file)
                _keep_attributes(stream.fileno(), target, path, file)
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
        raise _cannot(path, "what was written reads back differently; the disk may be failing")
    if expected is not None and _now(target) != expected:
        raise FileChangedError(f"'{path}' changed while it was being written; run again")


def _write_stream(path: Path, content: bytes, mode: int, example: str) -> None:
    """Write to a FIFO or a character device as a program writing to it would."""
    _refuse_unstreamable(path, mode, example)
    descriptor = _open_stream(path, 0, example=example)
    try:
        _write_all(descriptor, content)
    except OSError as error:
        raise _failed(path, error) from None
    finally:
        os.close(descriptor)


def append_file(
    path: Path, content: Callable[[int], bytes], *, example: str = "handout.md"
) -> None:
    """Add to the end of ``path`` (made if missing) what ``content`` gives for its size now.

    What the file holds is kept, and so are its owner, group, mode and attributes. What is
    added is added whole or not at all: if it cannot all be written (the disk is full), the
    file is cut back to its old length. A file with more than one hard link is refused (its
    other names may be anything, a content file among them). A FIFO or a character device
    is written as a stream (its size is 0), but one that nothing is reading from is
    refused, not waited on; a folder, socket or disk device is refused, and so is a file of
    installed packages. One of this program's open files (``/dev/stdout``) is written where
    it stands, as `replace_file` writes it. Raises `WriteError` saying why, in one line.
    """
    _refuse_without_folder(path)
    if _write_descriptor(path, lambda: content(0)):
        return
    try:
        found: os.stat_result | None = path.stat()
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise _failed(path, error) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        _refuse_unstreamable(path, found.st_mode, example)
    refuse_installed(path)
    descriptor = _open_stream(path, os.O_APPEND | os.O_CREAT, folder=path.parent, example=example)
    try:
        now = os.fstat(descriptor)
        if not stat.S_ISREG(now.st_mode):
            _write_all(descriptor, content(0))
            return
        if now.st_nlink > 1:
            raise _cannot(
                path,
                f"it has {now.st_nlink} hard links, and one of its other names may be a file "
                "that must not change; name a file of its own",
            )
        try:
            _write_all(descriptor, content(now.st_size))
        except BaseException:
            with contextlib.suppress(OSError):  # whole or not at all: cut back what was added
                os.ftruncate(descriptor, now.st_size)
            raise
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        raise _failed(path, error) from None
    finally:
        os.close(descriptor)


#: The names of a program's own open files, their number in the last group.
_DESCRIPTOR_NAME = re.compile(
    r"/dev/(?:std(in|out|err)|fd/([0-9]+))|/proc/(?:self|thread-self|[0-9]+)/fd/([0-9]+)"
)


def _descriptor_named(path: Path) -> int | None:
    """The open file of this program ``path`` names, its links followed; None if none."""
    name = os.path.abspath(path)  # noqa: PTH100 (keeps a final link unresolved)
    for _ in range(40):  # as many links as the system follows
        found = _DESCRIPTOR_NAME.fullmatch(name)
        if found is not None:
            process = re.match(r"/proc/([0-9]+)/", name)
            if process is not None and int(process.group(1)) != os.getpid():
                return None  # another program's file: a file like any other
            std, fd, proc = found.groups()
            if std is not None:
                return ("in", "out", "err").index(std)
            return int(fd or proc)
        try:
            link = str(Path(name).readlink())
        except OSError:
            return None
        name = os.path.normpath(os.path.join(os.path.dirname(name), link))  # noqa: PTH118,PTH120
    return None


def _write_descriptor(path: Path, content: Callable[[], bytes]) -> bool:
    """Write ``content`` to the open file ``path`` names, if it names one that is a file.

    False if it names none, or one that is not a file (a pipe or a terminal is opened and
    written by its name, as any FIFO or device is).
    """
    descriptor = _descriptor_named(path)
    if descriptor is None:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        if fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise _cannot(path, "it is open only for reading; name a file to write instead")
        for stream in (sys.stdout, sys.stderr):  # what was printed before comes first
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.flush()
        _write_all(descriptor, content())
    except WriteError:
        raise
    except OSError as error:
        if error.errno == errno.EBADF:
            return False  # not open: the name leads nowhere, as opening it would say
        raise _failed(path, error) from None
    return True


def file_named(name: str, example: str = "handout.md") -> Path:
    """The file ``name`` (as typed) names; `WriteError` if it names a folder, or nothing.

    ``example``: a file name of the kind meant, suggested in the message.

    A name ending in ``/``, ``.`` or ``..`` names a folder, whether or not there is one
    (``Path`` would drop the ``/`` and make ``missing/`` a file ``missing``). A relative
    name is refused too when the current folder has been deleted.
    """
    if not name:
        raise _cannot(name, f"the name is empty; name a file such as '{example}'")
    path = Path(name)
    _refuse_without_folder(path)
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
    raise _cannot(name, reason)


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


def _refuse_unstreamable(path: Path, mode: int, example: str) -> None:
    """Raise `WriteError` unless ``mode`` is a FIFO's or a character device's."""
    if stat.S_ISDIR(mode):
        raise _cannot(path, f"it is a folder; name a file in it, such as '{path / example}'")
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = "a disk device" if stat.S_ISBLK(mode) else "a socket"
        raise _cannot(path, f"it is {kind}, not a file; name a file such as '{example}'")


def _open_stream(
    path: Path, flags: int, folder: Path | None = None, example: str = "handout.md"
) -> int:
    """Open ``path`` to write, never waiting: a FIFO that nothing reads from is refused."""
    try:
        descriptor = os.open(
            path, flags | os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC, 0o666
        )
    except OSError as error:
        raise _failed(path, error, folder=folder, example=example) from None
    try:  # from here on, writes wait for the reader as they would for any program
        fcntl.fcntl(
            descriptor, fcntl.F_SETFL, fcntl.fcntl(descriptor, fcntl.F_GETFL) & ~os.O_NONBLOCK
        )
    except OSError as error:
        os.close(descriptor)
        raise _failed(path, error) from None
    return descriptor


def _write_all(descriptor: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        view = view[os.write(descriptor, view) :]


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
        raise _cannot(
            path,
            f"the folder '{folder}' may not be written ({error.strerror}), so no new file can "
            "be made there; get permission to write in it, or work in a folder you may write to",
        ) from None
    except OSError as error:
        raise _failed(path, error, folder=folder) from None
    return handle, Path(temporary)


def _refuse_without_folder(path: Path) -> None:
    """Raise `WriteError` if ``path`` is relative and the current folder has been deleted."""
    if path.is_absolute():
        return
    try:
        Path.cwd()
    except FileNotFoundError:
        raise _cannot(
            path,
            "the current folder no longer exists (it was deleted or moved); go to a folder "
            "that exists (cd), then run again",
        ) from None


def _cannot(path: Path | str, reason: str) -> WriteError:
    return WriteError(f"cannot write '{path}': {reason}", reason)


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


def _keep_owner(descriptor: int, found: os.stat_result, path: Path, file: Path) -> None:
    """Give the new file the old one's owner and group; `WriteError` if that is not allowed."""
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) == (found.st_uid, found.st_gid):
        return
    try:
        os.fchown(descriptor, found.st_uid, found.st_gid)
    except PermissionError:  # only root may give a file away, or a group one is not in
        pass
    else:
        return
    if mine.st_uid != found.st_uid:
        owner = _user(found.st_uid)
        who = "root" if found.st_uid == 0 else f"{owner} or as root"
        take_over = (
            ""  # in a sticky folder (/tmp) only a file's owner may replace it
            if _sticky_for_me(file.parent)
            else f", or take the file over first (cp '{file}' '{file}.new' && mv "
            f"'{file}.new' '{file}')"
        )
        raise _cannot(
            path,
            f"it belongs to {owner}, and replacing it would make it yours; run rcpack as "
            f"{who}{take_over}, then run again",
        )
    group = _group(found.st_gid)
    raise _cannot(
        path,
        f"it belongs to {group}, which you are not in, and replacing it would change its "
        f"group; run rcpack as a member of {group} or as root, or change its group first "
        f"(chgrp {_group(os.getegid(), bare=True)} '{file}'), then run again",
    )


def _sticky_for_me(folder: Path) -> bool:
    """Whether ``folder`` is sticky and not mine: its files only their owners may replace."""
    try:
        found = folder.stat()
    except OSError:
        return False
    return bool(found.st_mode & stat.S_ISVTX) and found.st_uid != os.geteuid()


def _keep_attributes(descriptor: int, target: Path, path: Path, file: Path) -> None:
    """Give the new file the old one's extended attributes (its ACL too), and only those.

    `WriteError` if one cannot be read or given: the file is then not replaced.
    """
    name = ""
    try:
        try:
            names = os.listxattr(target)
        except OSError as error:
            if error.errno in {errno.ENOTSUP, errno.EOPNOTSUPP}:
                return  # the file system has none to keep
            raise
        old: dict[str, bytes] = {}
        for name in names:
            old[name] = os.getxattr(target, name)
        name = ""
        new = set(os.listxattr(descriptor))
        for name in sorted(new - old.keys()):  # inherited from the folder's default ACL
            os.removexattr(descriptor, name)
        for name, value in old.items():
            if name not in new or os.getxattr(descriptor, name) != value:
                os.setxattr(descriptor, name, value)
    except OSError as error:
        why = error.strerror or str(error)
        if not name:
            raise _cannot(
                path, f"its extended attributes cannot be read ({why}); run rcpack as root"
            ) from None
        acl = name.startswith("system.posix_acl")
        what = "its access control list (ACL)" if acl else f"its extended attribute '{name}'"
        undo = f"setfacl -b '{file}'" if acl else f"setfattr -x '{name}' '{file}'"
        raise _cannot(
            path,
            f"{what} cannot be kept ({why}); run rcpack as root, or remove it first ({undo}) "
            "if it need not be kept, then run again",
        ) from None


def _user(uid: int) -> str:
    try:
        return f"user '{pwd.getpwuid(uid).pw_name}'"
    except KeyError:
        return f"user {uid}"


def _group(gid: int, *, bare: bool = False) -> str:
    try:
        name = grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid) if bare else f"group {gid}"
    return name if bare else f"group '{name}'"


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


def _is_device(path: Path) -> bool:
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except OSError:
        return False


def _failed(
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
    return _cannot(path, reason)

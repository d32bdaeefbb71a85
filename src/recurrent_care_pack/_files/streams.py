"""Streams: appending to a file, and writing to a FIFO, a device or one of our open files."""

import contextlib
import errno
import fcntl
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from .refusing import WriteError, cannot, failed, refuse_installed, refuse_without_folder

__all__ = [
    "append_file",
    "open_stream",
    "refuse_unstreamable",
    "write_all",
    "write_descriptor",
    "write_stream",
]


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
    refuse_without_folder(path)
    if write_descriptor(path, lambda: content(0)):
        return
    try:
        found: os.stat_result | None = path.stat()
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise failed(path, error) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        refuse_unstreamable(path, found.st_mode, example)
    refuse_installed(path)
    descriptor = open_stream(path, os.O_APPEND | os.O_CREAT, folder=path.parent, example=example)
    try:
        now = os.fstat(descriptor)
        if not stat.S_ISREG(now.st_mode):
            write_all(descriptor, content(0))
            return
        if now.st_nlink > 1:
            raise cannot(
                path,
                f"it has {now.st_nlink} hard links, and one of its other names may be a file "
                "that must not change; name a file of its own",
            )
        try:
            write_all(descriptor, content(now.st_size))
        except BaseException:
            with contextlib.suppress(OSError):  # whole or not at all: cut back what was added
                os.ftruncate(descriptor, now.st_size)
            raise
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        raise failed(path, error) from None
    finally:
        os.close(descriptor)


def write_stream(path: Path, content: bytes, mode: int, example: str) -> None:
    """Write to a FIFO or a character device as a program writing to it would."""
    refuse_unstreamable(path, mode, example)
    descriptor = open_stream(path, 0, example=example)
    try:
        write_all(descriptor, content)
    except OSError as error:
        raise failed(path, error) from None
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


def write_descriptor(path: Path, content: Callable[[], bytes]) -> bool:
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
            raise cannot(path, "it is open only for reading; name a file to write instead")
        for stream in (sys.stdout, sys.stderr):  # what was printed before comes first
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.flush()
        write_all(descriptor, content())
    except WriteError:
        raise
    except OSError as error:
        if error.errno == errno.EBADF:
            return False  # not open: the name leads nowhere, as opening it would say
        raise failed(path, error) from None
    return True


def refuse_unstreamable(path: Path, mode: int, example: str) -> None:
    """Raise `WriteError` unless ``mode`` is a FIFO's or a character device's."""
    if stat.S_ISDIR(mode):
        raise cannot(path, f"it is a folder; name a file in it, such as '{path / example}'")
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = "a disk device" if stat.S_ISBLK(mode) else "a socket"
        raise cannot(path, f"it is {kind}, not a file; name a file such as '{example}'")


def open_stream(
    path: Path, flags: int, folder: Path | None = None, example: str = "handout.md"
) -> int:
    """Open ``path`` to write, never waiting: a FIFO that nothing reads from is refused."""
    try:
        descriptor = os.open(
            path, flags | os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC, 0o666
        )
    except OSError as error:
        raise failed(path, error, folder=folder, example=example) from None
    try:  # from here on, writes wait for the reader as they would for any program
        fcntl.fcntl(
            descriptor, fcntl.F_SETFL, fcntl.fcntl(descriptor, fcntl.F_GETFL) & ~os.O_NONBLOCK
        )
    except OSError as error:
        os.close(descriptor)
        raise failed(path, error) from None
    return descriptor


def write_all(descriptor: int, content: bytes) -> None:
    """Write all of ``content`` to ``descriptor``, however few bytes each write takes."""
    view = memoryview(content)
    while view:
        view = view[os.write(descriptor, view) :]

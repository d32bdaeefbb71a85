"""The editor's workspace: open buffers, which pack a file belongs to, and checking it.

Checking goes through the one pipeline `rcpack validate` uses (`check_paths`), with the
open buffers' texts read in place of the saved files and each file's work kept by content.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pygls.uris import from_fs_path

from recurrent_care_pack._content.finding import (
    _HEAD,
    CONTENT_SUFFIXES,
    PACK_MARKER,
    _loose,
    find_packs,
    is_content_file,
    is_content_head,
    is_session_file,
    is_session_head,
    pack_folder_of,
)
from recurrent_care_pack._content.loading import (
    FileCache,
    Result,
    _check_pack,
    check_paths,
    check_sessions,
)
from recurrent_care_pack._content.reading import MAX_FILE_SIZE, Document
from recurrent_care_pack._use.sessions import planned

from .documents import lines_of
from .index import PackIndex, Parts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from recurrent_care_pack._model import Pack
    from recurrent_care_pack._problems import Problem

__all__ = ["Checked", "Workspace", "absolute", "read_saved", "uri_of"]

#: The most packs' indexes kept at once; past it they are made again as they are asked for.
_KEPT_INDEXES = 8


def absolute(path: Path) -> Path:
    """``path`` made absolute without following links, as files are named to the editor."""
    return Path(os.path.abspath(path))  # noqa: PTH100 (resolve() would follow links)


def read_saved(file: Path) -> bytes:
    """The saved bytes of ``file``, a regular file (one byte past the size limit at most).

    Opened without waiting, so that a pipe never blocks the server: ``OSError`` for a pipe,
    socket, device or folder, as for a file that cannot be read.
    """
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "it is not a file (a pipe, socket or device)", str(file))
        return stream.read(MAX_FILE_SIZE + 1)


def uri_of(file: Path) -> str:
    """The ``file:`` URI of ``file``, written as the editor writes it."""
    return from_fs_path(str(file)) or file.as_uri()


class Checked:
    """One check of a pack: its files, and each file's problems (none for a clean file).

    ``texts``: the open files' texts it read, so that what it found is placed in them;
    ``built``: the pack it built, whole or in part (`FileCache.built`), if any.
    """

    def __init__(
        self, root: Path, result: Result, texts: Mapping[Path, str], built: Pack | None = None
    ) -> None:
        """Sort ``result``'s problems by file; ``root`` names the pack (its folder, or file)."""
        self.root = root
        self.result = result
        self.texts = texts
        self.built = built
        self.document: Document | None = None  # the file checked, as it read, if it did
        self.files = tuple(absolute(f) for f in result.files)
        self.problems: dict[Path, list[Problem]] = {file: [] for file in self.files}
        for problem in result.problems:
            self.problems.setdefault(absolute(problem.file), []).append(problem)


class Workspace:
    """The open buffers, and the packs they belong to, checked with every change."""

    def __init__(self) -> None:
        """Start with nothing open."""
        self.texts: dict[Path, str] = {}
        self.cache = FileCache()
        self.checked: dict[Path, Checked] = {}  # the last check of each file's pack
        self.last_read: dict[Path, Document] = {}  # each file as it last read
        # What requests ask for again and again, kept while what it is made from is the same
        # object: a pack's index by its files, and each file's lines.
        self._indexes: dict[tuple[Path, ...], PackIndex] = {}
        self._lines: dict[Path, tuple[str, list[str]]] = {}
        self._parts = Parts()  # what each part of each file holds, for the next index
        self._told: dict[Path, tuple[str, tuple[bool, bool]]] = {}  # by head: see _heads
        self._read_now: dict[Path, tuple[str, Document | None]] = {}  # by text: see document

    def open(self, file: Path, text: str) -> None:
        """Keep the editor's text of ``file`` (opened or changed)."""
        self.texts[absolute(file)] = text

    def close(self, file: Path) -> None:
        """Read ``file`` from disk again (what was kept of its buffer is let go)."""
        file = absolute(file)
        self.texts.pop(file, None)
        for kept in (self._lines, self._told, self._read_now):
            kept.pop(file, None)

    def text(self, file: Path) -> str | None:
        """The text of ``file``: the editor's if open, else as saved; None if unreadable."""
        file = absolute(file)
        if file in self.texts:
            return self.texts[file]
        try:
            return read_saved(file).decode("utf-8", "replace")
        except OSError:
            return None

    def is_content(self, file: Path) -> bool:
        """Whether ``file`` is pack content, as a search of its folder finds it.

        That is: a pack folder's ``pack.yaml``, or a file beside one; a file in a pack folder
        (and not hidden there); or one marked by the schema line or a top-level key of the
        pack's, in its buffer if open.
        """
        file = absolute(file)
        if self.is_session(file):
            return True
        if file.name == PACK_MARKER or os.path.lexists(file.parent / PACK_MARKER):
            return True
        try:
            folder = pack_folder_of(file)
        except OSError:
            folder = None
        if folder is not None:
            inside = file.relative_to(absolute(folder)).parts
            if not any(part.startswith(".") for part in inside):
                return True
        text = self.texts.get(file)
        if text is not None:
            return self._heads(file, text)[1]
        return file.is_file() and is_content_file(file)

    def is_session(self, file: Path) -> bool:
        """Whether ``file`` is a session file (by its buffer if open), not pack content."""
        file = absolute(file)
        return self._is_session(file, self.texts.get(file))

    def _is_session(self, file: Path, text: str | None) -> bool:
        if text is not None:
            return file.name.endswith(CONTENT_SUFFIXES) and self._heads(file, text)[0]
        return is_session_file(file)

    def _heads(self, file: Path, text: str) -> tuple[bool, bool]:
        """Whether ``file``'s buffer ``text`` is a session file's, and pack content by itself.

        Kept by the text's head, all that tells (`is_session_head`): an edit further on, in
        a file of a megabyte, leaves it as it was, and it is not read again.
        """
        head = text[:_HEAD]
        kept = self._told.get(file)
        if kept is not None and kept[0] == head:
            return kept[1]
        told = (is_session_head(head), is_content_head(head))
        self._told[file] = (head, told)
        return told

    def check(self, file: Path) -> Checked:
        """Check the pack ``file`` belongs to, reading open files from their buffers now.

        See `checked_with`; the check is recorded as each of its files' last.
        """
        return self.record(self.checked_with(file, dict(self.texts)))

    def checked_with(self, file: Path, texts: Mapping[Path, str]) -> Checked:
        """Check the pack ``file`` belongs to, reading the open files from ``texts``.

        An open file not saved yet is checked from its buffer, as one of the pack it would
        be saved in; a session file is checked by itself, with its pack. ``OSError`` when
        the pack's files cannot be listed or read. Nothing here is changed but the cache
        of each file's work (safe to run beside requests, on another thread).
        """
        file = absolute(file)
        if self._is_session(file, texts.get(file)):
            root = file
            result = check_sessions([file], texts=texts, cache=self.cache, then=planned)
        elif file in texts and not os.path.lexists(file):
            root, files = self._pack_of_unsaved(file)
            result = _check_pack(files, MAX_FILE_SIZE, texts, self.cache)
        else:
            packs = find_packs([file])
            root = packs[0].root if packs else file
            result = check_paths([file], texts=texts, cache=self.cache, then=planned)
        # The pack this check built: taken now, on the check's own thread, so that what
        # a request shows of it is of this check and no other.
        built = result.pack or self.cache.built.get(result.files)
        checked = Checked(root, result, texts, built)
        text = texts.get(file)
        if text is not None:  # read by the check: the cache has it
            raw = text.encode("utf-8", "surrogatepass")
            checked.document = self.cache.read(file, raw, MAX_FILE_SIZE)[0]
        return checked

    def record(self, checked: Checked) -> Checked:
        """Keep ``checked`` as the last check of each of its files' packs."""
        for each in checked.files:
            self.checked[each] = checked
        if checked.document is not None:
            self.last_read[checked.document.file] = checked.document
        return checked

    def _pack_of_unsaved(self, file: Path) -> tuple[Path, list[Path]]:
        """The pack an open file not saved yet belongs to, that file among its files.

        A pack folder's pack (as saved), or else the content files beside it.
        """
        folder = pack_folder_of(file) if file.name != PACK_MARKER else None
        if folder is None:
            root, files = file.parent, _loose(file.parent) if file.parent.is_dir() else []
        else:
            root = absolute(folder)
            found = [pack for pack in find_packs([root]) if absolute(pack.root) == root]
            files = list(found[0].files) if found else []
        return root, sorted({absolute(f) for f in files} | {file})

    def pack(self, file: Path) -> Pack | None:
        """The typed pack ``file`` belongs to, as last checked, if it had no problems."""
        checked = self.checked.get(absolute(file))
        return None if checked is None else checked.result.pack

    def built(self, file: Path) -> Pack | None:
        """The pack ``file`` belongs to as last checked, whole or in part (`Checked.built`).

        In part, what the problems put in doubt is left out, and stand-ins take the place
        of what must be there: only what `hints.Built` vouches for may be shown of it.
        """
        checked = self.checked.get(absolute(file))
        return None if checked is None else checked.built

    def lines(self, file: Path, text: str | None = None) -> list[str]:
        """The lines of ``file`` (of ``text`` if given, else its buffer if open); none if unread.

        The list is kept while the text is the same: it is not to be changed.
        """
        file = absolute(file)
        text = text if text is not None else self.text(file) or ""
        kept = self._lines.get(file)
        if kept is not None and kept[0] is text:
            return kept[1]
        lines = lines_of(text)
        if file in self.texts:  # a saved file's text is read anew each time: not kept
            self._lines[file] = (text, lines)
        return lines

    def index(self, documents: Sequence[Document]) -> PackIndex:
        """The ids and references of ``documents``, kept while they are the same objects."""
        files = tuple(document.file for document in documents)
        kept = self._indexes.get(files)
        if kept is not None and all(
            a is b for a, b in zip(kept.documents, documents, strict=True)
        ):
            return kept
        if len(self._indexes) >= _KEPT_INDEXES:  # packs since gone, or files since renamed
            self._indexes.clear()
        index = self._indexes[files] = PackIndex(documents, self._parts)
        return index

    def documents(self, file: Path, *, last_read: bool = False) -> list[Document]:
        """The documents of the pack ``file`` belongs to that read now.

        With ``last_read``, those that read when last read too: never for an edit, whose
        places must be those of the text now.
        """
        found: list[Document] = []
        for pack_file in self.pack_files(file):
            document = self.last_document(pack_file) if last_read else self.document(pack_file)
            if document is not None:
                found.append(document)
        return found

    def pack_files(self, file: Path) -> list[Path]:
        """The files of the pack ``file`` belongs to (``file`` among them if open, unsaved)."""
        file = absolute(file)
        try:
            if file in self.texts and not os.path.lexists(file):
                _, files = self._pack_of_unsaved(file)
                return files
            packs = find_packs([file])
        except OSError:
            return []
        return [absolute(each) for each in packs[0].files] if packs else []

    def document(self, file: Path) -> Document | None:
        """``file`` read (from its buffer if open), or None if it does not read.

        A buffer's reading is kept while its text is the same object: a request is not to
        encode a megabyte to find that it has not changed.
        """
        file = absolute(file)
        text = self.texts.get(file)
        kept = self._read_now.get(file) if text is not None else None
        if kept is not None and kept[0] is text:
            return kept[1]
        try:
            raw = text.encode("utf-8", "surrogatepass") if text is not None else read_saved(file)
        except OSError:
            return None
        document, _ = self.cache.read(file, raw, MAX_FILE_SIZE)
        if document is not None:
            self.last_read[file] = document
        if text is not None:
            self._read_now[file] = (text, document)
        return document

    def last_document(self, file: Path) -> Document | None:
        """``file`` as it reads now, else as it last read (a half-typed line seldom reads)."""
        return self.document(file) or self.last_read.get(absolute(file))

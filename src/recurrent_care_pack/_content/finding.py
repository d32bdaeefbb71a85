"""Finding packs: which files make a pack, however they are named.

A **pack folder** is a folder with a ``pack.yaml``: every visible ``.yaml``/``.yml`` file
under it (not in a pack folder of its own) belongs to its pack, so naming any file or
folder inside it checks the whole pack. Outside pack folders a file is pack content when
it starts with the schema line (``# yaml-language-server: $schema=...pack.schema.json``);
it is then a pack of one file. A folder is searched for both; a folder holding neither
is read as one pack of all its YAML files (give it a ``pack.yaml`` so that naming one of
them checks them together). Hidden files and folders,
virtual environments and ``node_modules`` are never searched, so an installed copy of the
package is never taken for content; a file named explicitly is always checked.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from attrs import frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = [
    "CONTENT_SUFFIXES",
    "PACK_MARKER",
    "Found",
    "NoContentError",
    "content_files",
    "find_files",
    "find_packs",
    "has_schema_line",
    "pack_folder_of",
]

CONTENT_SUFFIXES = (".yaml", ".yml")

#: A folder holding this file is a pack folder: its files make one pack together.
PACK_MARKER = "pack.yaml"

#: The line that marks a file outside a pack folder as content (and tells editors the schema).
_SCHEMA_LINE = re.compile(
    rb"^[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=\S*pack\.schema\.json[ \t]*\r?$",
    re.MULTILINE,
)
#: How much of a file is searched for the schema line: it belongs at the top.
_SCHEMA_LINE_WITHIN = 64 * 1024

#: Folders never searched: what they hold is not an editor's content.
_NOT_CONTENT = frozenset({"node_modules", "site-packages", "__pycache__"})


@frozen
class Found:
    """A pack found: its folder (or its one file), and its content files in order."""

    root: Path
    files: tuple[Path, ...]


class NoContentError(FileNotFoundError):
    """A folder to check holds no content files."""

    def __init__(self, folder: Path) -> None:
        """Name the folder."""
        super().__init__(errno.ENOENT, "no .yaml or .yml files in this folder", str(folder))


def has_schema_line(file: Path) -> bool:
    """Whether ``file`` starts with the schema line that marks it as pack content."""
    try:
        with file.open("rb") as stream:
            return _SCHEMA_LINE.search(stream.read(_SCHEMA_LINE_WITHIN)) is not None
    except OSError:  # checking it will say why it cannot be read
        return True


def pack_folder_of(path: Path) -> Path | None:
    """The pack folder ``path`` is in (itself, if it is one), or ``None``.

    The result is written as ``path`` was: relative stays relative, absolute absolute.
    """
    start = path if path.is_dir() else path.parent
    absolute = Path(os.path.abspath(start))  # noqa: PTH100 (resolve() would follow links)
    for folder in (absolute, *absolute.parents):
        if (folder / PACK_MARKER).is_file():
            return _as_given(folder, path)
    return None


def _as_given(folder: Path, path: Path) -> Path:
    if path.is_absolute():
        return folder
    return Path(os.path.relpath(folder))


def find_packs(paths: Sequence[Path], *, content_only: bool = False) -> list[Found]:
    """The packs ``paths`` belong to, each once, in the order first named.

    A file or folder inside a pack folder stands for the whole pack; another folder for the
    packs in it (or, holding none, is one); another file for itself. A file named
    explicitly is checked even where a search would pass it by (a hidden file), unless
    ``content_only``: then files that are not pack content are left out. ``OSError`` names
    a path that cannot be read, and `NoContentError` a folder with no YAML files.
    """
    packs: dict[Path, tuple[Path, list[Path], set[Path]]] = {}  # by resolved root

    def add(root: Path, files: list[Path]) -> tuple[list[Path], set[Path]]:
        _, found, known = packs.setdefault(
            root.resolve(), (root, files, {f.resolve() for f in files})
        )
        return found, known

    for path in paths:
        _must_exist(path)
        folder = pack_folder_of(path)
        if path.is_dir():
            for root, files in _packs_in(path, folder):
                add(root, files)
        elif content_only and not _is_content(path, folder):
            continue
        elif folder is None:
            add(path, [path])
        else:
            known_root = folder.resolve() in packs
            files, known = add(folder, [] if known_root else content_files(folder))
            if path.resolve() not in known:  # named itself: a hidden file, say
                known.add(path.resolve())
                files.append(path)
    return [Found(root, tuple(files)) for root, files, _ in packs.values()]


def find_files(paths: Sequence[Path], *, content_only: bool = False) -> list[Path]:
    """The content files ``paths`` name: a file itself, a folder's packs' files; each once."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        _must_exist(path)
        if path.is_dir():
            files = [f for _, fs in _packs_in(path, pack_folder_of(path)) for f in fs]
        elif content_only and not _is_content(path, pack_folder_of(path)):
            files = []
        else:
            files = [path]
        for file in files:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                found.append(file)
    return found


def _packs_in(path: Path, folder: Path | None) -> list[tuple[Path, list[Path]]]:
    """The packs of the folder ``path``, which is in the pack folder ``folder`` if not None."""
    if folder is None:
        found = list(_search(path))
        # A folder of YAML files with neither is read as one pack, as it always was.
        found = found or [(root, files) for root, files in _search(path, within=path) if files]
        if not found:
            raise NoContentError(path)
        return found
    if folder.resolve() == path.resolve():
        return list(_search(folder))
    # A folder inside a pack stands for the whole pack, and for any pack folders inside it.
    nested = [(root, files) for root, files in _search(path, within=folder) if root != folder]
    return [(folder, content_files(folder)), *nested]


def _is_content(file: Path, folder: Path | None) -> bool:
    """Whether ``file`` (in the pack folder ``folder``) is pack content: not hidden, or marked."""
    if not file.name.endswith(CONTENT_SUFFIXES):
        return False
    if folder is not None:
        inside = Path(os.path.relpath(file, folder))
        if not any(_passed_by(part) for part in inside.parts):
            return True
    return has_schema_line(file)


def _passed_by(name: str) -> bool:
    return name.startswith(".") or name in _NOT_CONTENT


def content_files(root: Path) -> list[Path]:
    """The content files of the pack at ``root``: the file itself, or its folder's files.

    Files in a pack folder of their own below ``root`` are not included.
    """
    if root.is_file():
        return [root]
    return next((files for found, files in _search(root) if found == root), [])


def _search(top: Path, within: Path | None = None) -> Iterator[tuple[Path, list[Path]]]:
    """Each pack in the folder ``top``: pack folders, and marked files outside them.

    ``within`` is the pack folder ``top`` is in, if any: files not in a pack folder of their
    own below ``top`` are its.
    Links to folders are not followed (they may loop); a link to nothing, a pipe or a
    device in the way raises ``OSError`` naming it.
    """

    def cannot_read(error: OSError) -> None:
        raise error

    packs: dict[Path, list[Path]] = {}
    owner: dict[Path, Path] = {}  # folder -> the pack folder it belongs to
    if within is not None:
        owner[top] = within
        packs[within] = []
    loose: list[Path] = []
    for folder_name, folders, names in os.walk(top, onerror=cannot_read):
        folder = Path(folder_name)
        folders[:] = sorted(name for name in folders if _searched(folder / name))
        if (folder / PACK_MARKER).is_file():
            owner[folder] = folder
            packs.setdefault(folder, [])
        elif folder.parent in owner:
            owner[folder] = owner[folder.parent]
        files = [folder / name for name in sorted(names) if _may_be_content(name)]
        if folder in owner:
            packs[owner[folder]].extend(_must_be_files(files))
        else:  # not in a pack: content only if a marked file (a pipe is not: it never ends)
            loose.extend(file for file in files if file.is_file() and has_schema_line(file))
    for root, files in packs.items():
        yield root, sorted(_shortest(file) for file in files)
    for file in loose:
        yield _shortest(file), [_shortest(file)]


def _shortest(file: Path) -> Path:
    """``file`` put short: ``../sections/a.yaml``, seen from ``sections/``, is ``a.yaml``."""
    if file.is_absolute() or ".." not in file.parts:
        return file
    return Path(os.path.relpath(file))


def _searched(folder: Path) -> bool:
    """Whether a search goes into ``folder``: not hidden, not a virtual environment."""
    virtual = os.path.exists(folder / "pyvenv.cfg")  # noqa: PTH110 (False if unreadable)
    return not _passed_by(folder.name) and not virtual


def _may_be_content(name: str) -> bool:
    return not name.startswith(".") and name.endswith(CONTENT_SUFFIXES)


def _must_be_files(files: list[Path]) -> list[Path]:
    """``files``, each a file: a link to nothing, a pipe or a device raises ``OSError``."""
    for file in files:
        if not file.is_file():
            file.stat()  # a link to nothing raises its own error
            raise _not_a_file(file)
    return files


def _must_exist(path: Path) -> None:
    """Raise ``OSError`` naming ``path`` unless it is a file or folder that exists."""
    if "\0" in str(path):  # the OS refuses such a name; say so as it says other reasons
        raise OSError(errno.EINVAL, "no file name can hold a NUL character", str(path))
    if not path.exists() and not path.is_symlink():
        raise FileNotFoundError(errno.ENOENT, "no such file or folder", str(path))
    if not path.exists():
        path.stat()  # a link to nothing raises its own error
    if not path.is_dir() and not path.is_file():
        raise _not_a_file(path)


def _not_a_file(path: Path) -> OSError:
    message = "it is not a file or folder (a pipe, socket or device)"
    return OSError(errno.EINVAL, message, str(path))

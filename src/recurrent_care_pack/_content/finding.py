"""Finding packs: which files make a pack, however they are named.

- A **pack folder** is a folder with a ``pack.yaml``: every visible ``.yaml``/``.yml`` file
  in it and below it (but not in a pack folder of its own) belongs to its pack.
- Elsewhere a YAML file is **pack content** when its leading comments hold the schema line
  (``# yaml-language-server: $schema=.../pack.schema.json``), or when one of its top-level
  keys is one of the pack's (``pack``, ``sections``, ...). The content files side by side
  in one such folder make one pack; other YAML files are not content.
- A **session file** (a facilitator's session, not pack content) has the session schema
  line (``...session.schema.json``) or a top-level ``session`` key. It is never part of a
  pack, even in a pack folder; `find_sessions` finds session files as packs are found.
- A file or folder inside a pack folder stands for the whole pack; a content file outside
  one, for the content files beside it; another folder, for the packs in it.
- A search passes over hidden files and folders, virtual environments and ``node_modules``,
  so an installed copy of the package is never taken for content; it follows a link to a
  folder once. The search for a ``pack.yaml`` above a path stops at the top of the git
  repository it is in. A file named explicitly is always checked, unless ``content_only``
  (the pre-commit hooks) asks for pack content alone: then a pack is also only the files
  git tracks, as a clean checkout has them, and the files named.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
from pathlib import Path

from attrs import frozen

from recurrent_care_pack._errors import NoContentError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = [
    "CONTENT_SUFFIXES",
    "PACK_KEYS",
    "PACK_MARKER",
    "Found",
    "NoContentError",
    "content_files",
    "find_files",
    "find_packs",
    "find_sessions",
    "is_content_file",
    "is_content_head",
    "is_session_file",
    "is_session_head",
    "pack_folder_of",
]

CONTENT_SUFFIXES = (".yaml", ".yml")

#: A folder holding this file is a pack folder: its files make one pack together.
PACK_MARKER = "pack.yaml"

#: The top-level keys of a content file.
PACK_KEYS = frozenset({"pack", "sections", "case_studies", "people", "organisations", "works"})

#: The schema line, as a comment at the top of a file.
_SCHEMA_LINE = re.compile(
    rb"#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=(?:\S*[/=])?pack\.schema\.json[ \t]*"
)
#: The session schema line, as a comment at the top of a session file.
_SESSION_LINE = re.compile(
    rb"#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=(?:\S*[/=])?session\.schema\.json[ \t]*"
)
#: A key at the start of a line (found with the break before it): a top-level key of a block
#: mapping.
_TOP_KEY = re.compile(
    rb"\n(?:([A-Za-z_][\w-]*)|\"([^\"\n]*)\"|'([^'\n]*)')[ \t]*:(?=[ \t\r\n]|\Z)"
)
#: How much of a file is read to tell whether it is content.
_HEAD = 256 * 1024

#: Folders never searched: what they hold is not an editor's content.
_NOT_CONTENT = frozenset({"node_modules", "site-packages", "dist-packages", "__pycache__"})


@frozen
class Found:
    """A pack found: its folder (or its one file), and its content files in order."""

    root: Path
    files: tuple[Path, ...]


def is_session_head(head: bytes | str) -> bool:
    """Whether a file starting ``head`` (bytes, or an editor's text) is a session file.

    The session schema line, or 'session:'; a byte order mark before it changes nothing.
    """
    head = _head(head).removeprefix(b"\xef\xbb\xbf")
    return _has_schema_line(head, _SESSION_LINE) or "session" in _top_keys(head)


def is_content_head(head: bytes | str) -> bool:
    """Whether a file starting ``head`` (bytes, or an editor's text) is pack content by itself.

    Not a session, and the schema line in its leading comments, or a key of the pack's.
    """
    head = _head(head)
    return not is_session_head(head) and (
        _has_schema_line(head) or not PACK_KEYS.isdisjoint(_top_keys(head))
    )


def _head(text: bytes | str) -> bytes:
    """The first `_HEAD` bytes of a file's ``text``: what is read to tell what it is."""
    raw = text[:_HEAD].encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return raw[:_HEAD]


def _top_keys(head: bytes) -> list[str]:  # of the block mapping ``head`` starts
    # Each line's start found as the break before it (the first line given one): searched
    # for as a literal, this is many times faster than a pattern anchored at each line.
    found = _TOP_KEY.finditer(b"\n" + head)
    keys = (f.group(1) or f.group(2) or f.group(3) or b"" for f in found)
    return [key.decode("utf-8", "replace") for key in keys]


def is_session_file(file: Path) -> bool:
    """Whether ``file`` is a session file (see the module's notes); False if unreadable."""
    if not file.name.endswith(CONTENT_SUFFIXES):
        return False
    try:
        if not file.is_file():  # a pipe is never opened: it could wait for ever
            return False
        with file.open("rb") as stream:
            head = stream.read(_HEAD)
    except (OSError, ValueError):
        return False
    return is_session_head(head)


def find_sessions(paths: Sequence[Path]) -> list[Path]:
    """The session files ``paths`` name: a file itself, a folder's below it; once each."""
    found: dict[object, Path] = {}
    for path in paths:
        if path.is_dir():
            files = [
                folder / name
                for folder, names in _walk(path, None)
                for name in names
                if _may_be_content(name)
            ]
        else:
            files = [path]
        for file in files:
            if file.is_file() and is_session_file(file):
                found.setdefault(_identity(file), _shortest(file))
    return list(found.values())


def is_content_file(file: Path) -> bool:
    """Whether ``file`` is pack content by itself: the schema line, or a key of the pack's."""
    try:
        with file.open("rb") as stream:
            head = stream.read(_HEAD)
    except OSError:  # checking it will say why it cannot be read
        return True
    return is_content_head(head)


def _has_schema_line(head: bytes, pattern: re.Pattern[bytes] = _SCHEMA_LINE) -> bool:
    """Whether the comments before the first content line hold the schema line ``pattern``."""
    for line in head.removeprefix(b"\xef\xbb\xbf").splitlines():
        text = line.strip()
        if not text or text.startswith((b"%", b"---")):
            continue
        if not text.startswith(b"#"):
            return False
        if pattern.fullmatch(text):
            return True
    return False


def pack_folder_of(path: Path) -> Path | None:
    """The pack folder ``path`` is in (itself, if it is one), or ``None``.

    The search goes up to the top of the git repository ``path`` is in; outside one, a
    ``pack.yaml`` above counts only if it is a content file. The result is written as
    ``path`` was: relative stays relative, absolute absolute.
    """
    start = path if path.is_dir() else path.parent
    absolute = Path(os.path.normpath(start if start.is_absolute() else _here() / start))
    top = next((f for f in (absolute, *absolute.parents) if (f / ".git").exists()), None)
    for folder in (absolute, *absolute.parents):
        marker = folder / PACK_MARKER
        if os.path.lexists(marker) and (
            top is not None or (marker.is_file() and is_content_file(marker))
        ):
            # Relative to the current folder, unless that came through a link (the system
            # takes '..' from where the link leads, not from where it is).
            relative = not path.is_absolute() and _here() == Path.cwd()
            return Path(os.path.relpath(folder)) if relative else folder
        if folder == top:
            break
    return None


def _here() -> Path:
    """The current folder as the shell names it: through a link to a folder, if it came so."""
    here = Path.cwd()
    logical = os.environ.get("PWD")
    if logical and Path(logical).is_absolute():
        try:
            if Path(logical).samefile(here):
                return Path(logical)
        except OSError:
            pass
    return here


def find_packs(paths: Sequence[Path], *, content_only: bool = False) -> list[Found]:
    """The packs ``paths`` belong to, each once, in the order first named.

    See the module's notes for what stands for what. ``OSError`` names a path that cannot
    be read, and `NoContentError` a folder with no pack content (never with
    ``content_only``).
    """
    packs: dict[Path, tuple[Path, list[Path], set[object]]] = {}  # by resolved root

    def add(root: Path, files: list[Path]) -> tuple[list[Path], set[object]]:
        _, found, known = packs.setdefault(
            root.resolve(), (root, files, {_identity(f) for f in files})
        )
        return found, known

    named: set[Path] = set()
    given: set[str] = set()  # the files named, as named (a link is not where it leads)
    for path in [p for p in paths if not is_session_file(p)]:  # sessions: `find_sessions`
        _must_exist(path)
        folder = pack_folder_of(path)
        if path.is_dir():
            for root, files in _packs_in(path, folder, content_only=content_only):
                add(root, files)
            continue
        if content_only and not _is_content(path, folder):
            continue
        named.add(path.resolve())
        given.add(os.path.abspath(path))  # noqa: PTH100 (as named: no link followed)
        if folder is None:
            root = path.parent if is_content_file(path) else path
            files = _loose(root) if root != path else [path]
        else:
            root = folder
            files = [] if folder.resolve() in packs else content_files(folder)
        files, known = add(root, files)
        if _identity(path) not in known:  # named itself: a hidden file, say
            known.add(_identity(path))
            files.append(path)
        elif path not in files:  # a file with two names: read under the one named first
            other = next(f for f in files if _identity(f) == _identity(path))
            if os.path.abspath(other) not in given:  # noqa: PTH100
                files[files.index(other)] = path
    found = [Found(root, tuple(files)) for root, files, _ in packs.values()]
    return [_tracked(pack, named) for pack in found] if content_only else found


def find_files(
    paths: Sequence[Path], *, content_only: bool = False, lenient: bool = False
) -> list[Path]:
    """The content files ``paths`` name: a file itself, a folder's content below it; once each.

    ``lenient``: a pipe, socket or device among them is listed, not refused (fmt says so
    for each and goes on).
    """
    found: list[Path] = []
    seen: set[object] = set()
    for path in paths:
        _must_exist(path, lenient=lenient)
        if path.is_dir():
            files = [
                file
                for _, files in _packs_in(
                    path, pack_folder_of(path), content_only=content_only, lenient=lenient
                )
                for file in files
                if Path(os.path.abspath(file)).is_relative_to(os.path.abspath(path))  # noqa: PTH100
            ]
        elif content_only and not _is_content(path, pack_folder_of(path)):
            files = []
        else:
            files = [path]
        for file in files:
            if _identity(file) not in seen:
                seen.add(_identity(file))
                found.append(file)
    return found


def content_files(root: Path) -> list[Path]:
    """The content files of the pack at ``root``: the file itself, or its folder's files.

    Files in a pack folder of their own below ``root`` are not included.
    """
    if root.is_file():
        return [root]
    return next((files for found, files in _search(root) if found == root), [])


def _packs_in(
    path: Path, folder: Path | None, *, content_only: bool, lenient: bool = False
) -> list[tuple[Path, list[Path]]]:
    """The packs of the folder ``path``, which is in the pack folder ``folder`` if not None."""
    if folder is None or folder.resolve() == path.resolve():
        found = list(_search(folder or path, lenient=lenient))
    else:  # a folder inside a pack: the whole pack, and any pack folders inside the folder
        nested = [
            (r, fs) for r, fs in _search(path, within=folder, lenient=lenient) if r != folder
        ]
        found = [(folder, content_files(folder)), *nested]
    found = [(root, files) for root, files in found if files]
    if not found and not content_only and not find_sessions([path]):
        raise NoContentError(path)
    return found


def _loose(folder: Path) -> list[Path]:
    """The content files directly in ``folder``, which is in no pack folder."""
    return next((files for root, files in _search(folder, depth=1) if root == folder), [])


def _is_content(file: Path, folder: Path | None) -> bool:
    """Whether ``file`` (in the pack folder ``folder``) is content: not passed over, or marked."""
    if not file.name.endswith(CONTENT_SUFFIXES):
        return False
    if folder is not None:
        inside = Path(os.path.relpath(file, folder))
        passed = [
            part
            for depth, part in enumerate(inside.parts[:-1])
            if not _searched(folder.joinpath(*inside.parts[: depth + 1]))
        ]
        return not passed and not inside.name.startswith(".")
    return is_content_file(file)


def _search(
    top: Path, within: Path | None = None, depth: int | None = None, *, lenient: bool = False
) -> Iterator[tuple[Path, list[Path]]]:
    """Each pack in the folder ``top``: pack folders, and folders of content files.

    ``within`` is the pack folder ``top`` is in, if any: files not in a pack folder of their
    own below ``top`` are its. ``depth=1`` looks in ``top`` alone. A link to a folder is
    followed once; a link to nothing, a pipe or a device in a pack raises ``OSError``.
    """
    packs: dict[Path, list[Path]] = {}
    owner: dict[Path, Path] = {}  # folder -> the pack folder it belongs to
    if within is not None:
        owner[top] = within
        packs[within] = []
    loose: dict[Path, list[Path]] = {}
    for folder, names in _walk(top, depth):
        if os.path.lexists(folder / PACK_MARKER):
            if (folder / PACK_MARKER).is_dir():
                message = "it is a folder, but a pack folder's pack.yaml must be a file"
                raise IsADirectoryError(errno.EISDIR, message, str(folder / PACK_MARKER))
            _must_be_files([folder / PACK_MARKER])
            owner[folder] = folder
            packs.setdefault(folder, [])
        elif folder.parent in owner and folder != top:
            owner[folder] = owner[folder.parent]
        files = [
            folder / name
            for name in names
            if _may_be_content(name) and not is_session_file(folder / name)
        ]
        if folder in owner:
            packs[owner[folder]].extend(files if lenient else _must_be_files(files))
        else:  # not in a pack: a regular file that is content (a pipe is not: it never ends)
            content = [file for file in files if file.is_file() and is_content_file(file)]
            if content:
                loose[folder] = content
    for root, files in [*packs.items(), *loose.items()]:
        yield _shortest(root), _once(sorted(_shortest(file) for file in files))


def _identity(file: Path) -> object:
    """What is the same for every name of one file: a hard link, a link to it, another path."""
    try:
        status = file.stat()
    except OSError:  # checking it will say why it cannot be read
        return file.resolve()
    return (status.st_dev, status.st_ino)


def _once(files: list[Path]) -> list[Path]:
    """``files`` with each file once, however many names it has (hard links, links to it).

    A file is read under one name: its own rather than a link's, then the first in order;
    read under each, every id in it would be reported as used twice.
    """
    names: dict[object, list[Path]] = {}
    for file in files:
        names.setdefault(_identity(file), []).append(file)
    chosen = {min(group, key=lambda f: (f.is_symlink(), f)) for group in names.values()}
    return [file for file in files if file in chosen]


def _walk(top: Path, depth: int | None) -> Iterator[tuple[Path, list[str]]]:
    """Each folder from ``top`` down (links to folders followed once) with its file names."""

    def cannot_read(error: OSError) -> None:
        raise error

    seen: set[str] = set()
    walk = os.walk(top, onerror=cannot_read, followlinks=True)
    try:
        for folder_name, folders, names in walk:
            folder = Path(folder_name)
            real = os.path.realpath(folder)
            if real in seen:  # a link back to a folder already searched
                folders[:] = []
                continue
            seen.add(real)
            if depth is not None and len(folder.relative_to(top).parts) + 1 >= depth:
                folders[:] = []
            else:
                folders[:] = sorted(name for name in folders if _searched(folder / name))
            yield folder, sorted(names)
    except RecursionError:
        raise OSError(
            errno.ELOOP, "its folders are nested too deeply to search", str(top)
        ) from None


def _searched(folder: Path) -> bool:
    """Whether a search goes into ``folder``: not hidden, not a virtual environment."""
    virtual = os.path.exists(folder / "pyvenv.cfg")  # noqa: PTH110 (False if unreadable)
    return not folder.name.startswith(".") and folder.name not in _NOT_CONTENT and not virtual


def _may_be_content(name: str) -> bool:
    return not name.startswith(".") and name.endswith(CONTENT_SUFFIXES)


def _must_be_files(files: list[Path]) -> list[Path]:
    """``files``, each a file: a link to nothing, a pipe or a device raises ``OSError``."""
    for file in files:
        if not file.is_file():
            file.stat()  # a link to nothing raises its own error
            raise _not_a_file(file)
    return files


def _tracked(pack: Found, named: set[Path]) -> Found:
    """``pack`` as git has it: its files git tracks, and those named (pre-commit's view)."""
    folder = pack.root if pack.root.is_dir() else pack.root.parent
    try:
        listed = subprocess.run(  # noqa: S603 (fixed arguments; git from PATH, as pre-commit runs it)
            ["git", "-C", str(folder), "ls-files", "-z", "--cached", "--", "."],  # noqa: S607
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return pack
    if listed.returncode != 0:  # not in a git repository: every file counts
        return pack
    tracked = {
        (folder / os.fsdecode(name)).resolve() for name in listed.stdout.split(b"\0") if name
    }
    keep = tracked | named
    return Found(pack.root, tuple(file for file in pack.files if file.resolve() in keep))


def _shortest(file: Path) -> Path:
    """``file`` put short: ``../sections/a.yaml``, seen from ``sections/``, is ``a.yaml``."""
    if file.is_absolute() or ".." not in file.parts:
        return file
    return Path(os.path.relpath(file))


def _must_exist(path: Path, *, lenient: bool = False) -> None:
    """Raise ``OSError`` naming ``path`` unless it is a file or folder that exists."""
    if "\0" in str(path):  # the OS refuses such a name; say so as it says other reasons
        raise OSError(errno.EINVAL, "no file name can hold a NUL character", str(path))
    if not path.exists() and not path.is_symlink():
        raise FileNotFoundError(errno.ENOENT, "no such file or folder", str(path))
    if not path.exists():
        path.stat()  # a link to nothing raises its own error
    if not path.is_dir() and not path.is_file() and not lenient:
        raise _not_a_file(path)


def _not_a_file(path: Path) -> OSError:
    message = "it is not a file or folder (a pipe, socket or device)"
    return OSError(errno.EINVAL, message, str(path))

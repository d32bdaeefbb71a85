"""Loading: the pipeline from files to a checked, typed pack.

read YAML -> check each file against the schema -> merge the files -> build typed
records -> check meaning. Each stage records problems; later stages run only on content
that passed the earlier ones, so no problem is reported twice.
"""

import errno
import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from os import PathLike
from pathlib import Path

import cattrs
from attrs import frozen

from ._building import pack_from_dict
from ._meaning import check_meaning, check_unique_ids
from ._merging import merge
from ._model import Pack
from ._problems import PackError, Problem, sort_key
from ._reading import MAX_FILE_SIZE, Document, read_file
from ._resources import bundled
from ._schema import check_document

__all__ = [
    "CONTENT_SUFFIXES",
    "Result",
    "check",
    "content_files",
    "load_pack",
    "pack_roots",
    "validate",
]

CONTENT_SUFFIXES = (".yaml", ".yml")

#: From this many files per core, files are read and checked on all cores at once.
PARALLEL_FROM = 32

#: A folder holding this file is a pack folder: its files make one pack together.
PACK_MARKER = "pack.yaml"


@frozen(kw_only=True)
class Result:
    """What checking one pack found: the files read, every problem, and the pack if none."""

    root: Path
    files: tuple[Path, ...]
    problems: tuple[Problem, ...]
    pack: Pack | None


def content_files(root: Path) -> list[Path]:
    """The content files of the pack at ``root``: the file itself, or a folder's YAML files."""
    if root.is_dir():
        return sorted(
            path
            for path in root.rglob("*")
            if path.suffix in CONTENT_SUFFIXES
            and path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(root).parts)
        )
    if not root.exists():
        raise FileNotFoundError(root)
    return [root]


def pack_roots(paths: Iterable[Path]) -> list[Path]:
    """The packs that ``paths`` belong to, each once, in the order first named.

    A file inside a pack folder (one with a ``pack.yaml``) stands for the whole folder,
    so that references between its files resolve.
    """
    roots: list[Path] = []
    for path in paths:
        root = path
        if path.is_file() and (path.parent / PACK_MARKER).is_file():
            root = path.parent
        if root not in roots:
            roots.append(root)
    return roots


def check(root: Path | None = None, *, max_file_size: int = MAX_FILE_SIZE) -> Result:
    """Check the pack at ``root`` (a file or folder; default the bundled pack).

    Files over ``max_file_size`` bytes are refused unread. ``OSError`` from a path that
    cannot be read is raised: it is not a content problem.
    """
    root = bundled("data") if root is None else root
    files = content_files(root)
    if not files:
        raise FileNotFoundError(errno.ENOENT, "no .yaml or .yml files in this folder", str(root))
    problems: list[Problem] = []
    documents: list[Document] = []
    for document, found in _read_and_check(files, max_file_size):
        problems.extend(found)
        if document is not None:  # what reading found is not fatal: the rest was checked
            documents.append(document)
    # pack.yaml, where a pack folder's details belong, comes first: what repeats it is reported.
    documents.sort(key=lambda d: d.file.name != PACK_MARKER)
    pack = None
    if not problems:  # meaning is only checked on content that fits the schema
        pack, more = _build(documents)
        problems.extend(more)
    problems.extend(check_unique_ids(documents))
    ordered = tuple(sorted(problems, key=sort_key))
    return Result(root=root, files=tuple(files), problems=ordered, pack=None if ordered else pack)


def _read_and_check(
    files: list[Path], max_file_size: int
) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Read each file and check it against the schema: on every core when there are many."""
    workers = min(os.cpu_count() or 1, len(files) // PARALLEL_FROM)
    if workers < 2:
        yield from (_one_file(file, max_file_size) for file in files)
        return
    chunk = max(1, len(files) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_one_file, files, itertools.repeat(max_file_size), chunksize=chunk)


def _one_file(file: Path, max_file_size: int) -> tuple[Document | None, list[Problem]]:
    document, found = read_file(file, max_file_size)
    if document is not None:
        found = [*found, *check_document(document)]
    return document, found


def _build(documents: list[Document]) -> tuple[Pack | None, list[Problem]]:
    merged, origins, problems = merge(documents)
    if problems:
        return None, problems
    try:
        pack = pack_from_dict(merged)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        # The schema admits only what the model can build; this is a last line of defence.
        first = documents[0]
        message = f"the content could not be built: {error}"
        return None, [first.problem((), "RC209", message)]
    return pack, check_meaning(pack, origins)


def load_pack(path: str | PathLike[str] | None = None) -> Pack:
    """Load a pack from a file or folder, or with no argument the bundled pack.

    Raises `PackError` carrying every problem when the content has any, and `OSError`
    when the path cannot be read.
    """
    result = check(_root(path))
    if result.pack is None:
        raise PackError(result.problems)
    return result.pack


def validate(
    path: str | PathLike[str] | None = None, *, max_file_size: int = MAX_FILE_SIZE
) -> tuple[Problem, ...]:
    """Every problem with a pack (a file or folder; default the bundled pack), in order.

    Content problems are returned, never raised; a path that cannot be read raises `OSError`.
    A file over ``max_file_size`` bytes (default 32 MiB) is a problem, and is not read.
    """
    return check(_root(path), max_file_size=max_file_size).problems


def _root(path: str | PathLike[str] | None) -> Path | None:
    if path is None:
        return None
    return pack_roots([Path(path)])[0]

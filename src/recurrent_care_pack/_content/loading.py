"""Loading: the pipeline from files to a checked, typed pack.

read YAML -> check each file against the schema -> merge the files -> build typed
records -> check meaning. Each stage records problems; later stages run only on content
that passed the earlier ones, so no problem is reported twice.
"""

from __future__ import annotations

import os
from pathlib import Path

from attrs import frozen

from recurrent_care_pack._problems import PackError, Problem, sort_key

from .finding import PACK_MARKER, find_packs
from .reading import MAX_FILE_SIZE, Document, read_bytes
from .resources import bundled

# Not typing.TYPE_CHECKING: the model is imported only when a pack is built.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from os import PathLike

    from recurrent_care_pack._model import Pack

__all__ = [
    "FileCache",
    "Result",
    "check",
    "check_paths",
    "load_pack",
    "pack_files",
    "validate",
]


@frozen(kw_only=True)
class Result:
    """What checking found: the files read, every problem in order, and the pack if none.

    ``pack`` is ``None`` when there are problems, or when several packs were checked.
    """

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]
    pack: Pack | None


class FileCache:
    """Each file's reading and schema problems, kept by its content for the next check.

    An editor checks a pack after every edit: only the files that changed are read and
    checked against the schema again; merging, building and meaning are always redone.
    """

    def __init__(self) -> None:
        """Start empty."""
        self._read: dict[Path, tuple[bytes, Document | None, list[Problem]]] = {}
        self._schema: dict[Path, tuple[Document, list[Problem]]] = {}

    def read(self, file: Path, raw: bytes, max_size: int) -> tuple[Document | None, list[Problem]]:
        """`read_bytes`, unless ``file`` held the same ``raw`` bytes last time."""
        kept = self._read.get(file)
        if kept is not None and kept[0] == raw:
            return kept[1], list(kept[2])
        document, problems = read_bytes(file, raw, max_size)
        self._read[file] = (raw, document, problems)
        self._schema.pop(file, None)
        return document, list(problems)

    def schema(self, document: Document) -> list[Problem]:
        """`schema_problems`, unless ``document`` is the one checked last time."""
        kept = self._schema.get(document.file)
        if kept is not None and kept[0] is document:
            return kept[1]
        from .schema import schema_problems  # noqa: PLC0415 (only when needed)

        problems = schema_problems(document)
        self._schema[document.file] = (document, problems)
        return problems


def check(
    path: str | PathLike[str] | None = None, *, max_file_size: int = MAX_FILE_SIZE
) -> Result:
    """Check a pack (a file or folder; default the bundled pack): its problems and the pack.

    The pack is given when there are no problems. Files over ``max_file_size`` bytes are
    problems, and are not read. ``OSError`` from a path that cannot be read is raised: it
    is not a content problem.
    """
    return check_paths([bundled("data") if path is None else Path(path)], max_file_size)


def pack_files(path: Path | None) -> list[Path]:
    """The content files of the pack ``path`` belongs to (default: bundled); none if unreadable."""
    try:
        return [f for found in find_packs([path or bundled("data")]) for f in found.files]
    except OSError:  # loading the pack reports it
        return []


def check_paths(
    paths: Sequence[Path],
    max_file_size: int | None = None,
    *,
    content_only: bool = False,
    texts: Mapping[Path, str] | None = None,
    cache: FileCache | None = None,
) -> Result:
    """Check the packs that ``paths`` belong to, each once: every problem, files in order.

    Every path is searched before any is checked, so a path that cannot be read
    (``OSError``, `NoContentError`) is found before any problem is reported. With
    ``content_only``, named files that are not pack content are left out (see `find_packs`).
    A file whose absolute path is in ``texts`` is read from there (an editor's unsaved
    buffer), not from disk; ``cache`` keeps the work on files that have not changed.
    """
    packs = find_packs(paths, content_only=content_only)
    size = max_file_size or MAX_FILE_SIZE
    cache = cache or FileCache()
    results = [_check_pack(list(found.files), size, texts or {}, cache) for found in packs]
    if len(results) == 1:
        return results[0]
    return Result(
        files=tuple(dict.fromkeys(f for r in results for f in r.files)),
        problems=tuple(sorted((p for r in results for p in r.problems), key=sort_key)),
        pack=None,
    )


def _check_pack(
    files: list[Path], max_file_size: int, texts: Mapping[Path, str], cache: FileCache
) -> Result:
    problems: list[Problem] = []
    documents: list[Document] = []
    for file in files:
        document, more = cache.read(file, _raw(file, max_file_size, texts), max_file_size)
        problems.extend(more)
        if document is not None:  # what reading found is not fatal: the rest is checked
            documents.append(document)
    # pack.yaml, where a pack folder's details belong, comes first: what repeats it is reported.
    documents.sort(key=lambda d: d.file.name != PACK_MARKER)
    more = [problem for document in documents for problem in cache.schema(document)]
    # Reading or the schema found problems: nothing will be built.
    pack, more = (None, more) if problems or more else _build(documents)
    problems.extend(more)
    from .meaning import duplicate_id_problems  # noqa: PLC0415 (only when needed)

    problems.extend(duplicate_id_problems(documents))
    ordered = tuple(sorted(problems, key=sort_key))
    return Result(files=tuple(files), problems=ordered, pack=None if ordered else pack)


def _raw(file: Path, max_file_size: int, texts: Mapping[Path, str]) -> bytes:
    """The bytes of ``file``: its text in ``texts`` if there, else as saved (up to the limit)."""
    text = texts.get(Path(os.path.abspath(file)))  # noqa: PTH100 (as finding names files)
    if text is not None:
        return text.encode("utf-8", "surrogatepass")
    with file.open("rb") as stream:
        return stream.read(max_file_size + 1)


def _build(documents: list[Document]) -> tuple[Pack | None, list[Problem]]:
    from cattrs.errors import CattrsError  # noqa: PLC0415 (only when needed)

    from .building import pack_from_dict  # noqa: PLC0415
    from .meaning import meaning_problems  # noqa: PLC0415
    from .merging import merge  # noqa: PLC0415

    merged, origins, problems = merge(documents)
    if problems:
        return None, problems
    try:
        pack = pack_from_dict(merged)
    except (CattrsError, ValueError, TypeError, KeyError, AttributeError) as error:
        # The schema admits only what the model can build; this is a last line of defence.
        first = documents[0]
        message = f"the content could not be built: {error}"
        return None, [first.problem((), "RC209", message)]
    return pack, meaning_problems(pack, origins)


def load_pack(path: str | PathLike[str] | None = None) -> Pack:
    """Load a pack from a file or folder, or with no argument the bundled pack.

    Raises `PackError` carrying every problem when the content has any, and `OSError`
    when the path cannot be read.
    """
    result = check(path)
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
    return check(path, max_file_size=max_file_size).problems

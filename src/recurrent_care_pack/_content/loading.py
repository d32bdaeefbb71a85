"""Loading: the pipeline from files to a checked, typed pack.

read YAML -> check each file against the schema -> merge the files -> build typed
records -> check meaning. Each stage records problems. What a reading or schema problem
puts in doubt (the smallest part that holds it: a film, a module, a file that cannot be
read...) is left out of the later stages, which check the rest, and say nothing that
fixing the problem could change (`pruning`): one run shows every problem it can, and no
problem twice.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from attrs import frozen

from recurrent_care_pack._arguments import check_kind, check_path
from recurrent_care_pack._errors import PackError
from recurrent_care_pack._problems import Problem, sort_key

from .finding import PACK_MARKER, find_packs, find_sessions
from .reading import MAX_FILE_SIZE, Document, read_bytes
from .resources import bundled

# Not typing.TYPE_CHECKING: the model is imported only when a pack is built.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from os import PathLike

    from recurrent_care_pack._model import Pack

    from .building import SectionsKept
    from .pruning import Flaw, Gaps, Pruned
    from .reading import KeyPath
    from .schema import ItemFailures
    from .session_files import SessionResult

    #: A further step for a session file's result, such as planning it.
    SessionStep = Callable[[SessionResult], SessionResult]

    #: What checking a file against the schema found: its problems, and each failure's place.
    SchemaFailures = tuple[list[Problem], list[tuple[KeyPath, str]]]

__all__ = [
    "FileCache",
    "Result",
    "check",
    "check_paths",
    "check_session",
    "check_sessions",
    "load_pack",
    "pack_files",
    "validate",
]


#: The most packs whose built pack `FileCache` keeps at once.
_KEPT_BUILT = 8


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
        # each file's bytes, as read, with what they hold (its value count once known)
        self._read: dict[Path, tuple[bytes, Document | None, list[Problem], int | None]] = {}
        self._schema: dict[Path, tuple[Document, SchemaFailures]] = {}
        self._items: dict[Path, ItemFailures] = {}  # a file's list items' schema failures
        #: The pack each check built, by its files: whole, or in part while there are problems
        #: (the parts they put in doubt left out). Editors show what is known of it.
        self.built: dict[tuple[Path, ...], Pack | None] = {}
        self._reading = threading.Lock()
        #: The sections the last check built, by what each was built from (`pack_from_dict`).
        self.sections: SectionsKept = {}

    def read(self, file: Path, raw: bytes, max_size: int) -> tuple[Document | None, list[Problem]]:
        """`read_bytes`, unless ``file`` held the same ``raw`` bytes last time.

        After an edit, only the part of the file it is in may be read again (`rereading`):
        the result is the same. One reading at a time: an editor's request asking for the
        text a check is reading on its own thread waits for that reading, and shares it.
        """
        with self._reading:
            return self._read_now(file, raw, max_size)

    def _read_now(
        self, file: Path, raw: bytes, max_size: int
    ) -> tuple[Document | None, list[Problem]]:
        kept = self._read.get(file)
        if kept is not None and kept[0] == raw:
            return kept[1], list(kept[2])
        found = None if kept is None or len(raw) > max_size else _reread(kept, raw)
        if found is None:
            document, problems = read_bytes(file, raw, max_size)
            self._read[file] = (raw, document, problems, None)
        else:
            document, problems = found[0], []
            self._read[file] = (raw, document, problems, found[1])
        self._schema.pop(file, None)
        return document, list(problems)

    def keep_built(self, files: tuple[Path, ...], pack: Pack | None) -> None:
        """Keep the pack the check of ``files`` built (a few packs' at most: the newest)."""
        if files not in self.built and len(self.built) >= _KEPT_BUILT:
            self.built.clear()  # packs since gone, or files since renamed
        self.built[files] = pack

    def schema(self, document: Document) -> SchemaFailures:
        """`schema_failures`, unless ``document`` is the one checked last time."""
        kept = self._schema.get(document.file)
        if kept is not None and kept[0] is document:
            return kept[1]
        from .schema import schema_failures  # noqa: PLC0415 (only when needed)

        found = schema_failures(document, self._items.setdefault(document.file, {}))
        self._schema[document.file] = (document, found)
        return found


def _reread(
    kept: tuple[bytes, Document | None, list[Problem], int | None], raw: bytes
) -> tuple[Document, int] | None:
    """``raw`` read by reading again only what changed since ``kept``, where that can be done."""
    before, document, problems, values = kept
    if document is None or problems:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):  # a byte-order mark: a problem
        return None
    from .rereading import node_count, reread  # noqa: PLC0415 (only when needed)

    count = node_count(document.data) if values is None else values
    return reread(document, before.decode("utf-8"), count, text)


def check(
    path: str | PathLike[str] | None = None, *, max_file_size: int = MAX_FILE_SIZE
) -> Result:
    """Check a pack (a file or folder; default the bundled pack): its problems and the pack.

    The pack is given when there are no problems. Files over ``max_file_size`` bytes are
    problems, and are not read. ``OSError`` from a path that cannot be read is raised: it
    is not a content problem; `TypeError` names an argument of the wrong kind.
    """
    check_path("path", path)
    check_kind("max_file_size", max_file_size, int, "a whole number of bytes such as 1_000_000")
    return check_paths(
        [bundled("data") if path is None else Path(path)], max_file_size, sessions=False
    )


def pack_files(path: Path | None) -> list[Path]:
    """The content files of the pack ``path`` belongs to (default: bundled); none if unreadable."""
    try:
        return [f for found in find_packs([path or bundled("data")]) for f in found.files]
    except OSError:  # loading the pack reports it
        return []


def check_paths(  # noqa: PLR0913 (what validate, editors and sessions each choose)
    paths: Sequence[Path],
    max_file_size: int | None = None,
    *,
    content_only: bool = False,
    texts: Mapping[Path, str] | None = None,
    cache: FileCache | None = None,
    sessions: bool = True,
    then: SessionStep | None = None,
) -> Result:
    """Check the packs that ``paths`` belong to, each once: every problem, files in order.

    Every path is searched before any is checked, so a path that cannot be read
    (``OSError``, `NoContentError`) is found before any problem is reported. With
    ``content_only``, named files that are not pack content are left out (see `find_packs`).
    A file whose absolute path is in ``texts`` is read from there (an editor's unsaved
    buffer), not from disk; ``cache`` keeps the work on files that have not changed. The
    session files among ``paths`` (and in its folders) are checked too, unless not ``sessions``;
    ``then`` takes each session file's result further (`_use.sessions.planned` plans it).
    """
    packs = find_packs(paths, content_only=content_only)
    found_sessions = find_sessions(paths) if sessions else []
    size = max_file_size or MAX_FILE_SIZE
    cache = cache or FileCache()
    results = [_check_pack(list(found.files), size, texts or {}, cache) for found in packs]
    if found_sessions:
        checked = {f.root.resolve(): result for f, result in zip(packs, results, strict=True)}
        check_pack = _pack_checker(size, texts, checked, cache)  # each pack checked once
        results.append(_check_sessions(found_sessions, size, texts, check_pack, then))
    if len(results) == 1:
        return results[0]
    problems = tuple(sorted((p for r in results for p in r.problems), key=sort_key))
    return Result(
        files=tuple(dict.fromkeys(f for r in results for f in r.files)),
        problems=problems,
        pack=results[0].pack if len(packs) == 1 and not problems else None,
    )


def _check_sessions(
    sessions: Sequence[Path],
    max_file_size: int,
    texts: Mapping[Path, str] | None,
    check_pack: Callable[[Path | None], tuple[Pack | None, int]],
    then: SessionStep | None = None,
) -> Result:
    """The problems of each session file, each checked with its pack (``check_pack``)."""
    from .session_files import check_session_file  # noqa: PLC0415 (only when needed)

    problems: list[Problem] = []
    for file in sessions:
        found = check_session_file(file, check_pack, max_size=max_file_size, texts=texts)
        if then is not None:
            found = then(found)
        problems.extend(found.problems)
    return Result(files=tuple(sessions), problems=tuple(problems), pack=None)


def _pack_checker(
    max_file_size: int,
    texts: Mapping[Path, str] | None,
    checked: dict[Path, Result],
    cache: FileCache | None = None,
) -> Callable[[Path | None], tuple[Pack | None, int]]:
    """Check a session's pack (None: the bundled pack), each pack once: it and its problems."""

    def check_pack(path: Path | None) -> tuple[Pack | None, int]:
        where = path or bundled("data")
        key = where.resolve()
        if key not in checked:
            checked[key] = check_paths(
                [where], max_file_size, texts=texts, cache=cache, sessions=False
            )
        return checked[key].pack, len(checked[key].problems)

    return check_pack


def check_sessions(
    files: Sequence[Path],
    max_file_size: int | None = None,
    *,
    texts: Mapping[Path, str] | None = None,
    cache: FileCache | None = None,
    then: SessionStep | None = None,
) -> Result:
    """Check session files, each with its pack (an editor's buffers in ``texts``).

    ``cache`` keeps the work on the pack's files that have not changed; ``then`` takes
    each session file's result further, as for `check_paths`.
    """
    size = max_file_size or MAX_FILE_SIZE
    return _check_sessions(files, size, texts, _pack_checker(size, texts, {}, cache), then)


def check_session(
    path: str | PathLike[str],
    *,
    pack: str | PathLike[str] | None = None,
    max_file_size: int = MAX_FILE_SIZE,
) -> SessionResult:
    """Check the session file ``path`` with its pack: its problems, the session if none.

    ``pack``: the pack to run when the file does not name one (default: the pack folder
    the file is in, else the bundled pack). ``OSError`` when the file cannot be read.
    """
    from .session_files import check_session_file  # noqa: PLC0415 (only when needed)

    check_path("path", path)
    check_path("pack", pack)
    check_pack = _pack_checker(max_file_size, None, {})
    where = None if pack is None else Path(pack)
    return check_session_file(Path(path), check_pack, max_size=max_file_size, pack=where)


def _check_pack(
    files: list[Path], max_file_size: int, texts: Mapping[Path, str], cache: FileCache
) -> Result:
    from .pruning import NO_GAPS, reading_flaws, survey  # noqa: PLC0415 (only when needed)

    problems: list[Problem] = []
    documents: list[Document] = []
    flaws: dict[Path, list[Flaw]] = {}
    for file in files:
        document, more = cache.read(file, _raw(file, max_file_size, texts), max_file_size)
        problems.extend(more)
        if document is not None:  # what reading found is not fatal: the rest is checked
            documents.append(document)
            flaws[file] = reading_flaws(document, more)
    # pack.yaml, where a pack folder's details belong, comes first: what repeats it is reported.
    documents.sort(key=lambda d: d.file.name != PACK_MARKER)
    more = _against_schema(documents, flaws, cache)
    problems.extend(more)
    built: Pack | None = None
    if not problems:
        built, more = _build(documents, {}, NO_GAPS, cache.sections)
        problems.extend(more)
    elif documents:  # the meaning of what the problems leave beyond doubt
        gaps, pruned = survey(documents, flaws, unreadable=len(documents) < len(files))
        built, more = _build(documents, pruned, gaps, cache.sections)
        problems.extend(more)
    cache.keep_built(tuple(files), built)
    from .meaning import duplicate_id_problems  # noqa: PLC0415 (only when needed)

    problems.extend(duplicate_id_problems(documents, flaws))
    ordered = tuple(sorted(problems, key=sort_key))
    return Result(files=tuple(files), problems=ordered, pack=None if ordered else built)


def _raw(file: Path, max_file_size: int, texts: Mapping[Path, str]) -> bytes:
    """The bytes of ``file``: its text in ``texts`` if there, else as saved (up to the limit)."""
    text = texts.get(Path(os.path.abspath(file)))  # noqa: PTH100 (as finding names files)
    if text is not None:
        return text.encode("utf-8", "surrogatepass")
    with file.open("rb") as stream:
        return stream.read(max_file_size + 1)


def _against_schema(
    documents: list[Document], flaws: dict[Path, list[Flaw]], cache: FileCache
) -> list[Problem]:
    """The schema problems of each file; where each failure is goes to its ``flaws``."""
    from .pruning import Flaw, reading_flaws  # noqa: PLC0415 (only when needed)

    problems: list[Problem] = []
    for document in documents:
        more, failures = cache.schema(document)
        problems.extend(more)
        flaws[document.file].extend(Flaw(path, keyword) for path, keyword in failures)
        # A 'no' read as a word may be meant as false: what it is in is in doubt, as in reading.
        words = [problem for problem in more if problem.code == "RC111"]
        flaws[document.file].extend(reading_flaws(document, words))
    return problems


def _build(
    documents: list[Document], pruned: dict[Path, Pruned], gaps: Gaps, kept: SectionsKept
) -> tuple[Pack | None, list[Problem]]:
    """The pack built from what is not ``pruned``, and the problems merging and meaning find.

    The pack is whole only when nothing was left out (``gaps``) and no problem was found;
    else it is the pack in part, stand-ins and all, for editors (`FileCache.built`).
    """
    from attrs import evolve  # noqa: PLC0415 (only when needed)
    from cattrs.errors import CattrsError  # noqa: PLC0415

    from .building import pack_from_dict  # noqa: PLC0415
    from .meaning import meaning_problems  # noqa: PLC0415
    from .merging import merge  # noqa: PLC0415
    from .pruning import NO_GAPS, STAND_IN_DETAILS  # noqa: PLC0415

    merged, origins, problems = merge(documents, pruned, details_unseen=gaps.blind("pack"))
    if "pack" not in merged:  # missing (RC407), or left out: the rest can still be checked
        merged["pack"] = STAND_IN_DETAILS
        gaps = evolve(gaps, details=True)
    try:
        pack = pack_from_dict(merged, kept)
    except (CattrsError, ValueError, TypeError, KeyError, AttributeError) as error:
        if gaps != NO_GAPS:  # what was left in is not known to fit: stay silent
            return None, problems
        # The schema admits only what the model can build; this is a last line of defence.
        first = documents[0]
        message = f"the content could not be built: {error}"
        return None, [*problems, first.problem((), "RC209", message)]
    problems.extend(meaning_problems(pack, origins, gaps))
    return pack, problems


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

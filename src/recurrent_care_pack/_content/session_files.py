"""A session file checked whole: read, against its schema, with the pack it runs.

The pack is the one the file names (``pack:``, from the file's folder), else the one
given (``rcpack plan --pack``), else the pack folder the file is in, else the bundled pack.
"""

from __future__ import annotations

import os
from pathlib import Path

from attrs import frozen

from recurrent_care_pack._problems import quoted, sort_key

from .finding import PACK_MARKER, pack_folder_of
from .reading import MAX_FILE_SIZE, read_bytes
from .sessions import SESSION_KEY, check_session

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from recurrent_care_pack._model import Pack
    from recurrent_care_pack._problems import Problem
    from recurrent_care_pack._session import Session

    from .reading import Document

    #: Checks the pack at a path (None: the bundled pack): the pack if it has no problems,
    #: and how many problems it has.
    PackChecker = Callable[[Path | None], tuple[Pack | None, int]]

__all__ = ["SessionResult", "check_session_file", "given_keys", "written_pack"]


@frozen(kw_only=True)
class SessionResult:
    """What checking a session file found: its problems, the session and its pack if none."""

    file: Path
    problems: tuple[Problem, ...]
    session: Session | None
    pack: Pack | None
    pack_path: Path | None  # where the pack was taken from; None: the bundled pack
    #: The keys the file gives in its session (``comfort_breaks.length`` for one inside).
    given: frozenset[str] = frozenset()
    #: Where a session that cannot be planned is reported (its ``slots`` key, else its
    #: ``session`` key), as a problem whose message is still to be written.
    plan_at: Problem | None = None


def given_keys(data: object) -> frozenset[str]:
    """The keys a session file's data gives in its session, those of comfort breaks dotted."""
    details = data.get(SESSION_KEY) if isinstance(data, dict) else None
    if not isinstance(details, dict):
        return frozenset()
    comfort = details.get("comfort_breaks")
    inside = comfort if isinstance(comfort, dict) else {}
    return frozenset({str(key) for key in details} | {f"comfort_breaks.{key}" for key in inside})


def written_pack(data: object) -> str | None:
    """The ``pack`` a session file's data names, if it names one as text."""
    if isinstance(data, dict) and isinstance(data.get(SESSION_KEY), dict):
        written = data[SESSION_KEY].get("pack")
        return written if isinstance(written, str) and written.strip() else None
    return None


def check_session_file(
    file: Path,
    check_pack: PackChecker,
    *,
    max_size: int = MAX_FILE_SIZE,
    pack: Path | None = None,
    texts: Mapping[Path, str] | None = None,
) -> SessionResult:
    """Check the session file ``file`` with its pack (see the module's notes).

    ``check_pack`` checks the pack (`loading` gives it); ``texts``: editors' unsaved
    buffers, by absolute path. ``OSError`` when the file cannot be read.
    """
    text = (texts or {}).get(Path(os.path.abspath(file)))  # noqa: PTH100 (as finding names files)
    if text is not None:
        raw = text.encode("utf-8", "surrogatepass")
    else:
        with file.open("rb") as stream:
            raw = stream.read(max_size + 1)
    document, problems = read_bytes(file, raw, max_size)
    where, session, found = pack, None, None
    if document is not None:
        written = written_pack(document.data)
        if written is not None:
            where = file.parent / written
        elif where is None:
            where = pack_folder_of(file)
        found, trouble, go_on = _pack_of(document, where, written, check_pack)
        problems.extend([trouble] if trouble is not None else [])
        if go_on:
            session, more = check_session(document, found)
            problems.extend(more)
    ordered = tuple(sorted(problems, key=sort_key))
    plan_at = None
    if document is not None and session is not None:
        slots = document.data[SESSION_KEY].get("slots")
        plan_at = document.problem(
            (SESSION_KEY, "slots") if slots else (SESSION_KEY,), "RC507", "", at_key=True
        )
    return SessionResult(
        file=file,
        problems=ordered,
        session=None if ordered else session,
        pack=found,
        pack_path=where,
        given=given_keys(None if document is None else document.data),
        plan_at=plan_at,
    )


def _pack_of(
    document: Document, where: Path | None, written: str | None, check_pack: PackChecker
) -> tuple[Pack | None, Problem | None, bool]:
    """The session's pack, the problem with it if any, and whether to check the session on.

    A pack with problems of its own leaves the session checked without it.
    """

    def problem(message: str) -> Problem:
        return document.problem(
            (SESSION_KEY, "pack") if written is not None else (), "RC506", message
        )

    fix = "write where the pack folder is, or leave 'pack' out"
    if written is not None and where is not None:
        if not os.path.exists(where):  # noqa: PTH110
            return (
                None,
                problem(
                    f"there is no pack at {quoted(written)}, from the folder this "
                    f"file is in; {fix}"
                ),
                False,
            )
        if where.is_dir() and not os.path.lexists(where / PACK_MARKER):
            # Only a pack folder: a search of any folder ('/') could take for ever.
            return (
                None,
                problem(
                    f"{quoted(written)} is a folder with no {PACK_MARKER}, so "
                    f"not a pack folder; {fix}"
                ),
                False,
            )
    try:
        found, count = check_pack(where)
    except OSError as error:
        reason = str(error.strerror or error)
        return (
            None,
            problem(
                f"the pack at '{where}' cannot be read: {reason[:1].lower() + reason[1:]}; {fix}"
            ),
            False,
        )
    if found is None and count == 0:  # a file that holds no pack content
        return (
            None,
            problem(f"{quoted(str(written or where))} holds no pack content; {fix}"),
            False,
        )
    if found is None:
        shown = "the bundled pack" if where is None else f"the pack at '{where}'"
        command = "rcpack validate" + ("" if where is None else f" {where}")
        them = "it" if count == 1 else "them"
        return (
            None,
            problem(
                f"{shown} has {count} problem{'' if count == 1 else 's'}, so this session cannot "
                f"be checked against it; fix {them} first ({command})"
            ),
            True,
        )
    return found, None, True

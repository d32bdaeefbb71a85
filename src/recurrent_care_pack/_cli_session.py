"""``rcpack plan SESSION.yaml`` and ``rcpack handout KIND SESSION.yaml``: a session file planned.

The first item names a session file when it is a ``.yaml``/``.yml`` name; the file is
checked as ``rcpack validate`` checks it (its problems printed so, exit 1, nothing written),
and the flags the file also decides are refused, naming both.
"""

from __future__ import annotations

import os

from attrs import frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from ._model import Pack
    from ._session import Session
    from ._use.planning import Agenda
    from ._use.sessions import Flags

__all__ = ["SESSION_SUFFIXES", "Stop", "session_of"]

#: What a session file's name ends with.
SESSION_SUFFIXES = (".yaml", ".yml")

#: The exit statuses: a session file with problems (as for `rcpack validate`); a usage error.
_PROBLEMS, _USAGE = 1, 2


@frozen
class Stop:
    """Why the command ends: its ``status``, the lines to print, a one-line message."""

    status: int
    lines: tuple[str, ...] = ()
    message: str | None = None


def _usage(message: str) -> Stop:
    return Stop(_USAGE, (), message)


def session_of(args: argparse.Namespace) -> tuple[Pack, Agenda, Session] | Stop | None:
    """The pack, agenda and session the command's first item names, if a session file.

    ``None``: the items name no session file; a `Stop`: why the command ends instead.
    """
    items: list[str] = list(args.items)
    if not items or not items[0].lower().endswith(SESSION_SUFFIXES):
        return None
    name = items[0]
    if len(items) > 1:
        return _usage(
            f"a session file says what is run ('items:'); name nothing after '{name}', or "
            "put the items in the file"
        )
    return _planned(args, name)


def _planned(args: argparse.Namespace, name: str) -> tuple[Pack, Agenda, Session] | Stop:
    from pathlib import Path  # noqa: PLC0415

    from ._content.finding import is_session_file  # noqa: PLC0415
    from ._content.loading import check_session  # noqa: PLC0415
    from ._output.reports import shown, text_report  # noqa: PLC0415
    from ._use.planning import PlanError  # noqa: PLC0415
    from ._use.sessions import session_plan, with_flags  # noqa: PLC0415

    file = Path(name)
    if not os.path.exists(file):  # noqa: PTH110 (keep pathlib's work to what is needed)
        why = "no such file; name a session file such as session.yaml"
        return _usage(f"cannot read '{shown(name)}': {why}")
    if not file.is_file() or not is_session_file(file):
        return _usage(
            f"'{shown(name)}' is not a session file: a session file holds 'session:' "
            "(rcpack init writes an example, session.yaml)"
        )
    flags = _flags(args)
    result = check_session(file, pack=flags.pack)
    session, pack = result.session, result.pack
    if result.problems or session is None or pack is None:
        return Stop(_PROBLEMS, tuple(text_report(result.problems, [file])))
    try:
        session = with_flags(session, flags, result.given)
        return pack, session_plan(pack, session), session
    except (PlanError, LookupError) as error:
        return _usage(f"cannot plan: {error.args[0] if error.args else error}")
    except ValueError as error:  # a flag the file decides too
        return _usage(str(error))


def _flags(args: argparse.Namespace) -> Flags:
    """The planning flags given on the command line (the defaults are not given)."""
    from ._use.sessions import Flags  # noqa: PLC0415

    return Flags(
        start=args.start,
        days=None if args.days == 1 else args.days,
        day_end=args.day_end,
        dates=tuple(args.dates),
        budget=args.budget,
        discussions=True if args.with_discussions else None,
        rewatch=False if not args.rewatch else None,
        break_length=args.break_length,
        break_after_exercises=True if args.break_after_exercises else None,
        break_every=args.break_every,
        break_at=tuple(args.break_at),
        slots=tuple(args.slots),
        lunch=args.lunch,
        lunch_length=args.lunch_length,
        setup=args.setup,
        opening=args.opening,
        closing=args.closing,
        pack=None if args.pack is None else str(args.pack),
        participants=getattr(args, "participants", None),
        title=getattr(args, "session", None),
    )

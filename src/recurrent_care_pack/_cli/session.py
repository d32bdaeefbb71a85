"""``rcpack plan SESSION.yaml`` and ``rcpack handout KIND SESSION.yaml``: a session file planned.

The first item names a session file when it is a ``.yaml``/``.yml`` name; the file is
checked as ``rcpack validate`` checks it (its problems printed so, exit 1, nothing written),
and the flags the file also decides are refused, naming both.
"""

from __future__ import annotations

import os

from .status import PROBLEMS, USAGE, Exit

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from recurrent_care_pack._content import Pack
    from recurrent_care_pack._use import Agenda, Flags, Session

__all__ = ["SESSION_SUFFIXES", "session_of"]

#: What a session file's name ends with.
SESSION_SUFFIXES = (".yaml", ".yml")


def _usage(message: str) -> Exit:
    return Exit(USAGE, message)


def session_of(args: argparse.Namespace) -> tuple[Pack, Agenda, Session] | None:
    """The pack, agenda and session the command's first item names, if a session file.

    ``None``: the items name no session file. `Exit` when the command ends instead: the
    file's problems printed (exit 1), or one line saying why (exit 2).
    """
    items: list[str] = list(args.items)
    if not items or not items[0].lower().endswith(SESSION_SUFFIXES):
        return None
    name = items[0]
    if len(items) > 1:
        raise _usage(
            f"a session file says what is run ('items:'); name nothing after '{name}', or "
            "put the items in the file"
        )
    return _planned(args, name)


def _planned(args: argparse.Namespace, name: str) -> tuple[Pack, Agenda, Session]:
    from pathlib import Path  # noqa: PLC0415

    from recurrent_care_pack._content import check_session, is_session_file  # noqa: PLC0415
    from recurrent_care_pack._output import shown, text_report  # noqa: PLC0415
    from recurrent_care_pack._use import PlanError, session_plan, with_flags  # noqa: PLC0415

    file = Path(name)
    if not os.path.exists(file):  # noqa: PTH110 (keep pathlib's work to what is needed)
        why = "no such file; name a session file such as session.yaml"
        raise _usage(f"cannot read '{shown(name)}': {why}")
    if not file.is_file() or not is_session_file(file):
        raise _usage(
            f"'{shown(name)}' is not a session file: a session file holds 'session:' "
            "(rcpack init writes an example, session.yaml)"
        )
    flags = _flags(args)
    result = check_session(file, pack=flags.pack)
    session, pack = result.session, result.pack
    if result.problems or session is None or pack is None:
        for line in text_report(result.problems, [file]):
            print(line)
        raise Exit(PROBLEMS)
    try:
        session = with_flags(session, flags, result.given)
        return pack, session_plan(pack, session), session
    except (PlanError, LookupError) as error:
        raise _usage(f"cannot plan: {error.args[0] if error.args else error}") from None
    except ValueError as error:  # a flag the file decides too
        raise _usage(str(error)) from None


def _flags(args: argparse.Namespace) -> Flags:
    """The planning flags given on the command line (the defaults are not given)."""
    from recurrent_care_pack._use import Flags  # noqa: PLC0415

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

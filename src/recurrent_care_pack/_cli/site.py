"""``rcpack site OUT``: the pack as a web site, with a page for each session file.

The pack and each session file are checked first; a pack or a session with problems has
them printed as ``rcpack validate`` prints them, exit 1, and no site is written.
"""

from __future__ import annotations

import sys

from .status import OK, PROBLEMS, USAGE, Exit

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from recurrent_care_pack._content import Pack
    from recurrent_care_pack._use import Agenda, Session

__all__ = ["site"]


def site(args: argparse.Namespace) -> int:
    """Build the site into OUT; say what was written, and what could not be made."""
    from recurrent_care_pack._output import WriteError, build_site  # noqa: PLC0415

    from .planning import _pack  # noqa: PLC0415 (the pack, its problems reported)

    pack = _pack(args.pack)
    sessions = [_session(pack, file, args.pack) for file in _session_files(args)]
    url = args.url if args.url is None or args.url.endswith("/") else f"{args.url}/"
    try:
        built = build_site(pack, args.folder, sessions, url=url, search=not args.no_search)
    except WriteError as error:
        raise Exit(USAGE, str(error)) from None
    sessions_said = f", {len(sessions)} session{'s' if len(sessions) != 1 else ''}"
    print(f"wrote {len(built.pages)} pages into {built.folder}{sessions_said if sessions else ''}")
    if not built.search and not args.no_search:
        print(
            "no search index: Pagefind is not installed (pip install 'recurrent-care-pack[site]')",
            file=sys.stderr,
        )
    if not built.sitemap:
        print("no sitemap.xml: it needs the site's address (--url)", file=sys.stderr)
    return OK


def _session_files(args: argparse.Namespace) -> list[Path]:
    """The session files named with --session, else those in the current folder."""
    from pathlib import Path  # noqa: PLC0415

    from recurrent_care_pack._content import is_session_file  # noqa: PLC0415

    if args.sessions:
        return [Path(s) for s in args.sessions]
    here = sorted(p for p in Path().iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [p for p in here if is_session_file(p)]


def _session(pack: Pack, file: Path, where: Path | None) -> tuple[str, Session, Agenda]:
    """A session file checked and planned: its name in the site, the session, its agenda."""
    from recurrent_care_pack._content import check_session, is_session_file  # noqa: PLC0415
    from recurrent_care_pack._output import shown, text_report  # noqa: PLC0415
    from recurrent_care_pack._use import PlanError, session_plan  # noqa: PLC0415

    if not file.is_file():
        raise Exit(USAGE, f"cannot read '{shown(str(file))}': no such file")
    if not is_session_file(file):
        raise Exit(
            USAGE,
            f"'{shown(str(file))}' is not a session file: a session file holds 'session:' "
            "(rcpack init writes an example, session.yaml)",
        )
    result = check_session(file, pack=where)
    if result.problems or result.session is None:
        for line in text_report(result.problems, [file]):
            print(line)
        raise Exit(PROBLEMS)
    try:
        agenda = session_plan(pack, result.session)
    except (PlanError, LookupError) as error:
        raise Exit(USAGE, f"cannot plan {shown(str(file))}: {error.args[0]}") from None
    return file.stem, result.session, agenda

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

    from recurrent_care_pack._content import Pack, SessionResult
    from recurrent_care_pack._output import Built
    from recurrent_care_pack._use import Agenda, Session

__all__ = ["site"]


def site(args: argparse.Namespace) -> int:
    """Build the site into OUT; with ``--serve``, serve it and build it again on each save."""
    built, wrote = _build(args)
    print(wrote, flush=True)
    if not built.search and not args.no_search:
        print(
            "no search index: Pagefind is not installed (pip install 'recurrent-care-pack[site]')",
            file=sys.stderr,
        )
    if not built.sitemap:
        print("no sitemap.xml: it needs the site's address (--url)", file=sys.stderr)
    if args.serve:
        _serve(args, built.folder)
    return OK


def _build(args: argparse.Namespace) -> tuple[Built, str]:
    """The pack and sessions checked and planned, the site written; the line that says so."""
    from recurrent_care_pack._output import WriteError, build_site  # noqa: PLC0415

    from .planning import _pack  # noqa: PLC0415 (the pack, its problems reported)

    files = _session_files(args)
    stems = [f.stem for f in files]
    twice = next((s for s in stems if stems.count(s) > 1), None)
    if twice is not None:
        raise Exit(
            USAGE,
            f"two session files are named '{twice}', and each names its page "
            f"(sessions/{twice}.html); rename one",
        )
    checked = [(file, _checked(file, args.pack)) for file in files]
    args.site_pack = _site_pack(args.pack, checked)
    pack = _pack(args.site_pack)
    if args.site_pack is None:
        print(
            "the site is of the bundled pack, rcpack's own copy: to build your pack's, "
            "run this in its folder or name it with --pack",
            file=sys.stderr,
        )
    sessions = [_planned(pack, file, result) for file, result in checked]
    url = args.url if args.url is None or args.url.endswith("/") else f"{args.url}/"
    try:
        built = build_site(pack, args.folder, sessions, url=url, search=not args.no_search)
    except WriteError as error:
        raise Exit(USAGE, str(error)) from None
    sessions_said = f", {len(sessions)} session{'s' if len(sessions) != 1 else ''}"
    return built, (
        f"wrote {len(built.pages)} pages into {built.folder}{sessions_said if sessions else ''}"
    )


def _serve(args: argparse.Namespace, folder: Path) -> None:
    """Serve the site until Ctrl-C; build it again when the pack or a session file changes."""
    from recurrent_care_pack._content import pack_files  # noqa: PLC0415
    from recurrent_care_pack._output import preview  # noqa: PLC0415

    def sources() -> list[Path]:  # the pack of the last build, and the session files
        return [*pack_files(args.site_pack), *_session_files(args)]

    wrote: list[str] = []

    def rebuild() -> bool:
        try:
            wrote[:] = [_build(args)[1]]
        except Exit as ended:
            if ended.message:
                print(f"rcpack: {ended.message}", file=sys.stderr)
            print("the site was not rebuilt: the last one is still served", flush=True)
            return False
        return True

    try:
        # Said once the pages served reload: whoever reads it finds the new site there.
        server = preview(
            folder, rebuild, sources, port=args.port, built=lambda: print(*wrote, flush=True)
        )
    except OSError as error:
        raise Exit(USAGE, f"cannot serve on port {args.port}: {error.strerror}") from None
    try:  # a Ctrl-C from here on, even before the line below is out, stops it cleanly
        print(
            f"serving {server.url} (Ctrl-C to stop); pages reload when the site is rebuilt",
            flush=True,
        )
        server.wait()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.stop()


def _session_files(args: argparse.Namespace) -> list[Path]:
    """The session files named with --session, else those in the current folder."""
    from pathlib import Path  # noqa: PLC0415

    from recurrent_care_pack._content import is_session_file  # noqa: PLC0415

    if args.sessions:
        return [Path(s) for s in args.sessions]
    here = sorted(p for p in Path().iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [p for p in here if is_session_file(p)]


def _checked(file: Path, where: Path | None) -> SessionResult:
    """A session file checked as validate checks it, with its pack; its problems, exit 1."""
    from recurrent_care_pack._content import check_session, is_session_file  # noqa: PLC0415
    from recurrent_care_pack._output import shown, text_report  # noqa: PLC0415
    from recurrent_care_pack._use import planned  # noqa: PLC0415

    if not file.is_file():
        raise Exit(USAGE, f"cannot read '{shown(str(file))}': no such file")
    if not is_session_file(file):
        raise Exit(
            USAGE,
            f"'{shown(str(file))}' is not a session file: a session file holds 'session:' "
            "(rcpack init writes an example, session.yaml)",
        )
    result = planned(check_session(file, pack=where))  # as validate checks it: RC507 too
    if result.problems or result.session is None:
        for line in text_report(result.problems, [file]):
            print(line)
        raise Exit(PROBLEMS)
    return result


def _site_pack(given: Path | None, checked: list[tuple[Path, SessionResult]]) -> Path | None:
    """The site's pack: ``--pack``, else the one the session files run, else the default.

    Each session's page is of the site's pack: session files that run another are refused.
    """
    from recurrent_care_pack._output import shown  # noqa: PLC0415

    from .planning import _here_or_bundled  # noqa: PLC0415

    def same(one: Path | None, other: Path | None) -> bool:
        return one == other or (one is not None and other is not None and one.samefile(other))

    def said(where: Path | None) -> str:
        return "the bundled pack" if where is None else f"the pack at '{shown(str(where))}'"

    runs = [(shown(str(file)), result.pack_path) for file, result in checked]
    if given is not None:
        for file, where in runs:
            if not same(where, given):
                raise Exit(
                    USAGE,
                    f"'{file}' runs {said(where)}, not the pack --pack names: one site is of "
                    "one pack; give its session files that pack, or leave out --pack",
                )
        return given
    if not runs:
        return _here_or_bundled()
    first = runs[0][1]
    if any(not same(where, first) for _, where in runs):
        each = "; ".join(f"'{file}' {said(where)}" for file, where in runs)
        raise Exit(
            USAGE,
            f"the session files run different packs ({each}): one site is of one pack; "
            "give them the same pack",
        )
    return first


def _planned(pack: Pack, file: Path, result: SessionResult) -> tuple[str, Session, Agenda]:
    """A checked session file planned: its name in the site, the session, its agenda."""
    from recurrent_care_pack._output import shown  # noqa: PLC0415
    from recurrent_care_pack._use import PlanError, session_plan  # noqa: PLC0415

    assert result.session is not None  # noqa: S101 (checked: problems are refused)
    try:
        agenda = session_plan(pack, result.session)
    except (PlanError, LookupError) as error:
        raise Exit(USAGE, f"cannot plan {shown(str(file))}: {error.args[0]}") from None
    return file.stem, result.session, agenda

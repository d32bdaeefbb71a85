"""``rcpack site``: the pack as a static, accessible web site, written whole or not at all.

Every page is a Jinja2 template over the site's view (``site_view``), which is made of the
views the handouts read. The site is made in a new folder beside ``OUT`` and put in its
place only once whole (search index included), so a reader or a preview never sees half
a site; ``OUT`` must be missing, empty, or a site rcpack wrote before (it holds
``.rcpack-site``): nothing else is ever replaced.
"""

import functools
import importlib.resources
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from attrs import frozen
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from recurrent_care_pack._files import WriteError, refuse_installed
from recurrent_care_pack._model import Pack
from recurrent_care_pack._session import Session
from recurrent_care_pack._use.planning import Agenda, PlanError, PlanOptions, plan
from recurrent_care_pack._use.queries import pack_time

from .rendering import css_string, handout_footer, render_handout
from .site_data import (
    case_studies_data,
    exercise_data,
    index_data,
    llms_text,
    module_data,
    page_data,
    session_data,
    sitemap,
)
from .site_view import Site, site_view
from .view import TOOL_MARK

__all__ = ["MARKER", "Built", "build_site", "render_site"]

#: The file that says a folder is a site rcpack wrote, so may be replaced by a new one.
MARKER = ".rcpack-site"
#: The site's own files, copied as they are.
ASSETS = ("site.css", "live.js", "tips.js", "search.js")


@frozen(kw_only=True)
class Built:
    """What ``build_site`` wrote: the folder, its pages, and what it could not make."""

    folder: Path
    pages: tuple[str, ...]
    search: bool
    sitemap: bool


def render_site(
    pack: Pack,
    sessions: Sequence[tuple[str, Session, Agenda]] = (),
    *,
    url: str | None = None,
) -> dict[str, bytes]:
    """Every file of the site but the search index, by its path from the site's root.

    ``sessions``: a page for each (its name in the site, the session, its agenda).
    ``url``: the site's address (ending ``/``); with it, ``sitemap.xml`` and absolute ids.
    """
    site = site_view(pack, sessions)
    pages = _pages(site, url)
    # The tips pages print as the tip cards do, with the handout's page and its footer.
    cards = {
        "large_print": False,
        "footer": handout_footer(pack, "tips", Agenda(entries=()), None),
    }
    files: dict[str, bytes] = {}
    printed = _handouts(pack, sessions)
    environment = _environment()
    # Each exercise page prints as its sheet does, with the sheet's page and footer.
    sheets = {
        s.id: {
            "large_print": False,
            "footer": handout_footer(pack, "exercises", Agenda(entries=()), None, sections=[s]),
        }
        for s in pack.sections
    }
    for page in pages:
        depth = page["path"].count("/")
        template = environment.get_template(f"site/{page['template']}")
        exercise = page["item"] if page["template"] == "exercise.html.j2" else None
        html = template.render(
            site=site,
            page=page,
            root="../" * depth,
            modules=site.modules,
            exercises=site.exercises,
            mark=TOOL_MARK,
            printed=printed,
            layout=sheets[exercise.section] if exercise is not None else cards,
        )
        files[page["path"]] = html.encode("utf-8")
    assets = importlib.resources.files("recurrent_care_pack._output") / "templates" / "site"
    for name in ASSETS:
        files[f"assets/{name}"] = (assets / name).read_bytes()
    files.update({path: content for path, (_, content) in printed.items()})
    listed = [(p["path"], p["title"], p["group"]) for p in pages]
    listed += [(path, title, "Handouts to print") for path, (title, _) in printed.items()]
    files["llms.txt"] = llms_text(site, listed).encode("utf-8")
    if url is not None:
        files["sitemap.xml"] = sitemap(url, [p for p, _, _ in listed]).encode("utf-8")
    files[MARKER] = b"A site written by rcpack site: rcpack may replace this folder whole.\n"
    return files


def _handouts(
    pack: Pack, sessions: Sequence[tuple[str, Session, Agenda]]
) -> dict[str, tuple[str, bytes]]:
    """The handouts themselves, as ``rcpack handout --format html`` writes them, to print.

    The tip cards and every exercise sheet for the pack; each session's facilitator guide
    and its participants' sheets, dated for it. By path: each one's title and its bytes.
    """
    found = {
        "print/tip-cards.html": (
            "Tip cards",
            render_handout(pack, "tips", "html", Agenda(entries=())),
        )
    }
    whole = _one_day(pack)
    if whole is not None:  # else each exercise's page prints its own sheet
        found["print/exercises.html"] = (
            "Exercise sheets",
            render_handout(pack, "exercises", "html", whole),
        )
    for slug, session, agenda in sessions:
        name = session.title or pack.title
        found[f"sessions/{slug}-guide.html"] = (
            f"{name}: facilitator guide",
            render_handout(pack, "guide", "html", agenda, session=session),
        )
        found[f"sessions/{slug}-exercises.html"] = (
            f"{name}: exercise sheets",
            render_handout(pack, "exercises", "html", agenda, session=session),
        )
    return found


def _one_day(pack: Pack) -> Agenda | None:
    """The whole pack planned in one day, or None when it runs past midnight.

    A pack plainly longer than the day left after the plan's start is not planned at all:
    the planner can take many seconds to find that no split fits.
    """
    start = PlanOptions().start
    left = timedelta(hours=24) - timedelta(hours=start.hour, minutes=start.minute)
    if pack_time(pack) >= left:
        return None
    try:
        return plan(pack)
    except PlanError:
        return None


def build_site(
    pack: Pack,
    folder: Path,
    sessions: Sequence[tuple[str, Session, Agenda]] = (),
    *,
    url: str | None = None,
    search: bool = True,
) -> Built:
    """Write the site into ``folder``, whole: made beside it, then put in its place.

    `WriteError` (one line: why) when ``folder`` is a file, or holds what rcpack did not
    write, or cannot be written; nothing is then changed.
    """
    folder = Path(os.path.abspath(folder))  # noqa: PTH100 (no links resolved: the name given)
    _refuse(folder)
    files = render_site(pack, sessions, url=url)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        made = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as error:
        raise _cannot(folder, error.strerror or str(error)) from None
    try:
        for name, content in files.items():
            path = made / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        indexed = search and _index(made)
        made.chmod(0o755)
        _swap(made, folder)
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise
    pages = tuple(sorted(n for n in files if n.endswith(".html")))
    return Built(folder=folder, pages=pages, search=indexed, sitemap=url is not None)


def _cannot(folder: Path, reason: str) -> WriteError:
    return WriteError(f"cannot write the site into '{folder}': {reason}", reason)


def _refuse(folder: Path) -> None:
    refuse_installed(folder)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise _cannot(folder, "it is not a folder; name a folder for the site")
    here = Path(os.path.abspath("."))  # noqa: PTH100 (as the folder's name is made whole)
    if folder == here or folder in here.parents:
        raise _cannot(folder, "it holds the folder you are in; name a folder inside it")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        raise _cannot(
            folder,
            "it holds files rcpack site did not write; name a new or empty folder "
            f"(a folder rcpack site wrote holds {MARKER})",
        )


def _swap(made: Path, folder: Path) -> None:
    """Put ``made`` where ``folder`` is: the old site moved aside, then removed."""
    if not folder.exists():
        made.rename(folder)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
    old.rmdir()
    folder.rename(old)
    try:
        made.rename(folder)
    except OSError:
        old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _index(folder: Path) -> bool:
    """Pagefind's search index in ``folder/pagefind``; False when Pagefind is not installed."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    except ImportError:
        return False
    # Text only screen readers hear (a table's caption) is left out of the excerpts.
    hidden = ".visually-hidden"
    command = [str(get_executable()), "--site", str(folder), "--silent"]
    command += ["--exclude-selectors", hidden]
    done = subprocess.run(command, capture_output=True, check=False)  # noqa: S603 (our own binary)
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _cannot(
            folder, f"Pagefind could not index it: {why[-1] if why else done.returncode}"
        )
    return True


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "topic"


def _pages(site: Site, url: str | None) -> list[dict[str, Any]]:
    """Every page: its path, template, title, description, group (llms.txt) and JSON-LD."""
    pages: list[dict[str, Any]] = []

    def add(path: str, template: str, title: str, description: str, **more: Any) -> None:
        page = {
            "path": path,
            "template": template,
            "title": title,
            "description": description,
            "searchable": True,
            "group": "Pages",
        }
        page.update(more)
        pages.append(page)

    about = site.sections[0].about.introduction if site.sections else None
    description = about or f"{site.title}, published {site.published} by {site.publisher}."
    add(
        "index.html",
        "index.html.j2",
        "Modules and exercises",
        description,
        kind="index",
        group="The pack",
        linked=index_data(site, url, description),
    )
    titles = {x.id: x.sheet.title for x in site.exercises}
    for module in site.modules:
        words = module.view.description or f"{module.view.heading}: films and an exercise."
        add(
            f"modules/{module.id}.html",
            "module.html.j2",
            module.view.heading,
            words,
            kind="module",
            item=module,
            group="Modules",
            exercise_title=titles.get(module.exercise or "", ""),
            linked=module_data(site, url, module, words),
        )
    cases = {c.view.title: c.id for c in site.cases}
    for exercise in site.exercises:
        words = f"{exercise.label}: {exercise.sheet.title}. {exercise.sheet.time}."
        add(
            f"exercises/{exercise.id}.html",
            "exercise.html.j2",
            f"{exercise.label}: {exercise.sheet.title}",
            words,
            kind="exercise",
            item=exercise,
            group="Exercises",
            case_ids=[cases.get(c.title, "") for c in exercise.view.case_studies],
            linked=exercise_data(site, url, exercise, words),
        )
    words = "The case studies the exercises use, and what the pack's data holds of them."
    add(
        "case-studies.html",
        "cases.html.j2",
        "Case studies",
        words,
        kind="cases",
        group="The pack",
        linked=case_studies_data(site, url, words),
    )
    topics = [(t, _slug(t)) for t in site.topics]
    tips = next((s.tips for s in site.sections if s.tips), None)
    if tips is not None:
        words = tips.introduction or tips.title
        for topic, slug in [(None, "index"), *topics]:
            title = tips.title if topic is None else f"Tips on {topic}"
            add(
                f"tips/{slug}.html",
                "tips.html.j2",
                title,
                words,
                kind="tips",
                topic=topic,
                topics=topics,
                deck=site.cards if topic is None else site.cards.on(topic),
                group="Tips from practice",
                linked=page_data(site, url, f"tips/{slug}.html", name=title, description=words),
            )
    words = "The background reading and the works the pack cites."
    add(
        "reading.html",
        "reading.html.j2",
        "Reading",
        words,
        kind="reading",
        group="The pack",
        linked=page_data(
            site,
            url,
            "reading.html",
            name="Reading",
            description=words,
            citations=site.reading.works,
        ),
    )
    if site.sessions:
        words = "The sessions planned from the session files, each with a live view."
        add(
            "sessions/index.html",
            "sessions.html.j2",
            "Sessions",
            words,
            kind="sessions",
            group="Sessions",
            linked=page_data(site, url, "sessions/index.html", name="Sessions", description=words),
        )
    for session in site.sessions:
        words = f"{session.title}: the running sheet and a live view for the room."
        add(
            f"sessions/{session.slug}.html",
            "session.html.j2",
            session.title,
            words,
            kind="session",
            item=session,
            group="Sessions",
            agenda=_agenda(session),
            linked=session_data(site, url, session, words),
        )
    everything = [(p["path"], p["title"]) for p in pages]
    words = "Search the pack's pages."
    add(
        "search.html",
        "search.html.j2",
        "Search",
        words,
        kind="search",
        searchable=False,
        pages=everything,
        group="The site",
        linked=page_data(site, url, "search.html", name="Search", description=words),
    )
    return pages


def _agenda(session: Any) -> dict[str, Any]:
    """What the live view reads: each day's rows, as the running sheet shows them."""
    return {
        "title": session.title,
        "days": [
            {
                "number": part.number,
                "date": session.dates[part.number - 1],
                "heading": part.sheet.head,
                "rows": [
                    {
                        "start": r.start,
                        "end": r.end,
                        "what": r.what,
                        "todo": r.todo,
                        "kind": r.kind,
                        "part": r.part,
                    }
                    for r in part.sheet.rows
                ],
            }
            for part in session.parts
        ],
    }


@functools.cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("recurrent_care_pack._output", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = css_string
    return environment

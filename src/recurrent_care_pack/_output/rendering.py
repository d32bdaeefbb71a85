"""Rendering: handouts as Markdown, HTML, PDF and Word, from the model through templates.

Markdown and HTML come from Jinja2 templates shipped in ``templates/`` (HTML autoescaped,
Markdown through an escaping filter); PDF is the HTML printed by WeasyPrint as tagged
PDF/UA; Word is built with python-docx from the same data. PDF and Word are optional extras.
Every printed format has 12 pt body text (16 pt with ``large_print``) and a one-line footer
naming the session (or the pack), its sections, that page's session date, and the page.
The guide is built once as a typed view (``view.py``) that every format reads.
"""

import functools
import os
import re
from collections.abc import Iterable, Sequence
from datetime import timedelta
from os import PathLike
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from recurrent_care_pack._arguments import (
    check_count,
    check_flag,
    check_kind,
    check_pack,
    check_text,
    given,
)
from recurrent_care_pack._durations import short_duration
from recurrent_care_pack._errors import FormatMismatchError
from recurrent_care_pack._files import file_named, replace_file
from recurrent_care_pack._installed import missing_extra
from recurrent_care_pack._model import Pack, Section
from recurrent_care_pack._naming import listed
from recurrent_care_pack._session import Session
from recurrent_care_pack._use.planning import Agenda, plan
from recurrent_care_pack._use.queries import section_of

from .guide_view import guide_view
from .handouts import HANDOUTS, handout_data
from .view import TOOL_MARK
from .word import MissingExtraError, word_document
from .word_guide import guide_document
from .writing import refuse_content_file

__all__ = [
    "FORMATS",
    "HANDOUTS",
    "FormatMismatchError",
    "MissingExtraError",
    "css_string",
    "format_named_by",
    "handout_file",
    "handout_footer",
    "refuse_content_file",
    "render_handout",
    "write_handout",
]

#: The formats a handout can be rendered in.
FORMATS = ("md", "html", "pdf", "docx")

#: The format each file name ending stands for.
_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def render_handout(  # noqa: PLR0913 (a handout's choices, all but the first by name)
    pack: Pack,
    kind: str,
    fmt: str = "md",
    agenda: Agenda | None = None,
    *,
    large_print: bool = False,
    participants: int | None = None,
    session: str | Session | None = None,
) -> bytes:
    """Render a handout: ``kind`` is guide, exercises or tips; ``fmt`` md, html, pdf or docx.

    The guide and the exercise sheets follow ``agenda`` (default: the whole pack planned);
    every handout carries its dates and the ``session``: a name, or a `Session` (its title,
    service, participants, place, facilitators and where its films are); ``participants``
    gives the guide's copies to print and its group split. ``large_print`` sets the body
    text in 16 pt, headings scaled, instead of 12 pt.
    """
    check_text("kind", kind, "tips")
    check_text("fmt", fmt, "md")
    if participants is not None:  # any whole number (numpy's int64), printed as an int
        participants = check_count("participants", participants, "people")
    if kind not in HANDOUTS:
        raise ValueError(f"no handout called '{kind}'; choose one of: {', '.join(HANDOUTS)}")
    if fmt not in FORMATS:
        raise ValueError(f"no format called '{fmt}'; choose one of: {', '.join(FORMATS)}")
    _check(pack, agenda, session, large_print=large_print)
    agenda = agenda or plan(pack)
    if kind == "guide":
        return _guide(
            pack, fmt, agenda, large_print=large_print, participants=participants, session=session
        )
    name = session.title if isinstance(session, Session) else session
    if participants is None and isinstance(session, Session):
        participants = session.participants
    data = handout_data(
        pack, kind, agenda, participants=participants, session=name, large_print=large_print
    )
    layout = {
        "kind": kind,
        "large_print": large_print,
        "footer": handout_footer(pack, kind, agenda, name),
        "author": (session.service or "") if isinstance(session, Session) else "",
        # A series' footer has no date: each exercise sheet's then names its own.
        "dated": len({agenda.date(n) for n in range(1, agenda.days + 1)}) == 1,
    }
    if fmt == "docx":
        return word_document(data, layout)
    template = _environment().get_template(f"{kind}.html.j2")
    html = template.render(handout=data, title=data.title, layout=layout)
    if fmt == "html":
        return html.encode("utf-8")
    if fmt == "pdf":
        return _pdf(html)
    return _environment().get_template(f"{kind}.md.j2").render(handout=data).encode("utf-8")


def _check(pack: Pack, agenda: Agenda | None, session: object, *, large_print: object) -> None:
    """Each argument of the wrong kind refused by name (`TypeError`)."""
    check_pack(pack)
    if agenda is not None:
        check_kind("agenda", agenda, Agenda, "None or an Agenda such as plan() gives")
    check_flag("large_print", large_print)
    if session is not None and not isinstance(session, (str, Session)):
        raise TypeError(
            "session must be a name such as 'Spring 2027, Leeds' or a Session, "
            f"not {given(session)}"
        )
    if isinstance(session, str):
        check_text("session", session, "Spring 2027, Leeds")


def handout_file(
    path: str | PathLike[str], fmt: str | None = None, content: Iterable[Path] = ()
) -> tuple[Path, str | None]:
    """The file ``path`` names for a handout, and its format: ``fmt``, else its name's.

    `WriteError` (an ``OSError``) if it names a folder or nothing; `FormatMismatchError`
    if ``fmt`` and the name disagree; ``ValueError`` if it is a content file (a YAML name,
    or one of ``content``, links followed). The format is ``None`` when neither tells it.
    """
    target = file_named(os.fspath(path))  # keeps a final /: "missing/" names a folder
    named = format_named_by(target)
    if fmt is not None and named is not None and fmt != named:
        raise FormatMismatchError(target, named, fmt)
    refuse_content_file(target, content)
    return target, fmt or named


def write_handout(  # noqa: PLR0913 (render_handout's choices, and where to write)
    path: str | PathLike[str],
    pack: Pack,
    kind: str,
    fmt: str | None = None,
    agenda: Agenda | None = None,
    *,
    large_print: bool = False,
    participants: int | None = None,
    session: str | Session | None = None,
    content: Iterable[Path] = (),
) -> Path:
    """Render a handout into ``path``, in the format its name ends with unless ``fmt`` is given.

    An existing file is replaced only once the new one is whole, keeping its permissions,
    owner and links; a FIFO or device is written as a stream. ``ValueError`` when ``fmt``
    and the name disagree or ``path`` is a content file (a YAML name, or one of
    ``content``); ``OSError`` (one line: why) when it cannot be written, the old file then
    being as it was.
    """
    if path is None or not isinstance(path, (str, PathLike)):
        raise TypeError(f"path must be the path of the file to write, not {given(path)}")
    if fmt is not None:
        check_text("fmt", fmt, "md")
    target, chosen = handout_file(path, fmt, content)
    if chosen is None:
        raise ValueError(
            f"cannot tell the format from the name '{target.name}'; "
            f"give fmt, one of: {', '.join(FORMATS)}"
        )
    rendered = render_handout(
        pack,
        kind,
        chosen,
        agenda,
        large_print=large_print,
        participants=participants,
        session=session,
    )
    replace_file(target, rendered)
    return target


def format_named_by(path: Path) -> str | None:
    """The handout format the name of ``path`` ends with (``tips.pdf``: pdf), if any."""
    return _SUFFIXES.get(path.suffix.lower())


def handout_footer(
    pack: Pack,
    kind: str,
    agenda: Agenda,
    name: str | None,
    *,
    sections: Sequence[Section] | None = None,
) -> str:
    """What each printed page says at its foot, on one line: the session, sections, date.

    The session's name (else the pack's title), the sections (``sections``, else those of
    the tips or the agenda), and a date only when the handout has one (never a series').
    """
    if sections is not None:
        sections = list(sections)
    elif kind == "tips":
        sections = [s for s in pack.sections if s.tips is not None]
    else:
        sections = []
        for entry in agenda.entries:
            section = section_of(pack, entry.item) if entry.item is not None else None
            if section is not None and section not in sections:
                sections.append(section)
    parts = [name or pack.title]
    if sections:
        numbers = [str(s.number) for s in sections]
        # A no-break space: a narrow footer wraps between its parts, never in "Section 3".
        parts.append(f"Section{'s' if len(numbers) > 1 else ''}\u00a0{listed(numbers)}")
    dates = {agenda.date(n) for n in range(1, agenda.days + 1)}
    if len(dates) == 1 and (when := dates.pop()) is not None:
        # No weekday, as the guide's: the footer stays one line in large print too.
        parts.append(f"{when.day}\u00a0{when:%B}\u00a0{when:%Y}")
    return " \u00b7 ".join(parts)


def _guide(  # noqa: PLR0913 (render_handout's choices for the guide)
    pack: Pack,
    fmt: str,
    agenda: Agenda,
    *,
    large_print: bool,
    participants: int | None,
    session: str | Session | None,
) -> bytes:
    """The facilitator guide: one view, laid out by each format."""
    view = guide_view(pack, agenda, participants=participants, session=session)
    layout = {
        "kind": "guide",
        "large_print": large_print,
        "footer": view.footer,
        "author": view.author,
    }
    if fmt == "docx":
        return guide_document(view, layout)
    template = _environment().get_template(f"guide.{'md' if fmt == 'md' else 'html'}.j2")
    text = template.render(guide=view, title=view.title, layout=layout, mark=TOOL_MARK)
    if fmt == "pdf":
        return _pdf(text)
    return text.encode("utf-8")


@functools.cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("recurrent_care_pack._output", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    environment.filters["md"] = markdown_text
    environment.filters["short"] = _short
    environment.filters["css_string"] = css_string
    return environment


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def markdown_text(value: object) -> str:
    """Text made safe inside Markdown: markup characters escaped, HTML as entities."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def css_string(value: object) -> Markup:
    """Text as a quoted CSS string, safe inside a style element (quotes, backslashes, ``<``)."""
    text = "".join(
        f"\\{ord(c):x} " if c in '"\\<>&' or not c.isprintable() or ord(c) > 126 else c
        for c in str(value)
    )
    return Markup(f'"{text}"')  # noqa: S704 (every character that could end the string is escaped)


def _short(seconds: int) -> str:
    """A duration in seconds as a table shows it: "15 min", "1 hour 35 min"."""
    return short_duration(timedelta(seconds=seconds))


def _pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise MissingExtraError(missing_extra("PDF handouts need", "WeasyPrint", "pdf")) from None
    from .tagging import tagged_pdf  # noqa: PLC0415 (needs pikepdf, in the same extra)

    return tagged_pdf(HTML(string=html))  # PDF/UA-1, its structure tree repaired

"""Rendering: handouts as Markdown, HTML, PDF and Word, from the model through templates.

Markdown and HTML come from Jinja2 templates shipped in ``templates/`` (HTML autoescaped,
Markdown through an escaping filter); PDF is the HTML printed by WeasyPrint as tagged
PDF/UA; Word is built with python-docx from the same data. PDF and Word are optional extras.
Every printed format has 12 pt body text (16 pt with ``large_print``) and a footer naming
the handout, its sections and the page.
"""

import functools
import io
import os
import re
from collections.abc import Iterable
from datetime import timedelta
from os import PathLike
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from recurrent_care_pack._arguments import check_count, check_text, given
from recurrent_care_pack._content.finding import CONTENT_SUFFIXES
from recurrent_care_pack._durations import short_duration
from recurrent_care_pack._files import file_named, replace_file
from recurrent_care_pack._model import Pack, lookup
from recurrent_care_pack._naming import listed
from recurrent_care_pack._session import Session
from recurrent_care_pack._use.planning import Agenda, plan
from recurrent_care_pack._use.queries import section_of

from .handouts import HANDOUTS, handout_data
from .word import MissingExtraError, word_document

__all__ = [
    "FORMATS",
    "HANDOUTS",
    "MissingExtraError",
    "format_named_by",
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
    every handout carries its dates and the ``session`` name; ``participants`` gives the
    guide's copies to print. ``large_print`` sets the body text in 16 pt, headings scaled,
    instead of 12 pt.
    """
    check_text("kind", kind, "tips")
    check_text("fmt", fmt, "md")
    if participants is not None:  # any whole number (numpy's int64), printed as an int
        participants = check_count("participants", participants, "people")
    if kind not in HANDOUTS:
        raise ValueError(f"no handout called '{kind}'; choose one of: {', '.join(HANDOUTS)}")
    if fmt not in FORMATS:
        raise ValueError(f"no format called '{fmt}'; choose one of: {', '.join(FORMATS)}")
    agenda = agenda or plan(pack)
    if isinstance(session, Session):  # a pass-through: the handouts read its title for now
        session = session.title
    data = handout_data(
        pack, kind, agenda, participants=participants, session=session, large_print=large_print
    )
    layout = {
        "kind": kind,
        "large_print": large_print,
        "footer": _footer(pack, kind, agenda, data),
        "author": _author(pack),
    }
    if fmt == "docx":
        return word_document(kind, data, layout)
    html = _environment().get_template(f"{kind}.html.j2").render(data, layout=layout)
    if fmt == "html":
        return html.encode("utf-8")
    if fmt == "pdf":
        return _pdf(html)
    return _environment().get_template(f"{kind}.md.j2").render(data).encode("utf-8")


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
) -> Path:
    """Render a handout into ``path``, in the format its name ends with unless ``fmt`` is given.

    An existing file is replaced only once the new one is whole, keeping its permissions,
    owner and links; a FIFO or device is written as a stream. ``ValueError`` when ``fmt``
    and the name disagree or ``path`` is a content file; ``OSError`` (one line: why) when
    it cannot be written, the old file then being as it was.
    """
    if path is None or not isinstance(path, (str, PathLike)):
        raise TypeError(f"path must be the path of the file to write, not {given(path)}")
    if fmt is not None:
        check_text("fmt", fmt, "md")
    target = file_named(os.fspath(path))  # keeps a final /: "missing/" names a folder
    refuse_content_file(target)  # first: no format makes a content file a handout's
    named = format_named_by(target)
    if fmt is not None and named is not None and fmt != named:
        raise ValueError(f"'{target}' names a {named} file, not {fmt}")
    chosen = fmt or named
    if chosen is None:
        raise ValueError(
            f"cannot tell the format from the name '{target.name}'; "
            f"give fmt, one of: {', '.join(FORMATS)}"
        )
    content = render_handout(
        pack,
        kind,
        chosen,
        agenda,
        large_print=large_print,
        participants=participants,
        session=session,
    )
    replace_file(target, content)
    return target


def format_named_by(path: Path) -> str | None:
    """The handout format the name of ``path`` ends with (``tips.pdf``: pdf), if any."""
    return _SUFFIXES.get(path.suffix.lower())


def refuse_content_file(path: Path, content: Iterable[Path] = ()) -> None:
    """Raise ``ValueError`` if ``path`` is a content file: a YAML file, or one of ``content``.

    Links are followed, so a link or another name for a content file is refused too.
    """
    ends = {path.suffix.lower(), Path(os.path.realpath(path)).suffix.lower()}
    if ends & set(CONTENT_SUFFIXES) or any(_same_file(path, file) for file in content):
        raise ValueError(
            f"cannot write '{path}': it is a content file, and a handout would overwrite it; "
            "name the handout file something like 'handout.md'"
        )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _footer(pack: Pack, kind: str, agenda: Agenda, data: dict[str, Any]) -> str:
    """What each printed page says at its foot: the handout, its sections, the date if given."""
    if kind == "tips":
        sections = [s for s in pack.sections if s.tips is not None]
    else:
        sections = []
        for entry in agenda.entries:
            section = section_of(pack, entry.item) if entry.item is not None else None
            if section is not None and section not in sections:
                sections.append(section)
    parts = [str(data["title"])]
    if sections:
        numbers = [str(s.number) for s in sections]
        # A no-break space: a narrow footer wraps between its parts, never in "Section 3".
        parts.append(f"Section{'s' if len(numbers) > 1 else ''}\u00a0{listed(numbers)}")
    when = data.get("when")
    if isinstance(when, str) and when:
        # A date stays whole too ("Tuesday 12 January 2027"); the footer wraps between dates.
        parts.append("; ".join(d.replace(" ", "\u00a0") for d in when.split("; ")))
    return " \u00b7 ".join(parts)


def _author(pack: Pack) -> str:
    """Who a document's properties name as its author: the pack's publisher."""
    publisher = lookup(pack).organisations.get(pack.publisher)
    return publisher.name if publisher is not None else pack.publisher


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
        raise MissingExtraError(
            "PDF handouts need WeasyPrint: pip install 'recurrent-care-pack[pdf]'"
        ) from None
    stream = io.BytesIO()
    # PDF/UA-1: tagged (headings, lists, tables in the structure tree), the title shown in
    # the viewer's title bar, the language and the title in the metadata.
    HTML(string=html).write_pdf(stream, pdf_variant="pdf/ua-1")
    return stream.getvalue()

"""The bundled pack's handouts, made once a process: a PDF takes a second or more to lay out.

The PDF tests of several files read the same handouts (the tip cards, the whole pack's
sheets, the team day's guide): `handout_pdf` lays out each distinct HTML once, and those
files run on one worker (tests/conftest.py's ``pdf`` group), so once in a run.
"""

from functools import cache

import recurrent_care_pack as rcp
from recurrent_care_pack._session import Session

_printed: dict[str, bytes] = {}


@cache
def bundled_pack() -> rcp.Pack:
    """The bundled pack, loaded once."""
    return rcp.load_pack()


def handout_pdf(
    pack: rcp.Pack,
    kind: str,
    agenda: rcp.Agenda | None = None,
    *,
    large_print: bool = False,
    participants: int | None = None,
    session: str | Session | None = None,
) -> bytes:
    """``rcp.render_handout(pack, kind, "pdf", agenda, ...)``, made once a process per HTML.

    A PDF is its HTML laid out: the same HTML, the same pages, whoever asks for them.
    """

    def made(fmt: str) -> bytes:
        return rcp.render_handout(
            pack,
            kind,
            fmt,
            agenda,
            large_print=large_print,
            participants=participants,
            session=session,
        )

    html = made("html").decode("utf-8")
    if html not in _printed:
        _printed[html] = made("pdf")
    return _printed[html]


def printed(html: str) -> bytes:
    """The PDF `handout_pdf` keeps for ``html``, laid out now if it has none."""
    if html not in _printed:
        from weasyprint import HTML  # noqa: PLC0415 (the pdf extra)

        from recurrent_care_pack._output.tagging import tagged_pdf  # noqa: PLC0415

        _printed[html] = tagged_pdf(HTML(string=html))
    return _printed[html]


def tip_cards_pdf(*, large_print: bool = False) -> bytes:
    """The bundled pack's tip cards as a PDF, in clear or large print."""
    return handout_pdf(bundled_pack(), "tips", large_print=large_print)

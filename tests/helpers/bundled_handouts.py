"""The bundled pack's handouts, made once a process: a PDF takes a second or more to lay out.

Tip cards follow no plan, so the tests of their pages (cards_cutting, sheets_and_cards)
read the same two PDFs; each is rendered by the one public call a facilitator's tool makes.
"""

from functools import cache

import recurrent_care_pack as rcp


@cache
def bundled_pack() -> rcp.Pack:
    """The bundled pack, loaded once."""
    return rcp.load_pack()


@cache
def tip_cards_pdf(*, large_print: bool = False) -> bytes:
    """The bundled pack's tip cards as a PDF, in clear or large print."""
    return rcp.render_handout(bundled_pack(), "tips", "pdf", large_print=large_print)

"""A PDF's pages as the tests read them: each page's text and its pieces, extracted once.

pypdf takes about a tenth of a second to extract one page's text, and the page tests ask
about the same pages many times over: each PDF is read here once per test process.
"""

import io
from functools import cache

import attrs
import pypdf


@attrs.frozen
class Run:
    """A piece of text as the page draws it: where it starts, its size (all in points).

    x runs from the page's left edge, y up from its foot.
    """

    text: str
    x: float
    y: float
    size: float


@attrs.frozen
class Page:
    """One printed page: its text as pypdf extracts it, its pieces, its size in points."""

    text: str
    runs: tuple[Run, ...]
    width: float
    height: float

    @property
    def words(self) -> str:
        """The text with every run of white space as one space."""
        return " ".join(self.text.split())

    @property
    def lines(self) -> list[str]:
        """The text's lines; the last is the page's footer."""
        return self.text.splitlines()

    @property
    def landscape(self) -> bool:
        """Wider than it is tall."""
        return self.width > self.height


def _page(page: pypdf.PageObject) -> Page:
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():  # where the text matrix puts it, through the current matrix
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(Run(text, x, y, round(size * tm[3] * cm[3], 1)))

    text = page.extract_text(visitor_text=visit)
    return Page(text, tuple(runs), float(page.mediabox.width), float(page.mediabox.height))


@cache
def read_pages(pdf: bytes) -> tuple[Page, ...]:
    """Every page of a PDF, read once."""
    return tuple(_page(page) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)

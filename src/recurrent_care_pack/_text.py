"""Text from users, files and content, shown on one line whatever it holds."""

import difflib
import re
from collections.abc import Container, Sequence

__all__ = [
    "LINE_BREAK",
    "MOST_CHOICES",
    "closest",
    "either",
    "escape",
    "line_break",
    "shown",
]

#: The most candidates "did you mean" names, when that many are as close as each other.
MOST_CHOICES = 3

#: A line break as YAML and editors count them: CRLF, CR or LF (not NEL, LS or PS).
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_break(text: str) -> str:
    """The line break ``text`` is written with, as its first one is (LF if it has none)."""
    first = LINE_BREAK.search(text)
    return first.group() if first is not None else "\n"


#: What a message never prints as it is: control characters (a terminal would obey them:
#: clear the screen, retitle the window), line and paragraph separators, halves of UTF-16
#: pairs.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def escape(found: re.Match[str]) -> str:
    r"""The escape of one matched character: ``\n``, ``\x1b``, ``\u2028``.

    A byte a name held that is not UTF-8 (read as ``\udcff``) is shown as that byte: ``\xff``.
    """
    character = found.group()
    if "\udc80" <= character <= "\udcff":
        return f"\\x{ord(character) - 0xDC00:02x}"
    return ascii(character)[1:-1]


def shown(text: str) -> str:
    """``text`` with every control character written as an escape, so it prints as one line."""
    return _UNSHOWABLE.sub(escape, text)


def closest(target: str, known: Sequence[str], taken: Container[object] = ()) -> list[str]:
    """What ``target`` most likely meant among ``known``: the closest, and all as close.

    None when none is close, or when more than `MOST_CHOICES` are as close (``film-5``
    among ``film-1`` to ``film-9``): that would be a guess, not a suggestion. Nor one that
    is ``taken`` (written beside it already: changing to it would write it twice).
    """
    close = difflib.get_close_matches(target, known, n=MOST_CHOICES + 1, cutoff=0.6)
    ratios = {each: difflib.SequenceMatcher(None, target, each).ratio() for each in close}
    best = [each for each in close if ratios[each] == ratios[close[0]]]
    return sorted(b for b in best if b not in taken) if len(best) <= MOST_CHOICES else []


def either(words: Sequence[str]) -> str:
    """'a'; 'a' or 'b'; 'a', 'b' or 'c'."""
    quoted = [f"'{each}'" for each in words]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)

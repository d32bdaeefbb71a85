"""Text from users, files and content, shown on one line whatever it holds."""

import re

__all__ = ["LINE_BREAK", "escape", "shown"]

#: A line break as YAML and editors count them: CRLF, CR or LF (not NEL, LS or PS).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

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

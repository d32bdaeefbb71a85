"""Code actions: the fixes a problem's own message names, as edits the editor can apply.

Each fix is read from the problem's message, so a fix is offered exactly where the message
gives one: "did you mean 'title'?", "allow at least 24 minutes", "put it in quotes ('no')",
"this exercise has no 'title'; add it".
"""

from __future__ import annotations

import re

from attrs import frozen
from lsprotocol import types

from .locating import char_column

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Fix", "code_actions", "fixes"]


@frozen
class Fix:
    """One fix: what the editor shows, and the text to put in place of the marked range.

    ``insert`` puts the text before the marked range instead (a key added to a mapping).
    """

    title: str
    text: str
    insert: bool = False


#: Each message pattern that names a fix, and the fix it names. A plain 'no' is offered its
#: quotes, never "or write false": where text belongs false is wrong, and where true or false
#: belongs RC203 says which to write (a fix of its own).
_FIXES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"did you mean '(?P<text>[^']+)'\?"), "Change to '{text}'", "{text}"),
    (re.compile(r"allow at least (?P<text>[^;]+?)$"), "Allow at least {text}", "{text}"),
    (
        re.compile(r"make (?P<text>[0-9][^;]*?); make them agree$"),
        "Allow {text} on a different day",
        "{text}",
    ),
    (
        re.compile(r"add up to (?P<text>[^,]+), but its time is .*; make them agree$"),
        "Make its time {text}",
        "{text}",
    ),
    (
        re.compile(r"put it in quotes \((?P<text>'[^)]*')\) to keep the word"),
        "Put it in quotes: {text}",
        "{text}",
    ),
    (re.compile(r"; write (?P<text>true|false)$"), "Write {text}", "{text}"),
    (re.compile(r"write (?P<text>-?[0-9]+) without the leading zero"), "Write {text}", "{text}"),
    # A duration's slip ('23 Minutes'), a key glued to its value ('kind:film'): written mended.
    (re.compile(r": write '(?P<text>[^']+)'$"), "Write '{text}'", "{text}"),
)
_MISSING = re.compile(r"has no '(?P<key>[A-Za-z_]+)'; add it")


def fixes(message: str) -> Iterator[Fix]:
    """The fixes ``message`` names, if any."""
    for pattern, title, text in _FIXES:
        found = pattern.search(message)
        if found is not None:
            yield Fix(title.format(text=found["text"]), text.format(text=found["text"]))
    missing = _MISSING.search(message)
    if missing is not None:
        yield Fix(f"Add '{missing['key']}'", f"{missing['key']}: ", insert=True)


def code_actions(
    uri: str, diagnostics: list[types.Diagnostic], lines: list[str]
) -> list[types.CodeAction]:
    """A quick fix for each fix the diagnostics' messages name."""
    actions = []
    for diagnostic in diagnostics:
        start = diagnostic.range.start
        line = lines[start.line] if start.line < len(lines) else ""
        at = char_column(line, start.character) - 1  # the range counts UTF-16 units
        if diagnostic.source != "rcpack" or line[at : at + 1] in "{[":
            continue  # another tool's, or a flow mapping: no edit here is safe
        for fix in fixes(diagnostic.message):
            actions.append(  # noqa: PERF401 (one action per fix, in order)
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: [_edit(fix, diagnostic)]}),
                )
            )
    return actions


def _edit(fix: Fix, diagnostic: types.Diagnostic) -> types.TextEdit:
    if not fix.insert:
        return types.TextEdit(range=diagnostic.range, new_text=fix.text)
    # The key goes where the mapping's first key is, which moves down a line, as indented.
    start = diagnostic.range.start
    here = types.Range(start=start, end=start)
    return types.TextEdit(range=here, new_text=f"{fix.text}\n{' ' * start.character}")

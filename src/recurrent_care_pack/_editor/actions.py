"""Code actions: the fix a problem carries (`Problem.fix`), as edits the editor can apply.

A problem's fix travels on its diagnostic's ``data`` (`fix_data`), which the editor sends
back with a code-action request: a fix is offered exactly where a message names one ("did
you mean 'title'?", "allow at least 24 minutes", "put it in quotes ('no')", "this exercise
has no 'title'; add it"), and no message is read to find it.
"""

from __future__ import annotations

from attrs import frozen
from lsprotocol import types

from recurrent_care_pack._content.marks import Mark
from recurrent_care_pack._content.reading import where_marked_ends
from recurrent_care_pack._problems import mendable

from .documents import char_column, units

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from recurrent_care_pack._problems import Fix as ProblemFix

__all__ = ["Fix", "code_actions", "fix_data", "fixes"]


@frozen
class Fix:
    """One fix: what the editor shows, and the text to put in place of the marked range.

    ``insert`` puts the text before the marked range instead (a key added to a mapping), or
    before ``at`` (line and column from 1, in characters), the mapping's first key, if given.
    """

    title: str
    text: str
    insert: bool = False
    at: tuple[int, int] | None = None


def fix_data(fix: ProblemFix | None) -> dict[str, object] | None:
    """A problem's fix as a diagnostic's ``data`` carries it (plain JSON); `fixes` reads it."""
    if fix is None:
        return None
    at = list(fix.at) if fix.at is not None else None
    return {"action": fix.action, "replacements": list(fix.replacements), "key": fix.key, "at": at}


def fixes(data: object) -> Iterator[Fix]:
    """The fixes a diagnostic's ``data`` carries (`fix_data` under ``"fix"``), if any.

    Data the editor sends back is not trusted: anything not shaped so carries none.
    """
    found = data.get("fix") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return
    action, texts, key = found.get("action"), found.get("replacements"), found.get("key")
    if not isinstance(action, str) or not isinstance(texts, list):
        return
    if isinstance(key, str):
        at = found.get("at")
        place = at if isinstance(at, list) and [type(n) for n in at] == [int, int] else None
        yield Fix(action.format(key), f"{key}: ", insert=True, at=_pair(place))
        return
    for text in texts:
        if isinstance(text, str):
            yield Fix(action.format(text), text)


def _pair(place: list[int] | None) -> tuple[int, int] | None:
    return (place[0], place[1]) if place is not None and min(place) > 0 else None


def code_actions(  # noqa: PLR0913 (the document as the editor has it, and how it edits)
    uri: str,
    diagnostics: list[types.Diagnostic],
    lines: list[str],
    *,
    snippets: bool = False,
    ends: Callable[[], Mapping[Mark, Mark | None]] | None = None,
    newline: str = "\n",
) -> list[types.CodeAction]:
    """A quick fix for each fix the diagnostics carry.

    A replacement takes the place of the key or value that starts where its diagnostic does,
    as YAML reads the text now (``ends``, asked for once a fix needs it: `value_ends`), not
    of the range the diagnostic shows, which its line alone gives. With ``snippets`` (the
    editor takes snippet edits), a key added leaves the cursor where its value goes;
    without, it is added with no value, which its problem then asks for; its line ends with
    ``newline``, the document's line break.
    """
    actions = []
    for diagnostic in diagnostics:
        if diagnostic.source != "rcpack":
            continue  # another tool's
        for fix in fixes(diagnostic.data):
            start = diagnostic.range.start
            if fix.at is not None:  # the mapping's first key, below the key it is told at
                if ends is None or Mark(*fix.at) not in ends():
                    continue  # not a key of the text now (edited since): no safe place
                line = lines[fix.at[0] - 1]
                start = types.Position(line=fix.at[0] - 1, character=units(line[: fix.at[1] - 1]))
            line = lines[start.line] if start.line < len(lines) else ""
            at = char_column(line, start.character) - 1  # the range counts UTF-16 units
            end = None if fix.insert else _end(lines, Mark(start.line + 1, at + 1), ends)
            if not mendable(line, at + 1) or (end is None and not fix.insert):
                continue  # a flow mapping, or a value no edit keeps whole
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=(
                        _added(uri, fix, start, snippets=snippets, newline=newline)
                        if end is None
                        else _replaced(uri, fix, start, end=end)
                    ),
                )
            )
    return actions


def _replaced(
    uri: str, fix: Fix, start: types.Position, *, end: types.Position
) -> types.WorkspaceEdit:
    """The text from ``start`` to ``end`` replaced by the fix's."""
    edit = types.TextEdit(range=types.Range(start=start, end=end), new_text=fix.text)
    return types.WorkspaceEdit(changes={uri: [edit]})


def _end(
    lines: list[str], mark: Mark, ends: Callable[[], Mapping[Mark, Mark | None]] | None
) -> types.Position | None:
    """Where the key or value at ``mark`` ends, in the editor's units; None: no edit is safe."""
    end = where_marked_ends(ends() if ends else {}, lines, mark)
    if end is None:
        return None
    line = lines[end.line - 1] if end.line <= len(lines) else ""
    return types.Position(line=end.line - 1, character=units(line[: end.column - 1]))


def _added(
    uri: str, fix: Fix, start: types.Position, *, snippets: bool, newline: str
) -> types.WorkspaceEdit:
    """A key added where the mapping's first key is, which moves down a line, as indented.

    With ``snippets``, "title: $1": the cursor is left after the key (keys are plain words:
    nothing to escape).
    """
    here = types.Range(start=start, end=start)
    text = f"{fix.text}{'$1' if snippets else ''}{newline}{' ' * start.character}"
    if not snippets:
        return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=here, new_text=text)]})
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                edits=[types.SnippetTextEdit(range=here, snippet=types.StringValue(text))],
            )
        ]
    )

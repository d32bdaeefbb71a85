"""Formatting: content files in one canonical layout, every comment and value kept.

Keys in the order the schema lists them, two-space indentation, block style (a list of
words inside a list stays ``[flipchart paper, marker pens]``), quotes only where a value
needs them, durations spelt the canonical way ("22 minutes 31 seconds"). Folded text keeps
its lines. A comment stays with what it annotates: the entry or item below it, or the line
it ends. The layout is written by this module, not by a YAML emitter, and is then read back
and compared: the same values, the same comments in the same places, and formatting again
changes nothing. A file that fails any of these is refused with the place, never written.
"""

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import define, field, frozen
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
)

from recurrent_care_pack._files import FileChangedError, replace_file
from recurrent_care_pack._problems import Problem

from .crosscheck import (
    CrossReadError,
    branch,
    canonical_duration,
    differences,
    text_in_yaml_1_1,
)
from .diffing import unified_diff
from .reading import MAX_FILE_SIZE, needs_quotes_for_yaml_1_1, read_file, read_text
from .reading import _resolve as resolve_scalar
from .schema import resolve, schema

__all__ = ["Formatted", "LayoutError", "format_file", "format_text", "written_text"]

#: The style of a scalar written out as the source wrote it.
_AS_WRITTEN = "as written"
#: The style of a text that YAML 1.1 tools would read as something else plain (a date such
#: as 2019-05-22 where no date is wanted, 1:20, 1_000): it is written in quotes.
_TEXT_TO_ALL = "text to all"

#: Reading problems that leave a file unfit to be rewritten (RC108, a BOM, is dropped, and
#: RC111, a word YAML 1.1 misreads, is put in quotes: formatting mends both).
_REFUSED = frozenset(
    {"RC101", "RC102", "RC103", "RC104", "RC105", "RC106", "RC107", "RC109", "RC110"}
    | {"RC112", "RC113"}
)

#: Characters written as they are inside plain or single-quoted text; the rest are escaped.
_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = frozenset(",[]{}#:?")  # libyaml ends a plain "a?" before "]"
_ESCAPES = {
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
_BLOCK_HEADER = re.compile(r"([|>])([-+]?)([1-9]?)([-+]?)[ \t]*(#.*)?")


@frozen(kw_only=True)
class Formatted:
    """One file's formatting: its text before and after, or why it was not formatted.

    ``raw`` is the file's bytes as they were read and formatted: a write must find them
    still there.
    """

    file: Path
    before: str | None
    after: str | None
    problems: tuple[Problem, ...] = ()
    raw: bytes | None = None

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.after is not None and self.after != self.before

    def diff(self, name: str | None = None) -> str:
        """The change as a unified diff, the file called ``name`` (default: its path)."""
        name = str(self.file) if name is None else name
        return unified_diff(
            self.before or "", self.after or "", f"{name} (now)", f"{name} (formatted)"
        )


class LayoutError(ValueError):
    """The canonical layout of a file could not be made safely; ``line`` says where."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.line = line
        self.column = column
        self.message = message

    def __reduce__(self) -> tuple[type["LayoutError"], tuple[int, int, str]]:
        """Pickle as the line, column and message it was made from."""
        return type(self), (self.line, self.column, self.message)


def format_file(file: Path, max_size: int = MAX_FILE_SIZE) -> Formatted:
    """Format one file in memory; it is refused (with its problems) unless it reads cleanly.

    The file is read once: the bytes checked are the bytes formatted.
    """
    with file.open("rb") as stream:
        raw = stream.read(max_size + 1)
    document, problems = read_file(file, max_size) if len(raw) > max_size else read_text(file, raw)
    if document is None or any(p.code in _REFUSED for p in problems):
        return Formatted(file=file, before=None, after=None, problems=tuple(problems))
    before = raw.decode("utf-8")
    try:
        after = format_text(before.removeprefix("\ufeff"))
    except LayoutError as error:
        problem = Problem(
            file=file,
            line=error.line,
            column=error.column,
            code="RC120",
            message=error.message,
            path="$",
        )
        return Formatted(file=file, before=None, after=None, problems=(problem,))
    return Formatted(file=file, before=before, after=after, raw=raw)


def write_formatted(file: Path, formatted: Formatted) -> bool:
    """Write the formatted text, unless the file no longer holds the text that was formatted.

    Whether it was written; `WriteError` (one line) when it cannot be.
    """
    if formatted.after is None:
        return False
    try:
        now = file.read_bytes()
    except FileNotFoundError:
        return False  # gone meanwhile: changed, as far as fmt can tell
    if now != formatted.raw:
        return False
    try:
        replace_file(file, formatted.after.encode("utf-8"), expected=now)
    except FileChangedError:
        return False
    return True


def format_text(text: str) -> str:
    """The canonical layout of one content file's text, read back and checked.

    Raises `LayoutError` where the layout cannot be made without changing a value or
    moving a comment, and `ValueError` for text that is not readable YAML.
    """
    first = re.search("\r\n|\r|\n", text)
    newline = first.group() if first is not None else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # YAML reads all three alike
    source = _arrange(_parse(text))
    after = _emit(source)
    again = _arrange(_parse(after))
    _compare(source, again)
    if _emit(again) != after:
        raise LayoutError(1, 1, _refusal("formatting it twice would not give the same text"))
    _cross_check(text, after)
    return after.replace("\n", newline) if newline != "\n" else after


def _cross_check(before: str, after: str) -> None:
    """Refuse unless another YAML parser (libyaml) reads the same values before and after."""
    try:
        where = differences(before, after)
    except CrossReadError as error:
        raise LayoutError(
            error.line, error.column, _refusal("another YAML reader (libyaml) cannot read this")
        ) from error
    if where is not None:
        line, column = where
        raise LayoutError(
            line, column, _refusal("another YAML reader (libyaml) reads a value here differently")
        )


def _refusal(why: str) -> str:
    return (
        f"rcpack fmt cannot lay this out safely: {why}; leave this part as it is, or write it "
        "more simply (block style, one comment per line), and report it if it looks right"
    )


# The tree: what the parser read, with the comments and blank lines where they belong.


@define
class _Scalar:
    value: Any
    written: str  # as the source wrote it (kept for numbers and null)
    style: str  # '' plain, "'", '"', '|' or '>'
    line: int
    column: int
    header: str = ""  # a block scalar's indicators, e.g. '>-'
    #: A key's kind: what YAML 1.2 reads it as (``1:`` a number), and whether YAML 1.1
    #: tools read it as text (not so for ``yes:`` or ``2019-01-01:``).
    kind: tuple[type, bool] = (str, True)
    lines: list[str] | None = None  # a folded block scalar's lines, indent removed


@define
class _Entry:
    key: _Scalar
    value: "_Node | None" = None
    before: list[str] = field(factory=list)  # comment lines, '' for a blank line
    eol: str = ""


@define
class _Item:
    value: "_Node | None" = None
    before: list[str] = field(factory=list)
    eol: str = ""


@define
class _Map:
    entries: list[_Entry]
    flow: bool
    line: int
    column: int
    tail: list[str] = field(factory=list)  # comments after the last entry, indented with it
    #: The end-of-line comment after a flow collection's closing ']' or '}' on a line of
    #: its own: it ends the collection laid out in block style.
    closing: _Item = field(factory=_Item)


@define
class _Seq:
    items: list[_Item]
    flow: bool
    line: int
    column: int
    tail: list[str] = field(factory=list)
    flow_out: bool = False  # written [a, b] in the canonical layout
    #: The end-of-line comment after a flow collection's closing ']' or '}' on a line of
    #: its own: it ends the collection laid out in block style.
    closing: _Item = field(factory=_Item)


_Node = _Scalar | _Map | _Seq


@define
class _Source:
    root: _Node | None = None
    header: list[str] = field(factory=list)
    trailing: list[str] = field(factory=list)
    after_end: list[str] = field(factory=list)
    start: str = ""  # '---' (or '%YAML 1.2\n---') when the source wrote it
    above_start: list[str] = field(factory=list)  # comments above the '---'
    end: bool = False  # the source ended its document with '...'


@define
class _Note:
    index: int
    line: int
    column: int
    text: str  # '' for a blank line
    eol: bool


def _parse(text: str) -> _Source:
    try:
        return _Builder(text, YAML(typ="safe").parse(text)).build()
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        written = text.split("\n")[line - 1] if mark is not None else ""
        column = len(written) - len(written.lstrip()) + 1  # where the line's content starts
        raise LayoutError(line, column, _refusal("the result would not read as YAML")) from error
    except YAMLError as error:
        raise LayoutError(1, 1, _refusal("the result would not read as YAML")) from error


class _Builder:
    def __init__(self, text: str, events: Iterable[Event]) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.offsets = list(
            itertools.accumulate((len(line) + 1 for line in self.lines), initial=0)
        )
        self.events = events
        self.source = _Source()
        self.pending: list[_Note] = []
        self.stack: list[tuple[_Map | _Seq, _Entry | _Item | None]] = []
        self.last_line = -1  # where the last thing that can carry a comment ended
        self.last_owner: _Entry | _Item | None = None
        self.in_document = False

    def build(self) -> _Source:
        """One pass over the events; the comments and blank lines between them put in place."""
        done = 0  # the text before this is read: scalars, and the notes between them
        for event in self.events:
            start = event.start_mark.index
            self._misread(event)
            if start > done:
                self._notes(done, start)
                done = start
            if isinstance(event, ScalarEvent):
                notes: list[_Note] = []
                end = event.end_mark.index
                if event.style in {"|", ">"}:
                    end = self._block(event, notes)  # its header's comment, if any
                self._scalar(event, end)
                for note in notes:
                    self._note(note)
                done = max(done, end)
            else:
                self._event(event)
        self._notes(done, len(self.text))
        self._close()
        return self.source

    def _misread(self, event: Event) -> None:
        """Refuse what ruamel.yaml and libyaml both read otherwise than YAML 1.2 says.

        In a flow collection they take a ``?`` as the key indicator even with no space
        after it (``{ ?foo: bar }`` holds the key ``?foo``); and a block text that ends
        the file on a line of only spaces, with no line break, loses that line's break.
        A second reading by libyaml cannot see these, so they are looked for here.
        """
        start = event.start_mark
        in_flow = any(collection.flow for collection, _ in self.stack)
        if in_flow and start.index and self.text[start.index - 1] == "?":
            raise LayoutError(
                start.line + 1,
                start.column,
                _refusal("YAML tools disagree about a '?' with no space after it"),
            )
        if isinstance(event, ScalarEvent) and event.style in {"|", ">"}:
            last = self.text[self.text.rfind("\n") + 1 :]
            if (
                last
                and not last.strip(" \t")
                and event.end_mark.index >= len(self.text) - len(last)
            ):
                raise LayoutError(
                    start.line + 1,
                    start.column + 1,
                    _refusal(
                        "YAML tools disagree about block text that ends the file on a line of "
                        "only spaces (end the file with a line break)"
                    ),
                )

    # Comments and blank lines, found between the scalars.

    def _notes(self, start: int, end: int) -> None:
        notes: list[_Note] = []
        self._gap(start, end, notes)
        for note in notes:
            self._note(note)

    def _gap(self, start: int, end: int, notes: list[_Note]) -> None:
        text = self.text
        here = start
        while here < end:
            newline = text.find("\n", here, end)
            stop = end if newline < 0 else newline
            piece = text[here:stop]
            line = bisect.bisect_right(self.offsets, here) - 1
            line_start = self.offsets[line]
            hash_at = _comment_start(text, here, stop)
            if hash_at >= 0:
                before = text[line_start:hash_at]
                comment = _spaced(text[hash_at:stop].rstrip())
                column = hash_at - line_start
                notes.append(_Note(hash_at, line, column, comment, eol=bool(before.strip())))
            elif newline >= 0 and here == line_start and not piece.strip():
                notes.append(_Note(here, line, 0, "", eol=False))
            if newline < 0:
                break
            here = newline + 1

    def _block(self, event: ScalarEvent, notes: list[_Note]) -> int:
        """Note a block scalar's header comment; the index where its content really ends."""
        start = event.start_mark
        header_line = self.lines[start.line]
        header = _BLOCK_HEADER.fullmatch(header_line[start.column :].rstrip())
        end_line = event.end_mark.line - (1 if event.end_mark.column == 0 else 0)
        keep = header is not None and "+" in (header.group(2) + header.group(4))
        if not keep:
            while end_line > start.line and not self.lines[end_line].strip():
                end_line -= 1
        if header is not None and header.group(5):
            index = event.start_mark.index + header_line[start.column :].index("#")
            column = index - event.start_mark.index + start.column
            comment = _spaced(header.group(5).rstrip())
            notes.append(_Note(index, start.line, column, comment, eol=True))
        end: int = self.offsets[end_line + 1] - 1
        return end

    # The events, with the notes put where they belong.

    def _note(self, note: _Note) -> None:
        if note.eol and note.line == self.last_line and self.last_owner is not None:
            owner = self.last_owner
            if owner.eol:  # a second one ('? key # k' then ': value # v'): above the entry
                owner.before.append(note.text)
            else:
                owner.eol = note.text
        elif not self.in_document and self.source.root is not None:
            self.source.after_end.append(note.text)
        else:
            self.pending.append(note)

    def _event(self, event: Event) -> None:
        if isinstance(event, DocumentStartEvent):
            self.in_document = True
            if event.explicit:
                version = "%YAML 1.2\n" if event.version is not None else ""
                self.source.start = f"{version}---"
                self.source.above_start = self._take()
        elif isinstance(event, DocumentEndEvent):
            self.source.trailing = self._take()
            self.source.end = bool(event.explicit)
            self.in_document = False
        elif isinstance(event, CollectionStartEvent):
            mark = event.start_mark
            node: _Map | _Seq = (
                _Map([], bool(event.flow_style), mark.line + 1, mark.column + 1)
                if isinstance(event, MappingStartEvent)
                else _Seq([], bool(event.flow_style), mark.line + 1, mark.column + 1)
            )
            owner = self._place(node)
            self.stack.append((node, owner))
            if node.flow:
                self._carry(event.end_mark.line, owner)
        elif isinstance(event, CollectionEndEvent):
            node, owner = self.stack.pop()
            line = event.end_mark.line
            if node.flow and line == node.line - 1:  # on one line: its comment is that line's
                self._carry(line, owner)
            elif node.flow and line != self.last_line:  # ']' on a line of its own
                self._carry(line, node.closing)
            elif self.stack:
                self._tail(node, self.stack[-1][0].column - 1)

    def _scalar(self, event: ScalarEvent, end: int) -> None:
        """Place a scalar; ``end`` is where its text ends (a block scalar's last line)."""
        mark = event.start_mark
        style = event.style or ""
        scalar = _Scalar(
            value=resolve_scalar(event),
            written=event.value,
            style=style,
            line=mark.line + 1,
            column=mark.column + 1,
        )
        if style in {"|", ">"}:
            self._block_lines(event, scalar, end)
        owner = self._place(scalar)
        end_line = mark.line if style in {"|", ">"} else event.end_mark.line
        self._carry(end_line, owner)

    def _block_lines(self, event: ScalarEvent, scalar: _Scalar, end: int) -> None:
        start = event.start_mark
        header = _BLOCK_HEADER.fullmatch(self.lines[start.line][start.column :].rstrip())
        if header is None or header.group(3):
            return  # an indentation indicator: written again from the value
        chomp = header.group(2) or header.group(4)
        scalar.header = header.group(1) + chomp
        last = bisect.bisect_right(self.offsets, end) - 1
        lines = self.lines[start.line + 1 : last + 1]
        indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
        indent = min(indents) if indents else 0
        scalar.lines = [line[indent:] if len(line) > indent else "" for line in lines]

    def _tail(self, node: _Map | _Seq, outer: int) -> None:
        """Comment lines after a block collection, indented as its children are, end it."""
        count = 0
        for note in self.pending:
            if not note.text or note.column < node.column - 1 or note.column <= outer:
                break
            count += 1
        node.tail = [note.text for note in self.pending[:count]]
        del self.pending[:count]

    def _take(self) -> list[str]:
        texts = [note.text for note in self.pending]
        self.pending = []
        return texts

    def _carry(self, line: int, owner: _Entry | _Item | None) -> None:
        self.last_line = line
        self.last_owner = owner

    def _place(self, node: _Node) -> _Entry | _Item | None:
        """Put ``node`` in its parent; the entry or item it belongs to."""
        if not self.stack:
            self.source.root = node
            self._split_header()
            return None
        parent, _ = self.stack[-1]
        block = isinstance(node, (_Map, _Seq)) and not node.flow
        if isinstance(parent, _Seq):
            item = _Item(node, before=self._take())
            parent.items.append(item)
            return item
        if parent.entries and parent.entries[-1].value is None:
            entry = parent.entries[-1]
            entry.value = node
            if not block:  # between a key and its value: above the key
                entry.before.extend(self._take())
            return entry
        if not isinstance(node, _Scalar):
            raise LayoutError(node.line, node.column, _refusal("a key is not a plain name"))
        node.kind = (type(node.value), bool(node.style) or text_in_yaml_1_1(node.written))
        node.value = node.written  # a key is a name, as written: '01' and '1' stay apart
        entry = _Entry(node, before=self._take())
        parent.entries.append(entry)
        return entry

    def _split_header(self) -> None:
        """Lines above the first entry: the file's own up to a blank line or a modeline."""
        cut = 0
        for index, note in enumerate(self.pending):
            if not note.text or note.text.startswith("# yaml-language-server:"):
                cut = index + 1
        self.source.header = [note.text for note in self.pending[:cut]]
        del self.pending[:cut]

    def _close(self) -> None:
        self.source.trailing.extend(self._take())


def _spaced(comment: str) -> str:
    """A comment with a space after its ``#`` signs, as yamllint asks: ``#note`` is ``# note``."""
    words = comment.lstrip("#")
    if not words or words.startswith(" "):
        return comment
    return f"{comment[: len(comment) - len(words)]} {words}"


def _comment_start(text: str, start: int, stop: int) -> int:
    """Where a comment starts between ``start`` and ``stop`` (outside any scalar), or -1."""
    at = text.find("#", start, stop)
    while at >= 0:
        if at == 0 or text[at - 1] in " \t\n":
            return at
        at = text.find("#", at + 1, stop)
    return -1


# The canonical order and spelling.


def _arrange(source: _Source) -> _Source:
    """The source in canonical order and spelling; comments ending it end the file."""
    _canonical(source.root, schema())
    if isinstance(source.root, (_Map, _Seq)) and source.root.tail:
        source.trailing[:0] = source.root.tail
        source.root.tail = []
    return source


def _canonical(
    node: _Node | None, subschema: dict[str, Any] | None, in_list: bool = False
) -> bool:
    """Put ``node`` in canonical order and spelling; whether it holds a key the schema lacks.

    A key the schema does not know (a misspelling) keeps the line validate named: the
    mappings it is in, at any depth, keep their order as written.
    """
    here = resolve(subschema)
    unknown = False
    if isinstance(node, _Map):
        here = branch(here, {entry.key.value for entry in node.entries})
        properties: dict[str, Any] = here.get("properties", {})
        rank = {key: number for number, key in enumerate(properties)}
        for entry in node.entries:
            unknown |= entry.key.value not in rank
            unknown |= _canonical(entry.value, properties.get(entry.key.value))
        if not unknown:
            node.entries.sort(key=lambda entry: rank[entry.key.value])
    elif isinstance(node, _Seq):
        for item in node.items:
            unknown |= _canonical(item.value, here.get("items"), in_list=True)
        _lift(node)
        node.flow_out = (
            in_list
            and bool(node.items)
            and all(
                isinstance(item.value, _Scalar)
                and item.value.style not in {"|", ">"}
                and not item.before
                and not item.eol
                for item in node.items
            )
            # A comment ending it stays below its last line, unless that is the dash's line.
            and (not node.tail or len(node.items) == 1)
        )
    if isinstance(node, (_Map, _Seq)):
        if not _flow_out(node):  # laid out in block style: the closing comment ends it
            node.tail.extend(text for text in (*node.closing.before, node.closing.eol) if text)
            node.closing = _Item()
        _sink(node)
    elif isinstance(node, _Scalar) and isinstance(node.value, str):
        _settle(node, here)
    return unknown


def _settle(node: _Scalar, here: dict[str, Any]) -> None:
    """How the text ``node`` is written where the schema wants ``here``."""
    if (
        here.get("type") == "boolean"
        and node.style == ""
        and needs_quotes_for_yaml_1_1(node.value)
    ):
        # 'optional: yes' is a slip for true: quoted, it would look settled, yet still be
        # wrong. It stays as written, for validate to say "write true".
        node.style = _AS_WRITTEN
    elif (
        here is schema()["$defs"]["duration"]
        and (canonical := canonical_duration(node.value)) is not None
    ):
        node.value = canonical
        node.style, node.lines = "", None
    elif (
        node.style not in {"|", ">", _AS_WRITTEN}
        and here is not schema()["$defs"]["date"]  # there a YAML 1.1 date is what is meant
        and not text_in_yaml_1_1(node.value)
    ):
        node.style = _TEXT_TO_ALL


def _close_on(item: _Item, node: _Seq) -> None:
    """The comment after ``node``'s closing ']' ends ``item``'s line, where ']' now is."""
    for text in (*node.closing.before, node.closing.eol):
        if text and item.eol:
            item.before.append(text)
        elif text:
            item.eol = text
    node.closing = _Item()


def _lift(node: _Seq) -> None:
    """Comments after a list written ``[a, b]`` stand above what follows it.

    The comment after its closing ']' stays on its line.
    """
    for number, item in enumerate(node.items, start=1):
        if isinstance(item.value, _Seq) and item.value.flow_out:
            _close_on(item, item.value)  # '[a, b]' on the item's line: its comment too
        if isinstance(item.value, _Seq) and item.value.flow_out and item.value.tail:
            after = node.items[number].before if number < len(node.items) else node.tail
            after[:0] = item.value.tail
            item.value.tail = []


def _sink(node: _Map | _Seq) -> None:
    """Comments ending ``node`` and the blocks that end with it, indented like the last line.

    yamllint's comments-indentation wants a comment indented like the line above it or the
    line below. So comments ending a nested block go under the block's last line, at its
    depth; after ``- id: a`` that is the depth of the dash.
    """
    if _empty(node):
        return
    chain = [node]
    while True:
        last = _children(chain[-1])[-1].value
        if not isinstance(last, (_Map, _Seq)) or _empty(last) or _flow_out(last):
            break
        chain.append(last)
    target = len(chain) - 1
    while target and isinstance(chain[target - 1], _Seq) and len(_children(chain[target])) == 1:
        target -= 1  # its one line is the dash's line
    tails = [comment for collection in reversed(chain) for comment in collection.tail]
    for collection in chain:
        collection.tail = []
    chain[target].tail = tails


def _children(node: _Map | _Seq) -> list[_Entry] | list[_Item]:
    return node.entries if isinstance(node, _Map) else node.items


# The layout.


class _Raw(str):
    """A line of a block scalar's content: blank lines in it are kept as they are."""

    __slots__ = ()


def _emit(source: _Source) -> str:
    lines: list[str] = _comments(source.above_start, 0)
    if source.start:
        lines.append(source.start)
    lines.extend(_comments(source.header, 0))
    if isinstance(source.root, (_Map, _Seq)) and not _empty(source.root):
        lead, body = _block(source.root, 0)
        lines.extend(_comments(lead, 0))
        lines.extend(body)
    elif source.root is not None:
        lines.extend(_value_lines("", source.root, 0, ""))
    lines.extend(_comments(source.trailing, 0))
    if source.end:
        lines.append("...")
    lines.extend(_comments(source.after_end, 0))
    return _join(lines)


def _join(lines: list[str]) -> str:
    """The lines as text: no blank line at either end, and never two in a row."""
    kept: list[str] = []
    for line in lines:
        if line or isinstance(line, _Raw) or (kept and (kept[-1] or isinstance(kept[-1], _Raw))):
            kept.append(line)
    while kept and not kept[-1] and not isinstance(kept[-1], _Raw):
        kept.pop()
    return "".join(f"{line}\n" for line in kept)


def _comments(lines: list[str], indent: int) -> list[str]:
    return [f"{' ' * indent}{line}" if line else "" for line in lines]


def _empty(node: _Map | _Seq) -> bool:
    return not (node.entries if isinstance(node, _Map) else node.items)


def _block(node: _Map | _Seq, indent: int) -> tuple[list[str], list[str]]:
    """A block collection's lines; the first child's comments come apart, to go above it."""
    lines: list[str] = []
    lead: list[str] = []
    children: list[_Entry | _Item] = [*(node.entries if isinstance(node, _Map) else node.items)]
    for number, child in enumerate(children):
        if number == 0:
            lead = child.before
        else:
            lines.extend(_comments(child.before, indent))
        if isinstance(child, _Entry):
            prefix = f"{' ' * indent}{_key(child.key)}:"
            lines.extend(_value_lines(prefix, child.value, indent, child.eol))
        else:
            lines.extend(_item_lines(child, indent))
    lines.extend(_comments(node.tail, indent))
    return lead, lines


def _item_lines(item: _Item, indent: int) -> list[str]:
    value = item.value
    prefix = f"{' ' * indent}-"
    if isinstance(value, (_Map, _Seq)) and not _empty(value) and not _flow_out(value):
        lead, body = _block(value, indent + 2)
        above = [line for line in lead if line]  # blank lines go; comments rise above the dash
        if item.eol:
            above.append(item.eol)
        first = body[0]
        return [
            *_comments(above, indent),
            f"{prefix} {first[indent + 2 :]}",
            *body[1:],
        ]
    return _value_lines(prefix, value, indent, item.eol)


def _flow_out(node: _Map | _Seq) -> bool:
    return isinstance(node, _Seq) and node.flow_out


def _value_lines(prefix: str, value: _Node | None, indent: int, eol: str) -> list[str]:
    """``prefix`` (a key and colon, or a dash) with its value; nested lines indented."""
    tail = f"  {eol}" if eol else ""
    space = " " if prefix else ""
    if value is None:
        return [f"{prefix}{tail}"]
    if isinstance(value, _Scalar):
        block = _block_scalar(value)
        if block is not None:
            header, content = block
            inner = " " * (indent + 2)
            return [
                f"{prefix}{space}{header}{tail}",
                *(_Raw(f"{inner}{line}" if line else "") for line in content),
            ]
        written = _scalar(value, flow=False)
        return [f"{prefix}{space}{written}{tail}" if written else f"{prefix}{tail}"]
    if _empty(value):
        return [f"{prefix}{space}{'{}' if isinstance(value, _Map) else '[]'}{tail}"]
    if _flow_out(value):
        assert isinstance(value, _Seq)  # noqa: S101 (for the type checker)
        words = ", ".join(_scalar(item.value, flow=True) for item in value.items)  # type: ignore[arg-type]
        return [f"{prefix}{space}[{words}]{tail}"]
    lead, body = _block(value, indent + 2 if prefix else indent)
    return [f"{prefix}{tail}", *_comments(lead, indent + 2), *body]


def _key(key: _Scalar) -> str:
    if not key.style and key.kind[0] is not str:
        return key.written  # '1:' is a number to YAML 1.2 tools: it stays one
    return _quoted(str(key.value), flow=False, key=True)


def _scalar(scalar: _Scalar, *, flow: bool) -> str:
    if isinstance(scalar.value, bool):
        return "true" if scalar.value else "false"  # 'True' is a word to YAML 1.1 and yamllint
    if not isinstance(scalar.value, str) or scalar.style == _AS_WRITTEN:
        return scalar.written  # a number or null, or a slip left for validate, as written
    return _quoted(scalar.value, flow=flow, key=scalar.style == _TEXT_TO_ALL)


def written_text(text: str) -> str:
    """``text`` as fmt writes a text value where no date is wanted.

    Plain where every YAML tool, 1.1 or 1.2, reads it back as that text, else in quotes
    (``'null'``, ``'no'``, ``'010'``, ``'2019-05-22'``).
    """
    return _quoted(text, flow=False, key=True)


def _quoted(text: str, *, flow: bool, key: bool) -> str:
    """``text`` plain where that reads back the same, else in the simplest quotes that do."""
    if _plain(text, flow=flow, key=key):
        return text
    if not _UNSAFE.search(text) and "\t" not in text and "'" not in text:
        return f"'{text}'"
    return '"' + "".join(_escape(character) for character in text) + '"'


def _plain(text: str, *, flow: bool, key: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS or _UNSAFE.search(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or text.startswith(("...", "---")):
        return False
    if flow and any(character in _FLOW_UNSAFE for character in text):
        return False
    if key and (len(text) >= 1000 or not text_in_yaml_1_1(text)):
        return False  # a plain key is at most 1024 characters; 'yes:' is true to YAML 1.1
    return _resolve_plain(text) == text and not needs_quotes_for_yaml_1_1(text)


def _escape(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    if not _UNSAFE.match(character):
        return character
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02X}"
    if code < 0x10000:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _block_scalar(scalar: _Scalar) -> tuple[str, list[str]] | None:
    """A block scalar's header and lines, where the source wrote one and they read back."""
    if scalar.style not in {"|", ">"} or not isinstance(scalar.value, str):
        return None
    if (
        scalar.style == ">"
        and scalar.lines is not None
        and _reads_back(scalar.header, scalar.lines, scalar.value)
    ):
        return scalar.header, scalar.lines
    literal = _literal(scalar.value)
    if literal is not None and _reads_back(*literal, scalar.value):
        return literal
    return None


def _literal(value: str) -> tuple[str, list[str]] | None:
    if not value.strip() or _UNSAFE.search(value.replace("\n", "").replace("\t", "")):
        return None
    if value.endswith("\n\n"):
        chomp, body = "+", value[:-1]
    elif value.endswith("\n"):
        chomp, body = "", value[:-1]
    else:
        chomp, body = "-", value
    lines = body.split("\n")
    first = next(line for line in lines if line.strip())
    if first[0] in " \t" or any(not line.strip() and line for line in lines):
        return None
    return f"|{chomp}", lines


def _reads_back(header: str, lines: list[str], value: str) -> bool:
    if not _tidy(lines):
        return False
    text = f"k: {header}\n" + "".join(f"  {line}\n" if line else "\n" for line in lines)
    document, problems = read_text(Path("-"), text.encode("utf-8"))
    return document is not None and not problems and document.data == {"k": value}


def _tidy(lines: list[str]) -> bool:
    """Whether a block's lines suit yamllint: no trailing spaces, no blank line at the end.

    Nor more than two blank lines in a row: text that needs them goes in double quotes.
    """
    blank = 0
    for line in lines:
        blank = blank + 1 if not line else 0
        if blank > 2 or line.endswith((" ", "\t")):
            return False
    return blank == 0


def _resolve_plain(text: str) -> Any:
    """What a plain scalar written as ``text`` reads as."""
    return resolve_scalar(_PlainEvent(text))  # type: ignore[arg-type]


class _PlainEvent:
    __slots__ = ("implicit", "style", "value")

    def __init__(self, value: str) -> None:
        self.value = value
        self.style = ""
        self.implicit = (True, False)


# Reading back: the same values, and each comment with the same thing.


def _compare(source: _Source, again: _Source) -> None:
    expected, found = _data(source.root), _data(again.root)
    if not _same(expected, found):
        line, column = _first_difference(source.root, again.root)
        raise LayoutError(line, column, _refusal("a value here would change"))
    places = {path: where for path, _, _, _, where in _walk(source.root, (), None)}
    for path in sorted(_slips(again) - _slips(source), key=repr):
        line, column = places.get(path, (1, 1))
        raise LayoutError(line, column, _refusal("YAML 1.1 tools would read this key otherwise"))
    for where, (was, now) in _pairs(_anchors(source), _anchors(again)):
        if was != now:
            line, column = where
            raise LayoutError(line, column, _refusal("a comment here would move or be lost"))


def _slips(source: _Source) -> set["_Path"]:
    """The keys YAML 1.1 tools read as something other than text, by their paths."""
    return {
        path
        for path, _, _, child, _ in _walk(source.root, (), None)
        if isinstance(child, _Entry) and not child.key.kind[1]
    }


def _data(node: _Node | None) -> Any:
    if isinstance(node, _Map):
        return {(entry.key.value, entry.key.kind[0]): _data(entry.value) for entry in node.entries}
    if isinstance(node, _Seq):
        return [_data(item.value) for item in node.items]
    return None if node is None else node.value


def _same(one: Any, other: Any) -> bool:
    """Equal, and of the same kinds (1, 1.0 and true differ; nan is itself)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return list(one) == list(other) and all(_same(one[k], other[k]) for k in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(_same(a, b) for a, b in zip(one, other, strict=True))
    if isinstance(one, float) and one != one and other != other:  # noqa: PLR0124 (nan)
        return True
    return bool(one == other)


def _first_difference(one: _Node | None, other: _Node | None) -> tuple[int, int]:
    if isinstance(one, _Map) and isinstance(other, _Map):
        for mine, theirs in zip(one.entries, other.entries, strict=False):
            if (mine.key.value, mine.key.kind[0]) != (theirs.key.value, theirs.key.kind[0]):
                return mine.key.line, mine.key.column
            if not _same(_data(mine.value), _data(theirs.value)):
                return (
                    _first_difference(mine.value, theirs.value)
                    if mine.value
                    else (mine.key.line, mine.key.column)
                )
    if isinstance(one, _Seq) and isinstance(other, _Seq):
        for item, again in zip(one.items, other.items, strict=False):
            if not _same(_data(item.value), _data(again.value)):
                return _first_difference(item.value, again.value)
    if one is None:
        return 1, 1
    return one.line, one.column


_Anchor = tuple[tuple[str | int, ...], str]


def _anchors(source: _Source) -> dict[_Anchor, tuple[tuple[int, int], list[str]]]:
    """Each comment's text under what it annotates, with where that is in the file."""
    found: dict[_Anchor, tuple[tuple[int, int], list[str]]] = {}

    def add(
        path: tuple[str | int, ...], place: str, where: tuple[int, int], texts: list[str]
    ) -> None:
        comments = [text for text in texts if text]
        if comments:
            _, already = found.setdefault((path, place), (where, []))
            already.extend(comments)

    add((), "above start", (1, 1), source.above_start)
    add((), "top", (1, 1), source.header)
    add((), "end", (1, 1), source.trailing + source.after_end)
    for path, anchor, node, child, where in _walk(source.root, (), None):
        if child.before or child.eol:
            add(anchor, "at", where, [*child.before, child.eol])
        if isinstance(node, (_Map, _Seq)) and node.tail:
            add(path, "tail", where, node.tail)
    return found


_Path = tuple[str | int, ...]


def _walk(
    node: _Node | None, path: _Path, lift: _Path | None
) -> Iterator[tuple[_Path, _Path, _Node | None, _Entry | _Item, tuple[int, int]]]:
    """Each entry and item: its path, what its comments annotate, its value, it, its place.

    A list item's first entry is written on the item's line (``- id: a``), so a comment
    above or after either annotates the item: ``lift`` is that item's own anchor.
    """
    if isinstance(node, _Map):
        for number, entry in enumerate(node.entries):
            here = (*path, entry.key.value)
            anchor = lift if number == 0 and lift is not None else here
            yield here, anchor, entry.value, entry, (entry.key.line, entry.key.column)
            yield from _walk(entry.value, here, None)
    elif isinstance(node, _Seq):
        for number, item in enumerate(node.items):
            here = (*path, number)
            anchor = lift if number == 0 and lift is not None and not node.flow_out else here
            value = item.value
            where = (value.line, value.column) if value is not None else (1, 1)
            yield here, anchor, value, item, where
            inline = isinstance(value, (_Map, _Seq)) and not _empty(value) and not _flow_out(value)
            yield from _walk(value, here, anchor if inline else None)


def _pairs(
    one: dict[_Anchor, tuple[tuple[int, int], list[str]]],
    other: dict[_Anchor, tuple[tuple[int, int], list[str]]],
) -> Iterator[tuple[tuple[int, int], tuple[list[str], list[str]]]]:
    for anchor in sorted(set(one) | set(other), key=repr):
        where, mine = one.get(anchor, ((1, 1), []))
        _, theirs = other.get(anchor, ((1, 1), []))
        yield where, (sorted(mine), sorted(theirs))

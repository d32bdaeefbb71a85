"""The layout tree: what the parser read, with the comments and blank lines where they belong.

`parse` reads a content file's text into a `Source`: mappings (`Map`) of entries, lists
(`Seq`) of items, scalars as written; each comment line and blank line kept above the
entry or item it stands before, each end-of-line comment with the line it ends.
"""

import bisect
import itertools
import re
from collections.abc import Iterable
from typing import Any

from attrs import define, field
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

from recurrent_care_pack._content.crosscheck import text_in_yaml_1_1
from recurrent_care_pack._content.reading import PlainYAML
from recurrent_care_pack._content.reading import _resolve as resolve_scalar
from recurrent_care_pack._errors import LayoutError

__all__ = [
    "Entry",
    "Item",
    "LayoutError",
    "Map",
    "Node",
    "Scalar",
    "Seq",
    "Source",
    "is_empty",
    "is_flow_out",
    "parse",
    "refusal",
]

_BLOCK_HEADER = re.compile(r"([|>])([-+]?)([1-9]?)([-+]?)[ \t]*(#.*)?")


def refusal(why: str) -> str:
    """The message of a `LayoutError`: ``why`` fmt refuses, and what to do."""
    return (
        f"rcpack fmt cannot lay this out safely: {why}; leave this part as it is, or write it "
        "more simply (block style, one comment per line), and report it if it looks right"
    )


@define
class Scalar:
    """A scalar, as read and as written."""

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
class Entry:
    """A mapping's entry, with the comments above it and the one ending its line."""

    key: Scalar
    value: "Node | None" = None
    before: list[str] = field(factory=list)  # comment lines, '' for a blank line
    eol: str = ""


@define
class Item:
    """A list's item, with the comments above it and the one ending its line."""

    value: "Node | None" = None
    before: list[str] = field(factory=list)
    eol: str = ""


@define
class Map:
    """A mapping: its entries in the order read."""

    entries: list[Entry]
    flow: bool
    line: int
    column: int
    tail: list[str] = field(factory=list)  # comments after the last entry, indented with it
    #: The end-of-line comment after a flow collection's closing ']' or '}' on a line of
    #: its own: it ends the collection laid out in block style.
    closing: Item = field(factory=Item)


@define
class Seq:
    """A list: its items in the order read."""

    items: list[Item]
    flow: bool
    line: int
    column: int
    tail: list[str] = field(factory=list)
    flow_out: bool = False  # written [a, b] in the canonical layout
    #: The end-of-line comment after a flow collection's closing ']' or '}' on a line of
    #: its own: it ends the collection laid out in block style.
    closing: Item = field(factory=Item)


Node = Scalar | Map | Seq


@define
class Source:
    """A file's document: its root, and the comments around it."""

    root: Node | None = None
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


def parse(text: str) -> Source:
    """The tree of ``text``; `LayoutError` where it does not read as YAML."""
    try:
        return _Builder(text, PlainYAML(typ="safe").parse(text)).build()
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        written = text.split("\n")[line - 1] if mark is not None else ""
        column = len(written) - len(written.lstrip()) + 1  # where the line's content starts
        raise LayoutError(line, column, refusal("the result would not read as YAML")) from error
    except YAMLError as error:
        raise LayoutError(1, 1, refusal("the result would not read as YAML")) from error


class _Builder:
    def __init__(self, text: str, events: Iterable[Event]) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.offsets = list(
            itertools.accumulate((len(line) + 1 for line in self.lines), initial=0)
        )
        self.events = events
        self.source = Source()
        self.pending: list[_Note] = []
        self.stack: list[tuple[Map | Seq, Entry | Item | None]] = []
        self.last_line = -1  # where the last thing that can carry a comment ended
        self.last_owner: Entry | Item | None = None
        self.in_document = False

    def build(self) -> Source:
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
                refusal("YAML tools disagree about a '?' with no space after it"),
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
                    refusal(
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
            node: Map | Seq = (
                Map([], bool(event.flow_style), mark.line + 1, mark.column + 1)
                if isinstance(event, MappingStartEvent)
                else Seq([], bool(event.flow_style), mark.line + 1, mark.column + 1)
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
        scalar = Scalar(
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

    def _block_lines(self, event: ScalarEvent, scalar: Scalar, end: int) -> None:
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

    def _tail(self, node: Map | Seq, outer: int) -> None:
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

    def _carry(self, line: int, owner: Entry | Item | None) -> None:
        self.last_line = line
        self.last_owner = owner

    def _place(self, node: Node) -> Entry | Item | None:
        """Put ``node`` in its parent; the entry or item it belongs to."""
        if not self.stack:
            self.source.root = node
            self._split_header()
            return None
        parent, _ = self.stack[-1]
        block = isinstance(node, (Map, Seq)) and not node.flow
        if isinstance(parent, Seq):
            item = Item(node, before=self._take())
            parent.items.append(item)
            return item
        if parent.entries and parent.entries[-1].value is None:
            entry = parent.entries[-1]
            entry.value = node
            if not block:  # between a key and its value: above the key
                entry.before.extend(self._take())
            return entry
        if not isinstance(node, Scalar):
            raise LayoutError(node.line, node.column, refusal("a key is not a plain name"))
        node.kind = (type(node.value), bool(node.style) or text_in_yaml_1_1(node.written))
        node.value = node.written  # a key is a name, as written: '01' and '1' stay apart
        entry = Entry(node, before=self._take())
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


def is_empty(node: Map | Seq) -> bool:
    """Whether a collection holds nothing."""
    return not (node.entries if isinstance(node, Map) else node.items)


def is_flow_out(node: Map | Seq) -> bool:
    """Whether a list is written ``[a, b]`` in the canonical layout."""
    return isinstance(node, Seq) and node.flow_out

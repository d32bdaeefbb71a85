"""The layout: a tree in canonical order and spelling, and written out as text.

Keys in the order the schema lists them, two-space indentation, block style (a list of
words inside a list stays ``[flipchart paper, marker pens]``), quotes only where a value
needs them, durations spelt the canonical way ("22 minutes 31 seconds"). Folded text keeps
its lines. A comment stays with what it annotates: the entry or item below it, or the line
it ends.
"""

import re
from pathlib import Path
from typing import Any

from recurrent_care_pack._content.crosscheck import branch, canonical_duration, text_in_yaml_1_1
from recurrent_care_pack._content.reading import _resolve as resolve_scalar
from recurrent_care_pack._content.reading import needs_quotes_for_yaml_1_1, read_text
from recurrent_care_pack._content.schema import resolve, schema

from .tree import Entry, Item, Map, Node, Scalar, Seq, Source, is_empty, is_flow_out

__all__ = ["arrange", "emit", "written_text"]

#: The style of a scalar written out as the source wrote it.
_AS_WRITTEN = "as written"
#: The style of a text that YAML 1.1 tools would read as something else plain (a date such
#: as 2019-05-22 where no date is wanted, 1:20, 1_000): it is written in quotes.
_TEXT_TO_ALL = "text to all"

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


# The canonical order and spelling.


def arrange(source: Source) -> Source:
    """The source in canonical order and spelling; comments ending it end the file."""
    _canonical(source.root, schema())
    if isinstance(source.root, (Map, Seq)) and source.root.tail:
        source.trailing[:0] = source.root.tail
        source.root.tail = []
    return source


def _canonical(node: Node | None, subschema: dict[str, Any] | None, in_list: bool = False) -> bool:
    """Put ``node`` in canonical order and spelling; whether it holds a key the schema lacks.

    A key the schema does not know (a misspelling) keeps the line validate named: the
    mappings it is in, at any depth, keep their order as written.
    """
    here = resolve(subschema)
    unknown = False
    if isinstance(node, Map):
        here = branch(here, {entry.key.value for entry in node.entries})
        properties: dict[str, Any] = here.get("properties", {})
        rank = {key: number for number, key in enumerate(properties)}
        for entry in node.entries:
            unknown |= entry.key.value not in rank
            unknown |= _canonical(entry.value, properties.get(entry.key.value))
        if not unknown:
            node.entries.sort(key=lambda entry: rank[entry.key.value])
    elif isinstance(node, Seq):
        for item in node.items:
            unknown |= _canonical(item.value, here.get("items"), in_list=True)
        _lift(node)
        node.flow_out = (
            in_list
            and bool(node.items)
            and all(
                isinstance(item.value, Scalar)
                and item.value.style not in {"|", ">"}
                and not item.before
                and not item.eol
                for item in node.items
            )
            # A comment ending it stays below its last line, unless that is the dash's line.
            and (not node.tail or len(node.items) == 1)
        )
    if isinstance(node, (Map, Seq)):
        if not is_flow_out(node):  # laid out in block style: the closing comment ends it
            node.tail.extend(text for text in (*node.closing.before, node.closing.eol) if text)
            node.closing = Item()
        _sink(node)
    elif isinstance(node, Scalar) and isinstance(node.value, str):
        _settle(node, here)
    return unknown


def _settle(node: Scalar, here: dict[str, Any]) -> None:
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


def _close_on(item: Item, node: Seq) -> None:
    """The comment after ``node``'s closing ']' ends ``item``'s line, where ']' now is."""
    for text in (*node.closing.before, node.closing.eol):
        if text and item.eol:
            item.before.append(text)
        elif text:
            item.eol = text
    node.closing = Item()


def _lift(node: Seq) -> None:
    """Comments after a list written ``[a, b]`` stand above what follows it.

    The comment after its closing ']' stays on its line.
    """
    for number, item in enumerate(node.items, start=1):
        if isinstance(item.value, Seq) and item.value.flow_out:
            _close_on(item, item.value)  # '[a, b]' on the item's line: its comment too
        if isinstance(item.value, Seq) and item.value.flow_out and item.value.tail:
            after = node.items[number].before if number < len(node.items) else node.tail
            after[:0] = item.value.tail
            item.value.tail = []


def _sink(node: Map | Seq) -> None:
    """Comments ending ``node`` and the blocks that end with it, indented like the last line.

    yamllint's comments-indentation wants a comment indented like the line above it or the
    line below. So comments ending a nested block go under the block's last line, at its
    depth; after ``- id: a`` that is the depth of the dash.
    """
    if is_empty(node):
        return
    chain = [node]
    while True:
        last = _children(chain[-1])[-1].value
        if not isinstance(last, (Map, Seq)) or is_empty(last) or is_flow_out(last):
            break
        chain.append(last)
    target = len(chain) - 1
    while target and isinstance(chain[target - 1], Seq) and len(_children(chain[target])) == 1:
        target -= 1  # its one line is the dash's line
    tails = [comment for collection in reversed(chain) for comment in collection.tail]
    for collection in chain:
        collection.tail = []
    chain[target].tail = tails


def _children(node: Map | Seq) -> list[Entry] | list[Item]:
    return node.entries if isinstance(node, Map) else node.items


# The layout.


class _Raw(str):
    """A line of a block scalar's content: blank lines in it are kept as they are."""

    __slots__ = ()


def emit(source: Source) -> str:
    """The tree's text in the canonical layout."""
    lines: list[str] = _comments(source.above_start, 0)
    if source.start:
        lines.append(source.start)
    lines.extend(_comments(source.header, 0))
    if isinstance(source.root, (Map, Seq)) and not is_empty(source.root):
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


def _block(node: Map | Seq, indent: int) -> tuple[list[str], list[str]]:
    """A block collection's lines; the first child's comments come apart, to go above it."""
    lines: list[str] = []
    lead: list[str] = []
    children: list[Entry | Item] = [*(node.entries if isinstance(node, Map) else node.items)]
    for number, child in enumerate(children):
        if number == 0:
            lead = child.before
        else:
            lines.extend(_comments(child.before, indent))
        if isinstance(child, Entry):
            prefix = f"{' ' * indent}{_key(child.key)}:"
            lines.extend(_value_lines(prefix, child.value, indent, child.eol))
        else:
            lines.extend(_item_lines(child, indent))
    lines.extend(_comments(node.tail, indent))
    return lead, lines


def _item_lines(item: Item, indent: int) -> list[str]:
    value = item.value
    prefix = f"{' ' * indent}-"
    if isinstance(value, (Map, Seq)) and not is_empty(value) and not is_flow_out(value):
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


def _value_lines(prefix: str, value: Node | None, indent: int, eol: str) -> list[str]:
    """``prefix`` (a key and colon, or a dash) with its value; nested lines indented."""
    tail = f"  {eol}" if eol else ""
    space = " " if prefix else ""
    if value is None:
        return [f"{prefix}{tail}"]
    if isinstance(value, Scalar):
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
    if is_empty(value):
        return [f"{prefix}{space}{'{}' if isinstance(value, Map) else '[]'}{tail}"]
    if is_flow_out(value):
        assert isinstance(value, Seq)  # noqa: S101 (for the type checker)
        words = ", ".join(_scalar(item.value, flow=True) for item in value.items)  # type: ignore[arg-type]
        return [f"{prefix}{space}[{words}]{tail}"]
    lead, body = _block(value, indent + 2 if prefix else indent)
    return [f"{prefix}{tail}", *_comments(lead, indent + 2), *body]


def _key(key: Scalar) -> str:
    if not key.style and key.kind[0] is not str:
        return key.written  # '1:' is a number to YAML 1.2 tools: it stays one
    return _quoted(str(key.value), flow=False, key=True)


def _scalar(scalar: Scalar, *, flow: bool) -> str:
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


def _block_scalar(scalar: Scalar) -> tuple[str, list[str]] | None:
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

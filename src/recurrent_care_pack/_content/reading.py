"""Reading: YAML text to plain data, with the line and column of every key and value.

Content never needs tags, anchors, aliases or merge keys, so they are refused, not
constructed: no alias bomb can cost time or memory. Scalars are resolved by the YAML 1.2
core schema, so ``no`` stays text and ``22:31`` is never a number of minutes.
"""

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from attrs import field, frozen
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import Event, ScalarEvent
from ruamel.yaml.reader import ReaderError

from recurrent_care_pack._problems import Fix, Problem, marked_length
from recurrent_care_pack._text import LINE_BREAK

from .events import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_VALUES,
    Builder,
    Stop,
    needs_quotes_for_yaml_1_1,
    resolve,
)
from .marks import KeyPath, Mark, located, mark_after, mended
from .syntax import reader_problem, spaced, syntax_problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from array import array


class PlainYAML(YAML):
    """ruamel's YAML without its plug-ins, which rcpack does not use.

    ruamel searches its folders for plug-ins each time a YAML is made: most of the cost of
    reading a short text, such as each block scalar fmt reads back.
    """

    def official_plug_ins(self) -> list[str]:
        """None."""
        return []


#: The YAML 1.2 core schema's reading of a scalar (`events.resolve`), as fmt imports it.
_resolve = resolve

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_FILE_SIZE",
    "MAX_VALUES",
    "YAML",
    "Document",
    "KeyPath",
    "Mark",
    "PlainYAML",
    "needs_quotes_for_yaml_1_1",
    "read_bytes",
    "read_file",
    "read_text",
    "spaced",
    "syntax_problem",
    "value_ends",
    "where_marked_ends",
]

#: The largest content file read by default: far above any real pack, far below trouble.
MAX_FILE_SIZE = 32 << 20


@frozen(kw_only=True)
class Document:
    """One content file read into plain data, with where each part of it was written.

    The marks of a list's items are packed into an array per list (`events`): a long list
    costs a few bytes per item, not a tuple and a mark each.

    ``yes_no_words`` holds the RC111 problem of each plain 'yes', 'no', 'on', 'off', 'y'
    or 'n', by path: whether "put it in quotes" is the right fix depends on what the
    schema wants there, so the schema stage reports them (`schema_problems`).
    """

    file: Path
    data: Any
    values: dict[KeyPath, Mark]
    keys: dict[KeyPath, Mark]
    items: "dict[KeyPath, array[int]]"  # a string: array takes no [int] before Python 3.12
    yes_no_words: dict[KeyPath, Problem] = field(factory=dict)

    def where(self, path: KeyPath) -> Mark:
        """Where the value at ``path`` starts, or its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            here = path[:end]
            last = here[-1] if here else None
            marks = self.items.get(here[:-1]) if isinstance(last, int) else None
            if marks is not None and isinstance(last, int) and 0 <= last < len(marks):
                return Mark(marks[last] >> 32, marks[last] & 0xFFFFFFFF)
            mark = self.values.get(here)
            if mark is not None:
                return mark
        return Mark(1, 1)

    def where_key(self, path: KeyPath) -> Mark:
        """Where the key of the value at ``path`` is written, else where the value is."""
        return self.keys.get(path) or self.where(path)

    def problem(
        self,
        path: KeyPath,
        code: str,
        message: str,
        *,
        at_key: bool = False,
        fix: Fix | None = None,
    ) -> Problem:
        """A problem located at ``path`` in this document, with the fix its message names."""
        mark = self.where_key(path) if at_key else self.where(path)
        return mended(located(self.file, mark, code, message, path), fix)


def read_file(file: Path, max_size: int = MAX_FILE_SIZE) -> tuple[Document | None, list[Problem]]:
    """Read one content file of at most ``max_size`` bytes.

    ``OSError`` is left to the caller: a file that cannot be read is not a content problem.
    """
    with file.open("rb") as stream:
        raw = stream.read(max_size + 1)
    return read_bytes(file, raw, max_size)


def read_bytes(
    file: Path, raw: bytes, max_size: int = MAX_FILE_SIZE
) -> tuple[Document | None, list[Problem]]:
    """Read one content file's bytes (as saved, or an unsaved buffer) as `read_file` does."""
    if len(raw) > max_size:
        message = (
            f"the file is larger than the size limit ({_size(max_size)}); split it into "
            "smaller files, or raise the limit (rcpack validate --max-file-size)"
        )
        return None, [located(file, Mark(1, 1), "RC112", message)]
    return read_text(file, raw)


def _size(count: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"


#: Characters YAML 1.2 reads as text but libyaml, like YAML 1.1, as line breaks.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_ODD_BREAKS = {
    "\x85": ("next line", "\\N"),
    "\u2028": ("line separator", "\\L"),
    "\u2029": ("paragraph separator", "\\P"),
}


def read_text(file: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Read YAML bytes into a `Document`, or say why they cannot be read."""
    text, problems = _decode(file, raw)
    if text is None:
        return None, problems
    odd = _ODD_BREAK.search(text)
    if odd is not None:  # libyaml would end a line there, and every later line be misplaced
        before = text[: odd.start()]
        mark = mark_after(before)
        name, escape = _ODD_BREAKS[odd.group()]
        message = (
            f"the file holds U+{ord(odd.group()):04X} ({name}), which YAML tools disagree on "
            f"reading as a line break; write it as {escape} inside double quotes, or delete it"
        )
        return None, [*problems, located(file, mark, "RC115", message)]
    builder = Builder(file)
    finished = False
    try:
        builder.feed(_events(text))
        finished = True
    except ReaderError as error:
        builder.problems.append(reader_problem(file, text, error))
    except MarkedYAMLError as error:
        builder.problems.append(syntax_problem(file, error, text))
    except YAMLError as error:
        builder.problems.append(located(file, Mark(1, 1), "RC101", str(error)))
    except Stop:
        pass  # the builder has recorded why
    if not finished or builder.fatal:  # no schema stage: the words are reported here
        return None, [*problems, *builder.problems]
    words = set(builder.yes_no_words.values())
    problems.extend(problem for problem in builder.problems if problem not in words)
    if builder.documents == 0 or builder.root is None:
        problems.append(
            located(
                file,
                Mark(1, 1),
                "RC102",
                "the file is empty; write the content as keys and values, e.g. 'sections:'",
            )
        )
        return None, problems
    document = Document(
        file=file,
        data=builder.root,
        values=builder.values,
        keys=builder.keys,
        items=builder.items,
        yes_no_words=builder.yes_no_words,
    )
    return document, problems


def _decode(file: Path, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text from the file's bytes, or why it is not UTF-8."""
    # UTF-32's little-endian mark starts with UTF-16's, so UTF-32 is looked for first.
    for encoding, marks in (
        ("UTF-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")),
        ("UTF-16", (b"\xff\xfe", b"\xfe\xff")),
    ):
        if raw.startswith(marks):
            message = f"the file is saved as {encoding}; save it as UTF-8"
            return None, [located(file, Mark(1, 1), "RC107", message)]
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        message = "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
        problems.append(located(file, Mark(1, 1), "RC108", message))
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        mark = mark_after(before.decode("latin-1"))  # a column of bytes
        message = f"byte 0x{raw[error.start]:02X} is not UTF-8 text; save the file as UTF-8"
        return None, [*problems, located(file, mark, "RC107", message)]


def _events(text: str) -> Iterator[Event]:
    # The C parser (ruamel.yaml.clib) where it is installed, else the pure-Python one: both
    # give every event its line and column, so problems are located without a second read.
    yaml = PlainYAML(typ="safe")
    return iter(yaml.parse(text))


def value_ends(text: str) -> dict[Mark, Mark | None]:
    """Where each key and value of ``text`` ends, by where it starts, as YAML reads them.

    What a fix replaces, exactly: a value inside a flow mapping begun lines above, a quoted
    ``}``, a comment inside brackets, a value over two lines, a block value (``|``) to the
    end of its text. None for a block value with a comment after its ``|``: no edit of it
    keeps the comment and the file whole. Nothing for a text that does not read in full: a
    glued ``id:film-6`` reads as one value with the next line's key, and its fix is for its
    line alone.
    """
    ends: dict[Mark, Mark | None] = {}
    try:
        for event in _events(text):
            if not isinstance(event, ScalarEvent):
                continue
            start, end = event.start_mark, event.end_mark
            here = Mark(start.line + 1, start.column + 1)
            if event.style in {"|", ">"}:  # to its text's end, not the line after it
                block = text[start.index : end.index].rstrip(" \t\r\n")  # YAML's white space
                after = mark_after(block)
                ends[here] = (
                    None
                    if "#" in LINE_BREAK.split(block, maxsplit=1)[0]
                    else Mark(
                        here.line + after.line - 1,
                        after.column + (here.column - 1 if after.line == 1 else 0),
                    )
                )
            else:
                ends[here] = Mark(end.line + 1, end.column + 1)
            if len(ends) > MAX_VALUES:
                return {}  # reading refuses the file: no problem of it carries a fix
    except YAMLError:
        return {}
    return ends


def where_marked_ends(
    ends: Mapping[Mark, Mark | None], lines: list[str], mark: Mark
) -> Mark | None:
    """Where the key or value at ``mark`` ends: as YAML read it, else as its line shows it.

    ``ends`` is `value_ends` of the file's text; where it has no end for ``mark`` (the file
    does not read, or no key or value starts there), `marked_length` guesses. None where
    no edit is safe (`value_ends`).
    """
    if mark in ends:
        return ends[mark]
    line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
    return Mark(mark.line, mark.column + marked_length(line, mark.column))

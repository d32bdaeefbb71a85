"""Reading: YAML text to plain data, with the line and column of every key and value.

Content never needs tags, anchors, aliases or merge keys, so they are refused, not
constructed: no alias bomb can cost time or memory. Scalars are resolved by the YAML 1.2
core schema, so ``no`` stays text and ``22:31`` is never a number of minutes.
"""

import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from attrs import evolve, field, frozen
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from ruamel.yaml.reader import ReaderError

from recurrent_care_pack._problems import (
    MAX_PROBLEMS,
    Fix,
    Problem,
    format_path,
    quoted,
    too_many,
)

__all__ = [
    "MAX_FILE_SIZE",
    "Document",
    "Mark",
    "needs_quotes_for_yaml_1_1",
    "read_bytes",
    "read_file",
    "read_text",
    "spaced",
]

#: How deeply mappings and lists may nest; the pack needs fewer than twenty levels.
MAX_DEPTH = 64

#: The largest content file read by default: far above any real pack, far below trouble.
MAX_FILE_SIZE = 32 << 20

#: The most values (keys, items, texts, numbers) one file may hold: a thousand times the
#: bundled pack holds 620,000, so only a file that is not content reaches it. It bounds the
#: time a file can take (a 32 MiB list of 1s holds 16 million).
MAX_VALUES = 1_000_000

#: The keys and list indexes down to a value in a document: ``("sections", 0, "title")``.
KeyPath = tuple[str | int, ...]


class Mark(NamedTuple):
    """A place in a file; line and column count from 1 (a tuple: there are very many)."""

    line: int
    column: int


@frozen(kw_only=True)
class Document:
    """One content file read into plain data, with where each part of it was written.

    The marks of a list's items are packed into an array per list (`_pack`): a long list
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
        return _mended(_located(self.file, mark, code, message, path), fix)


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
        return None, [_located(file, Mark(1, 1), "RC112", message)]
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
        mark = _mark_after(before)
        name, escape = _ODD_BREAKS[odd.group()]
        message = (
            f"the file holds U+{ord(odd.group()):04X} ({name}), which YAML tools disagree on "
            f"reading as a line break; write it as {escape} inside double quotes, or delete it"
        )
        return None, [*problems, _located(file, mark, "RC115", message)]
    builder = _Builder(file)
    finished = False
    try:
        builder.feed(_events(text))
        finished = True
    except ReaderError as error:
        builder.problems.append(_reader_problem(file, text, error))
    except MarkedYAMLError as error:
        builder.problems.append(syntax_problem(file, error, text))
    except YAMLError as error:
        builder.problems.append(_located(file, Mark(1, 1), "RC101", str(error)))
    except _Stop:
        pass  # the builder has recorded why
    if not finished or builder.fatal:  # no schema stage: the words are reported here
        return None, [*problems, *builder.problems]
    words = set(builder.yes_no_words.values())
    problems.extend(problem for problem in builder.problems if problem not in words)
    if builder.documents == 0 or builder.root is None:
        problems.append(
            _located(
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
            return None, [_located(file, Mark(1, 1), "RC107", message)]
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        message = "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
        problems.append(_located(file, Mark(1, 1), "RC108", message))
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        mark = _mark_after(before.decode("latin-1"))  # a column of bytes
        message = f"byte 0x{raw[error.start]:02X} is not UTF-8 text; save the file as UTF-8"
        return None, [*problems, _located(file, mark, "RC107", message)]


#: A line break, as YAML and an editor count them (the odd ones are RC115).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _mark_after(before: str) -> Mark:
    """Where the text after ``before`` starts: its lines broken as YAML breaks them."""
    breaks = list(_LINE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return Mark(len(breaks) + 1, len(before) - start + 1)


def _located(file: Path, mark: Mark, code: str, message: str, path: KeyPath = ()) -> Problem:
    return Problem(
        file=file,
        line=mark.line,
        column=mark.column,
        code=code,
        message=message,
        path=format_path(path),
    )


def _mended(problem: Problem, fix: Fix | None) -> Problem:
    """``problem`` with the fix its message names, if any."""
    return problem if fix is None else evolve(problem, fix=fix)


def _events(text: str) -> Iterator[Event]:
    # The C parser (ruamel.yaml.clib) where it is installed, else the pure-Python one: both
    # give every event its line and column, so problems are located without a second read.
    yaml = YAML(typ="safe")
    return iter(yaml.parse(text))


def _reader_problem(file: Path, text: str, error: ReaderError) -> Problem:
    before = text[: error.position]
    mark = _mark_after(before)
    code_point = error.character if isinstance(error.character, int) else ord(error.character)
    message = f"character U+{code_point:04X} is not allowed in YAML; delete or replace it"
    return _located(file, mark, "RC101", message)


def syntax_problem(file: Path, error: MarkedYAMLError, text: str) -> Problem:
    """The RC101 problem for a YAML syntax error, located, with a hint where one helps."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = " ".join(str(error.problem or error.context or "").split())
    lines = _LINE_BREAK.split(text)
    here = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    glued = _glued_key(lines, error, line)
    fix = None
    if here == "\t" or "\\t" in problem:
        message = "a tab is used for indenting; indent with spaces, not tabs"
    elif glued is not None:
        line, column, message, fix = glued
    elif "mapping values are not allowed" in problem:
        message = (
            "this is not valid YAML (a ': ' inside a value starts a new mapping); "
            "put the value in quotes, or check the indentation"
        )
    else:
        message = f"this is not valid YAML ({problem}); check the indentation and quoting here"
    return _mended(_located(file, Mark(line, column), "RC101", message), fix)


#: A key with its value glued to its colon, as a line holds it: ``kind:film``, ``id:film-6``
#: (not ``https://...``: a web address is no key).
_GLUED = re.compile(r"(?P<key>[^\W\d][\w-]*):(?P<value>[^\s:/#].*)")
_COMMENT = re.compile(r"\s#")
#: What may come before the place a parser stops at, on a line after a glued one.
_KEY_START = re.compile(r"\s*(?:[^\W\d][\w-]*\s*)?")
_NO_COLON = (
    "this line has no ': ' after its key; write 'key: value', or indent the line more "
    "if it goes on from the line above"
)
#: Parser problems found on the line after a glued key, which the glued line explains.
_AFTER_GLUED = (
    "mapping values are not allowed",  # the next line's key continued it: 'id:film-6 kind'
    "did not find expected key",  # a comment ended it, and the mapping goes on
    "did not find expected '-' indicator",  # so in a list
    "expected <block end>",  # both, as the pure-Python parser says them
)


#: Where a glued key is, what the message says, and the fix it names (none for no colon).
_Glued = tuple[int, int, str, Fix | None]


def _glued_key(lines: list[str], error: MarkedYAMLError, line: int) -> _Glued | None:
    """Where a key is glued to its value (``kind:film``), and what to write instead.

    The parser finds no ':' after it and says so on the next line, or reads it as text
    that the next line's key continues: either way, the mistake is on the glued line.
    """
    problem = str(error.problem or "")
    if "could not find expected ':'" in problem and error.context_mark is not None:
        mark = error.context_mark  # where the key starts; the parser stops on the next line
        where = (mark.line + 1, mark.column + 1)
        return _glued_at(lines, *where) or (*where, _NO_COLON, None)
    if not any(text in problem for text in _AFTER_GLUED) or error.problem_mark is None:
        return None
    mark = error.problem_mark
    if line > len(lines):
        return None
    glued = _glued_at(lines, mark.line + 1, mark.column + 1)
    if glued is not None or not _KEY_START.fullmatch(lines[line - 1][: mark.column]):
        return glued  # else a ': ' inside a value on its own line
    before = next(
        (n for n in range(line - 1, 0, -1) if lines[n - 1].strip()[:1] not in {"", "#"}), 0
    )
    text = lines[before - 1] if before else ""
    return _glued_at(lines, before, len(text) - len(text.lstrip(" -")) + 1) if before else None


def _glued_at(lines: list[str], line: int, column: int) -> _Glued | None:
    text = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    shown, mended = spaced(text), _unglued(text)
    if shown is None or mended is None:
        return None
    message = f"a colon needs a space after it: write {shown}"
    return line, column, message, Fix(action="Write '{}'", replacements=(mended,))


def _unglued(text: str) -> str | None:
    """``kind: film`` for ``kind:film``: the key and its whole value (no comment), spaced."""
    found = _GLUED.fullmatch(text)
    if found is None:
        return None
    return f"{found['key']}: {_COMMENT.split(found['value'], maxsplit=1)[0].strip()}"


def spaced(text: str) -> str | None:
    """``'kind: film'`` for a key glued to its value such as ``kind:film``, else ``None``.

    ``text`` is a line from the key on, or a value read: a comment after it is left out.
    """
    found = _GLUED.fullmatch(text)
    if found is None:
        return None
    value = " ".join(_COMMENT.split(found["value"], maxsplit=1)[0].split())
    value = value if len(value) <= _LONGEST_SHOWN else value[: _LONGEST_SHOWN - 3] + "..."
    return quoted(f"{found['key']}: {value}")


#: The most characters of a value a message shows.
_LONGEST_SHOWN = 40


class _Stop(Exception):  # noqa: N818 (a signal, not an error)
    """Reading cannot go on; the builder has recorded why."""


_NO_KEY = object()


class _Frame:
    __slots__ = ("container", "key", "key_mark", "marks", "path", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], path: KeyPath) -> None:
        self.container = container
        self.path = path
        self.key: object = _NO_KEY
        self.key_mark = Mark(1, 1)
        self.seen: dict[str, Mark] = {}
        self.marks: array[int] = array("Q")  # a list's items' marks, packed


def _pack(mark: Mark) -> int:
    return mark.line << 32 | mark.column


class _Builder:
    """Builds plain data from parser events, noting marks and refusing what content never needs."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.values: dict[KeyPath, Mark] = {}
        self.keys: dict[KeyPath, Mark] = {}
        self.items: dict[KeyPath, array[int]] = {}
        self.yes_no_words: dict[KeyPath, Problem] = {}  # also in problems, see Document
        self.count = 0  # values read so far
        self.root: Any = None
        self.documents = 0
        self.fatal = False  # the data holds placeholders: not fit to check further
        self._stack: list[_Frame] = []

    def feed(self, events: Iterable[Event]) -> None:
        for event in events:
            mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, DocumentStartEvent):
                self._start_document(event, mark)
            elif isinstance(event, NodeEvent):
                self.count += 1
                if self.count > MAX_VALUES:
                    self.fatal = True
                    message = (
                        f"the file holds more than {MAX_VALUES:,} values, far more than "
                        "content needs; checking stopped here (is it a content file at all?)"
                    )
                    self._problem(mark, "RC114", message)
                    raise _Stop
                self._node(event, mark)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                self._stack.pop()

    def _start_document(self, event: DocumentStartEvent, mark: Mark) -> None:
        self.documents += 1
        if self.documents > 1:
            self._problem(
                mark,
                "RC106",
                "a second YAML document starts here; keep one document per file, "
                "or move this part to a file of its own",
            )
            raise _Stop
        if event.version is not None and tuple(event.version) != (1, 2):
            major, minor = event.version
            self._problem(
                mark,
                "RC109",
                f"'%YAML {major}.{minor}' asks for an old YAML version whose rules change "
                "meanings ('no' becomes false); delete the directive (content is YAML 1.2)",
            )

    def _node(self, event: NodeEvent, mark: Mark) -> None:
        if event.anchor is not None and not isinstance(event, AliasEvent):
            self.fatal = True
            self._problem(
                mark,
                "RC105",
                f"anchor '&{event.anchor}' is not allowed; write the content out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            tag = str(tag).replace("tag:yaml.org,2002:", "!!")
            self.fatal = True
            self._problem(
                mark,
                "RC104",
                f"tag '{tag}' is not allowed; delete it (content is plain text, numbers, "
                "lists and mappings)",
            )
        if isinstance(event, AliasEvent):
            self.fatal = True
            self._problem(
                mark,
                "RC105",
                f"alias '*{event.anchor}' is not allowed; write the content out in full",
            )
            self._add(None, mark)
        elif isinstance(event, ScalarEvent):
            top = self._stack[-1] if self._stack else None
            is_key = top is not None and isinstance(top.container, dict) and top.key is _NO_KEY
            value = self._number_or_text(event, mark)
            path = self._add(value, mark, written=event.value)
            self._check_characters(event.value, mark, path, is_key=is_key)
            if not is_key and not event.style and event.implicit[0]:
                self._check_old_meaning(event.value, value, mark, path)
        elif isinstance(event, CollectionStartEvent):
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, MappingStartEvent) else []
            )
            path = self._add(container, mark)
            if len(self._stack) >= MAX_DEPTH:
                self._problem(
                    mark,
                    "RC110",
                    f"the content is nested more than {MAX_DEPTH} levels deep here; "
                    "content never needs that many",
                )
                raise _Stop
            frame = _Frame(container, path)
            if isinstance(container, list):
                self.items[path] = frame.marks
            self._stack.append(frame)

    def _add(self, value: Any, mark: Mark, written: str | None = None) -> KeyPath:
        if not self._stack:
            self.root = value
            self.values[()] = mark
            return ()
        frame = self._stack[-1]
        container = frame.container
        if isinstance(container, list):
            path = (*frame.path, len(container))
            container.append(value)
            frame.marks.append(_pack(mark))
            return path
        if frame.key is _NO_KEY:
            return self._add_key(frame, value if written is None else written, mark)
        key = frame.key
        frame.key = _NO_KEY
        path = (*frame.path, str(key))
        if key is _DUPLICATE:
            return (*frame.path, "<duplicate>")
        container[str(key)] = value
        self.values[path] = mark
        self.keys[path] = frame.key_mark
        return path

    def _add_key(self, frame: _Frame, value: Any, mark: Mark) -> KeyPath:
        if isinstance(value, (dict, list)):
            self._problem(mark, "RC101", "a mapping or list cannot be a key; use a plain name")
            raise _Stop
        key = str(value)  # keys are names, as written: '1', 'true' and 'null' stay text
        if key == "<<":
            self.fatal = True
            self._problem(
                mark, "RC105", "merge keys ('<<') are not allowed; write the keys out in full"
            )
        first = frame.seen.get(key)
        if first is not None:
            self._problem(
                mark,
                "RC103",
                f"{quoted(key)} appears twice in this mapping (first on line {first.line}); "
                "keep one of them",
                (*frame.path, key),
            )
            frame.key = _DUPLICATE
        else:
            frame.seen[key] = mark
            frame.key = key
        frame.key_mark = mark
        return (*frame.path, key)

    def _check_characters(self, text: str, mark: Mark, path: KeyPath, *, is_key: bool) -> None:
        r"""Flag a control character (written as an escape such as "\e" in quotes)."""
        found = (_NOT_IN_KEYS if is_key else _NOT_IN_TEXT).search(text)
        if found is None:
            return
        code_point = ord(found.group())
        what = "half of a UTF-16 pair" if 0xD800 <= code_point < 0xE000 else "a control character"
        self._problem(
            mark,
            "RC115",
            f"the {'key' if is_key else 'text'} holds U+{code_point:04X}, {what} that terminals "
            "and handouts cannot show; delete it",
            path,
        )

    def _number_or_text(self, event: ScalarEvent, mark: Mark) -> Any:
        """The scalar's value, unless it is a whole number too long for any content."""
        written: str = event.value
        if len(written) > MAX_DIGITS and not event.style and _LONG_NUMBER.fullmatch(written):
            self.fatal = True
            self._problem(
                mark,
                "RC116",
                f"this number is {len(written):,} characters long, far longer than any "
                "number in content; if it is text, put it in quotes",
            )
            return written
        return _resolve(event)

    def _check_old_meaning(self, written: str, value: Any, mark: Mark, path: KeyPath) -> None:
        """Flag a plain value that YAML 1.1 tools would read as something else."""
        if written[:1] not in _OLD_STARTS:  # most values: a first glance is enough
            return
        if written in _OLD_BOOLEANS:
            old = "true" if written.lower() in {"y", "yes", "on"} else "false"
            self._problem(
                mark,
                "RC111",
                f"'{written}' is read as the word '{written}', but YAML 1.1 tools read it as "
                f"{old}; put it in quotes ('{written}') to keep the word, or write {old}",
                path,
                Fix(action="Put it in quotes: {}", replacements=(f"'{written}'",)),
            )
            self.yes_no_words[path] = self.problems[-1]
        elif _OLD_OCTAL.fullmatch(written) and isinstance(value, int):
            self._problem(
                mark,
                "RC111",
                f"'{written}' is read as the number {value}, but YAML 1.1 tools read it as "
                f"{int(written, 8)}; write {value} without the leading zero",
                path,
                Fix(action="Write {}", replacements=(str(value),)),
            )
        elif len(written) <= MAX_DIGITS and _OLD_BINARY.fullmatch(written):
            number = int(written.replace("_", ""), 0)
            self._problem(
                mark,
                "RC111",
                f"'{written}' is read as text, but YAML 1.1 tools read it as the number "
                f"{number}; put it in quotes to keep the text, or write {number}",
                path,
            )

    def _problem(
        self, mark: Mark, code: str, message: str, path: KeyPath = (), fix: Fix | None = None
    ) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(too_many(self.file))
            raise _Stop
        self.problems.append(_mended(_located(self.file, mark, code, message, path), fix))


_DUPLICATE = object()

#: Characters text cannot hold: control characters (tab and line breaks aside, and in keys
#: not those either), halves of UTF-16 pairs, and the two non-characters U+FFFE and U+FFFF.
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_IN_KEYS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: The longest whole number read as one; longer ones (Python reads at most 4,300 digits)
#: are refused, so that no message ever has to print one.
MAX_DIGITS = 100
_LONG_NUMBER = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")

#: Plain values that YAML 1.1 reads as booleans (YAML 1.2 and this tool read them as text).
_OLD_BOOLEANS = frozenset(
    word
    for base in ("y", "n", "yes", "no", "on", "off")
    for word in (base, base.capitalize(), base.upper())
)
_OLD_OCTAL = re.compile(r"[-+]?0[0-7]+")
#: How every value above starts.
_OLD_STARTS = frozenset("yYnNoO+-0")
_OLD_BINARY = re.compile(r"[-+]?0b[01_]+")


def needs_quotes_for_yaml_1_1(text: str) -> bool:
    """Whether plain ``text`` would be read as something else by YAML 1.1 tools ('no', '0b1')."""
    return text in _OLD_BOOLEANS or _OLD_BINARY.fullmatch(text) is not None


_KEYWORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}
_NUMBERS: tuple[tuple[re.Pattern[str], Callable[[str], Any]], ...] = (
    (re.compile(r"[-+]?[0-9]+"), int),
    (re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+"), lambda text: int(text, 0)),
    (re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"), float),
)


def _resolve(event: ScalarEvent) -> Any:
    """Resolve a scalar by the YAML 1.2 core schema; quoted and block scalars stay text."""
    value: str = event.value
    if event.style or not event.implicit[0]:  # quoted or block (the C parser says '' for plain)
        return value
    if value in _KEYWORDS:
        return _KEYWORDS[value]
    for pattern, convert in _NUMBERS:
        if pattern.fullmatch(value):
            return convert(value)
    return value

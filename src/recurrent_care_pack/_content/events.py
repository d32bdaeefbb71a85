"""Building plain data from parser events: marks noted, what content never needs refused.

Scalars are resolved by the YAML 1.2 core schema; a plain value that YAML 1.1 tools read
otherwise ('no', '010') is flagged (RC111).
"""

import re
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

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

from recurrent_care_pack._problems import MAX_PROBLEMS, Fix, Problem, quoted, too_many

from .marks import KeyPath, Mark, located, mended

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_VALUES",
    "Builder",
    "Stop",
    "needs_quotes_for_yaml_1_1",
    "resolve",
]

#: How deeply mappings and lists may nest; the pack needs fewer than twenty levels.
MAX_DEPTH = 64

#: The most values (keys, items, texts, numbers) one file may hold: a thousand times the
#: bundled pack holds 620,000, so only a file that is not content reaches it. It bounds the
#: time a file can take (a 32 MiB list of 1s holds 16 million).
MAX_VALUES = 1_000_000


class Stop(Exception):  # noqa: N818 (a signal, not an error)
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


class Builder:
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
                    raise Stop
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
            raise Stop
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
                raise Stop
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
            raise Stop
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
        return resolve(event)

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
            raise Stop
        self.problems.append(mended(located(self.file, mark, code, message, path), fix))


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


def resolve(event: ScalarEvent) -> Any:
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

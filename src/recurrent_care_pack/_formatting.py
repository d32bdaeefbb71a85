"""Formatting: content files in one canonical layout, every comment and value kept.

Keys in the order the schema lists them, two-space indentation, quotes only where a value
needs them, durations spelt the canonical way ("22 minutes 31 seconds"). Files are read
with ruamel.yaml's round-trip mode, so comments and block scalars survive; a file this
tool would refuse to read is never rewritten.
"""

import difflib
import io
import itertools
import re
from pathlib import Path
from typing import Any

from attrs import frozen
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, MarkedYAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ._durations import diagnose, format_duration, parse_duration
from ._problems import Problem
from ._reading import MAX_FILE_SIZE, needs_quotes_for_yaml_1_1, read_file, syntax_problem
from ._schema import resolve, schema

__all__ = ["Formatted", "format_file", "format_text"]


#: Characters that parsers read differently inside [flow, lists]: such items are quoted.
_FLOW_UNSAFE = re.compile(r"""[?:,\[\]{}#&*!|>'"%@`]|^[-\s]|\s$""")


@frozen(kw_only=True)
class Formatted:
    """One file's formatting: its text before and after, or why it was not formatted."""

    file: Path
    before: str | None
    after: str | None
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.after is not None and self.after != self.before

    def diff(self) -> str:
        """The change as a unified diff."""
        return "".join(
            difflib.unified_diff(
                (self.before or "").splitlines(keepends=True),
                (self.after or "").splitlines(keepends=True),
                fromfile=f"{self.file} (now)",
                tofile=f"{self.file} (formatted)",
            )
        )


def format_file(file: Path, max_size: int = MAX_FILE_SIZE) -> Formatted:
    """Format one file in memory; it is refused (with its problems) unless it reads cleanly."""
    document, problems = read_file(file, max_size)
    refusing = [p for p in problems if p.code in {"RC103", "RC112"}]
    if document is None or refusing:
        return Formatted(file=file, before=None, after=None, problems=tuple(problems))
    before = file.read_bytes().decode("utf-8-sig")
    try:
        after = format_text(before)
    except MarkedYAMLError as error:  # the round-trip reader is stricter in a few corners
        problem = syntax_problem(file, error, before)
        return Formatted(file=file, before=None, after=None, problems=(problem,))
    return Formatted(file=file, before=before, after=after)


def format_text(text: str) -> str:
    """The canonical layout of one content file's text (which must be readable YAML)."""
    yaml = _yaml()
    data = yaml.load(text)
    _canonical(data, schema())
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a line an editor wrote
    return yaml


def _branch(subschema: dict[str, Any], node: Any) -> dict[str, Any]:
    """The branch of a choice that a mapping takes, by the keys it has."""
    for option in subschema.get("oneOf", []):
        branch = resolve(option)
        if isinstance(node, dict) and set(branch.get("required", ())) & set(node):
            return branch
    return subschema


def _canonical(
    node: Any, subschema: dict[str, Any] | None, column: int = 0, in_list: bool = False
) -> Any:
    """Put ``node`` in canonical form; ``column`` is where its keys or dashes will stand."""
    here = _branch(resolve(subschema), node)
    if isinstance(node, CommentedMap):
        properties: dict[str, Any] = here.get("properties", {})
        order = [k for k in properties if k in node] + [k for k in node if k not in properties]
        _reorder(node, order, column)
        for key in list(node):
            _replace(node, key, _canonical(node[key], properties.get(key), column + 2))
    elif isinstance(node, CommentedSeq):
        flow = in_list and all(not isinstance(v, (dict, list)) for v in node)
        if flow:
            node.fa.set_flow_style()  # a list inside a list: [flipchart paper, marker pens]
        for index, value in enumerate(node):
            changed = _canonical(value, here.get("items"), column + 2, in_list=True)
            if flow and isinstance(changed, str) and _FLOW_UNSAFE.search(changed):
                changed = SingleQuotedScalarString(changed)  # every YAML parser reads it alike
            _replace(node, index, changed)
    elif isinstance(node, str):
        return _canonical_text(node, here)
    return node


def _replace(container: Any, key: Any, value: Any) -> None:
    if value is not container[key]:  # keep the very object, and its style, when unchanged
        container[key] = value


def _canonical_text(text: str, here: dict[str, Any]) -> str:
    if here is schema()["$defs"]["duration"] and diagnose(text) is None:
        canonical = format_duration(parse_duration(text))
        return canonical if canonical != text else text
    if needs_quotes_for_yaml_1_1(text):
        quoted: str = SingleQuotedScalarString(text)
        return quoted
    return text


def _reorder(node: CommentedMap, order: list[Any], column: int) -> None:
    """Put the keys of ``node`` in ``order``, each comment line staying with what it is about.

    ruamel.yaml keeps the lines between two entries with the end of the first entry's value.
    Where reordering parts two entries, those lines go above the entry they came before,
    and lines after the last entry stay at the end.
    """
    keys = list(node)
    if keys == order:
        return
    following = dict(itertools.pairwise(order))
    at_end: list[str] = []
    for key, after in zip(keys, [*keys[1:], None], strict=True):
        if following.get(key) == after:
            continue
        lines = _detach_trailing_lines(node, key)
        if after is None:
            at_end = lines
        elif lines:
            slot = node.ca.items.setdefault(after, [None, None, None, None])
            tokens = [CommentToken(f"{line}\n", CommentMark(column)) for line in lines]
            slot[1] = tokens + list(slot[1] or [])
    for key in order:
        node.move_to_end(key)
    if at_end:
        container, key = _deepest_last(node, order[-1])
        position = 2 if isinstance(container, CommentedMap) else 0
        slot = container.ca.items.setdefault(key, [None, None, None, None])
        text = "".join(f"{line}\n" for line in at_end)
        if slot[position] is None:
            slot[position] = CommentToken("\n" + text, CommentMark(0))
        else:
            slot[position].value += text


def _detach_trailing_lines(node: CommentedMap, key: Any) -> list[str]:
    """Take the whole comment lines that follow an entry's value; its end-of-line comment stays."""
    container, last = _deepest_last(node, key)
    position = 2 if isinstance(container, CommentedMap) else 0
    slot = container.ca.items.get(last)
    if slot is None or len(slot) <= position or slot[position] is None:
        return []
    token = slot[position]
    head, _, tail = token.value.partition("\n")
    if not tail:
        return []
    if head.strip():
        token.value = head + "\n"
    else:
        slot[position] = None
    return [line.strip() for line in tail.splitlines()]


def _deepest_last(container: Any, key: Any) -> tuple[Any, Any]:
    """The innermost last entry at the end of an entry's value, where trailing lines are kept."""
    value = container[key]
    while (
        isinstance(value, (CommentedMap, CommentedSeq))
        and len(value)
        and not value.fa.flow_style()
    ):
        container, key = (
            value,
            (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1),
        )
        value = container[key]
    return container, key

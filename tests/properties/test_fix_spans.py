"""A fix changes what it names alone, whatever the layout: a value whole, or a missing key.

Data of every shape, written by ruamel's emitter with a random line width (flow mappings
and lists broken over lines, plain values folded over two) and random quoting (``'a}'``,
``"b, c"``, ``|-``): for each value, the text from where it starts to where `where_marked_ends`
says it ends is replaced by a new word, as SARIF's fix and the editor's quick fix do. The
text read again holds the new word there and every other key and value as it was. And a
key of Section 3 deleted: its fix adds it to the mapping it is missing from, nowhere else.
"""

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from paths import DATA
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from recurrent_care_pack import validate
from recurrent_care_pack._content.marks import KeyPath
from recurrent_care_pack._content.reading import read_text, value_ends, where_marked_ends
from recurrent_care_pack._output.sarif import sarif_log
from recurrent_care_pack._text import LINE_BREAK

#: A word the fix writes: plain, in flow or block context alike.
NEW = "zz-new"

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: A letter, up to 12 of letters and what YAML may read as syntax, a letter; as texts and
#: tuples, not as a regex: Hypothesis draws those in half the time.
_texts = st.tuples(
    st.sampled_from(_LETTERS),
    st.text(_LETTERS + " }],{[#'\":-", max_size=12),
    st.sampled_from(_LETTERS),
).map("".join)
_quoted = st.one_of(
    _texts,
    _texts.map(SingleQuotedScalarString),
    _texts.map(DoubleQuotedScalarString),
    _texts.map(LiteralScalarString),
    _texts.map(FoldedScalarString),
)
_keys = st.text(_LETTERS, min_size=1, max_size=6)
_data = st.dictionaries(
    _keys,
    st.recursive(
        _quoted,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=4),
            st.dictionaries(_keys, inner, min_size=1, max_size=4),
        ),
        max_leaves=12,
    ),
    min_size=1,
    max_size=4,
)


def _written(data: dict[str, Any], width: int, flow: bool | None) -> str:
    yaml = YAML()
    yaml.width = width
    yaml.default_flow_style = flow
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _read(text: str) -> Any:
    document, problems = read_text(Path("x.yaml"), text.encode("utf-8"))
    assert document is not None, problems
    return document


def _leaves(data: Any, path: KeyPath = ()) -> list[KeyPath]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for n, value in enumerate(data) for leaf in _leaves(value, (*path, n))]
    return [path]


def _replaced(data: Any, path: KeyPath) -> Any:
    if not path:
        return NEW
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: _replaced(v, rest) if k == head else v for k, v in data.items()}
    return [_replaced(v, rest) if n == head else v for n, v in enumerate(data)]


@given(data=_data, width=st.integers(8, 80), flow=st.sampled_from([True, False, None]))
def test_a_fix_replaces_its_value_whole_and_nothing_else(
    data: dict[str, Any], width: int, flow: bool | None
) -> None:
    """Each value's span replaced: the new word there, every other key and value unchanged."""
    text = _written(data, width, flow)
    document, _ = read_text(Path("x.yaml"), text.encode("utf-8"))
    # Not what the emitter writes and libyaml will not read ('{a: a:a}'), nor text the core
    # schema reads as a number or a date.
    assume(document is not None and document.data == data)
    assert document is not None
    ends, lines = value_ends(text), LINE_BREAK.split(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)  # the emitter breaks lines with '\n'
    for path in _leaves(data):
        start = document.where(path)
        end = where_marked_ends(ends, lines, start)
        assert end is not None  # the emitter writes no comment after a '|'
        first = starts[start.line - 1] + start.column - 1
        last = starts[end.line - 1] + end.column - 1
        mended = text[:first] + NEW + text[last:]
        assert _read(mended).data == _replaced(data, path), (path, text, mended)


#: The bundled Section 3, and its lines that hold a key and its whole value.
_SECTION = (DATA / "section-3.yaml").read_text(encoding="utf-8")
_LINES = _SECTION.splitlines(keepends=True)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" -"))


_ONE_LINE_KEYS = [
    n
    for n, line in enumerate(_LINES[:-1])
    if re.fullmatch(r" +[a-z_]+: \S.*\n", line) and _indent(_LINES[n + 1]) <= _indent(line)
]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(_ONE_LINE_KEYS))
def test_a_missing_keys_fix_adds_it_to_the_mapping_it_is_missing_from(
    tmp_path_factory: pytest.TempPathFactory, deleted: int
) -> None:
    """A key of Section 3 deleted: SARIF's fix for each RC202 puts it back in its own mapping.

    Made, the file holds that key (with no value yet) where it was missing, and nothing else
    changed: the mapping's other keys, and every other part of the file, read as before.
    """
    folder = tmp_path_factory.mktemp("pack")
    shutil.copy(DATA / "pack.yaml", folder / "pack.yaml")
    text = "".join(_LINES[:deleted] + _LINES[deleted + 1 :])
    file = folder / "section-3.yaml"
    file.write_text(text, encoding="utf-8")
    before = _read(text).data
    missing = [p for p in validate(folder) if p.code == "RC202" and p.fix is not None]
    assume(missing)  # a key the pack may leave out: nothing to add
    for problem, result in zip(
        missing, sarif_log(missing, [file])["runs"][0]["results"], strict=True
    ):
        [fix] = result["fixes"]
        [change] = fix["artifactChanges"][0]["replacements"]
        region, inserted = change["deletedRegion"], change["insertedContent"]["text"]
        lines = text.splitlines(keepends=True)
        at = sum(map(len, lines[: region["startLine"] - 1])) + region["startColumn"] - 1
        assert region["endColumn"] == region["startColumn"]  # an insertion: nothing deleted
        after = _read(text[:at] + inserted + text[at:]).data
        assert problem.fix is not None
        assert problem.fix.key is not None
        assert after == _added(before, _key_path(problem.path), problem.fix.key)


def _key_path(json_path: str) -> KeyPath:
    """``("sections", 0, "title")`` for ``$.sections[0].title``."""
    found = re.findall(r"\.([^.\[]+)|\[(\d+)\]", json_path)
    return tuple(key or int(index) for key, index in found)


def _added(data: Any, path: KeyPath, key: str) -> Any:
    """``data`` with ``key`` (no value) added to the mapping at ``path``."""
    if not path:
        return {**data, key: None}
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: _added(v, rest, key) if k == head else v for k, v in data.items()}
    return [_added(v, rest, key) if n == head else v for n, v in enumerate(data)]

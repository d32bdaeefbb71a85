"""Invariants over generated content: round trips are lossless, schema and model agree."""

import re
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from schema_documents import schema_documents
from strategies import durations, packs

from recurrent_care_pack import CODES, Pack, validate
from recurrent_care_pack._content.building import pack_from_dict, pack_to_dict
from recurrent_care_pack._content.dumping import dump
from recurrent_care_pack._content.loading import check
from recurrent_care_pack._content.schema import schema
from recurrent_care_pack._durations import PATTERN, diagnose, format_duration, parse_duration

_SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(packs())
def test_model_to_dict_to_model_is_identity(pack: Pack) -> None:
    """Writing a pack as plain data and building it again gives the same pack."""
    assert pack_from_dict(pack_to_dict(pack)) == pack


@_SLOW
@given(packs())
def test_schema_accepts_whatever_the_model_writes(pack: Pack) -> None:
    """The schema accepts every document the model writes: schema and model agree."""
    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [e.message for e in validator.iter_errors(pack_to_dict(pack))]
    assert errors == []


@_SLOW
@given(pack=packs())
def test_model_to_yaml_file_to_model_is_identity(
    tmp_path_factory: pytest.TempPathFactory, pack: Pack
) -> None:
    """A generated pack written to a YAML file loads back, valid and unchanged."""
    file = tmp_path_factory.mktemp("pack") / "pack.yaml"
    file.write_text(dump(pack_to_dict(pack)), encoding="utf-8")
    result = check(file)
    assert [str(p) for p in result.problems] == []
    assert result.pack == pack
    assert validate(file) == ()


@given(durations)
def test_durations_round_trip_through_their_spelling(duration: timedelta) -> None:
    """Every duration is written in a spelling that reads back as the same duration."""
    text = format_duration(duration)
    assert diagnose(text) is None
    assert parse_duration(text) == duration


@given(st.text(max_size=30))
@example("0\x1f")  # whitespace that str.strip knows and int() does not
def test_schema_pattern_and_parser_agree_on_any_text(text: str) -> None:
    """The schema's duration pattern accepts exactly what the parser reads."""
    assert schema()["$defs"]["duration"]["pattern"] == PATTERN
    assert (re.search(PATTERN, text) is not None) == (diagnose(text) is None)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_a_pack_or_located_problems(raw: bytes) -> None:
    """Whatever a file holds, checking it gives a pack or located problems, never an error."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "pack.yaml"
        file.write_bytes(raw)
        result = check(file)
    assert (result.pack is None) == bool(result.problems)
    for problem in result.problems:
        assert problem.file == file
        assert problem.line is not None
        assert problem.line >= 1
        assert problem.column is not None
        assert problem.column >= 1
        assert problem.code in CODES


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(["pack", "sections", "id", "title", "time"]) | st.text(max_size=6),
                children,
                max_size=3,
            )
        ),
        max_leaves=12,
    )
)
def test_any_yaml_data_gives_a_pack_or_located_problems(data: object) -> None:
    """Any YAML structure at all is checked without an error escaping."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "pack.yaml"
        file.write_text(dump(data), encoding="utf-8")
        result = check(file)
    assert (result.pack is None) == bool(result.problems)
    assert all(p.code in CODES for p in result.problems)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _texts(data: object) -> list[str]:
    """Every key and text in plain data."""
    if isinstance(data, dict):
        return [*map(str, data), *(t for v in data.values() for t in _texts(v))]
    if isinstance(data, list):
        return [t for v in data for t in _texts(v)]
    return [data] if isinstance(data, str) else []


# 50, not 150: each document takes 0.15 s to draw and check, with its strategies made once
# (schema_documents.py; 0.3 s without), and reading arbitrary bytes and YAML (above) and
# careless edits (test_fuzz.py) cover the same promise of located problems, never an error,
# with hundreds of cheap examples.
@pytest.mark.slow
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.deferred(schema_documents))  # built when first run, not collected
def test_documents_from_the_schema_load_or_give_located_problems(document: object) -> None:
    """Whatever the schema allows, written out as a file, loads or gives located problems.

    The schema allows control characters in text, which reading refuses (RC115).
    """
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "pack.yaml"
        file.write_text(dump(document), encoding="utf-8")
        result = check(file)
    assert (result.pack is None) == bool(result.problems)
    for problem in result.problems:
        assert problem.code in CODES
        assert problem.line is not None
        if problem.code == "RC115":
            assert any(_CONTROL.search(text) for text in _texts(document))
            continue
        assert problem.code[:3] not in {"RC1", "RC2"}  # the schema allowed it: only meaning

"""Invariants over generated content: round trips are lossless, schema and model agree."""

import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from recurrent_care_pack import Pack, validate
from recurrent_care_pack._building import pack_from_dict, pack_to_dict
from recurrent_care_pack._durations import PATTERN, diagnose, format_duration, parse_duration
from recurrent_care_pack._loading import check
from recurrent_care_pack._schema import schema
from recurrent_care_pack._writing import dump
from strategies import durations, packs

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
def test_schema_pattern_and_parser_agree_on_any_text(text: str) -> None:
    """The schema's duration pattern accepts exactly what the parser reads."""
    assert schema()["$defs"]["duration"]["pattern"] == PATTERN
    assert (re.search(PATTERN, text) is not None) == (diagnose(text) is None)

"""The JSON Schema: well formed, helpful to editors, and the one the package uses."""

import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator
from paths import ROOT

from recurrent_care_pack._content.resources import bundled
from recurrent_care_pack._content.schema import schema

SCHEMA_FILE = ROOT / "schema" / "pack.schema.json"


def _objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{where}/{index}")


def test_schema_is_valid_draft_2020_12() -> None:
    """The schema is itself valid JSON Schema 2020-12, with an $id."""
    loaded = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["$id"]


def test_every_property_has_a_description_and_no_extra_keys_pass() -> None:
    """Every object forbids unknown keys and describes each of its properties."""
    objects = list(_objects(schema()))
    assert len(objects) > 20
    for where, node in objects:
        assert node.get("additionalProperties") is False, where
        for name, prop in node["properties"].items():
            assert prop.get("description"), f"{where}/properties/{name}"


def test_the_package_uses_the_schema_folder_copy() -> None:
    """In a checkout the package validates with schema/pack.schema.json itself."""
    assert bundled("schema/pack.schema.json").read_bytes() == SCHEMA_FILE.read_bytes()
    assert schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_content_files_point_editors_at_the_schema() -> None:
    """Each data file starts with the yaml-language-server line naming the schema."""
    files = sorted((ROOT / "data").glob("*.yaml"))
    assert files
    for file in files:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/pack.schema.json", file
        assert (file.parent / "../schema/pack.schema.json").resolve() == SCHEMA_FILE

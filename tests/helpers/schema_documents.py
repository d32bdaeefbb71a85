"""Documents the pack schema allows, drawn by hypothesis-jsonschema.

hypothesis-jsonschema 0.23 makes the strategy for an object's value anew at each draw
(``merged_as_strategies``, called inside its object strategy): it canonicalises the value's
schema and compiles its patterns again, half the time a pack document takes to draw. A
strategy depends only on the schemas it is made from, and a strategy can be drawn from any
number of times, so each is kept here once made: the same documents, in half the time. If a
later hypothesis-jsonschema has no such function, documents are drawn as it draws them.
"""

import copy
import json
from typing import Any

import hypothesis_jsonschema._from_schema as _drawing
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from recurrent_care_pack._content.schema import schema

_made = getattr(_drawing, "merged_as_strategies", None)
_kept: dict[tuple[str, int, int], tuple[st.SearchStrategy[Any], object, object]] = {}


def _merged_as_strategies(
    schemas: list[dict[str, Any]], *, alphabet: object, custom_formats: object
) -> st.SearchStrategy[Any]:
    """hypothesis-jsonschema's own, made once for each set of schemas (and alphabet)."""
    assert _made is not None
    key = (json.dumps(schemas, sort_keys=True), id(alphabet), id(custom_formats))
    if key not in _kept:  # the alphabet and formats kept too, so their ids stay theirs
        made = _made(schemas, alphabet=alphabet, custom_formats=custom_formats)
        _kept[key] = (made, alphabet, custom_formats)
    return _kept[key][0]


if _made is not None:
    _drawing.merged_as_strategies = _merged_as_strategies


def finite_schema() -> dict[str, Any]:
    """The schema with a tip's points cut to one level, which hypothesis-jsonschema needs."""
    finite = copy.deepcopy(schema())
    del finite["$id"]
    tip = finite["$defs"]["tip"]
    point = copy.deepcopy(tip)
    del point["properties"]["points"]
    tip["properties"]["points"]["items"] = point
    return finite


def schema_documents() -> st.SearchStrategy[Any]:
    """Any document the schema allows (its tips' points one level deep)."""
    return from_schema(finite_schema())

"""Writing: plain data to YAML text."""

import io
from typing import Any

from ruamel.yaml import YAML

__all__ = ["SCHEMA_LINE", "dump"]

#: The first line of every content file, so that editors find the schema.
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/pack.schema.json\n"


def dump(data: Any) -> str:
    """Write plain data as block-style YAML 1.2, quoting only where a value needs it."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()

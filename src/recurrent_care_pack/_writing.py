"""Writing: plain data to YAML text, and files replaced whole or not at all."""

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import SafeRepresenter

from ._reading import needs_quotes_for_yaml_1_1

__all__ = ["SCHEMA_LINE", "dump", "write_atomically"]

#: The first line of every content file, so that editors find the schema.
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/pack.schema.json\n"


def dump(data: Any) -> str:
    """Write plain data as block-style YAML 1.2, quoting only where a value needs it."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _represent_text(representer: SafeRepresenter, text: str) -> ScalarNode:
    """Text as plain as it can be, quoted where YAML 1.1 tools would read it otherwise."""
    style = "'" if needs_quotes_for_yaml_1_1(text) else None
    return representer.represent_scalar("tag:yaml.org,2002:str", text, style=style)


class _Representer(SafeRepresenter):
    """The safe representer, with text quoted where YAML 1.1 would misread it.

    It never writes anchors and aliases: content files refuse them (RC105), so data that
    shares an object is written out in full each time.
    """

    def ignore_aliases(self, data: object) -> bool:  # noqa: ARG002 (ruamel's hook)
        """Always write the data out in full."""
        return True


_Representer.add_representer(str, _represent_text)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` in one step: a reader sees the old file or the new.

    The content goes to a temporary file in the same folder, is flushed to disk, and is
    renamed over the old file, keeping its permissions; on any failure the old file stays.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

"""Writing: plain data to YAML text (files are written by `_files.replace_file`)."""

import io
from typing import Any

from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import SafeRepresenter

from .reading import PlainYAML, needs_quotes_for_yaml_1_1

__all__ = ["dump"]


def dump(data: Any) -> str:
    """Write plain data as block-style YAML 1.2, quoting only where a value needs it."""
    yaml = PlainYAML(typ="safe", pure=True)
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

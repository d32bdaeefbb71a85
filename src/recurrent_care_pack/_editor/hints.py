"""Inlay hints: each module's times at the end of its id's line, once the pack is valid."""

from __future__ import annotations

from lsprotocol import types

from recurrent_care_pack._durations import short_duration
from recurrent_care_pack._model import LearningModule
from recurrent_care_pack._use.queries import find, module_time

from .diagnostics import utf16_column

TYPE_CHECKING = False
if TYPE_CHECKING:
    from recurrent_care_pack._content.reading import Document
    from recurrent_care_pack._model import Pack

__all__ = ["module_hints"]


def module_hints(
    document: Document, pack: Pack, lines: list[str], first: int, last: int
) -> list[types.InlayHint]:
    """A hint of each module's times whose id is written on lines ``first`` to ``last``."""
    hints = []
    sections = document.data.get("sections") if isinstance(document.data, dict) else None
    for i, section in enumerate(sections if isinstance(sections, list) else ()):
        modules = section.get("modules") if isinstance(section, dict) else None
        for j, item in enumerate(modules if isinstance(modules, list) else ()):
            module_id = item.get("id") if isinstance(item, dict) else None
            mark = document.where(("sections", i, "modules", j, "id"))
            if not isinstance(module_id, str) or not first <= mark.line <= last:
                continue
            try:
                module = find(pack, module_id)
            except LookupError:
                continue
            if isinstance(module, LearningModule):
                text = lines[mark.line - 1] if mark.line <= len(lines) else ""
                end = types.Position(
                    line=mark.line - 1, character=utf16_column(text, len(text) + 1)
                )
                hints.append(
                    types.InlayHint(position=end, label=_times(pack, module), padding_left=True)
                )
    return hints


def _times(pack: Pack, module: LearningModule) -> str:
    """'films 23m · + discussion 33m · + exercise 53m'."""
    parts = [f"films {short_duration(module_time(pack, module))}"]
    if module.discussion is not None:
        parts.append(f"+ discussion {short_duration(module_time(pack, module, discussion=True))}")
    if module.exercise is not None:
        parts.append(f"+ exercise {short_duration(module_time(pack, module, exercise=True))}")
    if module.different_day is not None:
        other = module_time(pack, module, different_day=True, exercise=module.exercise is not None)
        parts.append(f"another day {short_duration(other)}")
    return " · ".join(parts)

"""Each module's times, once the pack is valid: inlay hints at its id's line's end, code lenses."""

from __future__ import annotations

from lsprotocol import types

from recurrent_care_pack._durations import short_duration
from recurrent_care_pack._model import LearningModule
from recurrent_care_pack._use.queries import find, module_time

from .diagnostics import utf16_column

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from recurrent_care_pack._content.reading import Document
    from recurrent_care_pack._model import Pack

__all__ = ["module_hints", "module_lenses"]


def module_hints(
    document: Document, pack: Pack, lines: list[str], first: int, last: int
) -> list[types.InlayHint]:
    """A hint of each module's times whose id is written on lines ``first`` to ``last``."""
    hints = []
    for line, module in _modules(document, pack, first, last):
        text = lines[line - 1] if line <= len(lines) else ""
        end = types.Position(line=line - 1, character=utf16_column(text, len(text) + 1))
        hints.append(types.InlayHint(position=end, label=_times(pack, module), padding_left=True))
    return hints


def module_lenses(document: Document, pack: Pack) -> list[types.CodeLens]:
    """Each module's times as a code lens above the line of its id (shown, not run)."""
    return [
        types.CodeLens(
            range=types.Range(
                start=types.Position(line=line - 1, character=0),
                end=types.Position(line=line - 1, character=0),
            ),
            command=types.Command(title=_times(pack, module), command=""),
        )
        for line, module in _modules(document, pack, 1, 2**31)
    ]


def _modules(
    document: Document, pack: Pack, first: int, last: int
) -> Iterator[tuple[int, LearningModule]]:
    """Each module of ``pack`` whose id ``document`` writes on lines ``first`` to ``last``."""
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
                yield mark.line, module


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

"""Each module's times, as inlay hints at its id's line's end and code lenses.

While the pack has problems, a module's times are shown if they are known all the same:
the module and its exercise built, each id given once (`Built`).
"""

from __future__ import annotations

from attrs import frozen
from lsprotocol import types

from recurrent_care_pack._durations import short_duration
from recurrent_care_pack._model import Exercise, LearningModule
from recurrent_care_pack._use.queries import find, module_time

from .diagnostics import utf16_column

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from recurrent_care_pack._content.reading import Document
    from recurrent_care_pack._model import Pack

__all__ = ["Built", "module_hints", "module_lenses"]


@frozen
class Built:
    """A pack as checking built it: ``whole`` (valid), or in part, and the ids given twice.

    In part, the parts problems put in doubt are left out and stand-ins fill what must be
    there, so only what does not depend on them is shown: a module's times (its allowance,
    discussion, different day and exercise), if it and its exercise built.
    """

    pack: Pack
    whole: bool
    twice: frozenset[str]

    def module(self, module_id: str) -> LearningModule | None:
        """The module ``module_id`` if its times are known: given once, its exercise too."""
        module = self._found(module_id)
        if not isinstance(module, LearningModule):
            return None
        if module.exercise is not None and not isinstance(self._found(module.exercise), Exercise):
            return None
        return module

    def _found(self, item_id: str) -> object:
        if item_id in self.twice:
            return None  # which of the two is meant is not known
        try:
            return find(self.pack, item_id)
        except LookupError:
            return None


def module_hints(
    document: Document, built: Built, lines: list[str], first: int, last: int
) -> list[types.InlayHint]:
    """A hint of each module's times whose id is written on lines ``first`` to ``last``."""
    hints = []
    for line, module in _modules(document, built, first, last):
        text = lines[line - 1] if line <= len(lines) else ""
        end = types.Position(line=line - 1, character=utf16_column(text, len(text) + 1))
        label = _times(built.pack, module)
        hints.append(types.InlayHint(position=end, label=label, padding_left=True))
    return hints


def module_lenses(document: Document, built: Built) -> list[types.CodeLens]:
    """Each module's times as a code lens above the line of its id (shown, not run)."""
    return [
        types.CodeLens(
            range=types.Range(
                start=types.Position(line=line - 1, character=0),
                end=types.Position(line=line - 1, character=0),
            ),
            command=types.Command(title=_times(built.pack, module), command=""),
        )
        for line, module in _modules(document, built, 1, 2**31)
    ]


def _modules(
    document: Document, built: Built, first: int, last: int
) -> Iterator[tuple[int, LearningModule]]:
    """Each module whose id ``document`` writes on lines ``first`` to ``last``, times known."""
    sections = document.data.get("sections") if isinstance(document.data, dict) else None
    for i, section in enumerate(sections if isinstance(sections, list) else ()):
        modules = section.get("modules") if isinstance(section, dict) else None
        for j, item in enumerate(modules if isinstance(modules, list) else ()):
            module_id = item.get("id") if isinstance(item, dict) else None
            mark = document.where(("sections", i, "modules", j, "id"))
            if not isinstance(module_id, str) or not first <= mark.line <= last:
                continue
            module = built.module(module_id)
            if module is not None:
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

"""Hover: what a key means, what an id names, what a duration is in minutes, an item's times."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from recurrent_care_pack._durations import format_duration, parse_duration
from recurrent_care_pack._model import LearningModule, Section
from recurrent_care_pack._use.queries import find, module_time, section_time

from .diagnostics import range_at
from .index import Named, PackIndex, Reference, item_label
from .locating import Spot, description, is_duration, subschema, value_at

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import timedelta
    from pathlib import Path

    from recurrent_care_pack._model import Pack

    from .hints import Built

__all__ = ["hover_text", "minutes", "to_hover"]


def minutes(duration: timedelta) -> str:
    """A duration in minutes, as a number: '22.52 minutes', '23 minutes'."""
    count = round(duration.total_seconds() / 60, 2)
    shown = f"{count:.2f}".rstrip("0").rstrip(".")
    return f"{shown} minute{'' if shown == '1' else 's'}"


def hover_text(
    index: PackIndex,
    built: Built | None,
    file: Path,
    spot: Spot,
    unread: Sequence[Path] = (),
) -> str | None:
    """What to show for the key or value at ``spot`` in ``file`` (a file of ``index``).

    ``unread`` are the pack's files that do not read now: an id not found may be in one.
    ``built`` is the pack as last checked (`Built`): what it vouches for is shown.
    """
    sub = subschema(spot.path)
    if spot.on_key:
        words = description(sub)
        return f"**{spot.path[-1]}**\n\n{words}" if words else None
    found = index.at(file, spot.path)
    value = index.value(file, spot.path)
    if isinstance(found, Named):
        return _named(index, built, found)
    if isinstance(found, Reference):
        return _reference(index, built, found, unread)
    if is_duration(sub) and isinstance(value, str):
        return _duration_hover(value)
    return description(sub)


def _reference(
    index: PackIndex, built: Built | None, found: Reference, unread: Sequence[Path]
) -> str:
    """What a reference names; if nothing, whether a file that does not read may say."""
    named = index.named.get(found.id)
    if named is not None:
        return _named(index, built, named)
    if unread:
        names = " and ".join(f"`{each.name}`" for each in unread)
        first = "its first problem is" if len(unread) == 1 else "their first problems are"
        return (
            f"no {found.kind} has the id `{found.id}` in the files that read now; it may "
            f"be given in {names}, which cannot be read until {first} put right"
        )
    return f"no {found.kind} has the id `{found.id}`"


def _duration_hover(value: str) -> str | None:
    try:
        duration = parse_duration(value)
        written, counted = format_duration(duration), minutes(duration)
    except ValueError:  # DurationError, or none at all: its problem says what is wrong
        return None
    return f"**{written}**" if written == counted else f"**{written}**: {counted}"


def _named(index: PackIndex, built: Built | None, named: Named) -> str:
    """An item's name, kind and id, then what the pack says of it and its times.

    A module's times are shown whenever they are known (`Built.module`), a section's only
    for a whole pack: in part, its modules may not all be there.
    """
    item = named.item
    lines = [f"**{item_label(item, named.kind)}** ({named.kind} `{named.id}`)"]
    if named.kind == "film or presentation":
        lines.extend(_film(index, item))
    elif named.kind == "person":
        lines.extend(_facts(item, ("role",)))
        organisation = index.named.get(str(item.get("organisation")))
        if organisation is not None:
            lines.append(f"- organisation: {item_label(organisation.item, 'organisation')}")
    elif named.kind == "exercise":
        lines.extend(_exercise(item))
    module = built.module(named.id) if built is not None else None
    section = _section(built, named.id) if built is not None and built.whole else None
    if module is not None and built is not None:
        lines.extend(_module_times(built.pack, module))
    elif section is not None and built is not None:
        lines.append(f"- in one day: {format_duration(section_time(built.pack, section))}")
        optional = format_duration(section_time(built.pack, section, optional=True))
        lines.append(f"- with the optional discussions: {optional}")
    elif named.kind == "learning module":
        lines.extend(_facts(item, ("allowance", "exercise")))
    return "\n".join([lines[0], "", *lines[1:]]) if len(lines) > 1 else lines[0]


def _section(built: Built, item_id: str) -> Section | None:
    try:
        found = find(built.pack, item_id)
    except LookupError:
        return None
    return found if isinstance(found, Section) else None


def _film(index: PackIndex, item: dict[str, Any]) -> list[str]:
    lines = []
    speakers = [
        item_label(index.named[s].item, "person") if s in index.named else str(s)
        for s in item.get("speakers") or ()
    ]
    if speakers:
        lines.append(f"- speaker{'s' if len(speakers) > 1 else ''}: {', '.join(speakers)}")
    for key, name in (("running_time", "running time"), ("allowance", "allowance")):
        shown = _duration(item.get(key))
        if shown:
            lines.append(f"- {name}: {shown}")
    shown_in = []
    for reference in index.references_to(str(item.get("id"))):
        if "modules" in reference.path:
            at = reference.path.index("modules") + 2
            module = value_at(reference.document.data, reference.path[:at])
            if isinstance(module, dict):
                again = (
                    " (watched again on a different day)" if "rewatch" in reference.path else ""
                )
                shown_in.append(item_label(module, "learning module") + again)
    if shown_in:
        lines.append(f"- shown in: {'; '.join(shown_in)}")
    return lines


def _exercise(item: dict[str, Any]) -> list[str]:
    time = _duration(item.get("time"))
    phases = [
        _duration(p.get("duration")) for p in item.get("phases") or () if isinstance(p, dict)
    ]
    if not time:
        return []
    parts = f" ({' + '.join(p for p in phases if p)})" if any(phases) else ""
    return [f"- time: {time}{parts}"]


def _module_times(pack: Pack, module: LearningModule) -> list[str]:
    lines = [f"- films: {format_duration(module_time(pack, module))}"]
    if module.discussion is not None:
        discussed = module_time(pack, module, discussion=True)
        lines.append(f"- with the discussion: {format_duration(discussed)}")
    if module.exercise is not None:
        with_exercise = module_time(pack, module, exercise=True)
        lines.append(f"- with its exercise: {format_duration(with_exercise)}")
    if module.different_day is not None:
        other_day = module_time(pack, module, different_day=True, exercise=bool(module.exercise))
        lines.append(
            f"- on a different day, with the films to watch again: {format_duration(other_day)}"
        )
    return lines


def _facts(item: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    return [f"- {key}: {_duration(item[key]) or item[key]}" for key in keys if key in item]


def _duration(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        duration = parse_duration(value)
        written = format_duration(duration)
    except ValueError:  # DurationError, or none at all
        return None
    return f"{written} ({minutes(duration)})" if duration.seconds % 60 else written


def to_hover(text: str, lines: list[str], spot: Spot) -> types.Hover:
    """``text`` as the editor's hover, over the key or value at ``spot``."""
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=range_at(lines, spot.line, spot.column),
    )

"""Session files: a facilitator's session read, checked and built into a `Session`.

read YAML (as the pack's files are) -> check against ``session.schema.json`` -> check what
the schema cannot (slots that overlap or end before they start, breaks outside their slot,
items, films and case studies the pack does not hold) -> a `Session`. Every problem is
located and has a code; a session is given only when there are none.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import time, timedelta
from typing import Any

from recurrent_care_pack._durations import format_duration, parse_duration
from recurrent_care_pack._model import CaseStudy, Exercise, LearningModule, Media, Pack, Section
from recurrent_care_pack._naming import exercise_name, numbered
from recurrent_care_pack._problems import Problem, change_to, quoted
from recurrent_care_pack._session import Break, Location, Session, Slot
from recurrent_care_pack._text import closest, either

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .reading import Document

__all__ = ["SESSION_KEY", "check_session", "item_names"]

#: The top-level key of a session file.
SESSION_KEY = "session"

#: A plan's name for an item of the pack, as `find` reads it: "Module 2", "Exercise 9".

_Key = tuple[str | int, ...]

#: An id, as the schema has it: lowercase words and numbers joined by hyphens.
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def check_session(document: Document, pack: Pack | None) -> tuple[Session | None, list[Problem]]:
    """The session ``document`` holds, and every problem with it (then no session).

    ``pack``: the pack the session runs, to check the items, films and case studies it
    names; ``None`` when the pack cannot be read (those are then not checked). What the
    schema refuses is left out of the later checks; the rest is checked all the same.
    """
    from .schema import session_schema_failures  # noqa: PLC0415 (only when needed)

    problems = session_schema_failures(document)
    data = document.data.get(SESSION_KEY) if isinstance(document.data, dict) else None
    data = data if isinstance(data, dict) else {}
    slots = _each(data, "slots", _slot)
    problems.extend(_slot_problems(document, slots))
    problems.extend(_undated_problems(document, data))
    problems.extend(_comfort_problems(document, data))
    problems.extend(_break_problems(document, slots, _each(data, "breaks", _break)))
    if pack is not None:
        items = [(i, n) for i, n in enumerate(_listed(data, "items")) if isinstance(n, str)]
        problems.extend(_item_problems(document, items, pack))
        problems.extend(_location_problems(document, data, pack))
    if problems:
        return None, problems
    return _build(data), problems


def _listed(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _each(data: dict[str, Any], key: str, build: Any) -> list[tuple[int, Any]]:
    """Each entry of the list ``key`` that builds (the schema reports the others)."""
    built: list[tuple[int, Any]] = []
    for index, entry in enumerate(_listed(data, key)):
        try:
            built.append((index, build(entry)))
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
    return built


def _slot(entry: dict[str, Any]) -> Slot:
    """A slot; a date the schema refuses is left out, so its times are still checked."""
    try:
        date = dt.date.fromisoformat(entry["date"]) if entry.get("date") is not None else None
    except (TypeError, ValueError):
        date = None
    return Slot(
        start=_time(entry["start"]),
        end=None if entry.get("end") is None else _time(entry["end"]),
        date=date,
    )


def _break(entry: dict[str, Any]) -> Break:
    title = entry.get("title", "Break")
    if not isinstance(title, str):
        raise TypeError(title)
    return Break(at=_time(entry["at"]), length=parse_duration(entry["length"]), title=title)


_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def _time(text: str) -> time:
    found = _CLOCK.fullmatch(text)
    if found is None:
        raise ValueError(text)
    return time(int(found[1]), int(found[2]))


def _duration(value: str | None) -> timedelta | None:
    return None if value is None else parse_duration(value)


def _build(data: dict[str, Any]) -> Session:
    """The `Session` of a session the schema has passed."""
    comfort = data.get("comfort_breaks") or {}
    locations = {
        key: Location(
            url=place.get("url"),
            file=place.get("file"),
            page=None if place.get("page") is None else str(place["page"]),
            note=place.get("note"),
        )
        for kind in ("films", "case_studies")
        for key, place in (data.get(kind) or {}).items()
    }
    return Session(
        title=data.get("title"),
        service=data.get("service"),
        pack=data.get("pack"),
        items=tuple(data.get("items") or ()),
        participants=data.get("participants"),
        venue=data.get("venue"),
        room=data.get("room"),
        facilitators=tuple(data.get("facilitators") or ()),
        slots=tuple(_slot(slot) for slot in data.get("slots") or ()),
        breaks=tuple(_break(one) for one in data.get("breaks") or ()),
        break_every=_duration(comfort.get("at_most_every")),
        break_length=_duration(comfort.get("length")),
        break_after_exercises=bool(comfort.get("after_each_exercise", False)),
        discussions=bool(data.get("discussions", False)),
        rewatch=bool(data.get("rewatch", True)),
        budget=_duration(data.get("budget")),
        setup=_duration(data.get("setup")),
        opening=_duration(data.get("opening")),
        closing=_duration(data.get("closing")),
        locations=locations,
        notes=data.get("notes"),
    )


def _hh_mm(clock: time) -> str:
    return clock.strftime("%H:%M")


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _when(slot: Slot) -> str:
    """A slot's date and times as the file gives them: "2027-01-19, 09:30-11:00"."""
    times = _hh_mm(slot.start) + ("" if slot.end is None else f"-{_hh_mm(slot.end)}")
    return times if slot.date is None else f"{slot.date.isoformat()}, {times}"


def _slot_name(number: int, slot: Slot) -> str:
    """A slot by its number, date and times: "slot 2 (2027-01-19, 09:30-11:00)"."""
    return f"slot {number} ({_when(slot)})"


def _slot_problems(document: Document, slots: list[tuple[int, Slot]]) -> list[Problem]:
    """Slots that end before they start, overlap another, or come before the slot above."""
    problems: list[Problem] = []
    path: _Key = (SESSION_KEY, "slots")
    for index, slot in slots:
        if slot.end is not None and _minutes(slot.end) <= _minutes(slot.start):
            problems.append(
                document.problem(
                    (*path, index, "end"),
                    "RC501",
                    f"this slot ends at {_hh_mm(slot.end)}, "
                    f"{'when' if slot.end == slot.start else 'before'} it starts at "
                    f"{_hh_mm(slot.start)}; write the time it ends, on the 24-hour clock "
                    "(13:30, not 1:30)",
                )
            )
    for position, (index, slot) in enumerate(slots):
        if slot.date is None:
            continue
        for other_index, other in slots[:position]:
            if other.date is None:
                continue
            name = _slot_name(other_index + 1, other)
            if other.date > slot.date:
                problems.append(
                    document.problem(
                        (*path, index, "date"),
                        "RC502",
                        f"this slot is on {slot.date.isoformat()}, before {name}; list the "
                        "slots in the order they happen",
                    )
                )
                break
            if other.date == slot.date and other.start > slot.start and not _overlap(other, slot):
                problems.append(
                    document.problem(
                        (*path, index, "start"),
                        "RC502",
                        f"this slot starts at {_hh_mm(slot.start)}, before {name} on the same "
                        "day; list the slots in the order they happen",
                    )
                )
                break
            if other.date == slot.date and _overlap(other, slot):
                problems.append(
                    document.problem(
                        (*path, index),
                        "RC502",
                        f"this slot overlaps {name} on the same day; give each slot its own "
                        "time, or its own date",
                    )
                )
                break
    return problems


def _undated_problems(document: Document, data: dict[str, Any]) -> list[Problem]:
    """Slots with no date when another slot has one (a date written wrong is still a date)."""
    entries = [(i, e) for i, e in enumerate(_listed(data, "slots")) if isinstance(e, dict)]
    dated = next((i for i, e in entries if e.get("date") is not None), None)
    if dated is None:
        return []
    return [
        document.problem(
            (SESSION_KEY, "slots", index),
            "RC502",
            f"this slot has no date, and slot {dated + 1} has one; give every slot a date, "
            "or none",
        )
        for index, entry in entries
        if entry.get("date") is None
    ]


def _comfort_problems(document: Document, data: dict[str, Any]) -> list[Problem]:
    """Comfort breaks given a length but never placed (no 'at_most_every' or after exercises)."""
    comfort = data.get("comfort_breaks")
    if not isinstance(comfort, dict) or "length" not in comfort:
        return []
    if comfort.get("at_most_every") is not None or comfort.get("after_each_exercise") is True:
        return []
    return [
        document.problem(
            (SESSION_KEY, "comfort_breaks", "length"),
            "RC503",
            "comfort breaks with a length alone are never placed; add 'at_most_every' (such "
            "as 90 minutes) or 'after_each_exercise: true', or leave 'comfort_breaks' out",
            at_key=True,
        )
    ]


def _overlap(one: Slot, other: Slot) -> bool:
    """Whether two slots of one day share a minute (a slot with no end runs on)."""
    one_end = 24 * 60 if one.end is None else _minutes(one.end)
    other_end = 24 * 60 if other.end is None else _minutes(other.end)
    return _minutes(one.start) < other_end and _minutes(other.start) < one_end


def _break_problems(
    document: Document, slots: list[tuple[int, Slot]], breaks: list[tuple[int, Break]]
) -> list[Problem]:
    """Breaks at a time in no slot, or that run past the end of the slot they are in."""
    problems: list[Problem] = []
    slots = [(i, s) for i, s in slots if s.end is None or s.end > s.start]  # RC501 the rest
    if not slots:
        return problems
    for position, (index, one) in enumerate(breaks):
        path: _Key = (SESSION_KEY, "breaks", index)
        clash = next((other for _, other in breaks[:position] if _clash(one, other)), None)
        if clash is not None:
            until = _clock(timedelta(minutes=_minutes(clash.at)) + clash.length)
            problems.append(
                document.problem(
                    (*path, "at"),
                    "RC503",
                    f"the break {quoted(one.title)} at {_hh_mm(one.at)} overlaps the break "
                    f"{quoted(clash.title)} ({_hh_mm(clash.at)}-{until}); give each break its "
                    "own time",
                )
            )
            continue
        at = _minutes(one.at)
        length = one.length // timedelta(minutes=1)
        inside = [
            (number + 1, slot)
            for number, slot in slots
            if _minutes(slot.start) <= at and (slot.end is None or at < _minutes(slot.end))
        ]
        title = quoted(one.title)
        if not inside:
            booked = "; ".join(f"slot {n + 1}: {_when(s)}" for n, s in slots)
            problems.append(
                document.problem(
                    (*path, "at"),
                    "RC503",
                    f"the break {title} is at {_hh_mm(one.at)}, outside every slot "
                    f"({booked}); move it to a time inside a slot",
                )
            )
            continue
        for number, slot in inside:
            if slot.end is None or at + length <= _minutes(slot.end):
                continue
            span = timedelta(minutes=_minutes(slot.end) - _minutes(slot.start))
            if one.length >= span:
                message = (
                    f"the break {title} is {format_duration(one.length)} long, as long as "
                    f"or longer than {_slot_name(number, slot)}; shorten it"
                )
            else:
                ends = timedelta(minutes=at + length)
                message = (
                    f"the break {title} runs to {_clock(ends)}, past the end of "
                    f"{_slot_name(number, slot)}; shorten it or start it earlier"
                )
            problems.append(document.problem((*path, "length"), "RC503", message))
            break
    return problems


def _clash(one: Break, other: Break) -> bool:
    """Whether two breaks share a minute."""
    start, other_start = timedelta(minutes=_minutes(one.at)), timedelta(minutes=_minutes(other.at))
    return start < other_start + other.length and other_start < start + one.length


def _clock(offset: timedelta) -> str:
    minutes = offset // timedelta(minutes=1)
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def item_names(pack: Pack) -> dict[str, Section | LearningModule | Exercise]:
    """What a session can run, by each name it may be given: ids, and "Module 2" alike."""
    names: dict[str, Section | LearningModule | Exercise] = {}
    for section in pack.sections:
        names[section.id] = section
        names[f"Section {section.number}"] = section
        for module in section.modules:
            names[module.id] = module
            names.setdefault(f"Module {module.number}", module)
        for exercise in section.exercises:
            names[exercise.id] = exercise
            names.setdefault(exercise_name(exercise), exercise)
    return names


def _find(pack: Pack, name: str) -> list[object]:
    """The items of the pack ``name`` names (as `find` reads names); none, or more than one."""
    everything: list[object] = [
        *pack.case_studies,
        *pack.people,
        *pack.organisations,
        *pack.works,
    ]
    for section in pack.sections:
        everything += [section, *section.modules, *section.media, *section.exercises]
    found = [item for item in everything if getattr(item, "id", None) == name]
    if found:
        return found
    return list(numbered(pack, name))


def _item_problems(document: Document, items: list[tuple[int, str]], pack: Pack) -> list[Problem]:
    """Items the pack does not hold, or that a session cannot run (a film alone)."""
    problems: list[Problem] = []
    names = item_names(pack)
    for index, name in items:
        found = _find(pack, name)
        where: _Key = (SESSION_KEY, "items", index)
        close: list[str] = []
        if len(found) == 1 and isinstance(found[0], (Section, LearningModule, Exercise)):
            continue
        if len(found) > 1:
            message = (
                f"{quoted(name)} names more than one item; name the section too, "
                f"e.g. '{name} of Section 3'"
            )
        elif found:
            what = "a film" if isinstance(found[0], Media) else "not a module, exercise or section"
            if isinstance(found[0], CaseStudy):
                what = "a case study"
            message = (
                f"{quoted(name)} is {what}, which a session cannot run by itself; name the "
                "module, exercise or section it belongs to"
            )
        else:
            close = closest(name, list(names))
            hint = (
                f"did you mean {either(close)}?"
                if close
                else "name a module, exercise or section, e.g. 'Module 2'"
            )
            message = f"nothing in the pack is called {quoted(name)}; {hint}"
        problems.append(document.problem(where, "RC504", message, fix=change_to(close)))
    return problems


def _location_problems(document: Document, data: dict[str, Any], pack: Pack) -> list[Problem]:
    """Films and case studies placed that the pack does not hold, or under the wrong key."""
    films = {m.id: m for s in pack.sections for m in s.media}
    cases = {c.id: c for c in pack.case_studies}
    problems: list[Problem] = []
    for kind, known, other, noun in (
        ("films", films, cases, "film"),
        ("case_studies", cases, films, "case study"),
    ):
        placed = data.get(kind)
        placed = placed if isinstance(placed, dict) else {}
        for key in placed:
            if key in known or not isinstance(key, str) or not _ID.fullmatch(key):
                continue  # not an id: the schema's RC205 says so
            where: _Key = (SESSION_KEY, kind, key)
            close: list[str] = []
            if key in other:
                right = "case_studies" if kind == "films" else "films"
                what = "a case study" if kind == "films" else "a film"
                message = f"{quoted(key)} is {what}, not a {noun}; put it under '{right}'"
            else:
                close = closest(key, sorted(known), placed)  # not one it has
                hint = (
                    f"did you mean {either(close)}?"
                    if close
                    else f"the pack's {kind.replace('_', ' ')} are {_some(sorted(known))}"
                )
                message = f"the pack has no {noun} {quoted(key)}; {hint}"
            problems.append(
                document.problem(where, "RC505", message, at_key=True, fix=change_to(close))
            )
    return problems


def _some(ids: list[str]) -> str:
    shown = ", ".join(f"'{i}'" for i in ids[:8])
    return shown + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")

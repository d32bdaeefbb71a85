"""Presenting: agendas, items and materials lists as text tables and as stable JSON."""

from datetime import date, time, timedelta
from typing import Any

from recurrent_care_pack._content.building import converter
from recurrent_care_pack._content.dumping import dump
from recurrent_care_pack._durations import format_duration, short_duration
from recurrent_care_pack._model import Exercise, LearningModule, Pack, Section, Work, lookup
from recurrent_care_pack._naming import either, exercise_names
from recurrent_care_pack._session import Session
from recurrent_care_pack._use.planning import Agenda, Entry, EntryKind
from recurrent_care_pack._use.queries import (
    Item,
    Materials,
    label,
    module_time,
    section_time,
)

__all__ = [
    "agenda_data",
    "agenda_text",
    "day_heading",
    "item_text",
    "long_date",
    "materials_data",
    "materials_text",
    "session_heading",
]


def long_date(day: date) -> str:
    """A date as a British handout gives it: "Tuesday 12 January 2027"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_heading(agenda: Agenda, number: int) -> str | None:
    """A day's heading: "Day 2: Tuesday 19 January 2027", "Day 2", or a one-day plan's date."""
    when = agenda.date(number)
    if agenda.days > 1:
        return f"Day {number}: {long_date(when)}" if when else f"Day {number}"
    return long_date(when) if when else None


_DASH = "\N{EN DASH}"


def session_heading(agenda: Agenda, number: int) -> str | None:
    """A day's heading with its booked slot: "Day 2, Tuesday 19 January 2027, 09:30 to 11:00".

    The times are joined by an en dash.

    A one-day plan: its date and span, if it has a date or a booked end; else none.
    """
    entries = agenda.day(number)
    slot = agenda.slot(number)
    end = slot.end or (entries[-1].end if entries else None)
    span = f"{slot.start:%H:%M}{_DASH}{end:%H:%M}" if end is not None else f"{slot.start:%H:%M}"
    when = agenda.date(number)
    parts = [f"Day {number}"] if agenda.days > 1 else []
    if when is not None:
        parts.append(long_date(when))
    if agenda.days == 1 and when is None and slot.end is None:
        return None
    return ", ".join([*parts, span])


def _row(entry: Entry) -> str:
    optional = " (optional)" if entry.optional and entry.kind is not EntryKind.DISCUSSION else ""
    title = entry.title
    if entry.kind is EntryKind.BREAK:
        title = f"{title}, back at {entry.end:%H:%M}"
    return (
        f"  {entry.start:%H:%M}-{entry.end:%H:%M}  {short_duration(entry.duration):>8}  "
        f"{title}{optional}"
    )


def _entry_notes(entries: tuple[Entry, ...], *, session: bool) -> list[str]:
    """Why entries are as they are (a film shown first, the pack's re-watch), as notes.

    ``session``: the plan is a session file's, whose ``rewatch`` is what leaves it out.
    """
    notes = []
    option = "rewatch: false" if session else "--no-rewatch"
    for entry in entries:
        if entry.note is not None:
            hint = f" ({option} leaves it out)" if entry.rewatch else ""
            if entry.note.endswith("this plan leaves it out"):
                hint = f" ({option} was given)"
            notes.append(f"Note: {entry.note[:1].upper()}{entry.note[1:]}{hint}.")
    return notes


def agenda_text(agenda: Agenda, session: Session | None = None) -> str:  # noqa: C901 (one table)
    """An agenda as a table a facilitator can follow, a day at a time, with the plan's notes.

    ``session``: the session planned; its title, venue and room head the plan. Lines that
    start "Note: " are the tool's own words, not the pack's.
    """
    lines: list[str] = []
    if session is not None:
        lines += [line for line in (session.title, _place(session)) if line]
    if not agenda.entries:
        return "\n".join([*lines, "Nothing to plan."])
    if lines:
        lines.append("")
    for day in range(1, agenda.days + 1):
        entries = agenda.day(day)
        heading = session_heading(agenda, day)
        if heading is not None:
            lines += ["", heading] if lines and lines[-1] else [heading]
        lines += [_row(entry) for entry in entries]
        if agenda.days > 1:
            span = sum((e.duration for e in entries), timedelta())
            lines.append(f"  ends {entries[-1].end:%H:%M}: {short_duration(span)}")
            lines += _entry_notes(entries, session=session is not None)
            lines += [f"Note: {n.text}" for n in agenda.notes if n.day == day]
    breaks = agenda.total - agenda.session_time
    closing = f"In all: {short_duration(agenda.total)}"
    if agenda.days == 1:
        closing = f"Ends {agenda.entries[-1].end:%H:%M}. {closing}"
    if breaks:
        sessions = short_duration(agenda.session_time)
        closing += f" ({sessions} of sessions, {short_duration(breaks)} of breaks)"
    lines += ["", closing]
    if agenda.left_out:
        lines.append("Left out to fit the budget: " + "; ".join(agenda.left_out))
    if agenda.days == 1:
        lines += _entry_notes(agenda.entries, session=session is not None)
        lines += [f"Note: {n.text}" for n in agenda.notes]
    else:
        lines += [f"Note: {n.text}" for n in agenda.notes if n.day is None]
    return "\n".join(lines)


def _place(session: Session) -> str | None:
    """Where a session is: "Venue, room"."""
    where = [w for w in (session.venue, session.room) if w]
    return ", ".join(where) or None


def agenda_data(agenda: Agenda) -> dict[str, Any]:
    """An agenda as plain data for JSON: see README, "rcpack plan --json"."""
    return {
        "days": [
            {
                "day": day,
                "date": None if agenda.date(day) is None else f"{agenda.date(day):%Y-%m-%d}",
                "start": f"{agenda.day(day)[0].start:%H:%M}",
                "end": f"{agenda.day(day)[-1].end:%H:%M}",
                "slot_start": f"{agenda.slot(day).start:%H:%M}",
                "slot_end": _clock(agenda.slot(day).end),
                "entries": [
                    {
                        "start": f"{e.start:%H:%M}",
                        "end": f"{e.end:%H:%M}",
                        "seconds": int(e.duration.total_seconds()),
                        "duration": format_duration(e.duration),
                        "kind": e.kind.value,
                        "title": e.title,
                        "item": e.item,
                        "films": list(e.films),
                        "optional": e.optional,
                        "rewatch": list(e.rewatch),
                        "note": e.note,
                    }
                    for e in agenda.day(day)
                ],
            }
            for day in range(1, agenda.days + 1)
        ],
        "total_seconds": int(agenda.total.total_seconds()),
        "session_seconds": int(agenda.session_time.total_seconds()),
        "left_out": list(agenda.left_out),
        "notes": [{"text": n.text, "day": n.day, "item": n.item} for n in agenda.notes],
    }


def _clock(when: time | None) -> str | None:
    return None if when is None else f"{when:%H:%M}"


def item_text(pack: Pack, item: Item) -> str:
    """One item: its name as the pack gives it, its times, its hedges, then all it holds."""
    title = getattr(item, "title", None) or getattr(item, "name", None)
    name = label(pack, item)
    named = name != item.id
    lines = [f"{name}: {title}" if title and named else name if named else str(title or item.id)]
    if isinstance(item, LearningModule):
        films = module_time(pack, item)
        lines.append(f"  films: {format_duration(films)}")
        if item.discussion is not None:
            discussed = module_time(pack, item, discussion=True)
            lines.append(f"  with the discussion: {format_duration(discussed)}")
        if item.exercise is not None:
            lines.append(
                f"  with its exercise: {format_duration(module_time(pack, item, exercise=True))}"
            )
            if item.discussion is not None:
                both = module_time(pack, item, discussion=True, exercise=True)
                lines.append(f"  with both: {format_duration(both)}")
        if item.different_day is not None:
            other_day = module_time(
                pack, item, different_day=True, exercise=item.exercise is not None
            )
            lines.append(
                "  on a different day, with the films the pack suggests watching first and its "
                f"exercise: {format_duration(other_day)}"
            )
    elif isinstance(item, Section):
        lines.append(f"  in one day: {format_duration(section_time(pack, item))}")
        optional = section_time(pack, item, optional=True)
        lines.append(f"  with the optional discussions: {format_duration(optional)}")
        lines.append(
            "  a module a day, with the films the pack suggests watching again: "
            f"{format_duration(section_time(pack, item, different_days=True))}"
        )
    elif isinstance(item, Exercise):
        phases = " + ".join(format_duration(p.duration) for p in item.phases)
        lines.append(f"  time: {format_duration(item.time)} ({phases})")
    if isinstance(item, Work) and item.inferred:
        cited = f" '{item.cited_as[0]}'" if item.cited_as else ""
        lines.append(f"  inferred from the pack's short citation{cited}; not confirmed by it")
    editorial = getattr(item, "editorial", ())
    if editorial:
        lines.append(f"  written for this data, not the pack's words: {', '.join(editorial)}")
    lines += ["", dump(converter().unstructure(item)).rstrip()]
    return "\n".join(lines)


def materials_text(pack: Pack, materials: Materials) -> str:
    """A checklist: case studies to print, things to bring, and choices."""
    lines: list[str] = []
    if materials.handouts:
        lines.append("To print")
        lines += [f"  [ ] {h.title} ({_exercises(pack, h.exercises)})" for h in materials.handouts]
    if materials.things:
        lines.append("To bring")
        lines += [f"  [ ] {t.name} ({_exercises(pack, t.exercises)})" for t in materials.things]
    if materials.choices:
        lines.append("Either of")
        for choice in materials.choices:
            options = either(choice.options)
            lines.append(f"  [ ] {options} ({_exercises(pack, choice.exercises)})")
    return "\n".join(lines) if lines else "Nothing to bring."


def materials_data(materials: Materials) -> dict[str, Any]:
    """A materials list as plain data for JSON."""
    data: dict[str, Any] = converter().unstructure(materials)
    return data


def _exercises(pack: Pack, ids: tuple[str, ...]) -> str:
    exercises = lookup(pack).exercises
    return exercise_names([exercises[i] for i in ids])

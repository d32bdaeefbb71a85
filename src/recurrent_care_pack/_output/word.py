"""Word documents (.docx) of the handouts, built with python-docx from the handout data."""

import io
from datetime import timedelta
from typing import Any

from recurrent_care_pack._durations import short_duration

__all__ = ["MissingExtraError", "word_document"]


class MissingExtraError(ImportError):
    """A format needs an optional extra that is not installed; the message says how."""


def word_document(kind: str, data: dict[str, Any]) -> bytes:
    """A handout as a Word document; raises `MissingExtraError` without python-docx."""
    try:
        from docx import Document  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise MissingExtraError(
            "Word handouts need python-docx: pip install 'recurrent-care-pack[docx]'"
        ) from None
    document = Document()
    document.core_properties.title = data["title"]
    document.core_properties.language = "en-GB"
    document.add_heading(data["title"], level=0)
    if kind == "guide":
        _guide(document, data)
    elif kind == "exercises":
        for exercise in data["exercises"]:
            _exercise(document, exercise, level=1)
    else:
        _tips(document, data["tips"], level=1)
        _works(document, data["works"])
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _guide(document: Any, data: dict[str, Any]) -> None:
    for section in data["sections"]:
        document.add_paragraph(section)
    document.add_heading("Agenda", level=1)
    for day in data["days"]:
        if len(data["days"]) > 1:
            document.add_heading(f"Day {day['day']}", level=2)
        _agenda(document, day["entries"])
    if data["left_out"]:
        document.add_paragraph("Left out to fit the time: " + "; ".join(data["left_out"]) + ".")
    document.add_heading("Films to queue", level=1)
    for module in data["modules"]:
        _module(document, module)
    document.add_heading("Exercises", level=1)
    for exercise in data["exercises"]:
        _exercise(document, exercise, level=2)
    _bring_and_read(document, data)


def _bring_and_read(document: Any, data: dict[str, Any]) -> None:
    document.add_heading("What to bring", level=1)
    materials = data["materials"]
    for item in [*materials["handouts"], *materials["things"], *materials["choices"]]:
        document.add_paragraph(f"\u2610 {item}")
    _tips(document, data["tips"], level=1)
    _works(document, data["works"])


def _tips(document: Any, parts: list[dict[str, Any]], *, level: int) -> None:
    for part in parts:
        document.add_heading(part["title"], level=level)
        if part["introduction"]:
            document.add_paragraph(part["introduction"])
        for category in part["categories"]:
            _category(document, category, level=level + 1)


def _works(document: Any, works: list[str]) -> None:
    if works:
        document.add_heading("Works cited", level=1)
        for work in works:
            document.add_paragraph(work, style="List Bullet")


def _agenda(document: Any, entries: list[dict[str, Any]]) -> None:
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Time", "Length", "What"), strict=True):
        cell.text = text
    for entry in entries:
        row = table.add_row().cells
        row[0].text = f"{entry['start']}\u2013{entry['end']}"
        row[1].text = short_duration(timedelta(seconds=entry["seconds"]))
        row[2].text = entry["title"]


def _module(document: Any, module: dict[str, Any]) -> None:
    document.add_heading(f"{module['label']}: {module['title']}", level=2)
    document.add_paragraph(f"Allow {module['allowance']} for the films.")
    for film in module["films"]:
        text = film["label"] + (f": {film['title']}" if film["title"] else "") + "."
        if film["speakers"]:
            text += " Speaker: " + "; ".join(film["speakers"]) + "."
        text += f" Running time: {film['running_time'] or 'not known'}."
        if film["allowance"]:
            text += f" Allow {film['allowance']}."
        document.add_paragraph(text, style="List Bullet")
    discussion = module["discussion"]
    if discussion:
        text = "Optional discussion" if discussion["optional"] else "Discussion"
        if discussion["grouping"]:
            text += f" ({discussion['grouping']})"
        text += f": {discussion['duration']}"
        text += "." if discussion["planned"] else ", not in this plan."
        if discussion["text"]:
            text += f" The pack: \u201c{discussion['text']}\u201d"
        document.add_paragraph(text)
    if module["note"]:
        document.add_paragraph(module["note"])
    if module["advice"]:
        document.add_paragraph(module["advice"], style="Intense Quote")


def _exercise(document: Any, exercise: dict[str, Any], *, level: int) -> None:
    document.add_heading(f"{exercise['label']}: {exercise['title']}", level=level)
    text = f"Time: {exercise['time']}."
    if exercise["needs"]:
        text += " What you\u2019ll need: " + ", ".join(exercise["needs"]) + "."
    document.add_paragraph(text)
    for case in exercise["case_studies"]:
        document.add_paragraph(
            f"{case['title']}: {case['text'] or 'hand out copies.'}", style="Intense Quote"
        )
    for phase in exercise["phases"]:
        paragraph = document.add_paragraph(style="List Number")
        who = f"{phase['grouping']}, " if phase["grouping"] else ""
        paragraph.add_run(f"{who}{phase['duration']}. ").bold = True
        paragraph.add_run(phase["activity"])
        for question in phase["questions"]:
            document.add_paragraph(question, style="List Bullet 2")
        if phase["record"]:
            document.add_paragraph(phase["record"])


def _category(document: Any, category: dict[str, Any], *, level: int) -> None:
    document.add_heading(category["title"], level=level)
    for tip in category["tips"]:
        document.add_paragraph(tip["text"], style="List Bullet")
        for point in tip["points"]:
            document.add_paragraph(point["text"], style="List Bullet 2")
    if category["resources"]:
        document.add_paragraph(category["resources"])

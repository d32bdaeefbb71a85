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
    if kind != "exercises":  # each sheet has its own session and date
        _session(document, data)
    if kind == "guide":
        _guide(document, data)
    elif kind == "exercises":
        for exercise in data["exercises"]:
            _sheet(document, exercise, data["session"])
    else:
        _cards(document, data)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _session(document: Any, data: dict[str, Any]) -> None:
    """The session's name and date(s), when given."""
    words = []
    if data["session"]:
        words.append(f"Session: {data['session']}.")
    if data["when"]:
        words.append(f"Date{'s' if ';' in data['when'] else ''}: {data['when']}.")
    if words:
        document.add_paragraph(" ".join(words))


def _guide(document: Any, data: dict[str, Any]) -> None:
    for section in data["sections"]:
        document.add_paragraph(section)
    _bring(document, data["materials"])
    document.add_heading("Running sheet", level=1)
    for day in data["running_sheet"]:
        if day["heading"]:
            document.add_heading(day["heading"], level=2)
        _running_sheet(document, day["rows"])
    if data["left_out"]:
        document.add_paragraph("Left out to fit the time: " + "; ".join(data["left_out"]) + ".")
    document.add_heading("Films to queue", level=1)
    for module in data["modules"]:
        _module(document, module)
    document.add_heading("Exercises", level=1)
    for exercise in data["exercises"]:
        _exercise(document, exercise, level=2)
    _tips(document, data["tips"], level=1)
    _works(document, data["works"])


def _bring(document: Any, materials: dict[str, Any]) -> None:
    document.add_heading("What to bring", level=1)
    if materials["films"]:
        films = materials["films"]
        document.add_paragraph(f"{films['text']} {films['running_times']}")
    for item in [*materials["handouts"], *materials["things"], *materials["choices"]]:
        document.add_paragraph(f"\u2610 {item}")


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


def _running_sheet(document: Any, rows: list[dict[str, Any]]) -> None:
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header = ("Time", "Length", "What", "Facilitator")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = f"{row['start']}\u2013{row['end']}"
        cells[1].text = short_duration(timedelta(seconds=row["seconds"]))
        what = cells[2].paragraphs[0].add_run(row["what"])
        what.bold = row["kind"] != "phase"
        cells[3].text = row["facilitator"]


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
    if exercise["films"]:
        document.add_paragraph("Films: " + "; ".join(exercise["films"]) + ".")
    for case in exercise["case_studies"]:
        document.add_paragraph(
            f"{case['title']}: {case['text'] or 'hand out copies.'}", style="Intense Quote"
        )
    _phases(document, exercise["phases"])


def _phases(document: Any, phases: list[dict[str, Any]]) -> None:
    for phase in phases:
        paragraph = document.add_paragraph(style="List Number")
        who = f"{phase['grouping']}, " if phase["grouping"] else ""
        paragraph.add_run(f"{who}{phase['duration']}. ").bold = True
        paragraph.add_run(phase["activity"])
        for question in phase["questions"]:
            document.add_paragraph(question, style="List Bullet 2")
        if phase["record"]:
            document.add_paragraph(phase["record"])


def _sheet(document: Any, exercise: dict[str, Any], session: str | None) -> None:
    """A participant's sheet: no word for the facilitator alone, the films named, notes space."""
    document.add_heading(f"{exercise['label']}: {exercise['title']}", level=1)
    words = []
    if session:
        words.append(f"Session: {session}.")
    if exercise["date"]:
        words.append(f"Date: {exercise['date']}.")
    if words:
        document.add_paragraph(" ".join(words))
    text = f"Time: {exercise['time']}."
    if exercise["needs"]:
        text += " What you\u2019ll need: " + ", ".join(exercise["needs"]) + "."
    document.add_paragraph(text)
    if exercise["films"]:
        document.add_paragraph("Films: " + "; ".join(exercise["films"]) + ".")
    for case in exercise["case_studies"]:
        if case["text"]:
            document.add_paragraph(f"{case['title']}: {case['text']}", style="Intense Quote")
    _phases(document, exercise["phases"])
    document.add_heading("Your notes", level=2)
    for _ in range(12):
        document.add_paragraph()


def _cards(document: Any, data: dict[str, Any]) -> None:
    """The tip cards, two across in a table whose rows never split over a page."""
    from docx.oxml import OxmlElement  # noqa: PLC0415 (an optional extra)
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm  # noqa: PLC0415

    cards = data["cards"]
    document.add_paragraph(
        f"{len(cards)} cards, {data['per_page']} to an A4 page: cut along the dashed lines."
    )
    table = document.add_table(rows=0, cols=2)
    for index in range(0, len(cards), 2):
        row = table.add_row()
        row.height = Mm(112)
        properties = row._tr.get_or_add_trPr()  # noqa: SLF001 (python-docx has no API for it)
        properties.append(OxmlElement("w:cantSplit"))
        for cell, card in zip(row.cells, cards[index : index + 2], strict=False):
            borders = OxmlElement("w:tcBorders")
            for side in ("top", "left", "bottom", "right"):
                border = OxmlElement(f"w:{side}")
                border.set(qn("w:val"), "dashed")
                border.set(qn("w:sz"), "4")
                borders.append(border)
            cell._tc.get_or_add_tcPr().append(borders)  # noqa: SLF001 (as above)
            _card(cell, card)


def _card(cell: Any, card: dict[str, Any]) -> None:
    heading = cell.paragraphs[0].add_run(card["category"])
    heading.bold = True
    if card["text"]:
        cell.add_paragraph(card["text"])
    for point in card["points"]:
        cell.add_paragraph(point["text"], style="List Bullet")
    cell.add_paragraph(f"Card {card['number']} of {card['of']}")


def _category(document: Any, category: dict[str, Any], *, level: int) -> None:
    document.add_heading(category["title"], level=level)
    for tip in category["tips"]:
        document.add_paragraph(tip["text"], style="List Bullet")
        for point in tip["points"]:
            document.add_paragraph(point["text"], style="List Bullet 2")
    resources = category["resources"]
    if resources:
        document.add_paragraph(resources["introduction"])
        for item in resources["items"]:
            document.add_paragraph(item, style="List Bullet")

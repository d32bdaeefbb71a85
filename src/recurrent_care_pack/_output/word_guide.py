"""The facilitator guide as a Word document, laid out from the guide's view.

Each session starts a landscape section holding its running sheet (kept on one page: every
row kept with the next), then a portrait section with what to bring; each section's footer
names its session and date on one line, with "Page N of M" at the right.
"""

import io
from collections.abc import Mapping
from typing import Any

from recurrent_care_pack._installed import missing_extra

from .view import TOOL_MARK, ExerciseView, Guide, ModuleView, Part
from .word import (
    _W,
    BODY_PT,
    LARGE_PRINT_PT,
    MissingExtraError,
    _finish,
    _set_up,
    _table,
    footer_line,
)

__all__ = ["guide_document"]

#: The running sheet's columns in shares of a landscape page's text width:
#: Time, Length, What, Facilitator, and an empty Notes column to write in.
_SHEET_WIDTHS = {False: (0.12, 0.08, 0.32, 0.28, 0.20), True: (0.15, 0.10, 0.30, 0.27, 0.18)}


def guide_document(view: Guide, layout: Mapping[str, Any]) -> bytes:
    """The guide as a .docx; raises `MissingExtraError` without python-docx."""
    try:
        from docx import Document  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise MissingExtraError(
            missing_extra("Word handouts need", "python-docx", "docx")
        ) from None
    large_print = bool(layout.get("large_print"))
    document = Document()
    body = LARGE_PRINT_PT if large_print else BODY_PT
    _set_up(document, view.title, {**layout, "footer": ""}, body)
    document.core_properties.author = view.author
    document.core_properties.subject = view.footer
    for part in view.parts:
        _part(document, view, part, large_print=large_print)
    _reference(document, view)
    _finish(document, sheets=None)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _new_section(document: Any, *, landscape: bool, footer: str, first: bool = False) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION  # noqa: PLC0415

    section = document.sections[0] if first else document.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height))
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    footer_line(document, section, footer)


def _part(document: Any, view: Guide, part: Part, *, large_print: bool) -> None:
    _new_section(document, landscape=True, footer=part.footer, first=part.number == 1)
    if part.number == 1:
        document.add_heading(view.title, level=0)
    document.add_heading(part.heading, level=1)
    if part.sheet.details:
        head = document.add_paragraph(" \u00b7 ".join(part.sheet.details))
        head.paragraph_format.keep_with_next = True
    _sheet(document, part, large_print=large_print)
    if part.sheet.notes:
        lead = document.add_paragraph()
        lead.add_run("From this tool (not the pack):").bold = True
        lead.paragraph_format.keep_with_next = True
        for note in part.sheet.notes:
            document.add_paragraph(note, style="List Bullet")
    _new_section(document, landscape=False, footer=part.footer)
    document.add_heading("What to bring for this session", level=2)
    for check in part.bring:
        text = f"\u2610 {check.text}" + (f" ({check.note})" if check.note else "")
        document.add_paragraph(text)
    if part.places:
        document.add_heading("Where the films and case studies are", level=2)
        for place in part.places:
            document.add_paragraph(place, style="List Bullet")


def _sheet(document: Any, part: Part, *, large_print: bool) -> None:
    """The running sheet: a named table, each row kept with the next so it stays on a page."""
    cells = [(r.time, r.length, r.what, r.todo, "") for r in part.sheet.rows]
    table = _table(
        document,
        ("Time", "Length", "What", "Facilitator", "Notes"),
        cells,
        _SHEET_WIDTHS[large_print],
    )
    _caption(table, part.sheet.caption)
    rows = table.rows
    for number, (row, values) in enumerate(zip(rows[1:], part.sheet.rows, strict=True), 1):
        what = row.cells[2].paragraphs[0]
        if values.part:
            what.paragraph_format.left_indent = _indent()
        else:
            for run in what.runs:
                run.bold = True
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.italic = values.kind == "break" or None
            if number < len(rows) - 1:  # the sheet stays on one page where it fits
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    for cell in rows[0].cells:
        cell.paragraphs[0].paragraph_format.keep_with_next = True


def _indent() -> Any:
    from docx.shared import Mm  # noqa: PLC0415

    return Mm(5)


def _caption(table: Any, text: str) -> None:
    """The table's name for assistive technology (w:tblCaption)."""
    from docx.oxml import OxmlElement  # noqa: PLC0415

    caption = OxmlElement("w:tblCaption")
    caption.set(f"{_W}val", text)
    table._tbl.tblPr.append(caption)  # noqa: SLF001 (python-docx has no caption API)


def _quote(document: Any, text: str) -> None:
    document.add_paragraph(f"The pack: \u201c{text}\u201d", style="Quote")


def _lead(document: Any, text: str) -> None:
    document.add_paragraph(text).paragraph_format.keep_with_next = True


def _reference(document: Any, view: Guide) -> None:
    _new_section(document, landscape=False, footer=view.footer, first=not view.parts)
    if not view.parts:
        document.add_heading(view.title, level=0)
    _about(document, view)
    _aids(document, view)
    if view.modules:
        document.add_heading("Films to show", level=1)
    for module in view.modules:
        _module(document, module)
    if view.exercises:
        document.add_heading("Exercises", level=1)
    for exercise in view.exercises:
        _exercise(document, exercise)
    _reading(document, view)
    _tips(document, view)
    if view.works:
        document.add_heading("Works cited in the section", level=1)
        for work in view.works:
            document.add_paragraph(work, style="List Bullet")


def _reading(document: Any, view: Guide) -> None:
    for about in view.about:
        if about.reading:
            document.add_heading("Background reading", level=1)
            _quote(document, about.reading)
            if about.reading_note:
                document.add_paragraph(about.reading_note)


def _tips(document: Any, view: Guide) -> None:
    for tips in view.tips:
        document.add_heading(tips.title, level=1)
        if tips.introduction:
            document.add_paragraph(tips.introduction)
        for title, items in tips.categories:
            document.add_heading(title, level=2)
            for text, points in items:
                tip = document.add_paragraph(text, style="List Bullet")
                tip.paragraph_format.keep_with_next = bool(points)
                for point in points:
                    document.add_paragraph(point, style="List Bullet 2")


def _about(document: Any, view: Guide) -> None:
    document.add_heading("What the pack says", level=1)
    for about in view.about:
        document.add_heading(about.heading, level=2)
        if about.introduction:
            _quote(document, about.introduction)
        if about.covers:
            _lead(document, "The pack: \u201cThe section covers:\u201d")
            for cover in about.covers:
                document.add_paragraph(cover, style="List Bullet")


def _aids(document: Any, view: Guide) -> None:
    document.add_heading(TOOL_MARK, level=1)
    aids = view.aids
    document.add_heading("Opening", level=2)
    for line in aids.opening:
        document.add_paragraph(line, style="List Bullet")
    if aids.split:
        document.add_heading("Groups", level=2)
        document.add_paragraph(aids.split)
    if aids.prompts:
        document.add_heading("Discussion prompts", level=2)
        document.add_paragraph(
            "The pack says its tips \u201ccan be used to prompt discussion after watching "
            "the presentations above and completing the exercises\u201d. Some to use:"
        )
        for prompt in aids.prompts:
            lead = document.add_paragraph()
            lead.add_run(f"{prompt.when}:").bold = True
            lead.add_run(f" {prompt.question}")
            lead.paragraph_format.keep_with_next = True
            for tip in prompt.tips:
                document.add_paragraph(f"The pack: \u201c{tip}\u201d", style="List Bullet")
    document.add_heading("Closing", level=2)
    for line in aids.closing:
        document.add_paragraph(line, style="List Bullet")


def _module(document: Any, module: ModuleView) -> None:
    document.add_heading(module.heading, level=2)
    if module.description:
        _quote(document, module.description)
    _lead(document, f"Allow {module.allowance} for the films in this plan.")
    for film in module.films:
        text = film.label + (f": {film.title}" if film.title else "") + "."
        if film.speakers:
            text += " Speaker: " + "; ".join(film.speakers) + "."
        text += f" Running time: {film.running_time or 'not known'}."
        if film.allowance:
            text += f" Allow {film.allowance}."
        if film.description:
            text += f" The pack: \u201c{film.description}\u201d."
        text += f" Where: {film.where}"
        document.add_paragraph(text, style="List Bullet")
    if module.discussion:
        text = module.discussion.line
        if module.discussion.pack:
            text += f" The pack: \u201c{module.discussion.pack}\u201d"
        document.add_paragraph(text)
    if module.plan_note:
        document.add_paragraph(module.plan_note)
    if module.different_day:
        _quote(document, module.different_day)


def _exercise(document: Any, exercise: ExerciseView) -> None:
    document.add_heading(exercise.heading, level=2)
    text = f"Time: {exercise.time}."
    if exercise.needs:
        text += f" What you\u2019ll need: {exercise.needs}"
    document.add_paragraph(text)
    if exercise.films:
        document.add_paragraph("Films: " + "; ".join(exercise.films) + ".")
    for case in exercise.case_studies:
        said = case.text or f"hand out copies. Where: {case.where}"
        document.add_paragraph(f"{case.title}: {said}")
        if case.based_on:
            document.add_paragraph(f"{case.title} is based on: {case.based_on}")
    for phase in exercise.phases:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(f"{phase.label}. ").bold = True
        paragraph.add_run(phase.activity)
        paragraph.paragraph_format.keep_with_next = bool(phase.questions)
        for question in phase.questions:
            document.add_paragraph(question, style="List Bullet 2")
        if phase.record:
            document.add_paragraph(phase.record)

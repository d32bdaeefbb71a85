"""One typed view of a facilitator guide: built once per handout, read by every format.

Markdown, HTML (and so PDF) and Word lay out these records and nothing else. Each text
is either the pack's words (``pack`` in the name, printed as the pack's) or the tool's
own (printed under the tool's mark); a record never mixes the two in one string.
"""

from attrs import frozen

__all__ = [
    "TOOL_MARK",
    "About",
    "Aids",
    "CaseView",
    "Check",
    "DiscussionView",
    "ExerciseView",
    "FilmView",
    "Guide",
    "ModuleView",
    "Part",
    "PhaseView",
    "Prompt",
    "Row",
    "Sheet",
    "TipsView",
]

#: The heading over everything the tool suggests, so no reader takes it for the pack's.
TOOL_MARK = "Suggestions from this tool (not the pack's)"


@frozen(kw_only=True)
class Row:
    """One row of a running sheet: an entry, or a part of an exercise (``part``)."""

    start: str
    end: str
    length: str
    seconds: int
    what: str
    todo: str
    kind: str
    part: bool = False

    @property
    def time(self) -> str:
        """The row's clock times, with an en dash between them."""
        return f"{self.start}\u2013{self.end}"


@frozen(kw_only=True)
class Sheet:
    """A session's running sheet: its head (date, start-end, total), rows, the tool's notes."""

    caption: str
    head: str
    details: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()


@frozen(kw_only=True)
class Check:
    """One thing to bring or do before a session; ``note`` is the tool's remark on it."""

    text: str
    note: str | None = None


@frozen(kw_only=True)
class Part:
    """One session of the guide, on pages of its own: running sheet, checklist, places."""

    number: int
    heading: str
    footer: str
    sheet: Sheet
    bring: tuple[Check, ...]
    places: tuple[str, ...]


@frozen(kw_only=True)
class About:
    """The section in the pack's words: its title, introduction and what it covers."""

    heading: str
    introduction: str | None
    covers: tuple[str, ...]
    reading: str | None
    reading_note: str | None


@frozen(kw_only=True)
class Prompt:
    """An optional discussion prompt: the tool's question, then tips quoted as the pack's."""

    when: str
    question: str
    tips: tuple[str, ...]


@frozen(kw_only=True)
class Aids:
    """The tool's own suggestions: opening, closing, group split, prompts."""

    opening: tuple[str, ...]
    closing: tuple[str, ...]
    split: str | None
    prompts: tuple[Prompt, ...]
    aims: tuple[str, ...]


@frozen(kw_only=True)
class FilmView:
    """A film as the pack gives it; ``description`` only when the pack's own words."""

    label: str
    title: str | None
    speakers: tuple[str, ...]
    running_time: str | None
    allowance: str | None
    description: str | None
    where: str


@frozen(kw_only=True)
class DiscussionView:
    """A module's discussion: the tool's line on it and the pack's words."""

    line: str
    pack: str | None


@frozen(kw_only=True)
class ModuleView:
    """A module: the pack's description, its films, its discussion, the different-day word."""

    heading: str
    description: str | None
    allowance: str
    films: tuple[FilmView, ...]
    discussion: DiscussionView | None
    plan_note: str | None
    different_day: str | None


@frozen(kw_only=True)
class CaseView:
    """A case study to hand out: its text if the data holds it, where it is, its basis."""

    title: str
    text: str | None
    where: str
    based_on: str | None


@frozen(kw_only=True)
class PhaseView:
    """A phase of an exercise: "Pairs or small groups, 20 minutes", then the pack's words."""

    label: str
    activity: str
    questions: tuple[str, ...]
    record: str | None


@frozen(kw_only=True)
class ExerciseView:
    """An exercise: its time, the pack's "What you'll need" line, films, case studies, phases."""

    heading: str
    time: str
    needs: str | None
    films: tuple[str, ...]
    case_studies: tuple[CaseView, ...]
    phases: tuple[PhaseView, ...]


@frozen(kw_only=True)
class TipsView:
    """A section's tips under the pack's heading, category by category.

    ``topics``: each category's topics (the pack's data), in the order of ``categories``.
    """

    title: str
    introduction: str | None
    categories: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    topics: tuple[tuple[str, ...], ...] = ()


@frozen(kw_only=True)
class Guide:
    """The facilitator guide: a part per session first, then the pack's words and the aids."""

    title: str
    session: str
    author: str
    parts: tuple[Part, ...]
    footer: str
    about: tuple[About, ...]
    aids: Aids
    modules: tuple[ModuleView, ...]
    exercises: tuple[ExerciseView, ...]
    tips: tuple[TipsView, ...]
    works: tuple[str, ...]
    left_out: tuple[str, ...]

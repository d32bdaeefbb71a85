"""The Recurrent Care Resource Pack as typed, validated, queryable content.

`load_pack` gives the pack as frozen records; `validate` gives every problem with some
content, located by file, line and column. The query helpers (`find`, `module_time`,
`materials`, ...) answer facilitators' questions, and `plan` lays out an agenda.
"""

import importlib

from ._version import __version__

# Not typing.TYPE_CHECKING: importing typing alone would double the start-up time.
TYPE_CHECKING = False

if TYPE_CHECKING:  # the names below are imported on first use, so `rcpack --version` is quick
    from ._content.loading import (
        load_pack,
        validate,
    )
    from ._model import (
        Alternatives,
        BackgroundReading,
        CaseStudy,
        CaseStudyCopy,
        DifferentDay,
        Discussion,
        Exercise,
        Grouping,
        LearningModule,
        Material,
        Media,
        MediaKind,
        Need,
        Organisation,
        Pack,
        Person,
        Phase,
        Project,
        Publication,
        Resource,
        Section,
        Tip,
        TipCategory,
        TipsFromPractice,
        Work,
    )
    from ._output.rendering import (
        FORMATS,
        HANDOUTS,
        MissingExtraError,
        render_handout,
        write_handout,
    )
    from ._problems import (
        CODES,
        PackError,
        Problem,
    )
    from ._use.planning import (
        Agenda,
        Breaks,
        Entry,
        EntryKind,
        PlanError,
        PlanOptions,
        plan,
    )
    from ._use.queries import (
        CaseStudyHandout,
        Item,
        MaterialChoice,
        MaterialItem,
        Materials,
        SearchHit,
        exercises_by_case_study,
        films_by_speaker,
        find,
        items_by_topic,
        label,
        materials,
        module_time,
        pack_time,
        search,
        section_of,
        section_time,
        tips,
        tips_by_category,
    )

#: Where each public name lives; it is imported the first time it is used.
_WHERE = {
    "Agenda": "._use.planning",
    "Alternatives": "._model",
    "BackgroundReading": "._model",
    "Breaks": "._use.planning",
    "CODES": "._problems",
    "CaseStudy": "._model",
    "CaseStudyCopy": "._model",
    "CaseStudyHandout": "._use.queries",
    "DifferentDay": "._model",
    "Discussion": "._model",
    "Entry": "._use.planning",
    "EntryKind": "._use.planning",
    "Exercise": "._model",
    "FORMATS": "._output.rendering",
    "Grouping": "._model",
    "HANDOUTS": "._output.rendering",
    "Item": "._use.queries",
    "LearningModule": "._model",
    "Material": "._model",
    "MaterialChoice": "._use.queries",
    "MaterialItem": "._use.queries",
    "Materials": "._use.queries",
    "Media": "._model",
    "MediaKind": "._model",
    "MissingExtraError": "._output.rendering",
    "Need": "._model",
    "Organisation": "._model",
    "Pack": "._model",
    "PackError": "._problems",
    "Person": "._model",
    "Phase": "._model",
    "PlanError": "._use.planning",
    "PlanOptions": "._use.planning",
    "Problem": "._problems",
    "Project": "._model",
    "Publication": "._model",
    "Resource": "._model",
    "SearchHit": "._use.queries",
    "Section": "._model",
    "Tip": "._model",
    "TipCategory": "._model",
    "TipsFromPractice": "._model",
    "Work": "._model",
    "exercises_by_case_study": "._use.queries",
    "films_by_speaker": "._use.queries",
    "find": "._use.queries",
    "items_by_topic": "._use.queries",
    "label": "._use.queries",
    "load_pack": "._content.loading",
    "materials": "._use.queries",
    "module_time": "._use.queries",
    "pack_time": "._use.queries",
    "plan": "._use.planning",
    "render_handout": "._output.rendering",
    "search": "._use.queries",
    "section_of": "._use.queries",
    "section_time": "._use.queries",
    "tips": "._use.queries",
    "tips_by_category": "._use.queries",
    "validate": "._content.loading",
    "write_handout": "._output.rendering",
}

__all__ = [
    "CODES",
    "FORMATS",
    "HANDOUTS",
    "Agenda",
    "Alternatives",
    "BackgroundReading",
    "Breaks",
    "CaseStudy",
    "CaseStudyCopy",
    "CaseStudyHandout",
    "DifferentDay",
    "Discussion",
    "Entry",
    "EntryKind",
    "Exercise",
    "Grouping",
    "Item",
    "LearningModule",
    "Material",
    "MaterialChoice",
    "MaterialItem",
    "Materials",
    "Media",
    "MediaKind",
    "MissingExtraError",
    "Need",
    "Organisation",
    "Pack",
    "PackError",
    "Person",
    "Phase",
    "PlanError",
    "PlanOptions",
    "Problem",
    "Project",
    "Publication",
    "Resource",
    "SearchHit",
    "Section",
    "Tip",
    "TipCategory",
    "TipsFromPractice",
    "Work",
    "__version__",
    "exercises_by_case_study",
    "films_by_speaker",
    "find",
    "items_by_topic",
    "label",
    "load_pack",
    "materials",
    "module_time",
    "pack_time",
    "plan",
    "render_handout",
    "search",
    "section_of",
    "section_time",
    "tips",
    "tips_by_category",
    "validate",
    "write_handout",
]


def __getattr__(name: str) -> object:
    """Import a public name from its module the first time it is asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for completion."""
    return sorted(__all__)

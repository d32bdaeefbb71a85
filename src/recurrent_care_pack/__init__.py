"""The Recurrent Care Resource Pack as typed, validated, queryable content.

`load_pack` gives the pack as frozen records; `validate` gives every problem with some
content, located by file, line and column; `check` gives both in one `Result`. The query
helpers (`find`, `module_time`, `materials`, ...) answer facilitators' questions, and
`plan` lays out an agenda.
"""

import importlib

from ._version import __version__

# Not typing.TYPE_CHECKING: importing typing alone would double the start-up time.
TYPE_CHECKING = False

if TYPE_CHECKING:  # the names below are imported on first use, so `rcpack --version` is quick
    from ._content.loading import (
        Result,
        check,
        check_session,
        load_pack,
        validate,
    )
    from ._content.session_files import SessionResult
    from ._errors import MissingExtraError, PackError, PlanError
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
        render_handout,
        write_handout,
    )
    from ._problems import (
        CODES,
        Problem,
    )
    from ._session import (
        Break,
        Location,
        Session,
        Slot,
    )
    from ._use.planning import (
        Agenda,
        Breaks,
        Entry,
        EntryKind,
        Note,
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
    from ._use.sessions import session_options, session_plan

#: Each public name, by the module it lives in; it is imported the first time it is used.
_MODULES = {
    "._content.loading": (
        "Result",
        "check",
        "check_session",
        "load_pack",
        "validate",
    ),
    "._content.session_files": ("SessionResult",),
    "._session": (
        "Break",
        "Location",
        "Session",
        "Slot",
    ),
    "._use.sessions": (
        "session_options",
        "session_plan",
    ),
    "._model": (
        "Alternatives",
        "BackgroundReading",
        "CaseStudy",
        "CaseStudyCopy",
        "DifferentDay",
        "Discussion",
        "Exercise",
        "Grouping",
        "LearningModule",
        "Material",
        "Media",
        "MediaKind",
        "Need",
        "Organisation",
        "Pack",
        "Person",
        "Phase",
        "Project",
        "Publication",
        "Resource",
        "Section",
        "Tip",
        "TipCategory",
        "TipsFromPractice",
        "Work",
    ),
    "._output.rendering": (
        "FORMATS",
        "HANDOUTS",
        "render_handout",
        "write_handout",
    ),
    "._errors": (
        "MissingExtraError",
        "PackError",
        "PlanError",
    ),
    "._problems": (
        "CODES",
        "Problem",
    ),
    "._use.planning": (
        "Agenda",
        "Breaks",
        "Entry",
        "EntryKind",
        "Note",
        "PlanOptions",
        "plan",
    ),
    "._use.queries": (
        "CaseStudyHandout",
        "Item",
        "MaterialChoice",
        "MaterialItem",
        "Materials",
        "SearchHit",
        "exercises_by_case_study",
        "films_by_speaker",
        "find",
        "items_by_topic",
        "label",
        "materials",
        "module_time",
        "pack_time",
        "search",
        "section_of",
        "section_time",
        "tips",
        "tips_by_category",
    ),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "CODES",
    "FORMATS",
    "HANDOUTS",
    "Agenda",
    "Alternatives",
    "BackgroundReading",
    "Break",
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
    "Location",
    "Material",
    "MaterialChoice",
    "MaterialItem",
    "Materials",
    "Media",
    "MediaKind",
    "MissingExtraError",
    "Need",
    "Note",
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
    "Result",
    "SearchHit",
    "Section",
    "Session",
    "SessionResult",
    "Slot",
    "Tip",
    "TipCategory",
    "TipsFromPractice",
    "Work",
    "__version__",
    "check",
    "check_session",
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
    "session_options",
    "session_plan",
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

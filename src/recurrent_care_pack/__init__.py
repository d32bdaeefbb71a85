"""The Recurrent Care Resource Pack as typed, validated, queryable content.

`load_pack` gives the pack as frozen records; `validate` gives every problem with some
content, located by file, line and column.
"""

from ._loading import load_pack, validate
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
from ._problems import CODES, PackError, Problem
from ._version import __version__

__all__ = [
    "CODES",
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
    "PackError",
    "Person",
    "Phase",
    "Problem",
    "Project",
    "Publication",
    "Resource",
    "Section",
    "Tip",
    "TipCategory",
    "TipsFromPractice",
    "Work",
    "__version__",
    "load_pack",
    "validate",
]

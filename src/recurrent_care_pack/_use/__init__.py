"""Use: questions about a pack (items, times, materials) and plans with clock times.

The names the command uses, imported from their modules on first use.
"""

from recurrent_care_pack._lazy import exports

# Not typing.TYPE_CHECKING: importing typing would slow `rcpack --version`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from recurrent_care_pack._session import Break, Session, Slot

    from .planning import Agenda, Breaks, PlanError, PlanOptions, plan
    from .planning.records import LUNCH
    from .queries import find, item_names, materials
    from .sessions import Flags, planned, session_plan, with_flags

#: Each name, by the module it lives in and its name there.
_WHERE = {
    "Agenda": (".planning", "Agenda"),
    "Break": ("recurrent_care_pack._session", "Break"),
    "Breaks": (".planning", "Breaks"),
    "Flags": (".sessions", "Flags"),
    "LUNCH": (".planning.records", "LUNCH"),
    "PlanError": (".planning", "PlanError"),
    "PlanOptions": (".planning", "PlanOptions"),
    "Session": ("recurrent_care_pack._session", "Session"),
    "Slot": ("recurrent_care_pack._session", "Slot"),
    "find": (".queries", "find"),
    "item_names": (".queries", "item_names"),
    "materials": (".queries", "materials"),
    "plan": (".planning", "plan"),
    "planned": (".sessions", "planned"),
    "session_plan": (".sessions", "session_plan"),
    "with_flags": (".sessions", "with_flags"),
}

__all__ = [
    "LUNCH",
    "Agenda",
    "Break",
    "Breaks",
    "Flags",
    "PlanError",
    "PlanOptions",
    "Session",
    "Slot",
    "find",
    "item_names",
    "materials",
    "plan",
    "planned",
    "session_plan",
    "with_flags",
]

__getattr__, __dir__ = exports(__name__, _WHERE)

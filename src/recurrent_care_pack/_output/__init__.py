"""Output: reports of problems, text tables, the summary, and handouts in four formats.

The names the command uses, imported from their modules on first use.
"""

from recurrent_care_pack._lazy import exports

# Not typing.TYPE_CHECKING: importing typing would slow `rcpack --version`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from recurrent_care_pack._files import WriteError
    from recurrent_care_pack._installed import install_command, missing_extra
    from recurrent_care_pack._text import shown

    from .rendering import FormatMismatchError, MissingExtraError, handout_file, write_handout
    from .reports import REPORTERS, fmt_lines, fmt_summary, text_report, write_step_summary
    from .serving import preview
    from .site import Built, build_site
    from .starter import make_starter
    from .summary import summary as pack_summary
    from .tables import agenda_data, agenda_text, item_text, materials_data, materials_text
    from .writing import CALENDAR, output_file, write_calendar

#: Each name, by the module it lives in and its name there.
_WHERE = {
    "Built": (".site", "Built"),
    "CALENDAR": (".writing", "CALENDAR"),
    "FormatMismatchError": (".rendering", "FormatMismatchError"),
    "MissingExtraError": (".rendering", "MissingExtraError"),
    "REPORTERS": (".reports", "REPORTERS"),
    "WriteError": ("recurrent_care_pack._files", "WriteError"),
    "agenda_data": (".tables", "agenda_data"),
    "build_site": (".site", "build_site"),
    "agenda_text": (".tables", "agenda_text"),
    "fmt_lines": (".reports", "fmt_lines"),
    "fmt_summary": (".reports", "fmt_summary"),
    "handout_file": (".rendering", "handout_file"),
    "install_command": ("recurrent_care_pack._installed", "install_command"),
    "item_text": (".tables", "item_text"),
    "make_starter": (".starter", "make_starter"),
    "materials_data": (".tables", "materials_data"),
    "materials_text": (".tables", "materials_text"),
    "missing_extra": ("recurrent_care_pack._installed", "missing_extra"),
    "output_file": (".writing", "output_file"),
    "preview": (".serving", "preview"),
    "pack_summary": (".summary", "summary"),
    "shown": ("recurrent_care_pack._text", "shown"),
    "text_report": (".reports", "text_report"),
    "write_calendar": (".writing", "write_calendar"),
    "write_handout": (".rendering", "write_handout"),
    "write_step_summary": (".reports", "write_step_summary"),
}

__all__ = [
    "CALENDAR",
    "REPORTERS",
    "Built",
    "FormatMismatchError",
    "MissingExtraError",
    "WriteError",
    "agenda_data",
    "agenda_text",
    "build_site",
    "fmt_lines",
    "fmt_summary",
    "handout_file",
    "install_command",
    "item_text",
    "make_starter",
    "materials_data",
    "materials_text",
    "missing_extra",
    "output_file",
    "pack_summary",
    "preview",
    "shown",
    "text_report",
    "write_calendar",
    "write_handout",
    "write_step_summary",
]

__getattr__, __dir__ = exports(__name__, _WHERE)

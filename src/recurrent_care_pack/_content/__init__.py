"""Content: files read, checked against the schema, merged, built and checked for meaning.

The names the command uses, imported from their modules on first use.
"""

from recurrent_care_pack._lazy import exports

# Not typing.TYPE_CHECKING: importing typing would slow `rcpack --version`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from recurrent_care_pack._durations import DurationError, parse_duration
    from recurrent_care_pack._files import WriteError
    from recurrent_care_pack._model import Pack

    from .finding import NoContentError, find_files, is_session_file, pack_folder_of
    from .formatting import Outcome, format_path
    from .loading import check, check_paths, check_session, pack_files
    from .session_files import SessionResult

#: Each name, by the module it lives in and its name there.
_WHERE = {
    "DurationError": ("recurrent_care_pack._durations", "DurationError"),
    "NoContentError": (".finding", "NoContentError"),
    "Outcome": (".formatting", "Outcome"),
    "Pack": ("recurrent_care_pack._model", "Pack"),
    "SessionResult": (".session_files", "SessionResult"),
    "WriteError": ("recurrent_care_pack._files", "WriteError"),
    "check": (".loading", "check"),
    "check_paths": (".loading", "check_paths"),
    "check_session": (".loading", "check_session"),
    "find_files": (".finding", "find_files"),
    "format_path": (".formatting", "format_path"),
    "is_session_file": (".finding", "is_session_file"),
    "pack_files": (".loading", "pack_files"),
    "pack_folder_of": (".finding", "pack_folder_of"),
    "parse_duration": ("recurrent_care_pack._durations", "parse_duration"),
}

__all__ = [
    "DurationError",
    "NoContentError",
    "Outcome",
    "Pack",
    "SessionResult",
    "WriteError",
    "check",
    "check_paths",
    "check_session",
    "find_files",
    "format_path",
    "is_session_file",
    "pack_files",
    "pack_folder_of",
    "parse_duration",
]

__getattr__, __dir__ = exports(__name__, _WHERE)

"""How a command ends: its exit status, and `Exit` to end it early with a one-line message."""

import os

__all__ = ["FOLDER_GONE", "OK", "PROBLEMS", "USAGE", "Exit", "folder_gone"]

#: The exit statuses: valid; content problems; usage, or a path that cannot be read or written.
OK, PROBLEMS, USAGE = 0, 1, 2

#: Why a command cannot run in a folder that has gone.
FOLDER_GONE = (
    "the current folder no longer exists (it was deleted or moved); go to a folder that "
    "exists (cd), then run again"
)


class Exit(Exception):  # noqa: N818 (it is not an error: the command ends so)
    """End the command with ``status``, saying ``message`` on stderr first if there is one."""

    def __init__(self, status: int, message: str | None = None) -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message


def folder_gone() -> bool:
    """Whether the folder rcpack runs in has been deleted (or moved) since it started."""
    try:
        os.getcwd()  # noqa: PTH109 (keep pathlib unloaded)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False

"""Files: writing an editor's file without ever destroying it, or what else it is.

``replacing`` replaces a file whole (or makes one new), ``keeping`` gives the new file the
old one's owner, mode and attributes, ``streams`` appends and writes FIFOs, devices and our
own open files, ``naming`` reads a typed name, and ``refusing`` holds the one-line errors
and the names never written.
"""

from .naming import file_named, what_is
from .refusing import FileChangedError, WriteError, installed_folders, refuse_installed
from .replacing import create_file, replace_file
from .streams import append_file

__all__ = [
    "FileChangedError",
    "WriteError",
    "append_file",
    "create_file",
    "file_named",
    "installed_folders",
    "refuse_installed",
    "replace_file",
    "what_is",
]

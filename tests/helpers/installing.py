"""rcpack as a content editor installs it: in ``~/.rcpack``, from where pip recorded it.

`installed_as` makes the messages that say how to install an extra come out the same
wherever the tests run: the home folder, the Python rcpack runs in and pip's record of where
rcpack came from (PEP 610's ``direct_url.json``) are the test's.
"""

import json
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

import pytest

__all__ = ["GIT", "installed_as"]

#: A git URL and commit pip recorded, for a record made by `installed_as`.
GIT = {"url": "https://example.org/rcp.git", "vcs_info": {"vcs": "git", "commit_id": "b" * 40}}


class _Installed:
    """A distribution whose pip record is ``record``."""

    def __init__(self, record: str | None) -> None:
        self.record = record

    def read_text(self, name: str) -> str | None:
        return self.record if name == "direct_url.json" else None


def installed_as(
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    record: Mapping[str, object] | None,
    *,
    pip: bool = True,
) -> Path:
    """Run rcpack from ``~/.rcpack`` (``home`` is ``~``), installed from ``record``: its bin folder.

    ``pip``: whether the environment has a ``pip`` script (a virtual environment does).
    """
    scripts = home / ".rcpack" / "bin"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "python").touch()
    if pip:
        (scripts / "pip").touch()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(sys, "executable", str(scripts / "python"))
    text = None if record is None else json.dumps(record)
    monkeypatch.setattr(metadata, "distribution", lambda _: _Installed(text))
    return scripts

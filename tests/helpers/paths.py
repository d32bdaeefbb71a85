"""Where the tests find the repository, its bundled pack, and their own fixtures."""

import os
import stat
import sys
from pathlib import Path

import pytest

#: The folder of the tests, where their fixtures live (golden/, formatting/, source/, ...).
TESTS = Path(__file__).resolve().parents[1]
#: The repository: pyproject.toml, README.md, data/, schema/.
ROOT = TESTS.parent
#: The bundled pack, as it is in the repository.
DATA = ROOT / "data"


def closed_to_others(*places: Path) -> Path | None:
    """The first folder on the way to ``places`` (or to them) that other users may not enter.

    A clone in root's home (mode 700), say: rcpack run from there as another user cannot
    read its own package or the bundled pack.
    """
    for place in places:
        for folder in (*reversed(place.parents), place):
            if not folder.stat().st_mode & stat.S_IXOTH:
                return folder
    return None


#: For the tests that need root, as CI runs them: another user's files, ownership, devices.
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (as CI runs the tests)")

_CLOSED = closed_to_others(ROOT, Path(sys.prefix))  # this checkout and its venv
#: For the tests that run rcpack as another user: they need this checkout open to others.
AS_ANOTHER_USER = pytest.mark.skipif(
    _CLOSED is not None,
    reason=f"runs rcpack as another user, who may not enter {_CLOSED}, on the way to this checkout",
)

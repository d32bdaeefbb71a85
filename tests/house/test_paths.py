"""The tests' own look at where they run (tests/helpers/paths.py)."""

import shutil
import tempfile
from pathlib import Path

from paths import closed_to_others


def test_the_first_folder_others_may_not_enter_is_found_on_any_place_given() -> None:
    """A clone below a folder of mode 700 is closed to others at that folder, not before."""
    top = Path(tempfile.mkdtemp())  # tmp_path's own parents are private to their owner
    try:
        top.chmod(0o755)
        (top / "home" / "clone" / ".venv").mkdir(parents=True)
        clone = top / "home" / "clone"
        assert closed_to_others(clone, clone / ".venv") is None
        (top / "home").chmod(0o700)
        assert closed_to_others(top, clone) == top / "home"
        (top / "home").chmod(0o701)  # others may pass through, though not list it
        assert closed_to_others(clone) is None
        (clone / ".venv").chmod(0o750)
        assert closed_to_others(clone, clone / ".venv") == clone / ".venv"
    finally:
        shutil.rmtree(top)

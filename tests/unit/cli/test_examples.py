"""The example scripts as a facilitator runs them: a file that cannot be written is one line."""

import subprocess
import sys
from pathlib import Path

from paths import ROOT


def test_a_guide_into_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """No traceback: the script names itself and the reason, and exits 2."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "facilitator_guide.py"), "nowhere/guide.md"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"facilitator_guide.py: cannot write 'nowhere/guide.md': there is no folder "
        f"'{tmp_path / 'nowhere'}'\n"
    )


def test_a_date_that_is_no_date_says_how_to_write_one(tmp_path: Path) -> None:
    """A month 13 is refused with an example of a date, not Python's words."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "facilitator_guide.py"),
            "guide.md",
            "--date",
            "2027-13-01",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "facilitator_guide.py: error: argument --date: '2027-13-01' is not a date like 2027-01-12"
    )

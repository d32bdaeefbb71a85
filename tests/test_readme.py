"""README stays true: its test command is the one CI runs, and its output is real."""

from pathlib import Path

import pytest

from recurrent_care_pack import CODES
from recurrent_care_pack._cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    """The last line of .ci/run is the test command README gives, word for word."""
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{command}\n```" in README


def test_readme_shows_the_real_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """The output README shows for the main command is what the commands print."""
    assert main(["validate"]) == 0
    assert main(["summary"]) == 0
    assert f"```text\n{capsys.readouterr().out}```" in README


def test_readme_lists_every_problem_code() -> None:
    """README's table of codes is the catalogue in the package."""
    rows = [f"| {code} | {title} |" for code, title in CODES.items()]
    assert "\n".join(rows) in README


def test_readme_shows_the_real_section_3_plan(capsys: pytest.CaptureFixture[str]) -> None:
    """The agenda README shows is what ``rcpack plan`` prints for it."""
    command = "rcpack plan section-3 --start 09:30 --break-after-exercises"
    assert f"```sh\n{command}\n```" in README
    assert main(command.split()[1:]) == 0
    assert f"```text\n{capsys.readouterr().out}```" in README

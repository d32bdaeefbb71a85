"""The code passes ``mypy --strict`` and ``ruff``, as CI demands."""

import subprocess
import sys

import pytest
from paths import ROOT


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.mark.slow
def test_mypy_strict() -> None:
    """``mypy --strict`` finds nothing in the package, tests and examples."""
    done = _run("mypy", "--strict", "src", "tests", "examples", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_ruff_check() -> None:
    """``ruff check`` finds nothing."""
    done = _run("ruff", "check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_ruff_format() -> None:
    """The code is laid out as ``ruff format`` would lay it out."""
    done = _run("ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr

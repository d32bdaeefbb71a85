"""The HTML handouts in a real headless Chromium: printed to PDF, with no errors logged.

.ci/run installs Debian's chromium; elsewhere the test is skipped when it is missing,
except under CI, where a missing browser is a failure.
"""

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest

import recurrent_care_pack as rcp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed"
)

# What the probe of this machine found Chromium needs to start cleanly here.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--no-pdf-header-footer",
]


def _print(page: Path, pdf: Path, profile: Path) -> list[str]:
    """Print ``page`` to ``pdf``; return the lines the page logged (console errors and such)."""
    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [
        line
        for line in done.stderr.splitlines()
        if ":CONSOLE" in line or "Uncaught" in line or "Refused to" in line
    ]


def test_the_error_check_sees_a_page_error(tmp_path: Path) -> None:
    """A page whose script fails is caught by the check the handouts pass."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><body><p>x</p>'
        "<script>undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    logged = _print(page, tmp_path / "bad.pdf", tmp_path / "profile")
    assert any("undefinedFunction is not defined" in line for line in logged)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (
            "guide",
            ["facilitator guide", "10:40–10:55", "Explaining complex trauma", "Works cited"],
        ),
        ("exercises", ["Exercise 9", "What might you do differently?", "The case study of Amy"]),
        ("tips", ["Tips on staff recruitment", "Persevere cheerfully.", "Look to recruit people"]),
    ],
)
def test_html_handouts_print_in_chromium(tmp_path: Path, kind: str, words: list[str]) -> None:
    """Each HTML handout prints to a PDF whose text holds its content and page footers; nothing was logged."""
    pack = rcp.load_pack()
    agenda = rcp.plan(
        pack, ["section-3"], rcp.PlanOptions(breaks=rcp.Breaks(after_exercises=True))
    )
    page = rcp.write_handout(tmp_path / f"{kind}.html", pack, kind, agenda=agenda)
    pdf = tmp_path / f"{kind}.pdf"
    assert _print(page, pdf, tmp_path / "profile") == []
    reader = pypdf.PdfReader(pdf)
    # Chromium sets "fi" and "ff" as ligatures; NFKC reads them as the letters again.
    text = unicodedata.normalize(
        "NFKC", " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    )
    for word in words:
        assert word in text, word
    # The print stylesheet's footer (@page margin boxes, Chromium 131 on) on every page.
    count = len(reader.pages)
    assert count >= 1
    for number in range(1, count + 1):
        assert f"Page {number} of {count}" in text
    assert "Section 3" in text

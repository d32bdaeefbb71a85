"""Content that once passed although it was wrong: each now gets a located problem."""

import os
from pathlib import Path

import pytest

from recurrent_care_pack._cli import main
from test_problem_codes import BASE


def _validate(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        status = main(["validate", "."])
    finally:
        os.chdir(old)
    return status, capsys.readouterr().out.splitlines()


def _edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - id: film-7\n",
            '      - id: "film-6\\n"\n',
            "pack.yaml:34:13: RC205 'film-6\\n' is not a valid id: it has a space or line break "
            "around it; write 'film-6'",
        ),
        (
            "        time: 30 minutes\n",
            '        time: "30 minutes\\n"\n',
            "pack.yaml:41:15: RC304 '30 minutes\\n' is not a duration rcpack can read: write it "
            "as you would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'",
        ),
        (
            "published: 2019-05-22",
            'published: "2019-05-22\\n"',
            "pack.yaml:5:14: RC206 '2019-05-22\\n' is not a date written YYYY-MM-DD, "
            "e.g. '2019-05-22'",
        ),
        (
            "    title: A section\n",
            "    title: A section\n    looking_at: [trauma, '\t ']\n",
            "pack.yaml:13:26: RC208 entry 2 of 'looking_at' has only spaces; write it, or leave "
            "the key out",
        ),
        (
            "        time: 30 minutes\n",
            "        time: 3\u00b2 minutes\n",
            "pack.yaml:41:15: RC304 '3\u00b2 minutes' has '\u00b2' (superscript two), not one of "
            "the digits 0-9: write it as you would say it, e.g. '23 minutes', '22 minutes 31 "
            "seconds', '1 hour'",
        ),
    ],
    ids=["id", "duration", "date", "list of texts", "superscript digit"],
)
def test_a_trailing_line_break_or_a_blank_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    """Python's ``$`` no longer lets a final line break through; blanks and odd digits fail."""
    (tmp_path / "pack.yaml").write_text(_edited(BASE, old, new), encoding="utf-8")
    assert _validate(tmp_path, capsys) == (1, [expected, "checked 1 file: 1 problem in 1 file"])

"""yamllint, with the settings shipped in ``.yamllint.yaml``, agrees with ``rcpack fmt``."""

import subprocess
import sys
from pathlib import Path

import pytest
from linting import lint
from paths import ROOT

import recurrent_care_pack as rcp
from recurrent_care_pack._content.formatting import format_file, format_text, write_formatted
from recurrent_care_pack._content.resources import yamllint_config

EXAMPLES = ROOT / "tests" / "formatting"


def test_the_package_ships_the_repository_settings() -> None:
    """The packaged copy is this repository's ``.yamllint.yaml`` byte for byte."""
    packaged = yamllint_config()
    assert packaged.is_relative_to(ROOT / "src" / "recurrent_care_pack")
    assert packaged.read_bytes() == (ROOT / ".yamllint.yaml").read_bytes()


def test_yamllint_passes_the_bundled_pack() -> None:
    """``yamllint --strict data/`` here finds the settings itself and reports nothing."""
    for settings in ([], ["-c", str(yamllint_config())]):
        done = subprocess.run(
            [sys.executable, "-m", "yamllint", "--strict", *settings, "data/"],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
            timeout=120,
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    problems = {file.name: lint(file.read_text(encoding="utf-8")) for file in ROOT.glob("data/*")}
    assert problems == {"pack.yaml": [], "section-3.yaml": []}


def test_fmt_output_of_the_messy_example_passes_yamllint() -> None:
    """The messy example fails yamllint in seven places; fmt's output of it in none."""
    messy = (EXAMPLES / "messy.yaml.txt").read_text(encoding="utf-8")
    assert lint(messy) == [
        "3:4 hyphens",
        "3:1 indentation",
        "4:14 colons",
        "8:8 hyphens",
        "8:5 indentation",
        "18:41 commas",
        "22:22 truthy",
    ]
    formatted = (EXAMPLES / "messy.formatted.yaml.txt").read_text(encoding="utf-8")
    assert format_text(messy) == formatted
    assert lint(formatted) == []


@pytest.mark.parametrize(
    ("before", "reported", "after"),
    [
        pytest.param(
            "pack:  #note\n  id: p\n",
            ["1:9 comments"],
            "pack:  # note\n  id: p\n",
            id="a space after the hash",
        ),
        pytest.param(
            "#!note\npack:\n  id: p  ##note\n",
            ["1:2 comments", "3:12 comments"],
            "# !note\npack:\n  id: p  ## note\n",
            id="a space after the hashes, on the first line too",
        ),
        pytest.param(
            "pack:\n  id: p # one space\n",
            ["2:9 comments"],
            "pack:\n  id: p  # one space\n",
            id="two spaces before an end-of-line comment",
        ),
        pytest.param(
            "pack:\n  print_version:\n    title: T\n  # about the pack\nsections: []\n",
            ["4:3 comments-indentation"],
            "pack:\n  print_version:\n    title: T\n    # about the pack\nsections: []\n",
            id="a comment ending a mapping after a nested one, under the last line",
        ),
        pytest.param(
            "people:\n  - id: a\n    # more to come\norganisations: []\n",
            ["3:5 comments-indentation"],
            "people:\n  - id: a\n  # more to come\norganisations: []\n",
            id="a comment after a one-line list item, at the dash",
        ),
        pytest.param(
            "sections:\n  - id: s\n    exercises:\n      - id: e\n        title: t\n      # more\n    title: x\n",
            ["6:7 comments-indentation"],
            "sections:\n  - id: s\n    title: x\n    exercises:\n      - id: e\n        title: t\n        # more\n",
            id="a comment ending a list that sorting moves last",
        ),
        pytest.param(
            "x:\n  - - a\n    # end of a\n  - - - b\n      # end of b\n",
            ["3:5 comments-indentation", "5:7 comments-indentation"],
            "x:\n  - [a]\n  # end of a\n  - - [b]\n  # end of b\n",
            id="comments after lists of one word, at the outer dash",
        ),
        pytest.param(
            "pack:\n  id: p\n  flag: True\n",
            ["3:9 truthy"],
            "pack:\n  id: p\n  flag: true\n",
            id="true and false in lower case",
        ),
        pytest.param(
            "pack:\n  id: p\n  title: on\n",
            ["3:10 truthy"],
            "pack:\n  id: p\n  title: 'on'\n",
            id="a word YAML 1.1 reads as true, in quotes",
        ),
        pytest.param(
            "pack:\n  title: >-\n    a  \n    b\n",
            ["3:6 trailing-spaces"],
            "pack:\n  title: |-\n    a   b\n",
            id="folded text with spaces at a line's end",
        ),
        pytest.param(
            "pack:\n  title: |\n    a\n\n\n\n    b\n",
            ["6:1 empty-lines"],
            'pack:\n  title: "a\\n\\n\\n\\nb\\n"\n',
            id="text with three blank lines in a row",
        ),
        pytest.param(
            "pack:\n  title: |+\n    a\n\n",
            ["4:1 empty-lines"],
            'pack:\n  title: "a\\n\\n"\n',
            id="text kept with a blank line at the file's end",
        ),
    ],
)
def test_fmt_mends_what_yamllint_reports(before: str, reported: list[str], after: str) -> None:
    """Each layout yamllint reports is laid out by fmt so that yamllint reports nothing."""
    assert lint(before) == reported
    assert format_text(before) == after
    assert lint(after) == []
    assert format_text(after) == after


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("---\npack:\n  id: p\n", id="a document start kept"),
        pytest.param("pack:\n  id: p\n...\n", id="a document end kept"),
        pytest.param("pack:\r\n  id: p\r\n", id="CRLF line endings kept"),
        pytest.param(
            "pack:\n  id: p\n  title: " + " ".join(["A long title"] * 12) + "\n",
            id="a long line fmt cannot wrap",
        ),
        pytest.param(
            "pack:\n  id: p\n  hub_title: 'Working with birth mothers: Online Resources'\n",
            id="quotes where a value needs them",
        ),
    ],
)
def test_what_fmt_keeps_passes_yamllint(text: str) -> None:
    """What fmt leaves as the editor wrote it, yamllint accepts as it is."""
    assert format_text(text) == text
    assert lint(text.replace("\r\n", "\n")) == []
    assert lint(text) == []


MISSPELT = """\
pack:
  title: A pack
  id: p
  publisher: org
  published: 2019-05-22
organisations:
  - name: An organisation
    id: org
sections:
  - titel: A section
    number: 3
    id: s
"""


def test_a_misspelt_key_stays_on_the_line_validate_named(tmp_path: Path) -> None:
    """After fmt, the unknown key validate reported is still at that line and column."""
    file = tmp_path / "pack.yaml"
    file.write_text(MISSPELT, encoding="utf-8")
    reported = f"{file}:10:5: RC201 unknown key 'titel' in this section; did you mean 'title'?"
    assert reported in [str(p) for p in rcp.validate(file)]
    formatted = format_file(file)
    assert write_formatted(file, formatted)
    assert reported in [str(p) for p in rcp.validate(file)]
    assert file.read_text(encoding="utf-8").splitlines()[7:12] == [
        "    name: An organisation",
        "sections:",
        "  - titel: A section",
        "    number: 3",
        "    id: s",
    ]
    assert file.read_text(encoding="utf-8").splitlines()[1:3] == ["  id: p", "  title: A pack"]

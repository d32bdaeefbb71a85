"""Meaning problems test_problem_codes.py does not show: numbers, allowances, many ids."""

from pathlib import Path

import pytest
from small_packs import FULL

from recurrent_care_pack._cli import main

#: A second section numbered 3 too, with two presentations numbered 1, a film numbered 1
#: (films and presentations are numbered apart) and a second exercise numbered 9.
TWINS = """\
  - id: s4
    number: 3
    title: Another section
    media:
      - id: slides-1
        kind: presentation
        number: 1
      - id: slides-2
        kind: presentation
        number: 1
      - id: film-8
        kind: film
        number: 1
    exercises:
      - id: ex-10
        number: 9
        title: Another exercise
        time: 10 minutes
        phases:
          - duration: 10 minutes
            activity: Talk.
"""

#: Sixty organisations more: past fifty, "did you mean" looks only one typo away.
MANY = "".join(f"  - id: organisation-{n}\n    name: Organisation {n}\n" for n in range(1, 61))
LISTED = (
    "the organisation ids are: afc, essex, fdac, lancaster, organisation-1, organisation-10, "
    "organisation-11, organisation-12, ..."
)


def _edited(text: str, *edits: tuple[str, str]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _many(publisher: str) -> str:
    return _edited(
        FULL,
        ("organisations:\n", "organisations:\n" + MANY),
        ("  publisher: rip\n", f"  publisher: {publisher}\n"),
    )


CASES: dict[str, tuple[str, list[str]]] = {
    "RC403 sections, presentations and exercises numbered twice": (
        FULL + TWINS,
        [
            "pack.yaml:102:13: RC403 Section 3 is numbered twice: 's4' here and 's' on line 39; give each its own number",
            "pack.yaml:110:17: RC403 Presentation 1 is numbered twice: 'slides-2' here and 'slides-1' on line 107; give each its own number",
            "pack.yaml:116:17: RC403 Exercise 9 is numbered twice: 'ex-10' here and 'ex' on line 67; give each its own number",
        ],
    ),
    "RC403 module numbered twice in its section": (
        _edited(
            FULL, ("      - id: m3\n        number: 3\n", "      - id: m3\n        number: 2\n")
        ),
        [
            "pack.yaml:48:17: RC403 Section 3: Module 2 is numbered twice: 'm3' here and 'm2' on line 43; give each its own number",
        ],
    ),
    "RC405 film allowances adding up to more than the module's": (
        _edited(
            FULL,
            (
                "        speakers: [sheena]\n        allowance: 23 minutes\n",
                "        speakers: [sheena]\n        allowance: 24 minutes\n",
            ),
        ),
        [
            "pack.yaml:46:20: RC405 Module 2 of Section 3 allows 23 minutes for its films, but the allowances of Film 6 add up to 24 minutes; make them agree",
            "pack.yaml:55:22: RC406 on a different day Module 3 of Section 3 allows 55 minutes for films, but its own 32 minutes and 24 minutes to re-watch Film 6 make 56 minutes; make them agree",
        ],
    ),
    "RC405 two films running longer together": (
        _edited(
            FULL,
            ("        films: [film-7]\n", "        films: [film-7, film-9]\n"),
            (
                "        number: 7\n",
                "        number: 7\n        running_time: 20 minutes\n      - id: film-9\n"
                "        kind: film\n        number: 9\n        running_time: 12 minutes 1 second\n",
            ),
        ),
        [
            "pack.yaml:52:20: RC405 Module 3 of Section 3 allows 32 minutes for its films, but Films 7 and 9 run 32 minutes 1 second together; allow at least 33 minutes",
        ],
    ),
    "RC402 one letter missed among many ids": (
        _many("organisaton-7"),
        [
            "pack.yaml:4:14: RC402 no organisation has the id 'organisaton-7'; did you mean 'organisation-7'?",
        ],
    ),
    "RC402 one letter added among many ids": (
        _many("organisation-7x"),
        [
            "pack.yaml:4:14: RC402 no organisation has the id 'organisation-7x'; did you mean 'organisation-7'?",
        ],
    ),
    "RC402 nothing close among many ids": (
        _many("o" * 20),
        ["pack.yaml:4:14: RC402 no organisation has the id 'oooooooooooooooooooo'; " + LISTED],
    ),
    "RC402 an id too long to look up among many": (
        _many("rip-" + "x" * 70),
        ["pack.yaml:4:14: RC402 no organisation has the id 'rip-" + "x" * 70 + "'; " + LISTED],
    ),
}


@pytest.mark.parametrize(("content", "expected"), CASES.values(), ids=CASES.keys())
def test_meaning_problem_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    content: str,
    expected: list[str],
) -> None:
    """The pack gets exactly these problem lines, the summary, and exit status 1."""
    (tmp_path / "pack.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status = main(["validate", "."])
    count = len(expected)
    summary = f"checked 1 file, pack.yaml: {count} problem{'s' if count > 1 else ''} in 1 file"
    assert (status, capsys.readouterr().out.splitlines()) == (1, [*expected, summary])


def test_a_film_running_exactly_its_allowance_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Film 6 running 23 minutes in an allowance of 23 minutes is no problem."""
    content = _edited(
        FULL,
        (
            "        speakers: [sheena]\n",
            "        speakers: [sheena]\n        running_time: 23 minutes\n",
        ),
    )
    (tmp_path / "pack.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "."]) == 0
    assert capsys.readouterr().out == "checked 1 file, pack.yaml: no problems\n"

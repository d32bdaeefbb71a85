"""Every kind of reference, and a pack of several files: each problem at its exact place."""

import shutil
from pathlib import Path

import pytest

#: A valid pack that makes every kind of reference once, each on a line of its own.
from paths import DATA
from small_packs import FULL

from recurrent_care_pack import validate
from recurrent_care_pack._cli import main


def _edit(old: str, new: str) -> str:
    assert FULL.count(old) == 1, old
    return FULL.replace(old, new)


def _validate(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    monkeypatch.chdir(folder)
    status = main(["validate", "."])
    return status, capsys.readouterr().out.splitlines()


def test_the_full_pack_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pack every case edits resolves each of its references."""
    (tmp_path / "pack.yaml").write_text(FULL, encoding="utf-8")
    assert _validate(tmp_path, monkeypatch, capsys) == (
        0,
        ["checked 1 file, pack.yaml: no problems"],
    )


#: (what refers, the line as written, the line with a bad reference, the problem printed).
REFERENCES = [
    (
        "the pack's publisher",
        "  publisher: rip\n",
        "  publisher: rp\n",
        "pack.yaml:4:14: RC402 no organisation has the id 'rp'; did you mean 'rip'?",
    ),
    (
        "a partner of the pack's project",
        "partners: [lancaster, essex]",
        "partners: [lancaster, esex]",
        "pack.yaml:8:27: RC402 no organisation has the id 'esex'; did you mean 'essex'?",
    ),
    (
        "a person's organisation",
        "organisation: fdac",
        "organisation: sheena",
        "pack.yaml:23:19: RC402 'sheena' is a person, not an organisation; use the id of an organisation",
    ),
    (
        "a work's publisher",
        "    publisher: lancaster\n",
        "    publisher: lancashire\n",
        "pack.yaml:28:16: RC402 no organisation has the id 'lancashire'; did you mean 'lancaster'?",
    ),
    (
        "the work a case study is based on",
        "based_on: report",
        "based_on: amy",
        "pack.yaml:36:15: RC402 'amy' is a case study, not a work; use the id of a work",
    ),
    (
        "a film's speaker",
        "speakers: [sheena]",
        "speakers: [shena]",
        "pack.yaml:60:20: RC402 no person has the id 'shena'; did you mean 'sheena'?",
    ),
    (
        "a module's film",
        "films: [film-7]",
        "films: [flim-7]",
        "pack.yaml:50:17: RC402 no film or presentation has the id 'flim-7'; did you mean 'film-7'?",
    ),
    (
        "the exercise after a module",
        "exercise: ex\n",
        "exercise: exercise-9\n",
        "pack.yaml:51:19: RC402 no exercise has the id 'exercise-9'; the exercise ids are: ex",
    ),
    (
        "a film re-watched on a different day",
        "rewatch: [film-6]",
        "rewatch: [film-5]",
        "pack.yaml:54:21: RC402 no film or presentation has the id 'film-5'; did you mean 'film-6' or "
        "'film-7'?",
    ),
    (
        "a case study an exercise hands out",
        "case_study: amy",
        "case_study: tina",
        "pack.yaml:71:25: RC402 no case study has the id 'tina'; the case study ids are: amy",
    ),
    (
        "a film an exercise draws on",
        "draws_on: [film-6]",
        "draws_on: [sheena]",
        "pack.yaml:73:20: RC402 'sheena' is a person, not a film or presentation; use the id of a film or presentation",
    ),
    (
        "a work of background reading",
        "works: [review]",
        "works: [reveiw]",
        "pack.yaml:79:15: RC402 no work has the id 'reveiw'; did you mean 'review'?",
    ),
    (
        "a work cited by a point under a lead-in tip",
        "cites: [review]",
        "cites: [rip]",
        "pack.yaml:91:27: RC402 'rip' is an organisation, not a work; use the id of a work",
    ),
    (
        "an organisation mentioned by a point under a lead-in tip",
        "mentions: [afc]",
        "mentions: [report]",
        "pack.yaml:92:30: RC402 'report' is a work, not an organisation; use the id of an organisation",
    ),
    (
        "a work cited by a tip",
        "cites: [report]",
        "cites: [reprot]",
        "pack.yaml:95:23: RC402 no work has the id 'reprot'; did you mean 'report'?",
    ),
    (
        "an organisation mentioned by a tip",
        "mentions: [essex]",
        "mentions: [action-for-change]",
        "pack.yaml:96:26: RC402 no organisation has the id 'action-for-change'; the organisation ids are: afc, essex, fdac, lancaster, rip",
    ),
    (
        "a resource's organisation",
        "organisation: rip",
        "organisation: ripp",
        "pack.yaml:100:29: RC402 no organisation has the id 'ripp'; did you mean 'rip'?",
    ),
    (
        "a speaker in a pack with no people",
        "people:\n  - id: sheena\n    name: Sheena Webb\n    organisation: fdac\n",
        "",
        "pack.yaml:56:20: RC402 no person has the id 'sheena'; add the person to the pack first",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), [r[1:] for r in REFERENCES], ids=[r[0] for r in REFERENCES]
)
def test_a_bad_reference_is_located_where_it_is_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    old: str,
    new: str,
    expected: str,
) -> None:
    """Each kind of reference to nothing, or to the wrong kind, is RC402 at its own line:column."""
    (tmp_path / "pack.yaml").write_text(_edit(old, new), encoding="utf-8")
    assert _validate(tmp_path, monkeypatch, capsys) == (
        1,
        [expected, "checked 1 file, pack.yaml: 1 problem in 1 file"],
    )


#: A pack in three files, each with a meaning problem; the second and third file's items
#: come after the first's in the merged pack, so a merged index would point elsewhere.
SEVERAL_FILES = {
    "a-section.yaml": """\
people:
  - id: claire
    name: Claire Mason
sections:
  - id: s2
    number: 2
    title: Section two
    modules:
      - id: m1
        number: 1
        title: One
        films: [film-1]
        allowance: 10 minutes
    media:
      - id: film-1
        kind: film
        number: 1
        running_time: 12 minutes
""",
    "more.yaml": """\
sections:
  - id: s3
    number: 3
    title: Section three
    modules:
      - id: m1-3
        number: 1
        title: One again
        films: [film-9]
        allowance: 10 minutes
    media:
      - id: film-2
        kind: film
        number: 1
""",
    "pack.yaml": """\
pack:
  id: p
  title: A pack
  publisher: rip
  published: 2019-05-22
organisations:
  - id: rip
    name: Research in Practice
people:
  - id: sheena
    name: Sheena Webb
    organisation: fdac
""",
}


def test_a_meaning_problem_in_each_file_is_located_in_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each file's meaning problem is at its own line:column, and RC403 names the other file."""
    for name, text in SEVERAL_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert _validate(tmp_path, monkeypatch, capsys) == (
        1,
        [
            "a-section.yaml:13:20: RC405 Module 1 of Section 2 allows 10 minutes for its films, "
            "but Film 1 runs 12 minutes; allow at least 12 minutes",
            "more.yaml:9:17: RC402 no film or presentation has the id 'film-9'; did you mean "
            "'film-1' or 'film-2'?",
            "more.yaml:14:17: RC403 Film 1 is numbered twice: 'film-2' here and 'film-1' at "
            "a-section.yaml:17; give each its own number",
            "pack.yaml:12:19: RC402 no organisation has the id 'fdac'; the organisation ids "
            "are: rip",
            "checked 3 files in this folder: 4 problems in 3 files",
        ],
    )


@pytest.mark.parametrize(
    ("wrong", "hint", "offers"),
    [
        ("flim-6", "did you mean 'film-6'?", ["film-6"]),
        # Every film-N is as close to film-8: naming one would be a guess, so none is named.
        (
            "film-8",
            "the film or presentation ids are: film-2, film-3, film-4, film-5, film-6, film-7",
            [],
        ),
    ],
)
def test_did_you_mean_names_all_that_are_as_close_or_none(
    tmp_path: Path, wrong: str, hint: str, offers: list[str]
) -> None:
    """The closest ids, every one as close (up to three), each its own fix; more, none."""
    shutil.copytree(DATA, tmp_path / "pack")
    section = tmp_path / "pack" / "section-3.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("      - film-6\n", f"      - {wrong}\n", 1), encoding="utf-8")
    (problem,) = validate(tmp_path / "pack")
    assert problem.message == f"no film or presentation has the id '{wrong}'; {hint}"
    offered = [text for _, text in problem.fix.offers] if problem.fix else []
    assert offered == offers


@pytest.mark.parametrize(
    ("listed", "line"),
    [
        ("          - film-3\n", 36),  # Module 1's films
        ("            - film-6\n", 94),  # the re-watch before Module 3
        ("          - film-6\n", 257),  # Exercise 10's draws_on
    ],
    ids=["films", "rewatch", "draws_on"],
)
def test_an_id_its_list_holds_already_is_not_offered(
    tmp_path: Path, listed: str, line: int
) -> None:
    """'film-22' beside 'film-2', 'film-66' beside 'film-6': not offered the one listed.

    Its fix would list it twice (RC411): the problem names the ids instead.
    """
    shutil.copytree(DATA, tmp_path / "pack")
    section = tmp_path / "pack" / "section-3.yaml"
    text = section.read_text(encoding="utf-8")
    at = text.index(listed) if listed.endswith("film-3\n") else text.rindex(listed)
    wrong = (
        listed.replace("film-3", "film-22") if "film-3" in listed else listed.replace("6", "66")
    )
    kept = "" if "film-3" in listed else listed
    section.write_text(text[:at] + kept + wrong + text[at + len(listed) :], encoding="utf-8")
    (problem,) = validate(tmp_path / "pack")
    assert (problem.line, problem.code, problem.fix) == (line, "RC402", None)
    assert problem.message.endswith("ids are: film-2, film-3, film-4, film-5, film-6, film-7")


@pytest.mark.parametrize(
    ("file", "listed"),
    [
        ("pack.yaml", "      - research-in-practice\n"),  # the pack's partners
        ("section-3.yaml", "          - claire-mason\n"),  # a film's speakers
        ("section-3.yaml", "                - care-crisis-review-2018\n"),  # a tip's cites
    ],
    ids=["partners", "speakers", "cites"],
)
def test_an_id_a_list_of_people_works_or_partners_holds_is_not_offered(
    tmp_path: Path, file: str, listed: str
) -> None:
    """An id one letter off one its list holds already: no "did you mean" it, and no fix."""
    shutil.copytree(DATA, tmp_path / "pack")
    path = tmp_path / "pack" / file
    text = path.read_text(encoding="utf-8")
    twin = listed.replace("- ", "- x", 1)  # 'xresearch-in-practice'
    path.write_text(text.replace(listed, listed + twin, 1), encoding="utf-8")
    (problem,) = validate(tmp_path / "pack")
    assert (problem.code, problem.fix) == ("RC402", None)
    wrong = twin.split("- ", 1)[1].strip()
    assert f"has the id '{wrong}'" in problem.message
    assert "did you mean" not in problem.message

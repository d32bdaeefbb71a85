"""Every problem code, shown by a small bad file and the exact line ``rcpack validate`` prints."""

import os
import pickle
from pathlib import Path

import pytest
from paths import ROOT
from session_cases import SESSION_CASES

#: A small valid pack: Module 3 re-watches Film 6 on a different day (23 + 32 = 55 minutes).
from small_packs import BASE

from recurrent_care_pack import CODES, PackError, Problem, validate
from recurrent_care_pack._cli import main
from recurrent_care_pack._content.meaning import RELATED_AT_MOST
from recurrent_care_pack._content.reading import read_text
from recurrent_care_pack._problems import MAX_PROBLEMS, Fix


def _edit(old: str, new: str) -> bytes:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new).encode()


TIPS = """\
    tips:
      title: Tips
      categories:
        - id: c
          title: Tips on recruitment
          resources:
            - id: r
              title: A job description
              url: ftp://example.org/job
"""

CASES: dict[str, tuple[bytes, list[str]]] = {
    "RC101 syntax": (
        b"pack:\n  id: p\n  title: a: b\n",
        [
            "pack.yaml:3:11: RC101 this is not valid YAML (a ': ' inside a value starts a new mapping); put the value in quotes, or check the indentation",
        ],
    ),
    "RC101 tab": (
        b"pack:\n\tid: p\n",
        [
            "pack.yaml:2:1: RC101 a tab is used for indenting; indent with spaces, not tabs",
        ],
    ),
    "RC101 control character": (
        b'pack:\n  id: "p\x07"\n',
        [
            "pack.yaml:2:9: RC101 character U+0007 is not allowed in YAML; delete or replace it",
        ],
    ),
    "RC101 key that is a list": (
        b"? [a, b]\n: 1\n",
        [
            "pack.yaml:1:3: RC101 a mapping or list cannot be a key; use a plain name",
        ],
    ),
    "RC102 empty": (
        b"# nothing here yet\n",
        [
            "pack.yaml:1:1: RC102 the file is empty; write the content as keys and values, e.g. 'sections:'",
        ],
    ),
    "RC103 duplicate key": (
        _edit("    title: A section\n", "    title: A section\n    title: B\n"),
        [
            "pack.yaml:13:5: RC103 'title' appears twice in this mapping (first on line 12); keep one of them",
        ],
    ),
    "RC104 tag": (
        _edit("title: A pack", "title: !!python/object:os.system A pack"),
        [
            "pack.yaml:3:10: RC104 tag '!!python/object:os.system' is not allowed; delete it (content is plain text, numbers, lists and mappings)",
        ],
    ),
    "RC105 anchor and alias": (
        _edit("title: A pack", "title: &t A pack").replace(b"title: A section", b"title: *t"),
        [
            "pack.yaml:3:10: RC105 anchor '&t' is not allowed; write the content out in full",
            "pack.yaml:12:12: RC105 alias '*t' is not allowed; write the content out in full",
        ],
    ),
    "RC105 merge key": (
        _edit("  - id: org\n", "  - id: org\n    <<: {}\n"),
        [
            "pack.yaml:8:5: RC105 merge keys ('<<') are not allowed; write the keys out in full",
        ],
    ),
    "RC106 two documents": (
        b"pack: {}\n---\nsections: []\n",
        [
            "pack.yaml:2:1: RC106 a second YAML document starts here; keep one document per file, or move this part to a file of its own",
        ],
    ),
    "RC107 not utf-8": (
        _edit("title: A pack", "title: Caf\xe9").replace(b"\xc3\xa9", b"\xe9"),
        [
            "pack.yaml:3:13: RC107 byte 0xE9 is not UTF-8 text; save the file as UTF-8",
        ],
    ),
    "RC107 utf-16": (
        "pack: {}\n".encode("utf-16"),
        [
            "pack.yaml:1:1: RC107 the file is saved as UTF-16; save it as UTF-8",
        ],
    ),
    "RC107 utf-32": (
        "pack: {}\n".encode("utf-32"),
        [
            "pack.yaml:1:1: RC107 the file is saved as UTF-32; save it as UTF-8",
        ],
    ),
    "RC107 utf-32 big-endian": (
        b"\x00\x00\xfe\xff" + "pack: {}\n".encode("utf-32-be"),
        [
            "pack.yaml:1:1: RC107 the file is saved as UTF-32; save it as UTF-8",
        ],
    ),
    "RC108 byte-order mark": (
        b"\xef\xbb\xbf" + BASE.encode(),
        [
            "pack.yaml:1:1: RC108 the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        ],
    ),
    "RC109 yaml 1.1": (
        b"%YAML 1.1\n---\n" + BASE.encode(),
        [
            "pack.yaml:1:1: RC109 '%YAML 1.1' asks for an old YAML version whose rules change meanings ('no' becomes false); delete the directive (content is YAML 1.2)",
        ],
    ),
    "RC110 deep nesting": (
        b"sections: " + b"[" * 70 + b"]" * 70 + b"\n",
        [
            "pack.yaml:1:74: RC110 the content is nested more than 64 levels deep here; content never needs that many",
        ],
    ),
    "RC111 YAML 1.1 booleans and octals": (
        _edit("title: A pack", "title: no").replace(b"number: 9\n", b"number: 011\n"),
        [
            "pack.yaml:3:10: RC111 'no' is read as the word 'no', but YAML 1.1 tools read it as false; put it in quotes ('no') to keep the word, or write false",
            "pack.yaml:39:17: RC111 '011' is read as the number 11, but YAML 1.1 tools read it as 9; write 11 without the leading zero",
        ],
    ),
    "RC104 custom tag": (
        b"pack: !custom {id: p}\n",
        [
            "pack.yaml:1:7: RC104 tag '!custom' is not allowed; delete it (content is plain text, numbers, lists and mappings)",
        ],
    ),
    "RC203 bare scalar at the top": (
        b"hello\n",
        [
            "pack.yaml:1:1: RC203 the file should be a mapping of keys such as 'pack' and 'sections', not the text 'hello'",
        ],
    ),
    "RC115 control character written as an escape": (
        _edit("title: A pack", 'title: "A pack\\e[2J"'),
        [
            "pack.yaml:3:10: RC115 the text holds U+001B, a control character that terminals and handouts cannot show; delete it",
        ],
    ),
    "RC116 number of 5,000 digits": (
        _edit("published: 2019-05-22", "published: " + "9" * 5000),
        [
            "pack.yaml:5:14: RC116 this number is 5,000 characters long, far longer than any number in content; if it is text, put it in quotes",
        ],
    ),
    "RC201 misspelt key": (
        _edit("    title: A section\n", "    titel: A section\n"),
        [
            "pack.yaml:12:5: RC201 unknown key 'titel' in this section; did you mean 'title'?",
        ],
    ),
    "RC201 unknown key": (
        _edit("  - id: org\n", "  - id: org\n    website: x\n"),
        [
            "pack.yaml:8:5: RC201 unknown key 'website' in this organisation; the keys an organisation can have are: 'id', 'name', 'place', 'description', 'editorial'",
        ],
    ),
    "RC202 missing key": (
        _edit("        title: An exercise\n", ""),
        [
            "pack.yaml:38:9: RC202 this exercise has no 'title'; add it: the exercise's title, e.g. 'Understanding non-engagement and complex trauma through a case study'",
        ],
    ),
    "RC203 wrong type": (
        _edit("    title: A section\n", "    title: [A, section]\n"),
        [
            "pack.yaml:12:12: RC203 'title' should be text, not a list",
        ],
    ),
    "RC203 list at the top": (
        b"- pack\n- sections\n",
        [
            "pack.yaml:1:1: RC203 the file should be a mapping of keys such as 'pack' and 'sections', not a list",
        ],
    ),
    "RC203 need of no known shape": (
        _edit(
            "        time: 30 minutes\n",
            "        time: 30 minutes\n        what_you_need:\n          - {pens: 2}\n",
        ),
        [
            "pack.yaml:43:13: RC203 entry 1 of 'what_you_need' should be a thing to bring ('Post-its'), a case study to hand out ({case_study: ...}) or a choice ({one_of: ...})",
        ],
    ),
    "RC204 value not allowed": (
        _edit("grouping: [whole group]", "grouping: [whole groups]"),
        [
            "pack.yaml:46:24: RC204 'whole groups' is not allowed here; did you mean 'whole group'?",
        ],
    ),
    "RC204 a mapping where a value is meant": (
        _edit("grouping: [whole group]", "grouping:\n              - whole: group"),
        [
            "pack.yaml:47:17: RC204 a mapping is not allowed here; did you mean 'whole group'?",
        ],
    ),
    "RC205 id": (
        _edit("  - id: org\n", "  - id: Our Org\n"),
        [
            "pack.yaml:7:9: RC205 'Our Org' is not a valid id; ids are lowercase words and numbers joined by hyphens, e.g. 'our-org'",
        ],
    ),
    "RC205 id ending in a line break": (
        _edit("      - id: film-6\n", '      - id: "film-6\\n"\n'),
        [
            "pack.yaml:29:13: RC205 'film-6\\n' is not a valid id: it has a space or line break around it; write 'film-6'",
        ],
    ),
    "RC206 date": (
        _edit("published: 2019-05-22", "published: 22/05/2019"),
        [
            "pack.yaml:5:14: RC206 '22/05/2019' is not a date written YYYY-MM-DD: write '2019-05-22'",
        ],
    ),
    "RC207 out of range": (
        _edit("  - id: s\n    number: 3\n", "  - id: s\n    number: 0\n"),
        [
            "pack.yaml:11:13: RC207 'number' is 0; it must be at least 1",
        ],
    ),
    "RC208 empty text": (
        _edit("title: A pack", "title: ''"),
        [
            "pack.yaml:3:10: RC208 'title' is empty; write it, or leave the key out",
        ],
    ),
    "RC208 text of spaces": (
        _edit("title: A pack", "title: '   '"),
        [
            "pack.yaml:3:10: RC208 'title' has only spaces; write it, or leave the key out",
        ],
    ),
    "RC208 empty list": (
        _edit("films: [film-7]", "films: []"),
        [
            "pack.yaml:23:16: RC208 'films' needs at least 1 entry",
        ],
    ),
    "RC209 web address": (
        _edit("    media:\n", TIPS + "    media:\n"),
        [
            "pack.yaml:36:20: RC209 'url' cannot be 'ftp://example.org/job': its web address, starting with https:// or http://, when known",
        ],
    ),
    "RC301 clock time": (
        _edit("running_time: 22 minutes 31 seconds", "running_time: 22:31"),
        [
            "pack.yaml:32:23: RC301 '22:31' is ambiguous (minutes and seconds, or hours and minutes?): write '22 minutes 31 seconds' or '22 hours 31 minutes'",
        ],
    ),
    "RC302 no unit": (
        _edit("        time: 30 minutes\n", "        time: 30\n"),
        [
            "pack.yaml:41:15: RC302 the number 30 has no unit (minutes? hours?): write '30 minutes'",
        ],
    ),
    "RC303 zero": (
        _edit("        time: 30 minutes\n", "        time: 0 minutes\n"),
        [
            "pack.yaml:41:15: RC303 '0 minutes' is not more than zero: give how long it takes, e.g. '23 minutes'",
        ],
    ),
    "RC303 negative": (
        _edit("        time: 30 minutes\n", "        time: -30 minutes\n"),
        [
            "pack.yaml:41:15: RC303 '-30 minutes' is not more than zero: give how long it takes, e.g. '23 minutes'",
        ],
    ),
    "RC304 unreadable duration": (
        _edit("        time: 30 minutes\n", "        time: 5 minutes 1 hour\n"),
        [
            "pack.yaml:41:15: RC304 '5 minutes 1 hour' has its units out of order (hours before minutes): write '1 hour 5 minutes'",
        ],
    ),
    "RC304 full-width digit": (
        _edit("        time: 30 minutes\n", "        time: \uff130 minutes\n"),
        [
            "pack.yaml:41:15: RC304 '\uff130 minutes' has '\uff13' (fullwidth digit three), not one of the digits 0-9: write it as you would say it, e.g. '23 minutes', '22 minutes 31 seconds', '1 hour'",
        ],
    ),
    "RC401 id used twice": (
        _edit("      - id: film-7\n", "      - id: film-6\n"),
        [
            "pack.yaml:23:17: RC402 no film or presentation has the id 'film-7'; did you mean 'film-6'?",
            "pack.yaml:29:13: RC401 id 'film-6' is used again by the film or presentation on line 34; ids must be unique across the pack",
            "pack.yaml:34:13: RC401 id 'film-6' is already used by the film or presentation on line 29; ids must be unique across the pack",
        ],
    ),
    "RC402 unknown reference": (
        _edit("films: [film-6]", "films: [film-8]"),
        [
            "pack.yaml:17:17: RC402 no film or presentation has the id 'film-8'; did you mean 'film-6' or 'film-7'?",
        ],
    ),
    "RC402 reference to the wrong kind": (
        _edit("        exercise: ex\n", "        exercise: film-6\n"),
        [
            "pack.yaml:19:19: RC402 'film-6' is a film or presentation, not an exercise; use the id of an exercise",
        ],
    ),
    "RC403 number used twice": (
        _edit("        number: 7\n", "        number: 6\n"),
        [
            "pack.yaml:36:17: RC403 Film 6 is numbered twice: 'film-7' here and 'film-6' on line 31; give each its own number",
        ],
    ),
    "RC404 phases do not add up": (
        _edit("        time: 30 minutes\n", "        time: 35 minutes\n"),
        [
            "pack.yaml:41:15: RC404 the phases of Exercise 9 add up to 30 minutes, but its time is 35 minutes; make them agree",
        ],
    ),
    "RC405 module allowance too short (32:01 in 32 minutes)": (
        _edit(
            "        number: 7\n", "        number: 7\n        running_time: 32 minutes 1 second\n"
        ),
        [
            "pack.yaml:24:20: RC405 Module 3 of Section 3 allows 32 minutes for its films, but Film 7 runs 32 minutes 1 second; allow at least 33 minutes",
        ],
    ),
    "RC405 film allowance too short": (
        _edit("running_time: 22 minutes 31 seconds", "running_time: 23 minutes 1 second"),
        [
            "pack.yaml:18:20: RC405 Module 2 of Section 3 allows 23 minutes for its films, but Film 6 runs 23 minutes 1 second; allow at least 24 minutes",
            "pack.yaml:33:20: RC405 Film 6 runs 23 minutes 1 second, longer than its allowance of 23 minutes; allow at least 24 minutes",
        ],
    ),
    "RC406 different day does not add up (23 + 32 is not 50)": (
        _edit("allowance: 55 minutes", "allowance: 50 minutes"),
        [
            "pack.yaml:27:22: RC406 on a different day Module 3 of Section 3 allows 50 minutes for films, but its own 32 minutes and 23 minutes to re-watch Film 6 make 55 minutes; make them agree",
        ],
    ),
    "RC407 no pack details": (
        b"sections: []\n",
        [
            "pack.yaml:1:1: RC407 no file of this pack gives the pack details; add a 'pack:' mapping with its id, title, publisher and published date to a file named pack.yaml (the files in a folder with a pack.yaml are checked together as one pack; a file outside such a folder is a pack on its own)",
        ],
    ),
    "RC409 re-watched film without allowance": (
        _edit(
            "running_time: 22 minutes 31 seconds\n        allowance: 23 minutes",
            "running_time: 22 minutes 31 seconds",
        ),
        [
            "pack.yaml:26:21: RC409 Film 6 is re-watched on a different day but has no allowance; give Film 6 an 'allowance' so that the time can be checked",
        ],
    ),
    "RC410 exercise following two modules": (
        _edit(
            "        allowance: 32 minutes\n",
            "        allowance: 32 minutes\n        exercise: ex\n",
        ),
        [
            "pack.yaml:25:19: RC410 Exercise 9 already follows Module 2 of Section 3 on line 19; an exercise follows one module only: give Module 3 of Section 3 an exercise of its own, or leave its 'exercise' out",
        ],
    ),
    "RC411 film listed twice in a module": (
        _edit("films: [film-6]", "films: [film-6, film-6]"),
        [
            "pack.yaml:17:25: RC411 Film 6 is already entry 1 of 'films'; list each film once",
        ],
    ),
    "RC411 film re-watched twice": (
        _edit("rewatch: [film-6]", "rewatch: [film-6, film-6]"),
        [
            "pack.yaml:26:29: RC411 Film 6 is already entry 1 of 'rewatch'; list each film once",
        ],
    ),
    "RC412 module re-watching its own film": (
        _edit("films: [film-7]", "films: [film-7, film-6]"),
        [
            "pack.yaml:26:21: RC412 Module 3 of Section 3 re-watches Film 6, one of its own films; re-watch only films of earlier modules, or take Film 6 out of 'rewatch'",
        ],
    ),
    "RC413 exercise discussing a film shown later": (
        _edit(
            "        time: 30 minutes\n", "        time: 30 minutes\n        draws_on: [film-7]\n"
        ),
        [
            "pack.yaml:42:20: RC413 Exercise 9 discusses Film 7, which is shown only later, in Module 3 of Section 3; make Exercise 9 follow Module 3 of Section 3 or a later module, or take Film 7 out of 'draws_on'",
        ],
    ),
    "RC414 exercise drawing on its own module's film": (
        _edit(
            "        time: 30 minutes\n", "        time: 30 minutes\n        draws_on: [film-6]\n"
        ),
        [
            "pack.yaml:42:20: RC414 Exercise 9 follows Module 2, which shows Film 6; 'draws_on' lists only films beyond its module's: take Film 6 out",
        ],
    ),
    "RC413 exercise discussing a film no module shows": (
        _edit(
            "        time: 30 minutes\n", "        time: 30 minutes\n        draws_on: [film-8]\n"
        ).replace(
            b"      - id: film-7\n",
            b"      - id: film-8\n        kind: film\n      - id: film-7\n",
        ),
        [
            "pack.yaml:44:20: RC413 Exercise 9 discusses 'film-8', which no learning module shows; add 'film-8' to the films of a module before Exercise 9, or take it out of 'draws_on'",
        ],
    ),
}


RC408_LINE = (
    "more.yaml:1:1: RC408 the pack details are already given in pack.yaml:1; keep them in one file"
)
RC113_LINE = (
    "pack.yaml:1:1: RC113 checking stopped after 1000 problems in this file; fix those first "
    "(is it a content file at all?)"
)
RC114_LINE = (
    "pack.yaml:1:2999999: RC114 the file holds more than 1,000,000 values, far more than "
    "content needs; checking stopped here (is it a content file at all?)"
)
RC112_LINE = (
    "pack.yaml:1:1: RC112 the file is larger than the size limit (1 KiB); split it into "
    "smaller files, or raise the limit (rcpack validate --max-file-size)"
)


def _run(folder: Path, *paths: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        status = main(["validate", *paths])
    finally:
        os.chdir(old)
    return status, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(("content", "expected"), CASES.values(), ids=CASES.keys())
def test_problem_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    content: bytes,
    expected: list[str],
) -> None:
    """The bad file gets exactly these problem lines, a summary, and exit status 1."""
    (tmp_path / "pack.yaml").write_bytes(content)
    status, lines = _run(tmp_path, "pack.yaml", capsys=capsys)
    assert lines[:-1] == expected
    assert status == 1


def test_base_pack_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The base every case edits is valid: Film 6's 22:31 fits its 23 minutes, 23 + 32 = 55."""
    (tmp_path / "pack.yaml").write_text(BASE, encoding="utf-8")
    assert _run(tmp_path, "pack.yaml", capsys=capsys) == (
        0,
        ["checked 1 file, pack.yaml: no problems"],
    )


def test_pack_details_given_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two files of one pack folder that both give the pack details: RC408 on the second."""
    (tmp_path / "pack.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "more.yaml").write_text(
        BASE.split("organisations:", maxsplit=1)[0], encoding="utf-8"
    )
    status, lines = _run(tmp_path, ".", capsys=capsys)
    assert lines == [
        RC408_LINE,
        "more.yaml:2:7: RC401 id 'p' is already used by the pack at pack.yaml:2; "
        "ids must be unique across the pack",
        "pack.yaml:2:7: RC401 id 'p' is used again by the pack at more.yaml:2; "
        "ids must be unique across the pack",
        "checked 2 files in this folder: 3 problems in 2 files",
    ]
    assert status == 1


def test_an_id_used_in_another_file_names_it_from_the_files_folder(tmp_path: Path) -> None:
    """The other file is named from this one's folder, though checked by absolute path.

    As an editor checks a pack: never by its absolute path.
    """
    (tmp_path / "pack.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "people.yaml").write_text(
        "people:\n  - id: org\n    name: Not an organisation\n", encoding="utf-8"
    )
    found = [p for p in validate(tmp_path.resolve()) if p.code == "RC401"]
    assert [(p.file.name, p.line, p.message) for p in found] == [
        (
            "people.yaml",
            2,
            "id 'org' is already used by the organisation at ../pack.yaml:7; ids must be "
            "unique across the pack",
        ),
        (
            "pack.yaml",
            7,
            "id 'org' is used again by the person at more/people.yaml:2; ids must be unique "
            "across the pack",
        ),
    ]


def test_every_code_has_a_case() -> None:
    """Each code in the catalogue is shown by at least one bad file above."""
    shown = {name.split()[0] for name in [*CASES, *SESSION_CASES]}
    shown |= {"RC408", "RC112", "RC113", "RC114", "RC120"}
    assert shown == set(CODES)


def test_file_in_a_pack_folder_is_checked_with_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """References between the files of a pack folder resolve when one file is named."""
    organisations = "organisations:\n  - id: org\n    name: An organisation\n"
    rest = BASE.replace(organisations, "")
    (tmp_path / "pack.yaml").write_text(rest, encoding="utf-8")
    (tmp_path / "organisations.yaml").write_text(organisations, encoding="utf-8")
    assert _run(tmp_path, "organisations.yaml", capsys=capsys) == (
        0,
        ["checked 2 files in this folder: no problems"],
    )


def test_problems_of_several_files_are_sorted_by_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Problems from several files come out in file order, then line order."""
    (tmp_path / "b.yaml").write_text("pack: [1]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("sections:\n  - id: X\n", encoding="utf-8")
    status, lines = _run(tmp_path, "b.yaml", "a.yaml", capsys=capsys)
    assert status == 1
    assert lines == [
        "a.yaml:2:5: RC202 this section has no 'number'; add it: the section's number",
        "a.yaml:2:5: RC202 this section has no 'title'; add it: the section's title",
        "a.yaml:2:9: RC205 'X' is not a valid id; ids are lowercase words and numbers "
        "joined by hyphens, e.g. 'x'",
        "b.yaml:1:7: RC203 'pack' should be a mapping of keys and values, not a list",
        "checked 2 files in this folder: 4 problems in 2 files",
    ]


def test_file_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file larger than --max-file-size is refused unread: RC112."""
    (tmp_path / "pack.yaml").write_text(BASE, encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        status = main(["validate", "--max-file-size", "1K", "pack.yaml"])
    finally:
        os.chdir(old)
    assert capsys.readouterr().out.splitlines() == [
        RC112_LINE,
        "checked 1 file, pack.yaml: 1 problem in 1 file",
    ]
    assert status == 1


RC120_LINE = (
    "pack.yaml:3:3: RC120 rcpack fmt cannot lay this out safely: the result would not read "
    "as YAML; leave this part as it is, or write it more simply (block style, one comment per "
    "line), and report it if it looks right"
)


def test_fmt_refuses_a_layout_it_cannot_keep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key that quoting would take past YAML's limit makes fmt leave the file: RC120."""
    content = "pack:\n  id: p\n  " + "k" * 1023 + ": 1\n"
    (tmp_path / "pack.yaml").write_text(content, encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        status = main(["fmt", "pack.yaml"])
    finally:
        os.chdir(old)
    assert capsys.readouterr().out.splitlines() == [
        RC120_LINE,
        "rcpack fmt: left pack.yaml as it is: its layout cannot be rewritten safely",
        "1 file in this folder: 0 reformatted, 0 unchanged, 1 refused",
    ]
    assert (tmp_path / "pack.yaml").read_text(encoding="utf-8") == content
    assert status == 1


def test_catalogue_explains_every_code_with_a_real_example() -> None:
    """docs/problem-codes.md has a section per code whose example is a line pinned above."""
    catalogue = (ROOT / "docs" / "problem-codes.md").read_text(encoding="utf-8")
    pinned = {line for _, lines in [*CASES.values(), *SESSION_CASES.values()] for line in lines}
    pinned |= {RC408_LINE, RC112_LINE, RC113_LINE, RC114_LINE, RC120_LINE}
    for code, title in CODES.items():
        section = catalogue.split(f"## {code}: {title}\n", 1)[1].split("\n## ", 1)[0]
        example = section.split("```text\n", 1)[1].split("\n```", 1)[0]
        assert set(example.split("\n")) <= pinned, code
        assert "**Fix:** " in section, code


def test_checking_stops_after_a_thousand_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of 1,002 duplicate keys reports 1,000 of them and RC113, in bounded memory."""
    (tmp_path / "pack.yaml").write_bytes(b"".join(b"pack: 1\n" for _ in range(1002)))
    status, lines = _run(tmp_path, "pack.yaml", capsys=capsys)
    assert status == 1
    assert lines[0] == RC113_LINE
    assert lines[1] == (
        "pack.yaml:2:1: RC103 'pack' appears twice in this mapping (first on line 1); "
        "keep one of them"
    )
    assert len(lines) == 1002
    assert lines[-1] == "checked 1 file, pack.yaml: 1001 problems in 1 file"


@pytest.mark.slow  # a million values read, seconds
def test_checking_stops_after_a_million_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list of a million and one numbers is RC114 where the last one starts, and no more."""
    (tmp_path / "pack.yaml").write_text("[" + "1, " * 1_000_000 + "1]\n", encoding="utf-8")
    status, lines = _run(tmp_path, "pack.yaml", capsys=capsys)
    assert (status, lines) == (1, [RC114_LINE, "checked 1 file, pack.yaml: 1 problem in 1 file"])


#: The fix each case's problems carry, as an editor offers them: the case, the code and
#: where, then each edit's title and text. Every other case carries none.
FIXES = {
    "RC111 YAML 1.1 booleans and octals": [
        ("RC111", 3, 10, [("Put it in quotes: 'no'", "'no'")]),
        ("RC111", 39, 17, [("Write 11", "11")]),
    ],
    "RC201 misspelt key": [("RC201", 12, 5, [("Change to 'title'", "title")])],
    "RC202 missing key": [("RC202", 38, 9, [("Add 'title'", "title")])],
    "RC204 value not allowed": [("RC204", 46, 24, [("Change to 'whole group'", "whole group")])],
    "RC205 id": [("RC205", 7, 9, [("Write 'our-org'", "our-org")])],
    "RC205 id ending in a line break": [("RC205", 29, 13, [("Write 'film-6'", "film-6")])],
    "RC206 date": [("RC206", 5, 14, [("Write '2019-05-22'", "2019-05-22")])],
    "RC301 clock time": [
        (
            "RC301",
            32,
            23,
            [
                ("Write '22 minutes 31 seconds'", "22 minutes 31 seconds"),
                ("Write '22 hours 31 minutes'", "22 hours 31 minutes"),
            ],
        )
    ],
    "RC302 no unit": [("RC302", 41, 15, [("Write '30 minutes'", "30 minutes")])],
    "RC304 unreadable duration": [
        ("RC304", 41, 15, [("Write '1 hour 5 minutes'", "1 hour 5 minutes")])
    ],
    "RC401 id used twice": [("RC402", 23, 17, [("Change to 'film-6'", "film-6")])],
    "RC402 unknown reference": [
        ("RC402", 17, 17, [("Change to 'film-6'", "film-6"), ("Change to 'film-7'", "film-7")])
    ],
    "RC404 phases do not add up": [
        ("RC404", 41, 15, [("Make its time 30 minutes", "30 minutes")])
    ],
    "RC405 module allowance too short (32:01 in 32 minutes)": [
        ("RC405", 24, 20, [("Allow at least 33 minutes", "33 minutes")])
    ],
    "RC405 film allowance too short": [
        ("RC405", 18, 20, [("Allow at least 24 minutes", "24 minutes")]),
        ("RC405", 33, 20, [("Allow at least 24 minutes", "24 minutes")]),
    ],
    "RC406 different day does not add up (23 + 32 is not 50)": [
        ("RC406", 27, 22, [("Allow 55 minutes on a different day", "55 minutes")])
    ],
}


def test_each_problem_carries_the_fix_its_message_names(tmp_path: Path) -> None:
    """Every case's problems carry exactly these fixes: none but where the message names one."""
    found = {}
    for number, (name, (content, _)) in enumerate(CASES.items()):
        (tmp_path / str(number)).mkdir()
        (tmp_path / str(number) / "pack.yaml").write_bytes(content)
        fixed = [
            (p.code, p.line, p.column, list(p.fix.offers))
            for p in validate(tmp_path / str(number) / "pack.yaml")
            if p.fix is not None
        ]
        if fixed:
            found[name] = fixed
    assert found == FIXES


def test_a_glued_key_is_mended_whole_however_long_its_value() -> None:
    """The message shows a long value cut short; the fix writes all of it, with its key."""
    value = " ".join(["word"] * 20)
    document, problems = read_text(
        Path("pack.yaml"), f"pack:\n  title:{value}\n  id: p\n".encode()
    )
    assert document is None
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            2,
            3,
            "a colon needs a space after it: write 'title: word word word word word word word wo...'",
        )
    ]
    assert problems[0].fix == Fix(action="Write '{}'", replacements=(f"title: {value}",))


def test_a_pack_error_pickles_with_its_problems_fixes() -> None:
    """A PackError sent to another process keeps each problem's fix."""
    problem = Problem(
        file=Path("pack.yaml"),
        line=3,
        column=3,
        code="RC201",
        message="unknown key 'titel' in this pack; did you mean 'title'?",
        fix=Fix(action="Change to '{}'", replacements=("title",)),
    )
    back = pickle.loads(pickle.dumps(PackError([problem])))  # noqa: S301 (our own bytes)
    assert back.problems == (problem,)
    assert back.problems[0].fix.offers == (("Change to 'title'", "title"),)


@pytest.mark.parametrize(
    ("written", "line", "fix"),
    [
        (
            "yes",
            "pack.yaml:22:21: RC203 'optional' should be true or false, not the word 'yes'; "
            "write true",
            Fix(action="Write {}", replacements=("true",)),
        ),
        (
            "'false'",
            "pack.yaml:22:21: RC203 'optional' should be true or false, not the word 'false'; "
            "write false without quotes",
            None,
        ),
    ],
)
def test_a_word_for_true_or_false_carries_its_fix(
    tmp_path: Path, written: str, line: str, fix: Fix | None
) -> None:
    """'yes' where true or false belongs is mended to true; a quoted 'false' is only told."""
    content = _edit(
        "        exercise: ex\n",
        f"        exercise: ex\n        discussion:\n          duration: 10 minutes\n"
        f"          optional: {written}\n",
    )
    (tmp_path / "pack.yaml").write_bytes(content)
    problems = validate(tmp_path / "pack.yaml")
    assert [str(p) for p in problems] == [str(tmp_path / line)]
    assert problems[0].fix == fix


def test_an_id_used_three_times_is_a_problem_at_each_use_linked_to_the_others(
    tmp_path: Path,
) -> None:
    """The first use names the second and counts the rest; each later use names the first."""
    (tmp_path / "pack.yaml").write_text(
        BASE + "people:\n  - id: film-6\n    name: A\n  - id: film-6\n    name: B\n",
        encoding="utf-8",
    )
    found = [p for p in validate(tmp_path / "pack.yaml") if p.code == "RC401"]
    unique = "ids must be unique across the pack"
    film, person = "film or presentation", "person"
    assert [(p.line, p.column, p.message) for p in found] == [
        (
            29,
            13,
            f"id 'film-6' is used again by the {person} on line 50 and in 1 more place; {unique}",
        ),
        (50, 9, f"id 'film-6' is already used by the {film} on line 29; {unique}"),
        (52, 9, f"id 'film-6' is already used by the {film} on line 29; {unique}"),
    ]
    first = (29, 13, f"'film-6' is the id of this {film} too")
    second = (50, 9, f"'film-6' is the id of this {person} too")
    third = (52, 9, f"'film-6' is the id of this {person} too")
    assert [[(r.line, r.column, r.message) for r in p.related] for p in found] == [
        [second, third],
        [first, third],
        [first, second],
    ]
    assert {r.file for p in found for r in p.related} == {tmp_path / "pack.yaml"}


def test_a_section_given_in_two_files_says_a_section_is_written_whole_in_one(
    tmp_path: Path,
) -> None:
    """The same section id in two files: at each, the advice to join them; no RC403 besides."""
    (tmp_path / "pack.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "more.yaml").write_text(
        "sections:\n  - id: s\n    number: 3\n    title: A section, its tips\n",
        encoding="utf-8",
    )
    found = [(p.file.name, p.line, p.code, p.message) for p in validate(tmp_path)]
    advice = (
        "a section is written whole in one file: move what is here into that section, or give "
        "this one its own id"
    )
    assert found == [
        (
            "more.yaml",
            2,
            "RC401",
            f"id 's' is already used by the section at pack.yaml:10; {advice}",
        ),
        (
            "pack.yaml",
            10,
            "RC401",
            f"id 's' is used again by the section at more.yaml:2; {advice}",
        ),
    ]


def test_an_id_used_a_thousand_times_links_each_use_to_ten_others_at_most(tmp_path: Path) -> None:
    """Each use links to the first ten others (not to every one: that grows as the square)."""
    people = "".join(f"  - id: x\n    name: Person {n}\n" for n in range(1200))
    (tmp_path / "pack.yaml").write_text(BASE + "people:\n" + people, encoding="utf-8")
    found = [p for p in validate(tmp_path / "pack.yaml") if p.code in {"RC401", "RC113"}]
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0].code == "RC113"
    first = found[1]
    assert first.message == (
        "id 'x' is used again by the person on line 52 and in 1198 more places; ids must be "
        "unique across the pack"
    )
    assert [r.line for r in first.related] == [52 + 2 * n for n in range(RELATED_AT_MOST)]
    assert {len(p.related) for p in found[1:]} == {RELATED_AT_MOST}
    assert [r.line for r in found[2].related] == [50] + [54 + 2 * n for n in range(9)]

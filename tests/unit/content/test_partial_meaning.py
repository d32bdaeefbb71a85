"""One run shows every problem it can: meaning is checked beside reading and schema problems.

What a reading or schema problem puts in doubt is left out of the meaning checks, and no
meaning problem is reported that fixing it could change.
"""

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from small_packs import BASE

from recurrent_care_pack import Problem, check, validate
from recurrent_care_pack._content.resources import bundled

#: BASE's pack details and organisation, and its section in a file of its own.
DETAILS, SECTION = BASE.split("sections:\n", 1)
SECTION = "sections:\n" + SECTION


def _edited(text: str, *edits: tuple[str, str]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _lines(folder: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [f"{p.file.name}:{p.line}:{p.column}: {p.code} {p.message}" for p in validate(folder)]


def test_a_misspelt_key_in_one_module_and_a_bad_reference_in_another(tmp_path: Path) -> None:
    """One run reports the misspelt key of Module 2 and the unknown film of Module 3 together."""
    text = _edited(
        BASE,
        (
            "        allowance: 23 minutes\n        exercise: ex",
            "        alowance: 23 minutes\n        exercise: ex",
        ),
        ("films: [film-7]", "films: [film-9]"),
    )
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        "pack.yaml:18:9: RC201 unknown key 'alowance' in this learning module; did you mean "
        "'allowance'?",
        "pack.yaml:23:17: RC402 no film or presentation has the id 'film-9'; did you mean "
        "'film-6' or 'film-7'?",
    ]


def test_one_file_fails_the_schema_and_the_other_has_a_meaning_problem(tmp_path: Path) -> None:
    """A bad date in the pack details does not hide that the other file's phases do not add up."""
    files = {
        "pack.yaml": _edited(DETAILS, ("published: 2019-05-22", "published: 22/05/2019")),
        "section.yaml": _edited(SECTION, ("duration: 10 minutes", "duration: 15 minutes")),
    }
    assert _lines(tmp_path, files) == [
        "pack.yaml:5:14: RC206 '22/05/2019' is not a date written YYYY-MM-DD: write '2019-05-22'",
        "section.yaml:33:15: RC404 the phases of Exercise 9 add up to 35 minutes, but its time "
        "is 30 minutes; make them agree",
    ]


def test_a_film_with_a_schema_problem_is_no_unknown_reference(tmp_path: Path) -> None:
    """Modules show and re-watch Film 6, whose running time is ambiguous: no RC402, no timings."""
    text = _edited(BASE, ("running_time: 22 minutes 31 seconds", "running_time: 22:31"))
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        "pack.yaml:32:23: RC301 '22:31' is ambiguous (minutes and seconds, or hours and "
        "minutes?): write '22 minutes 31 seconds' or '22 hours 31 minutes'",
    ]


def test_a_film_whose_id_cannot_be_read_silences_unknown_films(tmp_path: Path) -> None:
    """With one film's id unreadable, no film reference is called unknown: it may be that film."""
    text = _edited(
        BASE, ("      - id: film-6\n", "      - id: Film 6\n"), ("[film-7]", "[film-9]")
    )
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        "pack.yaml:29:13: RC205 'Film 6' is not a valid id; ids are lowercase words and numbers "
        "joined by hyphens, e.g. 'film-6'",
    ]


def test_ids_in_doubt_are_not_duplicates_yet(tmp_path: Path) -> None:
    """Two ids that are no ids, or old YAML words, are fixed first: they may then differ."""
    text = _edited(
        BASE, ("      - id: film-6\n", "      - id: Film 6\n"), ("id: film-7", "id: Film 6")
    )
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        "pack.yaml:29:13: RC205 'Film 6' is not a valid id; ids are lowercase words and numbers "
        "joined by hyphens, e.g. 'film-6'",
        "pack.yaml:34:13: RC205 'Film 6' is not a valid id; ids are lowercase words and numbers "
        "joined by hyphens, e.g. 'film-6'",
    ]
    text = _edited(BASE, ("id: m2", "id: no"), ("id: m3", "id: no"))
    old = (
        "RC111 'no' is read as the word 'no', but YAML 1.1 tools read it as false; put it in "
        "quotes ('no') to keep the word, or write false"
    )
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        f"pack.yaml:14:13: {old}",
        f"pack.yaml:20:13: {old}",
    ]


def test_an_exercise_whose_phase_has_a_bad_duration_gets_no_rc404(tmp_path: Path) -> None:
    """A phase's duration that cannot be read is not added up against the exercise's time."""
    text = _edited(BASE, ("duration: 20 minutes", "duration: 20 minuets"))
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        "pack.yaml:44:23: RC304 '20 minuets' has a misspelt unit ('minuets' for minutes?): "
        "write '20 minutes'",
    ]


def test_a_file_that_cannot_be_read_may_define_anything(tmp_path: Path) -> None:
    """Beside an unreadable file no reference is unknown, but phases are still added up."""
    files = {
        "pack.yaml": DETAILS,
        "section.yaml": _edited(
            SECTION, ("[film-7]", "[film-9]"), ("duration: 10 minutes", "duration: 15 minutes")
        ),
        "broken.yaml": "people:\n  - id: [x\n",
    }
    assert _lines(tmp_path, files) == [
        "broken.yaml:2:9: RC101 this '[' starts a list that is not closed: end it with ']', "
        "or put the value in quotes if it is text",
        "section.yaml:33:15: RC404 the phases of Exercise 9 add up to 35 minutes, but its time "
        "is 30 minutes; make them agree",
    ]


def test_a_misspelt_key_of_a_section_keeps_its_modules_checked(tmp_path: Path) -> None:
    """A section's own text is not what meaning reads: its modules are still checked."""
    text = _edited(
        BASE, ("    title: A section\n", "    titel: A section\n"), ("[film-7]", "[film-9]")
    )
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        "pack.yaml:12:5: RC201 unknown key 'titel' in this section; did you mean 'title'?",
        "pack.yaml:23:17: RC402 no film or presentation has the id 'film-9'; did you mean "
        "'film-6' or 'film-7'?",
    ]


def test_a_number_taken_by_a_part_left_out_is_not_reported_twice(tmp_path: Path) -> None:
    """Film 7 renumbered 6 beside Film 6, whose slides are wrong: RC403 names no film left out."""
    text = _edited(BASE, ("        number: 7\n", "        number: 6\n        slides: many\n"))
    assert _lines(tmp_path, {"pack.yaml": text}) == [
        "pack.yaml:37:17: RC203 'slides' should be a whole number, not the text 'many'",
    ]


def test_a_module_left_out_stops_the_order_of_films_being_checked(tmp_path: Path) -> None:
    """An exercise drawing on Film 7 (shown later) is not reported while Module 3 is left out."""
    text = _edited(
        BASE,
        ("        time: 30 minutes\n", "        time: 30 minutes\n        draws_on: [film-7]\n"),
    )
    order = (
        "pack.yaml:42:20: RC413 Exercise 9 discusses Film 7, which is shown only later, in "
        "Module 3 of Section 3; make Exercise 9 follow Module 3 of Section 3 or a later module, "
        "or take Film 7 out of 'draws_on'"
    )
    assert _lines(tmp_path, {"pack.yaml": text}) == [order]
    broken = _edited(text, ("allowance: 32 minutes", "allowance: 32"))
    assert _lines(tmp_path, {"pack.yaml": broken}) == [
        "pack.yaml:24:20: RC302 the number 32 has no unit (minutes? hours?): write '32 minutes'",
    ]


def test_the_pack_is_given_only_without_problems(tmp_path: Path) -> None:
    """Meaning checked beside a schema problem gives no pack: only a pack with no problem is."""
    (tmp_path / "pack.yaml").write_text(_edited(BASE, ("[film-7]", "[film-9]")), encoding="utf-8")
    assert check(tmp_path).pack is None
    (tmp_path / "pack.yaml").write_text(BASE, encoding="utf-8")
    assert check(tmp_path).pack is not None


# Property: a schema problem never causes a meaning problem ----------------------------

_DATA = {path.name: path.read_text(encoding="utf-8") for path in bundled("data").glob("*.yaml")}
_IDS = sorted(
    {m for text in _DATA.values() for m in re.findall(r"\bid: ([a-z0-9-]+)$", text, re.MULTILINE)}
)
_VALUE = re.compile(r"^(\s*(?:- )?)([a-z_]+): (?![>|])(.+)$")
_ITEM = re.compile(r"^(\s*- )([a-z0-9-]+)$")
_KEY = re.compile(r"^(\s*(?:- )?)([a-z_]+):$")  # a key whose value starts below it
_DURATION_KEYS = {"duration", "allowance", "time", "running_time"}
_REFERENCE_KEYS = {"id", "exercise", "publisher", "organisation", "case_study", "based_on"}

#: Values that neither schema nor reading lets be anywhere: a mapping where a value belongs,
#: numbers below 1 or not whole, an old YAML word, bad syntax. (Text or an id would be a
#: meaning edit where a title or a reference belongs; a list may be allowed empty.)
_BREAKING = ["{}", "-5", "20.5", "no", "[x", "*a"]


def _lines_that(pattern: re.Pattern[str]) -> list[tuple[str, int]]:
    return [
        (name, index)
        for name, text in sorted(_DATA.items())
        for index, line in enumerate(text.split("\n"))
        if pattern.match(line)
    ]


_VALUES = _lines_that(_VALUE)
_EDITABLE = sorted({*_VALUES, *_lines_that(_ITEM), *_lines_that(_KEY)})


def _meaning_edit(line: str, data: st.DataObject) -> str:
    """The line with a value that fits the schema but may mean something wrong."""
    item = _ITEM.match(line)
    if item:
        return str(item.group(1)) + str(data.draw(st.sampled_from([*_IDS, "film-9"])))
    found = _VALUE.match(line)
    if found is None:  # a key alone on its line
        return line
    indent, key, _ = found.groups()
    if key == "number":
        value = str(data.draw(st.integers(1, 10)))
    elif key in _DURATION_KEYS:
        value = f"{data.draw(st.integers(1, 60))} minutes"
    elif key in _REFERENCE_KEYS:
        value = data.draw(st.sampled_from([*_IDS, "nowhere"]))
    else:
        return line
    return f"{indent}{key}: {value}"


def _schema_edit(line: str, data: st.DataObject) -> str:
    """The line with its key misspelt or its value one the schema or reading refuses."""
    alone = _KEY.match(line)
    if alone is not None:  # 'media:' misspelt may hide what it holds
        return f"{alone.group(1)}{alone.group(2)[:-1]}:"
    found = _VALUE.match(line)
    if found is None:  # where an id belongs, text that is no id breaks the schema too
        value = data.draw(st.sampled_from([*_BREAKING, "Film 6"]))
        return _ITEM.sub(lambda m: str(m.group(1)) + value, line)
    indent, key, value = found.groups()
    if data.draw(st.booleans()):
        return f"{indent}{key[:-1]}: {value}"
    wrong = [*_BREAKING, "Film 6"] if key in _REFERENCE_KEYS else _BREAKING
    return f"{indent}{key}: {data.draw(st.sampled_from(wrong))}"


def _meaning(files: dict[str, str]) -> set[tuple[str, int, int | None, str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            Path(folder, name).write_text(text, encoding="utf-8")
        problems = validate(Path(folder))
        return {_seen(p, folder) for p in problems if p.code.startswith("RC4")}


def _seen(problem: Problem, folder: str) -> tuple[str, int, int | None, str, str]:
    # These two name another part: "no film has the id 'x'" may read "'x' is an exercise,
    # not a film" once an exercise left out is back, and "id 'x' is already used by the
    # module on line 31" may name an earlier part in a file that could not be read. What
    # they say stays true: the same mistake in the same place.
    message = "" if problem.code in {"RC401", "RC402"} else problem.message.replace(folder, "")
    return (problem.file.name, problem.line or 0, problem.column, problem.code, message)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fixing_schema_problems_takes_no_meaning_problem_away(data: st.DataObject) -> None:
    """Every meaning problem reported beside schema problems is reported once they are fixed."""
    lines = data.draw(st.lists(st.sampled_from(_EDITABLE), min_size=2, max_size=6, unique=True))
    split = data.draw(st.integers(1, len(lines) - 1))
    fixed = {name: text.split("\n") for name, text in _DATA.items()}
    for name, index in lines[:split]:
        fixed[name][index] = _meaning_edit(fixed[name][index], data)
    broken = {name: list(text) for name, text in fixed.items()}
    for name, index in lines[split:]:
        broken[name][index] = _schema_edit(broken[name][index], data)
    shown = _meaning({name: "\n".join(text) for name, text in broken.items()})
    assert shown <= _meaning({name: "\n".join(text) for name, text in fixed.items()})


@pytest.mark.parametrize("name", sorted(_DATA))
def test_the_bundled_files_give_the_property_lines_to_edit(name: str) -> None:
    """The property above edits lines of every bundled file: values, list items and keys."""
    assert any(file == name for file, _ in _VALUES)
    assert any(file == name for file, _ in _lines_that(_ITEM))
    assert any(file == name for file, _ in _lines_that(_KEY))

"""Hover: a key's meaning, what an id names with its times, a duration in minutes."""

from datetime import timedelta
from pathlib import Path

import pytest
from built_packs import built
from lsprotocol import types
from small_packs import BASE, FULL

from recurrent_care_pack._content.reading import Document, read_text
from recurrent_care_pack._editor.hints import Built
from recurrent_care_pack._editor.hover import hover_text, minutes, to_hover
from recurrent_care_pack._editor.index import PackIndex
from recurrent_care_pack._editor.locating import Spot, spot

FILE = Path("pack.yaml")
MODULE = ("sections", 0, "modules", 0)


def _document(text: str) -> Document:
    document, problems = read_text(FILE, text.encode())
    assert document is not None, problems
    return document


def _pack(tmp_path: Path, text: str) -> Built:
    return built(tmp_path, text)


def _hover(text: str, pack: Built | None, line: int, column: int) -> str | None:
    document = _document(text)
    found = spot(document, text.split("\n"), line, column)
    assert found is not None
    return hover_text(PackIndex([document]), pack, FILE, found)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (60, "1 minute"),
        (61, "1.02 minutes"),
        (1351, "22.52 minutes"),
        (90, "1.5 minutes"),
        (30, "0.5 minutes"),
        (600, "10 minutes"),
        (0, "0 minutes"),
    ],
)
def test_minutes(seconds: int, shown: str) -> None:
    """A duration in minutes, to two places, singular only for exactly one."""
    assert minutes(timedelta(seconds=seconds)) == shown


def test_hover_on_a_key_is_its_description() -> None:
    """Hover on a key is its description."""
    assert _hover(BASE, None, 31, 13) == (
        "**number**\n\nIts number; films are numbered across the whole pack (Film 6)."
    )


def test_hover_on_a_key_the_schema_does_not_know_is_nothing() -> None:
    """Hover on a key the schema does not know is nothing."""
    text = BASE.replace("    title: A section\n", "    titel: A section\n")
    assert _hover(text, None, 12, 6) is None


def test_hover_on_a_film_reference(tmp_path: Path) -> None:
    """A film named by a module: its times, and the modules that show it."""
    assert _hover(BASE, _pack(tmp_path, BASE), 17, 17) == (
        "**Film 6** (film or presentation `film-6`)\n\n"
        "- running time: 22 minutes 31 seconds (22.52 minutes)\n"
        "- allowance: 23 minutes\n"
        "- shown in: Module 2: Complex trauma; "
        "Module 3: Trauma-informed approaches (watched again on a different day)"
    )


def test_hover_on_a_film_with_speakers() -> None:
    """A film's speakers are named as the people list calls them."""
    assert _hover(FULL, None, 57, 15) == (
        "**Film 6** (film or presentation `film-6`)\n\n"
        "- speaker: Sheena Webb\n"
        "- allowance: 23 minutes\n"
        "- shown in: Module 2: Complex trauma; "
        "Module 3: Trauma-informed approaches (watched again on a different day)"
    )


def test_hover_on_a_person_names_the_organisation() -> None:
    """Hover on a person names the organisation."""
    assert _hover(FULL, None, 21, 11) == (
        "**Sheena Webb** (person `sheena`)\n\n- organisation: Family Drug and Alcohol Court"
    )


def test_hover_on_an_exercise_reference() -> None:
    """An exercise: its time, with its phases' durations."""
    assert _hover(BASE, None, 19, 20) == (
        "**Exercise 9: An exercise** (exercise `ex`)\n\n- time: 30 minutes (20 minutes + 10 minutes)"
    )


def test_hover_on_a_module_id_gives_its_times(tmp_path: Path) -> None:
    """Hover on a module id gives its times."""
    pack = _pack(tmp_path, BASE)
    assert _hover(BASE, pack, 14, 13) == (
        "**Module 2: Complex trauma** (learning module `m2`)\n\n"
        "- films: 23 minutes\n"
        "- with its exercise: 53 minutes"
    )
    assert _hover(BASE, pack, 20, 13) == (
        "**Module 3: Trauma-informed approaches** (learning module `m3`)\n\n"
        "- films: 32 minutes\n"
        "- on a different day, with the films to watch again: 55 minutes"
    )


def test_hover_on_a_module_id_without_a_pack_gives_its_facts() -> None:
    """Hover on a module id without a pack gives its facts."""
    assert _hover(BASE, None, 14, 13) == (
        "**Module 2: Complex trauma** (learning module `m2`)\n\n"
        "- allowance: 23 minutes\n"
        "- exercise: ex"
    )


def test_hover_on_a_section_id_gives_its_day(tmp_path: Path) -> None:
    """Hover on a section id gives its day."""
    assert _hover(BASE, _pack(tmp_path, BASE), 10, 9) == (
        "**Section 3: A section** (section `s`)\n\n"
        "- in one day: 1 hour 25 minutes\n"
        "- with the optional discussions: 1 hour 25 minutes"
    )


def test_hover_on_a_reference_to_nothing() -> None:
    """A reference to an id no item has says so."""
    text = BASE.replace("        exercise: ex\n", "        exercise: exx\n")
    assert _hover(text, None, 19, 20) == "no exercise has the id `exx`"


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (18, "**23 minutes**"),
        (32, "**22 minutes 31 seconds**: 22.52 minutes"),
    ],
)
def test_hover_on_a_duration(line: int, shown: str) -> None:
    """A duration is shown as written, with minutes where it has seconds."""
    assert _hover(BASE, None, line, 25) == shown


def test_hover_on_a_duration_that_does_not_read_is_nothing() -> None:
    """Hover on a duration that does not read is nothing."""
    text = BASE.replace(
        "allowance: 23 minutes\n        exercise", "allowance: 23 minits\n        exercise"
    )
    assert _hover(text, None, 18, 22) is None


def test_hover_on_a_plain_value_is_its_description() -> None:
    """Hover on a plain value is its description."""
    assert _hover(BASE, None, 16, 20) == (
        "The module's title, e.g. 'Reconceptualising non-engagement (complex trauma)'."
    )


def test_to_hover_is_markdown_over_the_spot() -> None:
    """The hover is Markdown, over the spot's range."""
    lines = BASE.split("\n")
    hover = to_hover("**x**", lines, Spot(("pack", "id"), on_key=False, line=2, column=7))
    assert hover.contents == types.MarkupContent(kind=types.MarkupKind.Markdown, value="**x**")
    assert hover.range == types.Range(types.Position(1, 6), types.Position(1, 7))


def test_hover_on_a_film_with_two_speakers_one_unknown() -> None:
    """Two speakers are 'speakers'; one the file does not name is shown by its id."""
    text = FULL.replace("        speakers: [sheena]\n", "        speakers: [sheena, danny]\n")
    assert _hover(text, None, 57, 15) == (
        "**Film 6** (film or presentation `film-6`)\n\n"
        "- speakers: Sheena Webb, danny\n"
        "- allowance: 23 minutes\n"
        "- shown in: Module 2: Complex trauma; "
        "Module 3: Trauma-informed approaches (watched again on a different day)"
    )


def test_hover_on_an_item_of_a_list_is_what_its_kind_means() -> None:
    """An item with no words of its own is described by the definition it refers to."""
    assert _hover(BASE, None, 43, 24) == "How people are grouped."


#: BASE with Module 3 followed by an exercise of its own and a discussion.
WITH_EXERCISE = BASE.replace(
    "        allowance: 32 minutes\n",
    "        allowance: 32 minutes\n        exercise: ex2\n"
    "        discussion:\n          duration: 10 minutes\n",
) + (
    "      - id: ex2\n        number: 10\n        title: Another\n        time: 20 minutes\n"
    "        phases:\n          - grouping: [pairs]\n            duration: 20 minutes\n"
    "            activity: Talk.\n"
)


def test_hover_on_a_module_run_on_another_day_counts_its_exercise(tmp_path: Path) -> None:
    """On a different day the module's time holds the re-watched films and its exercise."""
    assert _hover(WITH_EXERCISE, _pack(tmp_path, WITH_EXERCISE), 20, 13) == (
        "**Module 3: Trauma-informed approaches** (learning module `m3`)\n\n"
        "- films: 32 minutes\n"
        "- with the discussion: 42 minutes\n"
        "- with its exercise: 52 minutes\n"
        "- on a different day, with the films to watch again: 1 hour 15 minutes"
    )


def test_hover_while_the_pack_has_problems_gives_module_times_but_not_a_sections(
    tmp_path: Path,
) -> None:
    """With a problem elsewhere, a module's times are known; a section's would need all."""
    text = BASE.replace("  title: A pack\n", "  titel: A pack\n")
    pack = _pack(tmp_path, text)
    assert not pack.whole
    assert _hover(text, pack, 14, 13) == _hover(BASE, _pack(tmp_path, BASE), 14, 13)
    assert "- films: 23 minutes" in str(_hover(text, pack, 14, 13))
    assert _hover(text, pack, 10, 9) == "**Section 3: A section** (section `s`)"

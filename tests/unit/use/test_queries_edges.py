"""The queries' edges: each wrong argument named in its own words, and what exercises need."""

from collections.abc import Callable
from typing import Any

import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._use.queries import needs_named

#: The package, its types unchecked: the calls below give wrong kinds on purpose.
untyped: Any = rcp


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack, loaded once."""
    return rcp.load_pack()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p: untyped.films_by_speaker(p, 3),
            "person must be a string such as 'a-person-id', not the number 3",
        ),
        (
            lambda p: untyped.exercises_by_case_study(p, 3),
            "case_study must be a string such as 'a-case-study-id', not the number 3",
        ),
        (
            lambda p: untyped.search(p, 3),
            "words must be a string such as 'attachment', not the number 3",
        ),
        (
            lambda p: untyped.items_by_topic(p, 3),
            "topic must be a string such as 'attachment', not the number 3",
        ),
        (
            lambda p: untyped.section_time(p, "x"),
            "section must be a Section such as find() gives, not the string 'x'",
        ),
        (
            lambda p: untyped.section_time(p, p.sections[0], optional="yes"),
            "optional must be True or False, not the string 'yes'",
        ),
        (lambda p: untyped.label(p, 3), "item must be an item find() gives, not the number 3"),
        (
            lambda p: untyped.materials(p, 3),
            "selection must be a list or tuple of names such as 'Module 2' or items find() "
            "gives, not the number 3",
        ),
        (
            lambda p: untyped.materials(p, [3]),
            "selection[0] must be a name such as 'Module 2' or an item find() gives, "
            "not the number 3",
        ),
    ],
)
def test_a_wrong_argument_is_named_with_what_is_wanted(
    pack: rcp.Pack, call: Callable[[rcp.Pack], object], message: str
) -> None:
    """Each query names the argument, what it wants, and what it was given."""
    with pytest.raises(TypeError) as raised:
        call(pack)
    assert str(raised.value) == message


def test_needs_named_names_case_studies_by_title_and_choices_as_choices(pack: rcp.Pack) -> None:
    """A case study is named by its title; a choice of materials as its options."""
    exercises = {exercise.id: exercise for exercise in pack.sections[0].exercises}
    assert needs_named(pack, exercises["exercise-8"]) == [
        "The case study of Tina",
        "flipchart paper and marker pens, or Post-its",
    ]
    assert needs_named(pack, exercises["exercise-9"]) == [
        "The case study of Amy",
        "flipchart paper",
        "marker pens",
        "Post-its",
    ]


def test_needs_named_a_case_study_the_pack_lacks_by_its_id(pack: rcp.Pack) -> None:
    """A case study the pack does not hold is named by the id written."""
    exercise = pack.sections[0].exercises[1]
    copy = exercise.what_you_need[0]
    assert isinstance(copy, rcp.CaseStudyCopy)
    missing = rcp.CaseStudyCopy(case_study="case-study-nobody")
    changed = rcp.Exercise(
        id=exercise.id,
        number=exercise.number,
        title=exercise.title,
        time=exercise.time,
        what_you_need=(missing,),
        phases=exercise.phases,
    )
    assert needs_named(pack, changed) == ["case-study-nobody"]

"""Queries answer facilitators' questions about Section 3 exactly, as worked out by hand."""

from datetime import timedelta

import pytest

from recurrent_care_pack import (
    CaseStudyHandout,
    Exercise,
    LearningModule,
    MaterialChoice,
    MaterialItem,
    Media,
    Pack,
    Section,
    exercises_by_case_study,
    films_by_speaker,
    find,
    items_by_topic,
    label,
    load_pack,
    materials,
    module_time,
    pack_time,
    search,
    section_of,
    section_time,
    tips,
    tips_by_category,
)

MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The bundled pack."""
    return load_pack()


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("film-6", "Film 6"),
        ("Film 6", "Film 6"),
        ("film 6", "Film 6"),
        ("Exercise 9", "Exercise 9"),
        ("Module 2", "Module 2 of Section 3"),
        ("Module 2 of Section 3", "Module 2 of Section 3"),
        ("Section 3, Module 2", "Module 2 of Section 3"),
        ("Learning Module 1", "Module 1 of Section 3"),
        ("Section 3", "Section 3"),
        ("case-study-amy", "case-study-amy"),
    ],
)
def test_find_by_id_or_number(pack: Pack, reference: str, expected: str) -> None:
    """Items are found by id or by their number in the pack."""
    assert label(pack, find(pack, reference)) == expected


def test_find_names_what_is_missing_and_suggests(pack: Pack) -> None:
    """An unknown name is a LookupError with the nearest ids."""
    with pytest.raises(LookupError) as raised:
        find(pack, "flm-6")
    assert str(raised.value.args[0]) == (
        "nothing in the pack is called 'flm-6'; did you mean 'film-6', 'film-7', 'film-5'?"
    )
    with pytest.raises(LookupError, match="nothing in the pack is called 'Film 9'"):
        find(pack, "Film 9")


# Worked out by hand from the source: films alone, + the optional 10-minute discussion,
# + the 30-minute exercise, + both; Module 3 on a different day allows 55 minutes for films.
@pytest.mark.parametrize(
    ("number", "films", "discussion", "exercise", "both"),
    [(1, 40, 50, 70, 80), (2, 23, 33, 53, 63), (3, 32, 42, 62, 72)],
)
def test_module_times(
    pack: Pack, *, number: int, films: int, discussion: int, exercise: int, both: int
) -> None:
    """Each module's time alone, with its discussion, with its exercise, with both."""
    module = find(pack, f"Module {number}")
    assert isinstance(module, LearningModule)
    assert module_time(pack, module) == films * MIN
    assert module_time(pack, module, discussion=True) == discussion * MIN
    assert module_time(pack, module, exercise=True) == exercise * MIN
    assert module_time(pack, module, discussion=True, exercise=True) == both * MIN


def test_module_3_on_a_different_day(pack: Pack) -> None:
    """Module 3 on its own day: 55 minutes of films (Film 6 again, then 7), 85 with Exercise 10."""
    module = find(pack, "Module 3")
    assert isinstance(module, LearningModule)
    assert module_time(pack, module, different_day=True) == 55 * MIN
    assert module_time(pack, module, different_day=True, exercise=True) == 85 * MIN
    assert (
        module_time(pack, module, different_day=True, exercise=True, discussion=True) == 95 * MIN
    )
    other = find(pack, "Module 2")
    assert isinstance(other, LearningModule)
    assert module_time(pack, other, different_day=True) == 23 * MIN  # no alternative


def test_section_and_pack_totals(pack: Pack) -> None:
    """Section 3: 3 h 5 min in a day, 3 h 35 min with discussions; 3 h 28 min a module a day."""
    section = find(pack, "Section 3")
    assert isinstance(section, Section)
    assert section_time(pack, section) == 185 * MIN
    assert section_time(pack, section, optional=True) == 215 * MIN
    assert section_time(pack, section, different_days=True) == 208 * MIN
    assert section_time(pack, section, different_days=True, optional=True) == 238 * MIN
    assert pack_time(pack) == 185 * MIN
    assert pack_time(pack, optional=True) == 215 * MIN


def test_films_by_speaker_and_exercises_by_case_study(pack: Pack) -> None:
    """Sheena Webb speaks in Film 6; Amy's case study is handed out in Exercise 9."""
    assert [f.id for f in films_by_speaker(pack, "sheena-webb")] == ["film-6"]
    assert [f.id for f in films_by_speaker(pack, "claire-mason")] == ["film-2"]
    assert films_by_speaker(pack, "nobody") == ()
    assert [e.id for e in exercises_by_case_study(pack, "case-study-amy")] == ["exercise-9"]
    assert [e.id for e in exercises_by_case_study(pack, "case-study-tina")] == ["exercise-8"]


def test_items_by_topic(pack: Pack) -> None:
    """Recruitment is one tip category; complex trauma runs through Module 2, Film 6, Exercise 9."""
    assert [i.id for i in items_by_topic(pack, "Recruitment")] == ["tips-on-staff-recruitment"]
    assert [i.id for i in items_by_topic(pack, "complex trauma")] == [
        "section-3",
        "section-3-module-2",
        "film-6",
        "exercise-9",
    ]


def test_tips_by_category(pack: Pack) -> None:
    """7 tips on recruitment (5 points and 2 more), 19 on ways of working, 3 and 5 more."""
    counts = {category: len(found) for category, found in tips_by_category(pack).items()}
    assert counts == {
        "tips-on-staff-recruitment": 7,
        "tips-on-ways-of-working": 19,
        "issues-to-consider-in-relation-to-training": 3,
        "issues-to-consider-in-relation-to-managing-your-service": 5,
    }
    assert len(tips(pack)) == 34
    assert tips_by_category(pack)["tips-on-staff-recruitment"][0].text == (
        "Can engage with parents and not give up."
    )


def test_search(pack: Pack) -> None:
    """Search finds every word, in any case, across tips, films and exercises."""
    assert [(h.item.id, h.field) for h in search(pack, "POVERTY")] == [
        ("poverty-and-care-proceedings", "text")
    ]
    assert [h.item.id for h in search(pack, "role play")] == [
        "recruit-by-show-me-not-tell-me",
        "leeds-role-plays",
    ]
    hits = [h.item.id for h in search(pack, "Sheena")]
    assert hits == ["section-3-module-2", "section-3-module-3", "film-6", "sheena-webb"]
    assert search(pack, "   ") == ()


def test_section_of(pack: Pack) -> None:
    """Films, exercises and tips know their section."""
    assert section_of(pack, "film-6").number == 3
    assert section_of(pack, "persevere-cheerfully").number == 3
    with pytest.raises(LookupError):
        section_of(pack, "case-study-amy")


def test_materials_for_section_3(pack: Pack) -> None:
    """Two case studies to print, three things for Exercises 9 and 10, one choice for 8."""
    found = materials(pack)
    assert found.handouts == (
        CaseStudyHandout(
            case_study="case-study-tina", title="The case study of Tina", exercises=("exercise-8",)
        ),
        CaseStudyHandout(
            case_study="case-study-amy", title="The case study of Amy", exercises=("exercise-9",)
        ),
    )
    both = ("exercise-9", "exercise-10")
    assert found.things == (
        MaterialItem(name="flipchart paper", exercises=both),
        MaterialItem(name="marker pens", exercises=both),
        MaterialItem(name="Post-its", exercises=both),
    )
    assert found.choices == (
        MaterialChoice(
            options=(("flipchart paper", "marker pens"), ("Post-its",)), exercises=("exercise-8",)
        ),
    )


def test_materials_for_a_selection(pack: Pack) -> None:
    """A module brings its exercise's needs; Module 1 alone needs Tina and the choice."""
    found = materials(pack, ["Module 1"])
    assert [h.title for h in found.handouts] == ["The case study of Tina"]
    assert found.things == ()
    assert len(found.choices) == 1
    module_2 = materials(pack, ["Module 2", "exercise-9"])  # named twice, listed once
    assert [t.exercises for t in module_2.things] == [("exercise-9",)] * 3


def test_find_returns_typed_records(pack: Pack) -> None:
    """What find returns is the record itself."""
    film = find(pack, "Film 6")
    assert isinstance(film, Media)
    assert film.running_time == timedelta(minutes=22, seconds=31)
    exercise = find(pack, "Exercise 10")
    assert isinstance(exercise, Exercise)
    assert exercise.draws_on == ("film-6",)

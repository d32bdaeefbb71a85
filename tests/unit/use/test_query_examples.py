"""Queries at their edges: ambiguous names, films named together, each field search reads."""

from datetime import date, timedelta

import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._naming import film_names, module_names  # its private imports

MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack."""
    return rcp.load_pack()


def _film(
    number: int | None, kind: rcp.MediaKind = rcp.MediaKind.FILM, title: str | None = None
) -> rcp.Media:
    name = f"{kind.value}-{number}" if number is not None else "an-unnumbered-film"
    return rcp.Media(id=name, kind=kind, number=number, title=title)


@pytest.mark.parametrize(
    ("films", "named"),
    [
        ([_film(6)], "Film 6"),
        ([_film(2), _film(3)], "Films 2 and 3"),
        ([_film(2), _film(3), _film(4), _film(5)], "Films 2, 3, 4 and 5"),
        ([_film(7), _film(1, rcp.MediaKind.PRESENTATION)], "Film 7 and Presentation 1"),
        ([_film(None, title="An interview")], "An interview"),
        (
            [_film(7), _film(None), _film(None, title="A talk")],
            "Film 7, an-unnumbered-film and A talk",
        ),
    ],
)
def test_films_are_named_together_as_the_pack_names_them(
    films: list[rcp.Media], named: str
) -> None:
    """Numbered films share one "Films"; anything else is listed, the last after "and"."""
    assert film_names(films) == named


def _module(number: int) -> rcp.LearningModule:
    return rcp.LearningModule(
        id=f"module-{number}", number=number, title="A module", films=("film-1",), allowance=MIN
    )


@pytest.mark.parametrize(
    ("numbers", "named"),
    [
        ([(2, 3)], "Module 2 of Section 3"),
        ([(1, 3), (2, 3), (3, 3)], "Modules 1, 2 and 3 of Section 3"),
        ([(2, 3), (3, 3), (1, 4)], "Modules 2 and 3 of Section 3 and Module 1 of Section 4"),
        (
            [(3, 3), (1, 4), (2, 3)],
            "Module 3 of Section 3, Module 1 of Section 4 and Module 2 of Section 3",
        ),
    ],
)
def test_modules_are_named_together_by_section_in_turn(
    numbers: list[tuple[int, int]], named: str
) -> None:
    """Modules of one section in a row share "Modules ... of Section N"; the order is kept."""
    sections = {n: _section(n) for n in {section for _, section in numbers}}
    assert module_names([(_module(m), sections[s]) for m, s in numbers]) == named


def _section(number: int) -> rcp.Section:
    film = rcp.Media(id=f"film-{number}", kind=rcp.MediaKind.FILM, number=number)
    module = rcp.LearningModule(
        id=f"s{number}-module-1", number=1, title="One", films=(film.id,), allowance=10 * MIN
    )
    return rcp.Section(
        id=f"section-{number}",
        number=number,
        title=f"Section {number}",
        modules=(module,),
        media=(film,),
    )


TWO_SECTIONS = rcp.Pack(
    id="pack",
    title="A pack",
    publisher="org",
    published=date(2026, 1, 1),
    sections=(_section(1), _section(2)),
    organisations=(rcp.Organisation(id="org", name="An organisation"),),
)


def test_a_module_number_in_two_sections_needs_its_section() -> None:
    """Module 1 could be either section's; naming the section, either way, finds one."""
    with pytest.raises(LookupError) as raised:
        rcp.find(TWO_SECTIONS, "Module 1")
    assert str(raised.value) == (
        "'Module 1' could mean Module 1 of Section 1, Module 1 of Section 2; name the section too"
    )
    assert rcp.find(TWO_SECTIONS, "Module 1 of Section 2").id == "s2-module-1"
    assert rcp.find(TWO_SECTIONS, "module 1 in section 2").id == "s2-module-1"
    assert rcp.find(TWO_SECTIONS, "Section 1, Module 1").id == "s1-module-1"


def test_nothing_close_is_said_without_suggestions(pack: rcp.Pack) -> None:
    """A name like no id gets no "did you mean"; a section no item is in is named."""
    with pytest.raises(LookupError) as raised:
        rcp.find(pack, "zzzzzzzz")
    assert str(raised.value) == "nothing in the pack is called 'zzzzzzzz'"
    with pytest.raises(LookupError) as held:
        rcp.section_of(pack, "case-study-amy")
    assert str(held.value) == "no section holds 'case-study-amy'"


@pytest.mark.parametrize(
    ("words", "hits"),
    [
        (
            "psychologist",
            [
                (
                    "sheena-webb",
                    "role",
                    "consultant clinical psychologist and service manager of the London Family "
                    "Drug and Alcohol Court team",
                )
            ],
        ),
        (
            "underpin attachment",
            [("section-3", "covers", "The concepts that underpin attachment-informed practice.")],
        ),
        (
            "carefully",
            [
                (
                    "exercise-8",
                    "activity",
                    "Read the case study carefully. Then consider and discuss these two questions:",
                ),
                (
                    "exercise-9",
                    "activity",
                    "Read the case study carefully. Then consider and discuss:",
                ),
            ],
        ),
        (
            "DIFFERENTLY",
            [
                ("exercise-8", "question", "What might you do differently?"),
                ("exercise-9", "question", "What might you do differently?"),
            ],
        ),
        (
            "Post-its flipchart",
            [
                ("exercise-8", "record", "Note down any key points on flipchart or Post-its."),
                ("exercise-9", "record", "Note down any key points on flipchart or Post-its."),
                ("exercise-10", "record", "Note down any key points on flipchart or Post-its."),
            ],
        ),
    ],
)
def test_search_reads_every_field(
    pack: rcp.Pack, words: str, hits: list[tuple[str, str, str]]
) -> None:
    """Roles, what a section covers, activities, questions and records are searched too."""
    assert [(h.item.id, h.field, h.text) for h in rcp.search(pack, words)] == hits


def test_search_reads_introductions_and_the_different_day_note(pack: rcp.Pack) -> None:
    """A section's introduction and a module's different-day note are searched."""
    assert [(h.item.id, h.field) for h in rcp.search(pack, "flexibly")] == [
        ("section-3", "introduction")
    ]
    assert [(h.item.id, h.field) for h in rcp.search(pack, "helpful different days")] == [
        ("section-3-module-3", "different_day")
    ]


def test_materials_for_what_needs_none(pack: rcp.Pack) -> None:
    """A film needs nothing; a case study the pack does not hold is named by its id."""
    assert rcp.materials(pack, ["film-6"]) == rcp.Materials(handouts=(), things=(), choices=())
    exercise = rcp.Exercise(
        id="exercise-1",
        number=1,
        title="One",
        time=10 * MIN,
        what_you_need=(rcp.CaseStudyCopy(case_study="case-study-zoe"),),
    )
    lone = rcp.Pack(
        id="pack",
        title="A pack",
        publisher="org",
        published=date(2026, 1, 1),
        sections=(rcp.Section(id="section-1", number=1, title="One", exercises=(exercise,)),),
    )
    assert rcp.materials(lone).handouts == (
        rcp.CaseStudyHandout(
            case_study="case-study-zoe", title="case-study-zoe", exercises=("exercise-1",)
        ),
    )

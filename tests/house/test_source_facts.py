"""The bundled pack holds every fact of the published Section 3 text, and nothing guessed.

Each fact pairs the words of the source with what the loaded pack says; the words are
checked to be in the source, so a fact here cannot drift from the text it stands for. And
every text in data/ is the source's own words, or one of the reviewed editorial texts,
each marked editorial in the data.
"""

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from paths import ROOT, TESTS
from ruamel.yaml import YAML

from recurrent_care_pack import (
    Alternatives,
    CaseStudyCopy,
    Exercise,
    Grouping,
    LearningModule,
    Material,
    Media,
    Pack,
    Section,
    Tip,
    load_pack,
)

# Copies of the published Section 3 text and of what is known about the rest of the pack.
SOURCE_FOLDER = TESTS / "source"
SOURCE = SOURCE_FOLDER / "recurrent-care-resource-pack-section-3.txt"
FACTS = SOURCE_FOLDER / "pack-facts.md"

MINUTES = timedelta(minutes=1)

SCHEMA = json.loads((ROOT / "schema" / "pack.schema.json").read_text(encoding="utf-8"))

#: The reviewed editorial texts: short descriptions the pack does not have, written for the
#: data. Each is marked in its record's ``editorial`` list, so no output prints it as the
#: pack's words. Add one only after checking the source truly lacks it.
EDITORIAL = {
    "One of the four short films on non-engagement and attachment.": "description",
    "A presentation about trauma-informed approaches.": "description",
    "A service working in the area of recurrent care, located within a local authority that "
    "trains all its staff in systemic family therapy.": "description",
    "Written for the Department for Education. Identified from the pack's short citation; "
    "the pack's own reference list was not seen.": "note",
}


def _norm(text: str) -> str:
    """Compare text by its words: one space between them, no closing stop or colon."""
    return " ".join(text.split()).rstrip(".:")


@pytest.fixture(scope="module")
def source() -> str:
    """The published text, its whitespace folded."""
    return " ".join(SOURCE.read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def facts() -> str:
    """What is known about the rest of the pack, its whitespace folded."""
    return " ".join(FACTS.read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The bundled pack."""
    return load_pack()


@pytest.fixture(scope="module")
def section(pack: Pack) -> Section:
    """Section 3."""
    [section] = [s for s in pack.sections if s.number == 3]
    return section


def _module(section: Section, number: int) -> LearningModule:
    [module] = [m for m in section.modules if m.number == number]
    return module


def _film(section: Section, number: int) -> Media:
    [film] = [m for m in section.media if m.number == number]
    return film


def _exercise(section: Section, number: int) -> Exercise:
    [exercise] = [e for e in section.exercises if e.number == number]
    return exercise


def _fold(text: str) -> str:
    """Whitespace folded to single spaces; every other character kept."""
    return " ".join(text.split())


def _texts(
    value: Any, schema: dict[str, Any], at: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, dict[str, Any] | None]]:
    """Every text (the schema's ``text``) in a content document: where, what, its record."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name == "text":
            yield at, value, None
            return
        yield from _texts(value, SCHEMA["$defs"][name], at)
        return
    if "oneOf" in schema:
        root = {"$defs": SCHEMA["$defs"]}
        [branch] = [
            b for b in schema["oneOf"] if Draft202012Validator({**root, **b}).is_valid(value)
        ]
        yield from _texts(value, branch, at)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            for where, text, record in _texts(item, schema["properties"][key], (*at, key)):
                yield where, text, value if record is None and where == (*at, key) else record
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            yield from _texts(item, schema["items"], (*at, index))


def _data_texts() -> list[tuple[str, tuple[str | int, ...], str, dict[str, Any] | None]]:
    """Every text string in data/, with its file, place and the record holding it."""
    found = []
    for file in sorted((ROOT / "data").glob("*.yaml")):
        document = YAML(typ="safe").load(file.read_text(encoding="utf-8"))
        found += [(file.name, *t) for t in _texts(document, SCHEMA)]
    return found


def _said(text: str, source: str, facts: str) -> bool:
    """In the source or the facts, word for word and stop for stop; a capital may open it."""
    folded = _fold(text)
    lower = folded[:1].lower() + folded[1:]
    return any(t in s for t in (folded, lower) for s in (source, facts))


def test_every_text_in_data_is_the_pack_s_or_a_marked_editorial_one(
    source: str, facts: str
) -> None:
    """Each text in data/ is in the source or the facts, or a reviewed, marked editorial text."""
    print("Editorial texts (reviewed; not the pack's words):")  # noqa: T201 (the test prints them)
    for text in EDITORIAL:
        print(f"  {text}")  # noqa: T201
    texts = _data_texts()
    assert len(texts) > 100
    unsaid, unmarked, used = [], [], set()
    for file, at, text, record in texts:
        if _said(text, source, facts):
            continue
        field = EDITORIAL.get(_fold(text))
        if field is None:
            unsaid.append(f"{file} {'.'.join(map(str, at))}: {text!r}")
            continue
        used.add(_fold(text))
        if at[-1] != field or record is None or field not in record.get("editorial", ()):
            unmarked.append(f"{file} {'.'.join(map(str, at))}: {text!r}")
    assert unsaid == [], "texts the pack does not say; use its words or review them"
    assert unmarked == [], "editorial texts not marked 'editorial' in their record"
    assert used == set(EDITORIAL), "allow-listed texts no longer in the data"


def test_every_editorial_mark_names_an_allow_listed_text() -> None:
    """A field marked editorial in data/ holds one of the reviewed editorial texts."""
    marked = [
        (file, at, text)
        for file, at, text, record in _data_texts()
        if record is not None and at[-1] in record.get("editorial", ())
    ]
    assert len(marked) == 7  # Films 2-5 and 7, Action for Change, Sebba et al
    assert all(_fold(text) in EDITORIAL for _, _, text in marked)


def test_the_texts_test_catches_each_kind_of_slip(source: str, facts: str) -> None:
    """An added word, a lost colon, a made-up title or a changed stop is not the pack's."""
    assert _said("Then consider and discuss:", source, facts)
    assert not _said("Then consider and discuss these questions.", source, facts)
    assert not _said("try and identify these points.", source, facts)
    assert not _said("See Care Crisis Review Options for Change (2018).", source, facts)
    assert not _said("Any wider practice implications.", source, facts)
    assert not _said(
        "Interview questions of the newly set-up recurrent care service in Leeds", source, facts
    )
    assert _said("Read the case study  carefully.", source, facts)  # spaces fold


def _leaves(tips: tuple[Tip, ...]) -> list[Tip]:
    return [leaf for t in tips for leaf in (_leaves(t.points) if t.points else [t])]


def test_section_title_date_and_coverage(source: str, section: Section) -> None:
    """The section's title, date, what it looks at and covers are the source's."""
    assert f"Section 3: {section.title}" in source
    assert "Published: 22/05/2019" in source
    assert section.published == date(2019, 5, 22)
    *first, last = section.looking_at
    assert f"Looking at: {', '.join(first)} and {last}." in source
    assert section.looking_at == (
        "workforce development",
        "understanding 'non-engagement'",
        "attachment",
        "complex trauma",
    )
    for point in section.covers:
        assert f"• {_norm(point)}." in source
    assert len(section.covers) == 4
    assert section.introduction is not None
    assert _norm(section.introduction) in source


@pytest.mark.parametrize(
    ("number", "phrase", "allowance", "films", "exercise"),
    [
        (
            1,
            "Allow 40 minutes to watch the four short films on non-engagement and attachment "
            "(Films 2, 3, 4 and 5)",
            40,
            (2, 3, 4, 5),
            8,
        ),
        (2, "Allow 23 minutes to watch Film 6", 23, (6,), 9),
        (3, "Allow 32 minutes to watch the presentation by Danny Taggart (Film 7)", 32, (7,), 10),
    ],
)
def test_module_allowances_films_and_exercises(
    source: str,
    section: Section,
    *,
    number: int,
    phrase: str,
    allowance: int,
    films: tuple[int, ...],
    exercise: int,
) -> None:
    """Each module allows the source's minutes for its films and moves into its exercise."""
    module = _module(section, number)
    assert phrase in source
    assert f"Learning Module {number}: {module.title}" in source
    assert module.allowance == allowance * MINUTES
    assert module.films == tuple(f"film-{n}" for n in films)
    assert module.exercise == f"exercise-{exercise}"
    assert f"move straight into Exercise {exercise}" in source


def test_optional_discussions(source: str, section: Section) -> None:
    """Each module offers an optional ten-minute discussion; two say whole-group."""
    assert "allow a further ten minutes for whole-group discussion" in source
    assert "allow an additional 10 minutes for a whole-group discussion" in source
    assert "allow an additional ten minutes for discussion" in source
    groupings = []
    for module in section.modules:
        assert module.discussion is not None
        assert module.discussion.duration == 10 * MINUTES
        assert module.discussion.optional
        assert module.discussion.text is not None
        assert _fold(module.discussion.text) in source
        assert f"move straight into Exercise {module.number + 7}" in module.discussion.text
        groupings.append(module.discussion.grouping)
    assert groupings == [Grouping.WHOLE_GROUP, Grouping.WHOLE_GROUP, None]
    first = section.modules[0].discussion
    assert first is not None
    assert "immediately after watching the films" in (first.text or "")
    raw = (ROOT / "data" / "section-3.yaml").read_text(encoding="utf-8")
    assert raw.count("optional: true") == 3  # the data says it; no code default does


def test_module_3_on_a_different_day(source: str, section: Section) -> None:
    """On a different day Module 3 starts by re-watching Film 6: 55 minutes for films."""
    assert "start this session by also watching the presentation by Sheena Webb (Film 6)" in source
    assert "This would mean allowing 55 minutes for the films" in source
    plan = _module(section, 3).different_day
    assert plan is not None
    assert plan.rewatch == ("film-6",)
    assert plan.allowance == 55 * MINUTES
    assert plan.note is not None
    assert _fold(plan.note) in source
    assert plan.note.endswith(
        "This would mean allowing 55 minutes for the films before moving onto the exercise."
    )


def test_films_known_and_unknown(source: str, facts: str, pack: Pack, section: Section) -> None:
    """Films 2-7 carry every known fact; what is not known is absent, never guessed."""
    people = {p.id: p for p in pack.people}
    film_6 = _film(section, 6)
    assert f"Film 6: ‘{film_6.title}’ Speaker: Sheena Webb" in source
    assert "(22 minutes and 31 seconds)" in source
    assert film_6.running_time == timedelta(minutes=22, seconds=31)
    assert film_6.allowance == 23 * MINUTES
    assert film_6.description is not None
    assert _norm(film_6.description) in source
    sheena = people[film_6.speakers[0]]
    assert f"Speaker: {sheena.name}, {sheena.role}." in source

    film_2 = _film(section, 2)
    assert f'Film 2: "{film_2.title}", speaker Claire Mason' in facts
    claire = people[film_2.speakers[0]]
    assert f"speaker {claire.name}, {claire.role}, Centre for Child and Family Justice" in facts
    assert claire.organisation == "centre-for-child-and-family-justice-research"

    film_7 = _film(section, 7)
    assert people[film_7.speakers[0]].name == "Danny Taggart"
    assert film_7.allowance == 32 * MINUTES
    assert film_7.running_time is None
    assert film_7.title is None
    for number in (3, 4, 5):
        film = _film(section, number)
        assert (film.title, film.speakers, film.running_time) == (None, (), None)
    assert "titles, speakers and running times of Films 3, 4 and 5" in facts
    assert sorted(m.number for m in section.media if m.number) == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("number", "needs"),
    [
        (
            8,
            "What you’ll need: The case study of Tina, flipchart paper and marker pens or Post-its.",
        ),
        (9, "What you’ll need: The case study of Amy, flipchart paper and marker pens, Post-its"),
        (10, "What you’ll need: Flipchart paper and marker pens, Post-its"),
    ],
)
def test_exercise_materials(
    source: str, pack: Pack, section: Section, number: int, needs: str
) -> None:
    """What each exercise needs; "marker pens or Post-its" is one choice, not two things."""
    assert needs in source
    exercise = _exercise(section, number)
    case_studies = {c.id: c for c in pack.case_studies}
    expected: list[object] = []
    if number == 8:
        expected = [
            CaseStudyCopy(case_study="case-study-tina"),
            Alternatives(
                options=(
                    (Material(name="flipchart paper"), Material(name="marker pens")),
                    (Material(name="Post-its"),),
                )
            ),
        ]
    else:
        if number == 9:
            expected = [CaseStudyCopy(case_study="case-study-amy")]
        expected += [Material(name=n) for n in ("flipchart paper", "marker pens", "Post-its")]
    assert list(exercise.what_you_need) == expected
    # The line as the pack prints it, word for word and stop for stop, is kept beside the list.
    assert f"What you’ll need: {exercise.what_you_need_text}" == needs
    assert f"\n{needs}\n" in SOURCE.read_text(encoding="utf-8")  # the whole line, no more
    for case_study in exercise.case_studies:
        assert f"What you’ll need: {case_studies[case_study].title}," in source


@pytest.mark.parametrize("number", [8, 9, 10])
def test_exercise_time_phases_and_questions(source: str, section: Section, number: int) -> None:
    """Each exercise: 30 minutes, 20 in pairs or small groups, 10 together, its questions."""
    exercise = _exercise(section, number)
    assert f"Exercise {number}: {exercise.title}" in source
    assert exercise.time == 30 * MINUTES
    first, last = exercise.phases
    assert first.grouping == (Grouping.PAIRS, Grouping.SMALL_GROUPS)
    assert first.duration == 20 * MINUTES
    # Exercise 10 says only "Come back together for a discussion": no grouping is guessed.
    assert last.grouping == (() if number == 10 else (Grouping.WHOLE_GROUP,))
    assert last.duration == 10 * MINUTES
    assert _norm(last.activity) in source
    assert last.record == "Note down any key points on flipchart or Post-its."
    assert len(first.questions) == 2
    for question in first.questions:
        assert f"• {_fold(question)}" in source
    # The lead-in ends with the pack's colon, as the pack writes it before its list.
    assert first.activity.endswith(":")
    assert _fold(first.activity)[1:] in source


def test_exercise_10_draws_on_both_films(source: str, section: Section) -> None:
    """Exercise 10 discusses this film (7, its module's) and the one about complex trauma (6)."""
    assert "(presented in this film and in the film about complex trauma)" in source
    assert _exercise(section, 10).draws_on == (
        "film-6",
    )  # beyond its module's, as the schema says
    assert [m.films for m in section.modules if m.exercise == "exercise-10"] == [("film-7",)]


def test_every_bullet_point_tip(section: Section) -> None:
    """All 32 bullet-point tips are in the pack, in their categories and order."""
    text = SOURCE.read_text(encoding="utf-8")
    tips_part = text[text.index("Tips on staff recruitment") :]
    headings = [
        "Tips on staff recruitment",
        "Tips on ways of working",
        "Issues to consider in relation to training",
        "Issues to consider in relation to managing your service",
    ]
    starts = [tips_part.index(h) for h in headings] + [len(tips_part)]
    assert section.tips is not None
    categories = section.tips.categories
    total = 0
    for i, category in enumerate(categories):
        part = tips_part[starts[i] : starts[i + 1]]
        bullets = [_norm(b) for b in re.findall(r"•\s*(.+)", part)]
        assert category.title.startswith(headings[i])
        leaves = [_norm(t.text) for t in _leaves(category.tips)]
        # Bullets are in order; the recruitment advice paragraphs follow its list.
        assert leaves[: len(bullets)] == bullets
        total += len(bullets)
    assert total == 32
    assert [len(_leaves(c.tips)) for c in categories] == [7, 19, 3, 5]


def test_recruitment_lead_in_advice_and_resources(source: str, section: Section) -> None:
    """The lead-in "Look to recruit people who:" has its list; the advice around it is there."""
    assert section.tips is not None
    recruitment = section.tips.categories[0]
    lead_in, show_me, parent = recruitment.tips
    assert lead_in.text == "Look to recruit people who:"
    assert len(lead_in.points) == 5
    assert "Look to recruit people who:" in source
    assert _norm(show_me.text) in source
    assert _norm(parent.text) in source
    assert recruitment.topics == ("recruitment",)
    assert [r.title for r in recruitment.resources] == [
        "Job Description for a newly set-up recurrent care service in Leeds",
        "interview questions",
        "suggested role plays",
    ]
    assert all(r.url is None for r in recruitment.resources)
    assert recruitment.resources_introduction is not None
    assert _fold(recruitment.resources_introduction) in source
    assert (show_me.paragraph, parent.paragraph) == (True, True)
    assert not any(t.paragraph for t in _leaves(recruitment.tips)[:5])
    assert (
        "links to a Job Description for a newly set-up recurrent care service in Leeds" in source
    )
    assert "together with their interview questions and suggested role plays" in source


def test_tips_introduction_and_title(source: str, section: Section) -> None:
    """The tips' heading and introduction are the source's."""
    assert section.tips is not None
    assert section.tips.title in source
    assert section.tips.introduction is not None
    assert _norm(section.tips.introduction) in source


def test_works_and_organisations_cited(source: str, facts: str, pack: Pack) -> None:
    """The works the section cites, with what is known of them and what was inferred."""
    works = {w.id: w for w in pack.works}
    review = works["care-crisis-review-2018"]
    assert (
        "Care Crisis Review: Options for Change (2018). Family Rights Group, London; published 13 June 2018"
        in facts
    )
    assert (review.title, review.year, review.published) == (
        "Care Crisis Review: Options for Change",
        2018,
        date(2018, 6, 13),
    )
    assert review.publisher == "family-rights-group"
    for citation in review.cited_as:
        assert citation in source
    [poverty] = [
        t for t in tips_of(pack) if "care-crisis-review-2018" in t.cites and "(2018)" in t.text
    ]
    assert poverty.text.endswith("Options for Change (2018):")
    assert poverty.link_unknown
    assert "See Care Crisis Review Options for Change (2018):" in source
    sebba = works["sebba-et-al-2017"]
    assert "Sebba et al, 2017" in sebba.cited_as
    assert "(Care Crisis Review, 2018; Sebba et al, 2017)" in source
    assert sebba.inferred
    assert sebba.authors == ("Sebba, J.", "Luke, N.", "McNeish, D.", "Rees, A.")
    assert f"{sebba.title}. Rees Centre, University of Oxford" in facts
    tips = [t for s in pack.sections if s.tips for c in s.tips.categories for t in _leaves(c.tips)]
    assert {w for t in tips for w in t.cites} == {"care-crisis-review-2018", "sebba-et-al-2017"}
    organisations = {o.id: o for o in pack.organisations}
    action = organisations["action-for-change"]
    assert f"({action.name} based in {action.place})" in source
    # No place guessed from a name: only Action for Change's is in the pack.
    assert [o.id for o in pack.organisations if o.place] == ["action-for-change"]
    assert {o for t in tips for o in t.mentions} == {"action-for-change"}


def tips_of(pack: Pack) -> list[Tip]:
    """Every tip that stands on its own, in every section."""
    return [t for s in pack.sections if s.tips for c in s.tips.categories for t in _leaves(c.tips)]


def test_background_reading_keeps_its_colon_and_unknown_links(
    source: str, section: Section
) -> None:
    """The reading's introduction ends with the pack's colon; the links after it are unknown."""
    reading = section.background_reading
    assert reading is not None
    assert reading.introduction.endswith("trauma-informed practice:")
    assert _fold(reading.introduction) in source
    assert reading.link_unknown
    assert reading.works == ()


def test_data_comments_cite_the_repository_s_copies() -> None:
    """The data files cite tests/source/, which is in the repository, never shared/source/."""
    for file in (ROOT / "data").glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        assert "shared/source" not in text.replace("tests/source", "")
        assert "(tests/source/" in text


def test_pack_details(facts: str, pack: Pack) -> None:
    """Publisher, publication date, print version and origin come from the publisher's pages."""
    assert pack.publisher == "research-in-practice"
    assert pack.published == date(2019, 5, 22)
    assert pack.hub_title is not None
    assert f'"{pack.hub_title}"' in facts
    assert pack.print_version is not None
    assert pack.print_version.authors == ("Mary Ryan",)
    assert pack.print_version.pages == 52
    assert pack.origin is not None
    assert pack.origin.local_authorities == 13
    assert (pack.origin.start_year, pack.origin.end_year) == (2018, 2019)
    assert pack.licence is None
    assert "No licence terms were found." in facts


def test_case_studies_belong_to_the_pack(pack: Pack) -> None:
    """Tina and Amy are the pack's case studies, used by Exercises 8 and 9."""
    assert [(c.id, c.name) for c in pack.case_studies] == [
        ("case-study-tina", "Tina"),
        ("case-study-amy", "Amy"),
    ]

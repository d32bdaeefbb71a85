"""The guide's and the sheets' view of a pack: discussion lines, plan notes, needs, films named."""

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from guide_plans import team_day, two_hours, weekly
from small_packs import FULL

import recurrent_care_pack as rcp
from recurrent_care_pack._model import CaseStudyCopy, Discussion, Grouping, Phase
from recurrent_care_pack._output.guide_view import exercise_view, guide_view, module_view
from recurrent_care_pack._output.sheets import CaseText, exercise_sheets, part_grouping

BUNDLED = rcp.load_pack()
MODULE_3 = "Module 3 of Section 3: Trauma-informed approaches in recurrent care"


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> rcp.Pack:
    """The small pack with every kind of reference (Film 6 by Sheena Webb, Exercise 9)."""
    file = tmp_path_factory.mktemp("full") / "pack.yaml"
    file.write_text(FULL, encoding="utf-8")
    return rcp.load_pack(file)


def _discussions(agenda: rcp.Agenda) -> dict[str, str | None]:
    guide = guide_view(BUNDLED, agenda)
    return {m.heading: m.discussion.line if m.discussion else None for m in guide.modules}


def test_a_discussion_is_said_to_be_in_the_plan_or_not() -> None:
    """Weekly slots hold Modules 1 and 2's discussions, not Module 3's; the team day holds none."""
    assert list(_discussions(weekly()).values()) == [
        "Optional discussion (whole group): 10 minutes, in this plan.",
        "Optional discussion (whole group): 10 minutes, in this plan.",
        "Optional discussion: 10 minutes, not in this plan.",
    ]
    assert set(_discussions(team_day()).values()) == {
        "Optional discussion (whole group): 10 minutes, not in this plan.",
        "Optional discussion: 10 minutes, not in this plan.",
    }


def test_without_a_plan_a_module_s_discussion_is_the_pack_s_alone() -> None:
    """No agenda (the site's module page): the line ends at the time, neither in nor out."""
    module = BUNDLED.sections[0].modules[2]
    view = module_view(BUNDLED, module)
    assert view.heading == MODULE_3
    assert view.discussion is not None
    assert view.discussion.line == "Optional discussion: 10 minutes."
    assert view.plan_note is None


def test_the_plan_s_note_on_a_module_is_a_sentence() -> None:
    """Module 3 on a later day than Film 6: the plan's note, capitalised, with a full stop."""
    (note,) = [m.plan_note for m in guide_view(BUNDLED, weekly()).modules if m.plan_note]
    assert note == (
        "Module 3 runs on a later day than Film 6: the pack suggests starting it by also "
        "watching Film 6 (55 minutes for the films); this plan follows it."
    )


def test_an_exercise_without_the_pack_s_sentence_lists_what_it_needs(full: rcp.Pack) -> None:
    """No "What you'll need" text in the pack: the guide names each thing the exercise lists."""
    (exercise,) = full.sections[0].exercises
    assert exercise.what_you_need_text is None
    assert exercise_view(full, exercise).needs == "The case study of Amy, Post-its"


def _with_film_7(pack: rcp.Pack, **changes: Any) -> rcp.Pack:
    """``pack`` with Film 7 changed (Exercise 9 follows it, and draws on Film 6)."""
    (section,) = pack.sections
    media = tuple(attrs.evolve(m, **changes) if m.id == "film-7" else m for m in section.media)
    return attrs.evolve(pack, sections=(attrs.evolve(section, media=media),))


def test_a_speaker_who_is_not_one_of_the_pack_s_people_is_named_as_given(full: rcp.Pack) -> None:
    """A pack built in code may name a speaker in words: the guide and the sheet print them."""
    pack = _with_film_7(full, speakers=("A narrator",))
    module = pack.sections[0].modules[1]
    (film,) = module_view(pack, module).films
    assert film.speakers == ("A narrator",)
    (sheet,) = exercise_sheets(pack).exercises
    assert sheet.films == ("Film 7 (A narrator)", "Film 6 (Sheena Webb)")


def test_a_title_written_for_the_data_is_not_put_on_a_sheet(full: rcp.Pack) -> None:
    """Film 7's title marked editorial: named by number, after the named films; else with it."""
    pack = _with_film_7(full, title="A title of the tool's", editorial=("title",))
    (sheet,) = exercise_sheets(pack).exercises
    assert sheet.films == ("Film 6 (Sheena Webb)", "Film 7")
    titled = _with_film_7(full, title="A title of the pack's")
    (sheet,) = exercise_sheets(titled).exercises
    assert sheet.films == ("Film 7: A title of the pack's", "Film 6 (Sheena Webb)")


def test_a_sheet_for_an_exercise_the_plan_does_not_hold_has_no_date() -> None:
    """Sheets for every exercise beside a dated plan of Module 2: only Exercise 9 is dated."""
    agenda = rcp.plan(BUNDLED, ["Module 2"], rcp.PlanOptions(dates=(date(2027, 1, 12),)))
    sheets = exercise_sheets(BUNDLED, agenda=agenda).exercises
    assert [(s.label, s.day, s.date) for s in sheets] == [
        ("Exercise 8", None, None),
        ("Exercise 9", 1, "Tuesday 12 January 2027"),
        ("Exercise 10", None, None),
    ]


def test_coming_back_together_in_pairs_stays_pairs() -> None:
    """A part that says who works together keeps it, even when it starts "Come back together"."""
    phase = Phase(
        grouping=(Grouping.PAIRS,),
        duration=timedelta(minutes=5),
        activity="Come back together in your pairs.",
    )
    assert part_grouping(phase) == "Pairs"


def test_the_sheets_name_their_pack() -> None:
    """The sheets record the pack's title, beside their own."""
    sheets = exercise_sheets(BUNDLED)
    assert (sheets.title, sheets.pack) == (f"{BUNDLED.title}: exercises", BUNDLED.title)


def test_a_sheet_carries_the_pack_s_case_study_text(full: rcp.Pack) -> None:
    """A case study the pack gives the text of: the sheet prints its title and that text."""
    (amy,) = full.case_studies
    pack = attrs.evolve(full, case_studies=(attrs.evolve(amy, text="Amy is 24."),))
    (sheet,) = exercise_sheets(pack).exercises
    assert sheet.case_studies == (CaseText(title="The case study of Amy", text="Amy is 24."),)


def test_a_sheet_says_what_to_record_in_each_part() -> None:
    """Exercise 8's sheet: its second part's note of what to record, in the pack's words."""
    sheet = exercise_sheets(BUNDLED).exercises[0]
    assert sheet.label == "Exercise 8"
    assert [p.record for p in sheet.parts] == [
        None,
        "Note down any key points on flipchart or Post-its.",
    ]


def test_a_case_study_the_pack_does_not_hold_is_named_by_its_id(full: rcp.Pack) -> None:
    """A pack built in code may name a case study it lacks: the sheet names it as given."""
    (section,) = full.sections
    (exercise,) = section.exercises
    changed = attrs.evolve(exercise, what_you_need=(CaseStudyCopy(case_study="case-study-sam"),))
    pack = attrs.evolve(full, sections=(attrs.evolve(section, exercises=(changed,)),))
    (sheet,) = exercise_sheets(pack).exercises
    assert sheet.case_studies == (CaseText(title="case-study-sam"),)


def test_a_discussion_the_pack_asks_for_is_not_called_optional(full: rcp.Pack) -> None:
    """A module's required discussion, with no plan: "Discussion: 10 minutes."."""
    module = attrs.evolve(
        full.sections[0].modules[0], discussion=Discussion(duration=timedelta(minutes=10))
    )
    view = module_view(full, module)
    assert view.discussion is not None
    assert view.discussion.line == "Discussion: 10 minutes."


def test_the_running_sheet_says_what_was_left_out_and_each_row_s_seconds() -> None:
    """Two hours leave Module 1 out, said under the sheet; each row's seconds are its length."""
    agenda = two_hours()
    (part,) = guide_view(BUNDLED, agenda).parts
    assert part.sheet.notes[-1] == "Left out to fit the time: Module 1 of Section 3."
    entries = [r for r in part.sheet.rows if not r.part]
    # Film 6's 23 minutes, Exercise 9, the 5-minute break, Film 7's 32, Exercise 10.
    assert [r.seconds for r in entries] == [23 * 60, 30 * 60, 5 * 60, 32 * 60, 30 * 60]

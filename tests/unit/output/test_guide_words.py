"""The guide's words: the pack's where a facilitator needs them, the tool's marked as its own."""

import io
import re
from functools import cache

import docx
import pytest
from guide_plans import team_day, team_session, two_hours, weekly

import recurrent_care_pack as rcp
from recurrent_care_pack._output.guide_sessions import group_split
from recurrent_care_pack._output.guide_view import guide_view
from recurrent_care_pack._session import Location, Session
from recurrent_care_pack._use.planning import Agenda

MARK = "## Suggestions from this tool (not the pack's)"
DIFFERENT_DAY = (
    "> The pack: “If you’re working through these modules on different days, you may find it "
    "helpful to start this session by also watching the presentation by Sheena Webb (Film 6) "
    "about complex trauma. This would mean allowing 55 minutes for the films before moving onto "
    "the exercise.”"
)


@cache
def _guide(which: str) -> list[str]:
    """The Markdown guide for a situation, as lines."""
    agendas: dict[str, tuple[Agenda, str | Session | None]] = {
        "team day": (team_day(), team_session()),
        "weekly": (weekly(), "Weekly learning"),
        "two hours": (two_hours(), None),
        "modules 2 and 3": (rcp.plan(rcp.load_pack(), ["Module 2", "Module 3"]), None),
    }
    agenda, session = agendas[which]
    text = rcp.render_handout(rcp.load_pack(), "guide", "md", agenda, session=session)
    return text.decode("utf-8").splitlines()


def test_the_pack_s_introduction_aims_and_reading_are_printed_as_the_pack_s() -> None:
    """The section's introduction, what it covers, and the background reading, quoted."""
    lines = _guide("team day")
    assert (
        "> The pack: “This section includes three learning modules, comprising films and "
        "exercises. These can be used flexibly to set out a programme of shared learning for "
        "your team or workforce. Use them to build and enhance understanding in relation to "
        "complex trauma, non-engagement, and trauma-informed approaches.”"
    ) in lines
    at = lines.index("The pack: “The section covers:”")
    assert lines[at + 2 : at + 6] == [
        "- What we mean by engagement and non-engagement, and the underlying factors that may "
        "contribute to each.",
        "- The concepts that underpin attachment-informed practice.",
        "- The concepts underpinning trauma-informed practice.",
        "- Tips from practice experts on taking this learning into the development of your "
        "recurrent care service.",
    ]
    assert (
        "> The pack: “Here are links to some helpful resources and further reading in relation "
        "to attachment, complex trauma and trauma-informed practice:”"
    ) in lines
    assert "The published text does not give these links." in lines


def test_module_and_film_6_descriptions_are_the_pack_s() -> None:
    """Each module's description and Film 6's, in the pack's words; no editorial text."""
    text = "\n".join(_guide("team day"))
    assert (
        "> The pack: “Allow 23 minutes to watch Film 6 in which Sheena Webb gives an "
        "introduction to complex trauma, followed by the theory underpinning trauma-informed "
        "approaches in practice.”"
    ) in text
    assert (
        "The pack: “Sheena describes complex trauma and its impact, and introduces the theory "
        "underpinning a trauma-informed approach to practice”"
    ) in text
    assert "four short films on non-engagement and attachment (Films 2, 3, 4 and 5).”" in text
    assert "One of the four short films" not in text  # the data's editorial description


@pytest.mark.parametrize(
    "line",
    [
        "Time: 30 minutes. What you’ll need: The case study of Tina, flipchart paper and marker "
        "pens or Post-its.",
        "Time: 30 minutes. What you’ll need: The case study of Amy, flipchart paper and marker "
        "pens, Post-its",
        "Time: 30 minutes. What you’ll need: Flipchart paper and marker pens, Post-its",
    ],
)
def test_what_you_ll_need_is_worded_and_stopped_as_the_pack_does(line: str) -> None:
    """The "What you'll need" lines are the pack's, punctuation and all (fidelity audit O11)."""
    assert line in _guide("team day")


def test_the_different_day_suggestion_is_quoted_whether_followed_or_not() -> None:
    """Followed on a later day (weekly) or not (one day), the pack's sentence is quoted as its."""
    weekly_lines = _guide("weekly")
    assert DIFFERENT_DAY in weekly_lines
    assert (
        "Module 3 runs on a later day than Film 6: the pack suggests starting it by also "
        "watching Film 6 (55 minutes for the films); this plan follows it."
    ) in weekly_lines
    assert DIFFERENT_DAY in _guide("team day")


def test_broadhurst_is_what_amy_is_based_on_not_a_work_cited() -> None:
    """The Broadhurst report is named under Amy's case study, never under the works cited."""
    lines = _guide("team day")
    assert (
        "The case study of Amy is based on: Vulnerable Birth Mothers and Recurrent Care "
        "Proceedings (2017). Lancaster University."
    ) in lines
    cited = lines[lines.index("## Works cited in the section") :]
    assert not any("Vulnerable Birth Mothers" in line for line in cited)
    assert len([line for line in cited if line.startswith("- ")]) == 2


def test_the_tool_s_aids_are_under_its_mark_and_use_the_aims() -> None:
    """Opening, groups, prompts and closing sit under the tool's heading; the prompts quote tips."""
    lines = _guide("team day")
    start = lines.index(MARK)
    end = lines.index("## Films to show")
    aids = lines[start:end]
    assert (
        "- Say what the session is for: what the section covers (the pack's words, under "
        "“What the pack says”)."
    ) in aids
    assert "12 participants: six pairs, or three groups of four." in aids
    assert (
        "The pack says its tips “can be used to prompt discussion after watching the "
        "presentations above and completing the exercises”. Some to use:"
    ) in aids
    assert (
        "**After Module 1’s films (if there is time):** Which of these tips from practice fits "
        "what you have just watched, and what would it change in your work?"
    ) in aids
    assert "- The pack: “Persevere cheerfully.”" in aids
    assert "- Gather the flipchart sheets and Post-its before people leave." in aids
    text = "\n".join(lines)
    assert "Lead the discussion" not in text
    assert "web address not in the data" not in text


@pytest.mark.parametrize(
    ("people", "split"),
    [
        (12, "12 participants: six pairs, or three groups of four."),
        (
            7,
            "7 participants: two pairs and a group of three, or one group of three and one of four.",
        ),
        (10, "10 participants: five pairs, or two groups of three and one of four."),
        (9, "9 participants: three pairs and a group of three, or three groups of three."),
        (4, "4 participants: two pairs, or one group of four."),
        (3, "3 participants: work as one group throughout."),
        (1, "1 participant: work as one group throughout."),
    ],
)
def test_a_group_split_from_the_number_of_participants(people: int, split: str) -> None:
    """Pairs, or groups of about four, from the number of participants."""
    assert group_split(people) == split


def test_checklist_lists_each_thing_once_and_marks_counts() -> None:
    """Flipchart paper once, for the exercises that need it; copies marked as the tool's count."""
    lines = _guide("team day")
    bring = lines[
        lines.index("### What to bring for this session") : lines.index("## What the pack says")
    ]
    checks = [line for line in bring if line.startswith("- [ ]")]
    assert checks == [
        "- [ ] A screen and sound the whole room can see and hear (this tool's advice, to show "
        "Films 2, 3, 4, 5, 6 and 7)",
        "- [ ] The case study of Tina (Exercise 8) (12 copies: one each is this tool's count, "
        "not the pack's)",
        "- [ ] The case study of Amy (Exercise 9) (12 copies: one each is this tool's count, "
        "not the pack's)",
        "- [ ] The participants' exercise sheets (Exercises 8, 9 and 10) (12 copies: one each is "
        "this tool's count, not the pack's)",
        "- [ ] flipchart paper (Exercises 8, 9 and 10)",
        "- [ ] marker pens (Exercises 8, 9 and 10)",
        "- [ ] Post-its (Exercises 9 and 10)",
    ]


def test_a_choice_no_other_exercise_meets_stays_a_choice() -> None:
    """Exercise 8 alone: its "or" stays a choice, said once, with the tool's remark."""
    agenda = rcp.plan(rcp.load_pack(), ["Module 1"])
    parts = guide_view(rcp.load_pack(), agenda).parts
    texts = [(c.text, c.note) for c in parts[0].bring]
    assert ("flipchart paper and marker pens, or Post-its (Exercise 8)", "either will do") in texts


def test_where_things_are_comes_from_the_session_file() -> None:
    """Film 6's address and Tina's file and page from the session; what to do for the rest."""
    lines = _guide("team day")
    assert "- Film 6: https://example.org/films/6" in lines
    assert "- The case study of Tina: file Training/Tina.docx; page 12" in lines
    assert (
        "- Not in the session file: Films 2, 3, 4, 5 and 7 and the case study of Amy. Note "
        "where your service keeps each in the session file, for example films: film-2: "
        "url: … (or file: …, page: …)"
    ) in lines
    film_6 = next(line for line in lines if line.startswith("- **Film 6**"))
    assert film_6.endswith("Where: https://example.org/films/6")


def test_a_location_with_a_note_only_is_printed() -> None:
    """A location that says only a note (a DVD in the cupboard) is what the guide prints."""
    session = Session(title="Day", locations={"film-6": Location(note="DVD in the cupboard")})
    agenda = rcp.plan(rcp.load_pack(), ["Module 2"])
    parts = guide_view(rcp.load_pack(), agenda, session=session).parts
    assert parts[0].places[0] == "Film 6: DVD in the cupboard"


def test_break_rows_say_when_to_be_back_and_parts_are_labelled_alike() -> None:
    """Break rows say when to be back; every exercise's parts are "part N of 2", alike."""
    lines = _guide("team day")
    assert "| 11:43–12:28 | 45 min | **Lunch** | Back at 12:28. |  |" in lines
    parts = [line for line in lines if re.search(r"part \d of \d", line)]
    assert [re.search(r"(Exercise \d+, part \d of \d: [a-z ]+[a-z])", p)[1] for p in parts] == [  # type: ignore[index]
        f"Exercise {n}, part {k} of 2: {who}"
        for n in (8, 9, 10)
        for k, who in ((1, "pairs or small groups"), (2, "whole group"))
    ]


def test_each_sheet_heads_with_date_times_and_total() -> None:
    """Two hours: "Running sheet: 09:30-11:30 (2 hours)", and what was left out, as the tool's."""
    lines = _guide("two hours")
    assert lines[2] == "## Running sheet: 09:30–11:30 (2 hours)"
    at = lines.index("**From this tool (not the pack):**")
    assert lines[at + 2] == "- Left out to fit the time: Module 1 of Section 3."


def test_word_guide_names_the_session_and_its_service() -> None:
    """Word: title names the session, author is the service; each part its landscape sheet."""
    document = docx.Document(
        io.BytesIO(
            rcp.render_handout(
                rcp.load_pack(), "guide", "docx", team_day(), session=team_session()
            )
        )
    )
    assert document.core_properties.title == "Team learning day: facilitator guide"
    assert document.core_properties.author == "Leeds Family Support Service"
    orientations = [(s.page_width or 0) > (s.page_height or 0) for s in document.sections]
    assert orientations == [True, False, False]
    footers = [s.footer.paragraphs[0].text for s in document.sections]
    assert footers == ["Team learning day · 12 January 2027\tPage  of "] * 3
    table = document.tables[0]
    caption = table._tbl.tblPr.find(  # noqa: SLF001 (python-docx has no caption API)
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblCaption"
    )
    assert caption is not None
    assert [c.text for c in table.rows[0].cells] == [
        "Time",
        "Length",
        "What",
        "Facilitator",
        "Notes",
    ]
    assert len(table.rows) == 15


def test_word_series_has_a_part_per_session_with_its_own_footer() -> None:
    """Word, three weekly slots: landscape sheet and checklist per session, footers by date."""
    document = docx.Document(
        io.BytesIO(rcp.render_handout(rcp.load_pack(), "guide", "docx", weekly(), session="W"))
    )
    footers = [s.footer.paragraphs[0].text.split("\t")[0] for s in document.sections]
    assert footers == [
        "W · 12 January 2027",
        "W · 12 January 2027",
        "W · 19 January 2027",
        "W · 19 January 2027",
        "W · 26 January 2027",
        "W · 26 January 2027",
        "W · for all 3 sessions",
    ]
    assert document.core_properties.author == ""


def test_exercise_sheets_of_a_series_give_no_series_dates_in_the_footer() -> None:
    """A series' exercise sheets: no list of every date at each page's foot, its own date."""
    html = rcp.render_handout(rcp.load_pack(), "exercises", "html", weekly()).decode()
    footers = re.findall(r'footer-mark" data-footer="([^"]*)"', html)
    assert footers == [
        f"Recurrent Care Resource Pack · Section\u00a03 · {day}\u00a0January\u00a02027"
        for day in (12, 19, 26)
    ]
    one_day = rcp.render_handout(rcp.load_pack(), "exercises", "html", team_day()).decode()
    assert (
        'data-footer="Recurrent Care Resource Pack · Section\u00a03 · 12\u00a0January\u00a02027"'
        in (one_day)
    )


def test_a_session_record_gives_participants_and_name_to_every_kind() -> None:
    """A Session's title and participants reach the guide; its title the sheets' footer."""
    session = Session(title="Spring 2027, Leeds", participants=9)
    agenda = rcp.plan(rcp.load_pack(), ["Module 2"])
    lines = rcp.render_handout(rcp.load_pack(), "guide", "md", agenda, session=session)
    assert "9 participants: three pairs and a group of three, or three groups of three." in (
        lines.decode()
    )
    html = rcp.render_handout(rcp.load_pack(), "exercises", "html", agenda, session=session)
    assert 'data-footer="Spring 2027, Leeds · Section\u00a03"' in html.decode()


def test_html_sheet_is_named_with_row_headers_and_a_notes_column() -> None:
    """The running sheet: a caption names it, each time is a row header, Notes is empty."""
    html = rcp.render_handout(rcp.load_pack(), "guide", "html", team_day()).decode()
    assert (
        '<caption class="visually-hidden">Running sheet, Tuesday 12 January 2027</caption>' in html
    )
    assert '<th scope="row">11:43–12:28</th><td>45 min</td><td><strong>Lunch</strong></td>' in html
    assert "<td>Back at 12:28.</td><td></td></tr>" in html
    assert '<span aria-hidden="true">☐ </span>' in html  # the box is not read out


def test_word_sheet_rows_keep_together_and_headings_keep_with_what_follows() -> None:
    """Word: every sheet row but the last keeps with the next; lead-ins keep with their lists."""
    document = docx.Document(
        io.BytesIO(rcp.render_handout(rcp.load_pack(), "guide", "docx", team_day()))
    )
    rows = document.tables[0].rows
    kept = [
        all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in rows
    ]
    assert kept == [True] * (len(rows) - 1) + [False]
    lead = next(p for p in document.paragraphs if p.text == "The pack: “The section covers:”")
    assert lead.paragraph_format.keep_with_next


def test_an_empty_plan_still_has_a_titled_guide() -> None:
    """A plan with nothing in it: the guide has its title and the pack's words, no sheet."""
    agenda = Agenda(entries=())
    lines = rcp.render_handout(rcp.load_pack(), "guide", "md", agenda).decode().splitlines()
    assert lines[0] == "# Recurrent Care Resource Pack: facilitator guide"
    assert not any(line.startswith("| Time") for line in lines)

"""Every output prints the pack's headings and hedges, and never an editorial text as the pack's."""

import io
from pathlib import Path

import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main

SECTION = "Section 3: Workforce development. Understanding ‘non-engagement’, attachment and complex trauma"
TIPS = "Tips from Practice: Key lessons for setting up and/or developing your service"
TIPS_INTRODUCTION = (
    "Below are a series of tips drawn from the presenters of material for this section"
)
SEBBA_HEDGE = (
    "(Inferred from the pack's short citation 'Sebba et al, 2017'; not confirmed by the pack.)"
)
LINK = "See Care Crisis Review Options for Change (2018): (link not known)"
LEEDS = (
    "Here are links to a Job Description for a newly set-up recurrent care service in Leeds, "
    "together with their interview questions and suggested role plays. - Job Description for "
    "a newly set-up recurrent care service in Leeds (link not known) - Interview questions "
    "(link not known) - Suggested role plays (link not known)"
)
ADVICE = (
    "If you’re working through these modules on different days, you may find it helpful to "
    "start this session by also watching the presentation by Sheena Webb (Film 6) about "
    "complex trauma. This would mean allowing 55 minutes for the films before moving onto the "
    "exercise."
)
EDITORIAL = (
    "One of the four short films on non-engagement and attachment.",
    "A presentation about trauma-informed approaches.",
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _handout(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, *argv: str) -> str:
    target = tmp_path / f"{kind}.md"
    _run(capsys, "handout", kind, *argv, "-o", str(target))
    return " ".join(target.read_text(encoding="utf-8").split())


def test_summary_prints_the_pack_s_headings_and_hedges(capsys: pytest.CaptureFixture[str]) -> None:
    """The summary: the section's and tips' headings, true counts, the inferred work, the suggestion."""
    out = _run(capsys, "summary").splitlines()
    assert SECTION in out
    assert f"  {TIPS}" in out
    assert "    32 tips and 2 paragraphs of advice in 4 categories" in out
    assert out[2] == (
        "Held here: 1 section of the pack (Section 3), 2 case studies, 3 works (2 cited, "
        "1 named elsewhere in the pack; 1 of them inferred from a short citation)."
    )
    assert (
        "            on a different day, the pack suggests also watching Film 6 first: films 55 min"
        in out
    )


def test_show_names_items_as_the_pack_does_and_hedges(capsys: pytest.CaptureFixture[str]) -> None:
    """``show``: Film 7 headed by its name, the inferred work and editorial texts said so."""
    film_7 = _run(capsys, "show", "Film 7").splitlines()
    assert film_7[:2] == ["Film 7", "  written for this data, not the pack's words: description"]
    assert _run(capsys, "show", "Film 6").splitlines()[0] == (
        "Film 6: Explaining complex trauma and its impact on families"
    )
    assert _run(capsys, "show", "Section 3").splitlines()[0] == SECTION
    sebba = _run(capsys, "show", "sebba-et-al-2017").splitlines()
    assert sebba[1] == (
        "  inferred from the pack's short citation 'Sebba et al, 2017'; not confirmed by it"
    )
    assert "inferred: true" in sebba


def test_plan_prints_the_pack_s_titles_and_its_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``plan`` a day a module: exercise titles, and the re-watch said to be the pack's suggestion."""
    out = _run(capsys, "plan", "--days", "3")
    assert "Exercise 10: Thinking about trauma-informed approaches in your work" in out
    assert "Module 3 films: Film 6 again (the pack's suggestion), then Film 7" in out
    assert "this plan follows it (--no-rewatch leaves it out)." in out


def test_guide_prints_headings_hedges_and_no_followed_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The guide: the pack's headings, the hedge, the unknown links; its advice always quoted."""
    guide = _handout(tmp_path, capsys, "guide", "--days", "3")
    for text in (SECTION, f"## {TIPS}", TIPS_INTRODUCTION, SEBBA_HEDGE, LINK, LEEDS):
        assert text in guide, text
    assert (
        "Claire Mason, Senior Research Associate, Centre for Child and Family Justice Research"
        in guide
    )
    # The plan's word on the suggestion is the tool's; the suggestion is quoted as the pack's,
    # whether the plan follows it or not (fidelity audit O10).
    assert "this plan follows it." in guide
    assert f"> The pack: “{ADVICE}”" in guide
    assert not any(text in guide for text in EDITORIAL)
    left_out = _handout(tmp_path, capsys, "guide", "--days", "3", "--no-rewatch")
    assert "this plan leaves it out." in left_out
    assert f"> The pack: “{ADVICE}”" in left_out
    one_day = _handout(tmp_path, capsys, "guide")
    assert f"> The pack: “{ADVICE}”" in one_day
    assert "the pack suggests" not in one_day  # Film 6 was shown earlier that day


def test_sheets_print_the_pack_s_headings_and_lead_ins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The exercise sheets: the pack's titles, its colons, its sentences as it gives them.

    Exercise 10's second part is labelled "Whole group" as 8's and 9's are: the tool's
    reading of "Come back together", whose sentence stays the pack's.
    """
    sheets = _handout(tmp_path, capsys, "exercises")
    for text in (
        "## Exercise 9: Understanding non-engagement and complex trauma through a case study",
        "Read the case study carefully. Then consider and discuss: - How a complex trauma",
        "In particular, try and identify: - Any wider practice implications - Practical steps",
        "2. **Whole group, 10 minutes.** Come back together for a discussion in the last 10 "
        "minutes.",
    ):
        assert text in sheets, text
    assert "these questions." not in sheets
    assert "these points." not in sheets


def test_tips_print_the_pack_s_heading_introduction_and_hedges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tips handout: the pack's heading and introduction, unknown links, the hedged work."""
    tips = _handout(tmp_path, capsys, "tips")
    for text in (f"## {TIPS}", TIPS_INTRODUCTION, LINK, LEEDS, "## Works cited", SEBBA_HEDGE):
        assert text in tips, text
    assert "Use these tips to prompt discussion" not in tips


def test_word_handouts_carry_the_same_headings_and_hedges() -> None:
    """The Word guide and tips hold the pack's tips heading, the hedge and the unknown link."""
    docx = pytest.importorskip("docx")
    pack = rcp.load_pack()
    for kind in ("guide", "tips"):
        document = docx.Document(io.BytesIO(rcp.render_handout(pack, kind, "docx")))
        cells = [c for t in document.tables for r in t.rows for c in r.cells]  # the tip cards
        text = "\n".join(
            p.text for p in [*document.paragraphs, *(p for c in cells for p in c.paragraphs)]
        )
        for wanted in (TIPS, SEBBA_HEDGE, LINK):
            assert wanted in text, (kind, wanted)
        assert not any(e in text for e in EDITORIAL)

"""The plan and materials as text tables: optional marks, empty lists, a one-day plan's heading."""

from datetime import date

from guide_plans import weekly

import recurrent_care_pack as rcp
from recurrent_care_pack._output.tables import agenda_text, day_heading, materials_text
from recurrent_care_pack._use.queries import Materials

BUNDLED = rcp.load_pack()


def test_an_optional_discussion_is_not_marked_optional_again() -> None:
    """The discussions' titles say "Optional"; their rows add no "(optional)"."""
    lines = agenda_text(weekly()).splitlines()
    rows = [line for line in lines if line.startswith("  ") and "discussion" in line]
    assert len(rows) == 2
    assert all(row.endswith("  Optional discussion (whole group)") for row in rows)


def test_nothing_to_bring_is_said() -> None:
    """An empty materials list is one sentence, not an empty checklist."""
    assert (
        materials_text(BUNDLED, Materials(handouts=(), things=(), choices=()))
        == "Nothing to bring."
    )


def test_a_one_day_plan_is_headed_by_its_date_alone() -> None:
    """One dated day: "Tuesday 12 January 2027"; undated: no heading; two days: "Day 2: ..."."""
    dated = rcp.plan(BUNDLED, ["Module 2"], rcp.PlanOptions(dates=(date(2027, 1, 12),)))
    assert day_heading(dated, 1) == "Tuesday 12 January 2027"
    assert day_heading(rcp.plan(BUNDLED, ["Module 2"]), 1) is None
    assert day_heading(weekly(), 2) == "Day 2: Tuesday 19 January 2027"

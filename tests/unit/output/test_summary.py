"""``rcpack summary`` of packs other than the bundled one: counts, plurals, discussions, works."""

from datetime import date, timedelta

import attrs
import pytest
from small_packs import FULL

import recurrent_care_pack as rcp
from recurrent_care_pack._model import Discussion
from recurrent_care_pack._output.summary import summary


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> rcp.Pack:
    """The small pack with every kind of reference: one case study, two works, one category."""
    file = tmp_path_factory.mktemp("full") / "pack.yaml"
    file.write_text(FULL, encoding="utf-8")
    return rcp.load_pack(file)


def test_a_small_pack_s_summary_counts_each_in_the_singular_where_it_is_one(
    full: rcp.Pack,
) -> None:
    """One section, one case study, two works (one also the reading), one category of two tips."""
    assert summary(full).splitlines() == [
        "A pack",
        "Published 22 May 2019 by Research in Practice.",
        "Held here: 1 section of the pack (Section 3), 1 case study, 2 works (2 cited, "
        "1 recommended as reading).",
        "",
        "Section 3: A section",
        "  Module 2  Complex trauma",
        "            Film 6: 23 min",
        "            23 min in all",
        "  Module 3  Trauma-informed approaches",
        "            Film 7: 32 min; then Exercise 9: 30 min",
        "            1 hour 2 min in all",
        "            on a different day, the pack suggests also watching Film 6 first: films 55 min",
        "  Exercises",
        "      9  An exercise: 30 min (30 min)",
        "  Tips",
        "    2 tips in 1 category",
        "      2  Tips on recruitment",
    ]


def test_a_discussion_the_pack_asks_for_is_not_called_optional(full: rcp.Pack) -> None:
    """A module's required discussion: named plainly, in its time, with no time without it."""
    (section,) = full.sections
    module = attrs.evolve(
        section.modules[0], discussion=Discussion(duration=timedelta(minutes=10))
    )
    pack = attrs.evolve(
        full, sections=(attrs.evolve(section, modules=(module, section.modules[1])),)
    )
    lines = summary(pack).splitlines()
    at = lines.index("  Module 2  Complex trauma")
    assert lines[at + 1 : at + 3] == [
        "            Film 6: 23 min; discussion: 10 min",
        "            33 min in all",
    ]


def test_two_sections_are_counted_and_named_in_the_plural(full: rcp.Pack) -> None:
    """A second section, Section 4, held: "2 sections of the pack (Sections 3 and 4)"."""
    other = rcp.Section(id="s4", number=4, title="Another section")
    pack = attrs.evolve(full, sections=(*full.sections, other))
    lines = summary(pack).splitlines()
    assert lines[2].startswith("Held here: 2 sections of the pack (Sections 3 and 4), ")
    assert lines[-2:] == ["", "Section 4: Another section"]


def test_an_empty_pack_holds_nothing_and_names_its_publisher_as_given() -> None:
    """No sections, case studies or works; a publisher who is no organisation of the pack."""
    pack = rcp.Pack(id="p", title="A pack", publisher="A publisher", published=date(2026, 1, 1))
    assert summary(pack).splitlines() == [
        "A pack",
        "Published 1 January 2026 by A publisher.",
        "Held here: 0 sections of the pack, 0 case studies, 0 works.",
    ]

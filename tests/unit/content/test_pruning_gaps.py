"""What a flaw leaves out of a pack, and what the meaning checks then cannot see (`Gaps`)."""

from pathlib import Path

from small_packs import BASE

from recurrent_care_pack._content.pruning import Flaw, Gaps, Pruned, survey
from recurrent_care_pack._content.reading import Document, read_text

FILE = Path("pack.yaml")
MODULE = ("sections", 0, "modules", 0)


def _document(text: str = BASE) -> Document:
    document, problems = read_text(FILE, text.encode())
    assert document is not None, problems
    return document


def _survey(*flaws: Flaw, text: str = BASE) -> tuple[Gaps, Pruned]:
    gaps, pruned = survey([_document(text)], {FILE: flaws}, unreadable=False)
    return gaps, pruned[FILE]


def test_a_flaw_in_the_pack_details_leaves_them_out() -> None:
    """A wrong pack title leaves out the pack details, and says so."""
    gaps, pruned = _survey(Flaw(("pack", "title"), "type"))
    assert gaps == Gaps(details=True)
    assert pruned == {("pack",): None}


def test_a_module_left_out_takes_its_id_number_and_exercise() -> None:
    """A module left out: its id, 'Module 2' of Section 3, and the exercise it leads to."""
    gaps, pruned = _survey(Flaw((*MODULE, "allowance"), "pattern"))
    assert gaps == Gaps(
        ids={"learning module": frozenset({"m2"})},
        numbers={"Section 3: Module": frozenset({2})},
        led=frozenset({"ex"}),
        modules=True,
    )
    assert pruned == {MODULE: None}
    assert gaps.hides("m2", "learning module")
    assert not gaps.hides("m3", "learning module")
    assert gaps.may_follow("ex")
    assert not gaps.may_follow("other")


def test_a_film_left_out_takes_its_film_number() -> None:
    """A film left out holds its id and its number among the films."""
    gaps, _ = _survey(Flaw(("sections", 0, "media", 0, "allowance"), "pattern"))
    assert gaps == Gaps(
        ids={"film or presentation": frozenset({"film-6"})}, numbers={"Film": frozenset({6})}
    )


def test_a_module_whose_id_is_in_doubt_may_be_any_module() -> None:
    """With a module's id in doubt, any id of a module may be the one left out."""
    gaps, _ = _survey(Flaw((*MODULE, "id"), "pattern"))
    assert "learning module" in gaps.unseen
    assert gaps.hides("anything", "learning module")
    assert not gaps.hides("anything", "exercise")


def test_a_section_whose_number_is_in_doubt_takes_any_section_number() -> None:
    """A section left out for its number: every part in it, and any section number."""
    text = BASE.replace("    number: 3\n", "    number: three\n", 1)
    gaps, pruned = _survey(Flaw(("sections", 0, "number"), "type"), text=text)
    assert gaps == Gaps(
        ids={
            "section": frozenset({"s"}),
            "film or presentation": frozenset({"film-6", "film-7"}),
            "learning module": frozenset({"m2", "m3"}),
            "exercise": frozenset({"ex"}),
        },
        numbers={"Section": None, "Film": frozenset({6, 7}), "Exercise": frozenset({9})},
        led=frozenset({"ex"}),
        modules=True,
    )
    assert pruned == {("sections", 0): None}


def test_a_film_whose_kind_is_in_doubt_takes_its_number_among_films_and_presentations() -> None:
    """Film or presentation? Left out for its kind, its number is taken in both numberings."""
    gaps, _ = _survey(Flaw(("sections", 0, "media", 0, "kind"), "enum"))
    assert gaps.numbers == {"Film": frozenset({6}), "Presentation": frozenset({6})}

"""Works cited, as a reading list gives them: the works the sections cite, each once."""

from collections.abc import Iterable

from recurrent_care_pack._model import Pack, Section, Work, lookup
from recurrent_care_pack._naming import listed
from recurrent_care_pack._use.queries import every_tip

__all__ = ["citation", "cited_works"]


def cited_works(pack: Pack, sections: Iterable[Section], *, reading: bool = True) -> list[Work]:
    """The works the sections cite, each once, in the order first cited: none they do not.

    ``reading``: with the works of their background reading (the guide), else only those
    their tips cite (the cards).
    """
    wanted: list[str] = []
    for section in sections:
        if reading and section.background_reading is not None:
            wanted.extend(section.background_reading.works)
        if section.tips is not None:
            for category in section.tips.categories:
                wanted.extend(w for t in every_tip(category.tips) for w in t.cites)
    works = lookup(pack).works
    return [works[w] for w in dict.fromkeys(wanted) if w in works]


def citation(pack: Pack, work: Work) -> str:
    """A reference as a reading list gives it: "Sebba, J. ... and Rees, A. (2017) Title. ..."."""
    if work.authors:
        text = f"{listed(work.authors)} ({work.year}) {work.title}."
    else:
        text = f"{work.title} ({work.year})."
    publisher = lookup(pack).organisations.get(work.publisher or "")
    if publisher is not None:
        name = publisher.name
        text += f" {name}, {work.place}." if work.place else f" {name}."
    if work.published is not None:
        text += f" Published {work.published.day} {work.published:%B %Y}."
    if work.inferred:
        cited = f" '{work.cited_as[0]}'" if work.cited_as else ""
        text += f" (Inferred from the pack's short citation{cited}; not confirmed by the pack.)"
    return text

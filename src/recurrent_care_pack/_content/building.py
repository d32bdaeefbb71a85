"""Building: plain data to typed records and back, through one configured converter."""

import functools
from datetime import date, timedelta
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from recurrent_care_pack._durations import format_duration, parse_duration
from recurrent_care_pack._model import (
    PACK_COLLECTIONS,
    Alternatives,
    CaseStudyCopy,
    Material,
    Need,
    Pack,
    Section,
)

__all__ = ["SectionsKept", "converter", "pack_from_dict", "pack_to_dict"]

#: The sections built last time, by the identity of the mapping each was built from (kept
#: with it, so that the identity stays its own): see `pack_from_dict`.
SectionsKept = dict[int, tuple[Any, Section]]


@functools.cache
def converter() -> cattrs.Converter:
    """The one converter, configured here and nowhere else.

    The schema has vetted every document before it is built, so cattrs' detailed
    validation (which doubles the code it generates, and the time to compile it) is off.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    conv.register_structure_hook(timedelta, lambda value, _: parse_duration(value))
    conv.register_unstructure_hook(timedelta, format_duration)
    conv.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(Need, lambda value, _: _need(value))
    conv.register_unstructure_hook(Need, _need_to_data)
    conv.register_unstructure_hook(Material, _need_to_data)
    conv.register_unstructure_hook(CaseStudyCopy, _need_to_data)
    conv.register_unstructure_hook(Alternatives, _need_to_data)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    conv.register_structure_hook_factory(
        attrs.has, lambda cls: make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
    )
    conv.register_unstructure_hook(tuple, lambda items: [conv.unstructure(i) for i in items])
    return conv


def pack_from_dict(document: dict[str, Any], kept: SectionsKept | None = None) -> Pack:
    """Build a `Pack` from a content document: pack details under ``pack``, lists beside.

    ``kept``: the sections built last time (an editor's, checking after each edit), to be
    replaced by this time's. A section's mapping that is the very object built last time
    (values read are never changed: an edit elsewhere is read again only where it is) is
    not built again; a section is most of a pack.
    """
    fields = dict(document.get("pack") or {})
    for name in PACK_COLLECTIONS:
        if name in document:
            fields[name] = document[name]
    listed = fields.get("sections")
    if kept is None or not isinstance(listed, list):
        return converter().structure(fields, Pack)
    sections: list[Section] = []
    now: SectionsKept = {}
    for item in listed:
        before = kept.get(id(item))
        if before is not None and before[0] is item:
            section = before[1]
        else:
            section = converter().structure(item, Section)
        now[id(item)] = (item, section)
        sections.append(section)
    pack = converter().structure({**fields, "sections": []}, Pack)
    kept.clear()
    kept.update(now)
    return attrs.evolve(pack, sections=tuple(sections))


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """Write a `Pack` as one content document, the inverse of `pack_from_dict`."""
    fields: dict[str, Any] = converter().unstructure(pack)
    document: dict[str, Any] = {"pack": {}}
    for name, value in fields.items():
        if name in PACK_COLLECTIONS:
            document[name] = value
        else:
            document["pack"][name] = value
    return document


def _need(value: Any) -> Need:
    if isinstance(value, str):
        return Material(name=value)
    if "case_study" in value:
        return CaseStudyCopy(case_study=value["case_study"])
    return Alternatives(
        options=tuple(tuple(Material(name=n) for n in option) for option in value["one_of"])
    )


def _need_to_data(need: Need) -> Any:
    if isinstance(need, Material):
        return need.name
    if isinstance(need, CaseStudyCopy):
        return {"case_study": need.case_study}
    return {"one_of": [[m.name for m in option] for option in need.options]}

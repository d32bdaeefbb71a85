"""Pruning: what reading and schema problems put in doubt, so that meaning checks skip only that.

A problem puts in doubt the smallest part of the pack that holds it: a film or presentation,
learning module, exercise, case study, person, organisation, work, tip, tip category,
resource, a section's tips or background reading, a section, or the pack details. That
part is left out of the pack whose meaning is checked, and `Gaps` tells the meaning checks
what they cannot see, so that they report nothing that fixing the problem could change.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeGuard

from attrs import field, frozen

from recurrent_care_pack._problems import Problem

from .reading import Document, KeyPath

__all__ = [
    "NO_GAPS",
    "STAND_IN_DETAILS",
    "Flaw",
    "Gaps",
    "Pruned",
    "in_doubt",
    "is_id",
    "reading_flaws",
    "survey",
]

#: The parts a part holds, by its kind: under which key, of what kind, and whether a list.
_PARTS: dict[str, dict[str, tuple[str, bool]]] = {
    "file": {
        "pack": ("pack", False),
        "sections": ("section", True),
        "case_studies": ("case study", True),
        "people": ("person", True),
        "organisations": ("organisation", True),
        "works": ("work", True),
    },
    "section": {
        "media": ("film or presentation", True),
        "modules": ("learning module", True),
        "exercises": ("exercise", True),
        "background_reading": ("background reading", False),
        "tips": ("tips", False),
    },
    "tips": {"categories": ("tip category", True)},
    "tip category": {"tips": ("tip", True), "resources": ("resource", True)},
    "tip": {"points": ("tip", True)},
}

#: What is left out of a file, by path: ``None`` leaves it out, a mapping stands in for it.
Pruned = dict[KeyPath, dict[str, Any] | None]

#: Parts that hold others, cut down (`_trimmed`) to these keys and those of their parts.
_TRIMMED = {"section": ("id", "number"), "tips": (), "tip category": ("id",)}

#: What stands in for the text a trimmed part must have.
_STAND_INS = {"section": {"title": "-"}, "tips": {"title": "-"}, "tip category": {"title": "-"}}

#: The parts that have no id of their own.
_WITHOUT_ID = frozenset({"file", "pack", "tips", "background reading"})

#: The numbering each kind of part takes part in (`Gaps.numbers_taken`).
_NUMBERING = {"Section": "section", "Film": "film or presentation"}
_NUMBERING |= {"Presentation": "film or presentation", "Exercise": "exercise"}

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

#: Schema keywords that fail on a key: only the keys a mapping lacks are in doubt (a
#: misspelt key may be meant as any of them), not those it has.
_OPEN = frozenset({"additionalProperties", "required"})

#: Reading problems after which the file reads the same once fixed (a byte-order mark, a
#: '%YAML' directive): they put nothing in doubt.
_HARMLESS = frozenset({"RC108", "RC109"})

#: Pack details that stand in for details left out, so that the rest can be built.
STAND_IN_DETAILS = {"id": "pack", "title": "-", "publisher": "-", "published": "2000-01-01"}


@frozen
class Flaw:
    """Where a document fails, and by what schema keyword (or 'reading')."""

    path: KeyPath
    keyword: str


@frozen(kw_only=True)
class Gaps:
    """What the meaning checks cannot see: parts left out, and what they may hold.

    ``anywhere``: a file could not be read or makes no sense at all, so it may hold
    anything. ``unseen``: kinds of part that may be there unseen (a part left out whose id
    cannot be read, a list of parts that is not a list, a key misspelt where the list
    belongs). ``ids``: the ids of the parts left out, by kind. ``numbers``: the numbers the
    parts left out take, by numbering (``None``: one of them cannot be read). ``led``: the
    exercises that learning modules left out are followed by (``None``: one cannot be
    read). ``modules``: a learning module was left out. ``details``: the pack details were.
    """

    anywhere: bool = False
    unseen: frozenset[str] = frozenset()
    ids: Mapping[str, frozenset[str]] = field(factory=dict)
    numbers: Mapping[str, frozenset[int] | None] = field(factory=dict)
    led: frozenset[str] | None = frozenset()
    modules: bool = False
    details: bool = False

    def blind(self, kind: str) -> bool:
        """Whether parts of this kind may be there unseen."""
        return self.anywhere or kind in self.unseen

    def hides(self, item_id: str, kind: str) -> bool:
        """Whether a part of this kind with this id may have been left out."""
        return self.blind(kind) or item_id in self.ids.get(kind, ())

    def numbers_taken(self, numbering: str) -> frozenset[int] | None:
        """The numbers parts left out take in a numbering (``None``: any may be)."""
        if self.blind(_NUMBERING.get(numbering, "learning module")):
            return None
        return self.numbers.get(numbering, frozenset())

    def may_follow(self, exercise_id: str) -> bool:
        """Whether a learning module left out may be followed by this exercise."""
        return self.blind("learning module") or self.led is None or exercise_id in self.led


NO_GAPS = Gaps()


def is_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` is written as an id must be (one that the schema may still refuse)."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def in_doubt(flaws: Iterable[Flaw]) -> Callable[[KeyPath], bool]:
    """Whether a value at a path is put in doubt by the flaws: one at it, or around it."""
    closed = {flaw.path for flaw in flaws if flaw.keyword not in _OPEN}
    if not closed:  # most files: nothing to look up
        return lambda _: False
    return lambda path: any(path[:end] in closed for end in range(len(path) + 1))


def reading_flaws(document: Document, problems: Iterable[Problem]) -> list[Flaw]:
    """Where the reading problems of a file that could still be read put its content in doubt."""
    return [
        Flaw(_key_path(document.data, problem.path or "$"), "reading")
        for problem in problems
        if problem.code not in _HARMLESS
    ]


def _key_path(data: Any, written: str) -> KeyPath:
    """The path a problem's ``$.a[0].b`` names in ``data``, as far as it can be followed.

    A key may hold dots or brackets, so each step is matched against the keys there are;
    where none matches, the path stops: what holds the rest is put in doubt instead.
    """
    path: list[str | int] = []
    rest = written.removeprefix("$")
    while rest:
        if isinstance(data, list):
            index = re.match(r"\[([0-9]+)\]", rest)
            if index is None or int(index.group(1)) >= len(data):
                break
            step: str | int = int(index.group(1))
            rest = rest[index.end() :]
        elif isinstance(data, dict):
            keys = [
                str(key)
                for key in data
                if rest.startswith(f".{key}") and rest[len(key) + 1 :][:1] in {"", ".", "["}
            ]
            if not keys:
                break
            step = max(keys, key=len)
            rest = rest[len(step) + 1 :]
        else:
            break
        path.append(step)
        data = data[step]
    return tuple(path)


def survey(
    documents: Sequence[Document], flaws: Mapping[Path, Sequence[Flaw]], *, unreadable: bool
) -> tuple[Gaps, dict[Path, Pruned]]:
    """What the flaws leave out of each file, and what the meaning checks then cannot see.

    ``unreadable``: some file of the pack could not be read at all.
    """
    found = _Survey(anywhere=unreadable)
    for document in documents:
        if flaws.get(document.file):
            found.document(document, flaws[document.file])
    gaps = Gaps(
        anywhere=found.anywhere,
        unseen=frozenset(found.unseen),
        ids={kind: frozenset(ids) for kind, ids in found.ids.items()},
        numbers={k: None if v is None else frozenset(v) for k, v in found.numbers.items()},
        led=None if found.led is None else frozenset(found.led),
        modules=found.modules,
        details=found.details,
    )
    return gaps, found.pruned


class _Survey:
    def __init__(self, *, anywhere: bool) -> None:
        self.anywhere = anywhere
        self.pruned: dict[Path, Pruned] = {}
        self.unseen: set[str] = set()
        self.ids: dict[str, set[str]] = {}
        self.numbers: dict[str, set[int] | None] = {}
        self.led: set[str] | None = set()
        self.modules = False
        self.details = False
        # The flaws of the document being surveyed.
        self.closed: set[KeyPath] = set()
        self.doubted: Callable[[KeyPath], bool] = in_doubt(())
        self.open: set[KeyPath] = set()

    def document(self, document: Document, flaws: Sequence[Flaw]) -> None:
        self.closed = {flaw.path for flaw in flaws if flaw.keyword not in _OPEN}
        self.doubted = in_doubt(flaws)
        self.open = {flaw.path for flaw in flaws if flaw.keyword in _OPEN}
        pruned = self.pruned.setdefault(document.file, {})
        flawed: dict[KeyPath, tuple[str, Any, list[KeyPath]]] = {}
        for flaw in flaws:
            at, kind, value, rest = _part_of(document.data, flaw.path)
            if rest and rest[0] in _PARTS.get(kind, {}):  # parts that are not what they should be
                pruned[(*at, rest[0])] = None
                self.unseen.update(_within(kind, str(rest[0])))
            elif not rest and flaw.keyword in _OPEN:  # a key misspelt may be one that is missing
                self.unseen.update(_missing(kind, value))
            if at:
                flawed.setdefault(at, (kind, value, []))[2].append(rest)
            elif not rest and flaw.keyword not in _OPEN:  # not a mapping: anything is in doubt
                pruned[()] = None
                self.anywhere = True
            # Else a key the file should not have, which merging never reads.
        for at, (kind, value, rests) in flawed.items():
            trimmed = _trimmed(kind, value, rests, is_open=at in self.open)
            pruned[at] = trimmed
            if trimmed is None:
                if at in self.closed:
                    self.unseen.update(_within(kind))
                self.part(at, kind, value, _section_number(document.data, at))

    def known(self, at: KeyPath, value: Any, key: str) -> bool:
        """Whether ``value``'s ``key`` (at ``at``) is beyond doubt: present or surely absent."""
        if self.doubted((*at, key)):
            return False
        if not isinstance(value, dict):
            return False
        return key in value or at not in self.open

    def part(self, at: KeyPath, kind: str, value: Any, section: int | None) -> None:
        """Note what a part left out, and each part inside it, takes from the rest."""
        self.details = self.details or kind == "pack"
        if kind not in _WITHOUT_ID:
            self.identified(at, kind, value)
        self.numbered(at, kind, value, section)
        if kind == "learning module":
            self.module(at, value)
        if kind == "section":
            number = value.get("number") if self.known(at, value, "number") else None
            section = number if _is_number(number) else None
        for key, (child, is_list) in _PARTS.get(kind, {}).items():
            if not self.known(at, value, key) or key not in value:
                continue
            inside = value[key]
            if is_list and isinstance(inside, list):
                for index, item in enumerate(inside):
                    self.part((*at, key, index), child, item, section)
            elif not is_list:
                self.part((*at, key), child, inside, section)

    def identified(self, at: KeyPath, kind: str, value: Any) -> None:
        item_id = value.get("id") if self.known(at, value, "id") else None
        if is_id(item_id):
            self.ids.setdefault(kind, set()).add(item_id)
        else:  # any reference to this kind may have meant it
            self.unseen.add(kind)

    def module(self, at: KeyPath, value: Any) -> None:
        self.modules = True
        if not self.known(at, value, "exercise"):
            self.led = None
        elif isinstance(value.get("exercise"), str) and self.led is not None:
            self.led.add(value["exercise"])

    def numbered(self, at: KeyPath, kind: str, value: Any, section: int | None) -> None:
        numberings = {
            "section": ["Section"],
            "learning module": [f"Section {section}: Module"] if section is not None else [],
            "exercise": ["Exercise"],
            "film or presentation": ["Film", "Presentation"],
        }.get(kind, [])
        media = kind == "film or presentation" and self.known(at, value, "kind")
        if media and value.get("kind") in {"film", "presentation"}:
            numberings = [str(value["kind"]).capitalize()]
        for numbering in numberings:
            if not self.known(at, value, "number"):
                self.numbers[numbering] = None
                continue
            number = value.get("number")
            taken = self.numbers.setdefault(numbering, set())
            if taken is not None and _is_number(number):
                taken.add(number)
            elif number is not None:
                self.numbers[numbering] = None


def _trimmed(
    kind: str, value: Any, rests: list[KeyPath], *, is_open: bool
) -> dict[str, Any] | None:
    """A part that holds others, cut down to what meaning reads; ``None``: leave it out.

    No meaning check reads the title or text of a section, its tips or a tip category: a
    problem there (or a misspelt key) need not take the parts they hold out too.
    """
    keep = _TRIMMED.get(kind)
    if keep is None or not isinstance(value, dict) or any(key not in value for key in keep):
        return None
    for rest in rests:
        if (not rest and not is_open) or (rest and rest[0] in keep):
            return None
    trimmed = {key: value[key] for key in (*keep, *_PARTS[kind]) if key in value}
    return {**trimmed, **_STAND_INS[kind]}


def _is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _part_of(data: Any, path: KeyPath) -> tuple[KeyPath, str, Any, KeyPath]:
    """The smallest part holding ``path``: where, its kind, its value, the rest of ``path``."""
    at: KeyPath = ()
    kind = "file"
    rest = path
    while rest and rest[0] in _PARTS.get(kind, {}) and isinstance(data, dict):
        child, is_list = _PARTS[kind][str(rest[0])]
        inside = data.get(str(rest[0]))
        if not is_list and isinstance(inside, dict):
            at, kind, data, rest = (*at, rest[0]), child, inside, rest[1:]
        elif (
            is_list
            and len(rest) > 1
            and isinstance(inside, list)
            and isinstance(rest[1], int)
            and rest[1] < len(inside)
        ):
            at, kind, data, rest = (*at, *rest[:2]), child, inside[rest[1]], rest[2:]
        else:
            break
    return at, kind, data, rest


def _section_number(data: Any, at: KeyPath) -> int | None:
    """The number of the section a part is in, if it is in one and the number is written."""
    if len(at) < 2 or at[0] != "sections" or not isinstance(data, dict):
        return None
    section = data["sections"][at[1]]
    number = section.get("number") if isinstance(section, dict) else None
    return number if _is_number(number) else None


def _within(kind: str, key: str | None = None) -> set[str]:
    """The kinds of part that a part of this kind may hold (under ``key`` only, if given)."""
    found: set[str] = set()
    kinds = [child for name, (child, _) in _PARTS.get(kind, {}).items() if key in {None, name}]
    while kinds:  # a tip holds tips: each kind is looked into once
        child = kinds.pop()
        if child not in found:
            found.add(child)
            kinds.extend(inner for inner, _ in _PARTS.get(child, {}).values())
    return found


def _missing(kind: str, value: Any) -> set[str]:
    """The kinds of part that may be meant by a misspelt or missing key of a part."""
    present = value if isinstance(value, dict) else {}
    missing = [key for key in _PARTS.get(kind, {}) if key not in present]
    return {found for key in missing for found in _within(kind, key)}

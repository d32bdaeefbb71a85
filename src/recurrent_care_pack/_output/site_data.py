"""The site's linked data: schema.org JSON-LD for each page, the sitemap, and ``llms.txt``.

Durations are ISO 8601 (``PT1H10M``) from the pack's allowances. Each page's ``@id`` is its
address when the site's address is known (``url``); else it is relative to the page itself,
as JSON-LD resolves a relative ``@id`` against the page's own address (``../index.html``
from a module's page). What the pack does not say is left out, never put as "not known".
"""

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from .site_view import ExercisePage, ModulePage, SessionPage, Site

__all__ = [
    "EDUCATIONAL_LEVEL",
    "case_studies_data",
    "exercise_data",
    "index_data",
    "iso_duration",
    "llms_text",
    "module_data",
    "page_data",
    "session_data",
    "sitemap",
]

#: What level the pack is for, in this tool's words: the pack trains a workforce in post.
EDUCATIONAL_LEVEL = "Continuing professional development"

_CONTEXT = "https://schema.org"
_LANGUAGE = "en-GB"


def iso_duration(seconds: int) -> str:
    """A duration as ISO 8601: 4200 seconds is ``PT1H10M``; nothing is ``PT0S``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    return f"PT{text or '0S'}"


def _base(url: str | None, path: str) -> str:
    """What names a page from the page at ``path``: the site's address, or the way to its root."""
    return url if url is not None else "../" * path.count("/")


def _audience(site: Site) -> dict[str, Any]:
    """``audience``: the pack's, when it names one; else nothing, as it is not known."""
    if not site.audience:
        return {}
    return {
        "audience": {"@type": "EducationalAudience", "educationalRole": "; ".join(site.audience)}
    }


def _course(site: Site, base: str) -> dict[str, Any]:
    """The reference each page gives to the course it is part of."""
    return {"@type": "Course", "@id": f"{base}index.html", "name": site.title}


def _exercise_name(exercise: ExercisePage) -> str:
    """An exercise's name, on its page and where the course lists it: one node, one name."""
    return f"{exercise.label}: {exercise.sheet.title}"


def _resource(  # noqa: PLR0913 (a learning resource's facts, each by name)
    site: Site, url: str | None, path: str, *, name: str, description: str, seconds: int | None
) -> dict[str, Any]:
    base = _base(url, path)
    data: dict[str, Any] = {
        "@context": _CONTEXT,
        "@type": "LearningResource",
        "@id": f"{base}{path}",
        "url": f"{base}{path}",
        "name": name,
        "description": description,
        "inLanguage": _LANGUAGE,
        "educationalLevel": EDUCATIONAL_LEVEL,
        **_audience(site),
        "isPartOf": _course(site, base),
        "publisher": {"@type": "Organization", "name": site.publisher},
    }
    if seconds is not None:
        data["timeRequired"] = iso_duration(seconds)
    return data


def index_data(site: Site, url: str | None, description: str) -> dict[str, Any]:
    """The pack as a ``Course``: its modules and exercises its parts, its works its citations."""
    base = _base(url, "index.html")
    return {
        "@context": _CONTEXT,
        "@type": "Course",
        "@id": f"{base}index.html",
        "url": f"{base}index.html",
        "name": site.title,
        "alternateName": site.hub_title,
        "description": description,
        "inLanguage": _LANGUAGE,
        "provider": {"@type": "Organization", "name": site.publisher},
        "educationalLevel": EDUCATIONAL_LEVEL,
        **_audience(site),
        "timeRequired": iso_duration(site.seconds),
        "hasPart": [
            {
                "@type": "LearningResource",
                "@id": f"{base}modules/{m.id}.html",
                "name": m.view.heading,
            }
            for m in site.modules
        ]
        + [
            {
                "@type": "LearningResource",
                "@id": f"{base}exercises/{x.id}.html",
                "name": _exercise_name(x),
            }
            for x in site.exercises
        ],
        "citation": list(site.reading.works),
    }


def module_data(
    site: Site, url: str | None, module: ModulePage, description: str
) -> dict[str, Any]:
    """A module: its time with its exercise, from the pack's allowances."""
    data = _resource(
        site,
        url,
        f"modules/{module.id}.html",
        name=module.view.heading,
        description=description,
        seconds=module.seconds,
    )
    data["learningResourceType"] = "Films and a group exercise"
    if module.topics:
        data["keywords"] = list(module.topics)
    return data


def exercise_data(
    site: Site, url: str | None, exercise: ExercisePage, description: str
) -> dict[str, Any]:
    """An exercise: its time, and the case studies it uses as its citations."""
    data = _resource(
        site,
        url,
        f"exercises/{exercise.id}.html",
        name=_exercise_name(exercise),
        description=description,
        seconds=exercise.seconds,
    )
    data["learningResourceType"] = "Group exercise"
    if exercise.topics:
        data["keywords"] = list(exercise.topics)
    based = [c.based_on for c in exercise.view.case_studies if c.based_on]
    if based:
        data["citation"] = based
    return data


def case_studies_data(site: Site, url: str | None, description: str) -> dict[str, Any]:
    """The case studies page, citing the works a case study is based on."""
    data = _resource(
        site, url, "case-studies.html", name="Case studies", description=description, seconds=None
    )
    data["learningResourceType"] = "Case study"
    based = [c.view.based_on for c in site.cases if c.view.based_on]
    if based:
        data["citation"] = based
    return data


def page_data(  # noqa: PLR0913 (a page's facts, each by name)
    site: Site,
    url: str | None,
    path: str,
    *,
    name: str,
    description: str,
    citations: Sequence[str] = (),
) -> dict[str, Any]:
    """Any other page of the pack (tips, reading, search) as a learning resource."""
    data = _resource(site, url, path, name=name, description=description, seconds=None)
    if citations:
        data["citation"] = list(citations)
    return data


def session_data(
    site: Site, url: str | None, session: SessionPage, description: str
) -> dict[str, Any]:
    """A session's page: the planned time of every entry, breaks included."""
    data = _resource(
        site,
        url,
        f"sessions/{session.slug}.html",
        name=session.title,
        description=description,
        seconds=session.seconds,
    )
    data["learningResourceType"] = "Session plan"
    return data


def sitemap(url: str, paths: Sequence[str]) -> str:
    """The sitemap (sitemaps.org 0.9) of the pages at ``url``."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        *(f"  <url><loc>{escape(url + p)}</loc></url>" for p in paths),
        "</urlset>",
        "",
    ]
    return "\n".join(lines)


def llms_text(site: Site, pages: Sequence[tuple[str, str, str]]) -> str:
    """A plain index of the site for language models (llmstxt.org): a title, a summary, links."""
    summary = f"{site.title}, published {site.published} by {site.publisher}"
    if site.audience:
        summary += f", for {'; '.join(site.audience)}"
    lines = [f"# {site.title}", "", f"> {summary}.", ""]
    groups: dict[str, list[str]] = {}
    for path, title, group in pages:
        groups.setdefault(group, []).append(f"- [{title}]({path})")
    for group, links in groups.items():
        lines += [f"## {group}", "", *links, ""]
    return "\n".join(lines)

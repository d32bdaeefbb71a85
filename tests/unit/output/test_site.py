"""``rcpack site``: the pages from the handouts' views, written whole or refused in one line."""

import html.parser
import itertools
import json
import os
import re
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import attrs
import pytest
from session_cases import SESSION, SESSION_CASES
from site_pages import HANDOUTS, PAGES
from small_packs import BASE

import recurrent_care_pack as rcp
from recurrent_care_pack._cli import main
from recurrent_care_pack._output.guide_view import guide_view
from recurrent_care_pack._output.site import MARKER, build_site, render_site


@cache
def _site() -> dict[str, str]:
    """The bundled pack's site, with the team day's session page, as text.

    The team day is ``rcpack init``'s example session file, README's "team day".
    """
    pack = rcp.load_pack()
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "team-day.yaml"
        file.write_text(SESSION, encoding="utf-8")
        result = rcp.check_session(file)
    assert result.session is not None
    agenda = rcp.session_plan(pack, result.session)
    files = render_site(pack, [("team-day", result.session, agenda)], url="https://example.org/")
    return {name: content.decode("utf-8") for name, content in files.items()}


class _Outline(html.parser.HTMLParser):
    """The headings, landmarks and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def _text(page: str) -> str:
    return " ".join("".join(_outline(page).text).split())


def test_the_site_has_a_page_for_each_part_of_the_pack_and_the_session() -> None:
    """Index, each module and exercise, case studies, tips by topic, reading, sessions, search."""
    assert sorted(n for n in _site() if n.endswith(".html")) == sorted(PAGES + HANDOUTS)


def test_the_handouts_to_print_are_the_handouts_themselves() -> None:
    """The team day's guide and sheets, and the pack's cards, as rcpack handout writes them."""
    pack = rcp.load_pack()
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "team-day.yaml"
        file.write_text(SESSION, encoding="utf-8")
        session = rcp.check_session(file).session
    assert session is not None
    agenda = rcp.session_plan(pack, session)
    guide = rcp.render_handout(pack, "guide", "html", agenda, session=session)
    assert _site()["sessions/team-day-guide.html"] == guide.decode("utf-8")
    cards = rcp.render_handout(pack, "tips", "html")
    assert _site()["print/tip-cards.html"] == cards.decode("utf-8")
    assert (
        '<a href="team-day-guide.html">the facilitator guide</a>'
        in _site()["sessions/team-day.html"]
    )


@pytest.mark.parametrize("name", PAGES)
def test_each_page_has_the_shared_accessible_layout(name: str) -> None:
    """en-GB, a skip link to main, one h1, headings that never skip a level, nav landmarks."""
    page = _site()[name]
    outline = _outline(page)
    assert '<html lang="en-GB">' in page
    links = [a for tag, a in outline.tags if tag == "a"]
    assert links[0] == {"class": "skip", "href": "#content"}
    assert [a for tag, a in outline.tags if tag == "main"] == [
        {"id": "content", "tabindex": "-1"}
        | ({} if name == "search.html" else {"data-pagefind-body": None})
    ]
    assert outline.headings.count(1) == 1
    assert outline.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))


def test_a_module_page_prints_the_guides_view_of_it() -> None:
    """The module's heading, description, films and discussion as the guide words them."""
    pack = rcp.load_pack()
    module = guide_view(pack, rcp.plan(pack)).modules[0]
    text = _text(_site()["modules/section-3-module-1.html"])
    assert f"The pack: “{module.description}”" in text
    assert (
        "<h3>Film 3</h3>\n<dl>\n<dt>Speaker</dt><dd>not known</dd>\n"
        "<dt>Running time</dt><dd>not known</dd>\n\n</dl>"
    ) in _site()["modules/section-3-module-1.html"]
    assert "Optional discussion (whole group): 10 minutes." in text
    # A film's own allowance only where the pack gives one, as the guide prints it.
    film_6 = _text(_site()["modules/section-3-module-2.html"])
    assert "Running time22 minutes 31 seconds Allow23 minutes" in film_6
    assert (
        "The films40 minutesWith the discussion50 minutesWith its exercise"
        "1 hour 10 minutesWith the discussion and the exercise1 hour 20 minutes"
    ) in text


def test_module_3_gives_its_different_day_time() -> None:
    """The pack's suggestion to watch Film 6 again, in its words and in the times."""
    text = _text(_site()["modules/section-3-module-3.html"])
    assert "On a different day, with Film 6 first and its exercise1 hour 25 minutes" in text
    assert "On a different day The pack: “" in text


def test_an_exercise_page_is_the_participants_sheet_then_the_facilitators_word() -> None:
    """The sheet's parts and notes box; what you'll need only in the facilitator's box."""
    page = _site()["exercises/exercise-8.html"]
    sheet, facilitator = page.split('<section class="facilitator no-print"', 1)
    assert "<strong>Pairs or small groups, 20 minutes.</strong>" in sheet
    assert "<strong>Whole group, 10 minutes.</strong>" in sheet
    assert "Your notes on Exercise 8" in sheet
    assert "What you’ll need" not in sheet
    assert "The pack: “What you’ll need: The case study of Tina" in facilitator
    assert '<a href="../modules/section-3-module-1.html">Module 1</a>' in facilitator
    link = '<a href="../case-studies.html#case-study-tina">'
    assert f"{link}The case study of Tina on the case studies page</a>." in facilitator


def test_a_case_study_the_data_has_no_text_for_says_so() -> None:
    """Unknown shown as unknown; Amy's basis cited; each names the exercises that use it."""
    text = _text(_site()["case-studies.html"])
    assert text.count("Its text: not in the pack’s data (it is handed out on paper).") == 2
    assert "Based on: Vulnerable Birth Mothers and Recurrent Care Proceedings (2017)" in text
    assert "Used in Exercise 9." in text


def test_a_topics_page_holds_only_that_topics_categories() -> None:
    """Without JavaScript a topic is a page of its own; the page of every topic holds all."""
    every = _site()["tips/index.html"]
    training = _site()["tips/training.html"]
    assert every.count('<section class="category no-print"') == 4
    assert training.count('<section class="category no-print"') == 1
    assert 'data-topics="training"' in training
    assert '<a href="training.html" data-topic="training" aria-current="page">' in training
    assert 'data-all="yes"' in every
    assert 'data-all="yes"' not in training


def test_the_reading_page_cites_the_works_and_says_the_links_are_not_known() -> None:
    """The works cited as the guide cites them, and the reading's note."""
    text = _text(_site()["reading.html"])
    assert "The published text does not give these links." in text
    assert "Sebba, J., Luke, N., McNeish, D. and Rees, A. (2017)" in text


def test_the_session_page_embeds_the_planners_agenda() -> None:
    """The running sheet's rows, as the guide's, are the live view's data: no second planner."""
    page = _site()["sessions/team-day.html"]
    data = json.loads(
        page.split('<script type="application/json" id="agenda">', 1)[1].split("</script>", 1)[0]
    )
    rows = data["days"][0]["rows"]
    assert data["days"][0]["date"] == "2027-01-12"
    assert [(r["start"], r["end"], r["what"]) for r in rows[:4]] == [
        ("09:30", "10:10", "Module 1 films: Films 2, 3, 4 and 5"),
        (
            "10:10",
            "10:40",
            "Exercise 8: Understanding non-engagement and attachment through a case study",
        ),
        ("10:10", "10:30", "Exercise 8, part 1 of 2: pairs or small groups"),
        ("10:30", "10:40", "Exercise 8, part 2 of 2: whole group"),
    ]
    assert [r["kind"] for r in rows if r["kind"] == "break"] == ["break", "break"]


def test_llms_txt_is_a_plain_index() -> None:
    """A title, a summary, and a link to every page, grouped."""
    lines = _site()["llms.txt"].splitlines()
    assert lines[:3] == ["# Recurrent Care Resource Pack", "", lines[2]]
    assert lines[2].startswith(
        "> Recurrent Care Resource Pack, published 22 May 2019 by Research in Practice"
    )
    assert (
        "- [Exercise 8: Understanding non-engagement and attachment through a case study](exercises/exercise-8.html)"
        in lines
    )
    assert sum(1 for line in lines if line.startswith("- [")) == len(PAGES + HANDOUTS)
    assert "- [Team learning day: facilitator guide](sessions/team-day-guide.html)" in lines


def test_the_sitemap_lists_every_page_at_the_sites_address() -> None:
    """sitemaps.org 0.9, one absolute address per page."""
    found = re.findall(r"<loc>([^<]+)</loc>", _site()["sitemap.xml"])
    assert sorted(found) == sorted(f"https://example.org/{p}" for p in PAGES + HANDOUTS)


@pytest.fixture
def here(tmp_path: Path) -> Iterator[Path]:
    """An empty folder outside any pack, made the current folder."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def test_a_folder_holding_other_files_is_refused_and_left_alone(here: Path) -> None:
    """Only a new, empty or rcpack-written folder is ever replaced."""
    (here / "out").mkdir()
    (here / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OSError, match="holds files") as raised:
        build_site(rcp.load_pack(), here / "out", search=False)
    assert str(raised.value) == (
        f"cannot write the site into '{here / 'out'}': it holds files rcpack site did not "
        f"write; name a new or empty folder (a folder rcpack site wrote holds {MARKER})"
    )
    assert [p.name for p in (here / "out").iterdir()] == ["notes.txt"]


def test_a_site_rcpack_wrote_is_replaced_whole(here: Path) -> None:
    """A second build replaces the first: a file the new site lacks is gone, nothing left beside."""
    build_site(rcp.load_pack(), here / "out", search=False)
    (here / "out" / "stale.html").write_text("old", encoding="utf-8")
    built = build_site(rcp.load_pack(), here / "out", search=False)
    assert not (here / "out" / "stale.html").exists()
    assert (here / "out" / MARKER).is_file()
    assert [p.name for p in here.iterdir()] == ["out"]
    assert "index.html" in built.pages


def test_the_command_writes_the_site_of_the_session_files_here(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Session files in the current folder each get a page; what was not made is said."""
    (here / "session.yaml").write_text(SESSION, encoding="utf-8")
    assert main(["site", "out", "--no-search"]) == 0
    out, err = capsys.readouterr()
    assert out == f"wrote 22 pages into {here / 'out'}, 1 session\n"
    assert err == (
        "the site is of the bundled pack, rcpack's own copy: to build your pack's, run this "
        "in its folder or name it with --pack\n"
        "no sitemap.xml: it needs the site's address (--url)\n"
    )
    assert (here / "out" / "sessions" / "session.html").is_file()


def test_a_pack_with_problems_builds_no_site(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The problems as validate prints them, exit 1, and no folder written."""
    pack = here / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack:\n  id: p\n", encoding="utf-8")
    assert main(["validate", "pack"]) == 1
    validated = capsys.readouterr().out
    assert main(["site", "out", "--pack", "pack"]) == 1
    out = capsys.readouterr().out
    assert out == validated
    assert out.splitlines()[0] == (
        "pack/pack.yaml:1:1: RC202 this pack has no 'published'; add it: when it was published"
    )
    assert not (here / "out").exists()


def test_a_session_with_problems_builds_no_site(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The session's problems, located, exit 1, nothing written."""
    text, expected = SESSION_CASES["RC505 film not in the pack"]
    (here / "session.yaml").write_text(text, encoding="utf-8")
    assert main(["site", "out"]) == 1
    assert capsys.readouterr().out.splitlines()[: len(expected)] == expected
    assert not (here / "out").exists()


def _links(page: str) -> list[str]:
    outline = _outline(page)
    return [
        value
        for tag, attrs in outline.tags
        for key in ("href", "src")
        if tag in {"a", "link", "script"} and (value := attrs.get(key)) is not None
    ]


def _ids(page: str) -> set[str]:
    return {i for _, attrs in _outline(page).tags if (i := attrs.get("id")) is not None}


def _resolved(page: str, link: str) -> str:
    """The path from the site's root that ``link`` on ``page`` leads to."""
    return os.path.normpath(str(PurePosixPath(page).parent / link))


def test_every_internal_link_resolves() -> None:
    """Each link, stylesheet and script names a file of the site, and its #fragment an id there."""
    files = _site()
    broken = []
    checked = 0
    for name, page in files.items():
        if not name.endswith(".html"):
            continue
        for link in _links(page):
            path, _, fragment = link.partition("#")
            target = _resolved(name, path) if path else name
            checked += 1
            if target not in files or (fragment and fragment not in _ids(files[target])):
                broken.append(f"{name}: {link}")
    assert checked > 250
    assert broken == []


def test_no_page_links_outside_the_site() -> None:
    """Nothing is fetched from elsewhere: no link, stylesheet or script has a scheme."""
    outside = [
        (name, link)
        for name, page in _site().items()
        if name.endswith(".html")
        for link in _links(page)
        if ":" in link
    ]
    assert outside == []


def test_each_page_with_its_stylesheet_and_scripts_is_under_100_kb() -> None:
    """A page, the CSS and every script it loads: under 100 KB (the search index aside)."""
    files = _site()
    sizes = {}
    for name, page in files.items():
        if name.endswith(".html"):
            loads = [
                _resolved(name, link)
                for link in _links(page)
                if link.startswith(("../assets/", "assets/"))
            ]
            sizes[name] = len(page.encode("utf-8")) + sum(len(files[f]) for f in loads)
    assert max(sizes.values()) < 100_000


def _linked(page: str) -> dict[str, Any]:
    text = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize("name", PAGES)
def test_each_page_has_json_ld_of_its_schema_org_type(name: str) -> None:
    """A Course (the index) or a LearningResource part of it: the pack's audience, en-GB.

    What schema.org's vocabulary allows, what is required, and the durations: in
    test_site_linked_data.py.
    """
    data = _linked(_site()[name])
    assert data["@context"] == "https://schema.org"
    assert data["@id"] == f"https://example.org/{name}"
    assert data["inLanguage"] == "en-GB"
    assert data["educationalLevel"] == "Continuing professional development"
    assert data["audience"] == {
        "@type": "EducationalAudience",
        "educationalRole": "managers, commissioners and practitioners in children's social "
        "care, health services and the voluntary sector",
    }
    if data["@type"] == "LearningResource":
        assert data["isPartOf"] == {
            "@type": "Course",
            "@id": "https://example.org/index.html",
            "name": "Recurrent Care Resource Pack",
        }
    else:
        assert name == "index.html"


def test_the_course_cites_the_works_and_has_each_module_and_exercise() -> None:
    """citation: the works cited, as the reading page gives them; hasPart: the pages."""
    data = _linked(_site()["index.html"])
    assert data["citation"] == _works()
    assert [p["@id"] for p in data["hasPart"]] == [
        f"https://example.org/{p}" for p in PAGES if p.startswith("modules/")
    ] + [
        "https://example.org/exercises/exercise-8.html",
        "https://example.org/exercises/exercise-9.html",
        "https://example.org/exercises/exercise-10.html",
    ]
    assert data["provider"] == {"@type": "Organization", "name": "Research in Practice"}


def _works() -> list[str]:
    """The works cited, as the guide lists them."""
    pack = rcp.load_pack()
    return list(guide_view(pack, rcp.plan(pack)).works)


def test_an_exercise_on_a_case_study_based_on_a_work_cites_it() -> None:
    """Exercise 9 uses Amy's case study, based on Broadhurst et al: its citation."""
    data = _linked(_site()["exercises/exercise-9.html"])
    assert data["citation"] == [
        "Vulnerable Birth Mothers and Recurrent Care Proceedings (2017). Lancaster University."
    ]
    assert data["learningResourceType"] == "Group exercise"


def test_tips_of_two_sections_keep_one_h1_and_headings_in_order() -> None:
    """With two sections' tips, the page is "Tips from practice", each section's tips under it."""
    pack = rcp.load_pack()
    section = pack.sections[0]
    two = attrs.evolve(pack, sections=(section, attrs.evolve(section, id="section-4", number=4)))
    page = render_site(two)["tips/index.html"].decode("utf-8")
    outline = _outline(page)
    assert outline.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(outline.headings))
    assert "<h1>Tips from practice</h1>" in page
    assert page.count('<nav aria-labelledby="topics"') == 1


def test_a_session_that_cannot_be_planned_is_reported_as_validate_reports_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A break at the slot's start: RC507 in the planner's words, exit 1, nothing written."""
    text = SESSION.replace("at: 12:00", "at: 09:30")
    (here / "session.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", "session.yaml"]) == 1
    validated = capsys.readouterr().out
    assert main(["site", "out"]) == 1
    assert capsys.readouterr().out == validated
    assert "RC507 this session cannot be planned: " in validated
    assert not (here / "out").exists()


def test_a_pack_longer_than_a_day_has_a_site_without_the_packs_set_of_sheets(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No plan holds it in a day: each exercise's page still prints its sheet; no crash."""
    text = BASE.replace(
        "        allowance: 32 minutes\n        different_day:\n          rewatch: [film-6]\n"
        "          allowance: 55 minutes\n",
        "        allowance: 23 hours\n",
    )
    assert text != BASE
    (here / "pack").mkdir()
    (here / "pack" / "pack.yaml").write_text(text, encoding="utf-8")
    assert main(["site", "out", "--pack", "pack", "--no-search"]) == 0
    assert capsys.readouterr().out == f"wrote 8 pages into {here / 'out'}\n"
    assert (here / "out" / "exercises" / "ex.html").is_file()
    assert (here / "out" / "print" / "tip-cards.html").is_file()
    assert not (here / "out" / "print" / "exercises.html").exists()
    assert "print/exercises.html" not in (here / "out" / "index.html").read_text(encoding="utf-8")


def test_the_folder_you_are_in_is_never_the_sites(here: Path) -> None:
    """Replacing it would pull the folder from under the command: refused, in one line."""
    with pytest.raises(OSError, match="you are in") as raised:
        build_site(rcp.load_pack(), Path(), search=False)
    assert str(raised.value) == (
        f"cannot write the site into '{here}': it holds the folder you are in; "
        "name a folder inside it"
    )


def test_two_session_files_of_one_name_are_refused(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each file names its page: two of one name would share one."""
    for folder in ("a", "b"):
        (here / folder).mkdir()
        (here / folder / "day.yaml").write_text(SESSION, encoding="utf-8")
    assert main(["site", "out", "--session", "a/day.yaml", "--session", "b/day.yaml"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: two session files are named 'day', and each names its page "
        "(sessions/day.html); rename one\n"
    )
    assert not (here / "out").exists()

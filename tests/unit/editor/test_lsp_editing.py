"""rcpack lsp while writing: completion, code actions and inlay hints, over stdio."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fix_cases import READ_NOT_GUESSED
from lsp_client import Session, full_capabilities, serving
from lsprotocol import types
from paths import DATA

from recurrent_care_pack._content.loading import check
from recurrent_care_pack._content.reading import value_ends
from recurrent_care_pack._editor.actions import Fix, code_actions, fixes
from recurrent_care_pack._editor.diagnostics import diagnostic
from recurrent_care_pack._problems import Fix as ProblemFix
from recurrent_care_pack._problems import Problem

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

SECTION = (DATA / "section-3.yaml").read_text(encoding="utf-8")


#: The bundled pack's files, as each test sharing the server finds them.
FILES = {path.name: path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.yaml"))}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled pack (pack.yaml and section-3.yaml) that no test writes to."""
    folder = tmp_path_factory.mktemp("editing") / "pack"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture(scope="module")
def server(pack: Path) -> Iterator[Session]:
    """One ``rcpack lsp`` for the module's tests, with section-3.yaml open and checked."""
    with serving(pack, ["section-3.yaml"]) as started:
        yield started


@pytest.fixture
def session(server: Session, pack: Path) -> Iterator[Session]:
    """The shared server; what a test typed is taken back after it."""
    yield server
    server.reset(pack, FILES)


def _typed(session: Session, pack: Path, old: str, new: str) -> tuple[int, int]:
    """Replace ``old`` by ``new`` in section-3.yaml's buffer; where the '|' in ``new`` is.

    The '|' stands for the cursor: it is not typed. The line and column count from 1.
    """
    file = pack / "section-3.yaml"
    text = session.texts[file.as_uri()]
    assert old in text
    text = text.replace(old, new, 1)
    before = text[: text.index("|")]
    version = session.change(file, text.replace("|", "", 1))
    session.diagnostics(file, version=version)
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _complete(session: Session, pack: Path, line: int, column: int) -> list[str]:
    params = types.CompletionParams(
        text_document=session.document(pack / "section-3.yaml"),
        position=types.Position(line=line - 1, character=column - 1),
    )
    found = session.run(session.client.text_document_completion_async(params))
    items = found.items if isinstance(found, types.CompletionList) else found or []
    return [item.label for item in items]


def test_a_duration_is_completed_as_snippets_and_a_number_with_its_units(
    session: Session, pack: Path
) -> None:
    """After 'allowance:' the usual forms as snippets; after 'allowance: 4', 4 with each unit."""
    line, column = _typed(session, pack, "allowance: 23 minutes\n", "allowance: |\n")
    params = types.CompletionParams(
        text_document=session.document(pack / "section-3.yaml"),
        position=types.Position(line=line - 1, character=column - 1),
    )
    found = session.run(session.client.text_document_completion_async(params))
    assert isinstance(found, types.CompletionList)
    assert [
        (item.label, item.text_edit and item.text_edit.new_text, item.insert_text_format)
        for item in found.items
    ] == [
        ("30 minutes", "${1:30} minutes", types.InsertTextFormat.Snippet),
        ("1 hour 30 minutes", "${1:1} hour ${2:30} minutes", types.InsertTextFormat.Snippet),
        (
            "22 minutes 31 seconds",
            "${1:22} minutes ${2:31} seconds",
            types.InsertTextFormat.Snippet,
        ),
    ]
    line, column = _typed(session, pack, "allowance: \n", "allowance: 4|\n")
    assert _complete(session, pack, line, column) == ["4 minutes", "4 hours", "4 seconds"]


def test_an_exercise_is_completed_after_exercise(session: Session, pack: Path) -> None:
    """After 'exercise:' the ids offered are the pack's exercises, even on a line half typed."""
    line, column = _typed(session, pack, "exercise: exercise-9\n", "exercise: exer|\n")
    assert _complete(session, pack, line, column) == ["exercise-8", "exercise-9", "exercise-10"]


def test_films_are_completed_in_a_modules_films(session: Session, pack: Path) -> None:
    """A new item in a module's films is offered the pack's films not listed, in their order."""
    line, column = _typed(
        session, pack, "          - film-6\n", "          - film-6\n          - f|\n"
    )
    assert _complete(session, pack, line, column) == [
        "film-2",
        "film-3",
        "film-4",
        "film-5",
        "film-7",  # film-6 is the module's already
    ]


def test_a_partly_typed_film_is_completed_and_replaced_whole(session: Session, pack: Path) -> None:
    """After '- film-' (a hyphen typed), films are still offered, each replacing 'film-'."""
    line, column = _typed(
        session, pack, "          - film-6\n", "          - film-6\n          - film-|\n"
    )
    params = types.CompletionParams(
        text_document=session.document(pack / "section-3.yaml"),
        position=types.Position(line=line - 1, character=column - 1),
    )
    found = session.run(session.client.text_document_completion_async(params))
    assert isinstance(found, types.CompletionList)
    typed = types.Range(
        start=types.Position(line=line - 1, character=12),
        end=types.Position(line=line - 1, character=17),
    )
    assert [(i.label, i.text_edit) for i in found.items][-2:] == [
        ("film-5", types.TextEdit(range=typed, new_text="film-5")),
        ("film-7", types.TextEdit(range=typed, new_text="film-7")),
    ]


def test_keys_are_completed_from_the_schema(session: Session, pack: Path) -> None:
    """A new key in a module is offered the keys a module may have and does not have yet."""
    line, column = _typed(
        session,
        pack,
        "        allowance: 23 minutes\n",
        "        allowance: 23 minutes\n        |\n",
    )
    assert _complete(session, pack, line, column) == ["different_day"]
    line, column = _typed(session, pack, "    media:\n", "    media:\n      - |\n")
    assert _complete(session, pack, line, column)[:6] == [
        "id",
        "kind",
        "number",
        "title",
        "speakers",
        "running_time",
    ]


def test_values_the_schema_allows_are_completed(session: Session, pack: Path) -> None:
    """After 'kind:' a film's kinds are offered; after 'optional:' true and false."""
    line, column = _typed(
        session,
        pack,
        "        kind: film\n        number: 3\n",
        "        kind: |\n        number: 3\n",
    )
    assert _complete(session, pack, line, column) == ["film", "presentation"]
    line, column = _typed(session, pack, "          optional: true\n", "          optional: |\n")
    assert _complete(session, pack, line, column) == ["true", "false"]


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with ``edits`` made, as an editor makes them (ASCII text: units are characters)."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        return sum(map(len, lines[: position.line])) + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def _fixes(session: Session, file: Path) -> dict[str, list[types.TextEdit]]:
    """The quick fixes offered for the problems last published on ``file``, by title."""
    diagnostics = session.latest(file)
    whole = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=999, character=0)
    )
    params = types.CodeActionParams(
        text_document=session.document(file),
        range=whole,
        context=types.CodeActionContext(diagnostics=diagnostics),
    )
    found = session.run(session.client.text_document_code_action_async(params)) or []
    fixes: dict[str, list[types.TextEdit]] = {}
    for action in found:
        assert isinstance(action, types.CodeAction)
        assert action.kind == types.CodeActionKind.QuickFix
        assert action.edit is not None
        fixes[action.title] = [
            e
            for edits in (action.edit.changes or {}).values()
            for e in edits
            if isinstance(e, types.TextEdit)
        ]
    return fixes


def test_each_fix_a_message_names_is_offered_and_mends_the_text(
    session: Session, pack: Path
) -> None:
    """Each fix a message names (did you mean, allow at least, quotes, a missing key) mends it."""
    file = pack / "section-3.yaml"
    exercise_title = (
        "        title: Understanding non-engagement and complex trauma through a case study\n"
    )
    broken = (
        SECTION.replace(
            "    title: Workforce development.", "    titlex: Workforce development.", 1
        )
        .replace("      - workforce development\n", "      - no\n", 1)
        .replace(
            "        allowance: 23 minutes\n        description: >-\n          Allow 23",
            "        allowance: 20 minutes\n        description: >-\n          Allow 23",
            1,
        )
        .replace(
            "      - id: exercise-9\n        number: 9\n" + exercise_title,
            "      - id: exercise-9\n        number: 9\n",
            1,
        )
    )
    version = session.change(file, broken)
    assert [d.code for d in session.diagnostics(file, version=version)] == [
        "RC201",
        "RC111",
        "RC405",
        "RC405",
        "RC202",
    ]
    fixes = _fixes(session, file)
    assert sorted(fixes) == [
        "Add 'title'",
        "Allow at least 23 minutes",
        "Change to 'title'",
        "Put it in quotes: 'no'",
    ]
    mended = _apply(broken, [e for edits in fixes.values() for e in edits])
    assert mended == (
        SECTION.replace("      - workforce development\n", "      - 'no'\n", 1).replace(
            "      - id: exercise-9\n        number: 9\n" + exercise_title,
            "      - title: \n        id: exercise-9\n        number: 9\n",
            1,
        )
    )


def test_a_key_added_to_a_file_of_crlf_lines_ends_its_line_with_crlf(
    session: Session, pack: Path
) -> None:
    """Section 3 written with CRLF, a title deleted: 'Add title' keeps every line CRLF."""
    file = pack / "section-3.yaml"
    title = "        title: Reconceptualising non-engagement (attachment)\n"
    windows = SECTION.replace("\n", "\r\n")
    broken = windows.replace(title.replace("\n", "\r\n"), "", 1)
    version = session.change(file, broken)
    assert "RC202" in [d.code for d in session.diagnostics(file, version=version)]
    [added] = _fixes(session, file)["Add 'title'"]
    assert added.new_text == "title: \r\n        "
    mended = _apply(broken, [added])
    first = "      - id: section-3-module-1\r\n"  # the module's first key: the title goes above
    assert mended == broken.replace(
        first, "      - title: \r\n        id: section-3-module-1\r\n", 1
    )
    assert "\n" not in mended.replace("\r\n", "")


def test_no_fix_is_offered_for_a_clean_file(session: Session, pack: Path) -> None:
    """A file with no problems is offered no quick fix."""
    assert _fixes(session, pack / "section-3.yaml") == {}


def test_inlay_hints_give_each_modules_times(session: Session, pack: Path) -> None:
    """Each module's id line ends with its times: films, with discussion, exercise, another day."""
    params = types.InlayHintParams(
        text_document=session.document(pack / "section-3.yaml"),
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=400, character=0)
        ),
    )
    found = session.run(session.client.text_document_inlay_hint_async(params)) or []
    assert [(hint.position.line + 1, hint.label) for hint in found] == [
        (31, "films 40 min · + discussion 50 min · + exercise 1 hour 10 min"),
        (54, "films 23 min · + discussion 33 min · + exercise 53 min"),
        (
            75,
            "films 32 min · + discussion 42 min · + exercise 1 hour 2 min · another day 1 hour 25 min",
        ),
    ]


def test_code_lenses_give_each_modules_times_above_it(session: Session, pack: Path) -> None:
    """For editors that show code lenses, not inlay hints: the same times, on the id's line."""
    params = types.CodeLensParams(text_document=session.document(pack / "section-3.yaml"))
    found = session.run(session.client.text_document_code_lens_async(params)) or []
    assert [
        (lens.range.start.line + 1, lens.command and lens.command.title) for lens in found
    ] == [
        (31, "films 40 min · + discussion 50 min · + exercise 1 hour 10 min"),
        (54, "films 23 min · + discussion 33 min · + exercise 53 min"),
        (
            75,
            "films 32 min · + discussion 42 min · + exercise 1 hour 2 min · another day 1 hour 25 min",
        ),
    ]


def test_while_the_pack_has_problems_hints_and_lenses_keep_the_times_still_known(
    session: Session, pack: Path
) -> None:
    """A misspelt key in Module 2 leaves its times unknown; Modules 1 and 3 keep theirs."""
    file = pack / "section-3.yaml"
    text = SECTION.replace("        allowance: 23 minutes\n", "        alowance: 23 minutes\n", 1)
    assert text != SECTION
    version = session.change(file, text)
    assert [d.code for d in session.diagnostics(file, version=version)] == ["RC201"]
    hints = types.InlayHintParams(
        text_document=session.document(file),
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=400, character=0)
        ),
    )
    found = session.run(session.client.text_document_inlay_hint_async(hints)) or []
    lenses = types.CodeLensParams(text_document=session.document(file))
    shown = session.run(session.client.text_document_code_lens_async(lenses)) or []
    expected = [
        (31, "films 40 min · + discussion 50 min · + exercise 1 hour 10 min"),
        (
            75,
            "films 32 min · + discussion 42 min · + exercise 1 hour 2 min · another day 1 hour 25 min",
        ),
    ]
    assert [(hint.position.line + 1, hint.label) for hint in found] == expected
    assert [
        (lens.range.start.line + 1, lens.command and lens.command.title) for lens in shown
    ] == (expected)


@pytest.mark.parametrize(
    ("fix", "offered"),
    [
        (
            ProblemFix(action="Change to '{}'", replacements=("title", "titles")),
            [Fix("Change to 'title'", "title"), Fix("Change to 'titles'", "titles")],
        ),
        (
            ProblemFix(action="Write '{}'", replacements=("23 minutes",)),
            [Fix("Write '23 minutes'", "23 minutes")],
        ),
        (ProblemFix(action="Write {}", replacements=("true",)), [Fix("Write true", "true")]),
        (ProblemFix(action="Add '{}'", key="title"), [Fix("Add 'title'", "title: ", insert=True)]),
        (
            ProblemFix(action="Add '{}'", key="title", at=(2, 3)),
            [Fix("Add 'title'", "title: ", insert=True, at=(2, 3))],
        ),
        (  # a top-level mapping's first key, in column 1
            ProblemFix(action="Add '{}'", key="title", at=(4, 1)),
            [Fix("Add 'title'", "title: ", insert=True, at=(4, 1))],
        ),
    ],
)
def test_a_problems_fix_travels_on_its_diagnostic(fix: ProblemFix, offered: list[Fix]) -> None:
    """A fix goes out on the diagnostic's data as JSON, and comes back as the same edits."""
    problem = Problem(
        file=Path("a.yaml"), line=1, column=1, code="RC201", message="words", fix=fix
    )
    data = json.loads(json.dumps(diagnostic(problem, ["titel: x"]).data))
    assert list(fixes(data)) == offered


@pytest.mark.parametrize(
    "data",
    [
        None,
        "fix",
        {"path": "$"},
        {"fix": None},
        {"fix": {"action": 1, "replacements": ["x"]}},
        {"fix": {"action": "Write {}", "replacements": "x"}},
        {"fix": {"action": "Write {}", "replacements": [1, None]}},
    ],
)
def test_data_not_shaped_as_a_fix_offers_none(data: object) -> None:
    """What an editor sends back is not trusted: data not shaped as a fix offers no edit."""
    assert list(fixes(data)) == []


@pytest.mark.parametrize("at", [[0, 3], [2], ["2", 3], [True, 3], [2.0, 3], "2:3", None])
def test_a_place_not_shaped_as_one_leaves_the_key_where_its_problem_is(at: object) -> None:
    """What an editor sends back is not trusted: a key's place not two counts from 1 is none."""
    data = {"fix": {"action": "Add '{}'", "replacements": [], "key": "title", "at": at}}
    assert list(fixes(data)) == [Fix("Add 'title'", "title: ", insert=True)]


def test_a_message_that_names_a_fix_offers_nothing_without_its_record() -> None:
    """The fix comes from the record, never from the words: a message alone offers none."""
    line = "titel: x"
    bare = types.Diagnostic(
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=5)
        ),
        message="unknown key 'titel' in this pack; did you mean 'title'?",
        source="rcpack",
    )
    assert code_actions("file:///a.yaml", [bare], [line]) == []


def test_each_candidate_is_a_quick_fix_of_its_own() -> None:
    """A fix of two candidates is two actions, in order, each replacing the marked key."""
    lines = ["  titel: x"]
    fix = ProblemFix(action="Change to '{}'", replacements=("title", "titles"))
    problem = Problem(file=Path("a.yaml"), line=1, column=3, code="RC201", message="m", fix=fix)
    actions = code_actions("file:///a.yaml", [diagnostic(problem, lines)], lines)
    assert [(a.title, a.edit and a.edit.changes) for a in actions] == [
        (
            title,
            {
                "file:///a.yaml": [
                    types.TextEdit(
                        range=types.Range(
                            start=types.Position(line=0, character=2),
                            end=types.Position(line=0, character=7),
                        ),
                        new_text=text,
                    )
                ]
            },
        )
        for title, text in (("Change to 'title'", "title"), ("Change to 'titles'", "titles"))
    ]


def test_a_quick_fix_replaces_the_value_as_yaml_reads_it_not_as_its_line_looks(
    tmp_path: Path,
) -> None:
    """The fix's edit is the value alone, wherever it ends; made, the problem is gone.

    Each file of `READ_NOT_GUESSED` in turn, in a server of its own (a pack of one file).
    """
    file = tmp_path / "pack.yaml"
    file.write_text("pack: {}\n", encoding="utf-8")
    with serving(tmp_path, ["pack.yaml"]) as session:
        for name, (text, (line, column, end_line, end_column), made) in READ_NOT_GUESSED.items():
            version = session.change(file, text)
            assert [d.code for d in session.diagnostics(file, version=version)] == ["RC205"]
            [edit] = _fixes(session, file)["Write 'film-6'"]
            assert edit.range == types.Range(
                start=types.Position(line=line - 1, character=column - 1),
                end=types.Position(line=end_line - 1, character=end_column - 1),
            ), name
            assert _apply(text, [edit]) == made
            version = session.change(file, made)
            assert [d.code for d in session.diagnostics(file, version=version)] == ["RC402"]


@pytest.mark.parametrize("snippets", [False, True])
def test_a_missing_key_is_added_to_the_mapping_under_the_key_it_is_told_at(
    tmp_path: Path, snippets: bool
) -> None:
    """Told at 'discussion:', the quick fix adds 'duration' above 'kind', inside it.

    The fix's place travels with the diagnostic's data, through JSON, as an editor sends it.
    """
    text = SECTION.replace(
        "        discussion:\n          duration: 10 minutes\n", "        discussion:\n", 1
    )
    assert text != SECTION
    file = tmp_path / "section-3.yaml"
    file.write_text(text, encoding="utf-8")
    shutil.copy(DATA / "pack.yaml", tmp_path / "pack.yaml")
    [problem] = check(file).problems
    lines = text.split("\n")
    told = diagnostic(problem, lines)
    sent = types.Diagnostic(
        range=told.range,
        message=told.message,
        source=told.source,
        data=json.loads(json.dumps(told.data)),
    )
    ends = value_ends(text)
    [action] = code_actions(file.as_uri(), [sent], lines, snippets=snippets, ends=lambda: ends)
    stale = "# a line typed above since\n" + text  # 'at' names no key of this text: no fix
    assert (
        code_actions(file.as_uri(), [sent], stale.split("\n"), ends=lambda: value_ends(stale))
        == []
    )
    assert code_actions(file.as_uri(), [sent], lines) == []  # no reading of the text: none
    other = types.Diagnostic(range=told.range, message="m", source="yamllint", data=sent.data)
    after = code_actions(file.as_uri(), [other, sent], lines, snippets=snippets, ends=lambda: ends)
    assert after == [action]  # another tool's diagnostic first: this one's fix still offered
    assert (action.diagnostics, action.is_preferred) == ([sent], True)
    assert action.edit is not None
    changes = action.edit.changes or {}
    edits = changes.get(file.as_uri()) or [
        types.TextEdit(range=e.range, new_text=e.snippet.value)
        for change in action.edit.document_changes or []
        if isinstance(change, types.TextDocumentEdit)
        for e in change.edits
        if isinstance(e, types.SnippetTextEdit)
    ]
    [edit] = edits
    key = problem.line or 0
    assert (problem.code, lines[key - 1].strip()) == ("RC202", "discussion:")
    assert edit.range.start == types.Position(line=key, character=10)
    made = _apply(
        text, [types.TextEdit(range=edit.range, new_text=edit.new_text.replace("$1", ""))]
    )
    assert made == SECTION.replace(
        "        discussion:\n          duration: 10 minutes\n",
        "        discussion:\n          duration: \n",
        1,
    )


def test_a_duration_is_offered_what_its_message_says_to_write(
    session: Session, pack: Path
) -> None:
    """A clock time gets both readings, a bare number minutes, a misspelt unit the unit."""
    file = pack / "section-3.yaml"
    broken = (
        SECTION.replace("running_time: 22 minutes 31 seconds", "running_time: 22:31", 1)
        .replace("        time: 30 minutes\n", "        time: 30\n", 1)
        .replace("duration: 20 minutes", "duration: 20 minuts", 1)
    )
    version = session.change(file, broken)
    found = session.diagnostics(file, version=version)
    assert [(d.code, d.range.start.line + 1) for d in found] == [
        ("RC301", 149),
        ("RC302", 173),
        ("RC304", 184),
    ]
    fixes = _fixes(session, file)
    assert {
        title: [(e.range.start.line + 1, e.range.start.character + 1, e.new_text) for e in edits]
        for title, edits in fixes.items()
    } == {
        "Write '22 minutes 31 seconds'": [(149, 23, "22 minutes 31 seconds")],
        "Write '22 hours 31 minutes'": [(149, 23, "22 hours 31 minutes")],
        "Write '30 minutes'": [(173, 15, "30 minutes")],
        "Write '20 minutes'": [(184, 23, "20 minutes")],
    }


def test_a_date_and_an_id_written_otherwise_are_offered_as_they_are_written(
    session: Session, pack: Path
) -> None:
    """'22/05/2019' is offered '2019-05-22'; 'Film-7', 'film-7': each the fix its message names."""
    details = pack / "pack.yaml"
    session.open(details)
    session.diagnostics(details, version=1)
    version = session.change(
        details,
        FILES["pack.yaml"].replace("  published: 2019-05-22\n", "  published: 22/05/2019\n"),
    )
    assert [
        (d.code, d.range.start.line + 1) for d in session.diagnostics(details, version=version)
    ] == [("RC206", 10)]
    assert {
        title: [(e.range.start.line + 1, e.range.start.character + 1, e.new_text) for e in edits]
        for title, edits in _fixes(session, details).items()
    } == {"Write '2019-05-22'": [(10, 14, "2019-05-22")]}
    file = pack / "section-3.yaml"
    version = session.change(
        file, SECTION.replace("      - id: film-7\n", "      - id: Film-7\n", 1)
    )
    line = SECTION[: SECTION.index("      - id: film-7\n")].count("\n") + 1
    assert ("RC205", line) in [
        (d.code, d.range.start.line + 1) for d in session.diagnostics(file, version=version)
    ]
    fixes = _fixes(session, file)
    assert [
        (e.range.start.line + 1, e.range.start.character + 1, e.new_text)
        for e in fixes["Write 'film-7'"]
    ] == [(line, 13, "film-7")]


def test_a_key_added_leaves_the_cursor_for_its_value_where_the_editor_takes_snippets() -> None:
    """'Add title' inserts 'title: $1' as a snippet edit; to an editor without, plain text."""
    lines = ["      - id: exercise-9", "        number: 9"]
    fix = ProblemFix(action="Add '{}'", key="title")
    problem = Problem(file=Path("a.yaml"), line=1, column=9, code="RC202", message="m", fix=fix)
    shown = [diagnostic(problem, lines)]
    at = types.Range(
        start=types.Position(line=0, character=8), end=types.Position(line=0, character=8)
    )
    [action] = code_actions("file:///a.yaml", shown, lines, snippets=True)
    assert action.edit == types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri="file:///a.yaml", version=None
                ),
                edits=[
                    types.SnippetTextEdit(
                        range=at, snippet=types.StringValue("title: $1\n        ")
                    )
                ],
            )
        ]
    )
    [plain] = code_actions("file:///a.yaml", shown, lines)
    assert plain.edit == types.WorkspaceEdit(
        changes={"file:///a.yaml": [types.TextEdit(range=at, new_text="title: \n        ")]}
    )


def test_over_stdio_an_editor_taking_snippets_gets_the_key_as_a_snippet(tmp_path: Path) -> None:
    """An editor that says it takes snippet edits is sent 'title: $1' for a missing title."""
    shutil.copytree(DATA, tmp_path / "pack")
    file = tmp_path / "pack" / "section-3.yaml"
    capabilities = full_capabilities()
    assert capabilities.workspace is not None
    capabilities.workspace.workspace_edit = types.WorkspaceEditClientCapabilities(
        document_changes=True, snippet_edit_support=True
    )
    text = file.read_text(encoding="utf-8")
    title = "        title: Reconceptualising non-engagement (attachment)\n"
    assert title in text
    with Session(tmp_path / "pack", capabilities) as started:
        started.open(file)
        version = started.change(file, text.replace(title, "", 1))
        [missing] = [d for d in started.diagnostics(file, version=version) if d.code == "RC202"]
        params = types.CodeActionParams(
            text_document=started.document(file),
            range=missing.range,
            context=types.CodeActionContext(diagnostics=[missing]),
        )
        [action] = started.run(started.client.text_document_code_action_async(params)) or []
    assert isinstance(action, types.CodeAction)
    assert action.edit is not None
    assert action.edit.document_changes is not None
    [change] = action.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    [edit] = change.edits
    assert isinstance(edit, types.SnippetTextEdit)
    assert edit.snippet.value.startswith("title: $1\n")

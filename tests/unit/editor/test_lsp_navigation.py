"""rcpack lsp's hover, go to definition, find references and rename, over stdio."""

import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from lsp_client import Session, serving
from lsprotocol import types
from paths import DATA
from pygls.exceptions import JsonRpcInvalidRequest

from recurrent_care_pack._content.loading import check_paths

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

RCPACK = [sys.executable, "-m", "recurrent_care_pack"]


#: The bundled pack's files, as each test sharing the server finds them.
FILES = {path.name: path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.yaml"))}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled pack (pack.yaml and section-3.yaml) that no test writes to."""
    folder = tmp_path_factory.mktemp("navigation") / "pack"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture(scope="module")
def server(pack: Path) -> Iterator[Session]:
    """One ``rcpack lsp`` for the tests that only ask and type, with both files open."""
    with serving(pack, FILES) as started:
        yield started


@pytest.fixture
def session(server: Session, pack: Path) -> Iterator[Session]:
    """The shared server; what a test typed is taken back after it."""
    yield server
    server.reset(pack, FILES)


@pytest.fixture
def own_pack(tmp_path: Path) -> Path:
    """A copy of the bundled pack for a test that saves its edits."""
    shutil.copytree(DATA, tmp_path / "pack")
    return tmp_path / "pack"


@pytest.fixture
def own_session(own_pack: Path) -> Iterator[Session]:
    """``rcpack lsp`` of its own, with section-3.yaml open and checked."""
    with serving(own_pack, ["section-3.yaml"]) as started:
        yield started


def _at(line: int, column: int) -> types.Position:
    """The editor's position of a line and column counted from 1."""
    return types.Position(line=line - 1, character=column - 1)


def _hover(session: Session, file: Path, line: int, column: int) -> str | None:
    params = types.HoverParams(text_document=session.document(file), position=_at(line, column))
    found = session.run(session.client.text_document_hover_async(params))
    if found is None:
        return None
    assert isinstance(found.contents, types.MarkupContent)
    return found.contents.value


def _where(location: types.Location) -> str:
    """A location as FILE:LINE:COL-COL, counted from 1."""
    start, end = location.range.start, location.range.end
    return f"{Path(location.uri).name}:{start.line + 1}:{start.character + 1}-{end.character + 1}"


def test_hover_on_a_reference_names_the_film_and_its_times(session: Session, pack: Path) -> None:
    """Film 6, where a module lists it: title, speaker, running time, allowance, where shown."""
    assert _hover(session, pack / "section-3.yaml", 58, 13) == (
        "**Film 6: Explaining complex trauma and its impact on families** (film or "
        "presentation `film-6`)\n\n"
        "- speaker: Sheena Webb\n"
        "- running time: 22 minutes 31 seconds (22.52 minutes)\n"
        "- allowance: 23 minutes\n"
        "- shown in: Module 2: Reconceptualising non-engagement (complex trauma); Module 3: "
        "Trauma-informed approaches in recurrent care (watched again on a different day)"
    )


def test_hover_on_a_module_gives_its_times(session: Session, pack: Path) -> None:
    """A module's id shows the time of its films, with the discussion, exercise, another day."""
    assert _hover(session, pack / "section-3.yaml", 75, 15) == (
        "**Module 3: Trauma-informed approaches in recurrent care** (learning module "
        "`section-3-module-3`)\n\n"
        "- films: 32 minutes\n"
        "- with the discussion: 42 minutes\n"
        "- with its exercise: 1 hour 2 minutes\n"
        "- on a different day, with the films to watch again: 1 hour 25 minutes"
    )


def test_hover_on_a_section_gives_its_times(session: Session, pack: Path) -> None:
    """A section's id shows its time in one day, and with the optional discussions."""
    assert _hover(session, pack / "section-3.yaml", 6, 11) == (
        "**Section 3: Workforce development. Understanding ‘non-engagement’, attachment and "
        "complex trauma** (section `section-3`)\n\n"
        "- in one day: 3 hours 5 minutes\n"
        "- with the optional discussions: 3 hours 35 minutes"
    )


def test_hover_on_an_exercise_reference_and_a_person(session: Session, pack: Path) -> None:
    """An exercise after 'exercise:' shows its time and phases; a speaker, who they are."""
    assert _hover(session, pack / "section-3.yaml", 71, 20) == (
        "**Exercise 9: Understanding non-engagement and complex trauma through a case study** "
        "(exercise `exercise-9`)\n\n- time: 30 minutes (20 minutes + 10 minutes)"
    )
    assert _hover(session, pack / "section-3.yaml", 148, 13) == (
        "**Sheena Webb** (person `sheena-webb`)\n\n"
        "- role: consultant clinical psychologist and service manager of the London Family "
        "Drug and Alcohol Court team\n"
        "- organisation: London Family Drug and Alcohol Court team"
    )


def test_hover_on_a_duration_and_on_a_key(session: Session, pack: Path) -> None:
    """A duration is given in minutes; a key, the schema's description of it."""
    assert _hover(session, pack / "section-3.yaml", 149, 24) == (
        "**22 minutes 31 seconds**: 22.52 minutes"
    )
    assert _hover(session, pack / "section-3.yaml", 150, 20) == "**23 minutes**"
    assert _hover(session, pack / "section-3.yaml", 147, 9) == (
        "**speakers**\n\nIds of the people who speak in it.\n\nIds are lowercase words joined "
        "by hyphens, such as `film-6`."
    )
    assert _hover(session, pack / "section-3.yaml", 3, 3) is None  # a comment


def test_hover_on_a_missing_id_says_nothing_has_it(session: Session, pack: Path) -> None:
    """A reference to an id no item has is said to name nothing."""
    file = pack / "section-3.yaml"
    text = file.read_text(encoding="utf-8").replace("exercise: exercise-9\n", "exercise: ex-9\n")
    version = session.change(file, text)
    session.diagnostics(file, version=version)
    assert _hover(session, file, 71, 20) == "no exercise has the id `ex-9`"


def test_definition_and_references_cross_files(session: Session, pack: Path) -> None:
    """A speaker's id leads to the person in pack.yaml; the person's id to every film of theirs."""
    params = types.DefinitionParams(
        text_document=session.document(pack / "section-3.yaml"), position=_at(148, 13)
    )
    found = session.run(session.client.text_document_definition_async(params))
    assert isinstance(found, types.Location)
    assert _where(found) == "pack.yaml:45:9-20"
    references = types.ReferenceParams(
        text_document=session.document(pack / "pack.yaml"),
        position=_at(45, 12),
        context=types.ReferenceContext(include_declaration=True),
    )
    found = session.run(session.client.text_document_references_async(references))
    assert [_where(f) for f in found or []] == ["pack.yaml:45:9-20", "section-3.yaml:148:13-24"]
    on_film = types.ReferenceParams(
        text_document=session.document(pack / "section-3.yaml"),
        position=_at(58, 13),
        context=types.ReferenceContext(include_declaration=False),
    )
    found = session.run(session.client.text_document_references_async(on_film))
    assert [_where(f) for f in found or []] == [
        "section-3.yaml:58:13-19",
        "section-3.yaml:93:15-21",
        "section-3.yaml:256:13-19",
    ]


def _apply(edit: types.WorkspaceEdit) -> None:
    """Write a workspace edit's changes to the files, as an editor saving them would."""
    for uri, edits in (edit.changes or {}).items():
        file = Path(uri.removeprefix("file://"))
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        for text_edit in sorted(
            edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        ):
            start, end = text_edit.range.start, text_edit.range.end
            assert start.line == end.line  # an id is one line
            line = lines[start.line]
            lines[start.line] = (
                line[: start.character] + text_edit.new_text + line[end.character :]
            )
        file.write_text("".join(lines), encoding="utf-8")


def test_renaming_film_6_leaves_the_pack_valid(own_session: Session, own_pack: Path) -> None:
    """Renaming film-6 changes it and every reference in one edit; rcpack validate is clean."""
    params = types.RenameParams(
        text_document=own_session.document(own_pack / "section-3.yaml"),
        position=_at(58, 15),
        new_name="film-complex-trauma",
    )
    edit = own_session.run(own_session.client.text_document_rename_async(params))
    assert isinstance(edit, types.WorkspaceEdit)
    assert {Path(uri).name: len(edits) for uri, edits in (edit.changes or {}).items()} == {
        "section-3.yaml": 4
    }
    _apply(edit)
    text = (own_pack / "section-3.yaml").read_text(encoding="utf-8")
    assert "film-6" not in text
    assert text.count("film-complex-trauma") == 4
    done = subprocess.run(
        [*RCPACK, "validate", str(own_pack)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (
        0,
        f"checked 2 files in {own_pack}/: no problems\n",
    )


def test_renaming_a_person_edits_both_files(own_session: Session, own_pack: Path) -> None:
    """A person's id is renamed where it is given (pack.yaml) and where it is used."""
    params = types.RenameParams(
        text_document=own_session.document(own_pack / "section-3.yaml"),
        position=_at(148, 13),
        new_name="dr-sheena-webb",
    )
    edit = own_session.run(own_session.client.text_document_rename_async(params))
    assert isinstance(edit, types.WorkspaceEdit)
    assert sorted(Path(uri).name for uri in edit.changes or {}) == ["pack.yaml", "section-3.yaml"]
    _apply(edit)
    done = subprocess.run([*RCPACK, "validate", str(own_pack)], capture_output=True, check=False)
    assert done.returncode == 0


def _applied(text: str, edits: Sequence[types.TextEdit]) -> str:
    """``text`` with ``edits`` (each within a line) made."""
    lines = text.splitlines(keepends=True)
    for text_edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = text_edit.range.start, text_edit.range.end
        line = lines[start.line]
        lines[start.line] = line[: start.character] + text_edit.new_text + line[end.character :]
    return "".join(lines)


def test_an_id_yaml_would_misread_is_written_in_quotes(session: Session, pack: Path) -> None:
    """A new id that YAML would read as nothing, true or false, a number or a date is quoted.

    Each is an id by the schema; written plain, every reference to it would be broken.
    """
    file = pack / "section-3.yaml"
    text = file.read_text(encoding="utf-8")
    for new_id in ["null", "true", "no", "y", "010", "1e3", "0x1f", "0b1", "0o7", "2019-05-22"]:
        params = types.RenameParams(
            text_document=session.document(file), position=_at(58, 15), new_name=new_id
        )
        edit = session.run(session.client.text_document_rename_async(params))
        assert isinstance(edit, types.WorkspaceEdit)
        edits = (edit.changes or {})[file.as_uri()]
        assert [e.new_text for e in edits] == [f"'{new_id}'"] * 4
        result = check_paths([pack], texts={file: _applied(text, edits)})
        assert result.problems == ()
        assert result.pack is not None
        assert new_id in {film.id for section in result.pack.sections for film in section.media}


@pytest.mark.parametrize(
    ("new_name", "message"),
    [
        ("film-7", "'film-7' is already the id of the film or presentation in section-3.yaml"),
        (
            "Film 6",
            "'Film 6' is not an id: write an id as lowercase words joined by hyphens, such as "
            "film-6",
        ),
        (
            "film-8\n",
            "'film-8\\n' is not an id: write an id as lowercase words joined by hyphens, such "
            "as film-6",
        ),
        (
            "film_8",
            "'film_8' is not an id: write an id as lowercase words joined by hyphens, such as "
            "film-6",
        ),
    ],
)
def test_a_rename_that_would_break_the_pack_is_refused(
    session: Session, pack: Path, new_name: str, message: str
) -> None:
    """A new id already used, or not written as ids are, is refused with the reason."""
    params = types.RenameParams(
        text_document=session.document(pack / "section-3.yaml"),
        position=_at(58, 13),
        new_name=new_name,
    )
    with pytest.raises(JsonRpcInvalidRequest) as refused:
        session.run(session.client.text_document_rename_async(params))
    assert refused.value.message == message


def test_navigation_works_while_the_pack_has_problems(own_pack: Path) -> None:
    """With a problem planted in each file, hover, references and rename still work."""
    details = (own_pack / "pack.yaml").read_text(encoding="utf-8")
    details = details.replace("publisher: research-in-practice", "publisher: research-in-practise")
    (own_pack / "pack.yaml").write_text(details, encoding="utf-8")
    section = (own_pack / "section-3.yaml").read_text(encoding="utf-8")
    section = section.replace("exercise: exercise-9\n", "exercise: exercise-99\n")
    (own_pack / "section-3.yaml").write_text(section, encoding="utf-8")
    with Session(own_pack) as session:
        file = own_pack / "section-3.yaml"
        session.open(file)
        assert [d.code for d in session.diagnostics(file, version=1)] == ["RC402"]
        assert _hover(session, file, 54, 15) == (
            "**Module 2: Reconceptualising non-engagement (complex trauma)** (learning module "
            "`section-3-module-2`)\n\n- allowance: 23 minutes\n- exercise: exercise-99"
        )
        params = types.RenameParams(
            text_document=session.document(file), position=_at(58, 13), new_name="film-six"
        )
        edit = session.run(session.client.text_document_rename_async(params))
        assert isinstance(edit, types.WorkspaceEdit)
        _apply(edit)
    done = subprocess.run(
        [*RCPACK, "validate", str(own_pack)], capture_output=True, text=True, check=False
    )
    assert [line.split(": ")[1].split()[0] for line in done.stdout.splitlines()[:-1]] == [
        "RC402",
        "RC402",
    ]
    assert "film-6" not in (own_pack / "section-3.yaml").read_text(encoding="utf-8")


def test_prepare_rename_marks_the_id_or_refuses(session: Session, pack: Path) -> None:
    """Before renaming, the editor is shown the id under the cursor; on a key, nothing."""
    file = pack / "section-3.yaml"

    def prepared(line: int, column: int) -> object:
        params = types.PrepareRenameParams(
            text_document=session.document(file), position=_at(line, column)
        )
        return session.run(session.client.text_document_prepare_rename_async(params))

    found = prepared(58, 15)
    assert isinstance(found, types.Range)
    assert _where(types.Location(uri=file.as_uri(), range=found)) == "section-3.yaml:58:13-19"
    assert prepared(57, 9) is None  # the key 'films'
    assert session.capabilities.rename_provider == types.RenameOptions(prepare_provider=True)


def test_folding_ranges_fold_each_module_even_while_the_file_does_not_read(
    session: Session, pack: Path
) -> None:
    """Over stdio: Module 2 folds from its '- id:' line to its last; still, after a '[' typed."""
    file = pack / "section-3.yaml"

    def folds() -> list[tuple[int, int]]:
        params = types.FoldingRangeParams(text_document=session.document(file))
        found = session.run(session.client.text_document_folding_range_async(params))
        assert found is not None
        return [(f.start_line + 1, f.end_line + 1) for f in found]

    assert (54, 74) in folds()  # section-3-module-2, through its topics
    text = session.texts[file.as_uri()]
    session.diagnostics(file, version=session.change(file, text.replace("id: film-2", "id: [")))
    assert (54, 74) in folds()


def test_selection_ranges_grow_from_an_id_to_its_module(session: Session, pack: Path) -> None:
    """Over stdio: film-6 in Module 2's films, then its line, then Module 2, ... the file."""
    file = pack / "section-3.yaml"
    params = types.SelectionRangeParams(
        text_document=session.document(file), positions=[_at(58, 14)]
    )
    found = session.run(session.client.text_document_selection_range_async(params))
    assert found is not None
    ranges = []
    here: types.SelectionRange | None = found[0]
    while here is not None:
        ranges.append((here.range.start.line + 1, here.range.start.character + 1))
        ranges.append((here.range.end.line + 1, here.range.end.character + 1))
        here = here.parent
    assert ranges[:6] == [(58, 13), (58, 19), (58, 11), (58, 19), (57, 9), (58, 19)]
    assert (54, 7) in ranges[6::2]  # Module 2, from its dash
    assert ranges[-2] == (1, 1)


def test_an_ids_uses_in_the_file_are_highlighted(session: Session, pack: Path) -> None:
    """On film-6 in Module 2's films: where section-3.yaml gives it, and each use of it there."""
    file = pack / "section-3.yaml"
    params = types.DocumentHighlightParams(
        text_document=session.document(file), position=_at(58, 14)
    )
    found = session.run(session.client.text_document_document_highlight_async(params))
    assert found is not None
    shown = [
        (h.kind, h.range.start.line + 1, h.range.start.character + 1, h.range.end.character + 1)
        for h in found
    ]
    write, read = types.DocumentHighlightKind.Write, types.DocumentHighlightKind.Read
    assert shown == [
        (write, 143, 13, 19),  # - id: film-6
        (read, 58, 13, 19),  # Module 2's films
        (read, 93, 15, 21),  # Module 3: watched again on a different day
        (read, 256, 13, 19),  # an exercise drawing on it
    ]


def test_a_reference_into_a_file_that_does_not_read_says_so(session: Session, pack: Path) -> None:
    """While pack.yaml has a syntax error, Sheena Webb is not said to be missing: it may be there."""
    details = pack / "pack.yaml"
    text = session.texts[details.as_uri()]
    broken = text.replace("  - id: sheena-webb\n", "  - id: [sheena-webb\n")
    session.diagnostics(details, version=session.change(details, broken))
    assert _hover(session, pack / "section-3.yaml", 148, 15) == (
        "no person has the id `sheena-webb` in the files that read now; it may be given in "
        "`pack.yaml`, which cannot be read until its first problem is put right"
    )
    session.diagnostics(details, version=session.change(details, text))
    assert (_hover(session, pack / "section-3.yaml", 148, 15) or "").startswith("**Sheena Webb**")


def test_workspace_symbols_find_any_item_of_the_pack_by_name_or_id(session: Session) -> None:
    """'exercise 9' finds Exercise 9 where its id is given; 'sheena' a person in pack.yaml."""

    def find(query: str) -> list[tuple[str, str, str]]:
        params = types.WorkspaceSymbolParams(query=query)
        found = session.run(session.client.workspace_symbol_async(params)) or []
        return [
            (s.name, s.container_name or "", _where(s.location))
            for s in found
            if isinstance(s, types.SymbolInformation) and isinstance(s.location, types.Location)
        ]

    [exercise] = find("exercise 9")
    assert exercise[1:] == ("exercise-9", "section-3.yaml:200:13-23")
    assert exercise[0].startswith("Exercise 9: ")
    assert find("SHEENA") == [("Sheena Webb", "sheena-webb", "pack.yaml:45:9-20")]
    assert len(find("")) > 40  # every item with an id

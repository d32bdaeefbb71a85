"""rcpack lsp end to end: the real server over stdio, driven by pygls's own client."""

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from installing import GIT, installed_as
from lsp_client import Session
from lsprotocol import types
from paths import DATA

from recurrent_care_pack._cli import main
from recurrent_care_pack._content.finding import pack_folder_of
from recurrent_care_pack._content.loading import FileCache, check_paths
from recurrent_care_pack._editor.diagnostics import problem_page
from recurrent_care_pack._editor.documents import apply_change

#: Each test starts ``rcpack lsp`` and talks to it over stdio, a second or more apiece:
#: slow. ``pytest --all`` runs them; the quick run tests the editor's stages in process.
pytestmark = pytest.mark.slow

#: Where codes link to: as installed here, or on the web where rcpack's repository is known.
DOCS = problem_page()


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the bundled pack: pack.yaml and section-3.yaml, a two-file pack."""
    shutil.copytree(DATA, tmp_path / "pack")
    return tmp_path / "pack"


@pytest.fixture
def session(pack: Path) -> Iterator[Session]:
    """``rcpack lsp`` started on the copy of the bundled pack."""
    with Session(pack) as started:
        yield started


def _plant(pack: Path) -> tuple[str, str]:
    """A wrong id in each file of the pack (saved); the two files' new texts."""
    details = (pack / "pack.yaml").read_text(encoding="utf-8")
    details = details.replace("publisher: research-in-practice", "publisher: research-in-practise")
    section = (pack / "section-3.yaml").read_text(encoding="utf-8")
    section = section.replace("exercise: exercise-9\n", "exercise: exercise-99\n")
    return details, section


def _shown(diagnostics: list[types.Diagnostic]) -> list[tuple[str, str, str, str | None]]:
    """Each diagnostic as its range (line:col-line:col, from 1), code, message and help."""
    return [
        (
            f"{d.range.start.line + 1}:{d.range.start.character + 1}"
            f"-{d.range.end.line + 1}:{d.range.end.character + 1}",
            str(d.code),
            d.message,
            d.code_description.href if d.code_description else None,
        )
        for d in diagnostics
    ]


def test_the_bundled_pack_has_no_problems(session: Session, pack: Path) -> None:
    """Opening a file of the bundled pack publishes no problems for it or the pack's other file."""
    session.open(pack / "section-3.yaml")
    assert session.diagnostics(pack / "section-3.yaml", version=1) == []
    assert session.diagnostics(pack / "pack.yaml") == []


def test_a_problem_in_each_file_is_published_on_its_own_file(pack: Path) -> None:
    """A problem planted in each saved file is published on that file, wherever the edit is."""
    details, section = _plant(pack)
    (pack / "pack.yaml").write_text(details, encoding="utf-8")
    (pack / "section-3.yaml").write_text(section, encoding="utf-8")
    with Session(pack) as session:
        session.open(pack / "section-3.yaml")
        assert _shown(session.diagnostics(pack / "section-3.yaml", version=1)) == [
            (
                "71:19-71:30",
                "RC402",
                "no exercise has the id 'exercise-99'; did you mean 'exercise-9'?",
                f"{DOCS}#rc402-a-reference-to-an-id-that-does-not-exist",
            )
        ]
        assert _shown(session.diagnostics(pack / "pack.yaml")) == [
            (
                "9:14-9:34",
                "RC402",
                "no organisation has the id 'research-in-practise'; did you mean "
                "'research-in-practice'?",
                f"{DOCS}#rc402-a-reference-to-an-id-that-does-not-exist",
            )
        ]


def test_an_id_used_in_two_files_is_shown_at_both_each_linked_to_the_other(
    session: Session, pack: Path
) -> None:
    """Typing an id the other file gives: a problem on each file, its related place the other."""
    section = (pack / "section-3.yaml").read_text(encoding="utf-8")
    session.open(pack / "section-3.yaml")
    session.diagnostics(pack / "section-3.yaml", version=1)
    typed = section.replace("      - id: film-7\n", "      - id: sheena-webb\n", 1)
    line = typed[: typed.index("      - id: sheena-webb")].count("\n")  # from 0
    version = session.change(pack / "section-3.yaml", typed)
    film = session.diagnostics(pack / "section-3.yaml", version=version)
    person = session.latest(pack / "pack.yaml")
    unique = "ids must be unique across the pack"
    assert [(d.range.start.line, d.message) for d in film if d.code == "RC401"] == [
        (line, f"id 'sheena-webb' is already used by the person at pack.yaml:45; {unique}")
    ]
    assert [(d.range.start.line, d.message) for d in person] == [
        (
            44,
            "id 'sheena-webb' is used again by the film or presentation at section-3.yaml:"
            f"{line + 1}; {unique}",
        )
    ]
    assert _related(film) == [
        ((pack / "pack.yaml").as_uri(), "45:9-45:20", "'sheena-webb' is the id of this person too")
    ]
    assert _related(person) == [
        (
            (pack / "section-3.yaml").as_uri(),
            f"{line + 1}:13-{line + 1}:24",
            "'sheena-webb' is the id of this film or presentation too",
        )
    ]


def _related(shown: list[types.Diagnostic]) -> list[tuple[str, str, str]]:
    """The related places of ``shown``: URI, range (line:col-line:col from 1), message."""
    return [
        (
            r.location.uri,
            f"{r.location.range.start.line + 1}:{r.location.range.start.character + 1}"
            f"-{r.location.range.end.line + 1}:{r.location.range.end.character + 1}",
            r.message,
        )
        for d in shown
        for r in d.related_information or []
    ]


def test_unsaved_edits_are_checked_and_a_fix_clears_them(session: Session, pack: Path) -> None:
    """Problems typed into buffers (not saved) are published on each file, and cleared when fixed."""
    details, section = _plant(pack)
    session.open(pack / "pack.yaml")
    session.open(pack / "section-3.yaml")
    session.diagnostics(pack / "section-3.yaml", version=1)
    version = session.change(pack / "section-3.yaml", section)
    problems = session.diagnostics(pack / "section-3.yaml", version=version)
    assert [(d.code, d.range.start.line + 1) for d in problems] == [("RC402", 71)]
    version = session.change(pack / "pack.yaml", details)
    problems = session.diagnostics(pack / "pack.yaml", version=version)
    assert [(d.code, d.range.start.line + 1) for d in problems] == [("RC402", 9)]
    original = (pack / "section-3.yaml").read_text(encoding="utf-8")
    seen = session.count(pack / "section-3.yaml")
    version = session.change(pack / "section-3.yaml", original)
    assert session.diagnostics(pack / "section-3.yaml", version=version) == []
    assert [d.code for d in session.latest(pack / "pack.yaml")] == ["RC402"]
    version = session.change(pack / "pack.yaml", (pack / "pack.yaml").read_text(encoding="utf-8"))
    assert session.diagnostics(pack / "pack.yaml", version=version) == []
    assert (pack / "section-3.yaml").read_text(encoding="utf-8") == original  # never written
    assert session.count(pack / "section-3.yaml") > seen


def test_closing_a_buffer_checks_the_saved_file_again(session: Session, pack: Path) -> None:
    """A problem only in a closed buffer's text goes away: the saved file is read again."""
    _, section = _plant(pack)
    session.open(pack / "section-3.yaml")
    version = session.change(pack / "section-3.yaml", section)
    assert len(session.diagnostics(pack / "section-3.yaml", version=version)) == 1
    seen = session.count(pack / "section-3.yaml")
    session.close(pack / "section-3.yaml")
    assert session.diagnostics(pack / "section-3.yaml", after=seen) == []


def test_reading_and_schema_problems_are_located(session: Session, pack: Path) -> None:
    """A misspelt key and a broken line are published where they are, in the editor's words."""
    file = pack / "section-3.yaml"
    session.open(file)
    text = file.read_text(encoding="utf-8")
    misspelt = text.replace("\n    introduction: >-", "\n    introductoin: >-")
    version = session.change(file, misspelt)
    assert [d[:3] for d in _shown(session.diagnostics(file, version=version))] == [
        (
            "24:5-24:17",
            "RC201",
            "unknown key 'introductoin' in this section; did you mean 'introduction'?",
        )
    ]
    version = session.change(file, text.replace("      - id: film-2\n", "      - id: [film-2\n"))
    assert [d[:3] for d in _shown(session.diagnostics(file, version=version))] == [
        (
            "104:13-104:20",  # the '[' itself, not the line the parser gave up on
            "RC101",
            "this '[' starts a list that is not closed: end it with ']', or put the value in "
            "quotes if it is text",
        )
    ]


def test_files_that_are_not_pack_content_are_left_alone(session: Session, tmp_path: Path) -> None:
    """A YAML file outside any pack folder, without the schema line, gets no diagnostics."""
    other = tmp_path / "docker-compose.yaml"
    other.write_text("services: {}\n", encoding="utf-8")
    marked = tmp_path / "one.yaml"
    marked.write_text("# yaml-language-server: $schema=pack.schema.json\nsections: []\n")
    session.open(other)
    session.open(marked)
    problems = session.diagnostics(marked, version=1)
    assert [d.code for d in problems] == ["RC407"]
    assert session.count(other) == 0


def _format(session: Session, file: Path) -> list[types.TextEdit] | None:
    params = types.DocumentFormattingParams(
        text_document=session.document(file),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True),
    )
    edits = session.run(session.client.text_document_formatting_async(params))
    return None if edits is None else list(edits)


def _applied(text: str, edits: list[types.TextEdit]) -> str:
    """``edits`` made to ``text`` as an editor makes them, last first."""
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        change = types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
        text = apply_change(text, change)
    return text


def test_formatting_is_fmt_on_the_buffer(session: Session, pack: Path) -> None:
    """Formatting a messy buffer gives fmt's layout, comments kept; a tidy buffer needs no edit."""
    file = pack / "pack.yaml"
    session.open(file)
    tidy = file.read_text(encoding="utf-8")
    messy = tidy.replace("  title: Recurrent Care Resource Pack\n", "")
    messy = messy.replace(
        "pack:\n", 'pack:\n  title:    "Recurrent Care Resource Pack"   # kept\n'
    )
    session.change(file, messy)
    edits = _format(session, file)
    assert edits is not None
    assert _applied(messy, edits) == tidy.replace(
        "  title: Recurrent Care Resource Pack\n",
        "  title: Recurrent Care Resource Pack  # kept\n",
    )
    # Only the lines that move: the rest (and an editor's marks on them) are left alone
    assert sum(e.range.end.line - e.range.start.line for e in edits) <= 3
    session.change(file, tidy)
    assert _format(session, file) == []


def test_formatting_refuses_what_fmt_refuses(session: Session, pack: Path) -> None:
    """A buffer fmt would not rewrite is left alone, and the editor is told why."""
    file = pack / "pack.yaml"
    session.open(file)
    session.change(file, "pack: &a\n  id: x\n")
    assert _format(session, file) is None
    assert [m.message for m in session.messages] == [
        "rcpack fmt left pack.yaml as it is: 1:7: RC105 anchor '&a' is not allowed; write the "
        "content out in full"
    ]


def test_document_symbols_outline_the_file(session: Session, pack: Path) -> None:
    """The outline names the section, its modules, films and exercises as the pack names them."""
    file = pack / "section-3.yaml"
    session.open(file)
    params = types.DocumentSymbolParams(text_document=session.document(file))
    found = session.run(session.client.text_document_document_symbol_async(params))
    assert isinstance(found, list)
    assert all(isinstance(symbol, types.DocumentSymbol) for symbol in found)
    assert [s.name for s in found] == ["sections"]
    (section,) = found[0].children
    assert section.name.startswith("Section 3: Workforce development.")
    names = [child.name for child in section.children]
    assert names[:4] == [
        "Module 1: Reconceptualising non-engagement (attachment)",
        "Module 2: Reconceptualising non-engagement (complex trauma)",
        "Module 3: Trauma-informed approaches in recurrent care",
        "Film 2: Reconceptualising non-engagement in the context of recurrent care proceedings",
    ]
    assert "Film 3" in names
    assert any(name.startswith("Exercise 9") for name in names)
    assert section.range.start.line == 5
    module_2 = section.children[1]
    assert module_2.detail == "section-3-module-2"
    assert module_2.selection_range.start == types.Position(line=53, character=12)
    assert module_2.range.start == types.Position(line=53, character=8)


def test_without_pygls_rcpack_lsp_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without the lsp extra, rcpack lsp exits 2 with the command to install it, no traceback."""
    installed_as(monkeypatch, tmp_path, GIT)
    monkeypatch.setitem(sys.modules, "pygls", None)
    for name in [
        n for n in sys.modules if n.startswith(("pygls.", "recurrent_care_pack._editor"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    assert main(["lsp"]) == 2
    assert capsys.readouterr().err == (
        "rcpack: rcpack lsp needs pygls, which is not installed; to install it with the rest "
        "of rcpack's lsp extra, run: ~/.rcpack/bin/pip install "
        f"'recurrent-care-pack[lsp] @ git+https://example.org/rcp.git@{'b' * 40}'\n"
    )


def test_rcpack_version_does_not_load_the_language_server() -> None:
    """Printing the version stays fast: pygls and the server are imported only by rcpack lsp."""
    code = (
        "import sys\n"
        "from recurrent_care_pack._cli import main\n"
        "main(['--version'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', "
        "'recurrent_care_pack._editor'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "[]"


def test_buffers_are_checked_in_place_of_the_saved_files(pack: Path) -> None:
    """check_paths reads a file's text from ``texts`` when given, and keeps unchanged work."""
    details, section = _plant(pack)
    file = (pack / "section-3.yaml").resolve()
    cache = FileCache()
    saved = check_paths([pack.resolve()], cache=cache)
    assert saved.problems == ()
    typed = check_paths([pack.resolve()], texts={file: section}, cache=cache)
    assert [(p.file.name, p.line, p.code) for p in typed.problems] == [
        ("section-3.yaml", 71, "RC402")
    ]
    kept, _ = cache.read(pack.resolve() / "pack.yaml", (pack / "pack.yaml").read_bytes(), 1 << 20)
    again, _ = cache.read(pack.resolve() / "pack.yaml", (pack / "pack.yaml").read_bytes(), 1 << 20)
    assert kept is again  # read once, kept while its bytes are the same
    changed, _ = cache.read(pack.resolve() / "pack.yaml", details.encode(), 1 << 20)
    assert changed is not kept
    assert check_paths([pack.resolve()]).problems == ()  # the saved files were never written


def test_a_buffer_becomes_content_as_its_pack_keys_are_typed(
    session: Session, tmp_path: Path
) -> None:
    """A YAML file outside packs is left alone until its text has a key of the pack's."""
    notes = tmp_path / "notes.yaml"
    notes.write_text("title: my notes\n", encoding="utf-8")
    session.open(notes)
    version = session.change(notes, "title: my notes\nsections: []\n")
    problems = session.diagnostics(notes, version=version)
    assert session.count(notes) == 1  # none for the text before
    assert [(d.range.start.line, d.code) for d in problems] == [(0, "RC201")]


def _inside(inner: types.Range, outer: types.Range) -> bool:
    def key(at: types.Position) -> tuple[int, int]:
        return (at.line, at.character)

    return key(outer.start) <= key(inner.start) and key(inner.end) <= key(outer.end)


@pytest.mark.parametrize("name", ["pack.yaml", "section-3.yaml"])
def test_each_symbol_holds_its_name_and_its_children(
    session: Session, pack: Path, name: str
) -> None:
    """Every symbol's range holds its selection range and its children, as editors require."""
    session.open(pack / name)
    params = types.DocumentSymbolParams(text_document=session.document(pack / name))
    found = session.run(session.client.text_document_document_symbol_async(params))
    assert isinstance(found, list)
    count = 0
    pending = list(found)
    while pending:
        symbol = pending.pop()
        assert isinstance(symbol, types.DocumentSymbol)
        count += 1
        assert _inside(symbol.selection_range, symbol.range), symbol.name
        for child in symbol.children or ():
            assert _inside(child.range, symbol.range), (child.name, symbol.name)
            pending.append(child)
    assert count > 10


def test_a_file_changed_on_disk_is_checked_again(session: Session, pack: Path) -> None:
    """The server asks to watch YAML files; a pack file changed on disk updates the problems."""
    session.open(pack / "section-3.yaml")
    assert session.diagnostics(pack / "section-3.yaml", version=1) == []
    assert [(r.method, r.register_options) for r in session.registrations] == [
        (
            "workspace/didChangeWatchedFiles",
            {"watchers": [{"globPattern": "**/*.{yaml,yml}"}]},
        )
    ]
    details, _ = _plant(pack)
    seen = session.count(pack / "pack.yaml")
    (pack / "pack.yaml").write_text(details, encoding="utf-8")
    session.saved_elsewhere(pack / "pack.yaml")
    found = session.diagnostics(pack / "pack.yaml", after=seen)
    assert [(d.range.start.line + 1, d.code) for d in found] == [(9, "RC402")]


def test_a_file_deleted_from_the_pack_has_its_problems_taken_back(
    session: Session, pack: Path
) -> None:
    """pack.yaml, never opened, shows its problem; deleted, the next check takes it back."""
    details, _ = _plant(pack)
    (pack / "pack.yaml").write_text(details, encoding="utf-8")
    section = pack / "section-3.yaml"
    session.open(section)
    session.diagnostics(section, version=1)
    assert [d.code for d in session.latest(pack / "pack.yaml")] == ["RC402"]
    seen = session.count(section)
    (pack / "pack.yaml").unlink()
    session.saved_elsewhere(pack / "pack.yaml")
    session.diagnostics(section, after=seen)  # the others of a check come before its file's
    assert session.latest(pack / "pack.yaml") == []


def test_an_emptied_pack_yaml_is_still_the_packs(session: Session, pack: Path) -> None:
    """pack.yaml with nothing but a comment is reported empty, as rcpack validate says."""
    session.open(pack / "section-3.yaml")
    session.open(pack / "pack.yaml")
    session.diagnostics(pack / "pack.yaml", version=1)
    version = session.change(pack / "pack.yaml", "# the pack's details, to come\n")
    assert _shown(session.diagnostics(pack / "pack.yaml", version=version)) == [
        (
            "1:1-1:30",
            "RC102",
            "the file is empty; write the content as keys and values, e.g. 'sections:'",
            f"{DOCS}#rc102-the-file-is-empty",
        )
    ]
    assert session.latest(pack / "section-3.yaml") == []


def test_a_pack_yaml_saved_empty_takes_back_the_problems_it_caused(
    session: Session, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pack.yaml saved empty: section-3.yaml shows what validate finds, not what it had before.

    Outside git, an empty pack.yaml is a pack of its own to the search: the pack it left is
    checked again, so no problem caused by the pack.yaml that named no works stays shown.
    """
    details, section = (pack / "pack.yaml"), (pack / "section-3.yaml")
    session.open(section)
    session.diagnostics(section, version=1)
    session.open(details)
    session.diagnostics(details, version=1)
    no_works = details.read_text(encoding="utf-8").split("works:")[0]
    for text in (no_works, ""):
        details.write_text(text, encoding="utf-8")
        start = len(session.history)
        version = session.change(details, text)
        session.diagnostics(details, version=version)
        if text:
            assert {d.code for d in session.latest(section)} == {"RC402"}
    # section-3.yaml's news first, pack.yaml's once and last: a client that waits for the
    # edited file's version has the rest too (pack.yaml came first, and twice, once).
    assert session.history[start:] == [("section-3.yaml", 1, 0), ("pack.yaml", version, 1)]
    assert pack_folder_of(details) is None  # the case: not a pack folder to the search
    assert main(["validate", str(pack)]) == 1
    assert [line for line in capsys.readouterr().out.splitlines() if ": RC" in line] == [
        f"{details}:1:1: RC102 the file is empty; write the content as keys and values, e.g."
        " 'sections:'"
    ]
    assert [d.code for d in session.latest(details)] == ["RC102"]
    assert session.latest(section) == []


def test_a_file_that_stops_being_content_is_cleared(session: Session, tmp_path: Path) -> None:
    """A file outside packs whose pack keys are deleted has its problems taken back."""
    notes = tmp_path / "notes.yaml"
    notes.write_text("sections: []\n", encoding="utf-8")
    session.open(notes)
    assert [d.code for d in session.diagnostics(notes, version=1)] == ["RC407"]
    version = session.change(notes, "title: my notes\n")
    assert session.diagnostics(notes, version=version) == []

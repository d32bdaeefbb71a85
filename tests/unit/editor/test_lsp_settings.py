"""rcpack lsp's settings, over stdio: as initialization options, pushed, and pulled."""

import shutil
from pathlib import Path

import pytest
from lsp_client import Session, full_capabilities
from lsprotocol import types
from paths import DATA

from recurrent_care_pack._editor.diagnostics import help_link

#: Each test starts ``rcpack lsp`` and talks to it over stdio: slow.
pytestmark = pytest.mark.slow

WRONG = "no exercise has the id 'exercise-99'; did you mean 'exercise-9'?"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """The bundled pack with one problem (RC402) in section-3.yaml."""
    shutil.copytree(DATA, tmp_path / "pack")
    section = tmp_path / "pack" / "section-3.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("exercise: exercise-9\n", "exercise: exercise-99\n"))
    return tmp_path / "pack"


def _pulling(*, refresh: bool = False) -> types.ClientCapabilities:
    """A capable editor that answers workspace/configuration (and may refresh hints)."""
    capabilities = full_capabilities()
    assert capabilities.workspace is not None
    capabilities.workspace.configuration = True
    capabilities.workspace.did_change_configuration = (
        types.DidChangeConfigurationClientCapabilities(dynamic_registration=True)
    )
    if refresh:
        capabilities.workspace.inlay_hint = types.InlayHintWorkspaceClientCapabilities(
            refresh_support=True
        )
        capabilities.workspace.code_lens = types.CodeLensWorkspaceClientCapabilities(
            refresh_support=True
        )
    return capabilities


def _hints(session: Session, file: Path) -> list[types.InlayHint]:
    params = types.InlayHintParams(
        text_document=session.document(file),
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=400, character=0)
        ),
    )
    found = session.run(session.client.text_document_inlay_hint_async(params))
    return list(found or [])


def _lenses(session: Session, file: Path) -> list[types.CodeLens]:
    params = types.CodeLensParams(text_document=session.document(file))
    found = session.run(session.client.text_document_code_lens_async(params))
    return list(found or [])


def test_initialization_options_ignore_a_code_and_name_a_wrong_setting(pack: Path) -> None:
    """``ignore`` leaves RC402 unshown; a misspelt setting is named, once, as a warning."""
    options = {"ignore": ["RC402"], "moduleTime": "off"}
    with Session(pack, options=options) as session:
        session.open(pack / "section-3.yaml")
        assert session.diagnostics(pack / "section-3.yaml", version=1) == []
        session.wait_for(lambda: bool(session.messages))
        assert [(m.type, m.message) for m in session.messages] == [
            (
                types.MessageType.Warning,
                "rcpack: there is no setting rcpack.moduleTime; did you mean 'moduleTimes'?",
            )
        ]


def test_settings_pushed_are_taken_and_the_problems_shown_anew(pack: Path) -> None:
    """A change pushed with rcpack's section: RC402 goes, and comes back when unset."""
    file = pack / "section-3.yaml"
    with Session(pack) as session:
        session.open(file)
        assert [d.message for d in session.diagnostics(file, version=1)] == [WRONG]
        before = session.count(file)
        settings = {"rcpack": {"ignore": ["RC402"]}, "yaml": {"validate": False}}
        session.call(
            session.client.workspace_did_change_configuration,
            types.DidChangeConfigurationParams(settings=settings),
        )
        assert session.diagnostics(file, after=before) == []
        before = session.count(file)
        session.call(
            session.client.workspace_did_change_configuration,
            types.DidChangeConfigurationParams(settings={"rcpack": {}}),
        )
        assert [d.message for d in session.diagnostics(file, after=before)] == [WRONG]
        assert session.messages == []  # another tool's settings are not rcpack's to judge


def test_settings_are_pulled_where_the_editor_answers(pack: Path) -> None:
    """Asked for at start: module times off, and each code linked to the page given."""
    file = pack / "section-3.yaml"
    page = "https://example.org/rcpack/docs/problem-codes.md"
    settings = {"moduleTimes": "off", "problemHelp": page}
    with Session(pack, _pulling(), settings=settings) as session:
        session.wait_for(lambda: bool(session.asked))
        assert [item.section for item in session.asked[0].items] == ["rcpack"]
        assert [r.method for r in session.registrations] == [
            "workspace/didChangeWatchedFiles",
            "workspace/didChangeConfiguration",
        ]
        session.open(file)
        [shown] = session.diagnostics(file, version=1)
        assert shown.code_description is not None
        assert shown.code_description.href == (
            f"{page}#rc402-a-reference-to-an-id-that-does-not-exist"
        )
        assert _hints(session, file) == []
        assert _lenses(session, file) == []


def test_a_change_pulled_again_refreshes_hints_and_lenses(pack: Path) -> None:
    """Told of a change with no settings, the server asks again, then has the editor refresh."""
    file = pack / "section-3.yaml"
    section = file.read_text(encoding="utf-8")
    file.write_text(section.replace("exercise: exercise-99\n", "exercise: exercise-9\n"))
    with Session(pack, _pulling(refresh=True), settings={"moduleTimes": "codeLenses"}) as session:
        session.wait_for(lambda: bool(session.asked))
        session.open(file)
        session.diagnostics(file, version=1)
        assert _hints(session, file) == []
        assert len(_lenses(session, file)) == 3
        refreshed = len(session.refreshed)  # the first settings may have refreshed too
        session.settings = {"moduleTimes": "inlayHints"}
        session.call(
            session.client.workspace_did_change_configuration,
            types.DidChangeConfigurationParams(settings=None),
        )
        session.wait_for(lambda: len(session.refreshed) == refreshed + 2)
        assert session.refreshed[refreshed:] == ["inlay hints", "code lenses"]
        assert len(session.asked) == 2
        assert [hint.position.line + 1 for hint in _hints(session, file)] == [31, 54, 75]
        assert _lenses(session, file) == []


def test_by_default_codes_link_to_the_installed_page() -> None:
    """No setting: the page installed with rcpack, as before."""
    assert help_link("RC402").endswith(
        "problem-codes.md#rc402-a-reference-to-an-id-that-does-not-exist"
    )
    assert help_link("RC402", "https://x.org/p.md#old") == (
        "https://x.org/p.md#rc402-a-reference-to-an-id-that-does-not-exist"
    )

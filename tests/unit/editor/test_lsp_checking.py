"""rcpack lsp while it checks: requests answered meanwhile, bursts checked once, versions kept.

A large pack's check, made to read its 2 MB file whole (an edit of its first comment), takes
long enough for the tests to act while it runs; the server logs the start of each check,
which is how they know it has begun. Nothing here is timed.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsp_client import Session, full_capabilities
from lsprotocol import types
from paths import DATA

from recurrent_care_pack._editor.progress import LARGE

#: Each test starts ``rcpack lsp`` and has it read a 2 MB file a few times: slow.
pytestmark = pytest.mark.slow

SECTION = (DATA / "section-3.yaml").read_text(encoding="utf-8")


#: Section 3, as an item of a pack's sections.
ITEM = SECTION.split("sections:\n", 1)[1]


def _folders(tmp_path: Path, copies: int) -> tuple[Path, Path]:
    """A pack of one file (its details, then section 3 ``copies`` times); the bundled one."""
    large, small = tmp_path / "large", tmp_path / "small"
    large.mkdir()
    details = (DATA / "pack.yaml").read_text(encoding="utf-8")
    (large / "pack.yaml").write_text(f"{details}\nsections:\n{ITEM * copies}", encoding="utf-8")
    shutil.copytree(DATA, small)
    return large, small


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A pack of one 2 MB file (section 3 a hundred times), and the bundled one."""
    return _folders(tmp_path, 100)


@pytest.fixture
def just_large(tmp_path: Path) -> tuple[Path, Path]:
    """A pack of one file just large enough for progress to be shown, and the bundled one."""
    return _folders(tmp_path, LARGE // len(ITEM.encode()) + 1)


@pytest.fixture
def session(folders: tuple[Path, Path]) -> Iterator[Session]:
    """The server, with the large pack's file and the small pack's section 3 open and checked."""
    large, small = folders
    with Session(large.parent) as started:
        for file in (large / "pack.yaml", small / "section-3.yaml"):
            started.open(file)
            started.diagnostics(file, version=1)
        yield started


def _check_whole(session: Session, file: Path) -> int:
    """Edit ``file``'s first line (read whole again), and wait for its check to begin."""
    text = session.texts[file.as_uri()]
    version = session.change(file, "# edited\n" + text)
    session.logged(f"checking {file.name}, version {version}")
    return version


def _versions(session: Session, file: Path) -> list[int | None]:
    with session.changed:
        return [params.version for params in session.published.get(file.as_uri(), [])]


def test_a_request_is_answered_while_a_check_runs(
    session: Session, folders: tuple[Path, Path]
) -> None:
    """A hover on another pack's film, asked once a check has begun, comes before its end."""
    large, small = folders
    version = _check_whole(session, large / "pack.yaml")
    line = SECTION.splitlines().index("          - film-2")
    params = types.HoverParams(
        text_document=session.document(small / "section-3.yaml"),
        position=types.Position(line=line, character=13),
    )
    found = session.run(session.client.text_document_hover_async(params))
    checked = version in _versions(session, large / "pack.yaml")
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    assert found.contents.value.startswith("**Film 2: ")
    assert not checked, "the hover was answered after the check, not while it ran"
    session.diagnostics(large / "pack.yaml", version=version)


def test_a_request_about_the_file_being_checked_is_answered_of_its_text_meanwhile(
    session: Session, folders: tuple[Path, Path]
) -> None:
    """A definition in the file whose check has begun: before the check ends, as now written.

    Its edit added lines above everything: the film is found where it is in the edited text.
    """
    large, _ = folders
    file = large / "pack.yaml"
    version = _check_whole(session, file)
    lines = session.texts[file.as_uri()].split("\n")
    params = types.DefinitionParams(
        text_document=session.document(file),
        position=types.Position(line=lines.index("          - film-2"), character=13),
    )
    found = session.run(session.client.text_document_definition_async(params))
    checked = version in _versions(session, file)
    assert isinstance(found, types.Location)
    assert found.range.start == types.Position(
        line=lines.index("      - id: film-2"), character=12
    )
    assert not checked, "the definition was answered after the check, not while it ran"
    session.diagnostics(file, version=version)


def test_a_burst_of_edits_is_checked_once(session: Session, folders: tuple[Path, Path]) -> None:
    """Five edits of a file while another pack is checked: one check, of the last, after it."""
    large, small = folders
    file = small / "section-3.yaml"
    version = _check_whole(session, large / "pack.yaml")
    seen, logs = session.count(file), len(session.logs)
    for count in range(1, 6):
        text = SECTION.replace("title: Workforce", f"title: {count} Workforce", 1)
        last = session.change(file, text)
    session.diagnostics(file, version=last, after=seen)
    session.diagnostics(large / "pack.yaml", version=version)
    assert _versions(session, file)[seen:] == [last]
    assert [log for log in session.logs[logs:] if file.name in log] == [
        f"checking {file.name}, version {last}"
    ]


def test_no_older_problems_follow_newer_ones(session: Session, folders: tuple[Path, Path]) -> None:
    """Edits sent as their predecessors' checks begin: versions published in order, each true.

    The edits alternate between a number that is not one (RC203) and a valid text; each
    version's diagnostics are those of its own text.
    """
    _, small = folders
    file = small / "section-3.yaml"
    seen = session.count(file)
    wrong = SECTION.replace("    number: 3\n", "    number: three\n", 1)
    expected: dict[int, list[str]] = {}
    for count in range(1, 9):
        base = wrong if count % 2 else SECTION
        text = base.replace("title: Workforce", f"title: {count} Workforce", 1)
        version = session.change(file, text)
        expected[version] = ["RC203"] if count % 2 else []
        if count < 8:  # the next edit comes as this one's check begins
            session.logged(f"checking {file.name}, version {version}")
    session.diagnostics(file, version=version, after=seen)
    with session.changed:
        published = session.published[file.as_uri()][seen:]
    versions = [params.version or 0 for params in published]
    assert versions == sorted(set(versions)), versions
    assert versions[-1] == version
    for params in published:
        assert params.version is not None
        codes = [str(d.code) for d in params.diagnostics]
        assert codes == expected[params.version], params.version


def _showing_progress() -> types.ClientCapabilities:
    """A capable editor that shows progress the server begins."""
    capabilities = full_capabilities()
    capabilities.window = types.WindowClientCapabilities(work_done_progress=True)
    return capabilities


def test_a_large_packs_check_shows_progress_when_opened_and_after_a_change_on_disk(
    just_large: tuple[Path, Path],
) -> None:
    """Opened, and changed on disk: begun, then ended with what was found; not per keystroke."""
    large, small = just_large
    with Session(large.parent, _showing_progress()) as session:
        session.open(large / "pack.yaml")
        count = len(session.diagnostics(large / "pack.yaml", version=1))
        session.open(small / "section-3.yaml")  # small: no progress
        session.diagnostics(small / "section-3.yaml", version=1)
        version = session.change(
            large / "pack.yaml", "# typed\n" + session.texts[(large / "pack.yaml").as_uri()]
        )
        session.diagnostics(large / "pack.yaml", version=version)
        first = list(session.progress)
        session.saved_elsewhere(large / "pack.yaml")
        session.wait_for(lambda: len(session.progress) == len(first) + 3)
    [(token, _, _), *_] = first
    found = f"checked 1 file: {count:,} problems"  # the copies' ids are each used again
    assert count > 1
    assert first == [
        (token, "create", None),
        (token, "begin", "checking pack.yaml"),
        (token, "end", found),
    ]
    [(again, _, _), *_] = session.progress[3:]
    assert again != token
    assert session.progress[3:] == [
        (again, "create", None),
        (again, "begin", "checking pack.yaml"),
        (again, "end", found),
    ]


def test_no_progress_for_an_editor_that_shows_none(just_large: tuple[Path, Path]) -> None:
    """Without window.workDoneProgress, no token is asked for."""
    large, _ = just_large
    with Session(large.parent) as session:
        session.open(large / "pack.yaml")
        session.diagnostics(large / "pack.yaml", version=1)
        assert session.progress == []

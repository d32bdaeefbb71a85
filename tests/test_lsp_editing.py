"""rcpack lsp while writing: completion, code actions and inlay hints, over stdio."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types

from lsp_client import Session

DATA = Path(__file__).resolve().parents[1] / "data"
SECTION = (DATA / "section-3.yaml").read_text(encoding="utf-8")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the bundled pack (pack.yaml and section-3.yaml)."""
    shutil.copytree(DATA, tmp_path / "pack")
    return tmp_path / "pack"


@pytest.fixture
def session(pack: Path) -> Iterator[Session]:
    """``rcpack lsp`` with section-3.yaml open and checked."""
    with Session(pack) as started:
        started.open(pack / "section-3.yaml")
        started.diagnostics(pack / "section-3.yaml", version=1)
        yield started


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


def test_an_exercise_is_completed_after_exercise(session: Session, pack: Path) -> None:
    """After 'exercise:' the ids offered are the pack's exercises, even on a line half typed."""
    line, column = _typed(session, pack, "exercise: exercise-9\n", "exercise: exer|\n")
    assert _complete(session, pack, line, column) == ["exercise-8", "exercise-9", "exercise-10"]


def test_films_are_completed_in_a_modules_films(session: Session, pack: Path) -> None:
    """A new item in a module's films is offered the pack's films, in the order given."""
    line, column = _typed(
        session, pack, "          - film-6\n", "          - film-6\n          - f|\n"
    )
    assert _complete(session, pack, line, column) == [
        "film-2",
        "film-3",
        "film-4",
        "film-5",
        "film-6",
        "film-7",
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

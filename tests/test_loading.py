"""Loading on several cores, with the same answer as one stage at a time.

Many files are read and checked by a pool; a small pack's schema is checked by a child
process beside the build.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from recurrent_care_pack import Problem, _cores, _loading, _schema
from recurrent_care_pack._reading import Document


def _pack(folder: Path) -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    for file in data.glob("*.yaml"):
        shutil.copy(file, folder / file.name)
    section = (folder / "section-3.yaml").read_text(encoding="utf-8")
    for copy in range(1, 7):  # more sections, in files of their own, one of them broken
        text = section.replace("id: ", f"id: c{copy}-").replace("number: ", "number: 10")
        text = text.replace(f"c{copy}-case-study", "case-study").replace(
            "- film", f"- c{copy}-film"
        )
        (folder / f"copy-{copy}.yaml").write_text(text, encoding="utf-8")
    broken = folder / "copy-3.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("time: 30 minutes", "time: 30", 1)
    )


def test_parallel_reading_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and schema checks spread over processes find exactly what one process finds."""
    _pack(tmp_path)
    alone = _loading.check(tmp_path)
    monkeypatch.setattr(_loading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(_cores, "cores", lambda: 2)
    together = _loading.check(tmp_path)
    assert together == alone
    assert [(p.file.name, p.line, p.code) for p in together.problems] == [
        ("copy-3.yaml", alone.problems[0].line, "RC302")
    ]
    assert len(together.files) == 8


def test_content_the_model_cannot_build_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the schema ever let through what the model cannot build, it is a problem, not a crash."""
    _pack(tmp_path)
    for copy in tmp_path.glob("copy-*.yaml"):
        copy.unlink()
    section = tmp_path / "section-3.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            "    published: 2019-05-22\n", "    published: 2019-05-22\n    colour: red\n", 1
        )
    )
    assert _loading.check(tmp_path).problems[0].code == "RC201"  # the schema finds it first
    monkeypatch.setattr(_schema, "check_document", lambda _: [])  # a schema that misses it
    result = _loading.check(tmp_path)
    assert result.pack is None
    assert [(p.file.name, p.line, p.column, p.code, p.message) for p in result.problems] == [
        (
            "pack.yaml",
            4,
            1,
            "RC209",
            "the content could not be built: Extra fields in constructor for Section: colour",
        )
    ]


#: Small packs: valid, and with problems found by each stage (old text, new text).
EDITS = {
    "valid": ("", ""),
    "schema": ("time: 30 minutes", "time: 30"),
    "meaning": ("- film-2\n", "- film-99\n"),
    "schema and a build that fails": ("    number: 3\n", "    number: 3\n    colour: red\n"),
}
CODES = {
    "valid": [],
    "schema": ["RC302"],
    "meaning": ["RC402"],
    "schema and a build that fails": ["RC201"],
}


def _small_pack(folder: Path, case: str) -> Path:
    folder.mkdir(exist_ok=True)
    _pack(folder)
    for copy in folder.glob("copy-*.yaml"):
        copy.unlink()
    section = folder / "section-3.yaml"
    old, new = EDITS[case]
    section.write_text(section.read_text(encoding="utf-8").replace(old, new, 1))
    return folder


def _in_turn(folder: Path) -> _loading.Result:
    return _loading.check(folder, beside=False)


def _beside(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[_loading.Result, int]:
    """Check with the schema in a child process; also say how many children were started."""
    started = []
    real = _cores.beside

    def counted(work: Callable[[], list[Problem]]) -> Callable[[], list[Problem]]:
        started.append(work)
        return real(work)

    with monkeypatch.context() as patch:
        patch.setattr(_cores, "worth_beside", lambda _: True)  # as if just started
        patch.setattr(_cores, "beside", counted)
        return _loading.check(folder, beside=True), len(started)


@pytest.mark.parametrize("case", EDITS)
def test_schema_check_beside_the_build_gives_the_same_result(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a child process or in turn, the same problems, in the same order, and the pack."""
    folder = _small_pack(tmp_path, case)
    in_turn = _in_turn(folder)
    beside, children = _beside(folder, monkeypatch)
    assert children == 1
    assert beside == in_turn
    assert [p.code for p in beside.problems] == CODES[case]
    assert (beside.pack is not None) == (case == "valid")


@pytest.mark.parametrize("case", ["valid", "schema"])
def test_a_child_that_fails_or_cannot_start_changes_nothing(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If fork fails, or the child dies, the schema is checked here instead."""
    folder = _small_pack(tmp_path, case)
    in_turn = _in_turn(folder)
    parent = os.getpid()
    real = _loading._schema_problems  # noqa: SLF001 (the stage that the child runs)

    def dies_in_the_child(documents: list[Document]) -> list[Problem]:
        if os.getpid() != parent:
            raise MemoryError
        return real(documents)

    with monkeypatch.context() as patch:
        patch.setattr(_loading, "_schema_problems", dies_in_the_child)
        assert _beside(folder, monkeypatch) == (in_turn, 1)

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fork", no_fork)
        assert _beside(folder, monkeypatch) == (in_turn, 1)


def test_a_build_that_breaks_counts_only_on_content_that_fits_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build runs before the schema's answer is in: its failure waits for that answer."""

    def breaks(_: list[Document]) -> tuple[None, list[Problem]]:
        raise RecursionError

    monkeypatch.setattr(_loading, "_build", breaks)
    schema = _small_pack(tmp_path / "schema", "schema")
    beside, _ = _beside(schema, monkeypatch)
    assert [p.code for p in beside.problems] == ["RC302"]
    valid = _small_pack(tmp_path / "valid", "valid")
    with pytest.raises(RecursionError):
        _beside(valid, monkeypatch)


@pytest.mark.skipif(
    sys.platform != "linux" or _cores.cores() < 2, reason="checks beside need Linux and 2 cores"
)
def test_rcpack_validate_leaves_jsonschema_to_the_child() -> None:
    """A fresh ``rcpack validate`` imports jsonschema only in the child that checks beside."""
    code = (
        "import sys\nfrom recurrent_care_pack._cli import main\n"
        "status = main(['validate'])\nprint(status, 'jsonschema' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines() == ["checked 2 files: no problems", "0 False"]

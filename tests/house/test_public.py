"""The public surface: each name listed in step, importable, and what README uses."""

import ast
import importlib
import re
from pathlib import Path

import pytest
from paths import ROOT

import recurrent_care_pack as rcp

INIT = ROOT / "src" / "recurrent_care_pack" / "__init__.py"


def _typed_imports() -> dict[str, str]:
    """The names the ``if TYPE_CHECKING:`` block of ``__init__.py`` imports, and from where."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    return {
        alias.name: "." * node.level + (node.module or "")
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_all_is_the_lazy_table_and_the_typed_imports() -> None:
    """__all__, the table of lazy imports and the imports for type checkers name the same."""
    assert len(rcp.__all__) == len(set(rcp.__all__))
    assert set(rcp.__all__) == {*rcp._WHERE, "__version__"}  # noqa: SLF001 (the table under test)
    assert _typed_imports() == rcp._WHERE  # noqa: SLF001


@pytest.mark.parametrize("name", sorted(set(rcp.__all__) - {"__version__"}))
def test_each_public_name_comes_from_its_module(name: str) -> None:
    """Each public name is the object its module defines under that name."""
    module = importlib.import_module(rcp._WHERE[name], "recurrent_care_pack")  # noqa: SLF001
    assert getattr(rcp, name) is getattr(module, name)


def test_readme_uses_only_public_names() -> None:
    """Every ``rcp.name`` README shows is a public name."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\brcp\.(\w+)", readme))
    assert used
    assert used - set(rcp.__all__) == set()


def test_codes_cannot_be_changed() -> None:
    """CODES is read-only: a tool cannot add or change a code by accident."""
    with pytest.raises(TypeError):
        rcp.CODES["RC999"] = "a new code"  # type: ignore[index]
    assert rcp.CODES["RC101"] == "the file is not valid YAML"


def test_problems_without_a_line_sort_first() -> None:
    """Problems order by file, line and column; one with no line comes first, not TypeError."""
    whole = rcp.Problem(file=Path("a.yaml"), line=None, column=None, code="RC102", message="m")
    placed = rcp.Problem(file=Path("a.yaml"), line=2, column=3, code="RC201", message="m")
    assert sorted([placed, whole]) == [whole, placed]


def test_check_gives_the_pack_and_its_problems_in_one_call(tmp_path: Path) -> None:
    """check() gives the bundled pack with no problems, and a broken file's problems with no pack."""
    result = rcp.check()
    assert result.problems == ()
    assert result.pack is not None
    assert result.pack.title == rcp.load_pack().title
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: [\n", encoding="utf-8")
    result = rcp.check(broken)
    assert result.pack is None
    assert result.files == (broken,)
    assert [(p.line, p.column, p.code) for p in result.problems] == [(2, 1, "RC101")]

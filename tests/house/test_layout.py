"""The house as README draws it: layers that import only downwards, no cycle, a true table."""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from paths import ROOT

PACKAGE = ROOT / "src" / "recurrent_care_pack"

#: From the top down; a unit may import only units in layers below its own. Units joined
#: by " | " stand side by side and may not import each other.
LAYERS = (
    "__init__ | __main__",
    "_cli",
    "_editor",
    "_output",
    "_use | _content",
    "_naming | _arguments",
    "_model | _session",
    "_durations",
    "_problems",
    "_files",
    "_text | _version",
)


def _rank() -> dict[str, int]:
    return {unit.strip(): depth for depth, layer in enumerate(LAYERS) for unit in layer.split("|")}


def _module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(file: Path, name: str | None = None) -> Iterator[str]:
    """Every module of the package that ``file`` imports, at its top or inside a function.

    ``name``: the module's name, for a file outside the package (default: its own).
    """
    name = name or _module_name(file)
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.startswith("recurrent_care_pack"):
                for alias in node.names:  # from . import merging: a module, not a name
                    module = f"{target}.{alias.name}"
                    yield module if _is_module(module) else target
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("recurrent_care_pack"))


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    return {_module_name(file): set(_imports(file)) for file in sorted(PACKAGE.rglob("*.py"))}


def _unit(module: str) -> str:
    """The top-level module or sub-package of the package that ``module`` is in."""
    return module.split(".")[1] if "." in module else "__init__"


def test_every_module_has_a_layer() -> None:
    """Each module and sub-package of the package sits in one of the layers."""
    assert {_unit(module) for module in _graph()} == set(_rank())


def test_imports_only_point_down() -> None:
    """No module imports a layer above its own, or a unit standing beside it."""
    rank = _rank()
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if _unit(target) != _unit(module) and rank[_unit(target)] <= rank[_unit(module)]
    )
    assert upward == []


def test_no_import_cycle() -> None:
    """Following imports from any module never leads back to it."""
    graph = _graph()
    cycles: list[str] = []

    def visit(module: str, trail: tuple[str, ...]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in trail:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in seen:
                seen.add(target)
                visit(target, (*trail, target))

    for start in graph:
        seen: set[str] = {start}
        visit(start, (start,))
    assert cycles == []


def test_readme_layout_table_names_every_module() -> None:
    """README's layout table names each module and sub-package's files, and nothing gone."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| `")]
    named = {name for line in table for name in re.findall(r"`([\w/.]+)`", line.split(" | ")[0])}
    files = {
        str(file.relative_to(PACKAGE))
        for file in PACKAGE.rglob("*.py")
        if file.name not in {"__init__.py", "__main__.py", "_version.py"}
    } | {"_output/templates/"}
    assert files - named == set()
    assert {n for n in named if n.startswith("_")} - files == set()


#: What a module of the command may import from the package: the public API, each stage
#: as its ``__init__`` gives it, the version, and the command's own modules.
CLI_MAY_IMPORT = frozenset(
    {
        "recurrent_care_pack",
        "recurrent_care_pack._content",
        "recurrent_care_pack._use",
        "recurrent_care_pack._output",
        "recurrent_care_pack._editor",
        "recurrent_care_pack._version",
    }
)


def _beyond_the_stages(modules: dict[str, Path]) -> list[str]:
    """Each import in ``modules`` of the package that is not a public stage nor the CLI's own."""
    return sorted(
        f"{name} imports {target}"
        for name, file in modules.items()
        for target in _imports(file, name)
        if target not in CLI_MAY_IMPORT and not target.startswith("recurrent_care_pack._cli")
    )


def test_the_cli_modules_import_only_the_public_stages() -> None:
    """The command wires stages: it imports the public API and each stage's ``__init__``."""
    modules = {_module_name(file): file for file in (PACKAGE / "_cli").rglob("*.py")}
    assert len(modules) > 1
    assert _beyond_the_stages(modules) == []


def test_a_cli_import_of_a_stage_submodule_is_caught(tmp_path: Path) -> None:
    """An import of a stage's submodule or a shared module, even inside a function, is caught."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "def run() -> None:\n"
        "    from recurrent_care_pack._content.formatting import format_file\n"
        "    from .._files import WriteError\n"
        "    from recurrent_care_pack._output import shown\n"
        "    from . import status\n",
        encoding="utf-8",
    )
    assert _beyond_the_stages({"recurrent_care_pack._cli.planted": planted}) == [
        "recurrent_care_pack._cli.planted imports recurrent_care_pack._content.formatting",
        "recurrent_care_pack._cli.planted imports recurrent_care_pack._files",
    ]

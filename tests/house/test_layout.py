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
    "_naming | _arguments | _order",
    "_model | _session",
    "_durations",
    "_files",
    "_errors",
    "_problems",
    "_text | _version | _lazy | _installed",
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


#: The modules that may read a problem's message with a regular expression: the reports,
#: which escape what it echoes.
_READ_MESSAGES = {"_output/reports.py", "_output/sarif.py"}

#: What a compiled pattern, or the ``re`` module, applies itself to text with.
_REGEX_CALLS = {"search", "match", "fullmatch", "findall", "finditer", "sub", "subn"}


def _mentions(node: ast.AST, tainted: set[str]) -> bool:
    """Whether ``node`` reads a ``.message`` attribute, or a name that holds one."""
    return any(
        (isinstance(part, ast.Attribute) and part.attr == "message")
        or (isinstance(part, ast.Name) and part.id in tainted)
        for part in ast.walk(node)
    )


def _regex_over_messages(tree: ast.Module) -> list[int]:
    """The lines where a regular expression is applied to a message (or a name holding one).

    A name holds a message when it is assigned one, or is the parameter of a function of
    the module that some call passes one: ``fixes(diagnostic.message)`` taints ``fixes``'s
    ``message``. Names are followed through the whole module, not scope by scope.
    """
    functions = {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    tainted: set[str] = set()
    while True:
        before = len(tainted)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
                value = node.value
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if value is not None and _mentions(value, tainted):
                    tainted |= {
                        n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)
                    }
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                called = functions.get(node.func.id)
                if called is None:
                    continue
                params = [a.arg for a in (*called.args.posonlyargs, *called.args.args)]
                for index, argument in enumerate(node.args):
                    if index < len(params) and _mentions(argument, tainted):
                        tainted.add(params[index])
                tainted |= {
                    k.arg
                    for k in node.keywords
                    if k.arg is not None and _mentions(k.value, tainted)
                }
        if len(tainted) == before:
            break
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and (
            node.func.attr in _REGEX_CALLS
            or (isinstance(node.func.value, ast.Name) and node.func.value.id == "re")
        )
        and any(_mentions(argument, tainted) for argument in [*node.args, *node.keywords])
    )


def test_no_regex_over_a_problem_message_outside_the_reports() -> None:
    """What a problem needs (its fix) is on the record: no module reads it out of the words."""
    found = {
        str(file.relative_to(PACKAGE)): lines
        for file in sorted(PACKAGE.rglob("*.py"))
        if str(file.relative_to(PACKAGE)) not in _READ_MESSAGES
        and (lines := _regex_over_messages(ast.parse(file.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_message_check_sees_a_message_passed_on() -> None:
    """A pattern applied to a message a function was given is found, as one applied at once."""
    source = (
        "import re\n"
        "_P = re.compile('x')\n"
        "def fixes(text):\n"
        "    return _P.search(text)\n"
        "def offered(diagnostic):\n"
        "    return list(fixes(diagnostic.message))\n"
        "def direct(problem):\n"
        "    return re.findall('y', problem.message)\n"
        "def clean(problem):\n"
        "    return _P.search(problem.code), problem.message.split()\n"
    )
    assert _regex_over_messages(ast.parse(source)) == [4, 8]


#: The most lines a module may have: past it, a module holds more than one idea.
MOST_LINES = 500


def test_no_module_is_over_500_lines() -> None:
    """Each module of the package is short enough to read whole: a longer one is cut."""
    long = {
        str(file.relative_to(PACKAGE)): count
        for file in PACKAGE.rglob("*.py")
        if (count := len(file.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}

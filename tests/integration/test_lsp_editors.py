"""The editor settings in editors/ (and README's copies of them) start rcpack lsp.

Neovim is run for real (headless) when it is installed; VS Code's extension is run by node
with stand-ins for VS Code's modules; Helix's TOML is read as Helix reads it. Emacs is not
run: its snippet is read as Lisp and its entry checked.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from paths import ROOT

from recurrent_care_pack._editor.documents import lines_of
from recurrent_care_pack._editor.folding import folding_ranges

EDITORS = ROOT / "editors"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_block(language: str, after: str) -> str:
    """The first fenced block of ``language`` in README after the heading ``after``."""
    rest = README.split(after, 1)[1]
    found = re.search(rf"```{language}\n(.*?)```", rest, re.DOTALL)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("file", "language", "heading"),
    [
        ("helix/languages.toml", "toml", "#### Helix"),
        ("neovim/rcpack.lua", "lua", "#### Neovim"),
        ("emacs/rcpack.el", "elisp", "#### Emacs"),
        ("vscode/extension.js", "js", "#### VS Code"),
    ],
)
def test_readme_shows_the_settings_tested_here(file: str, language: str, heading: str) -> None:
    """Each editor's snippet in README is the file in editors/ that these tests run."""
    assert _readme_block(language, heading) == (EDITORS / file).read_text(encoding="utf-8")


def test_helix_starts_rcpack_lsp_for_yaml() -> None:
    """Helix's languages.toml defines the rcpack server and gives it to YAML files."""
    settings = tomllib.loads((EDITORS / "helix/languages.toml").read_text(encoding="utf-8"))
    assert settings["language-server"]["rcpack"] == {"command": "rcpack", "args": ["lsp"]}
    (yaml,) = settings["language"]
    assert yaml == {"name": "yaml", "language-servers": ["rcpack", "yaml-language-server"]}


_STAND_INS = """
const Module = require("module");
const load = Module._load;
const made = [];
Module._load = function (request, parent, isMain) {
  if (request === "vscode") {
    return { workspace: { getConfiguration: (section) => ({ get: (key, fallback) => fallback }) } };
  }
  if (request === "vscode-languageclient/node") {
    return { LanguageClient: class {
      constructor(...args) { made.push(args); }
      start() { made.push("started"); return Promise.resolve(); }
      stop() { made.push("stopped"); return Promise.resolve(); }
    } };
  }
  return load.apply(this, arguments);
};
const extension = require(process.argv[1]);
extension.activate();
extension.deactivate();
console.log(JSON.stringify(made));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_vs_code_extension_starts_rcpack_lsp_for_yaml() -> None:
    """The extension (run by node, VS Code's modules stood in for) starts 'rcpack lsp'."""
    manifest = json.loads((EDITORS / "vscode/package.json").read_text(encoding="utf-8"))
    assert manifest["main"] == "./extension.js"
    assert manifest["activationEvents"] == ["onLanguage:yaml"]
    assert list(manifest["dependencies"]) == ["vscode-languageclient"]
    done = subprocess.run(
        ["node", "-e", _STAND_INS, str(EDITORS / "vscode/extension.js")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(done.stdout) == [
        [
            "rcpack",
            "rcpack",
            {"command": "rcpack", "args": ["lsp"]},
            {"documentSelector": [{"scheme": "file", "language": "yaml"}]},
        ],
        "started",
        "stopped",
    ]


def _lisp(text: str) -> list[object]:
    """Emacs Lisp read into nested lists of symbols and strings (comments left out)."""
    tokens = re.findall(r'"(?:\\.|[^"\\])*"|[()]|\'|[^\s()\'"]+', re.sub(r";.*", "", text))
    stack: list[list[object]] = [[]]
    for word in tokens:
        if word == "(":
            stack.append([])
        elif word == ")":
            done = stack.pop()
            stack[-1].append(done)
        else:
            stack[-1].append(json.loads(word) if word.startswith('"') else word)
    assert len(stack) == 1  # every parenthesis closed
    return stack[0]


def test_the_emacs_snippet_adds_rcpack_lsp_to_eglot() -> None:
    """The eglot setting reads as Lisp and adds ("rcpack" "lsp") for the YAML modes."""
    (form,) = _lisp((EDITORS / "emacs/rcpack.el").read_text(encoding="utf-8"))
    assert isinstance(form, list)
    assert form[:3] == ["with-eval-after-load", "'", "eglot"]
    assert form[3] == [
        "add-to-list",
        "'",
        "eglot-server-programs",
        "'",
        [["yaml-mode", "yaml-ts-mode"], ".", ["rcpack", "lsp"]],
    ]


_DUMP = """
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
    table.insert(lines, string.format("%d:%d %s %s", d.lnum + 1, d.col + 1, code, d.message))
  end
  vim.fn.writefile(lines, vim.env.RCPACK_OUT)
  local params = { textDocument = vim.lsp.util.make_text_document_params() }
  local folds = {}
  local answers = vim.lsp.buf_request_sync(0, "textDocument/foldingRange", params, 30000)
  for _, answer in pairs(answers or {}) do
    for _, fold in ipairs(answer.result or {}) do
      table.insert(folds, string.format("%d-%d", fold.startLine + 1, fold.endLine + 1))
    end
  end
  vim.fn.writefile(folds, vim.env.RCPACK_FOLDS)
  -- Stopped as :quit stops it (shutdown, then exit), but waited for as long as it takes.
  local ended = nil
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.config.on_exit = function(code, signal) ended = code .. " " .. signal end
    client.stop()
  end
  vim.wait(30000, function() return ended ~= nil end, 50)
  vim.fn.writefile({ ended or "still running" }, vim.env.RCPACK_EXIT)
  vim.cmd("qa!")
end })
"""


@pytest.mark.skipif(
    shutil.which("nvim") is None and not os.environ.get("CI"),
    reason="Neovim is not installed (.ci/run installs Debian's; under CI it must be there)",
)
def test_neovim_shows_rcpack_problems_folds_and_ends_it_cleanly(tmp_path: Path) -> None:
    """Neovim (headless) with the snippet starts rcpack lsp and shows a planted problem.

    It gets the file's folds (each module, film and exercise among them), and when it stops
    the server (shutdown, exit), the server ends with status 0: no "quit with exit code".
    """
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "data", pack)
    section = pack / "section-3.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("exercise: exercise-9\n", "exercise: exercise-99\n"))
    init = tmp_path / "init.lua"
    snippet = (EDITORS / "neovim/rcpack.lua").read_text(encoding="utf-8")
    init.write_text(snippet + _DUMP, encoding="utf-8")
    out = tmp_path / "diagnostics.txt"
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "RCPACK_OUT": str(out),
        "RCPACK_FOLDS": str(tmp_path / "folds.txt"),
        "RCPACK_EXIT": str(tmp_path / "exit.txt"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    subprocess.run(
        ["nvim", "--headless", "-i", "NONE", "-u", str(init), str(section)],
        env=environment,
        cwd=pack,
        check=True,
        timeout=120,
        capture_output=True,
    )
    assert out.read_text(encoding="utf-8").splitlines() == [
        "71:19 RC402 no exercise has the id 'exercise-99'; did you mean 'exercise-9'?"
    ]
    folds = (tmp_path / "folds.txt").read_text(encoding="utf-8").splitlines()
    planted = section.read_text(encoding="utf-8")
    ranges = folding_ranges(lines_of(planted))
    assert folds == [f"{f.start_line + 1}-{f.end_line + 1}" for f in ranges]
    assert "54-74" in folds  # Module 2, from its '- id:' line to its topics
    assert (tmp_path / "exit.txt").read_text(encoding="utf-8") == "0 0\n"

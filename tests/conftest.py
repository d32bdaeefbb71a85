"""What every test shares: how much runs, how hard Hypothesis tries, and no GitHub Actions.

``pytest`` runs the quick tests with a few examples each; ``pytest --all`` runs every test,
the slow ones and those of outside programs too, each property with its full examples (CI
and README's test command run it, with ``-n auto``).
"""

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

#: The examples each property tries: ``dev`` caps every test's own count, ``ci`` is thorough.
settings.register_profile("dev", max_examples=10)
settings.register_profile(
    "ci", max_examples=100, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)

#: The tests of outside programs (a browser, an editor, npm tools, pre-commit, a wheel build,
#: mypy and ruff, the PDF/UA checker); README's own examples run in-process.
_EXTERNAL = Path(__file__).parent / "integration"
_IN_PROCESS = {"test_readme.py"}
#: Files whose every test lays out PDF pages with WeasyPrint, seconds each: slow.
_SLOW_FILES = {"test_guide_pages.py", "test_cards_cutting.py", "test_sheets_and_cards.py"}
#: Files whose tests share what takes seconds to make (a server, PDFs, a wheel): with ``-n``,
#: one worker runs each group (``--dist loadgroup``), so it is made once, not per worker.
#: The PDF files share one group: they read the same handouts (bundled_handouts.py).
_ONE_WORKER = {
    "test_wheel.py": "wheel",  # the wheel, built and installed
    "test_pre_commit.py": "pre-commit",  # the hooks' environment
    "test_site_browser.py": "site",  # the site, built and crawled
    "test_pdf_ua.py": "pdf",  # 20 PDFs
    "test_accessibility.py": "pdf",  # the handouts in each format
    "test_guide_pages.py": "pdf",  # the guides of each situation
    "test_cards_cutting.py": "pdf",  # the tip cards
    "test_sheets_and_cards.py": "pdf",
    "test_sheets_participants.py": "pdf",
    "test_lsp_navigation.py": "lsp-navigation",  # one language server each
    "test_lsp_editing.py": "lsp-editing",
    "test_sessions_lsp.py": "sessions-lsp",
    "test_lsp_text.py": "lsp-text",
    "test_lsp_properties.py": "lsp-properties",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--all``: what CI runs."""
    parser.addoption(
        "--all",
        action="store_true",
        help="run every test (slow and external too) with the thorough Hypothesis profile",
    )


def pytest_configure(config: pytest.Config) -> None:
    """``--all`` (or ``CI=true``) runs everything thoroughly; ``--hypothesis-profile`` wins.

    Without ``--all`` and without a path or ``-m``, the slow and external tests are left out.
    """
    everything = config.getoption("--all") or os.environ.get("CI") == "true"
    settings.load_profile("ci" if everything else "dev")
    named = config.args_source is not pytest.Config.ArgsSource.TESTPATHS
    if not (everything or named or config.option.markexpr):
        config.option.markexpr = "not slow and not external"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """A plain ``pytest`` (no path, no ``-n``) runs on every core, with pytest-xdist.

    A test or a file named (``pytest tests/unit/use``) runs in this process, to debug.
    """
    named = config.args_source is not pytest.Config.ArgsSource.TESTPATHS
    worker = os.environ.get("PYTEST_XDIST_WORKER") is not None  # already one of them
    if not (named or worker) and getattr(config.option, "numprocesses", 0) is None:
        config.option.numprocesses = "auto"


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark the outside programs' tests, the slow files and those for one worker.

    Before anything selects by marks.
    """
    path = Path(item.path)
    if path.parent == _EXTERNAL and path.name not in _IN_PROCESS:
        item.add_marker(pytest.mark.external)
    if path.name in _SLOW_FILES:
        item.add_marker(pytest.mark.slow)
    if path.name in _ONE_WORKER:
        item.add_marker(pytest.mark.xdist_group(_ONE_WORKER[path.name]))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: Sequence[str]) -> None:
    """Stop a run in which ``--dist loadgroup`` would not group the files for one worker.

    xdist marks a grouped test's id with its group ("...@name"); an id with none means
    each worker would make what the group shares, and the run take a minute longer.
    """
    if node.config.getoption("dist") != "loadgroup":
        return
    alone = [i for i in ids if Path(i.partition("::")[0]).name in _ONE_WORKER and "@" not in i]
    if alone:
        raise pytest.UsageError(
            f"--dist loadgroup did not group {alone[0]} (pytest-xdist and pytest disagree "
            "on test ids: see pyproject.toml's pin of pytest)"
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Hold each property to the profile's examples."""
    cap = settings().max_examples  # the profile loaded
    for item in items:
        obj = getattr(item, "obj", None)
        test: Any = getattr(obj, "__func__", obj)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples > cap:
            # Hypothesis reads a test's settings from here when it runs (no public way).
            test._hypothesis_internal_use_settings = settings(own, max_examples=cap)  # noqa: SLF001


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see no workspace and no job summary; those that need them set their own."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)

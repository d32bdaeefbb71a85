"""The GitHub Actions workflows `rcpack init` writes: the checks, and the site on Pages.

Each installs rcpack from where this one came from (``address``, a pip URL such as
``git+https://github.com/o/r@COMMIT``), or says what to fill in when that is not known.
"""

from __future__ import annotations

__all__ = ["content_workflow", "site_workflow"]

#: What a workflow says when rcpack init cannot tell where rcpack came from.
_UNKNOWN = (
    "      # rcpack init could not tell where rcpack comes from: replace OWNER below\n"
    "      # with the account that hosts rcpack's repository (to pin a commit, add @\n"
    "      # and its full hash after the repository's name).\n"
)

#: The address Pages gives the site, as the workflow reads it.
_BASE_URL = '"${{ steps.pages.outputs.base_url }}/"'

#: The steps every job starts with: the repository, and Python.
_SET_UP = (
    "      - uses: actions/checkout@v4\n"
    "      - uses: actions/setup-python@v5\n"
    "        with:\n"
    '          python-version: "3.11"\n'
)


def _install(address: str | None, extra: str | None, also: str = "") -> str:
    """The step that installs rcpack (with ``extra``) and the tools ``also`` names."""
    name = f"recurrent-care-pack[{extra}]" if extra else "recurrent-care-pack"
    where = address or "git+https://github.com/OWNER/recurrent-care-pack"
    step = f'      - run: pip install "{name} @ {where}"{f" {also}" if also else ""}\n'
    return step if address else _UNKNOWN + step


def content_workflow(address: str | None, content: str, session: str) -> str:
    """Validate, fmt --check and yamllint on every push and pull request."""
    return (
        "# GitHub Actions: check the pack on every push and pull request.\n"
        "name: content\n"
        "on:\n"
        "  push:\n"
        "  pull_request:\n"
        "jobs:\n"
        "  content:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        f"{_SET_UP}"
        f"{_install(address, None, 'yamllint')}"
        f"      - run: rcpack validate --format github {content}/ {session}\n"
        "      # The checks after it run too when validate finds problems: all is said at once.\n"
        f"      - run: rcpack fmt --check {content}/\n"
        "        if: ${{ !cancelled() }}\n"
        f"      - run: yamllint --strict {content}/\n"
        "        if: ${{ !cancelled() }}\n"
    )


def site_workflow(address: str | None, content: str) -> str:
    """The pack's site (`rcpack site`) built on each push to main and published on Pages."""
    return (
        "# GitHub Pages: the pack as a web site (rcpack site), published on each push to main.\n"
        '# First choose "GitHub Actions" as the Pages source in the repository\'s settings.\n'
        "# A pack or session file with problems fails the build, and nothing is published.\n"
        "name: site\n"
        "on:\n"
        "  push:\n"
        "    branches: [main]\n"
        "permissions:\n"
        "  contents: read\n"
        "  pages: write\n"
        "  id-token: write\n"
        "concurrency:\n"
        "  group: pages\n"
        "  cancel-in-progress: true\n"
        "jobs:\n"
        "  site:\n"
        "    runs-on: ubuntu-latest\n"
        "    environment:\n"
        "      name: github-pages\n"
        "      url: ${{ steps.deployment.outputs.page_url }}\n"
        "    steps:\n"
        f"{_SET_UP}"
        f"{_install(address, 'site')}"
        "      - id: pages\n"
        "        uses: actions/configure-pages@v5\n"
        "      # The site of the pack, with a page for each session file beside content/.\n"
        f"      - run: rcpack site _site --pack {content} --url {_BASE_URL}\n"
        "      - uses: actions/upload-pages-artifact@v3\n"
        "        with:\n"
        "          path: _site\n"
        "      - id: deployment\n"
        "        uses: actions/deploy-pages@v4\n"
    )

"""Chromium driven by Playwright, with axe-core: where the tools are, and whether they are.

.ci/run installs them (Debian's chromium; npm's axe-core and playwright-core into the
git-ignored .tools/); a machine without them skips the browser tests, but CI never does.
"""

import shutil

from paths import ROOT

__all__ = ["BROWSER_MISSING", "CHROMIUM", "NODE", "TOOLS"]

TOOLS = ROOT / ".tools" / "node_modules"
NODE = shutil.which("node")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_MISSING = (
    NODE is None
    or CHROMIUM is None
    or not (TOOLS / "axe-core" / "axe.min.js").exists()
    or not (TOOLS / "playwright-core" / "package.json").exists()
)

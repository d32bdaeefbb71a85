// axe-core in Debian's Chromium, driven by playwright-core (both pinned in .tools/ by .ci/run).
// Usage: node axe.cjs CHROMIUM FILE.html...  Prints one JSON line per page and media:
// {"page": FILE, "media": "screen" | "print", "violations": [{"id", "impact", "help", "nodes"}]}
"use strict";
const path = require("node:path");
const tools = path.resolve(__dirname, "..", "..", ".tools", "node_modules");
const { chromium } = require(path.join(tools, "playwright-core"));
const axe = path.join(tools, "axe-core", "axe.min.js");

async function main() {
  const [executablePath, ...pages] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    for (const file of pages) {
      for (const media of ["screen", "print"]) {
        await page.emulateMedia({ media });
        await page.goto("file://" + path.resolve(file));
        await page.addScriptTag({ path: axe });
        const result = await page.evaluate(() => window.axe.run(document));
        const violations = result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ")),
        }));
        process.stdout.write(JSON.stringify({ page: file, media, violations }) + "\n");
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});

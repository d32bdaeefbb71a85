// Screenshots of pages, as README shows them (docs/site/): playwright-core in Debian's Chromium.
// Usage: node screenshot.cjs CHROMIUM OUT_FOLDER WIDTH HEIGHT FILE.html[#live][@HH:MM] ...
// "@2027-01-12T10:15" after a page sets the clock; "#live" opens the live view.
"use strict";
const path = require("node:path");
const tools = path.resolve(__dirname, "..", "..", ".tools", "node_modules");
const { chromium } = require(path.join(tools, "playwright-core"));

async function main() {
  const [executablePath, out, width, height, ...pages] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const spec of pages) {
      const [file, when] = spec.split("@");
      const context = await browser.newContext({
        viewport: { width: Number(width), height: Number(height) },
        timezoneId: "Europe/London",
        locale: "en-GB",
      });
      const page = await context.newPage();
      if (when) await page.clock.install({ time: new Date(when) });
      const [name, hash] = file.split("#");
      await page.goto("file://" + path.resolve(name) + (hash ? "#" + hash : ""));
      await page.waitForTimeout(1200);
      const shot = path.join(out, path.basename(name, ".html") + (hash ? "-" + hash : "") + ".png");
      await page.screenshot({ path: shot, fullPage: !hash });
      process.stdout.write(shot + "\n");
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
main().catch((e) => { process.stderr.write(String(e.stack || e) + "\n"); process.exit(1); });

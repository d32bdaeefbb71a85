// The web site in Debian's Chromium (playwright-core and axe-core from .tools/).
// node site.cjs crawl CHROMIUM BASE_URL PAGE...  one JSON line per page and media: axe's
//   violations, every request the page made, its links; then a search's results, the tips
//   filtered in place (and the cards they print), and the tips pages and the tip cards
//   handout as Chromium prints them (PDF, base64).
// node site.cjs live CHROMIUM URL  what the live view shows, step by step, as JSON lines.
"use strict";
const path = require("node:path");
const tools = path.resolve(__dirname, "..", "..", ".tools", "node_modules");
const { chromium } = require(path.join(tools, "playwright-core"));
const axe = path.join(tools, "axe-core", "axe.min.js");
const out = (data) => process.stdout.write(JSON.stringify(data) + "\n");

async function crawl(browser, base, pages) {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  // Each page is loaded once (a static page has made its requests by its load event) and
  // checked in screen media, then in print media as Chromium prints it.
  for (const name of pages) {
    requests.length = 0;
    await page.emulateMedia({ media: "screen" });
    await page.goto(base + name, { waitUntil: "load" });
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll("a[href], link[href], script[src]"), (e) => e.getAttribute("href") || e.getAttribute("src")));
    const seen = requests.slice();
    await page.addScriptTag({ path: axe });
    for (const media of ["screen", "print"]) {
      await page.emulateMedia({ media });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      out({ page: name, media, requests: seen, links,
        violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })) });
    }
  }
  // Search, over the site's own index only.
  requests.length = 0;
  await page.emulateMedia({ media: "screen" });
  await page.goto(base + "search.html?q=trauma", { waitUntil: "networkidle" });
  await page.waitForSelector("[data-search-results] li", { timeout: 10000 });
  const found = await page.evaluate(() => ({
    status: document.querySelector("[data-search-status]").textContent,
    results: Array.from(document.querySelectorAll("[data-search-results] a"), (a) => a.getAttribute("href")),
    fallback: document.querySelector("[data-search-fallback]").hidden,
  }));
  out({ search: found, requests: requests.slice() });
  // Tips by topic, in place, by keyboard: the link focused and followed with Enter.
  await page.goto(base + "tips/index.html");
  await page.focus('a[data-topic="training"]');
  await page.keyboard.press("Enter");
  const tips = () => page.evaluate(() => ({
    url: location.pathname,
    shown: Array.from(document.querySelectorAll("section.category"), (s) => !s.hidden),
    status: document.querySelector("[data-filter-status]").textContent,
    current: document.querySelector('[data-filter] a[aria-current="page"]').textContent,
    note: document.querySelector(".cut-note").textContent,
    // The cards to print, page by page and row by row: each card's number and its marks.
    cards: Array.from(document.querySelectorAll(".cards .card-page"), (p) =>
      Array.from(p.querySelectorAll(".card-row"), (r) =>
        Array.from(r.querySelectorAll(".tip-card"), (c) =>
          c.querySelector(".card-number").textContent + (c.classList.contains("last-down") ? " (last down)" : "")))),
  }));
  out({ tips: await tips() });
  await page.focus('a[data-topic=""]');
  await page.keyboard.press("Enter");
  out({ tips: await tips() });
  // Printed as Chromium prints them, with the page sizes the pages ask for.
  await page.emulateMedia({ media: "print" });
  for (const name of ["tips/index.html", "tips/training.html", "print/tip-cards.html", "exercises/exercise-8.html", "print/exercises.html", "sessions/team-day.html"]) {
    await page.goto(base + name, { waitUntil: "load" });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    out({ printed: name, pdf: pdf.toString("base64") });
  }
  await context.close();
}

async function live(browser, url) {
  const context = await browser.newContext({ timezoneId: "Europe/London", locale: "en-GB", reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.clock.install({ time: new Date("2027-01-12T10:15:00") });
  await page.goto(url);
  const read = async (step) => out(Object.assign({ step }, await page.evaluate(() => {
    const t = (n) => { const e = document.querySelector("[data-live-" + n + "]"); return e ? e.textContent : null; };
    const cue = document.querySelector("[data-live-cue]");
    const current = document.querySelector("tr.current th");
    const bar = document.querySelector("[data-live-bar]");
    return { focus: document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim()),
      open: !document.querySelector("[data-live]").hidden,
      what: t("what"), todo: t("todo"), left: t("left"), next: t("next"), session: t("session-left"),
      state: t("state"), cue: cue.hidden ? null : cue.textContent, announce: t("announce"),
      polite: document.querySelector("[data-live-announce]").getAttribute("aria-live"),
      row: current ? current.textContent : null,
      transition: getComputedStyle(bar).transitionDuration,
      pressed: document.querySelector("[data-live-pause]").getAttribute("aria-pressed"),
      full: document.fullscreenElement ? document.fullscreenElement.id : null,
      fullButton: (function (b) { return b.hidden ? null : b.textContent.trim() + " " + b.getAttribute("aria-pressed"); })(document.querySelector("[data-live-full]")) };
  })));
  // Keyboard alone: Tab to the button that starts the live view, then Enter.
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press("Tab");
    const here = await page.evaluate(() => document.activeElement.hasAttribute("data-live-open"));
    if (here) break;
  }
  await page.keyboard.press("Enter");
  await read("opened at 10:15");
  await page.keyboard.press(" ");
  await page.clock.runFor(60000);
  await read("paused for a minute");
  await page.keyboard.press(" ");
  await page.clock.runFor(2000);
  await read("carried on");
  await page.keyboard.press("ArrowRight");
  await read("moved on");
  await page.keyboard.press("ArrowLeft");
  await read("moved back");
  // Each step read once the page has had its fullscreenchange (the button says so).
  const pressed = (state) => page.waitForFunction((s) =>
    document.querySelector("[data-live-full]").getAttribute("aria-pressed") === s, state);
  await page.keyboard.press("f");
  await pressed("true");
  await read("full screen");
  await page.keyboard.press("f");
  await pressed("false");
  await read("full screen left");
  await page.keyboard.press("Escape");
  await read("closed");
  await context.close();
  // Without a key pressed: the cue before the break, then the break itself.
  const later = await browser.newContext({ timezoneId: "Europe/London", locale: "en-GB" });
  const again = await later.newPage();
  await again.clock.install({ time: new Date("2027-01-12T10:36:00") });
  await again.goto(url + "#live");
  const readAgain = async (step) => out(Object.assign({ step }, await again.evaluate(() => {
    const t = (n) => document.querySelector("[data-live-" + n + "]").textContent;
    const cue = document.querySelector("[data-live-cue]");
    return { what: t("what"), left: t("left"), label: t("left-label"), next: t("next"), cue: cue.hidden ? null : cue.textContent,
      transition: getComputedStyle(document.querySelector("[data-live-bar]")).transitionDuration };
  })));
  await readAgain("10:36");
  await again.clock.runFor(9 * 60000);
  await readAgain("10:45");
  await again.clock.runFor(3 * 60 * 60000);
  await readAgain("13:45");
  await later.close();
  // Before the start: the time until it, said as that.
  const early = await browser.newContext({ timezoneId: "Europe/London", locale: "en-GB" });
  const before = await early.newPage();
  await before.clock.install({ time: new Date("2027-01-12T08:50:00") });
  await before.goto(url + "#live");
  out(Object.assign({ step: "08:50" }, await before.evaluate(() => {
    const t = (n) => document.querySelector("[data-live-" + n + "]").textContent;
    return { what: t("what"), todo: t("todo"), left: t("left"), label: t("left-label") };
  })));
  await early.close();
}

async function series(browser, url) {
  // A series: on its second date the live view follows session 2; another may be chosen.
  const context = await browser.newContext({ timezoneId: "Europe/London", locale: "en-GB" });
  const page = await context.newPage();
  await page.clock.install({ time: new Date("2027-01-19T10:00:00") });
  await page.goto(url + "#live");
  const read = async (step) => out(Object.assign({ step }, await page.evaluate(() => ({
    chosen: document.querySelector("[data-live-choice]").value,
    what: document.querySelector("[data-live-what]").textContent,
    state: document.querySelector("[data-live-state]").textContent,
    row: (document.querySelector("tr.current th") || {}).textContent || null,
  }))));
  await read("19 January, 10:00");
  await page.selectOption("[data-live-choice]", "2");
  await read("session 3 chosen");
  await context.close();
}

async function main() {
  const [command, executablePath, ...rest] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"] });
  try {
    if (command === "crawl") await crawl(browser, rest[0], rest.slice(1));
    else if (command === "live") await live(browser, rest[0]);
    else if (command === "series") await series(browser, rest[0]);
    else throw new Error("no command " + command);
  } finally {
    await browser.close();
  }
}
main().catch((error) => { process.stderr.write(String(error && error.stack ? error.stack : error) + "\n"); process.exit(1); });

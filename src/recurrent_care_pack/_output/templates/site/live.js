// The live view of a session: it only keeps time. The agenda (clock times, what, the
// facilitator's cue) was planned by rcpack when the site was built and is read from the
// page's JSON; nothing here plans. Space pauses, the arrows move, F fills the screen, Escape
// closes; no sound.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("agenda").textContent);
  var $ = function (name) { return document.querySelector("[data-live-" + name + "]"); };
  var live = document.querySelector("[data-live]");
  var start = document.querySelector("[data-live-start]");
  if (!live || !start) return;
  start.hidden = false;
  var MINUTE = 60000;

  function minutes(clock) {
    var parts = clock.split(":");
    return Number(parts[0]) * 60 + Number(parts[1]);
  }
  function localDate(now) {
    var m = String(now.getMonth() + 1).padStart(2, "0");
    var d = String(now.getDate()).padStart(2, "0");
    return now.getFullYear() + "-" + m + "-" + d;
  }
  function sinceMidnight(now) {
    return ((now.getHours() * 60 + now.getMinutes()) * 60 + now.getSeconds()) * 1000 + now.getMilliseconds();
  }
  function left(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = String(m).padStart(h ? 2 : 1, "0") + ":" + String(r).padStart(2, "0");
    return h ? h + ":" + mm : mm;
  }
  function spoken(ms, round) {
    var m = Math.max(0, (round ? Math.round : Math.ceil)(ms / MINUTE));
    if (m >= 60) return Math.floor(m / 60) + " hour" + (m >= 120 ? "s" : "") + (m % 60 ? " " + (m % 60) + " min" : "");
    return m + " min";
  }

  // Which day: the one dated today, else the first (its times read against today's clock);
  // in a series, the facilitator may choose another.
  var today = localDate(new Date());
  var dayIndex = 0;
  data.days.forEach(function (day, i) { if (day.date === today) dayIndex = i; });
  var day, dated, items, sessionEnd, tableRows = [];

  function choose(index) {
    tableRows.forEach(function (tr) { tr.classList.remove("current"); tr.removeAttribute("aria-current"); });
    dayIndex = index;
    day = data.days[index];
    dated = day.date === today;
    // The items the room moves through: an exercise is run as its parts.
    items = [];
    day.rows.forEach(function (row, i) {
      var next = day.rows[i + 1];
      if (row.kind === "exercise" && next && next.part) return;
      var parent = null;
      if (row.part) {
        for (var j = i - 1; j >= 0; j -= 1) { if (!day.rows[j].part) { parent = day.rows[j].what; break; } }
      }
      items.push({ row: i, start: minutes(row.start) * MINUTE, end: minutes(row.end) * MINUTE,
        clockStart: row.start, clockEnd: row.end, what: row.what, todo: row.todo, kind: row.kind,
        part: row.part, parent: parent });
    });
    sessionEnd = items.length ? items[items.length - 1].end : 0;
    var part = document.querySelectorAll("section.part")[index];
    tableRows = part ? Array.prototype.slice.call(part.querySelectorAll("table.running-sheet tbody tr")) : [];
    offset = 0;
    paused = null;
    shown = -2;
  }

  var offset = 0;        // how far the room runs behind the plan (ms)
  var paused = null;     // when paused: the real time it was paused at (ms since midnight)
  var shown = -2;        // the item last announced
  var open = false;
  choose(dayIndex);
  var choice = document.querySelector("[data-live-choice]");
  if (choice) {
    choice.value = String(dayIndex);
    choice.addEventListener("change", function () { choose(Number(choice.value)); if (open) render(); });
  }

  function effective() {
    var now = sinceMidnight(new Date());
    return (paused === null ? now : paused) - offset;
  }
  function currentIndex(t) {
    for (var i = 0; i < items.length; i += 1) { if (items[i].start <= t && t < items[i].end) return i; }
    if (items.length && t < items[0].start) return -1;
    return items.length;
  }
  function describe(item, from) {
    var same = from && from.parent === item.parent;
    return item.part && item.parent && !same ? item.what + " (" + item.parent + ")" : item.what;
  }

  function render() {
    var t = effective();
    var i = currentIndex(t);
    var item = items[i];
    var next = i < 0 ? items[0] : items[i + 1];
    $("day").textContent = day.heading ? "· " + day.heading : "";
    var state = [];
    if (paused !== null) state.push("Paused: press space to carry on.");
    if (!dated && day.date) state.push("Today is not this session’s date: its times are read against today’s clock.");
    if (Math.abs(offset) >= MINUTE / 2) {
      state.push("Running " + spoken(Math.abs(offset), true) + (offset > 0 ? " behind" : " ahead of") + " the plan.");
    }
    $("state").textContent = state.join(" ");
    var cue = "";
    if (item) {
      $("what").textContent = item.what;
      $("todo").textContent = [item.part ? item.parent : "", item.todo].filter(Boolean).join(" · ");
      $("left").textContent = left(item.end - t);
      $("left-label").textContent = " left in this item";
      $("bar").style.width = Math.min(100, 100 * (t - item.start) / (item.end - item.start)) + "%";
      if (item.kind === "break") cue = "Break: back at " + item.clockEnd + ".";
      else if (next && next.kind === "break" && item.end - t <= 5 * MINUTE) cue = "Break due at " + next.clockStart + " (back at " + next.clockEnd + ").";
      else if (next && item.end - t <= 2 * MINUTE) cue = "At " + next.clockStart + ": " + next.what + (next.todo ? ". " + next.todo : ".");
    } else if (i < 0) {
      $("what").textContent = "Not started";
      $("todo").textContent = "The session starts at " + items[0].clockStart + ".";
      $("left").textContent = left(items[0].start - t);
      $("left-label").textContent = " until the start";
      $("bar").style.width = "0%";
    } else {
      $("what").textContent = "The session has ended";
      $("todo").textContent = "";
      $("left").textContent = "";
      $("left-label").textContent = "";
      $("bar").style.width = "100%";
    }
    var cueBox = $("cue");
    cueBox.hidden = !cue;
    cueBox.textContent = cue;
    $("next").textContent = next ? next.clockStart + ": " + describe(next, item) : "Nothing: this is the last item.";
    $("session-left").textContent = t < sessionEnd
      ? spoken(sessionEnd - Math.max(t, items.length ? items[0].start : t)) + " left in the session, which ends at " + day.rows[day.rows.length - 1].end + "."
      : "The session has ended.";
    tableRows.forEach(function (tr, r) {
      var on = item && (r === item.row);
      tr.classList.toggle("current", Boolean(on));
      if (on) tr.setAttribute("aria-current", "step"); else tr.removeAttribute("aria-current");
    });
    if (i !== shown) {
      shown = i;
      var words = item ? "Now: " + describe(item) + ", until " + item.clockEnd + "." : $("what").textContent + ".";
      if (next) words += " Next, at " + next.clockStart + ": " + describe(next, item) + ".";
      $("announce").textContent = words;
    }
  }

  function move(step) {
    var t = effective();
    var i = currentIndex(t);
    var target = Math.max(0, Math.min(items.length - 1, i + step));
    if (step < 0 && i >= 0 && i < items.length && t - items[i].start > MINUTE) target = i;
    var real = paused === null ? sinceMidnight(new Date()) : paused;
    offset = real - items[target].start;
    render();
  }
  function pause() {
    var now = sinceMidnight(new Date());
    if (paused === null) { paused = now; } else { offset += now - paused; paused = null; }
    var button = $("pause");
    button.setAttribute("aria-pressed", paused === null ? "false" : "true");
    button.firstChild.textContent = paused === null ? "Pause " : "Carry on ";
    $("announce").textContent = paused === null ? "The clock carries on." : "Paused.";
    render();
  }
  function show(on) {
    if (!on && document.fullscreenElement) document.exitFullscreen();
    open = on;
    live.hidden = !on;
    document.body.classList.toggle("live-on", on);
    if (on) { live.setAttribute("tabindex", "-1"); live.focus(); live.scrollIntoView(); render(); }
    else { $("open").focus(); }
  }

  // Full screen, for a projector: the live view alone fills it, while the browser allows.
  var full = $("full");
  function fill() {
    if (document.fullscreenElement) document.exitFullscreen();
    else live.requestFullscreen().catch(function () { /* refused: the page stays as it is */ });
  }
  if (document.fullscreenEnabled) {
    full.hidden = false;
    full.addEventListener("click", fill);
    document.addEventListener("fullscreenchange", function () {
      var on = document.fullscreenElement === live;
      full.setAttribute("aria-pressed", on ? "true" : "false");
      full.firstChild.textContent = on ? "Leave full screen " : "Full screen ";
    });
  }

  $("open").addEventListener("click", function () { show(true); });
  $("close").addEventListener("click", function () { show(false); });
  $("pause").addEventListener("click", pause);
  $("prev").addEventListener("click", function () { move(-1); });
  $("next-button").addEventListener("click", function () { move(1); });
  document.addEventListener("keydown", function (event) {
    if (!open || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); pause(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); move(-1); }
    else if ((event.key === "f" || event.key === "F") && document.fullscreenEnabled) { event.preventDefault(); fill(); }
    else if (event.key === "Escape") { event.preventDefault(); show(false); }
  });
  window.setInterval(function () { if (open) render(); }, 1000);
  if (window.location.hash === "#live") show(true);
})();

// Tips by topic, in place: the topic links work without this script (a page per topic);
// with it, on the page of every topic, a link shows that topic's categories where they
// are, and a polite status says how many are shown. The tip cards the page prints are
// chosen alike: those of the topic, laid out again a page and a row at a time as the
// page lays them (and numbered among themselves, as a topic's own page numbers them).
"use strict";
(function () {
  var nav = document.querySelector("[data-filter]");
  if (!nav || nav.getAttribute("data-all") !== "yes") return;
  var status = document.querySelector("[data-filter-status]");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.category"));
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-topic]"));
  var deck = document.querySelector(".cards[data-per-page]");
  var cards = deck ? Array.prototype.slice.call(deck.querySelectorAll(".tip-card")) : [];
  var count = document.querySelector("[data-count]");

  function layCards(topic) {
    if (!deck) return;
    var perPage = Number(deck.getAttribute("data-per-page"));
    var across = Number(deck.getAttribute("data-across"));
    var chosen = cards.filter(function (card) {
      return !topic || (card.getAttribute("data-topics") || "").split("|").indexOf(topic) !== -1;
    });
    while (deck.firstChild) deck.removeChild(deck.firstChild);
    for (var start = 0; start < chosen.length; start += perPage) {
      var onPage = chosen.slice(start, start + perPage);
      var page = document.createElement("div");
      page.className = "card-page";
      for (var r = 0; r * across < onPage.length; r += 1) {
        var row = document.createElement("div");
        row.className = "card-row";
        onPage.slice(r * across, (r + 1) * across).forEach(function (card, i) {
          // As the template marks it: a card with no card below it on its page.
          card.classList.toggle("last-down", (r + 1) * across + i >= onPage.length);
          row.appendChild(card);
        });
        page.appendChild(row);
      }
      deck.appendChild(page);
    }
    chosen.forEach(function (card, i) {
      card.querySelector("[data-number]").textContent = String(i + 1);
      card.querySelector("[data-of]").textContent = String(chosen.length);
    });
    if (count) count.textContent = String(chosen.length);
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var topic = link.getAttribute("data-topic");
      var shown = 0;
      sections.forEach(function (section) {
        var topics = (section.getAttribute("data-topics") || "").split("|");
        var show = !topic || topics.indexOf(topic) !== -1;
        section.hidden = !show;
        if (show) shown += 1;
      });
      layCards(topic);
      links.forEach(function (other) {
        if (other === link) other.setAttribute("aria-current", "page");
        else other.removeAttribute("aria-current");
      });
      if (status) {
        status.textContent = topic
          ? "Showing " + shown + (shown === 1 ? " category" : " categories") + " on " + topic + "."
          : "Showing every category.";
      }
    });
  });
})();

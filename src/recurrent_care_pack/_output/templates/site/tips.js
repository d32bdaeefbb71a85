// Tips by topic, in place: the topic links work without this script (a page per topic);
// with it, on the page of every topic, a link shows that topic's categories where they
// are, and a polite status says how many are shown.
"use strict";
(function () {
  var nav = document.querySelector("[data-filter]");
  if (!nav || nav.getAttribute("data-all") !== "yes") return;
  var status = document.querySelector("[data-filter-status]");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.category"));
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-topic]"));
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

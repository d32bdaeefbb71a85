// Search with Pagefind's index, built with the site (pagefind/): nothing leaves the site.
// Without JavaScript, or opened from files (file://, where a browser will not load the
// index), the page keeps its list of every page.
"use strict";
(function () {
  var form = document.querySelector("[data-search]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var fallback = document.querySelector("[data-search-fallback]");
  if (!form || window.location.protocol === "file:") return;
  var root = new URL(".", window.location.href);
  import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
    pagefind.options({ baseUrl: root.pathname });
    form.hidden = false;
    fallback.hidden = true;
    var input = form.querySelector("input");
    function run(words) {
      if (!words.trim()) { list.textContent = ""; status.textContent = ""; return; }
      pagefind.search(words).then(function (found) {
        return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
      }).then(function (pages) {
        list.textContent = "";
        pages.forEach(function (page) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = page.url;
          link.textContent = (page.meta && page.meta.title) || page.url;
          var excerpt = document.createElement("p");
          excerpt.textContent = page.excerpt.replace(/<[^>]*>/g, "");
          item.appendChild(link);
          item.appendChild(excerpt);
          list.appendChild(item);
        });
        status.textContent = pages.length === 1 ? "1 page found." : pages.length + " pages found.";
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(input.value);
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
    });
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked) { input.value = asked; run(asked); }
  }).catch(function () { /* the list of pages stays */ });
})();

/* Search never leaves a reader alone: when a search finds nothing (or nothing has been typed yet),
   a short line under the result count links to Get help now and to the list of every topic.
   Crisis words find Get help now first: that is done in the search worker (search-worker.js). */
(function () {
  "use strict";

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function setup() {
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    var help = document.querySelector(".md-header .guide-help-now");
    var home = document.querySelector(".md-header a.md-logo");
    if (!meta || !list || !help || document.querySelector(".guide-search-help")) return;
    var line = document.createElement("p");
    line.className = "guide-search-help";
    line.appendChild(document.createTextNode(guideText("search.need_help") + " "));
    line.appendChild(link(help.getAttribute("href"), guideText("help.button")));
    if (home) {
      var topics = new URL(home.getAttribute("href"), document.baseURI);
      topics.hash = "everything-in-the-guide";
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(link(topics.href, guideText("search.every_topic")));
    }
    meta.parentNode.insertBefore(line, meta.nextSibling);
    function update() {
      line.hidden = list.children.length > 0;
    }
    new MutationObserver(update).observe(list, { childList: true });
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();

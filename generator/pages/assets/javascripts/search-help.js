/* Search never leaves a reader alone (issue 19).
   - Every search panel starts with one calm line linking to Get help now, whatever was typed, so
     the way to help is in view even where the search covers the header (on a phone). When a
     search finds nothing, the line also links to the list of every topic.
   - Searches that read as a crisis get Get help now first, with each region's first numbers
     (search-worker.js); here the reader's own region, if they chose one on Get help now
     (remembered on this device only, see help-region.js), is shown alone. */
(function () {
  "use strict";

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function chosenRegion() {
    try {
      return localStorage.getItem("guide-region");
    } catch (error) {
      return null; // storage switched off: every region is shown
    }
  }

  /* In the Get help now result, the reader's region alone, if they chose one. */
  function showRegion(list) {
    var region = chosenRegion();
    var spans = list.querySelectorAll(".guide-sr-region");
    var known = region && list.querySelector('.guide-sr-region[data-region="' + CSS.escape(region) + '"]');
    for (var i = 0; i < spans.length; i++) spans[i].hidden = !!known && spans[i] !== known;
  }

  function setup() {
    var output = document.querySelector(".md-search-result");
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    var help = document.querySelector(".md-header .guide-help-now");
    var home = document.querySelector(".md-header a.md-logo");
    if (!output || !meta || !list || !help || document.querySelector(".guide-search-help")) return;
    var line = document.createElement("p");
    line.className = "guide-search-help";
    line.appendChild(document.createTextNode(guideText("search.need_help") + " "));
    line.appendChild(link(help.getAttribute("href"), guideText("help.button")));
    var topics = document.createElement("span");
    if (home) {
      var address = new URL(home.getAttribute("href"), document.baseURI);
      address.hash = "everything-in-the-guide";
      topics.appendChild(document.createTextNode(" · "));
      topics.appendChild(link(address.href, guideText("search.every_topic")));
      line.appendChild(topics);
    }
    // Above the result panel, not in it: Material finds its count and list as the panel's first
    // and last children.
    output.parentNode.insertBefore(line, output);
    function update() {
      topics.hidden = list.children.length > 0;
      showRegion(list);
    }
    new MutationObserver(update).observe(list, { childList: true });
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();

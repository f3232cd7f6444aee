/* Get help now: the reader's region first (issue 19). Choosing where you are keeps the choice on
   this device only (localStorage: nothing is sent, no cookie), shows that region's numbers first
   here and in the search's Get help now result (search-help.js), and says how to change it.
   Without a script the choices are plain links to each region, further down the page. */
(function () {
  "use strict";
  var KEY = "guide-region";

  function remembered() {
    try { return localStorage.getItem(KEY); } catch (error) { return null; }
  }

  function remember(region) {
    try { localStorage.setItem(KEY, region); return true; } catch (error) { return false; }
  }

  function setup() {
    var picker = document.querySelector(".region-picker");
    if (!picker) return;
    var note = document.querySelector(".help-remember");
    var blocks = document.querySelectorAll(".help-region-block");
    if (!blocks.length) return;
    var first = blocks[0];

    function show(region, kept) {
      var block = null;
      for (var i = 0; i < blocks.length; i++) if (blocks[i].getAttribute("data-region") === region) block = blocks[i];
      if (!block) return;
      if (block !== first) first.parentNode.insertBefore(block, first);
      first = block;
      var links = picker.querySelectorAll("a[data-region]");
      for (var j = 0; j < links.length; j++) {
        if (links[j].getAttribute("data-region") === region) links[j].setAttribute("aria-current", "true");
        else links[j].removeAttribute("aria-current");
      }
      if (note && kept) note.hidden = false;
    }

    picker.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-region]");
      if (!link) return;
      var region = link.getAttribute("data-region");
      show(region, remember(region));
    });
    var region = remembered();
    if (region) show(region, true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();

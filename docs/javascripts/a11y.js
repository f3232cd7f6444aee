/* Accessibility fixes for the theme, found by the axe-core gate:
   - Material's search dialog has role="dialog" but no accessible name (aria-dialog-name);
   - a wide table sits in a scrollable wrapper that a keyboard cannot reach
     (scrollable-region-focusable): make each wrapper focusable and name it. */
(function () {
  "use strict";
  function fix() {
    Array.prototype.forEach.call(document.querySelectorAll('.md-search[role="dialog"]'), function (el) {
      el.setAttribute("aria-label", "Search");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (el) {
      if (el.hasAttribute("tabindex")) return;
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "Table (scrolls sideways)");
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function () { setTimeout(fix, 0); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix); else fix();
})();

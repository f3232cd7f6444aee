/* Material's search dialog has role="dialog" but no accessible name (axe: aria-dialog-name). */
(function () {
  function name() {
    Array.prototype.forEach.call(document.querySelectorAll('.md-search[role="dialog"]'), function (el) {
      el.setAttribute("aria-label", "Search");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name); else name();
})();

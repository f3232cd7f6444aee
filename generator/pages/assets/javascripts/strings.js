/* The interface strings for the scripts below, and when they set up a page (guideOnEachPage).
   The plugin writes the guide's table (its language's, with the guide's replacements; see
   generator/strings) as `window.guideStrings` at the top of this
   file, so the words come with the script, not from an inline script (which the policy forbids).
   guideText("quiz.question", {number: 2}) -> "Question 2". */
(function () {
  "use strict";
  var table = window.guideStrings || {};
  window.guideText = function (key, values) {
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    // As Python's str.format: {name} is filled in, {{ and }} are a brace.
    return text.replace(/\{\{|\}\}|\{(\w+)\}/g, function (whole, name) {
      if (!name) return whole.charAt(0);
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  };
  // Run `setup` on every page: with Material's instant loading each new page, otherwise once ready.
  window.guideOnEachPage = function (setup) {
    if (typeof document$ !== "undefined" && document$.subscribe) {
      document$.subscribe(setup);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setup);
    } else {
      setup();
    }
  };
})();

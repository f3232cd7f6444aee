/* Material's search worker, with one change for readers who type questions in plain words.
   Material ends every word of a query with a prefix wildcard, so in "my therapist judges me"
   the word "me" matches "measuring" and "my" matches "myself", and those pages rank first.
   Here common words (lunr's own English stop-word list) are dropped from a query of several
   words before Material sees it. The generator plugin points the theme at this file and passes
   the address of Material's worker as ?worker=. */
(function () {
  "use strict";
  // In a real worker this file's address is self.location; offline, the iframe-worker shim runs it
  // as a <script> in an iframe, where it is document.currentScript.src.
  var here = (self.document && document.currentScript && document.currentScript.src) || self.location.href;
  var worker = new URL(new URL(here).searchParams.get("worker"), here).href;
  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== 2 || typeof message.data !== "string" || message.plain) return;
    var words = message.data.trim().split(/\s+/);
    var isStop = self.lunr && self.lunr.stopWordFilter;
    var kept = words.filter(function (word) {
      var bare = word.toLowerCase().replace(/[^a-z0-9'’-]/g, "");
      return !isStop || /["+\-~^:*]/.test(word) || isStop(bare) !== undefined;
    });
    if (kept.length > 0 && kept.length < words.length) {
      event.stopImmediatePropagation();
      self.dispatchEvent(new MessageEvent("message", { data: { type: 2, data: kept.join(" "), plain: true } }));
    }
  });
  importScripts(worker);
})();

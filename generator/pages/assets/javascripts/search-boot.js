/* The first search worker the theme starts, when a page opens: a few hundred bytes. The guide's
   search worker (search-worker.js: its data, its matcher, its wrapper of the engine's worker) is
   loaded only with the index, when the reader opens search (search-lazy.js); it then loads the
   engine's worker the same way. Each listener added while a message is being dispatched misses that
   message, so the setup message is dispatched again once the scripts are loaded. The address
   keeps its ?worker= query, which search-worker.js reads. */
(function () {
  "use strict";
  var inFrame = !!(self.document && document.currentScript);
  var here = inFrame ? document.currentScript.src : self.location.href;
  var guide = new URL("search-worker.js" + new URL(here).search, here).href;
  if (inFrame) { // offline, in the iframe-worker shim: as before, at once
    importScripts(guide);
    return;
  }
  var loaded = false;
  self.addEventListener("message", function (event) {
    if (loaded || !event.data || event.data.type !== 0) return;
    loaded = true;
    importScripts(guide);
    event.stopImmediatePropagation();
    self.dispatchEvent(new MessageEvent("message", { data: event.data }));
  });
})();

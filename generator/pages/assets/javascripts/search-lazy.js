/* The search index only when the reader opens search (issue 22: first-visit weight).
   Material requests search/search_index.json as soon as a page opens (162 KB compressed for this
   guide), though most visits never search. This script runs before Material's (both are deferred,
   in order) and holds that one request back until the search is opened: a focus on the search
   box (a tap, a click, or the "/", "s" and "f" keys, which focus it), a tap on the search button,
   or a page opened with a search in its address. Material shows "Initializing search" meanwhile.
   The guide's worker (search-worker.js) likewise loads Material's worker only with the index.
   From file:// (the offline edition) Material loads the index another way, which is left alone. */
(function () {
  "use strict";
  if (location.protocol === "file:") return;
  var INDEX = /(?:^|\/)search\/search_index\.json(?:$|\?)/;
  var waiting = [];
  var opened = /[?&]q=/.test(location.search);
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.guideIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.guideIndex && !opened) {
      waiting.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (held) { send.apply(held[0], held[1]); });
  }

  function isSearch(target) {
    return !!(target && target.closest && target.closest(".md-search, [for='__search']"));
  }
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) release(); }, true);
  document.addEventListener("pointerdown", function (event) { if (isSearch(event.target)) release(); }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
})();

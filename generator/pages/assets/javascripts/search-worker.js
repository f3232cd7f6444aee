/* Material's search worker, with three changes. It is served after its data (self.GUIDE_SEARCH,
   from content/search.yml and content/helplines.yml) and the matcher (search-match.js).
   1. Search never leaves a person in crisis alone: a search that reads as someone who may be in
      danger ("i cant go on", "dont wanna be here", "suicidal") gets Get help now as its first
      result, with each region's first numbers in words.
   2. Lay words also look for the guide's own ("sliding scale" also looks for "cost").
   3. For readers who type questions in plain words: Material ends every word of a query with a
      prefix wildcard, so in "my doctor judges me" the word "me" matches "measuring" and "my"
      matches "myself", and those pages rank first. Common words (lunr's own English stop-word
      list) are dropped from a query of several words before Material sees it.
   Each answer is decided by the search it answers: Material answers every search once, in the
   order asked, so the searches not yet answered wait in a queue and each answer takes the first.
   (A single "is this a crisis" flag, set by the latest search, would be wrong for an answer to an
   earlier search that comes late.)
   The generator plugin points the theme at this file and passes the address of Material's worker
   as ?worker=. It knows both index formats (manual/engines.md): Material's (setup data.docs, a
   query is a string, a result's items are groups of documents) and Zensical's (setup data.items,
   a query is {input: ...}, a result's items are {id, matches} with id the document's place in
   data.items); with Zensical only the crisis-first answer applies (its query language is its own). */
(function () {
  "use strict";
  // In a real worker this file's address is self.location; offline, the iframe-worker shim runs it
  // as a <script> in an iframe, where it is document.currentScript.src.
  var here = (self.document && document.currentScript && document.currentScript.src) || self.location.href;
  var worker = new URL(new URL(here).searchParams.get("worker"), here).href;
  var data = self.GUIDE_SEARCH || {};
  var words = self.GuideSearchMatch.reader(data);

  var helpDoc = null; // the Get help now page's entry in the index
  var helpId = -1;    // Zensical: its place in the index's items
  var waiting = [];   // the searches asked and not yet answered, oldest first

  function findHelp(docs) {
    for (var i = 0; i < docs.length; i++) {
      var location = docs[i].location || "";
      if (location.indexOf("#") === -1 && /^help(?:\/|\.html)?$/.test(location)) return docs[i];
    }
    return null;
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  /* Each region's first numbers, as the text of the Get help now result (the page shows which
     region the reader chose; see search-help.js). */
  function numbers() {
    return (data.help || []).map(function (region) {
      return '<span class="guide-sr-region" data-region="' + escape(region.anchor) + '"><strong>' +
        escape(region.region) + ":</strong> " + region.ways.map(escape).join(" · ") + "</span>";
    }).join(" ");
  }

  function helpFirst(result) {
    var items = (result && result.items) || [];
    if (helpId >= 0) return helpFirstZensical(result, items);
    var rest = items.filter(function (group) {
      return !(group.length && group[0].location.split("#")[0] === helpDoc.location);
    });
    var first = [{ location: helpDoc.location, title: helpDoc.title, text: numbers(), path: [], tags: [], score: 1e6, terms: {} }];
    var out = {};
    for (var key in result) out[key] = result[key];
    out.items = [first].concat(rest);
    return out;
  }

  function helpFirstZensical(result, items) {
    if (result.pagination && result.pagination.prev !== undefined) return result; // a later page of the same answer
    var rest = items.filter(function (item) { return item.id !== helpId; });
    var out = {};
    for (var key in result) out[key] = result[key];
    out.items = [{ id: helpId, matches: [] }].concat(rest);
    return out;
  }

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === 3) {
      var asked = waiting.shift();
      if (asked !== undefined && words.isCrisis(asked) && helpDoc) message = { type: 3, data: helpFirst(message.data) };
    }
    return post.apply(self, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };

  /* The query Material is given for what the reader typed: common words dropped (unless every
     word is one, or the query uses lunr's syntax), and the guide's words for any lay words. */
  function rewrite(typed) {
    var all = typed.trim().split(/\s+/);
    var isStop = self.lunr && self.lunr.stopWordFilter;
    var kept = all.filter(function (word) {
      var bare = word.toLowerCase().replace(/[^a-z0-9'’-]/g, "");
      return !isStop || /["+\-~^:*]/.test(word) || isStop(bare) !== undefined;
    });
    if (kept.length === 0) kept = all;
    var extra = words.synonyms(typed).filter(function (word) { return kept.indexOf(word) === -1; });
    return kept.concat(extra).join(" ");
  }

  /* The engine's worker is loaded with the index (the setup message), not when the page opens:
     until the reader opens search (search-lazy.js) nothing but this file is fetched. Its listener,
     added now, misses the message being dispatched, so the message is dispatched again. */
  var loaded = false;
  if (self.document) { // offline, in the iframe-worker shim: as before, at once
    loaded = true;
    importScripts(worker);
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === 0 && !loaded) {
      loaded = true;
      importScripts(worker);
      event.stopImmediatePropagation();
      self.dispatchEvent(new MessageEvent("message", { data: message }));
      return;
    }
    if (message.type === 0 && message.data && message.data.docs) {
      helpDoc = findHelp(message.data.docs);
      return;
    }
    if (message.type === 0 && message.data && message.data.items) { // Zensical's index
      helpDoc = findHelp(message.data.items);
      helpId = message.data.items.indexOf(helpDoc);
      return;
    }
    if (message.type === 2 && message.data && typeof message.data.input === "string") { // Zensical's query
      waiting.push(message.data.input);
      return;
    }
    if (message.type !== 2 || typeof message.data !== "string" || message.plain) return;
    waiting.push(message.data);
    var query = rewrite(message.data);
    if (query !== message.data.trim()) {
      event.stopImmediatePropagation();
      self.dispatchEvent(new MessageEvent("message", { data: { type: 2, data: query, plain: true } }));
    }
  });
})();

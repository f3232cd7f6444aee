/* Material's search worker, with two changes.
   1. For readers who type questions in plain words: Material ends every word of a query with a
      prefix wildcard, so in "my therapist judges me" the word "me" matches "measuring" and "my"
      matches "myself", and those pages rank first. Common words (lunr's own English stop-word
      list) are dropped from a query of several words before Material sees it.
   2. Search never leaves a person in crisis alone: a query with a crisis word or phrase
      ("suicidal", "self harm", "kill myself", "crisis", "emergency", ...) gets the Get help now
      page as its first result, whatever else it finds.
   The generator plugin points the theme at this file and passes the address of Material's worker
   as ?worker=. */
(function () {
  "use strict";
  // In a real worker this file's address is self.location; offline, the iframe-worker shim runs it
  // as a <script> in an iframe, where it is document.currentScript.src.
  var here = (self.document && document.currentScript && document.currentScript.src) || self.location.href;
  var worker = new URL(new URL(here).searchParams.get("worker"), here).href;

  // Words and phrases of someone who may be in danger, matched on the query as typed (lower case,
  // hyphens and apostrophes loosened). Whole words, so "crisis" matches but "crisp" does not.
  var CRISIS = new RegExp("\\b(?:" + [
    "suicid\\w*", "self ?harm\\w*", "selfharm\\w*", "harm(?:ing)? myself", "hurt(?:ing)? myself",
    "cut(?:ting)? myself", "kill(?:ing)? myself", "end(?:ing)? (?:my|it) all", "end(?:ing)? my life",
    "take my (?:own )?life", "(?:want|wanna|going) to die", "don ?t want to (?:live|be alive|be here)",
    "no reason to live", "better off dead", "overdos\\w*", "crisis", "crises", "hotlines?",
    "helplines?", "emergency", "emergencies", "in danger", "not safe", "unsafe", "urgent help",
    "help now", "samaritans", "988", "999", "911", "112", "116 ?123"
  ].join("|") + ")\\b");

  function isCrisis(query) {
    var text = query.toLowerCase().replace(/[’'`]/g, " ").replace(/-/g, " ").replace(/\s+/g, " ");
    return CRISIS.test(text);
  }

  var helpDoc = null;      // the Get help now page's entry in the index
  var crisisQuery = false; // whether the query being answered is a crisis query

  function findHelp(docs) {
    for (var i = 0; i < docs.length; i++) {
      var location = docs[i].location || "";
      if (location.indexOf("#") === -1 && /^help(?:\/|\.html)?$/.test(location)) return docs[i];
    }
    return null;
  }

  function helpFirst(result) {
    var items = (result && result.items) || [];
    var rest = items.filter(function (group) {
      return !(group.length && group[0].location.split("#")[0] === helpDoc.location);
    });
    var first = [{ location: helpDoc.location, title: helpDoc.title, text: helpDoc.text || "", path: helpDoc.path || [], tags: [], score: 1e6, terms: {} }];
    var out = {};
    for (var key in result) out[key] = result[key];
    out.items = [first].concat(rest);
    return out;
  }

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === 3 && crisisQuery && helpDoc) {
      message = { type: 3, data: helpFirst(message.data) };
    }
    return post.apply(self, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === 0 && message.data && message.data.docs) {
      helpDoc = findHelp(message.data.docs);
      return;
    }
    if (message.type !== 2 || typeof message.data !== "string" || message.plain) return;
    crisisQuery = isCrisis(message.data);
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

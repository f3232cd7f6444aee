/* How the search reads a reader's own words (content/search.yml, issue 19).

   A phrase matches a search when every word of it that matters is in the search, in any order,
   among any other words, each written closely enough:
   - capitals, accents and apostrophes do not count ("Don't" is "dont");
   - words listed as `same` are read as what they stand for, in the phrase and in the search
     alike ("cant", "can't" and "cannot" are all "can not"; "wanna" is "want to");
   - small words listed as `optional` may be missing ("no point living" is "no point in living");
   - a word may have an ending ("harming", "killed") or, in a longer word, a letter or two wrong
     ("sucidal", "suicidle"): one change in a word of 5 to 7 letters, two from 8 letters.
   No list of spellings, then, only one plain phrase per idea.

   Shared by the search worker (search-worker.js) and the tests, which run it in Node on the same
   data. Nothing here touches the page. */
(function (root) {
  "use strict";

  var ENDINGS = ["s", "es", "ed", "d", "ing", "ting", "ly"];

  /* The words of a text: lower case, no accents or apostrophes, split at anything else. */
  function split(text) {
    var plain = String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/['\u2018\u2019`\u00b4]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    return plain ? plain.split(" ") : [];
  }

  /* The `same` words a word is: itself, or the nearest to a slip in it ("wanan"). A slip as near
     to two of them ("wonna": "wanna" or "gonna") is read as each, so neither meaning is lost. */
  function sameWords(word, same) {
    if (Object.prototype.hasOwnProperty.call(same, word)) return [word];
    var best = [], nearest = 3;
    for (var key in same) {
      if (key.length < 5 || !close(word, key) || /\d/.test(key)) continue;
      var d = distance(word, key, 2);
      if (d < nearest) { best = [key]; nearest = d; }
      else if (d === nearest) best.push(key);
    }
    return best;
  }

  /* The words of a text with each `same` word replaced by what it stands for. */
  function words(text, same) {
    var out = [];
    split(text).forEach(function (word) {
      var keys = sameWords(word, same);
      if (!keys.length) out.push(word);
      keys.forEach(function (key) { out.push.apply(out, split(same[key])); });
    });
    return out;
  }

  /* Edit distance with swapped neighbours (optimal string alignment), or limit + 1 once it is over. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var next = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        next.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) return limit + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  }

  /* Whether a word of the search is close enough to a word of a phrase. */
  function close(typed, wanted) {
    if (typed === wanted) return true;
    if (wanted.length >= 3 && typed.indexOf(wanted) === 0 && ENDINGS.indexOf(typed.slice(wanted.length)) !== -1) return true;
    if (/\d/.test(wanted)) return false; // numbers are exact: 999 is not 998
    var allowed = wanted.length >= 8 ? 2 : wanted.length >= 5 ? 1 : 0;
    return allowed > 0 && distance(typed, wanted, allowed) <= allowed;
  }

  /* Whether every word of a phrase is in the search, each matched by a different word of it. */
  function found(typed, phrase) {
    if (phrase.length > 1) {
      var joined = phrase.join(""); // "116 123" is also "116123"; "self harm" also "selfharm"
      if (typed.some(function (word) { return close(word, joined); })) return true;
    }
    var used = {};
    return phrase.every(function (wanted) {
      for (var i = 0; i < typed.length; i++) {
        if (!used[i] && close(typed[i], wanted)) {
          used[i] = true;
          return true;
        }
      }
      return false;
    });
  }

  /* The search words of search.yml made ready for matching. */
  function reader(data) {
    var same = data.same || {};
    var optional = {};
    (data.optional || []).forEach(function (word) {
      words(word, same).forEach(function (w) { optional[w] = true; });
    });
    function phrase(text) {
      var all = words(text, same);
      var needed = all.filter(function (w) { return !optional[w]; });
      return needed.length ? needed : all;
    }
    var crisis = (data.crisis || []).map(phrase);
    var synonyms = (data.synonyms || []).map(function (group) {
      return { phrases: group.words.map(phrase), finds: group.finds };
    });
    return {
      /* Whether a search reads as someone who may be in danger. */
      isCrisis: function (query) {
        var typed = words(query, same);
        return crisis.some(function (p) { return found(typed, p); });
      },
      /* The guide's own words a search's lay words stand for (none if it has no lay words). */
      synonyms: function (query) {
        var typed = words(query, same), out = [];
        synonyms.forEach(function (group) {
          if (group.phrases.some(function (p) { return found(typed, p); })) {
            group.finds.forEach(function (word) { if (out.indexOf(word) === -1) out.push(word); });
          }
        });
        return out;
      }
    };
  }

  var api = { reader: reader, words: words, distance: distance };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GuideSearchMatch = api;
})(this);

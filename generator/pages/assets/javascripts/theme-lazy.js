/* Material's script when the reader first reaches for what it drives (issue 22: first-visit weight).
   The theme's script (bundle.*.min.js) is 34 KB compressed, nearly half of a topic page's first
   visit, and a reader who only reads uses none of it: the words, links, menu, contents and "Get help
   now" work without it. The pass over finished pages (build/postpass.py) puts this script in its
   place, with the theme script's address in data-theme-script; this script loads it:
   - at once, when the page is opened with a search in its address (?q=, ?h=) or from file://
     (the offline edition, where nothing is downloaded);
   - on a first reach for the search (a tap, a click or focus on it, or the "/", "s" and "f" keys),
     the colour-scheme switch, a glossary term (its definition), or, with a mouse, the sidebar (the
     contents follow the reading);
   - when the reader scrolls back up by a screen (the "Back to top" button appears then).
   Until then it does what the theme's script would do at once: marks the page as scripted (the
   search and the switch show), follows the system's colour scheme on a first visit, shows the
   switch's button, sizes the desktop sidebar (layout.css) and scrolls it to the page's own entry.
   A press of the switch is held and pressed again once the theme runs; a search typed meanwhile is
   read then.
   The theme starts on DOMContentLoaded, which has passed: its listener is kept while its script
   runs and called once it has run. Links, "Get help now" among them, load nothing. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-theme-script");
  if (!src) return;
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js", "guide-theme-waiting"); // the sidebar's size until the theme sets it (layout.css)

  // Deferred, this script runs before DOMContentLoaded; the theme must not start before it.
  var parsed = document.readyState === "complete";
  document.addEventListener("DOMContentLoaded", function () { parsed = true; }, { once: true });
  var state = "waiting"; // then "loading", then "running"
  var held = null; // a press of the colour-scheme switch made before the theme runs
  var REACH = ".md-search, label[for='__search'], [data-md-component='palette'], .md-content abbr[title]";
  var HOVER = ".md-sidebar, .md-content abbr[title]";

  function start() {
    if (state !== "waiting") return;
    state = "loading";
    var starts = [];
    // The theme listens for DOMContentLoaded while its script runs (RxJS fromEvent): keep that listener.
    document.addEventListener = function (type, listener) {
      if (type === "DOMContentLoaded") {
        starts.push(listener);
        return undefined;
      }
      return EventTarget.prototype.addEventListener.apply(this, arguments);
    };
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      delete document.addEventListener;
      // From a cache the script may run before the page's other deferred scripts: start after them.
      if (!parsed) document.addEventListener("DOMContentLoaded", run, { once: true });
      else run();
    };
    function run() {
      state = "running";
      var ready = new Event("DOMContentLoaded");
      starts.forEach(function (listener) {
        if (typeof listener === "function") listener.call(document, ready);
        else if (listener && listener.handleEvent) listener.handleEvent(ready);
      });
      root.classList.remove("guide-theme-waiting");
      Array.prototype.forEach.call(document.querySelectorAll("meta[data-guide-until-theme]"), function (meta) { meta.remove(); });
      if (held) {
        var press = held;
        var palette = press.closest("[data-md-component='palette']");
        var focused = press.contains(document.activeElement);
        held = null;
        press.click();
        // The pressed button hides and the next scheme's shows: keep a keyboard's focus on the switch.
        var shown = focused && palette && palette.querySelector("label:not([hidden])");
        if (shown) (shown.querySelector("[tabindex]") || shown).focus();
      }
    }
    script.onerror = function () { // offline for a moment: the next reach tries again
      delete document.addEventListener;
      script.remove();
      state = "waiting";
    };
    document.head.appendChild(script);
  }

  function within(target, selector) {
    return !!(target && target.closest && target.closest(selector));
  }

  if (location.protocol === "file:" || /[?&][qh]=/.test(location.search)) {
    start();
    return;
  }

  // What the theme does as it starts, done now. The colour switch shows the button for the scheme
  // in use (the one stored, or the first whose media query matches, as the theme chooses it).
  var options = document.querySelectorAll("[data-md-component='palette'] input");
  if (options.length) {
    var stored = null;
    try { stored = typeof __md_get === "function" ? __md_get("__palette") : null; } catch (e) { stored = null; }
    var index = stored && typeof stored.index === "number" ? stored.index : -1;
    if (index < 0) {
      index = Array.prototype.findIndex.call(options, function (input) {
        return matchMedia(input.getAttribute("data-md-color-media")).matches;
      });
    }
    index = Math.max(0, Math.min(index, options.length - 1));
    var button = options[index].nextElementSibling;
    if (button && button.tagName === "LABEL") button.hidden = false;
    // The colours: a stored choice is applied by the theme's inline script in the page's head; the
    // first visit follows the system (the theme's first palette entry), as the theme would, and
    // keeps following it until the theme runs.
    var system = matchMedia("(prefers-color-scheme: light)");
    var follow = function () {
      if (state === "running") return;
      if (!(stored && stored.color)) {
        var input = options[index];
        var media = input.getAttribute("data-md-color-media");
        var chosen = media !== "(prefers-color-scheme)" ? input : document.querySelector(system.matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']" : "[data-md-color-media='(prefers-color-scheme: dark)']") || input;
        document.body.setAttribute("data-md-color-media", media);
        ["scheme", "primary", "accent"].forEach(function (key) {
          document.body.setAttribute("data-md-color-" + key, chosen.getAttribute("data-md-color-" + key));
        });
      }
      browserColours();
    };
    follow();
    if (system.addEventListener) system.addEventListener("change", follow);
  }

  // The browser's own colours (scroll bars, a phone's address bar) from the header's, as the theme
  // sets them; the theme puts in its own when it runs, and these go.
  function browserColours() {
    var header = document.querySelector(".md-header");
    if (!header) return;
    var look = getComputedStyle(header);
    var rgb = (look.backgroundColor.match(/\d+/g) || []).slice(0, 3);
    var values = {
      "color-scheme": look.colorScheme,
      "theme-color": rgb.length === 3 ? "#" + rgb.map(function (c) { return (+c).toString(16).padStart(2, "0"); }).join("") : ""
    };
    Object.keys(values).forEach(function (name) {
      var meta = document.querySelector("meta[name='" + name + "'][data-guide-until-theme]");
      if (!values[name]) return;
      if (!meta) {
        meta = document.createElement("meta");
        meta.name = name;
        meta.setAttribute("data-guide-until-theme", "");
        document.head.appendChild(meta);
      }
      meta.content = values[name];
    });
  }

  // The page's own entry in view in the sidebar.
  Array.prototype.forEach.call(document.querySelectorAll(".md-sidebar .md-nav__link--active[href]"), function (link) {
    var wrap = link.closest(".md-sidebar__scrollwrap");
    if (!wrap || !link.clientHeight) return;
    wrap.scrollTop = link.offsetTop - wrap.offsetTop - wrap.getBoundingClientRect().height / 2;
  });

  document.addEventListener("pointerdown", function (event) { if (within(event.target, REACH)) start(); }, true);
  document.addEventListener("focusin", function (event) { if (within(event.target, REACH)) start(); }, true);
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "mouse" && within(event.target, HOVER)) start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") start();
  }, true);
  // A press of the colour-scheme switch before the theme runs would turn its radio but not the
  // colours: hold it, and press again once the theme runs.
  document.addEventListener("click", function (event) {
    if (state === "running" || !within(event.target, "[data-md-component='palette'] label")) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    held = event.target.closest("label");
    start();
  }, true);
  // The theme's keys for search, until the theme runs and answers them itself.
  document.addEventListener("keydown", function (event) {
    if (state === "running" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "f"].indexOf(event.key) === -1) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var input = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    if (!input) return;
    event.preventDefault();
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    input.focus();
    start();
  }, true);
  var lowest = window.scrollY;
  window.addEventListener("scroll", function onScroll() {
    lowest = Math.max(lowest, window.scrollY);
    if (lowest - window.scrollY > window.innerHeight) {
      window.removeEventListener("scroll", onScroll);
      start();
    }
  }, { passive: true });
})();

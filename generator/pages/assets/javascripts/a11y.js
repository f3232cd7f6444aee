/* Accessibility fixes for the theme, found by the axe-core gate and by tabbing through on a phone:
   - Material's search dialog has role="dialog" but no accessible name (aria-dialog-name);
   - a wide table sits in a scrollable wrapper that a keyboard cannot reach
     (scrollable-region-focusable): make each wrapper focusable and name it;
   - the header's buttons are <label>s of hidden checkboxes and radios, so a keyboard cannot press
     them, and the colour-scheme radio itself is an invisible tab stop: each label gets a button
     inside it (Enter or Space presses it) and the hidden radios leave the tab order;
   - a glossary term (abbr) shows its definition on hover only: each one becomes focusable, so a
     keyboard reaches it and a tap on a phone opens it (Material shows the tooltip on focus). */
(function () {
  "use strict";
  var NAMES = { __drawer: guideText("chrome.menu"), __search: guideText("chrome.search") };

  function pressable(label) {
    if (label.querySelector(".guide-press")) return;
    var name = NAMES[label.htmlFor] || label.getAttribute("title");
    if (!name) return;
    // A <label> may not take role="button", so the button is a span inside it, around the icon.
    var press = document.createElement("span");
    press.className = "guide-press";
    press.setAttribute("role", "button");
    press.setAttribute("tabindex", "0");
    press.setAttribute("aria-label", name);
    while (label.firstChild) press.appendChild(label.firstChild);
    label.appendChild(press);
    press.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // Material's palette also clicks its label on Enter: press once
      var palette = label.closest("[data-md-component=palette]");
      label.click();
      if (label.htmlFor === "__search") {
        setTimeout(function () {
          var input = document.querySelector(".md-search__input");
          if (input) input.focus();
        }, 50);
      }
      if (palette) {
        // The pressed scheme's label hides and the next one shows: keep the focus on the control.
        setTimeout(function () {
          var shown = palette.querySelector("label:not([hidden]) .guide-press");
          if (shown) shown.focus();
        }, 0);
      }
    });
  }

  function fix() {
    Array.prototype.forEach.call(document.querySelectorAll('.md-search[role="dialog"]'), function (el) {
      el.setAttribute("aria-label", guideText("chrome.search"));
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (el) {
      if (el.hasAttribute("tabindex")) return;
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "Table (scrolls sideways)");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-header label.md-header__button[for]"), pressable);
    Array.prototype.forEach.call(document.querySelectorAll(".md-header .md-option"), function (radio) {
      radio.setAttribute("tabindex", "-1");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-content .md-typeset abbr"), function (term) {
      if (!term.hasAttribute("tabindex")) term.setAttribute("tabindex", "0");
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function () { setTimeout(fix, 0); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix); else fix();
})();

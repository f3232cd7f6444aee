/* Practice scenarios: choose a response, check it, read its feedback, try another choice, or go
   on to the moment it leads to. Without JavaScript every moment shows its choices and the
   feedback on each in a <details>, so nothing is lost. The choices are a labelled radio group,
   the feedback is announced through a live region, and the words are the guide's strings
   (guideText, practice.*). */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function enhance(scenario, s) {
    if (scenario.dataset.ready) return;
    scenario.dataset.ready = "true";
    var moments = Array.prototype.slice.call(scenario.querySelectorAll(".scenario-moment"));
    var trail = [moments[0]]; // the moments on show, in the order the reader reached them
    var resets = [];

    function goOn(from, target) {
      // Going on from a moment drops whatever came after it (another branch), then shows the target.
      trail.splice(trail.indexOf(from) + 1).forEach(function (m) { m.hidden = true; resets[moments.indexOf(m)](); });
      trail.push(target);
      target.hidden = false;
      var heading = target.querySelector("h2");
      heading.tabIndex = -1;
      heading.focus();
    }

    moments.forEach(function (moment, m) {
      var question = moment.querySelector(".scenario-question");
      var list = moment.querySelector(".scenario-choices");
      var feedback = moment.querySelector(".scenario-feedback");
      if (!question || !list || !feedback) return;
      var name = "scenario-" + s + "-" + m;
      var form = el("form", "scenario-form");
      var fieldset = el("fieldset");
      var legend = el("legend", "scenario-legend");
      legend.innerHTML = question.innerHTML;
      fieldset.appendChild(legend);
      Array.prototype.forEach.call(list.children, function (li) {
        var label = el("label", "scenario-choice");
        var input = el("input");
        input.type = "radio";
        input.name = name;
        input.value = li.getAttribute("data-letter");
        var text = el("span");
        text.innerHTML = "<strong>" + input.value + ".</strong> " + li.innerHTML;
        label.appendChild(input);
        label.appendChild(text);
        fieldset.appendChild(label);
      });
      form.appendChild(fieldset);
      form.appendChild(el("button", "md-button quiz-check scenario-check", guideText("practice.check"))).type = "submit";
      var status = el("div", "scenario-result");
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      form.appendChild(status);
      var actions = el("div", "scenario-actions");
      form.appendChild(actions);

      function clear() {
        status.innerHTML = "";
        status.className = "scenario-result";
        actions.innerHTML = "";
        Array.prototype.forEach.call(form.querySelectorAll(".scenario-mark"), function (mark) { mark.remove(); });
      }
      resets[m] = function () { clear(); form.reset(); };

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        clear();
        var chosen = form.querySelector("input:checked");
        if (!chosen) {
          status.textContent = guideText("practice.choose_first");
          return;
        }
        chosen.parentNode.appendChild(el("span", "scenario-mark", guideText("practice.yours")));
        var details = feedback.querySelector("details[data-letter='" + chosen.value + "']");
        status.classList.add(details.getAttribute("data-best") === "true" ? "scenario-result--best" : "scenario-result--other");
        Array.prototype.forEach.call(details.children, function (part) {
          if (part.tagName === "SUMMARY") return;
          var copy = part.cloneNode(true);
          var link = part.classList.contains("scenario-next") ? part.querySelector("a") : null;
          var target = link && scenario.querySelector(".scenario-moment[data-moment='" + link.getAttribute("href").slice(1) + "']");
          if (target) {
            // The link to the next moment becomes a button beside "Try another choice".
            var button = el("button", "md-button quiz-check scenario-go", link.textContent);
            button.type = "button";
            button.addEventListener("click", function () { goOn(moment, target); });
            actions.appendChild(button);
          } else {
            status.appendChild(copy);
          }
        });
        var again = el("button", "md-button quiz-check scenario-again", guideText("practice.again"));
        again.type = "button";
        again.addEventListener("click", function () {
          clear();
          chosen.focus();
        });
        actions.appendChild(again);
      });

      question.hidden = true;
      list.hidden = true;
      feedback.hidden = true;
      moment.insertBefore(form, feedback);
      if (m > 0) moment.hidden = true;
    });

    // A link to a later moment (the page's table of contents) shows it rather than going nowhere.
    function reveal() {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      var moment = target && target.closest(".scenario-moment");
      if (moment && moment.hidden && scenario.contains(moment)) {
        moment.hidden = false;
        trail.push(moment);
        target.scrollIntoView();
      }
    }
    window.addEventListener("hashchange", reveal);
    reveal();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".scenario"), enhance);
  }

  window.guideOnEachPage(init);
})();

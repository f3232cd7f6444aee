/* Self-check quizzes: pick an answer, hear whether it is right and why.
   Without JavaScript each question keeps its "Show the answer" box, so nothing is lost.
   Works with mouse, keyboard (Tab, arrow keys, Space, Enter) and screen readers: the
   choices are a labelled radio group and the result is announced through a live region. */
(function () {
  "use strict";

  function enhance(item, index) {
    if (item.dataset.ready) return;
    item.dataset.ready = "true";
    var answer = item.getAttribute("data-answer");
    var list = item.querySelector(".quiz-choices");
    var details = item.querySelector(".quiz-answer");
    var question = item.querySelector(".quiz-question");
    var why = item.querySelector(".quiz-why");
    if (!list || !details || !question) return;

    var form = document.createElement("form");
    form.className = "quiz-form";
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.className = "quiz-legend";
    legend.innerHTML = question.innerHTML;
    fieldset.appendChild(legend);
    var name = "quiz-" + index;
    Array.prototype.forEach.call(list.querySelectorAll("li"), function (li) {
      var letter = li.getAttribute("data-letter");
      var label = document.createElement("label");
      label.className = "quiz-choice";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = letter;
      label.appendChild(input);
      var text = document.createElement("span");
      text.innerHTML = "<strong>" + letter + ".</strong> " + li.innerHTML;
      label.appendChild(text);
      fieldset.appendChild(label);
    });
    form.appendChild(fieldset);
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "md-button quiz-check";
    button.textContent = guideText("quiz.check");
    form.appendChild(button);
    var status = document.createElement("div");
    status.className = "quiz-feedback";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[name='" + name + "']:checked");
      status.classList.remove("quiz-right", "quiz-wrong");
      if (!chosen) {
        status.textContent = guideText("quiz.choose_first");
        return;
      }
      var right = chosen.value === answer;
      var correctInput = form.querySelector("input[value='" + answer + "']");
      var correct = correctInput.parentNode.querySelector("span").textContent.trim();
      // Mark the chosen option right or wrong in words (not only colour), and the right one too.
      Array.prototype.forEach.call(form.querySelectorAll(".quiz-choice"), function (label) {
        label.classList.remove("quiz-choice--right", "quiz-choice--wrong");
        var mark = label.querySelector(".quiz-mark");
        if (mark) mark.remove();
      });
      function markChoice(input, isRight, words) {
        var label = input.parentNode;
        label.classList.add(isRight ? "quiz-choice--right" : "quiz-choice--wrong");
        var mark = document.createElement("span");
        mark.className = "quiz-mark";
        mark.textContent = words;
        label.appendChild(mark);
      }
      markChoice(chosen, right, guideText(right ? "quiz.mark_right" : "quiz.mark_yours"));
      if (!right) markChoice(correctInput, true, guideText("quiz.mark_right_answer"));
      status.classList.add(right ? "quiz-right" : "quiz-wrong");
      status.innerHTML = "";
      var verdict = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = guideText(right ? "quiz.right" : "quiz.not_quite");
      verdict.appendChild(strong);
      if (!right) verdict.appendChild(document.createTextNode(" " + guideText("quiz.the_answer_is") + " " + correct));
      status.appendChild(verdict);
      if (why) {
        var explanation = document.createElement("div");
        explanation.innerHTML = why.innerHTML;
        status.appendChild(explanation);
      }
    });

    question.hidden = true;
    list.hidden = true;
    details.classList.add("quiz-answer--enhanced");
    item.insertBefore(form, details);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".quiz-item"), enhance);
  }

  // Printing shows every answer, after its question.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  window.guideOnEachPage(init);
})();

/* termweave quizzes: the Check and Try again buttons of every .tw-quiz (termweave.pages.learning).
 *
 * - Without JavaScript a quiz is a question with its answer in a <details>; here the buttons are
 *   shown and answers are checked. The whys and the explanation are copied (cloned) from that
 *   <details>, so there is one copy of each text in the page.
 * - Clicks are delegated to `document`, so pages swapped in by Material's instant navigation
 *   need no re-binding; the buttons are revealed on each page through Material's `document$`
 *   observable when it exists (every instant navigation emits), else once on load.
 */
(function () {
  "use strict";
  if (window.__termweaveQuiz) return;
  window.__termweaveQuiz = true;

  function keyItem(quiz, index) {
    return quiz.querySelector('[data-tw-key="' + index + '"]');
  }

  function isCorrect(quiz, index) {
    var item = keyItem(quiz, index);
    return !!item && item.getAttribute("data-tw-correct") === "true";
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function copyOf(quiz, selector, index) {
    var item = index === null ? quiz : keyItem(quiz, index);
    var found = item && item.querySelector(selector);
    if (!found) return null;
    var copy = found.cloneNode(true);
    copy.removeAttribute("data-tw-why");
    copy.removeAttribute("data-tw-explain");
    return copy;
  }

  function labelText(quiz, index) {
    var input = quiz.querySelectorAll("input")[index];
    var label = input && quiz.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.trim() : "";
  }

  function check(quiz) {
    var inputs = Array.prototype.slice.call(quiz.querySelectorAll(".tw-quiz__choice input"));
    var feedback = quiz.querySelector("[data-tw-feedback]");
    var multiple = quiz.getAttribute("data-tw-quiz") === "multiple";
    var chosen = [];
    inputs.forEach(function (input, index) {
      var choice = input.closest(".tw-quiz__choice");
      choice.removeAttribute("data-tw-state");
      if (input.checked) chosen.push(index);
    });
    feedback.textContent = "";
    if (!chosen.length) {
      quiz.setAttribute("data-tw-result", "none");
      feedback.appendChild(paragraph("Choose an answer first.", "tw-quiz__verdict"));
      return;
    }
    var wrong = chosen.filter(function (index) { return !isCorrect(quiz, index); });
    var missed = inputs.filter(function (input, index) {
      return !input.checked && isCorrect(quiz, index);
    }).length;
    var right = !wrong.length && !missed;
    chosen.forEach(function (index) {
      var state = isCorrect(quiz, index) ? "right" : "wrong";
      inputs[index].closest(".tw-quiz__choice").setAttribute("data-tw-state", state);
    });
    quiz.setAttribute("data-tw-result", right ? "right" : "wrong");
    feedback.appendChild(paragraph(right ? "Right!" : "Not yet.", "tw-quiz__verdict"));
    var whys = multiple ? wrong : chosen;
    whys.forEach(function (index) {
      var why = copyOf(quiz, "[data-tw-why]", index);
      if (!why) return;
      if (multiple) why.insertBefore(paragraph(labelText(quiz, index) + ":", "tw-quiz__pick"), why.firstChild);
      feedback.appendChild(why);
    });
    if (multiple && !right && missed) {
      feedback.appendChild(paragraph("There is more to choose: " + (missed === 1 ?
        "one right answer is" : missed + " right answers are") + " not chosen yet.", "tw-quiz__more"));
    }
    if (right) {
      var explain = copyOf(quiz, "[data-tw-explain]", null);
      if (explain) feedback.appendChild(explain);
    }
    quiz.querySelector("[data-tw-retry]").hidden = false;
  }

  function retry(quiz) {
    var inputs = quiz.querySelectorAll(".tw-quiz__choice input");
    Array.prototype.forEach.call(inputs, function (input) {
      input.checked = false;
      input.closest(".tw-quiz__choice").removeAttribute("data-tw-state");
    });
    quiz.removeAttribute("data-tw-result");
    quiz.querySelector("[data-tw-feedback]").textContent = "";
    quiz.querySelector("[data-tw-retry]").hidden = true;
    if (inputs.length) inputs[0].focus();
  }

  function enhance() {
    var quizzes = document.querySelectorAll(".tw-quiz:not([data-tw-ready])");
    Array.prototype.forEach.call(quizzes, function (quiz) {
      quiz.querySelector("[data-tw-actions]").hidden = false;
      quiz.setAttribute("data-tw-ready", "");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-tw-check], [data-tw-retry]");
    var quiz = button && button.closest(".tw-quiz");
    if (!quiz) return;
    if (button.hasAttribute("data-tw-check")) check(quiz);
    else retry(quiz);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();

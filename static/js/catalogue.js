// Catalogue filters apply as soon as a box is ticked or a list changes; without this script the
// «Показать» button does the same. Text fields still wait for Enter, so typing is not interrupted.
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filters");
  if (!form) {
    return;
  }
  function isChoice(element) {
    return element.matches("input[type=checkbox], input[type=radio], select");
  }
  function submit() {
    form.classList.add("is-loading");
    form.requestSubmit();
  }
  // Empty fields would clutter the shared link (?q=&stage=); leave them out of the submission.
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.value && !field.disabled) {
        field.dataset.skipped = "true";
        field.disabled = true;
      }
    });
  });
  // Coming back through the history may restore the page as it was left, disabled fields included.
  window.addEventListener("pageshow", function () {
    form.classList.remove("is-loading");
    form.querySelectorAll("[data-skipped]").forEach(function (field) {
      delete field.dataset.skipped;
      field.disabled = false;
    });
  });
  form.addEventListener("change", function (event) {
    if (isChoice(event.target)) {
      submit();
    }
  });
  // On a phone the filter list would push the results a screen down: fold it, the summary unfolds it.
  var toggle = document.querySelector("[data-collapse-narrow]");
  if (toggle && window.matchMedia("(max-width: 899px)").matches) {
    toggle.open = false;
  }
  // Fields that live elsewhere on the page but belong to the form (the sort list).
  document.querySelectorAll("[form=catalogue-filters][data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", submit);
  });
})();

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
  // The filters come folded (on a phone they would push the results a screen down); wide screens already show
  // them by CSS, and opening the <details> there changes nothing on screen, only what browsers without
  // ::details-content show and what a screen reader announces.
  var toggle = document.querySelector("[data-open-wide]");
  if (toggle && window.matchMedia("(min-width: 900px)").matches) {
    toggle.open = true;
  }
  // Fields that live elsewhere on the page but belong to the form (the sort list).
  document.querySelectorAll("[form=catalogue-filters][data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", submit);
  });
})();

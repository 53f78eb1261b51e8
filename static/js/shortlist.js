// «Добавить в подборку» without leaving the page: the form is sent in the background, the button says what
// happened and the count in the header follows. Without this script the same form posts and comes back.
(function () {
  "use strict";
  var count = document.querySelector("[data-shortlist-count]");

  function showCount(number) {
    if (!count) {
      return;
    }
    count.textContent = String(number);
    count.hidden = number < 1;
  }

  function say(form, text, url, failed) {
    var note = form.querySelector(".shortlist-add__done");
    if (!note) {
      note = document.createElement("p");
      note.className = "shortlist-add__done";
      note.setAttribute("role", "status");
      form.appendChild(note);
    }
    note.textContent = text + " ";
    if (!failed) {
      var link = document.createElement("a");
      link.href = url;
      link.textContent = "Открыть подборку";
      note.appendChild(link);
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-shortlist-add]") || !window.fetch) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) {
        showCount(data.count);
        say(form, data.message, data.url, !response.ok);
        if (response.ok) {
          button.hidden = true;
        }
      });
    }).catch(function () {
      // Offline or an unexpected answer: send the form the ordinary way.
      form.submit();
    }).finally(function () {
      button.disabled = false;
    });
  });
}());

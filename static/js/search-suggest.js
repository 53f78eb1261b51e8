// Progressive enhancement: fill the search box's <datalist> with titles of matching solutions as a person types.
// Without JavaScript the form still submits to /search/.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !input.list || !window.fetch) { return; }
  var list = input.list;
  var timer = null;
  var lastQuery = "";

  function show(suggestions) {
    list.replaceChildren.apply(list, suggestions.map(function (item) {
      var option = document.createElement("option");
      option.value = item.title;
      return option;
    }));
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery) { return; }
      lastQuery = query;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) { if (data.query !== undefined) { show(data.suggestions); } })
        .catch(function () { /* suggestions are optional; the form works without them */ });
    }, 200);
  });
})();

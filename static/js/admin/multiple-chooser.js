// Several items of one category chosen in Wagtail's chooser modal (catalogue/choosers.py): the modal searches as
// one types, picks several at once and can create a missing item; each chosen item posts its id in a hidden input.
(function () {
  'use strict';

  function itemElement(name, item) {
    var li = document.createElement('li');
    li.className = 'multiple-chooser__item';
    li.dataset.chosenId = String(item.id);
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = String(item.id);
    var title = document.createElement('span');
    title.className = 'multiple-chooser__title';
    title.textContent = item.string || item.title || String(item.id);
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button button-small button-secondary';
    remove.dataset.remove = '';
    remove.setAttribute('aria-label', 'Убрать: ' + title.textContent);
    remove.textContent = 'Убрать';
    li.append(input, title, remove);
    return li;
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = 'true';
    var factory = window.telepath.unpack(JSON.parse(root.dataset.chooser));
    var list = root.querySelector('[data-chosen-list]');
    var empty = root.querySelector('[data-empty]');

    function changed() {
      empty.hidden = list.children.length > 0;
      // Wagtail's «unsaved changes» warning listens for change events on the form.
      root.dispatchEvent(new Event('change', { bubbles: true }));
    }

    root.querySelector('[data-choose]').addEventListener('click', function () {
      factory.openModal(function (result) {
        [].concat(result).forEach(function (item) {
          if (!list.querySelector('[data-chosen-id="' + String(item.id) + '"]')) {
            list.append(itemElement(root.dataset.name, item));
          }
        });
        changed();
      }, { multiple: true });
    });

    list.addEventListener('click', function (event) {
      var button = event.target.closest('[data-remove]');
      if (button) {
        button.closest('li').remove();
        changed();
      }
    });
  }

  function setUpAll() {
    document.querySelectorAll('[data-multiple-chooser]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUpAll);
  } else {
    setUpAll();
  }
})();

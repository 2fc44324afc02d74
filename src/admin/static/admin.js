/* gatehouse administration — progressive enhancements (ES2017, no dependencies).
 * Every page works without this file. Nothing is written to globals, no eval, no innerHTML:
 * all markup is built with DOM nodes so server data is only ever text.
 *   1. Changelist actions: select-all toggle, "N of M selected" counter, row highlight,
 *      shift-click ranges, and an inline error when an action is run with no row checked.
 *   2. select.filtered → Django-style dual-list picker, keeping the original <select> as the
 *      real (hidden) form field with its options' `selected` flags in sync.
 */
(function () {
  'use strict';

  /* Build an element: el('button', {type: 'button', className: 'x'}, ['text', node]). */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      const value = props[key];
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* ---- 1. Changelist actions ---- */
  const NO_SELECTION = 'Items must be selected in order to perform actions on them. No items have been changed.';

  function initActions(form) {
    const boxes = Array.from(form.querySelectorAll('input.action-select'));
    const toggle = form.querySelector('#action-toggle');
    const counter = form.querySelector('.action-counter');
    const actionsBar = form.querySelector('.actions');
    const declaredTotal = counter ? parseInt(counter.getAttribute('data-actions-icnt'), 10) : NaN;
    const total = Number.isNaN(declaredTotal) ? boxes.length : declaredTotal;
    let error = null;
    let lastClicked = null;

    if (counter) {
      counter.setAttribute('aria-live', 'polite');
    }
    if (toggle && !toggle.hasAttribute('aria-label') && !toggle.labels.length) {
      toggle.setAttribute('aria-label', 'Select all objects on this page');
    }

    function clearError() {
      if (error) {
        error.remove();
        error = null;
      }
    }

    function update() {
      const checked = boxes.filter(function (box) { return box.checked; }).length;
      boxes.forEach(function (box) {
        const row = box.closest('tr');
        if (row) row.classList.toggle('selected', box.checked);
      });
      if (toggle) {
        toggle.checked = checked > 0 && checked === boxes.length;
        toggle.indeterminate = checked > 0 && checked < boxes.length;
      }
      if (counter) counter.textContent = checked + ' of ' + total + ' selected';
      if (checked > 0) clearError();
    }

    if (toggle) {
      toggle.addEventListener('change', function () {
        boxes.forEach(function (box) { box.checked = toggle.checked; });
        lastClicked = null;
        update();
      });
    }

    boxes.forEach(function (box) {
      box.addEventListener('click', function (event) {
        // Shift-click checks/unchecks every box between the last one clicked and this one.
        if (event.shiftKey && lastClicked && lastClicked !== box) {
          const a = boxes.indexOf(lastClicked);
          const b = boxes.indexOf(box);
          boxes.slice(Math.min(a, b), Math.max(a, b) + 1).forEach(function (other) {
            other.checked = box.checked;
          });
        }
        lastClicked = box;
      });
      box.addEventListener('change', update);
    });

    form.addEventListener('submit', function (event) {
      // Only guard the action "Go" button (other submit buttons in this form pass through).
      const submitter = event.submitter;
      if (actionsBar && submitter && !actionsBar.contains(submitter)) return;
      const action = form.querySelector('select[name="action"]');
      if (!action || !action.value) return;
      const across = form.querySelector('input[name="select_across"]');
      if (across && across.value === '1') return;
      if (boxes.some(function (box) { return box.checked; })) return;
      event.preventDefault();
      if (!error) {
        error = el('p', { className: 'errornote', role: 'alert', text: NO_SELECTION });
        form.insertBefore(error, actionsBar || form.firstChild);
      }
    });

    form.addEventListener('reset', function () { setTimeout(update, 0); });
    update();
  }

  /* ---- 2. Dual-list selector for select.filtered ---- */
  let selectorCount = 0;

  function initSelector(original) {
    if (original.disabled || original.getAttribute('data-selector') === 'on') return;
    original.setAttribute('data-selector', 'on');

    const base = original.id || ('gatehouse_selector_' + (++selectorCount));
    const label = original.id ? document.querySelector('label[for="' + CSS.escape(original.id) + '"]') : null;
    const verbose = original.getAttribute('data-verbose-name') ||
      (label ? label.textContent.replace(/:\s*$/, '').trim().toLowerCase() : original.name);

    // One visible copy per original option; remember which original it mirrors and its position.
    const originalOf = new Map();
    const position = new Map();
    const copies = Array.from(original.options).map(function (option, index) {
      const copy = el('option', { value: option.value, text: option.text });
      if (option.title) copy.title = option.title;
      copy.disabled = option.disabled;
      originalOf.set(copy, option);
      position.set(copy, index);
      return copy;
    });

    const availableTitle = el('h2', { id: base + '_from_title', text: 'Available ' + verbose });
    const chosenTitle = el('h2', { id: base + '_to_title', text: 'Chosen ' + verbose });
    const filter = el('input', {
      type: 'search', className: 'selector-filter', id: base + '_input', placeholder: 'Filter',
      autocomplete: 'off', 'aria-label': 'Filter available ' + verbose, 'aria-controls': base + '_from'
    });
    const available = el('select', {
      multiple: '', size: '10', className: 'selector-available-list', id: base + '_from', 'aria-labelledby': base + '_from_title'
    });
    const chosen = el('select', {
      multiple: '', size: '10', className: 'selector-chosen-list', id: base + '_to', 'aria-labelledby': base + '_to_title'
    });
    const chooseAll = el('button', { type: 'button', className: 'selector-chooseall', text: 'Choose all' });
    const clearAll = el('button', { type: 'button', className: 'selector-clearall', text: 'Remove all' });
    const add = el('button', { type: 'button', className: 'selector-add', text: 'Choose \u2192' });
    const remove = el('button', { type: 'button', className: 'selector-remove', text: '\u2190 Remove' });

    const widget = el('div', { className: 'selector' }, [
      el('div', { className: 'selector-available' }, [availableTitle, filter, available, chooseAll]),
      el('ul', { className: 'selector-chooser' }, [el('li', {}, [add]), el('li', {}, [remove])]),
      el('div', { className: 'selector-chosen' }, [chosenTitle, chosen, clearAll])
    ]);

    function visible(option) { return !option.hidden; }
    function optionsOf(list) { return Array.from(list.options); }
    function selectedIn(list) {
      return optionsOf(list).filter(function (option) { return option.selected && visible(option); });
    }

    // Insert keeping the server's original order.
    function insertOrdered(list, option) {
      const at = position.get(option);
      const next = optionsOf(list).find(function (other) { return position.get(other) > at; });
      list.insertBefore(option, next || null);
    }

    function applyFilter() {
      const terms = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      optionsOf(available).forEach(function (option) {
        const text = option.text.toLowerCase();
        option.hidden = !terms.every(function (term) { return text.indexOf(term) !== -1; });
        if (option.hidden) option.selected = false;
      });
      optionsOf(chosen).forEach(function (option) { option.hidden = false; });
    }

    function setEnabled(button, enabled) {
      if (enabled) button.removeAttribute('aria-disabled');
      else button.setAttribute('aria-disabled', 'true');
    }

    function refreshButtons() {
      setEnabled(add, selectedIn(available).length > 0);
      setEnabled(remove, selectedIn(chosen).length > 0);
      setEnabled(chooseAll, optionsOf(available).some(visible));
      setEnabled(clearAll, chosen.options.length > 0);
    }

    // Mirror the chosen list onto the original field, which is what the form submits.
    function sync() {
      copies.forEach(function (copy) {
        originalOf.get(copy).selected = copy.parentNode === chosen;
      });
      original.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function move(options, to) {
      const movable = options.filter(function (option) { return !option.disabled; });
      if (!movable.length) return;
      movable.forEach(function (option) {
        option.selected = false;
        insertOrdered(to, option);
      });
      applyFilter();
      sync();
      refreshButtons();
    }

    // (Re)fill both lists from the original field's current selection.
    function populate() {
      copies.forEach(function (copy) {
        copy.selected = false;
        insertOrdered(originalOf.get(copy).selected ? chosen : available, copy);
      });
      applyFilter();
      refreshButtons();
    }

    add.addEventListener('click', function () { move(selectedIn(available), chosen); });
    remove.addEventListener('click', function () { move(selectedIn(chosen), available); });
    chooseAll.addEventListener('click', function () { move(optionsOf(available).filter(visible), chosen); });
    clearAll.addEventListener('click', function () { move(optionsOf(chosen), available); });

    [[available, chosen], [chosen, available]].forEach(function (pair) {
      const from = pair[0];
      const to = pair[1];
      from.addEventListener('dblclick', function () { move(selectedIn(from), to); });
      from.addEventListener('change', refreshButtons);
      from.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') {
          event.preventDefault();
          move(selectedIn(from), to);
        }
      });
    });

    filter.addEventListener('input', function () {
      applyFilter();
      refreshButtons();
    });
    filter.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault(); // never submit the form from the filter box
        move(selectedIn(available), chosen);
      } else if (event.key === 'ArrowDown' && available.options.length) {
        event.preventDefault();
        available.focus();
      }
    });

    if (original.form) {
      original.form.addEventListener('reset', function () {
        setTimeout(function () {
          filter.value = '';
          populate();
        }, 0);
      });
    }

    populate();
    original.hidden = true;
    original.parentNode.insertBefore(widget, original.nextSibling);
    if (label) label.htmlFor = available.id;
  }

  function init() {
    const changelistForm = document.getElementById('changelist-form');
    if (changelistForm) initActions(changelistForm);
    document.querySelectorAll('select.filtered[multiple]').forEach(initSelector);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());

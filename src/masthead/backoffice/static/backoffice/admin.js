// What Django's stock admin lacks to pass WCAG 2.2 AA, filled in on every back-office
// screen (admin/base_site.html loads it; tests/backoffice/test_admin_accessibility.py
// checks). The controls the admin's scripts add later (select2's autocompletes, an
// inline's new rows) are caught as they appear.
(function () {
  "use strict";

  // A label's id, given one if it has none.
  function idOf(label) {
    if (!label.id) label.id = "label-" + (label.htmlFor || Math.random().toString(36).slice(2));
    return label.id;
  }

  // The header of the table column a control sits in (a tabular inline's cells have no
  // label of their own: the column's header names them).
  function columnHeader(control) {
    var cell = control.closest("td");
    var table = cell && cell.closest("table");
    var row = table && table.tHead && table.tHead.rows[0];
    return row ? row.cells[cell.cellIndex] : null;
  }

  function headerText(th) {
    var copy = (th.querySelector(".text") || th).cloneNode(true);
    copy.querySelectorAll("img").forEach(function (img) { img.remove(); });
    return copy.textContent.trim();
  }

  // Name the fields in a table's cells (a tabular inline's, a list's editable columns)
  // after their column; give a header cell left empty a name, or hide its empty column.
  function nameCells(root) {
    root.querySelectorAll(".tabular td, #result_list td").forEach(function (cell) {
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
        if (control.labels.length || control.hasAttribute("aria-label")) return;
        var th = columnHeader(control);
        if (th && headerText(th)) control.setAttribute("aria-label", headerText(th));
      });
    });
    root.querySelectorAll(".tabular thead th").forEach(function (th) {
      if (th.textContent.trim() || th.hasAttribute("aria-hidden")) return;
      if (th.classList.contains("original")) {
        // Django shows there what each saved row is.
        th.innerHTML = '<span class="visually-hidden">Saved as</span>';
        return;
      }
      var table = th.closest("table");
      var empty = Array.prototype.every.call(table.tBodies[0].rows, function (row) {
        var cell = row.cells[th.cellIndex];
        return !cell || !cell.textContent.trim() && !cell.children.length;
      });
      if (empty) th.setAttribute("aria-hidden", "true");
    });
  }

  // select2 (the autocompletes) names its combobox after the value chosen only, which is
  // nothing until one is: add the field's label, or its column's header, before it.
  function nameAutocomplete(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var label = select.labels[0] || columnHeader(select);
    if (!label) return;
    var labelId = idOf(label);
    var box = container.querySelector(".select2-selection");
    var shown = container.querySelector(".select2-selection__rendered[id]");
    if (box && shown) {
      box.setAttribute("aria-labelledby", labelId + " " + shown.id);
      shown.setAttribute("aria-labelledby", labelId);
    } else if (box) {
      box.setAttribute("aria-labelledby", labelId);
    }
    var search = container.querySelector(".select2-search__field");
    if (search) search.setAttribute("aria-labelledby", labelId);
    // The "remove all" cross is put inside the list of choices; the mouse's shortcut
    // only (Backspace does it from the keyboard), so kept out of that list's content.
    container.querySelectorAll(".select2-selection__clear").forEach(function (cross) {
      cross.setAttribute("aria-hidden", "true");
    });
  }

  // A date and time field's two boxes follow the words "Date:" and "Time:", which are
  // not their labels: make them so.
  function labelDateTime(root) {
    root.querySelectorAll("p.datetime input[id]").forEach(function (input) {
      if (input.labels.length) return;
      var words = input.previousSibling;
      if (!words || words.nodeType !== Node.TEXT_NODE || !words.textContent.trim()) return;
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.textContent = words.textContent.trim();
      words.replaceWith(" ", label, " ");
    });
  }

  // The search box of a list has only a magnifier in its label; the search box of a
  // "choose from the list" field has a label whose icon is named by aria-label, which an
  // element without a role may not carry.
  function nameSearches(root) {
    root.querySelectorAll("#searchbar:not([aria-label])").forEach(function (box) {
      var icon = box.labels.length && box.labels[0].querySelector("img[alt]");
      if (icon) box.setAttribute("aria-label", icon.alt);
    });
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function mend(root) {
    nameCells(root);
    labelDateTime(root);
    nameSearches(root);
    root.querySelectorAll(".select2-container").forEach(nameAutocomplete);
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        var container = node.closest(".select2-container");
        if (container) nameAutocomplete(container);
        else mend(node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () { mend(document); });
})();

/* Peer Support Policy Atlas: table sorting, table filters, citation copy.
   Everything here only enhances pages that are complete without JavaScript. */
(function () {
  "use strict";

  function initSort(root) {
    if (typeof Tablesort === "undefined") return;
    root.querySelectorAll("table.atlas-table:not(.atlas-codebook)").forEach(function (table) {
      if (table.dataset.sortReady) return;
      table.dataset.sortReady = "1";
      new Tablesort(table);
      keyboardSort(table);
    });
  }

  /* Tablesort sorts on click only: make each sortable header a focusable
     control that Enter and Space sort, so keyboard users can sort too. */
  function keyboardSort(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    Array.prototype.forEach.call(head.cells, function (th) {
      if (th.getAttribute("data-sort-method") === "none") return;
      th.tabIndex = 0;
      th.setAttribute("role", "columnheader");
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          th.click();
        }
      });
    });
  }

  function applyFilter(form) {
    var table = document.getElementById(form.dataset.atlasFilterFor);
    if (!table) return;
    var region = form.elements.region.value;
    var kind = form.elements.kind.value;
    var q = form.elements.q.value.trim().toLowerCase();
    var shown = 0, rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!region || r.dataset.region === region) &&
               (!kind || r.dataset.kind === kind) &&
               (!q || (r.dataset.name || "").toLowerCase().indexOf(q) !== -1);
      r.hidden = !ok;
      if (ok) shown++;
    }
    var out = form.querySelector("output");
    if (out) out.textContent = shown + " of " + rows.length + " rows shown";
  }

  function initFilters(root) {
    root.querySelectorAll("form.atlas-filters").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.hidden = false;
      form.addEventListener("input", function () { applyFilter(form); });
      form.addEventListener("change", function () { applyFilter(form); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      applyFilter(form);
    });
  }

  function initCopy(root) {
    root.querySelectorAll("pre.atlas-citation").forEach(function (pre) {
      if (pre.dataset.ready) return;
      pre.dataset.ready = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button atlas-copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy this citation");
      button.addEventListener("click", function () {
        var text = pre.textContent;
        var done = function () { button.textContent = "Copied"; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { select(pre); });
        } else {
          select(pre);
          try { document.execCommand("copy"); done(); } catch (e) { /* selected for manual copy */ }
        }
      });
      pre.insertAdjacentElement("afterend", button);
    });
  }

  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  window.AtlasInitCopy = initCopy;

  function init() {
    initSort(document);
    initFilters(document);
    initCopy(document);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

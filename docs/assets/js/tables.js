/* Peer Support Policy Atlas: sorting, filters and visible columns of the tables, kept in the
   page's address so that a filtered, sorted table is a link. Tables are complete without it.

   Address keys: each filter's name (e.g. region=Europe&settings=act), find (text search; not q, which the theme's search reads),
   sort (a column's key) with dir (asc or desc), and hide (column keys, comma-separated). */
(function () {
  "use strict";

  var MISSING = ["", "\u2014", "unknown"];

  function columnKey(th) {
    return th.dataset.col || th.textContent.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  function headers(table) {
    var head = table.tHead && table.tHead.rows[0];
    return head ? Array.prototype.slice.call(head.cells) : [];
  }

  /* A row's cells by column position, a spanning cell standing for each column it covers. */
  function cellsByColumn(row) {
    var out = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      for (var k = 0; k < (cell.colSpan || 1); k++) out.push(cell);
    });
    return out;
  }

  function sortValue(cell, numeric) {
    if (!cell) return null;
    var raw = (cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent).trim();
    if (MISSING.indexOf(raw.toLowerCase()) !== -1 || cell.colSpan > 1) return null;
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw.replace(/[^0-9.\-]/g, ""));
    return isNaN(n) ? null : n;
  }

  /* Missing values ("unknown", empty, "no instrument") go last in both directions;
     ties are broken by the jurisdiction's name, then by the page's own order. */
  function sortTable(table, index, dir) {
    var th = headers(table)[index];
    if (!th) return;
    var numeric = th.getAttribute("data-sort-method") === "number";
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, i) {
      if (row.dataset.order === undefined) row.dataset.order = i;
      return { row: row, value: sortValue(cellsByColumn(row)[index], numeric),
               name: (row.dataset.name || "").toLowerCase(), order: +row.dataset.order };
    });
    var sign = dir === "desc" ? -1 : 1;
    rows.sort(function (a, b) {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (a.value !== b.value) {
        return (a.value < b.value ? -1 : 1) * sign;
      }
      if (a.name !== b.name) return a.name < b.name ? -1 : 1;
      return a.order - b.order;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    headers(table).forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
    table.dataset.sortKey = columnKey(th);
    table.dataset.sortDir = dir;
  }

  function initSort(table, onChange) {
    headers(table).forEach(function (th, index) {
      if (th.getAttribute("data-sort-method") === "none") return;
      th.tabIndex = 0;
      th.classList.add("atlas-sortable");
      var sort = function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "desc" : "asc";
        sortTable(table, index, dir);
        onChange();
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  }

  function setColumnHidden(table, index, hidden) {
    headers(table)[index].hidden = hidden;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var cell = cellsByColumn(row)[index];
      if (cell && cell.colSpan === 1) cell.hidden = hidden;
    });
  }

  /* A "Columns" menu: every column but the first can be hidden. */
  function initColumns(form, table, onChange) {
    var box = document.createElement("details");
    box.className = "atlas-columns";
    var summary = document.createElement("summary");
    summary.textContent = "Columns";
    box.appendChild(summary);
    headers(table).forEach(function (th, index) {
      if (index === 0) return;
      var label = document.createElement("label");
      var check = document.createElement("input");
      check.type = "checkbox";
      check.checked = !th.hidden;
      check.dataset.col = columnKey(th);
      check.addEventListener("change", function () { setColumnHidden(table, index, !check.checked); onChange(); });
      label.appendChild(check);
      label.appendChild(document.createTextNode(" " + th.textContent.trim()));
      box.appendChild(label);
    });
    form.appendChild(box);
    return box;
  }

  /* the selects that filter rows; the "Levels as of" year changes what the level cells say */
  var FILTERS = "select:not([data-atlas-year])";

  /* a row's dated levels, from data-history="<filter>=1998:1,2004:2;<filter>=...": by level filter name */
  function parseHistory(text) {
    var out = {};
    (text || "").split(";").forEach(function (part) {
      var at = part.indexOf("=");
      if (at < 0) return;
      out[part.slice(0, at)] = part.slice(at + 1).split(",").map(function (s) {
        var pair = s.split(":");
        return [Number(pair[0]), pair[1]];
      });
    });
    return out;
  }

  /* Each row's searchable text and filter values, read from its attributes once, kept on the row. */
  function rowValues(table, form) {
    if (table._atlasReady) return;
    table._atlasReady = true;
    var names = Array.prototype.map.call(form.querySelectorAll(FILTERS), function (s) { return s.name; });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var values = {};
      names.forEach(function (n) { values[n] = row.getAttribute("data-" + n) || ""; });
      row._atlas = { text: (row.dataset.text || row.dataset.name || "").toLowerCase(), values: values,
                     today: Object.assign({}, values), history: parseHistory(row.dataset.history) };
    });
  }

  /* The levels as of the end of a year: the dated step in force then, or unknown before the
     first (never 0); "" is today, every coded level. Cells, sort keys and level filters follow. */
  function applyYear(form, table) {
    var select = form.querySelector("select[data-atlas-year]");
    var year = select && select.value ? Number(select.value) : null;
    if (table._atlasYear === year) return;
    table._atlasYear = year;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var r = row._atlas;
      row.querySelectorAll("td[data-level-of]").forEach(function (cell) {
        var name = cell.getAttribute("data-level-of"), level = r.today[name];
        if (year !== null) {
          level = "unknown";
          (r.history[name] || []).forEach(function (step) { if (step[0] <= year) level = step[1]; });
        }
        r.values[name] = level;
        cell.setAttribute("data-sort", level);
        var chip = cell.querySelector(".atlas-level");
        if (chip) {
          chip.textContent = level;
          chip.className = "atlas-level atlas-level--" + (level === "unknown" ? "unknown" : "l" + level);
        }
      });
    });
    var key = table.dataset.sortKey;  /* a table sorted by a level keeps its order true to the year */
    if (key) headers(table).forEach(function (th, index) {
      if (columnKey(th) === key) sortTable(table, index, table.dataset.sortDir);
    });
  }

  function choices(form) {
    var q = form.elements.find ? form.elements.find.value.trim().toLowerCase() : "";
    var wanted = Array.prototype.filter.call(form.querySelectorAll(FILTERS), function (s) { return s.value; })
      .map(function (s) { return { name: s.name, value: s.value, multi: s.hasAttribute("data-multi") }; });
    return { q: q, wanted: wanted };
  }

  function rowMatches(r, c) {
    if (c.q && r.text.indexOf(c.q) === -1) return false;
    for (var i = 0; i < c.wanted.length; i++) {
      var w = c.wanted[i], have = r.values[w.name];
      if (w.multi ? (" " + have + " ").indexOf(" " + w.value + " ") === -1 : have !== w.value) return false;
    }
    return true;
  }

  function describeChoices(form) {
    var parts = [];
    var q = form.elements.find && form.elements.find.value.trim();
    if (q) parts.push("\u201c" + q + "\u201d");
    form.querySelectorAll("select").forEach(function (s) {
      if (s.value) parts.push((s.hasAttribute("data-atlas-year") ? "levels as of the " : "") + s.options[s.selectedIndex].textContent);
    });
    return parts;
  }

  /* Rows that change are shown or hidden in page order: the first FIRST at once, the rest a
     batch per frame, so a keystroke that brings back a thousand rows answers at once (the
     count and the rows on screen) while the rows below follow. A newer keystroke takes over. */
  var FIRST = 150, BATCH = 250;

  function applyFilter(form, table) {
    rowValues(table, form);
    applyYear(form, table);
    var rows = table.tBodies[0].rows, c = choices(form), shown = 0, changes = [];
    for (var i = 0; i < rows.length; i++) {
      var ok = rowMatches(rows[i]._atlas, c);
      if (rows[i].hidden === ok) changes.push(rows[i]);
      if (ok) shown++;
    }
    var run = table._atlasRun = (table._atlasRun || 0) + 1;
    var flip = function (from, to) { for (var k = from; k < to; k++) changes[k].hidden = !changes[k].hidden; };
    flip(0, Math.min(FIRST, changes.length));
    (function next(from) {
      if (from >= changes.length) { table.dataset.settled = run; return; }
      requestAnimationFrame(function () {
        if (table._atlasRun !== run) return;
        flip(from, Math.min(from + BATCH, changes.length));
        next(from + BATCH);
      });
    })(FIRST);
    var noun = form.dataset.noun || "rows";
    var out = form.querySelector("output");
    if (out) out.textContent = shown + " of " + rows.length + " " + noun + " shown";
    var caption = table.caption;
    if (caption) {
      if (caption.dataset.base === undefined) caption.dataset.base = caption.textContent;
      var parts = describeChoices(form);
      caption.textContent = caption.dataset.base + (parts.length ? " \u2014 " + shown + " of " + rows.length +
        " " + noun + ": " + parts.join(", ") : "");
    }
  }

  function writeAddress(form, table) {
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.value) params.set(el.name, el.value); else params.delete(el.name);
    });
    if (table.dataset.sortKey) {
      params.set("sort", table.dataset.sortKey);
      params.set("dir", table.dataset.sortDir);
    }
    var hidden = headers(table).filter(function (th) { return th.hidden; }).map(columnKey);
    if (hidden.length) params.set("hide", hidden.join(",")); else params.delete("hide");
    var query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function readAddress(form, table, columns) {
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && params.has(el.name)) el.value = params.get(el.name);
    });
    /* on a phone, columns marked atlas-wide start hidden (the Columns menu shows them again),
       so the levels fit on screen; a link that names its hidden columns wins */
    var narrow = window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches;
    var hide = params.has("hide") ? params.get("hide").split(",") :
      (narrow ? headers(table).filter(function (th) { return th.classList.contains("atlas-wide"); }).map(columnKey) : []);
    headers(table).forEach(function (th, index) {
      if (index > 0 && hide.indexOf(columnKey(th)) !== -1) setColumnHidden(table, index, true);
    });
    columns.querySelectorAll("input[type=checkbox]").forEach(function (c) {
      c.checked = hide.indexOf(c.dataset.col) === -1;
    });
    var key = params.get("sort");
    if (key) {
      headers(table).forEach(function (th, index) {
        if (columnKey(th) === key) sortTable(table, index, params.get("dir") === "desc" ? "desc" : "asc");
      });
    }
    if (Array.prototype.some.call(form.querySelectorAll(".atlas-filters__more select"), function (s) { return s.value; })) {
      form.querySelector(".atlas-filters__more").open = true;
    }
  }

  function initTable(form) {
    var table = document.getElementById(form.dataset.atlasFilterFor);
    if (!table || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var update = function () { applyFilter(form, table); writeAddress(form, table); };
    initSort(table, update);
    var columns = initColumns(form, table, update);
    readAddress(form, table, columns);
    applyFilter(form, table);
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        headers(table).forEach(function (th, index) { if (index > 0) setColumnHidden(table, index, false); });
        columns.querySelectorAll("input[type=checkbox]").forEach(function (c) { c.checked = true; });
        update();
      }, 0);
    });
  }

  function init() {
    document.querySelectorAll("form.atlas-filters").forEach(initTable);
    /* tables without a filter form (e.g. observed figures) still sort */
    document.querySelectorAll("table.atlas-table:not(.atlas-codebook)").forEach(function (table) {
      if (table.dataset.sortReady) return;
      table.dataset.sortReady = "1";
      if (!document.querySelector('form.atlas-filters[data-atlas-filter-for="' + table.id + '"]')) {
        initSort(table, function () {});
      }
    });
    /* for benchmarks/bench_tables.py: when the tables answer to their controls */
    if (window.performance && performance.mark) performance.mark("atlas-tables-ready");
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

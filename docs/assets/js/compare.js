/* Side-by-side comparison: compare/?j=ca-on,au,gb-eng (2 to 6 ids).
   Loads only the site's own static API. Every data value is inserted as
   text (textContent), never as HTML. */
(function () {
  "use strict";
  /* dimensions, their titles and the wording of units come from the published codebook.json */
  var DIMENSIONS = [], TITLES = {}, UNITS = {}, UNITS_ONE = {}, WITH_OBSERVED = [], VALUES = {}, FACTS = [];
  var MAX = 6;
  var root = document.getElementById("atlas-compare");
  if (!root) return;
  var api = root.dataset.api, pages = root.dataset.pages;
  var statusEl = root.querySelector(".atlas-compare__status");
  var table = root.querySelector(".atlas-compare__table");
  var picker = root.querySelector(".atlas-compare__picker");
  var select = picker.querySelector("select");
  var view = root.querySelector(".atlas-compare__view");
  var chosen = root.querySelector(".atlas-compare__chosen");
  var index = {};

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function idsFromUrl() {
    var raw = new URLSearchParams(window.location.search).get("j") || "";
    var seen = [];
    raw.split(",").forEach(function (id) {
      id = id.trim().toLowerCase();
      if (id && seen.indexOf(id) === -1) seen.push(id);
    });
    return seen;
  }

  /* the address holds the comparison: j (ids), d (one dimension) and only=diff */
  function setParam(name, value) {
    var url = new URL(window.location.href);
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
    window.history.replaceState(null, "", url.pathname + url.search.replace(/%2C/g, ",") + url.hash);
  }

  function setIds(ids) {
    setParam("j", ids.join(","));
    load();
  }

  function words(v) { return String(v).replace(/_/g, " "); }
  function valueLabel(v) { return Object.prototype.hasOwnProperty.call(VALUES, v) ? VALUES[v] : words(v); }

  /* the same wording as the pages (generator/data/fields.py quantity_text): a unit of null
     means the figure's `per` names it ("USD per 15 minutes") */
  function quantityText(q) {
    var unit = Object.prototype.hasOwnProperty.call(UNITS, q.unit) ? UNITS[q.unit] : words(q.unit);
    if (q.value === 1 && Object.prototype.hasOwnProperty.call(UNITS_ONE, q.unit)) unit = UNITS_ONE[q.unit];
    var name = unit === null ? (q.per || "payment per billing unit") : unit + (q.per ? " per " + q.per : "");
    return q.value + " " + name;
  }

  function billingText(b) {
    var details = [b.unit, b.note].filter(Boolean).join(", ");
    return b.code + (b.modifier ? " " + b.modifier : "") + (details ? " (" + details + ")" : "");
  }

  /* a fact's value in words, by its format (generator/data/facts.py fact_texts) */
  function number(v, word) { return v + " " + word + (v === 1 ? "" : "s"); }
  var FORMAT = {
    words: function (v) { return [].concat(v).map(words).join(", "); },
    label: function (v) { return [].concat(v).map(valueLabel).join(", "); },
    date: String,
    text: String,
    hours: function (v) { return number(v, "hour"); },
    years: function (v) { return number(v, "year"); },
    required: function (v) { return v ? "required" : "not required"; },
    billing_codes: function (v) { return v.map(billingText).join("; "); },
    quantities: function (v) { return v.map(quantityText).join("; "); }
  };

  function sourceList(record, keys) {
    var span = el("span", null, "atlas-compare__sources");
    (keys || []).forEach(function (key) {
      var s = record.sources[key];
      if (!s) return;
      var label = (s.authors && s.authors.length ? s.authors.join(", ") : (s.publisher || key)) +
        (s.year ? " (" + s.year + ")" : "") + (s.title ? ". " + s.title : "");
      var a = el("a", "[" + label + "]");
      a.href = pages + record.id + "/#source-" + encodeURIComponent(key);
      span.appendChild(document.createTextNode(" "));
      span.appendChild(a);
    });
    return span;
  }

  /* the instrument's facts in the codebook's order, as on its page: "Kind: service standard" */
  function instrumentText(inst) {
    var parts = [inst.title];
    FACTS.forEach(function (fact) {
      var path = fact.field.split("."), value = inst;
      path.forEach(function (key) { value = value == null ? null : value[key]; });
      if (value == null || value === "" || (Array.isArray(value) && !value.length)) return;
      parts.push(fact.label + ": " + FORMAT[fact.format](value));
    });
    parts.push(inst.verification);
    return parts.join(" · ");
  }

  /* rows: [label, function(record) -> {text, node}] */
  function rowsFor(records) {
    var rows = [
      ["Type", function (r) {
        var parent = r.parent && index[r.parent] ? index[r.parent].name : r.parent;
        return { text: r.parent ? "Subdivision of " + parent : "Country" };
      }],
      ["Region", function (r) { return { text: r.region }; }],
      ["Last reviewed", function (r) { return { text: r.last_reviewed }; }],
      ["Peer workers are called", function (r) { return { text: (r.role_titles || []).join(", ") }; }]
    ];
    DIMENSIONS.forEach(function (d) {
      rows.push([TITLES[d] + ": level", function (r) {
        var level = r.dimensions[d].level;
        var chip = el("span", level, "atlas-level atlas-level--" + (level === "unknown" ? "unknown" : "l" + level));
        return { text: String(level), node: chip, level: true };
      }, d]);
      rows.push([TITLES[d] + ": basis", function (r) {
        var dim = r.dimensions[d];
        var box = el("div");
        if (dim.rationale) {
          box.appendChild(el("p", dim.rationale));
          if (dim.sources && dim.sources.length) box.lastChild.appendChild(sourceList(r, dim.sources));
        }
        return { text: dim.rationale || "", node: box };
      }, d]);
      /* instruments side by side by what they are (kind) and where they apply (first setting),
         not by their place in each file: Ontario's ACT standard beside Georgia's */
      var groups = [], byKey = {};
      records.forEach(function (r) {
        (r.dimensions[d].instruments || []).forEach(function (inst) {
          var setting = (inst.settings || [])[0] || "";
          var key = inst.kind + "|" + setting;
          if (!byKey[key]) {
            byKey[key] = { kind: inst.kind, setting: setting };
            groups.push(key);
          }
        });
      });
      groups.forEach(function (key) {
        var g = byKey[key];
        var label = TITLES[d] + ": " + words(g.kind) + (g.setting ? ", " + valueLabel(g.setting) : "");
        rows.push([label, function (r) {
          var found = (r.dimensions[d].instruments || []).filter(function (inst) {
            return inst.kind + "|" + ((inst.settings || [])[0] || "") === key;
          });
          var box = el("div");
          found.forEach(function (inst) {
            var a = el("a", instrumentText(inst));
            a.href = pages + r.id + "/#" + d + "-" + encodeURIComponent(inst.id);
            box.appendChild(a);
            box.appendChild(el("p", inst.summary));
            box.lastChild.appendChild(sourceList(r, inst.sources));
          });
          if (!found.length) box.appendChild(el("span", "none recorded", "atlas-compare__none"));
          return { text: found.map(instrumentText).join(" | "), node: box };
        }, d]);
      });
      if (WITH_OBSERVED.indexOf(d) !== -1) {
        rows.push([TITLES[d] + ": observed figures", function (r) {
          var obs = r.dimensions[d].observed || [];
          var box = el("div");
          var text = obs.map(function (f) { return quantityText(f.quantity); }).join("; ");
          obs.forEach(function (f) {
            var p = el("p", quantityText(f.quantity) + (f.year ? " (" + f.year + ")" : "") + ": " + f.summary);
            p.appendChild(sourceList(r, f.sources));
            box.appendChild(p);
          });
          return { text: text, node: box };
        }, d]);
      }
    });
    return rows;
  }

  function render(records) {
    table.textContent = "";
    var caption = el("caption", "Comparison of " + records.map(function (r) { return r.name; }).join(", "));
    table.appendChild(caption);
    var thead = el("thead"), head = el("tr");
    head.appendChild(el("th", "Field"));
    records.forEach(function (r) {
      var th = el("th");
      th.scope = "col";
      var a = el("a", r.name);
      a.href = pages + r.id + "/";
      th.appendChild(a);  // removed from the "Comparing" list above the table
      head.appendChild(th);
    });
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    var only = view.elements.d.value, diffOnly = view.elements.only.checked, shown = 0, total = 0;
    rowsFor(records).forEach(function (row) {
      if (only && row[2] && row[2] !== only) return;
      var values = records.map(row[1]);
      var differs = values.some(function (v) { return v.text !== values[0].text; });
      total++;
      if (diffOnly && !differs) return;
      shown++;
      var tr = el("tr", null, differs ? "atlas-diff" : "");
      var th = el("th", row[0]);
      th.scope = "row";
      if (differs) th.appendChild(el("span", " (differs)", "atlas-diff__marker"));
      tr.appendChild(th);
      values.forEach(function (v) {
        var td = el("td");
        if (v.node) td.appendChild(v.node); else td.textContent = v.text;
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    table.hidden = false;
    statusEl.textContent = diffOnly ? shown + " of " + total + " rows differ." : "";
    cite(records);
  }

  /* The citation formats come from the page (generator/site/citation.py, with
     placeholders); only the chosen names and ids are filled in here, escaped
     for each format by atlas.js's escapes (loaded on every page; this runs once the
     data has arrived). */
  function fill(template, names, ids, escape) {
    return template.split("ATLASNAMES").join(escape(names))
      .split("ATLASKEYIDS").join(ids.join("_").replace(/-/g, ""))
      .split("ATLASURLIDS").join(ids.join(","));
  }

  function cite(records) {
    var names = records.map(function (r) { return r.name; }).join(", ");
    var ids = records.map(function (r) { return r.id; });
    var escape = window.AtlasCiteEscape;
    root.querySelector("#cite-apa").textContent = fill(root.dataset.citeApa, names, ids, escape.apa);
    root.querySelector("#cite-bibtex").textContent = fill(root.dataset.citeBibtex, names, ids, escape.bibtex);
    root.querySelector("#cite-csl").textContent = fill(root.dataset.citeCsl, names, ids, escape.csl);
    root.querySelector(".atlas-compare__cite").hidden = false;
    if (window.AtlasInitCopy) window.AtlasInitCopy(root);
  }

  function fillPicker(ids) {
    select.textContent = "";
    select.appendChild(el("option", "Choose…"));
    select.firstChild.value = "";
    Object.keys(index).sort(function (a, b) { return index[a].name.localeCompare(index[b].name); }).forEach(function (id) {
      if (ids.indexOf(id) !== -1) return;
      var o = el("option", index[id].name + " (" + id + ")");
      o.value = id;
      select.appendChild(o);
    });
    picker.querySelector("button").disabled = ids.length >= MAX;
    picker.hidden = false;
  }

  function showChosen(ids) {
    var list = chosen.querySelector("ul");
    list.textContent = "";
    ids.forEach(function (id) {
      var li = el("li"), a = el("a", index[id].name);
      a.href = pages + id + "/";
      li.appendChild(a);
      var remove = el("button", "Remove", "atlas-compare__remove");
      remove.type = "button";
      remove.setAttribute("aria-label", "Remove " + index[id].name);
      remove.addEventListener("click", function () { setIds(ids.filter(function (x) { return x !== id; })); });
      li.appendChild(remove);
      list.appendChild(li);
    });
    chosen.hidden = !ids.length;
  }

  function load() {
    var ids = idsFromUrl();
    fillPicker(ids);
    showChosen(ids.filter(function (id) { return index[id]; }).slice(0, MAX));
    var unknown = ids.filter(function (id) { return !index[id]; });
    var known = ids.filter(function (id) { return index[id]; }).slice(0, MAX);
    var messages = [];
    if (unknown.length) messages.push("Not in the atlas: " + unknown.join(", ") + ". Check the id (an ISO 3166 code such as ca-on).");
    if (ids.length > MAX) messages.push("At most " + MAX + " jurisdictions can be compared; showing the first " + MAX + ".");
    if (known.length < 2) {
      messages.push(known.length ? "Add at least one more jurisdiction to compare." : "Choose two to six jurisdictions to compare.");
      statusEl.textContent = messages.join(" ");
      table.hidden = true;
      root.querySelector(".atlas-compare__cite").hidden = true;
      return;
    }
    statusEl.textContent = messages.join(" ");
    view.hidden = false;
    Promise.all(known.map(function (id) {
      return fetch(api + "jurisdictions/" + encodeURIComponent(id) + ".json").then(function (r) {
        if (!r.ok) throw new Error(id);
        return r.json();
      }).then(function (body) { return body.jurisdiction; });
    })).then(render, function (err) {
      statusEl.textContent = "Could not load " + err.message + ".";
    });
  }

  picker.querySelector("button").addEventListener("click", function () {
    if (!select.value) return;
    setIds(idsFromUrl().filter(function (id) { return index[id]; }).concat([select.value]));
  });

  function getJson(name) {
    return fetch(api + name).then(function (r) { if (!r.ok) throw new Error(name); return r.json(); });
  }

  /* This script sits in the page body, above the site-wide scripts (atlas.js
     supplies the citation escapes), so it starts only once they have all run:
     a fast response must not find AtlasCiteEscape still undefined. */
  function start() {
    Promise.all([getJson("codebook.json"), getJson("jurisdictions.json")]).then(function (bodies) {
      var codebook = bodies[0];
      DIMENSIONS = Object.keys(codebook.dimensions);
      TITLES = codebook.dimension_titles;
      UNITS = codebook.units;
      WITH_OBSERVED = codebook.with_observed;
      VALUES = codebook.value_labels || {};
      UNITS_ONE = codebook.units_one || {};
      FACTS = codebook.instrument_facts;
      var params = new URLSearchParams(window.location.search);
      if (DIMENSIONS.indexOf(params.get("d")) !== -1) view.elements.d.value = params.get("d");
      view.elements.only.checked = params.get("only") === "diff";
      view.addEventListener("change", function () {
        setParam("d", view.elements.d.value);
        setParam("only", view.elements.only.checked ? "diff" : "");
        load();
      });
      bodies[1].jurisdictions.forEach(function (j) { index[j.id] = j; });
      load();
    }, function () {
      statusEl.textContent = "Could not load the list of jurisdictions.";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

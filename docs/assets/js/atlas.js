/* Peer Support Policy Atlas: citation copy buttons (tables: tables.js).
   Everything here only enhances pages that are complete without JavaScript. */
(function () {
  "use strict";

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

  /* A value's citation: the page's templates (generator/site/citation.py) with the value's
     title, key and anchor put in, escaped for each format, when its "Cite" first opens. */
  function bibtexEscape(text) {
    return text.replace(/[\\{}%&$#_^~]/g, function (c) {
      return { "\\": "\\textbackslash{}", "^": "\\^{}", "~": "\\~{}" }[c] || "\\" + c;
    });
  }
  function jsonEscape(text) { return JSON.stringify(text).slice(1, -1); }
  function plain(text) { return text; }
  var FORMATS = [["APA 7", "apa", plain], ["BibTeX", "bibtex", bibtexEscape], ["CSL-JSON", "csl", jsonEscape]];
  // each format's escape, by its template's name, for the compare view's citation too
  window.AtlasCiteEscape = { apa: plain, bibtex: bibtexEscape, csl: jsonEscape };

  function fillCitation(box, templates) {
    FORMATS.forEach(function (f) {
      var label = document.createElement("p"), strong = document.createElement("strong");
      strong.textContent = f[0];
      label.appendChild(strong);
      var pre = document.createElement("pre");
      pre.className = "atlas-citation";
      pre.setAttribute("data-cite-format", f[1]);
      pre.textContent = templates.dataset[f[1]].split("ATLASVALUETITLE").join(f[2](box.dataset.citeTitle))
        .split("ATLASVALUEKEY").join(box.dataset.citeKey)
        .split("ATLASVALUEANCHOR").join(box.dataset.citeAnchor);
      box.appendChild(label);
      box.appendChild(pre);
    });
    initCopy(box);
  }

  function initValueCitations(root) {
    var templates = root.querySelector(".atlas-cite-templates");
    if (!templates) return;
    root.querySelectorAll("details.atlas-cite-value").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      box.hidden = false;  // without this script, the permalink and the page's citation remain
      box.addEventListener("toggle", function () {
        if (box.open && !box.dataset.filled) {
          box.dataset.filled = "1";
          fillCitation(box, templates);
        }
      });
    });
  }

  function init() {
    initCopy(document);
    initValueCitations(document);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

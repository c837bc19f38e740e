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

  function init() {
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

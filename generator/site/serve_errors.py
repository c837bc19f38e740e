"""Under `serve`: the data's errors shown on every page until they are fixed."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

ERRORS_FILE = "__atlas/errors.json"


def error_overlay(config) -> str:
    """Under serve only: a script that shows the data's errors on every page until they are fixed.

    The errors are a file beside the pages rather than part of them, so a
    rebuild that re-renders nothing still shows them; the live reload that
    follows every rebuild fetches them again.
    """
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return _OVERLAY.replace("ERRORS_URL", json.dumps(base + ERRORS_FILE))


# The messages go in as DOM text (textContent): they contain the contributor's data.
_OVERLAY = """<script>
(function () {
  fetch(ERRORS_URL, {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : []; }).then(function (errors) {
    if (!errors.length) return;
    var box = document.createElement("div");
    box.id = "atlas-serve-errors";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:45vh;overflow:auto;" +
      "background:#5c0011;color:#fff;font:14px/1.45 monospace;padding:12px 16px;box-shadow:0 -2px 8px rgba(0,0,0,.4)";
    var head = document.createElement("strong");
    head.textContent = "The data has " + errors.length + " error(s); this preview shows the last valid version. Fix and save:";
    box.appendChild(head);
    errors.forEach(function (text) {
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    document.body.appendChild(box);
  }).catch(function () {});
})();
</script>"""

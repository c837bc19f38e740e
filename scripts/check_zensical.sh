#!/usr/bin/env bash
# Does Zensical (Material's successor, which reads mkdocs.yml but has no Python plugin API yet) build
# the atlas from the plain folder of generated pages? Usage: bash scripts/check_zensical.sh [WORKDIR]
# Installs zensical into its own venv under WORKDIR, builds, and checks the result with the tests'
# link checker. Not part of `make test`: Zensical is not a dependency of the project.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
py="$root/.venv/bin/python"
[ -x "$work/venv/bin/zensical" ] || { python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q zensical; }
rm -rf "$work/project" && mkdir -p "$work/project" && cd "$work/project"
cp -r "$root/docs" docs
# the same configuration without the atlas plugin entry (Zensical would not load it)
sed -e '/^  - atlas:/,/^      data_dir/d' -e "s|custom_dir: generator/site/theme|custom_dir: $root/generator/site/theme|" \
  "$root/mkdocs.yml" > mkdocs.yml
(cd "$root" && "$py" -m generator pages --out "$work/project/docs/atlas")
"$py" - <<'PY'
from pathlib import Path
snippets = Path("docs/atlas/_snippets")
home = Path("docs/index.md")
text = home.read_text()
for s in snippets.glob("*.md"):
    text = text.replace(f"<!-- atlas:snippet {s.stem} -->", s.read_text())
home.write_text(text)
for s in snippets.glob("*.md"):
    s.unlink()
snippets.rmdir()
PY
"$work/venv/bin/zensical" build
cd "$root" && "$py" - "$work/project/site" <<'PY'
import sys
from pathlib import Path
from tests.linkcheck import broken_links, third_party_loads
site = Path(sys.argv[1])
pages = list(site.rglob("*.html"))
broken = broken_links(site, "/peer-support-atlas/")
print(f"zensical: {len(pages)} HTML pages; {len(broken)} broken internal links; "
      f"{len(third_party_loads(site))} third-party loads")
for line in broken[:5]:
    print("  e.g.", line)
PY

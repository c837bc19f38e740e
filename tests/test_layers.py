"""The package's layers, as folders: each imports only the layers below it; the README's module table matches the tree."""

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "generator"
# what each layer may import (itself included); cli.py and __main__.py sit above them all
ALLOWED = {
    "data": {"data"},
    "site": {"data", "site"},
    "tools": {"data", "tools"},
    "commands": {"data", "site", "tools", "commands"},
}


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path) -> set[str]:
    """Absolute names of the generator modules a file imports (relative imports resolved)."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found |= {name} | {f"{name}.{a.name}" for a in node.names}
    return {n for n in found if n.startswith("generator.")}


def _layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(".".join(_module(path)))
        if layer is None:
            continue
        for name in _imports(path):
            other = _layer(name)
            if other is not None and other not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(ROOT)} ({layer}) imports {name} ({other})")
    assert wrong == []


def test_every_module_sits_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "__main__.py", "cli.py"}]
    assert loose == []


def test_the_layer_check_sees_a_wrong_import(tmp_path):
    bad = PACKAGE / "data" / "_probe_for_test.py"
    bad.write_text("from ..site import render\nfrom generator.commands import build\n", encoding="utf-8")
    try:
        assert _imports(bad) >= {"generator.site.render", "generator.commands.build"}
    finally:
        bad.unlink()


def test_the_readme_module_table_names_every_module_and_nothing_else():
    table = (ROOT / "README.md").read_text(encoding="utf-8").split("| Module | Job |", 1)[1].split("\n\n", 1)[0]
    named = set(re.findall(r"`(generator/[^`]+)`", table))
    for name in named:
        assert (ROOT / name).exists(), f"README names {name}, which does not exist"
    modules = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py")
               if p.name not in {"__init__.py", "__main__.py"} and "/rules/" not in p.as_posix()
               and "/pages/" not in p.as_posix()}
    covered = {m for m in modules if m in named or any(m.startswith(n) for n in named if n.endswith("/"))}
    assert sorted(modules - covered) == []


def test_no_module_is_over_300_lines_but_the_model():
    # the model holds the codebook's text (level and vocabulary descriptions), written once there
    long = {p.relative_to(ROOT).as_posix(): n for p in (ROOT / "generator").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert set(long) <= {"generator/data/model.py"}, long

"""What installing claimx brings: every package its code imports is one it declares.

A package that only arrives as someone else's dependency can go missing when that one changes; the
install as a user does it (a fresh venv with the interpreter's own pip) is `make check-install`.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions, requires

from .conftest import ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules() -> set[str]:
    """The top-level modules that src/claimx imports from outside itself and the standard library."""
    found: set[str] = set()
    for path in (ROOT / "src" / "claimx").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("claimx", "__future__")}


def test_every_imported_package_is_declared() -> None:
    declared = {_norm(re.match(r"[A-Za-z0-9._-]+", req).group()) for req in requires("claimx") or []}
    dists = packages_distributions()
    modules = imported_modules()
    assert {"spacy", "dateparser", "numpy"} <= modules  # the scan sees imports inside functions too
    missing = {m: dists.get(m) for m in modules if not {_norm(d) for d in dists.get(m, [m])} & declared}
    assert not missing, f"imported but not in pyproject.toml's dependencies: {missing}"

"""The packages import one way, so the folder listing is the architecture: cli -> run -> batch, output
-> extraction -> nlp, inputs -> knowledge -> records, errors. Every import counts, also one inside a
function or under TYPE_CHECKING: a lazy import is still a dependency."""

from __future__ import annotations

import ast
from pathlib import Path

import claimx

SRC = Path(claimx.__file__).parent

# A module may import modules of a lower layer, and modules of its own package; nothing else.
LAYERS: dict[str, int] = {
    "records": 0,
    "errors": 0,
    "knowledge": 1,
    "nlp": 2,
    "inputs": 2,
    "extraction": 3,
    "schema": 3,
    "batch": 4,
    "output": 4,
    "run": 5,
    "cli": 6,
    "__init__": 7,
    "__main__": 7,
}


def _group(module: str) -> str:
    """The top-level package or module of a dotted claimx module name ('claimx.nlp.tokens' -> 'nlp')."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_of(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    return ".".join(["claimx", *rel.parts]).removesuffix(".__init__") or "claimx"


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every (line, module) a file imports, relative imports resolved."""
    return _imports_in(path.read_text(encoding="utf-8"), _module_of(path), path.name == "__init__.py")


def _imports_in(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, base]) if base else ".".join(up)
            found.append((node.lineno, base))
            if base == "claimx":  # `from claimx import run`: a module; `__version__` is the facade's own
                found += [(node.lineno, f"claimx.{a.name}") for a in node.names if not a.name.startswith("__")]
    return found


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_module_is_in_a_layer() -> None:
    missing = sorted({_group(_module_of(p)) for p in _modules()} - set(LAYERS))
    assert not missing, f"put these in LAYERS (and docs/architecture.md): {missing}"


def _against_layers(module: str, imports: list[tuple[int, str]]) -> list[str]:
    own = _group(module)
    wrong = []
    for line, target in imports:
        if not target.startswith("claimx.") or own in ("__init__", "__main__"):
            continue
        other = _group(target)
        if other != own and LAYERS[other] >= LAYERS[own]:
            wrong.append(f"{module}:{line} imports {target} ({own} may not import {other})")
    return wrong


def test_imports_run_one_way() -> None:
    wrong = [w for path in _modules() for w in _against_layers(_module_of(path), _imports(path))]
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_facade_imports_only_lazily() -> None:
    """`claimx --help` must not pay for spaCy: the package itself imports nothing of claimx at load."""
    tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert all(not (isinstance(n, ast.ImportFrom) and (n.level or (n.module or "").startswith("claimx"))) for n in top)
    assert any(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in top)


def test_inputs_know_nothing_of_spacy_and_nlp_nothing_of_files_formats_or_runners() -> None:
    wrong = []
    for path in _modules():
        own = _group(_module_of(path))
        for line, target in _imports(path):
            if own == "inputs" and target.split(".")[0] in ("spacy", "thinc"):
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {target}")
            if own == "nlp" and target.startswith("claimx.") and _group(target) in ("inputs", "batch", "output", "run"):
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_the_layer_rule_catches_upward_and_sideways_imports() -> None:
    """The checker itself, on made-up modules: lazy, relative and sideways imports are all caught."""
    source = "def f():\n    from claimx.cli import app\n    from ...output import sinks\n    from ..tokens import trim_span\n"
    wrong = _against_layers("claimx.nlp.claims.x", _imports_in(source, "claimx.nlp.claims.x", False))
    assert [w.split(" imports ")[1].split(" ")[0] for w in wrong] == ["claimx.cli", "claimx.output"]
    assert not _against_layers("claimx.run", _imports_in("import claimx.batch.seam\n", "claimx.run", False))

"""Layers point one way: ingest and store never meet, a store never imports what reads it, and
the read layer never reaches back into ingest or forward into the edges.

Every import counts, including the ones made inside functions to keep start-up light.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plankg"

# For each layer, the plankg packages it must never import.
EDGES = {"plankg.api", "plankg.cli", "plankg.web", "plankg.bench"}
FORBIDDEN: dict[str, set[str]] = {
    "plankg.ingest": {"plankg.store", "plankg.analysis", "plankg.outputs", "plankg.writes", *EDGES},
    "plankg.store": {"plankg.ingest", "plankg.analysis", "plankg.outputs", "plankg.writes", *EDGES},
    "plankg.analysis": {"plankg.ingest", "plankg.outputs", "plankg.writes", *EDGES},
    "plankg.outputs": {"plankg.ingest", "plankg.writes", *EDGES},
    "plankg.writes": EDGES,
}
# Shared by ingest and the store, so they may import neither (nor anything above them).
LAYERS = {"plankg.ingest", "plankg.store", "plankg.analysis", "plankg.outputs", "plankg.writes"}
FORBIDDEN.update(
    {shared: LAYERS | EDGES for shared in ("plankg.canonical", "plankg.script", "plankg.codes")}
)
# No exceptions: the vocabulary entries both ingest and the store name things from live in
# plankg.canonical, outside both layers.
ALLOWED: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every plankg module ``path`` imports (``from plankg import writes`` is plankg.writes)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n == "plankg" or n.startswith("plankg.")}


def layer_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def is_inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        banned = FORBIDDEN.get(layer_of(source), set())
        for target in sorted(imported(path)):
            if any(is_inside(target, b) for b in banned):
                pair = (source, ".".join(target.split(".")[:3]))
                if pair not in ALLOWED:
                    found.append(f"{source} imports {target}")
    return found


def test_no_import_points_up_or_across():
    assert violations() == []


def test_the_scan_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from plankg import writes\n    import plankg.ingest.read\n")
    assert imported(module) == {"plankg", "plankg.writes", "plankg.ingest.read"}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_every_layer_exists(layer):
    # A renamed package would make its rules vacuous.
    assert (PACKAGE / layer.split(".")[1]).exists() or (
        PACKAGE / (layer.split(".")[1] + ".py")
    ).exists()

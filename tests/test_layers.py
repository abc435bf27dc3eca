"""The package's layers: each imports only from the layers before it (README, "The package")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kb_service"
LAYERS = (
    "core", "models", "kb", "law", "facts", "evaluation", "editing", "render", "storage", "app",
    "api", "cli",
)  # fmt: skip


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n for n in names if n == "kb_service" or n.startswith("kb_service.")}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_sits_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "modules outside the layer packages"


def test_imports_point_one_way():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        own = path.relative_to(PACKAGE).parts[0]
        if own not in LAYERS:
            continue
        for module in _imports(path):
            other = _layer(module)
            if other is None and module != "kb_service":
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module} (no layer)")
            elif other and LAYERS.index(other) > LAYERS.index(own):
                wrong.append(f"{path.relative_to(PACKAGE)} ({own}) imports {module} ({other})")
    assert wrong == []


def test_only_the_api_imports_fastapi():
    users = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] != "api"
        and any(n.split(".")[0] in ("fastapi", "starlette") for n in _all_imports(p))
    ]
    assert users == []


def _all_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names

"""Nothing below ui/ imports Qt: the layering rule of docs/architecture.md ("The layers and the one rule
between them"), from DESIGN.md."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "circles_desktop"
QT_MODULES = ("PySide6", "shiboken6")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_qt_below_ui():
    offenders = []
    for layer in ("store", "models", "services", "reports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            if any(name.split(".")[0] in QT_MODULES for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_guard_sees_an_import(tmp_path):
    # The guard must be able to fail: a module importing Qt is detected.
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in _imports(bad)


# Which of our own layers each layer may import (docs/architecture.md): imports point one way only.
MAY_IMPORT = {
    "models": {"models"},
    "store": {"store", "models"},
    "reports": {"reports", "shipped"},
    "services": {"services", "models", "store", "reports", "shipped"},
}


def _own_layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "circles_desktop" and len(parts) > 1 else None


def test_imports_point_one_way():
    offenders = []
    for layer, allowed in MAY_IMPORT.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                target = _own_layer(name)
                if target is not None and target not in allowed and target != "__version__":
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_one_way_guard_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from circles_desktop.ui.common.operations import read\n")
    assert _own_layer(next(iter(_imports(bad)))) == "ui"

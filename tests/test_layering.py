"""Nothing below ui/ imports Qt (DESIGN.md's layering)."""

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

"""The package boundaries of DESIGN.md §2, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

STUDIO = Path(__file__).resolve().parents[2] / "studio"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_outside_ui_imports_qt():
    offenders = [str(p.relative_to(STUDIO)) for p in STUDIO.rglob("*.py")
                 if "ui" not in p.relative_to(STUDIO).parts[:1]
                 and any(m.split(".")[0] in ("PySide6", "shiboken6") for m in imported_modules(p))]
    assert offenders == []


def test_models_import_nothing_else_from_studio():
    for path in (STUDIO / "models").rglob("*.py"):
        foreign = {m for m in imported_modules(path) if m.startswith("studio.") and not m.startswith("studio.models")}
        assert foreign == set(), path


def test_domain_packages_never_import_the_ui_or_the_reference_portal():
    for path in STUDIO.rglob("*.py"):
        modules = imported_modules(path)
        assert not any(m.startswith("reference_portal") for m in modules), path
        # cli.py starts the UI for `studio gui` only, importing it inside that command.
        if "ui" not in path.relative_to(STUDIO).parts[:1] and path.name != "cli.py":
            assert not any(m.startswith("studio.ui") for m in modules), path


def test_the_command_line_runs_without_loading_qt():
    code = ("import sys, studio.cli, studio.workspace, studio.demo; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

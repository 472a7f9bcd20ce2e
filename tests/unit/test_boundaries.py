"""The package boundaries of docs/architecture.md, checked on the source itself."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = [c["id"] for c in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
             ["tool"]["importlinter"]["contracts"]]


# Which package may import which (Qt only in studio.ui, the entities importing nothing else, nothing but the command
# line reaching the interface) is written down as import-linter contracts in pyproject.toml; `make test` runs
# `lint-imports` first, and each contract is a test here too, for whoever runs pytest alone.
@pytest.mark.parametrize("contract", CONTRACTS)
def test_the_import_contract_holds(contract):
    lint_imports = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint_imports), "--no-cache", "--contract", contract], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_command_line_runs_without_loading_qt():
    code = ("import sys, studio.cli, studio.workspace, studio.demo; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""Fixtures the GUI tests share, and the `gui` mark on every test in this folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.translations import install_translator
from tests.helpers import guide, office, write_json

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The hook sees every collected item, wherever its file is: mark only this folder's.
    for item in items:
        if item.path.resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True, scope="session")
def english_catalogue(qapp):
    """English plural forms ("1 document", "2 documents"), installed as Studio installs them at start."""
    install_translator(qapp, "en")


@pytest.fixture
def filled(sqlite_workspace, tmp_path):
    """The work-permit guide and the Dongcheng office, with no translations."""
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return sqlite_workspace


@pytest.fixture
def team(sqlite_workspace, tmp_path):
    """The guide, a reviewer of French who is nothing else, and an editor who does not review."""
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    sqlite_workspace.add_user("marie", ["reviewer"], "marie-password", ["fr"], display_name="Marie Dubois")
    sqlite_workspace.add_user("wang.fang", ["editor"], "wang-password", display_name="王芳")
    title = next(s.id for s in sqlite_workspace.document("work-permit").segments if s.field_path == "title")
    sqlite_workspace.save_cell(title, "fr", "Permis de travail pour les étrangers", None, confirm=True)
    return sqlite_workspace

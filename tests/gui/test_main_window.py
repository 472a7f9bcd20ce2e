"""The main window on a real workspace, offscreen: the content tree as an editor sees it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.content_tree_model import DOCUMENT_ID_ROLE, KIND_ROLE, ContentTreeModel
from studio.ui.main_window import MainWindow
from tests.helpers import guide, office, write_json


@pytest.fixture
def filled(sqlite_workspace, tmp_path):
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    return sqlite_workspace


def test_the_tree_shows_sections_then_types_then_source_titles(qtbot, filled):
    window = MainWindow(filled)
    qtbot.addWidget(window)
    model = window.tree_model
    sections = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert sections == ["Invest", "Work", "Study", "Live", "Visit", "Shop"]
    work = model.index(1, 0)
    assert model.index(0, 0, work).data() == "Procedure guide (1)"
    doc = model.index(0, 0, model.index(0, 0, work))
    assert doc.data() == "外国人来华工作许可"
    assert doc.data(KIND_ROLE) == "document"
    assert doc.data(DOCUMENT_ID_ROLE) == filled.document("work-permit").row.id


def test_choosing_a_document_shows_its_summary(qtbot, filled):
    window = MainWindow(filled)
    qtbot.addWidget(window)
    model = window.tree_model
    doc = model.index(0, 0, model.index(0, 0, model.index(1, 0)))
    window.tree.setCurrentIndex(doc)
    assert "外国人来华工作许可" in window.details.text()
    assert "procedure_guide" in window.details.text()


def test_the_content_tree_model_passes_the_model_tester(qtmodeltester, filled):
    model = ContentTreeModel()
    model.set_content(filled.sections(), filled.documents())
    qtmodeltester.check(model)


def test_an_empty_workspace_says_how_to_fill_it(qtbot, sqlite_workspace):
    window = MainWindow(sqlite_workspace)
    qtbot.addWidget(window)
    assert "import" in window.details.text()
    assert window.statusBar().currentMessage().startswith("boss (editor, reviewer, supervisor)")
    assert window.tree_model.rowCount(window.tree_model.index(0, 0)) == 0
    assert window.tree_model.data(window.tree_model.index(0, 0), Qt.ItemDataRole.DisplayRole) == "Invest"

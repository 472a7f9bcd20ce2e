"""Every custom Qt model of the interface passes pytest-qt's model tester, in the states a user puts it in.
(The replace and dashboard models are checked beside their dialogs, in test_dialogs.py and test_dashboard.py.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.content_tree_model import PROGRESS_COLUMN, PROGRESS_ROLE, ContentTreeModel
from studio.ui.grid_model import FIRST_TARGET_COLUMN, SINGLE_LINE_ROLE, STATE_ROLE, GridModel
from tests.helpers import guide, office, write_json


@pytest.fixture
def filled(sqlite_workspace, tmp_path):
    doc = guide()
    doc["translations"] = {"fr": {"state": "translated", "fields": {"title": "Permis de travail"}},
                           "ar": {"fields": {"title": "تصريح العمل"}}}
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), doc])], ImportOptions()))
    return sqlite_workspace


def grid_model(ws, editable=True) -> GridModel:
    model = GridModel()
    model.set_document(ws.document("work-permit"), editable=editable)
    return model


def test_the_grid_model_with_a_document(qtmodeltester, filled):
    model = grid_model(filled)
    assert model.rowCount() == 23 and model.columnCount() == FIRST_TARGET_COLUMN + 8
    qtmodeltester.check(model)


def test_the_grid_model_knows_which_fields_hold_one_line(filled):
    model = grid_model(filled)
    view = filled.document("work-permit")
    single = {seg.field_path for seg in view.segments
              if model.index(model.row_of_segment(seg.id), FIRST_TARGET_COLUMN).data(SINGLE_LINE_ROLE)}
    assert "title" in single and "required_documents[0].name" in single
    assert not single & {"summary", "steps[0].body"}


def test_the_grid_model_empty_and_read_only(qtmodeltester, filled):
    qtmodeltester.check(GridModel())
    qtmodeltester.check(grid_model(filled, editable=False))


def test_the_grid_model_after_choosing_columns(qtmodeltester, filled):
    model = grid_model(filled)
    model.set_chosen_locales(["ar", "ja"])
    assert model.locales == ["ar", "ja"]
    qtmodeltester.check(model)
    model.set_chosen_locales([])
    assert model.columnCount() == FIRST_TARGET_COLUMN
    qtmodeltester.check(model)


def test_the_grid_model_after_a_cell_changed(qtmodeltester, qtbot, filled):
    model = grid_model(filled)
    model.set_chosen_locales(["fr", "ar"])
    view = filled.document("work-permit")
    summary = next(s.id for s in view.segments if s.field_path == "summary")
    filled.save_cell(summary, "ar", "يجب على الأجانب", None)
    index = model.index(model.row_of_segment(summary), model.column_of("ar"))
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.update_cell(summary, "ar", filled.cell(summary, "ar"))
    assert changed.args[0] == index and changed.args[1] == index
    assert Qt.ItemDataRole.DisplayRole in changed.args[2] and STATE_ROLE in changed.args[2]
    assert index.data() == "يجب على الأجانب" and index.data(STATE_ROLE) == "draft"
    qtmodeltester.check(model)

    model.update_cell(summary, "ar", None)
    assert index.data(STATE_ROLE) == "missing"
    qtmodeltester.check(model)


def test_the_content_tree_model_with_progress(qtmodeltester, filled):
    model = ContentTreeModel()
    progress = filled.document_progress()
    model.set_content(filled.sections(), filled.documents(), progress)
    doc_id = filled.document("work-permit").row.id
    index = model.document_index(doc_id)
    counts = index.siblingAtColumn(PROGRESS_COLUMN).data(PROGRESS_ROLE)
    assert counts["fr"]["translated"] == 1 and counts["ar"]["draft"] == 1
    qtmodeltester.check(model)


def test_the_content_tree_model_filtered(qtmodeltester, filled):
    model = ContentTreeModel(locale="zh-Hans")
    doc_id = filled.document("work-permit").row.id
    model.set_content(filled.sections(), filled.documents(), filled.document_progress(), {doc_id})
    assert model.document_index(doc_id).isValid()
    assert not model.document_index(filled.document("dongcheng-hall").row.id).isValid()
    qtmodeltester.check(model)
    model.set_content(filled.sections(), [], {}, set())
    qtmodeltester.check(model)

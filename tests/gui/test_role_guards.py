"""Roles as the main window shows them: what a user may not do is disabled with the reason in its tooltip, and
the operation behind it refuses as well (the disabled button is not the only guard)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from studio.content.importers import ImportOptions
from studio.errors import PermissionDenied
from studio.jobs import run_job
from studio.ui.grid_model import FIRST_TARGET_COLUMN
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from tests.helpers import guide, office, write_json


@pytest.fixture
def team(sqlite_workspace, tmp_path):
    """The guide, a reviewer of French who is nothing else, and an editor who does not review."""
    run_job(sqlite_workspace.import_files([write_json(tmp_path / "d.json", [office(), guide()])], ImportOptions()))
    sqlite_workspace.add_user("marie", ["reviewer"], "marie-password", ["fr"], display_name="Marie Dubois")
    sqlite_workspace.add_user("wang.fang", ["editor"], "wang-password", display_name="王芳")
    title = next(s.id for s in sqlite_workspace.document("work-permit").segments if s.field_path == "title")
    sqlite_workspace.save_cell(title, "fr", "Permis de travail pour les étrangers", None, confirm=True)
    return sqlite_workspace


def window_as(qtbot, ws, tmp_path, user: str | None) -> MainWindow:
    if user is None:
        ws.actor = None
    else:
        ws.sign_in(user, f"{user.split('.')[0]}-password")
    window = MainWindow(ws, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(ws.document("work-permit").row.id)
    return window


def action(window: MainWindow, text: str) -> QAction:
    found = [a for a in window.findChildren(QAction) if a.text().replace("&", "").rstrip("…") == text]
    assert len(found) == 1, f"one action {text!r}"
    return found[0]


def target_cells(window: MainWindow):
    model = window.editor.model
    return [model.index(r, c) for r in range(model.rowCount()) for c in range(FIRST_TARGET_COLUMN,
                                                                              model.columnCount())
            if model.row_info(r).kind == "segment"]


def title_index(window: MainWindow, locale: str):
    model = window.editor.model
    seg = next(s.id for s in window.editor.view.segments if s.field_path == "title")
    return model.index(model.row_of_segment(seg), model.column_of(locale))


def test_a_reviewer_cannot_edit_cells_sources_or_import(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "marie")
    cells = target_cells(window)
    assert cells and not any(index.flags() & Qt.ItemFlag.ItemIsEditable for index in cells)
    assert all(index.flags() & Qt.ItemFlag.ItemIsSelectable for index in cells)

    # Typing on a cell does not open an editor.
    window.editor.grid.setCurrentIndex(title_index(window, "en"))
    qtbot.keyClick(window.editor.grid, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor.grid, "x")
    assert window.editor.editor() is None

    for text in ("New document", "Edit the source", "Import documents", "Delete this document",
                 "Copy the source into the cell"):
        guarded = action(window, text)
        assert not guarded.isEnabled(), text
        assert "marie may not" in guarded.toolTip() and "needs the editor role" in guarded.toolTip(), text
        assert "marie has reviewer" in guarded.toolTip()


def test_the_operations_refuse_a_reviewer_too(qtbot, team, tmp_path):
    window_as(qtbot, team, tmp_path, "marie")
    title = next(s.id for s in team.document("work-permit").segments if s.field_path == "title")
    with pytest.raises(PermissionDenied, match="needs the editor role"):
        team.save_cell(title, "en", "Work permit", None)
    with pytest.raises(PermissionDenied, match="needs the editor role"):
        team.edit_source("work-permit", {"title": "外国人工作许可"})
    assert team.cell(title, "en") is None


def test_a_reviewer_may_approve_in_their_language_only(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "marie")
    approve = action(window, "Approve this translation")
    window.editor.grid.setCurrentIndex(title_index(window, "fr"))
    assert approve.isEnabled()
    window.editor.grid.setCurrentIndex(title_index(window, "de"))
    assert not approve.isEnabled()
    assert approve.toolTip() == "marie does not review de (reviews fr)"

    window.editor.grid.setCurrentIndex(title_index(window, "fr"))
    approve.trigger()
    title = next(s.id for s in team.document("work-permit").segments if s.field_path == "title")
    assert team.cell(title, "fr").state == "approved"


def test_an_editor_sees_review_actions_disabled_with_the_reason(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "wang.fang")
    window.editor.grid.setCurrentIndex(title_index(window, "fr"))
    for text in ("Approve this translation", "Reject this translation"):
        guarded = action(window, text)
        assert not guarded.isEnabled()
        assert guarded.toolTip() == ("wang.fang may not review translations: that needs the reviewer role "
                                     "(wang.fang has editor)")
    assert action(window, "New document").isEnabled()
    assert all(index.flags() & Qt.ItemFlag.ItemIsEditable for index in target_cells(window))


def test_without_signing_in_everything_is_read_only(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, None)
    assert "read only" in window.who.text()
    assert window.who in window.statusBar().findChildren(type(window.who))
    assert not any(index.flags() & Qt.ItemFlag.ItemIsEditable for index in target_cells(window))
    for text in ("New document", "Import documents", "Approve this translation"):
        guarded = action(window, text)
        assert not guarded.isEnabled()
        assert "you must sign in" in guarded.toolTip()
    title = next(s.id for s in team.document("work-permit").segments if s.field_path == "title")
    with pytest.raises(PermissionDenied, match="sign in"):
        team.save_cell(title, "en", "Work permit", None)

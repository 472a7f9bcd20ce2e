"""Roles as the main window shows them: what a user may not do is disabled with the reason in its tooltip, and
the operation behind it refuses as well (the disabled button is not the only guard)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.errors import PermissionDenied
from tests.gui.windows import action, target_cells, title_index, window_as


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

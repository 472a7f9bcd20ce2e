"""A reviewer's pass through a document: approve with one shortcut and land on the next translation waiting for a
verdict; reject with a reason the translator reads."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from tests.gui.windows import action, title_index, window_as


def confirmed_summary(ws):
    seg = next(s for s in ws.document("work-permit").segments if s.field_path == "summary")
    ws.save_cell(seg.id, "fr", "Les étrangers qui travaillent ici ont besoin d'un permis de travail.", None, confirm=True)
    return seg.id


def test_approving_moves_to_the_next_translation_waiting_for_review(qtbot, team, tmp_path):
    summary = confirmed_summary(team)
    window = window_as(qtbot, team, tmp_path, "marie")
    window.editor.grid.setCurrentIndex(title_index(window, "fr"))

    action(window, "Approve this translation").trigger()

    title = next(s.id for s in team.document("work-permit").segments if s.field_path == "title")
    assert team.cell(title, "fr").state == "approved"
    current = window.editor.grid.currentIndex()
    assert window.editor.model.segment(current.row()).id == summary
    assert window.editor.model.locale_of(current.column()) == "fr"


def test_rejecting_asks_why_and_the_reason_becomes_a_comment(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "marie")
    window.editor.grid.setCurrentIndex(title_index(window, "fr"))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("« étrangers » seul suffit dans un titre.")
        dialog.accept()

    QTimer.singleShot(0, answer)
    action(window, "Reject this translation").trigger()

    title = next(s.id for s in team.document("work-permit").segments if s.field_path == "title")
    cell = team.cell(title, "fr")
    assert (cell.state, cell.flagged) == ("draft", True)
    comments = team.comments(team.document("work-permit").row.id, title, "fr")
    assert [c.body for c in comments] == ["« étrangers » seul suffit dans un titre."]

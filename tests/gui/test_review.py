"""A reviewer's pass through a document: approve with one shortcut and land on the next translation waiting for a
verdict; reject with a reason the translator reads."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from studio.ui.reject_dialog import RejectDialog
from tests.gui.windows import action, commit_text, title_index, window_as


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


def test_rejecting_shows_the_text_and_takes_the_reason_by_keyboard_alone(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "marie")
    window.editor.grid.setCurrentIndex(title_index(window, "fr"))
    seen = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RejectDialog)
        qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts work in the active window only
        try:
            answer_in(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()  # a failed check must not leave the dialog waiting for ever

    def answer_in(dialog: RejectDialog) -> None:
        seen["translation"] = dialog.translation_box.toPlainText()
        seen["source"] = dialog.source_box.toPlainText()
        box = dialog.comment_box
        qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no reason yet: nothing
        seen["open without a reason"] = dialog.isVisible()
        commit_text(box, "« étrangers » seul suffit dans un titre, " * 4)
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        seen["tab typed"] = "\t" in box.toPlainText()
        seen["wrapped"] = box.document().firstBlock().layout().lineCount() > 1  # one paragraph, several lines
        qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, answer)
    action(window, "Reject this translation").trigger()

    assert seen == {"translation": "Permis de travail pour les étrangers", "source": "外国人来华工作许可",
                    "open without a reason": True, "tab typed": False, "wrapped": True}
    title = next(s.id for s in team.document("work-permit").segments if s.field_path == "title")
    cell = team.cell(title, "fr")
    assert (cell.state, cell.flagged) == ("draft", True)
    comments = team.comments(team.document("work-permit").row.id, title, "fr")
    assert [c.body for c in comments] == [("« étrangers » seul suffit dans un titre, " * 4).strip()]


def test_escape_in_the_reject_dialog_changes_nothing(qtbot, team, tmp_path):
    window = window_as(qtbot, team, tmp_path, "marie")
    window.editor.grid.setCurrentIndex(title_index(window, "fr"))

    def escape() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RejectDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        commit_text(dialog.comment_box, "Non.")
        qtbot.keyClick(dialog.comment_box, Qt.Key.Key_Escape)
        seen["open"] = dialog.isVisible()
        if dialog.isVisible():
            dialog.reject()

    seen = {}

    QTimer.singleShot(0, escape)
    action(window, "Reject this translation").trigger()

    assert seen == {"open": False}
    title = next(s.id for s in team.document("work-permit").segments if s.field_path == "title")
    assert (team.cell(title, "fr").state, team.cell(title, "fr").flagged) == ("translated", False)

"""Replace across the workspace in the main window: a job in the jobs panel, with progress and Cancel, while the
window stays usable; what it replaced is one undo step (issue 7, item 17)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from studio.ui.job_runner import CANCELLED, DONE
from studio.ui.main_window import MainWindow
from studio.ui.replace_dialog import ReplaceDialog
from studio.ui.settings import Settings
from studio.workflow.replace import BATCH_SIZE
from tests.db.test_replace_job import add_translated_cells, english_texts

OLD, NEW = "Apply for a residence permit", "Apply for a residency permit"


@pytest.fixture
def window(qtbot, sqlite_workspace, tmp_path):
    w = MainWindow(sqlite_workspace, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def replace_in_english(window, find: str, replacement: str) -> None:
    """Open Find and replace, preview in English and press Replace; returns when the dialog has closed."""
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReplaceDialog):
            QTimer.singleShot(10, fill)
            return
        for code, check in dialog.locale_checks.items():
            check.setChecked(code == "en")
        dialog.find_edit.setText(find)
        dialog.replace_edit.setText(replacement)
        dialog.preview()
        dialog.replace_button.click()

    QTimer.singleShot(0, fill)
    window.find_and_replace()


def finished_jobs(window):
    return [row.handle for row in window.jobs_panel._rows.values() if not row.handle.running]


def test_a_large_replace_runs_in_the_jobs_panel_and_cancel_keeps_an_undoable_part(qtbot, window, sqlite_workspace):
    add_translated_cells(sqlite_workspace, 3000)
    # Another program holds the database's write lock for a moment, so the job is still at its first batch
    # whatever the speed of the machine.
    other = sqlite3.connect(str(sqlite_workspace.folder / "studio.db"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        replace_in_english(window, "residence", "residency")
        # The dialog has closed and the replacement goes on in the background: the window answers meanwhile
        # (its event loop shows the jobs panel half a second in), with a Cancel button.
        [handle] = window.runner.running()
        assert handle.title.startswith("Replacing in 3000 translation")
        qtbot.waitUntil(lambda: window.jobs_dock.isVisible(), timeout=5000)
        qtbot.mouseClick(window.jobs_panel.row_for(handle).cancel_button, Qt.MouseButton.LeftButton)
    finally:
        other.execute("COMMIT")
        other.close()
    with qtbot.waitSignal(window.runner.job_finished, timeout=30_000):
        pass
    assert handle.state == CANCELLED

    # The batch under way when Cancel came is kept whole; the rest is untouched; one undo step covers it.
    assert english_texts(sqlite_workspace) == {NEW: BATCH_SIZE, OLD: 3000 - BATCH_SIZE}
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText().startswith(f"Replace in {BATCH_SIZE} translation")
    assert f"Replace cancelled: {BATCH_SIZE} translation" in window.statusBar().currentMessage()

    # Undo and redo of hundreds of cells are jobs too: the window goes on while they run.
    window.undo_stack.undo()
    assert [h.title for h in window.runner.running()] == [window.undo_stack.redoText()]
    assert window.runner.wait_all()
    assert english_texts(sqlite_workspace) == {OLD: 3000}
    window.undo_stack.redo()
    assert window.runner.running()
    assert window.runner.wait_all()
    assert english_texts(sqlite_workspace) == {NEW: BATCH_SIZE, OLD: 3000 - BATCH_SIZE}


def test_everything_previewed_is_replaced_and_undone_in_one_step(qtbot, window, sqlite_workspace):
    add_translated_cells(sqlite_workspace, 300)
    replace_in_english(window, "residence", "residency")
    assert window.runner.wait_all()

    [handle] = finished_jobs(window) or [None]
    assert handle is None or handle.state == DONE
    assert english_texts(sqlite_workspace) == {NEW: 300}
    assert window.undo_stack.undoText().startswith("Replace in 300 translation")
    window.undo_stack.undo()
    assert window.runner.wait_all()
    assert english_texts(sqlite_workspace) == {OLD: 300}


def test_a_small_replace_is_undone_at_once(qtbot, window, sqlite_workspace):
    add_translated_cells(sqlite_workspace, 20)
    replace_in_english(window, "residence", "residency")
    assert window.runner.wait_all()
    window.undo_stack.undo()
    assert english_texts(sqlite_workspace) == {OLD: 20}  # no job for a few cells
    window.undo_stack.redo()
    assert english_texts(sqlite_workspace) == {NEW: 20}

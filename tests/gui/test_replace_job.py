"""Replace across the workspace in the main window: a job in the jobs panel, with progress and Cancel, while the
window stays usable; what it replaced is one undo step (issue 7, item 17)."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from studio.ui.job_runner import CANCELLED, DONE
from studio.ui.main_window import MainWindow
from studio.ui.replace_dialog import ReplaceDialog
from studio.ui.settings import Settings
from studio.workflow import replace
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


def replace_in_english(qtbot, window, find: str, replacement: str) -> None:
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
        with qtbot.waitSignal(dialog.search_ended, timeout=10_000):
            dialog.preview()
        dialog.replace_button.click()

    QTimer.singleShot(0, fill)
    window.find_and_replace()


def finished_replace_jobs(window):
    """The replace jobs done (the preview's searches are jobs in the panel too)."""
    return [row.handle for row in window.jobs_panel.rows()
            if not row.handle.running and row.handle.title.startswith("Replacing")]


@pytest.mark.slow
def test_a_large_replace_runs_in_the_jobs_panel_and_cancel_keeps_an_undoable_part(qtbot, window, sqlite_workspace):
    add_translated_cells(sqlite_workspace, 3000)
    # Another program holds the database's write lock for a moment, so the job is still at its first batch
    # whatever the speed of the machine.
    other = sqlite3.connect(str(sqlite_workspace.folder / "studio.db"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        replace_in_english(qtbot, window, "residence", "residency")
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
    replace_in_english(qtbot, window, "residence", "residency")
    assert window.runner.wait_all()

    [handle] = finished_replace_jobs(window) or [None]
    assert handle is None or handle.state == DONE
    assert english_texts(sqlite_workspace) == {NEW: 300}
    assert window.undo_stack.undoText().startswith("Replace in 300 translation")
    window.undo_stack.undo()
    assert window.runner.wait_all()
    assert english_texts(sqlite_workspace) == {OLD: 300}


def test_a_small_replace_is_undone_at_once(qtbot, window, sqlite_workspace):
    add_translated_cells(sqlite_workspace, 20)
    replace_in_english(qtbot, window, "residence", "residency")
    assert window.runner.wait_all()
    window.undo_stack.undo()
    assert english_texts(sqlite_workspace) == {OLD: 20}  # no job for a few cells
    window.undo_stack.redo()
    assert english_texts(sqlite_workspace) == {NEW: 20}


@pytest.fixture
def held_search(monkeypatch):
    """The preview's search held at its start (as by a slow database) until the test releases it: (started,
    release). The search reads before its first progress; a cancel lands at that progress."""
    started, release = threading.Event(), threading.Event()
    real = replace.matching_text

    def slow(session, query):
        started.set()
        release.wait(10)
        return real(session, query)
    monkeypatch.setattr(replace, "matching_text", slow)
    yield started, release
    release.set()


def english_only(dialog, find: str) -> None:
    for code, check in dialog.locale_checks.items():
        check.setChecked(code == "en")
    dialog.find_edit.setText(find)
    dialog.replace_edit.setText("residency")


def start_held_preview(qtbot, window, ws, cells, held_search):
    """The replace dialog over `cells` English translations, its preview started and held by `held_search`."""
    add_translated_cells(ws, cells)
    started, release = held_search
    dialog = ReplaceDialog(ws, ["en"], window.runner, window)
    qtbot.addWidget(dialog)
    dialog.show()
    english_only(dialog, "residence")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    return dialog, started, release


def test_the_preview_searches_in_the_background_and_fills_the_table_when_done(qtbot, window, sqlite_workspace,
                                                                             held_search):
    dialog, started, release = start_held_preview(qtbot, window, sqlite_workspace, 1200, held_search)

    # The search is held, and the dialog answers meanwhile: its event loop runs and it says it is searching.
    qtbot.waitUntil(started.is_set)
    ticked = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked))
    assert dialog.count_label.text().startswith("Searching")
    assert dialog.model.rowCount() == 0 and not dialog.replace_button.isEnabled()

    with qtbot.waitSignal(dialog.search_ended, timeout=10_000):
        release.set()
    assert dialog.model.rowCount() == 1200
    assert dialog.count_label.text() == "1200 matches in 12 documents"
    assert dialog.replace_button.text() == "Replace 1200"


def test_a_changed_question_stops_the_search_and_its_result_never_shows(qtbot, window, sqlite_workspace,
                                                                        held_search):
    dialog, started, release = start_held_preview(qtbot, window, sqlite_workspace, 300, held_search)
    qtbot.waitUntil(started.is_set)
    [search] = window.runner.running()

    dialog.case_check.setChecked(True)  # the question changed: the answer under way is stale
    with qtbot.waitSignal(window.runner.job_finished, timeout=10_000):
        release.set()
    assert search.state == CANCELLED
    assert dialog.model.rowCount() == 0
    assert dialog.count_label.text() == "Preview to see what would change."


def test_escape_closes_the_dialog_and_cancels_its_search(qtbot, window, sqlite_workspace, held_search):
    add_translated_cells(sqlite_workspace, 300)
    started, release = held_search
    searches = []

    def search_then_escape() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReplaceDialog):
            QTimer.singleShot(10, search_then_escape)
            return
        english_only(dialog, "residence")
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(started.is_set)  # the window's event loop runs while the search is held
        searches.extend(window.runner.running())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, search_then_escape)
    window.find_and_replace()  # returns when the dialog has closed

    [search] = searches
    assert search.cancel_requested
    with qtbot.waitSignal(window.runner.job_finished, timeout=10_000):
        release.set()
    assert search.state == CANCELLED
    assert window.undo_stack.count() == 0 and english_texts(sqlite_workspace) == {OLD: 300}


def test_cancelling_the_undo_of_a_big_replace_changes_nothing(qtbot, window, sqlite_workspace):
    add_translated_cells(sqlite_workspace, 1200)
    replace_in_english(qtbot, window, "residence", "residency")
    assert window.runner.wait_all()
    # Another program holds the write lock: the undo waits for it as its transaction begins, and is cancelled
    # meanwhile.
    other = sqlite3.connect(str(sqlite_workspace.folder / "studio.db"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        window.undo_stack.undo()
        [undo] = window.runner.running()
        qtbot.wait(300)
        qtbot.mouseClick(window.jobs_panel.row_for(undo).cancel_button, Qt.MouseButton.LeftButton)
    finally:
        other.execute("COMMIT")
        other.close()
    with qtbot.waitSignal(window.runner.job_finished, timeout=30_000):
        pass

    # The replacement stands, whole.
    assert undo.state == CANCELLED
    assert english_texts(sqlite_workspace) == {NEW: 1200}
    # The stack is back where it was: the same undo is offered again, and the user is told why.
    assert not window.undo_stack.canRedo()
    assert window.undo_stack.undoText().startswith("Replace in 1200 translation")
    assert "cancelled; nothing was changed" in window.editor.message_bar.text()
    window.undo_stack.undo()  # and it still works
    assert window.runner.wait_all()
    assert english_texts(sqlite_workspace) == {OLD: 1200}

"""Opening the main window as a given user or a document grid, finding actions and cells, and typing, for the GUI
tests."""

from __future__ import annotations

from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from studio.ui.document_editor import DocumentEditor
from studio.ui.grid_model import FIRST_TARGET_COLUMN
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings
from studio.ui.undo import EditHistory


def window_as(qtbot, ws, tmp_path, user: str | None) -> MainWindow:
    if user is None:
        ws.sign_out()
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


def open_grid(qtbot, ws) -> DocumentEditor:
    """The work-permit guide open in a document grid of a realistic size."""
    editor = DocumentEditor(ws, EditHistory())
    qtbot.addWidget(editor)
    editor.resize(1400, 900)
    editor.show()
    qtbot.waitExposed(editor)
    editor.open_document("work-permit")
    return editor


def commit_text(widget, text):
    """Type text the way an input method delivers it (keyClicks with non-ASCII aborts the process)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)

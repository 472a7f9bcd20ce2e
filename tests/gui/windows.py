"""Opening the main window as a given user, and finding its actions and cells, for the GUI tests."""

from __future__ import annotations

from PySide6.QtGui import QAction

from studio.ui.grid_model import FIRST_TARGET_COLUMN
from studio.ui.main_window import MainWindow
from studio.ui.settings import Settings


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

"""Starting the Qt application: fonts per script, the main window, and offscreen screenshots."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from studio.errors import StudioError
from studio.ui.main_window import MainWindow
from studio.workspace import Workspace

# Noto Sans first, then the Chinese CJK family: Qt falls back along this list for characters Noto Sans lacks.
UI_FONT_FAMILIES = ["Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic"]


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Studio")
    app.setOrganizationName("Studio")
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    return app


def run_gui(workspace: Workspace, screenshot: Path | None = None, size: tuple[int, int] = (1440, 900)) -> int:
    """Show the main window until it closes, or render it to `screenshot` and return."""
    app = application()
    window = MainWindow(workspace)
    if screenshot is not None:
        window.resize(*size)
        window.show()
        window.tree.expandToDepth(1)
        app.processEvents()
        saved = window.grab().save(str(screenshot))
        window.close()
        if not saved:
            raise StudioError(f"cannot write the screenshot to {screenshot}")
        return 0
    window.show()
    return app.exec()

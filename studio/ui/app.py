"""Starting the Qt application: settings, interface language, theme, sign-in, the main window, and offscreen
screenshots."""

from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from studio.errors import StudioError
from studio.ui.labels import LANGUAGE_PROPERTY
from studio.ui.settings import Settings
from studio.ui.theme import apply_theme
from studio.ui.translations import install_translator
from studio.workspace import Workspace

# Noto Sans first, then the Chinese CJK family: Qt falls back along this list for characters Noto Sans lacks.
UI_FONT_FAMILIES = ["Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic"]


def application(settings: Settings | None = None) -> QApplication:
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
    if settings is not None:
        app.setProperty(LANGUAGE_PROPERTY, install_translator(app, settings.interface_language))
        apply_theme(app, settings.theme)
    return app


@dataclass(frozen=True)
class Screenshot:
    """What `studio gui --screenshot` renders: a document, its columns, an open editor, or the preview."""

    path: Path
    size: tuple[int, int] = (1440, 900)
    document: str | None = None
    locales: tuple[str, ...] = ()
    edit: str | None = None
    preview: tuple[str, ...] = ()


def run_gui(workspace: Workspace, screenshot: Screenshot | None = None) -> int:
    """Show the main window until it closes, or render `screenshot` and return."""
    from studio.ui.main_window import MainWindow

    settings = Settings(Path(os.environ["STUDIO_SETTINGS"])) if os.environ.get("STUDIO_SETTINGS") else Settings()
    app = application(settings)
    collect_on_gui_thread(app)
    if screenshot is None and workspace.actor is None and workspace.users():
        from studio.ui.sign_in import SignInDialog

        dialog = SignInDialog(workspace, settings.last_user)
        if not dialog.exec():
            return 0
        if workspace.actor is not None:
            settings.last_user = workspace.actor.name
    try:
        window = MainWindow(workspace, settings)
    except Exception:
        workspace.opening_checked()  # a damaged workspace is said as such, not as whatever reading it broke
        raise
    if screenshot is not None:
        return _screenshot(app, window, screenshot)
    if os.environ.get("STUDIO_REPORT_FIRST_PAINT"):
        _report_first_paint(window)
    window.show()
    started()
    return app.exec()


def started() -> None:
    """Once the window is up. What start-up built lives as long as the window: moved out of the collector's
    sight, a full collection scans far less (on the portal, 100 ms without it)."""
    gc.collect()
    gc.freeze()


class MainThreadCollector(QObject):
    """Python's cycle collector, run on the GUI thread only.

    Left automatic, the collector runs on whichever thread happens to allocate, and the job runner's pool
    threads run Python: a widget caught in a reference cycle was then destroyed on a worker while the GUI thread
    painted, which crashes Qt. So automatic collection is turned off, and a timer on the GUI thread collects as
    the automatic thresholds would (a young generation after its threshold of allocations, an older one after
    its threshold of younger collections), but a full pass (tens of milliseconds: the event loop stands still
    meanwhile) at most once every `FULL_EVERY` seconds. Child processes and the command line keep the automatic
    collector: they run no widgets."""

    INTERVAL_MS = 100
    FULL_EVERY = 30.0

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._last_full = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self.start()

    def start(self) -> None:
        """Automatic collection off, and collected here from now on."""
        gc.disable()
        self._timer.start(self.INTERVAL_MS)

    def check(self) -> int:
        """Collect the generations whose thresholds are passed; the generation collected, or -1."""
        count0, count1, count2 = gc.get_count()
        if count0 <= self._thresholds[0]:
            return -1
        # Each collection of a generation adds one to the next one's count, as the automatic collector's do.
        generation = 0
        if count1 > self._thresholds[1]:
            generation = 1
            if count2 > self._thresholds[2] and time.monotonic() - self._last_full >= self.FULL_EVERY:
                generation = 2
                self._last_full = time.monotonic()
        gc.collect(generation)
        return generation

    def hold(self) -> None:
        """No collection until `resume` (automatic collection stays off)."""
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start(self.INTERVAL_MS)

    def stop(self) -> None:
        """Automatic collection again (tests, the end of the window)."""
        self._timer.stop()
        gc.enable()


def collect_on_gui_thread(app: QApplication) -> MainThreadCollector:
    """Turn automatic collection off and collect on `app`'s thread instead (see `MainThreadCollector`); once
    per application."""
    existing = app.findChild(MainThreadCollector)
    if existing is None:
        return MainThreadCollector(app)
    existing.start()  # stopped meanwhile (tests)
    return existing


class _FirstPaint(QObject):
    """Prints the wall-clock time of the window's first paint and quits (for bench/run_editor.py)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def _report_first_paint(window: QWidget) -> None:
    # Parented to the window, which keeps the filter (and its Python eventFilter) alive.
    window.installEventFilter(_FirstPaint(window))


def _screenshot(app: QApplication, window: object, shot: Screenshot) -> int:
    from studio.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.resize(*shot.size)
    if shot.locales:
        window.set_locales(list(shot.locales))
    if shot.document:
        window.content.select_document(window.workspace.document(shot.document).row.id)
    window.show()
    app.processEvents()
    target: QWidget = window
    if shot.edit:
        window.editor.set_locales(list(shot.locales) or window.editor.model.locales)
        locale, _, where = shot.edit.partition(":")
        field, _, number = where.partition("#")
        model = window.editor.model
        column = model.column_of(locale)
        if column is None:
            raise StudioError(f"no {locale} column to edit: add it with --locales")
        rows = [r for r in range(model.rowCount()) if (seg := model.segment(r)) is not None
                and (not field or seg.field_path == field)]
        index = int(number) - 1 if number.isdigit() else 0
        if not 0 <= index < len(rows):
            raise StudioError(f"no sentence {where!r} in this document")
        row = rows[index]
        window.editor.go_to_index(window.editor.model.index(row, column), edit=True)
    if shot.preview:
        window.show_preview()
        assert window.preview_window is not None
        window.preview_window.set_locales(shot.preview[0], shot.preview[1] if len(shot.preview) > 1 else None)
        window.preview_window.resize(*shot.size)
        target = window.preview_window
    _settle(200)  # let layouts, timers (the grid refits after a resize) and the first paints finish
    saved = target.grab().save(str(shot.path))
    if window.preview_window is not None:
        window.preview_window.close()
    window.editor.finish_editing()
    window.close()
    if not saved:
        raise StudioError(f"cannot write the screenshot to {shot.path}")
    return 0


def _settle(ms: int) -> None:
    """Run the event loop for `ms` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

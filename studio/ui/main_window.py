"""The main window: content on the left, the document grid in the middle, the current cell's panel on the right,
background jobs below; menus whose actions say why they are disabled for the signed-in user's roles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QWidget,
)

from studio.changes import Changes
from studio.content.importers import ImportOptions
from studio.errors import StudioError
from studio.jobs import Job
from studio.locales import LOCALES, SOURCE_DEFAULT, targets_of
from studio.memory.glossary import Glossary
from studio.permissions import refusal
from studio.states import CellState
from studio.ui.columns_dialog import ColumnsDialog
from studio.ui.content_pane import ContentPane
from studio.ui.dashboard import DashboardView
from studio.ui.document_dialogs import DeletedDocumentsDialog, NewDocumentDialog, confirm_delete
from studio.ui.document_editor import DocumentEditor
from studio.ui.export_dialog import ExportDialog, ExportScope
from studio.ui.glossary_dialog import GlossaryDialog
from studio.ui.help import ShortcutsDialog
from studio.ui.import_report_dialog import ImportReportDialog
from studio.ui.job_runner import CANCELLED, JobHandle, JobRunner, on_worker
from studio.ui.jobs_panel import JobsPanel
from studio.ui.labels import interface_locale, language_name
from studio.ui.memory_tab import MemoryActions
from studio.ui.operations import Operations
from studio.ui.pretranslate_dialog import EngineChoice, PretranslateDialog, PretranslateRequest, PretranslateScope
from studio.ui.preview import PreviewWindow
from studio.ui.quality_view import QualityView
from studio.ui.reject_dialog import RejectDialog
from studio.ui.release_dialog import open_release_dialog
from studio.ui.replace_dialog import ReplaceDialog
from studio.ui.review_queue import ReviewQueue
from studio.ui.settings import Settings
from studio.ui.settings_dialog import SettingsDialog
from studio.ui.side_panel import INSERT_KEYS, SidePanel
from studio.ui.source_form import SourceEditorDialog
from studio.ui.terms_tab import warm_glossary
from studio.ui.undo import CellEditCommand, EditHistory, StoredEditCommand
from studio.worker_process import in_process
from studio.workflow.cells import CellSnapshot
from studio.workflow.replace import ReplaceRun
from studio.workspace import Workspace

if TYPE_CHECKING:  # machine translation is imported when first used: it brings the engines along
    from studio.exchange.returned import ImportReport
    from studio.mt.config import MTSettings
    from studio.mt.suggestions import Suggestion

TARGETS = targets_of(SOURCE_DEFAULT)


def settings_location(ws: Workspace) -> str:
    """What a workspace's own settings are filed under: its folder, or its database URL without the password."""
    # `location` is the folder, or the database URL with its password hidden: a settings file holds no secret.
    return str(ws.folder.resolve()) if ws.folder is not None else ws.location


RECOUNT_ALL_FROM = 50
"""Documents whose translations changed above which the tree recounts everything in one query, not one by one."""


class MainWindow(QMainWindow):
    """Opens on a workspace, with whoever is signed in to it."""

    side_panel: SidePanel  # made after the editor, whose signals already name it

    def __init__(self, workspace: Workspace, settings: Settings | None = None, *,
                 mt_settings: MTSettings | None = None) -> None:
        super().__init__()
        self.workspace = ws = workspace
        ws.limit_write_wait(0.3)  # never freeze the window behind a background import: retry the draft instead
        self.settings = (settings or Settings()).for_workspace(settings_location(ws))
        self._mt_settings = mt_settings
        self.setWindowTitle(self.tr("Studio — {0}").format(ws.location))
        self.undo_stack = EditHistory(self)
        self.runner = JobRunner(self)
        # The engines' suggestions, connection tests and the glossary's warm-up run apart from the jobs: never
        # queued behind an import on the jobs' two threads, and never popping up the jobs panel for a moment's wait.
        self.mt_runner = JobRunner(self)
        self.content = ContentPane(ws)
        self.content.document_chosen.connect(self.open_document)
        self.content.document_activated.connect(self._open_and_focus_grid)
        self.content.pretranslate_requested.connect(self.pretranslate)
        self.operations = Operations(self)
        self._pretranslation: JobHandle[Any] | None = None  # the one running, in a process of its own
        self.editor = DocumentEditor(ws, self.undo_stack, self.operations)  # listens first: the grid is current
        self.operations.did_change.connect(self._apply)  # when the side panel shows the cell again
        self.editor.current_cell_changed.connect(self._show_current_cell)
        self.editor.outdated_clicked.connect(lambda: self.side_panel.setCurrentWidget(self.side_panel.history_view))
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.editor.document_gone.connect(lambda _id: self.reload())
        self.dashboard = DashboardView(ws, interface_locale())
        self.dashboard.filter_requested.connect(self._filter_from_dashboard)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.editor, self.tr("Document"))
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.tabs.currentChanged.connect(self._tab_changed)
        splitter = QSplitter()
        splitter.addWidget(self.content)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 1100])
        self.setCentralWidget(splitter)
        self.side_panel = SidePanel()
        self.side_panel.comment_added.connect(self._show_current_cell)
        self.side_panel.ask_requested.connect(self.ask_machine)
        self.side_panel.insert_requested.connect(self.insert_suggestion)
        self.side_panel.term_insert_requested.connect(self.insert_term)
        self.side_panel.quality.acknowledged.connect(lambda changes: self.operations.changed(changes, self))
        self.editor.text_typed.connect(self.side_panel.quality.text_typed)
        self.side_dock = self._dock(self.tr("Current cell"), self.side_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.side_dock], [self.side_panel.sizeHint().width()], Qt.Orientation.Horizontal)
        self.jobs_panel = JobsPanel(self.runner)
        self.jobs_dock = self._dock(self.tr("Jobs"), self.jobs_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.jobs_dock.hide()
        self.runner.job_became_long.connect(lambda _h: self.jobs_dock.show())
        self.review_queue = ReviewQueue(ws, self.operations, self.runner, self.undo_stack.wrote)
        self.review_queue.open_requested.connect(self.open_cell)
        self.review_queue.count_changed.connect(self._queue_counted)
        self.review_queue.focus_changed.connect(self._update_review_actions)
        self.review_dock = self._dock(self.tr("Review queue"), self.review_queue,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(self.review_dock, self.jobs_dock, Qt.Orientation.Vertical)
        self.review_dock.hide()  # shown from Review ▸ Open the review queue (Alt+4); the window remembers it
        self.quality_view = QualityView(ws, self.operations, self.runner)
        self.quality_view.open_requested.connect(self.open_cell)
        self.quality_dock = self._dock(self.tr("Quality checks"), self.quality_view,
                                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self.quality_dock.hide()  # shown from Review ▸ Quality checks (Alt+5)
        self.preview_window: PreviewWindow | None = None
        self.who = QLabel()
        self.statusBar().addPermanentWidget(self.who)
        self._guarded: list[tuple[QAction, str]] = []
        self._build_menus()
        warm_glossary(self.mt_runner, ws.glossary())  # before the first document needs it
        self.editor.yield_keys(key for action in self.findChildren(QAction) for key in action.shortcuts())
        self.editor.set_font_size(self.settings.grid_font_size)
        self.set_locales(self.settings.visible_locales or list(TARGETS))
        self.reload()
        if self.settings.window_geometry:
            self.restoreGeometry(self.settings.window_geometry)
        else:  # first start: most of the screen, the grid needs room for several languages
            area = self.screen().availableGeometry()
            self.resize(int(area.width() * 0.9), int(area.height() * 0.9))
        if self.settings.window_state:
            self.restoreState(self.settings.window_state)
        if self.settings.last_document:  # where the editor left off, even after a crash
            self.content.select_document(self.settings.last_document)
        # After a crash: back to the cell being edited, caret included, with typing not yet stored as a draft.
        self.editor.recover_journal(self.content.select_document)
        self._report_opening_check()

    def _report_opening_check(self) -> None:
        """Say what the opening's integrity check and daily backup found, once they are over (they run while
        the window paints): a damaged workspace in a dialog, since nothing can be stored; a backup that could
        not be made in the status bar, since work goes on."""
        if self.workspace.checking:
            QTimer.singleShot(200, self._report_opening_check)
            return
        try:
            self.workspace.opening_checked()
        except StudioError as exc:
            self.damage_box = QMessageBox(QMessageBox.Icon.Critical, self.tr("The workspace is damaged"), str(exc),
                                          QMessageBox.StandardButton.Ok, self)
            self.damage_box.open()
            return
        for notice in self.workspace.notices:
            self.statusBar().showMessage(notice)

    # --- building -----------------------------------------------------------------------------------------

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu: QMenu, text: str, slot: Callable[[], Any], shortcut: Any = None,
                guard: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        if guard:
            self._guarded.append((action, guard))
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&Import documents…"), self.import_documents, "Ctrl+I", guard="import")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Export translations…"), self.export_translations)
        self._action(file_menu, self.tr("Import &translations…"), self.import_translations, guard="translate")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Settings…"), self.open_settings, "Ctrl+,")
        self._action(file_menu, self.tr("Sign in as another user…"), self.switch_user)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        self._action(edit, self.tr("Copy the source into the cell"), self.editor.copy_source, "Ctrl+B",
                     guard="translate")
        self._action(edit, self.tr("&Find in this document"), self.editor.show_find, QKeySequence.StandardKey.Find)
        self._action(edit, self.tr("Find and &replace in the workspace…"), self.find_and_replace, "Ctrl+H",
                     guard="translate")
        edit.addSeparator()
        self._action(edit, self.tr("&Machine translation suggestions"), self.ask_machine, "Ctrl+M")
        inserts = edit.addMenu(self.tr("&Insert machine suggestion"))
        for number in range(1, INSERT_KEYS + 1):
            self._action(inserts, self.tr("Suggestion {0}").format(number),
                         self._inserter(number), f"Ctrl+Alt+{number}", guard="translate")
        self._action(edit, self.tr("Insert glossary &term"), lambda: self.insert_term(), "Ctrl+T", guard="translate")
        self._action(edit, self.tr("Add to the g&lossary…"), self.add_to_glossary, "Ctrl+Shift+T",
                     guard="edit_glossary")
        self._action(edit, self.tr("&Glossary…"), lambda: self.open_glossary(), "Ctrl+Shift+G")

        document = bar.addMenu(self.tr("&Document"))
        self._action(document, self.tr("&New document…"), self.new_document, QKeySequence.StandardKey.New,
                     guard="edit_source")
        self._action(document, self.tr("&Edit the source…"), self.edit_source, "Ctrl+E", guard="edit_source")
        self._action(document, self.tr("&Delete this document"), self.delete_document, guard="edit_source")
        self._action(document, self.tr("Deleted documents…"), self.deleted_documents, guard="edit_source")
        document.addSeparator()
        # Not the slot itself: `triggered` would pass its `checked` as the scope.
        self._action(document, self.tr("Pre-&translate…"), lambda: self.pretranslate(), guard="translate")
        self._action(document, self.tr("&Preview"), self.show_preview, "Ctrl+P")
        self.memory = MemoryActions(self)
        self.memory.install(edit, document, self._action)
        document.addSeparator()
        self._action(document, self.tr("Re&lease…"), lambda: open_release_dialog(self), "Ctrl+Shift+P",
                     guard="release")

        review = bar.addMenu(self.tr("&Review"))
        self.approve_action = self._action(review, self.tr("&Approve this translation"), self.approve,
                                           "Ctrl+Shift+A", guard="review")
        self.reject_action = self._action(review, self.tr("&Reject this translation…"), self.reject,
                                          "Ctrl+Shift+R", guard="review")
        review.addSeparator()
        self._action(review, self.tr("Open the review &queue"), self.show_review_queue, "Alt+4")
        self._action(review, self.tr("Open the &quality checks"), self.show_quality_view, "Alt+5")

        go = bar.addMenu(self.tr("&Go"))
        self._action(go, self.tr("Search documents"), self._focus_search, "Ctrl+L")
        self._action(go, self.tr("Content tree"), self.content.tree.setFocus, "Alt+1")
        self._action(go, self.tr("Document grid"), self._focus_grid, "Alt+2")
        self._action(go, self.tr("Current cell panel"), self.side_panel.setFocus, "Alt+3")

        view = bar.addMenu(self.tr("&View"))
        self.columns_menu = view.addMenu(self.tr("Language &columns"))
        self._locale_actions: dict[str, QAction] = {}
        self._action(view, self.tr("C&hoose language columns…"), self.choose_columns, "Ctrl+Alt+L")
        all_action = QAction(self.tr("All eight languages"), self)
        all_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        all_action.triggered.connect(lambda: self.set_locales(list(TARGETS)))
        self.columns_menu.addAction(all_action)
        self.columns_menu.addSeparator()
        for code in TARGETS:
            action = QAction(f"{LOCALES[code].native_name} ({code})", self)
            action.setCheckable(True)
            action.toggled.connect(self._locale_toggled)
            self.columns_menu.addAction(action)
            self._locale_actions[code] = action
        view.addAction(self.side_dock.toggleViewAction())
        view.addAction(self.jobs_dock.toggleViewAction())
        self._action(view, self.tr("&Dashboard"), lambda: self.tabs.setCurrentWidget(self.dashboard), "Ctrl+D")

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts,
                     QKeySequence.StandardKey.HelpContents)

        tools = self.addToolBar(self.tr("Main"))
        tools.setObjectName("main-toolbar")
        columns = QToolButton()
        columns.setText(self.tr("Columns"))
        columns.setMenu(self.columns_menu)
        columns.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        tools.addWidget(columns)
        tools.addAction(all_action)
        for action in (undo, redo):
            tools.addAction(action)

    # --- roles --------------------------------------------------------------------------------------------

    def apply_roles(self) -> None:
        """Disable what the signed-in user may not do, saying why in the tooltip."""
        for menu in self.menuBar().findChildren(QMenu):
            menu.setToolTipsVisible(True)
        actor = self.workspace.actor
        for action, guard in self._guarded:
            reason = refusal(actor, guard)
            action.setEnabled(reason is None)
            action.setToolTip(reason or action.text().replace("&", ""))
            action.setStatusTip(reason or "")
        if actor is None:
            self.who.setText(self.tr("Not signed in: read only"))
        else:
            words = {"editor": self.tr("editor"), "reviewer": self.tr("reviewer"), "supervisor": self.tr("supervisor")}
            roles = ", ".join(words.get(role, role) for role in sorted(actor.roles))
            reviews = ", ".join(sorted(actor.review_locales))
            name = self.workspace.display_names().get(actor.name) or actor.name
            self.who.setText(self.tr("Signed in: {0} ({1})").format(name, roles)
                             + (self.tr(" · reviews {0}").format(reviews) if reviews else ""))

    def _update_review_actions(self) -> None:
        current = self.editor.current()
        locale = current[1] if current else None
        in_queue = self.review_queue.has_focus()  # then the shortcuts decide the queue's selected rows
        for action in (self.approve_action, self.reject_action):
            reason = refusal(self.workspace.actor, "review", None if in_queue else locale)
            if reason is None and locale is None and not in_queue:
                reason = self.tr("choose a translation cell to review")
            action.setEnabled(reason is None)
            action.setToolTip(reason or action.text().replace("&", ""))

    # --- content ------------------------------------------------------------------------------------------

    def reload(self, reopen: bool = True) -> None:
        """Re-read the tree and progress, and (with `reopen`) the open document, keeping an unstored editor."""
        self.apply_roles()
        self.content.reload()
        if reopen and self.editor.view is not None:
            try:
                self.editor.open_document(self.editor.view.row.id)
            except StudioError:
                self.editor.open_document(None)
        self._update_review_actions()

    def open_document(self, doc_id: str) -> None:
        current = self.editor.view.row.id if self.editor.view is not None else None
        try:
            opened = self.editor.open_document(doc_id)
        except StudioError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            self.content.reload()
            return
        if not opened:
            if current:  # the typing could not be stored: stay, and show so in the tree
                self.content.select_document(current, emit=False)
            return
        self.tabs.setCurrentWidget(self.editor)
        self.settings.last_document = doc_id
        self._show_current_cell()
        if self.preview_window is not None and self.preview_window.isVisible():
            self.preview_window.set_document(self.editor.view)

    def show_review_queue(self) -> None:
        """Review ▸ Open the review queue (Alt+4): the translations waiting for the signed-in reviewer, with the
        keyboard in the list."""
        self.review_dock.show()
        self.review_dock.raise_()
        self.review_queue.table.setFocus()

    def show_quality_view(self) -> None:
        """Review ▸ Open the quality checks (Alt+5): every finding of the workspace, checked now if never checked."""
        self.quality_dock.show()
        self.quality_dock.raise_()
        if self.quality_view.report is None:
            self.quality_view.run()
        self.quality_view.table.setFocus()

    def _queue_counted(self, waiting: int) -> None:
        self.review_dock.setWindowTitle(self.tr("Review queue ({0})").format(waiting))

    def open_cell(self, doc_id: str, segment_id: int, locale: str) -> None:
        """Open a document in the grid at one translation (Enter or a double-click in the review queue), showing
        its language's column if it was hidden."""
        opened = self.editor.view is not None and self.editor.view.row.id == doc_id
        # A document the tree's filter hides opens all the same.
        if not opened and not self.content.select_document(doc_id):
            self.open_document(doc_id)
        if self.editor.view is None or self.editor.view.row.id != doc_id:
            return  # the text being typed could not be stored: the editor stays where it was, and says why
        if locale not in self.editor.model.locales:
            self.set_locales([*self.editor.model.locales, locale])
        self.tabs.setCurrentWidget(self.editor)
        self.editor.go_to(segment_id, locale)
        self.editor.grid.setFocus()

    def _focus_grid(self) -> None:
        self.tabs.setCurrentWidget(self.editor)
        self.editor.grid.setFocus()

    def _open_and_focus_grid(self, doc_id: str) -> None:
        self.open_document(doc_id)
        self.editor.grid.setFocus()

    def _focus_search(self) -> None:
        self.content.search.setFocus()
        self.content.search.selectAll()

    def set_locales(self, locales: list[str]) -> None:
        chosen = [code for code in TARGETS if code in locales] or list(TARGETS)
        for code, action in self._locale_actions.items():
            action.blockSignals(True)
            action.setChecked(code in chosen)
            action.blockSignals(False)
        self.settings.visible_locales = chosen
        self.editor.set_locales(chosen)

    def choose_columns(self) -> None:
        dialog = ColumnsDialog(self.editor.model.locales, self)
        if dialog.exec():
            self.set_locales(dialog.chosen())

    def _locale_toggled(self) -> None:
        chosen = [code for code, action in self._locale_actions.items() if action.isChecked()]
        self.set_locales(chosen or [next(iter(self._locale_actions))])

    def _show_current_cell(self) -> None:
        current = self.editor.current()
        view = self.editor.view
        if current is None or view is None:
            self.side_panel.clear()
        else:
            self.side_panel.show_cell(self.workspace, view, current[0], current[1])
        self._update_review_actions()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.dashboard:
            self.dashboard.refresh()

    def _filter_from_dashboard(self, section: str, locale: str, state: str) -> None:
        self.content.set_filter(section, locale, state)
        self.tabs.setCurrentWidget(self.editor)

    def _apply(self, changes: Changes, _initiator: object | None = None) -> None:
        """The window's part of the one refresh path (`Operations`): say what a write did, and refresh the tree
        and the side panel. The open document is reopened only if its source changed, so an import finishing in
        the background does not pull the grid away from the cell being translated (written cells the grid
        shows itself)."""
        if changes.summary:
            self.statusBar().showMessage(changes.summary, 8000)
        if changes.documents or changes.sections or changes.users:
            open_id = self.editor.view.row.id if self.editor.view is not None else None
            self.reload(reopen=open_id in changes.documents or changes.sections)
        elif len(changes.translated) > RECOUNT_ALL_FROM:
            self.content.reload()
        else:
            for doc_id in changes.translated:
                self.content.refresh_progress(doc_id)
        if changes.glossary:  # the grid's tinted terms, once compiled on a worker; the Terms tab reads the
            # glossary as the cell is shown
            warm_glossary(self.mt_runner, self.workspace.glossary(), self._glossary_warmed)
        self._show_current_cell()

    def _glossary_warmed(self, glossary: Glossary) -> None:
        if glossary is self.workspace.glossary():  # else a later change is being warmed
            self.editor.delegate.set_glossary(glossary, self.editor.view)
            self.editor.grid.viewport().update()

    def _refuse(self, exc: StudioError) -> None:
        QMessageBox.warning(self, self.tr("Not done"), str(exc))

    # --- documents ----------------------------------------------------------------------------------------

    def new_document(self) -> None:
        dialog = NewDocumentDialog(self.workspace, None, self)
        if dialog.exec() and dialog.created_id:
            self.reload()
            self.content.select_document(dialog.created_id)

    def edit_source(self) -> None:
        view = self.editor.view
        if view is None or not self.editor.finish_editing():
            return
        dialog = SourceEditorDialog(self.workspace, view, self)
        if dialog.exec() and dialog.changes is not None:
            self.operations.changed(dialog.changes, self)

    def delete_document(self) -> None:
        view = self.editor.view
        if view is None or not confirm_delete(self, view.row.title):
            return
        try:
            changes = self.workspace.delete_document(view.row.id)
        except StudioError as exc:
            self._refuse(exc)
            return
        self.editor.open_document(None)
        self.operations.changed(changes, self)

    def deleted_documents(self) -> None:
        dialog = DeletedDocumentsDialog(self.workspace, self)
        dialog.exec()
        if dialog.restored_ids:
            self.reload()
            self.content.select_document(dialog.restored_ids[-1])

    def show_preview(self) -> None:
        if self.preview_window is None:
            self.preview_window = PreviewWindow(settings=self.settings)
        current = self.editor.current()
        locale = current[1] if current and current[1] else (self.editor.model.locales or ["en"])[0]
        self.preview_window.set_document(self.editor.view)
        # The languages chosen last time win; the current cell's language and the source are only a first offer.
        self.preview_window.offer_locales(locale, self.editor.view.row.source_locale if self.editor.view else None)
        self.preview_window.fit_to_screen()
        self.preview_window.show()
        self.preview_window.raise_()

    def import_documents(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import documents"), "",
                                                self.tr("Documents (*.json *.md *.markdown *.html *.htm)"))
        if paths:
            self.run_job(self.tr("Importing %n file(s)", "", len(paths)),
                         lambda ws: ws.import_files([Path(p) for p in paths], ImportOptions()))

    # --- exchange with outside translators ---------------------------------------------------------------

    def export_translations(self) -> ExportDialog | None:
        """The export dialog, then the export as a job; the dialog is returned for tests (None if cancelled)."""
        view = self.editor.view
        scopes = []
        if view is not None:
            section = next((s for s in self.workspace.sections() if s.key == view.row.section), None)
            title = section.title(interface_locale()) if section is not None else view.row.section
            scopes = [ExportScope(self.tr("This document: {0}").format(view.row.title), view.row.slug,
                                  documents=(view.row.id,)),
                      ExportScope(self.tr("Its section: {0}").format(title), view.row.section,
                                  section=view.row.section)]
        dialog = ExportDialog(scopes, self.editor.model.locales or targets_of(SOURCE_DEFAULT), Path.home(), self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return None
        request = dialog.request()
        title = self.tr("Exporting translations")
        self.runner.start(title, on_worker(self.workspace, lambda ws: ws.export_translations_job(
            request.path, request.format, locales=request.locales, documents=request.scope.documents,
            section=request.scope.section)),
            on_done=lambda result: self.statusBar().showMessage(
                self.tr("Exported {0} unit(s) in {1} file(s) to {2}").format(result.units, len(result.files),
                                                                            result.path), 10000),
            on_failed=lambda exc: QMessageBox.warning(self, title, str(exc)))
        return dialog

    def import_translations(self, paths: list[str] | None = None) -> None:
        """Returned PO, XLIFF or CSV files, imported as a job; the report opens when it ends, and the grid shows
        the applied units through the one refresh path."""
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self, self.tr("Import translations"), "",
                self.tr("Translations (*.po *.xlf *.xliff *.xlf2 *.csv);;All files (*)"))
        if not paths:
            return
        if not self.editor.finish_editing():
            return
        title = self.tr("Importing translations from %n file(s)", "", len(paths))
        chosen = [Path(p) for p in paths]
        self.runner.start(title, on_worker(self.workspace, lambda ws: ws.import_translations_job(chosen)),
                          on_done=self._translations_imported,
                          on_failed=lambda exc: QMessageBox.warning(self, title, str(exc)))

    def _translations_imported(self, report: ImportReport) -> None:
        self.operations.changed(report.changes, self)
        self.import_report = ImportReportDialog(report, self)
        self.import_report.open()

    def run_job(self, title: str, make: Callable[[Workspace], Job[Changes]], *,
                announce: bool = True) -> JobHandle[Changes]:
        """Run a workspace job in the background on its own connection, as the signed-in user; with `announce`,
        what it changed is refreshed when it is done."""
        return self.runner.start(title, on_worker(self.workspace, make),
                                 on_done=lambda changes: self.operations.changed(changes, self) if announce else None,
                                 on_failed=lambda exc: QMessageBox.warning(self, title, str(exc)))

    # --- translating --------------------------------------------------------------------------------------

    def find_and_replace(self) -> None:
        """Preview in the dialog, then replace as a job in the jobs panel (progress, Cancel) while the window
        stays usable; whatever it applied, all of it or the batches done before a cancel, is one undo step."""
        if not self.editor.finish_editing():
            return
        dialog = ReplaceDialog(self.workspace, self.editor.model.locales, self.runner, self)
        accepted, run = dialog.exec(), dialog.run
        dialog.deleteLater()  # its preview may hold thousands of matches; a new dialog is made each time
        if not accepted or run is None:
            return
        handle = self.run_job(self.tr("Replacing in %n translation(s)", "", len(run.todo)),
                              lambda ws: ws.replace_job(run), announce=False)  # a cancel applies a part too

        def finished(ended: JobHandle[Any]) -> None:
            if ended is handle:
                self.runner.job_finished.disconnect(finished)
                self._replace_finished(run, ended)
        self.runner.job_finished.connect(finished)

    def _replace_finished(self, run: ReplaceRun, handle: JobHandle[Any]) -> None:
        """One undo command for exactly what the job applied (its committed batches, after a cancel or a
        failure too), and the views refreshed."""
        if not run.applied:
            if handle.state == CANCELLED:
                self.statusBar().showMessage(self.tr("Replace cancelled: nothing was replaced"), 8000)
            return
        befores = [a.before for a in run.applied]
        for applied in run.applied:
            self.undo_stack.wrote((applied.before.segment_id, applied.before.locale), applied.version)
        # The job says what it wrote: reading thousands of cells back here would block the window.
        command = StoredEditCommand(self.workspace, self.undo_stack, befores, [a.after for a in run.applied],
                                   self.tr("Replace in %n translation(s)", "", len(befores)),
                                   self.operations.changed, self.editor.show_message, self.runner)
        self.undo_stack.push(command)
        summary = self.tr("Replaced in %n translation(s)", "", len(run.applied))
        if handle.state == CANCELLED:
            summary = self.tr("Replace cancelled: %n translation(s) replaced, Undo takes them back", "",
                              len(run.applied))
        self.operations.changed(run.changes(summary), self)

    def _review(self, approve: bool) -> None:
        if self.review_queue.has_focus():
            if approve:
                self.review_queue.approve_selected()
            else:
                self.review_queue.reject_selected()
            return
        if not self.editor.finish_editing():  # the verdict is on the text as stored, typing included
            return
        current = self.editor.current()
        if current is None or current[1] is None or self.editor.view is None:
            return
        seg = self.editor.view.segments[current[0]]
        cell = seg.cells.get(current[1])
        if cell is None:
            self.editor.show_message(self.tr("This cell has no translation to review."))
            return
        comment = ""
        if not approve:
            dialog = RejectDialog(seg.text, self.editor.view.row.source_locale, cell.text, current[1], self)
            if not dialog.exec():
                return
            comment = dialog.comment()
        try:
            result = self.workspace.review_cell(seg.id, current[1], cell.version, approve=approve, comment=comment)
            self.undo_stack.wrote((seg.id, current[1]), result.version)
        except StudioError as exc:
            self.editor.show_message(str(exc))
            return
        self.operations.changed(result.changes, self)
        self.statusBar().showMessage(self.tr("Approved") if approve else self.tr("Rejected"), 5000)
        # A reviewer goes on to the next confirmed translation waiting for a verdict in the same language.
        index = self.editor.grid.currentIndex()
        row = self.editor.next_in_states(index.row(), index.column(), lambda state: state == CellState.TRANSLATED)
        if row is not None:
            self.editor.go_to_index(self.editor.model.index(row, index.column()), edit=False)

    def approve(self) -> None:
        self._review(True)

    def reject(self) -> None:
        self._review(False)

    # --- machine translation ------------------------------------------------------------------------------

    @property
    def mt_settings(self) -> MTSettings:
        """This user's machine-translation settings, read at first use (tests and callers may set their own)."""
        if self._mt_settings is None:
            from studio.mt.config import MTSettings

            self._mt_settings = MTSettings()
        return self._mt_settings

    @mt_settings.setter
    def mt_settings(self, value: MTSettings) -> None:
        self._mt_settings = value

    def ask_machine(self) -> None:
        """Ctrl+M: the route engines' suggestions for the current cell, in the side panel, asked on a worker."""
        try:
            settings = self.mt_settings
        except StudioError as exc:
            self._refuse(exc)
            return
        if not self.side_panel.ask_machine(self.mt_runner, settings):
            self.statusBar().showMessage(self.tr("Choose a translation cell: the engines translate the source into "
                                                 "its language."), 8000)
            return
        self.side_dock.show()

    def _inserter(self, number: int) -> Callable[[], None]:
        return lambda: self.insert_suggestion(number)  # an action's slot takes no argument of its own

    def insert_suggestion(self, number: int) -> None:
        """Ctrl+Alt+number: machine suggestion `number` into the current cell; into the open editor's text (then
        it is the person's edit), or else stored at once as a machine draft with the engine as its origin."""
        found = self.side_panel.suggestion(number)
        current, view = self.editor.current(), self.editor.view
        if found is None or current is None or view is None \
                or (view.segments[current[0]].id, current[1]) != found[:2]:
            self.statusBar().showMessage(self.tr("No machine suggestion {0} for this cell: Ctrl+M asks the "
                                                 "engines.").format(number), 8000)
            return
        editor = self.editor.editor()
        if editor is not None:
            editor.replace_all_undoably(found[2].text or "")
            return
        self._store_machine_draft(current[0], found[1], found[2])

    def insert_term(self, term: str | None = None) -> None:
        """Ctrl+T or a Terms tab link: a glossary term (default: the first approved one of the sentence) at the
        cursor of the open editor, as the person's typing."""
        terms = self.side_panel.terms.insertable
        text = term if term is not None else (terms[0] if terms else None)
        editor = self.editor.editor()
        if text is None or editor is None:
            self.statusBar().showMessage(self.tr("Open a cell's editor on a sentence with glossary terms to insert "
                                                 "one (see the Terms tab)."), 8000)
            return
        editor.textCursor().insertText(text)
        editor.setFocus()

    def open_glossary(self, new_from_cell: bool = False) -> GlossaryDialog:
        """Ctrl+Shift+G: the glossary dialog; with `new_from_cell` (Ctrl+Shift+T) a new entry in the current
        cell's languages, the editor's selected text as the term of the cell's language."""
        dialog = GlossaryDialog(self.workspace, self, on_changes=lambda c: self.operations.changed(c, self),
                                runner=self.runner)
        current, view = self.editor.current(), self.editor.view
        if new_from_cell and view is not None:
            editor = self.editor.editor()
            selected = editor.textCursor().selectedText() if editor is not None else ""
            locale = current[1] if current is not None else None
            if locale is None or locale == view.row.source_locale:
                dialog.new_entry(selected, view.row.source_locale)
            else:
                dialog.new_entry("", view.row.source_locale, locale, selected)
        dialog.open()
        return dialog

    def add_to_glossary(self) -> None:
        self.open_glossary(new_from_cell=True)

    def _store_machine_draft(self, segment_index: int, locale: str, suggestion: Suggestion) -> None:
        """Store a suggestion as the cell's draft (origin `mt:<engine>`), as one undo step, and announce it."""
        assert self.editor.view is not None
        segment = self.editor.view.segments[segment_index]
        cell = segment.cells.get(locale)
        version = cell.version if cell is not None else None
        try:
            result = self.workspace.save_cell(segment.id, locale, suggestion.text or "", version,
                                              origin=suggestion.origin)
        except StudioError as exc:  # a conflict too: someone wrote the cell meanwhile; the grid shows theirs
            self.editor.show_message(str(exc))
            self.editor.refresh_cell(segment.id, locale)
            return
        after = result.row
        snapshot = CellSnapshot(segment.id, locale, after.text, after.state, after.origin, after.flagged,
                                after.outdated_source) if after else CellSnapshot(segment.id, locale, None)
        self.undo_stack.wrote((segment.id, locale), result.version)
        self.undo_stack.push(CellEditCommand(
            self.workspace, self.undo_stack, result.before, snapshot, version, result.version,
            self.tr("Insert a machine translation into {0}").format(language_name(locale)),
            self.operations.changed, self.editor.show_message, draft=False))
        self.operations.changed(result.changes, self)

    def pretranslate(self, scope: PretranslateScope | None = None) -> None:
        """Document ▸ Pre-translate… (this document, its section, everything) or the tree's context menu (the
        row's scope): the dialog, then the pre-translation as a job in the jobs panel."""
        reason = refusal(self.workspace.actor, "translate")
        if self._pretranslation is not None and self._pretranslation.running:
            # One at a time: each runs in a process of its own, which would not share the engines' limits.
            reason = self.tr("A pre-translation is running: wait for it to end, or cancel it in the jobs panel")
        try:
            settings = self.mt_settings
        except StudioError as exc:
            reason = str(exc)
        if reason is not None:
            self.statusBar().showMessage(reason, 8000)
            return
        scopes = [scope] if scope is not None else self._document_scopes()
        engines = [EngineChoice(s.name, s.label) for s in settings.states() if s.configured]
        dialog = PretranslateDialog(scopes, self.editor.model.locales, engines, self)
        accepted, request = dialog.exec(), dialog.request()
        dialog.deleteLater()
        if accepted:
            self.run_pretranslation(request, settings)

    def _document_scopes(self) -> list[PretranslateScope]:
        view = self.editor.view
        if view is None:
            return []
        section = next((s for s in self.workspace.sections() if s.key == view.row.section), None)
        title = section.title(interface_locale()) if section is not None else view.row.section
        return [PretranslateScope(self.tr("This document: {0}").format(view.row.title), documents=(view.row.id,)),
                PretranslateScope(self.tr("Its section: {0}").format(title), section=view.row.section)]

    def run_pretranslation(self, request: PretranslateRequest, settings: MTSettings) -> JobHandle[Changes]:
        """The pre-translation as a job; its drafts are announced when it ends (after a Cancel too: what it wrote
        before stays)."""
        scope = request.scope
        names = ", ".join(language_name(code) for code in request.locales)
        title = self.tr("Pre-translating into {0}").format(names)
        # In a process of its own: on the whole portal its work would otherwise stand the window still, a
        # moment at a time (the interpreter's lock, the collector's passes over its sentences).
        job = in_process(self.workspace.sibling_opener(), "pretranslate_job", list(request.locales),
                         documents=scope.documents, section=scope.section, engine=request.engine,
                         replace_machine=request.replace_machine, settings=settings)
        handle = self.runner.start(title, job, on_done=lambda report: self.operations.changed(report.changes, self),
                                   on_failed=lambda exc: QMessageBox.warning(self, title, str(exc)))
        self._pretranslation = handle

        def finished(ended: JobHandle[Any]) -> None:
            if ended is handle:
                self.runner.job_finished.disconnect(finished)
                if ended.state == CANCELLED:
                    self._pretranslation_cancelled(request.locales)
        self.runner.job_finished.connect(finished)
        return handle

    def _pretranslation_cancelled(self, locales: tuple[str, ...]) -> None:
        """A cancelled job returns no report (its generator is closed), yet its finished batches are stored: the
        open document's cells that differ from the grid are announced, and the tree recounts."""
        view = self.editor.view
        written: frozenset[tuple[int, str]] = frozenset()
        if view is not None:
            try:
                fresh = self.workspace.document(view.row.id)
            except StudioError:
                fresh = None
            if fresh is not None and [s.id for s in fresh.segments] == [s.id for s in view.segments]:
                written = frozenset((new.id, loc) for old, new in zip(view.segments, fresh.segments, strict=True)
                                    for loc in locales if old.cells.get(loc) != new.cells.get(loc))
        summary = self.tr("Pre-translation cancelled: the drafts written before are kept")
        self.operations.changed(Changes(cells=written, translated=frozenset({view.row.id}) if written and view
                                        else frozenset(), summary=summary), self)
        self.content.reload()

    # --- people and settings ------------------------------------------------------------------------------

    def switch_user(self) -> None:
        from studio.ui.sign_in import SignInDialog

        if not self.editor.finish_editing():
            return
        dialog = SignInDialog(self.workspace, self.settings.last_user, self)
        if dialog.exec():
            if self.workspace.actor is not None:
                self.settings.last_user = self.workspace.actor.name
            self.undo_stack.clear()
            self.reload()
            self.review_queue.signed_in()
            self.quality_view.signed_in()

    def open_settings(self) -> None:
        try:
            mt_settings: MTSettings | None = self.mt_settings
        except StudioError as exc:  # an unreadable mt.json: the other settings still open, and say why
            self.statusBar().showMessage(str(exc), 8000)
            mt_settings = None
        dialog = SettingsDialog(self.settings, self, mt_settings=mt_settings, runner=self.mt_runner)
        dialog.settings_changed.connect(self._settings_changed)
        dialog.exec()

    def _settings_changed(self, names: list[str]) -> None:
        from studio.ui.theme import apply_theme

        if "theme" in names:
            app = QCoreApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, self.settings.theme)
        if "grid_font_size" in names:
            self.editor.set_font_size(self.settings.grid_font_size)
        if "visible_locales" in names:
            self.set_locales(self.settings.visible_locales)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    # --- closing ------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editor.finish_editing():
            event.ignore()
            return
        self.side_panel.machine.stop()  # no suggestions request started after this one ends
        self.memory.stop()  # the memory's look-ups, concordance and offers
        for runner in (self.runner, self.mt_runner):
            runner.cancel_all()
        self.runner.wait_all(10_000)
        self.mt_runner.wait_all(25_000)  # an engine's answer ends by its own deadline (20 s)
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(self.saveState().data())
        if self.preview_window is not None:
            self.preview_window.close()
        super().closeEvent(event)

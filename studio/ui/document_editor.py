"""The document grid and its keyboard flow: typing is stored as a draft after a pause, Ctrl+Enter confirms and
moves on, every stored edit can be undone, and nothing typed is lost when a write is refused, nor when the
application is killed (the open editor is journalled a moment after each keystroke: studio/journal.py).

Writes go through the workspace on the UI thread: each is one short SQLite transaction (a few milliseconds),
and the result is swapped into the model for exactly that cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.changes import Changes
from studio.content.queries import DocumentView
from studio.content.types import get_content_type
from studio.errors import NotFound, StudioError, ValidationError, WorkspaceBusy
from studio.journal import (
    SYNC_INTERVAL_S,
    EditJournal,
    JournalEntry,
    journal_folder,
    last_entry,
    orphaned_journals,
)
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.permissions import refusal
from studio.states import CellState
from studio.ui.conflict_dialog import ConflictDialog
from studio.ui.facts_panel import FactsPanel
from studio.ui.grid_delegate import GridDelegate
from studio.ui.grid_model import FIRST_TARGET_COLUMN, SOURCE_COLUMN, GridModel
from studio.ui.labels import data_label, language_name
from studio.ui.operations import Operations
from studio.ui.propagation_bar import PropagationBar
from studio.ui.segment_editor import SegmentEditor, navigation_step
from studio.ui.undo import CellEditCommand, EditHistory
from studio.workflow.cells import CellConflict, CellSnapshot
from studio.workspace import Workspace

JOURNAL_DELAY_MS = 150  # the open editor's text reaches the journal at most this long after a keystroke
CARET_MARGIN = 4  # pixels kept between the caret and the grid's edge while typing


class GridView(QTableView):
    """The table: Enter or F2 starts editing; Ctrl+Up/Down and Ctrl+PgUp/PgDown move between cells."""

    move_requested = Signal(int, int)
    confirm_requested = Signal()  # Ctrl+Enter on a cell that is not being edited
    edit_refused = Signal(QModelIndex)  # Enter, F2, typing or a double click on a cell that cannot be edited
    shortcut_refused = Signal(str)  # the shortcut of a disabled action was pressed: why it is disabled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.may_close_editor: Callable[[QWidget], bool] | None = None

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # The delegate closes editors on Escape, Tab and focus loss, and the view when the current cell moves;
        # the owner stores the text first (or vetoes while a dialog of its own took the focus).
        if self.may_close_editor is not None and not self.may_close_editor(editor):
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = navigation_step(event)
        if step is not None:
            self.move_requested.emit(*step)
            return
        key = event.key()
        editable = bool(self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and editable \
                and self.state() != QAbstractItemView.State.EditingState:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.confirm_requested.emit()
            else:
                self.edit(self.currentIndex())
            return
        reason = self._disabled_shortcut_reason(event)
        if reason:
            self.shortcut_refused.emit(reason)
            return
        if not editable and self.currentIndex().isValid() and _asks_to_edit(event):
            self.edit_refused.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)  # first: it may make the cell current, which clears messages
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsSelectable \
                and not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit_refused.emit(index)

    def _disabled_shortcut_reason(self, event: QKeyEvent) -> str | None:
        """A disabled action's shortcut reaches the grid as a plain key press: the action's tooltip says why
        it is disabled (the window sets it to the refusal), so say that instead of doing nothing."""
        if not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return None
        pressed = QKeySequence(event.keyCombination())
        for action in self.window().findChildren(QAction):
            if action.isEnabled() or not any(s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                                             for s in action.shortcuts()):
                continue
            reason = action.toolTip()
            if reason and reason != action.text().replace("&", "").rstrip("…"):
                return reason
        return None

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # Up and Down step over the field headings, which hold no cell to stand on.
        index = super().moveCursor(action, modifiers)
        step = {QAbstractItemView.CursorAction.MoveUp: -1, QAbstractItemView.CursorAction.MoveDown: 1}.get(action)
        model = self.model()
        while step and index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsSelectable:
            row = index.row() + step
            if not 0 <= row < model.rowCount():
                return self.currentIndex()
            index = model.index(row, self.currentIndex().column())
        return index


def _asks_to_edit(event: QKeyEvent) -> bool:
    """Enter, F2 or a printable key: what starts editing on a cell that may be edited."""
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
        return True
    modifiers = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
    return modifiers == Qt.KeyboardModifier.NoModifier and event.text().isprintable() and bool(event.text())


MANY_CELLS = 8
"""Written cells of the open document above which it is read again whole rather than cell by cell."""


class DocumentEditor(QWidget):
    """One open document: its facts, the grid of segments by locale, and a find bar (Ctrl+F)."""

    current_cell_changed = Signal()  # the selection moved: side panels follow
    outdated_clicked = Signal()
    message = Signal(str)  # one line for the status bar
    document_gone = Signal(str)
    cell_confirmed = Signal(int, str)  # (segment id, locale) confirmed here: the memory offers to propagate it
    text_typed = Signal(int, str, str)  # (segment id, locale, text) as typed in the open cell: live quality checks

    def __init__(self, ws: Workspace, undo_stack: EditHistory, operations: Operations | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = undo_stack
        self.operations = operations or Operations(self)  # a window's, or this editor's own when it stands alone
        self.operations.did_change.connect(self._changed)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.facts = FactsPanel(ws)
        self.facts.saved.connect(self._facts_saved)
        self.model = GridModel(self)
        self.delegate = GridDelegate(self)
        self.delegate.editor_created.connect(self._wire_editor)
        self.delegate.outdated_clicked.connect(self._outdated_clicked)
        self.grid = GridView()
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(self.delegate)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.move_requested.connect(self._move_from_grid)
        self.grid.confirm_requested.connect(self.confirm_current)
        self.grid.may_close_editor = self._may_close_editor
        self.grid.selectionModel().currentChanged.connect(self._current_moved)
        self.grid.edit_refused.connect(self._say_why_not_editable)
        self.grid.shortcut_refused.connect(self.show_message)
        self.message_bar = QLabel()
        self.message_bar.setWordWrap(True)
        self.message_bar.setStyleSheet("QLabel { background: #fdecc8; color: #4a3000; padding: 4px; }")
        self.message_bar.hide()
        self.find_bar = self._make_find_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.facts)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.message_bar)
        self.propagation_bar = PropagationBar()
        layout.addWidget(self.propagation_bar)
        layout.addWidget(self.grid, 1)
        self._editor: SegmentEditor | None = None
        self._editor_index: QPersistentModelIndex | None = None
        self._storing = False
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(80)
        self._refit.timeout.connect(self._fit_columns)
        self._moving_for_the_user = True  # False while the program moves the current cell itself
        self._journal: EditJournal | None = None
        self._journal_failed = False
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(JOURNAL_DELAY_MS)
        self._journal_timer.timeout.connect(self._write_journal)
        # A write the journal did not fsync (the last one was less than a second before) is fsync'd a second
        # later: otherwise the keystrokes just before a pause would wait in the page cache for the next one.
        self._journal_sync_timer = QTimer(self)
        self._journal_sync_timer.setSingleShot(True)
        self._journal_sync_timer.setInterval(int(SYNC_INTERVAL_S * 1000))
        self._journal_sync_timer.timeout.connect(self._sync_journal)

    # --- opening ------------------------------------------------------------------------------------------

    @property
    def view(self) -> DocumentView | None:
        return self.model.view

    def open_document(self, doc_id: str | None) -> bool:
        """Show a document (None: nothing); an open editor's text is stored first. False, and nothing changes,
        when that text could not be stored (the editor stays open with it)."""
        if not self.finish_editing():
            return False
        view = self.ws.document(doc_id) if doc_id else None
        self.show_view(view)
        return True

    def show_view(self, view: DocumentView | None) -> None:
        self.hide_message()  # what was said about the last document (or the last user) is said
        self.model.set_document(view, editable=refusal(self.ws.actor, "translate") is None)
        self.grid.clearSpans()
        for row in range(self.model.rowCount()):
            if self.model.row_info(row).kind == "heading":
                self.grid.setSpan(row, 0, 1, self.model.columnCount())
        self.facts.set_document(view)
        self.delegate.set_glossary(self.ws.glossary(), view)  # source terms tinted, found once per view
        if view is None:
            self.title.setText(self.tr("No document open"))
            self.subtitle.setText(self.tr("Choose a document in the tree on the left."))
            return
        self.title.setText(view.row.title)
        self.subtitle.setText(self.tr("{0} · {1} · {2} segments · written in {3}").format(
            data_label(get_content_type(view.row.type).label), view.row.slug, len(view.segments),
            language_name(view.row.source_locale)))
        self._fit_columns()
        first = self.next_row(-1, 1)
        if first is not None:
            column = FIRST_TARGET_COLUMN if self.model.columnCount() > FIRST_TARGET_COLUMN else SOURCE_COLUMN
            self.grid.setCurrentIndex(self.model.index(first, column))

    def set_locales(self, locales: list[str]) -> bool:
        if not self.finish_editing():
            return False
        self.model.set_chosen_locales(locales)
        self.show_view(self.model.view)
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Refitting sizes every row's wrapped text: once the window stops changing size, not at every step.
        self._refit.start()

    def set_font_size(self, size: int) -> None:
        self.delegate.point_size = size
        self._fit_columns()

    def _fit_columns(self) -> None:
        columns = self.model.columnCount()
        if columns == 0:
            return
        # Share the width among the text columns; below a readable width the grid scrolls sideways instead.
        available = max(self.grid.viewport().width(), 600)
        self.grid.setColumnWidth(0, 76)
        width = max(150, (available - 76) // max(columns - 1, 1))
        for column in range(1, columns):
            self.grid.setColumnWidth(column, width)
        self.grid.resizeRowsToContents()
        editor, index = self._editor, self._editor_index
        if editor is not None and index is not None and index.isValid():
            # The row sized to the stored text: give the text being typed its room again.
            self._grow_row(index.row(), editor.content_height())

    def refresh_cell(self, segment_id: int, locale: str) -> None:
        """Re-read one cell from the workspace (after undo, redo, or a change made elsewhere)."""
        if self.model.row_of_segment(segment_id) is None:
            return
        self.model.update_cell(segment_id, locale, self.ws.cell(segment_id, locale))
        row = self.model.row_of_segment(segment_id)
        if row is not None:
            self.grid.resizeRowToContents(row)

    # --- the current cell ---------------------------------------------------------------------------------

    def current(self) -> tuple[int, str | None] | None:
        """(index into view.segments, locale or None for the source) of the current cell."""
        index = self.grid.currentIndex()
        info = self.model.row_info(index.row()) if index.isValid() else None
        if info is None or info.kind != "segment":
            return None
        return info.segment_index, self.model.locale_of(index.column()) if index.column() >= FIRST_TARGET_COLUMN \
            else None

    def go_to(self, segment_id: int, locale: str | None, edit: bool = False) -> None:
        row = self.model.row_of_segment(segment_id)
        column = self.model.column_of(locale) if locale else SOURCE_COLUMN
        if row is None or column is None:
            return
        index = self.model.index(row, column)
        self.grid.setCurrentIndex(index)
        self.grid.scrollTo(index)
        if edit:
            self.grid.edit(index)

    def next_row(self, row: int, step: int) -> int | None:
        r = row + step
        while 0 <= r < self.model.rowCount():
            if self.model.row_info(r).kind == "segment":
                return r
            r += step
        return None

    # --- editing ------------------------------------------------------------------------------------------

    def _wire_editor(self, editor: SegmentEditor, index: QModelIndex) -> None:
        self._editor, self._editor_index = editor, QPersistentModelIndex(index)
        cell = self.model.cell(index.row(), index.column())
        editor.base_version = cell.version if cell is not None else None
        editor.textChanged.connect(self._journal_soon)
        editor.textChanged.connect(lambda: self._announce_typed(editor))
        editor.cursorPositionChanged.connect(self._journal_soon)
        # Later, once the row grew with the text: laid out now, a text still too tall for the editor would give
        # it a scroll bar, and the row would be grown for that narrower width.
        editor.cursorPositionChanged.connect(
            lambda: QTimer.singleShot(0, self, lambda: self._keep_caret_visible(editor)))
        editor.draft_due.connect(lambda: self._store(editor, confirm=False))
        editor.confirm_requested.connect(lambda: self._confirm_and_advance(editor))
        editor.move_requested.connect(lambda rows, cols: self._move_from_editor(editor, rows, cols))
        editor.copy_source_requested.connect(lambda: editor.replace_all_undoably(editor.source_text))
        editor.height_needed.connect(lambda height: self._grow_row(index.row(), height))
        editor.history_requested.connect(lambda redo: self._undo_from_editor(editor, redo))
        editor.destroyed.connect(lambda *_: self._forget_editor(editor))

    def _grow_row(self, row: int, editor_height: int) -> None:
        """Let the row grow with the text being typed (the model's text is only updated when stored)."""
        caption = self.grid.rowHeight(row) - (self._editor.height() if self._editor is not None else 0)
        needed = editor_height + max(caption, 0)
        if needed > self.grid.rowHeight(row):
            self.grid.setRowHeight(row, needed)
            self.grid.updateEditorGeometries()
        if self._editor is not None and editor_height <= self._editor.height():
            self._editor.verticalScrollBar().setValue(0)  # everything fits: show it from the first line
        if self._editor is not None:
            self._keep_caret_visible(self._editor)

    def _keep_caret_visible(self, editor: SegmentEditor) -> None:
        """Scroll the grid so the caret of the open editor stays inside it (typing in the last visible row
        grows the row past the grid's bottom edge)."""
        if editor is not self._editor or not editor.isVisible():
            return
        viewport = self.grid.viewport()
        caret = editor.cursorRect()
        top = editor.viewport().mapTo(viewport, caret.topLeft()).y() - CARET_MARGIN
        bottom = top + caret.height() + 2 * CARET_MARGIN
        bar = self.grid.verticalScrollBar()
        if bottom > viewport.height() and bar.value() + bottom - viewport.height() > bar.maximum():
            self.grid.updateGeometries()  # the row just grew: the scroll range follows only later otherwise
        if bottom > viewport.height():
            bar.setValue(bar.value() + bottom - viewport.height())
        elif top < 0:
            bar.setValue(bar.value() + top)

    def _undo_from_editor(self, editor: SegmentEditor, redo: bool) -> None:
        """Ctrl+Z in an editor with nothing typed to undo takes back the last stored edit (say, the
        confirmation that just opened this editor)."""
        if not self._store(editor, confirm=False):
            return
        self._close_editor(editor, store=False)
        if redo:
            self.undo_stack.redo()
        else:
            self.undo_stack.undo()

    def _forget_editor(self, editor: SegmentEditor) -> None:
        if self._editor is editor:
            self._editor, self._editor_index = None, None
            # Whatever it held is stored (or, for a document gone, on the clipboard): nothing to recover.
            self._journal_timer.stop()
            self._journal_sync_timer.stop()
            if self._journal is not None:
                self._journal.clear()

    def editor(self) -> SegmentEditor | None:
        return self._editor

    def finish_editing(self) -> bool:
        """Store what the open editor holds and close it; False if the text could not be stored (kept open)."""
        editor = self._editor
        if editor is None:
            return True
        if not self._store(editor, confirm=False):
            return False
        self._close_editor(editor, store=False)
        return True

    def _may_close_editor(self, widget: QWidget) -> bool:
        """The view is about to close an editor: store its text as a draft first, so nothing typed is lost."""
        if not isinstance(widget, SegmentEditor) or widget is not self._editor:
            return True
        if self._storing:
            return False  # a conflict dialog or message box took the focus from the editor it is about
        if not self._store(widget, confirm=False):
            return False
        widget.stop_autosave()
        self._forget_editor(widget)
        return True

    def _close_editor(self, editor: SegmentEditor, store: bool = True) -> None:
        if store and not self._store(editor, confirm=False):
            return
        editor.stop_autosave()
        self._forget_editor(editor)
        self.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.grid.setFocus()

    def _store(self, editor: SegmentEditor, *, confirm: bool) -> bool:
        """Write the editor's text (a draft, or confirmed); True when stored or nothing needed storing."""
        if self._storing:
            return False
        self._storing = True
        try:
            return self._store_now(editor, confirm=confirm)
        finally:
            self._storing = False

    def _store_now(self, editor: SegmentEditor, *, confirm: bool) -> bool:
        editor.stop_autosave()
        index = self._editor_index if editor is self._editor else None
        if index is None or not index.isValid():
            return True
        seg = self.model.segment(index.row())
        locale = self.model.locale_of(index.column())
        if seg is None or locale is None:
            return True
        cell = seg.cells.get(locale)
        text = editor.text()
        if not confirm and (text == (cell.text if cell else "")):
            return True
        if (confirm and cell is not None and cell.state in (CellState.TRANSLATED, CellState.APPROVED)
                and cell.text == text):
            return True
        # The version the typing started from, not the one the grid shows now: if someone else stored a newer
        # translation meanwhile (or before a crash whose typing is being recovered), that is a conflict.
        return self._write(seg.id, locale, text, editor.base_version, confirm, editor)

    def _write(self, segment_id: int, locale: str, text: str, version: int | None, confirm: bool,
               editor: SegmentEditor | None) -> bool:
        row = self.model.row_of_segment(segment_id)
        seg = self.model.segment(row) if row is not None else None
        try:
            result = self.ws.save_cell(segment_id, locale, text, version, confirm=confirm)
        except CellConflict as conflict:
            return self._resolve_conflict(conflict, confirm, editor)
        except NotFound as exc:
            self._rescue(str(exc), text)
            return False
        except WorkspaceBusy as exc:
            # Another writer (an import) holds the database: keep the text and try the draft again shortly.
            if editor is not None:
                editor.retry_draft_later()
            self.show_message(self.tr("Not stored yet: {0}. Your text stays in the editor.").format(exc))
            return False
        except ValidationError as exc:
            if not confirm:
                self.show_message(str(exc))
                return False
            # Refused as a translation (lost placeholder, too long): what was typed is still kept, as a draft.
            stored = seg is not None and (cell := seg.cells.get(locale)) is not None \
                and (cell.text, cell.state) == (text, CellState.DRAFT)
            if not stored:
                self._write(segment_id, locale, text, version, False, editor)
            self.show_message(self.tr("Not confirmed: {0}. Your text is kept as a draft.").format(exc))
            return False
        except StudioError as exc:
            self.show_message(str(exc))
            return False
        after = result.row
        if editor is not None:
            editor.base_version = result.version
        self.model.update_cell(segment_id, locale, after)
        row = self.model.row_of_segment(segment_id)
        if row is not None:
            self.grid.resizeRowToContents(row)
            if editor is not None and editor is self._editor:
                self._grow_row(row, editor.content_height())  # the editor wraps a little narrower
        snapshot = CellSnapshot(segment_id, locale, after.text, after.state, after.origin, after.flagged,
                                after.outdated_source) if after else CellSnapshot(segment_id, locale, None)
        label = self.tr("Confirm {0} translation") if confirm else self.tr("Edit {0} translation")
        self.undo_stack.wrote((segment_id, locale), result.version)
        self.undo_stack.push(CellEditCommand(self.ws, self.undo_stack, result.before, snapshot, version,
                                             result.version, label.format(language_name(locale)),
                                             self.operations.changed, self.show_message, draft=not confirm))
        self.hide_message()
        self.operations.changed(result.changes, self)
        if editor is not None and editor is self._editor:
            self._write_journal()  # the text is stored: the journal keeps only where the caret is
        if confirm:
            self.cell_confirmed.emit(segment_id, locale)
        return True

    def _changed(self, changes: Changes, initiator: object | None) -> None:
        """Show the translations written elsewhere (undo, redo, a review, a job) that this document has; after an
        undo or a redo (announced by the undo stack, no initiator) go to the first of them, while a job that ends
        in the background leaves the cursor (and any open editor) where the user is. Its own edits are shown
        already; a document whose source changed is reopened by the window."""
        if initiator is self or self.view is None or self.view.row.id in changes.documents:
            return
        rows = {seg: row for seg, _ in changes.cells if (row := self.model.row_of_segment(seg)) is not None}
        shown = sorted(((seg, loc) for seg, loc in changes.cells if seg in rows),
                       key=lambda key: (rows[key[0]], self.model.column_of(key[1]) or 0))
        if len(shown) > MANY_CELLS:  # a job's many cells: the document read once, each row fitted once
            fresh = {seg.id: seg.cells for seg in self.ws.document(self.view.row.id).segments}
            for segment_id, locale in shown:
                self.model.update_cell(segment_id, locale, fresh.get(segment_id, {}).get(locale))
            for row in sorted({rows[seg] for seg, _ in shown}):
                self.grid.resizeRowToContents(row)
        else:
            for segment_id, locale in shown:
                self.refresh_cell(segment_id, locale)
        current = self.current()
        here = (self.view.segments[current[0]].id, current[1]) if current is not None else None
        if shown and initiator is None and here not in shown:
            # Moving there is the program's doing: what undo or redo had to say stays on screen.
            self._moving_for_the_user = False
            try:
                self.go_to(*shown[0])
            finally:
                self._moving_for_the_user = True

    def _resolve_conflict(self, conflict: CellConflict, confirm: bool, editor: SegmentEditor | None) -> bool:
        seg_row = self.model.row_of_segment(conflict.segment_id)
        segment = self.model.segment(seg_row) if seg_row is not None else None
        source = segment.text if segment is not None else ""
        dialog = ConflictDialog(conflict, source, self,
                                source_locale=self.view.row.source_locale if self.view else SOURCE_DEFAULT)
        if dialog.exec() != ConflictDialog.DialogCode.Accepted:
            self.show_message(self.tr("Not stored: the translation was changed meanwhile. Your text is still "
                                      "in the editor."))
            return False
        if dialog.choice == "theirs":
            self.refresh_cell(conflict.segment_id, conflict.locale)
            if editor is not None:
                editor.set_text(conflict.theirs.text or "")
                editor.base_version = conflict.theirs_version
            return True
        text = dialog.text
        assert text is not None, "choosing mine or the merged text sets it"
        if editor is not None and dialog.choice == "merged":
            editor.set_text(text)
        return self._write(conflict.segment_id, conflict.locale, text, conflict.theirs_version, confirm, editor)

    def _rescue(self, reason: str, text: str) -> None:
        """The document went away under the editor: keep the text on the clipboard and say so."""
        QGuiApplication.clipboard().setText(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not stored"),
                          self.tr("{0}\n\nYour text was copied to the clipboard so it is not lost.").format(reason),
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText(text)
        editor = self._editor
        if editor is not None:
            # Nothing more can be stored in this cell: close its editor, or every later attempt to leave it
            # (opening another document, closing the window) would fail the same way.
            self._close_editor(editor, store=False)
        box.exec()
        if self.view is not None:
            # Later, so whoever reloads on this signal does not do it in the middle of this write.
            doc_id = self.view.row.id
            QTimer.singleShot(0, self, lambda: self.document_gone.emit(doc_id))

    def _confirm_and_advance(self, editor: SegmentEditor) -> None:
        if not self._store(editor, confirm=True):
            return
        index = self._editor_index
        if index is None:
            return
        row, column = index.row(), index.column()
        self._close_editor(editor, store=False)
        target = self.next_unconfirmed(row, column)
        if target is None:
            locale = self.model.locale_of(column) or ""
            self.grid.setCurrentIndex(self.model.index(row, column))
            self.show_message(self.tr("Every {0} segment of this document is confirmed.").format(
                language_name(locale) if locale in LOCALES else locale))
            return
        self.go_to_index(self.model.index(target, column), edit=True)

    def confirm_current(self) -> None:
        """Ctrl+Enter on a cell not being edited: confirm its stored draft as it is and go on to the next
        unconfirmed cell; a cell with no text yet opens for typing instead."""
        index = self.grid.currentIndex()
        cell = self.model.cell(index.row(), index.column()) if index.isValid() else None
        seg = self.model.segment(index.row()) if index.isValid() else None
        locale = self.model.locale_of(index.column())
        if seg is None or locale is None or cell is None or not cell.text:
            if index.isValid():
                self.grid.edit(index)
            return
        if cell.state not in (CellState.TRANSLATED, CellState.APPROVED) and not self._write(
                seg.id, locale, cell.text, cell.version, True, None):
            return
        target = self.next_unconfirmed(index.row(), index.column())
        if target is not None:
            self.go_to_index(self.model.index(target, index.column()), edit=True)

    def next_unconfirmed(self, row: int, column: int) -> int | None:
        """The next row (wrapping) whose cell in `column` is neither confirmed nor approved."""
        return self.next_in_states(row, column, lambda state: state not in (CellState.TRANSLATED, CellState.APPROVED))

    def next_in_states(self, row: int, column: int, wanted: Callable[[str], bool]) -> int | None:
        """The next segment row after `row` (wrapping) whose cell state in `column` is `wanted`."""
        rows = self.model.rowCount()
        for step in range(1, rows + 1):
            r = (row + step) % rows
            if self.model.row_info(r).kind != "segment" or r == row:
                continue
            cell = self.model.cell(r, column)
            if wanted(cell.state if cell is not None else CellState.MISSING):
                return r
        return None

    def go_to_index(self, index: QModelIndex, edit: bool) -> None:
        self.grid.setCurrentIndex(index)
        self.grid.scrollTo(index)
        if edit and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.grid.edit(index)

    def _move_from_editor(self, editor: SegmentEditor, rows: int, columns: int) -> None:
        index = self._editor_index
        if index is None or not self._store(editor, confirm=False):
            return
        row, column = index.row(), index.column()
        self._close_editor(editor, store=False)
        self._move(row, column, rows, columns, edit=True)

    def _move_from_grid(self, rows: int, columns: int) -> None:
        index = self.grid.currentIndex()
        if index.isValid():
            self._move(index.row(), index.column(), rows, columns, edit=False)

    def _move(self, row: int, column: int, rows: int, columns: int, *, edit: bool) -> None:
        if rows:
            target = self.next_row(row, rows)
            row = target if target is not None else row
        if columns:
            first = FIRST_TARGET_COLUMN if self.model.columnCount() > FIRST_TARGET_COLUMN else SOURCE_COLUMN
            column = min(max(column + columns, first), self.model.columnCount() - 1)
        self.go_to_index(self.model.index(row, column), edit=edit)

    def copy_source(self) -> None:
        """Ctrl+B outside an editor: open the current cell with the source as its text."""
        index = self.grid.currentIndex()
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return
        self.grid.edit(index)
        if self._editor is not None:
            self._editor.replace_all_undoably(self._editor.source_text)

    def _announce_typed(self, editor: SegmentEditor) -> None:
        index = self._editor_index if editor is self._editor else None
        if index is None or not index.isValid():
            return
        segment, locale = self.model.segment(index.row()), self.model.locale_of(index.column())
        if segment is not None and locale is not None:
            self.text_typed.emit(segment.id, locale, editor.text())

    # --- the journal: typing survives a crash ---------------------------------------------------------------

    def _journal_soon(self) -> None:
        # Not restarted by every keystroke: during fast typing the journal is still written every 150 ms.
        if not self._journal_timer.isActive():
            self._journal_timer.start()

    def _current_journal(self) -> EditJournal | None:
        actor = self.ws.actor
        if actor is None:
            return None
        folder = journal_folder(self.ws.folder, self.ws.location)
        if self._journal is None or self._journal.path.parent != folder or self._journal.user != actor.name:
            if self._journal is not None:
                self._journal.clear()
            self._journal = EditJournal(folder, actor.name)
        return self._journal

    def _write_journal(self) -> None:
        """Note the open editor's cell, caret, and its text if that is not stored yet."""
        self._journal_timer.stop()
        editor, index, view = self._editor, self._editor_index, self.view
        journal = self._current_journal()
        if editor is None or index is None or not index.isValid() or view is None or journal is None \
                or self._journal_failed:
            return
        seg = self.model.segment(index.row())
        locale = self.model.locale_of(index.column())
        if seg is None or locale is None:
            return
        cell = seg.cells.get(locale)
        text = editor.text()
        pending = text if text != (cell.text if cell else "") else None
        try:
            journal.record(JournalEntry(view.row.id, seg.id, locale, editor.textCursor().position(),
                                        editor.base_version, pending))
        except OSError as exc:
            self._journal_broke(exc)
            return
        # Not restarted by later writes: during steady typing the journal is still fsync'd once a second.
        if journal.unsynced and not self._journal_sync_timer.isActive():
            self._journal_sync_timer.start()

    def _sync_journal(self) -> None:
        if self._journal is None or self._journal_failed:
            return
        try:
            self._journal.sync()
        except OSError as exc:
            self._journal_broke(exc)

    def _journal_broke(self, exc: OSError) -> None:
        # A full disk or a read-only folder: the draft timer still stores the typing; say it once.
        self._journal_failed = True
        self.show_message(self.tr("Typing is not journalled ({0}): it is stored as a draft after a pause.")
                          .format(exc.strerror or exc))

    def recover_journal(self, open_document: Callable[[str], object]) -> bool:
        """After a crash: reopen the cell that was being edited, caret where it was, and store the typing that
        had not reached the workspace as a draft. `open_document` opens a document the window's way.

        The typing goes through the normal draft write with the version it started from: if someone stored a
        newer translation meanwhile, the conflict dialog shows both and nothing is overwritten unasked; closed
        without a choice, the recovered text stays in the editor (and in the journal). True if a journal was
        found."""
        actor = self.ws.actor
        if actor is None:
            return False
        found = []
        for path in orphaned_journals(journal_folder(self.ws.folder, self.ws.location), actor.name):
            entry = last_entry(path)
            if entry is None:
                path.unlink(missing_ok=True)
            else:
                found.append((path, entry))
        if not found:
            return False
        for path, entry in found[:-1]:  # other windows' typing is stored as drafts; only the newest reopens
            if self._store_other_window_typing(entry, path):
                path.unlink(missing_ok=True)
        path, entry = found[-1]
        # Reopened, the editor (and its own journal) holds the text from here on; if the cell is gone from
        # view (say, its document was deleted), the text is stored as the other windows' is.
        if self._reopen(entry, open_document) or self._store_other_window_typing(entry, path):
            path.unlink(missing_ok=True)
        return True

    def _store_other_window_typing(self, entry: JournalEntry, path: Path) -> bool:
        """True when nothing is left to recover; on a conflict the file stays, and the message says where."""
        if entry.text is None:
            return True
        try:
            self.ws.save_cell(entry.segment_id, entry.locale, entry.text, entry.base_version)
        except StudioError as exc:
            self.show_message(self.tr("Typing from the last session was not stored ({0}); it is kept in {1}.")
                              .format(exc, path))
            return False
        return True

    def _reopen(self, entry: JournalEntry, open_document: Callable[[str], object]) -> bool:
        """Open the journal's cell for editing, with its text and caret; False if that cell cannot be shown."""
        try:
            open_document(entry.document_id)
        except StudioError:
            return False
        if self.view is None or self.view.row.id != entry.document_id:
            return False
        self.go_to(entry.segment_id, entry.locale, edit=True)
        editor = self._editor
        if editor is None or self._editor_index is None \
                or self.model.locale_of(self._editor_index.column()) != entry.locale:
            return False
        if entry.text is not None:
            editor.set_text(entry.text)
            editor.document().setModified(True)
            editor.base_version = entry.base_version
        cursor = editor.textCursor()
        cursor.setPosition(min(entry.caret, len(editor.toPlainText())))
        editor.setTextCursor(cursor)
        if entry.text is not None:
            # Later: a conflict dialog must not open inside the window's constructor.
            QTimer.singleShot(0, self, lambda: self._store_recovered(editor))
        return True

    def _store_recovered(self, editor: SegmentEditor) -> None:
        if editor is self._editor and self._store(editor, confirm=False):
            self.show_message(self.tr("Your typing from the last session was recovered and stored as a draft."))

    # --- facts, outdated ----------------------------------------------------------------------------------

    def _facts_saved(self, summary: str) -> None:
        if self.view is not None:
            self.open_document(self.view.row.id)
        self.message.emit(summary)

    def _outdated_clicked(self, index: QModelIndex) -> None:
        self.grid.setCurrentIndex(index)
        self.outdated_clicked.emit()

    # --- messages -----------------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """Say something about the current cell (a refusal, why nothing was stored) until the user moves on to
        another cell, document or user."""
        self.message_bar.setText(text)
        self.message_bar.show()
        self.message.emit(text)

    def hide_message(self) -> None:
        said = bool(self.message_bar.text())
        self.message_bar.hide()
        self.message_bar.clear()
        if said:
            self.message.emit("")  # the status bar's copy goes too

    def _current_moved(self) -> None:
        if self._moving_for_the_user:
            self.hide_message()
        self.current_cell_changed.emit()

    def _say_why_not_editable(self, index: QModelIndex) -> None:
        if index.column() == SOURCE_COLUMN:
            reason = self.tr("The source is not typed in the grid: use Document ▸ Edit the source (Ctrl+E).")
        elif index.column() < FIRST_TARGET_COLUMN:
            reason = self.tr("This column names the field: choose a language column to translate.")
        else:
            reason = refusal(self.ws.actor, "translate") or self.tr("This cell cannot be edited.")
        self.show_message(reason)

    # --- find in this document ----------------------------------------------------------------------------

    def yield_keys(self, taken: Iterable[QKeySequence]) -> None:
        """Drop the find shortcuts whose keys a window action uses: two shortcuts on one key are ambiguous, and
        Qt then runs neither (Ctrl+Shift+G, the platform's second "find previous", is the window's Glossary)."""
        keys = {sequence.toString() for sequence in taken}
        for shortcut in [s for s in self._find_shortcuts if s.key().toString() in keys]:
            self._find_shortcuts.remove(shortcut)
            shortcut.setParent(None)
            shortcut.deleteLater()

    def _make_find_bar(self) -> QWidget:
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find in this document (source and shown languages)"))
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(self._find_query_changed)
        for keys, slot, context in (
                (Qt.Key.Key_Escape, self.hide_find, Qt.ShortcutContext.WidgetShortcut),
                (QKeySequence(Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_Return), self.find_previous,
                 Qt.ShortcutContext.WidgetShortcut),
                (QKeySequence(Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_Enter), self.find_previous,
                 Qt.ShortcutContext.WidgetShortcut)):
            shortcut = QShortcut(QKeySequence(keys), self.find_edit)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        # F3 and Shift+F3 work wherever the focus is in this document: the find bar or the grid. The platform's
        # other bindings (Ctrl+G, Ctrl+Shift+G) give way to the window's actions: see `yield_keys`.
        self._find_shortcuts: list[QShortcut] = []
        for standard, slot in ((QKeySequence.StandardKey.FindNext, self.find_next),
                               (QKeySequence.StandardKey.FindPrevious, self.find_previous)):
            for sequence in QKeySequence.keyBindings(standard):
                shortcut = QShortcut(sequence, self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                self._find_shortcuts.append(shortcut)
        self.find_status = QLabel()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.hide_find)
        previous_button = QPushButton(self.tr("Previous"))
        previous_button.setToolTip(self.tr("Shift+F3 or Shift+Enter"))
        previous_button.clicked.connect(self.find_previous)
        next_button = QPushButton(self.tr("Next"))
        next_button.setToolTip(self.tr("F3 or Enter"))
        next_button.clicked.connect(self.find_next)
        layout.addWidget(self.find_edit, 1)
        layout.addWidget(previous_button)
        layout.addWidget(next_button)
        layout.addWidget(self.find_status)
        layout.addWidget(close)
        bar.hide()
        return bar

    def hide_find(self) -> None:
        self.find_bar.hide()
        self._highlight("")
        self.grid.setFocus()

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._highlight(self.find_edit.text())

    def _find_query_changed(self, text: str) -> None:
        self._highlight(text)
        self.find_status.clear()

    def _highlight(self, query: str) -> None:
        """Mark the matches of `query` in the painted cells (none when the find bar is closed)."""
        self.delegate.find_query = query
        self.grid.viewport().update()

    def find_next(self) -> bool:
        """Select the next cell (after the current one, wrapping) whose text contains the query."""
        return self._find(1)

    def find_previous(self) -> bool:
        """Select the previous cell (before the current one, wrapping) whose text contains the query."""
        return self._find(-1)

    def _find(self, step: int) -> bool:
        query = self.find_edit.text().casefold()
        if not query:
            return False
        if not self.find_bar.isVisible():
            self.find_bar.show()
        self._highlight(self.find_edit.text())
        rows, columns = self.model.rowCount(), self.model.columnCount()
        start = self.grid.currentIndex()
        position = start.row() * columns + start.column() if start.isValid() else -1 if step > 0 else 0
        total = rows * columns
        hits = 0
        found = None
        for offset in range(1, total + 1):
            p = (position + step * offset) % total
            index = self.model.index(p // columns, p % columns)
            if index.column() >= SOURCE_COLUMN and query in str(index.data() or "").casefold():
                hits += 1
                if found is None:
                    found = index
        if found is None:
            self.find_status.setText(self.tr("not found"))
            return False
        self.find_status.setText(self.tr("%n cell(s)", "", hits))
        self.go_to_index(found, edit=False)
        return True

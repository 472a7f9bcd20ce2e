"""The document grid and its keyboard flow: typing is stored as a draft after a pause, Ctrl+Enter confirms and
moves on, every stored edit can be undone, and nothing typed is lost when a write is refused.

Writes go through the workspace on the UI thread: each is one short SQLite transaction (a few milliseconds),
and the result is swapped into the model for exactly that cell.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
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

from studio.content.queries import DocumentView
from studio.content.types import get_content_type
from studio.errors import NotFound, StudioError, ValidationError, WorkspaceBusy
from studio.locales import LOCALES
from studio.ui.conflict_dialog import ConflictDialog
from studio.ui.facts_panel import FactsPanel
from studio.ui.grid_delegate import GridDelegate
from studio.ui.grid_model import FIRST_TARGET_COLUMN, SOURCE_COLUMN, GridModel
from studio.ui.labels import data_label, language_name
from studio.ui.segment_editor import SegmentEditor, navigation_step
from studio.ui.undo import CellEditCommand, EditHistory
from studio.workflow.cells import CellConflict, CellSnapshot
from studio.workflow.permissions import refusal
from studio.workflow.states import APPROVED, DRAFT, MISSING, TRANSLATED
from studio.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex


class GridView(QTableView):
    """The table: Enter or F2 starts editing; Ctrl+Up/Down and Ctrl+PgUp/PgDown move between cells."""

    move_requested = Signal(int, int)
    confirm_requested = Signal()  # Ctrl+Enter on a cell that is not being edited

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
        super().keyPressEvent(event)

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


class DocumentEditor(QWidget):
    """One open document: its facts, the grid of segments by locale, and a find bar (Ctrl+F)."""

    cell_changed = Signal(int, str)  # (segment id, locale) after an edit stored from this grid
    cells_restored = Signal(list)  # [(segment id, locale)] put back by undo or redo, in any document
    current_cell_changed = Signal()  # the selection moved: side panels follow
    outdated_clicked = Signal()
    message = Signal(str)  # one line for the status bar
    document_gone = Signal(str)

    def __init__(self, ws: Workspace, undo_stack: EditHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = undo_stack
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
        self.grid.selectionModel().currentChanged.connect(lambda *_: self.current_cell_changed.emit())
        self.cells_restored.connect(self.refresh_cells)
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
        layout.addWidget(self.grid, 1)
        self._editor: SegmentEditor | None = None
        self._editor_index: QPersistentModelIndex | None = None
        self._storing = False
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(80)
        self._refit.timeout.connect(self._fit_columns)

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
        self.model.set_document(view, editable=refusal(self.ws.actor, "translate") is None)
        self.grid.clearSpans()
        for row in range(self.model.rowCount()):
            if self.model.row_info(row).kind == "heading":
                self.grid.setSpan(row, 0, 1, self.model.columnCount())
        self.facts.set_document(view)
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
        if confirm and cell is not None and cell.state in (TRANSLATED, APPROVED) and cell.text == text:
            return True
        return self._write(seg.id, locale, text, cell.version if cell else None, confirm, editor)

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
                and (cell.text, cell.state) == (text, DRAFT)
            if not stored:
                self._write(segment_id, locale, text, version, False, editor)
            self.show_message(self.tr("Not confirmed: {0}. Your text is kept as a draft.").format(exc))
            return False
        except StudioError as exc:
            self.show_message(str(exc))
            return False
        after = result.row
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
                                             self.cells_restored.emit, self.show_message, draft=not confirm))
        self.hide_message()
        self.cell_changed.emit(segment_id, locale)
        return True

    def refresh_cells(self, keys: list[tuple[int, str]]) -> None:
        """Re-read cells put back by undo or redo (those of this document) and show the first of them."""
        shown = [(seg, loc) for seg, loc in keys if self.model.row_of_segment(seg) is not None]
        for segment_id, locale in shown:
            self.refresh_cell(segment_id, locale)
        if shown:
            self.go_to(*shown[0])

    def _resolve_conflict(self, conflict: CellConflict, confirm: bool, editor: SegmentEditor | None) -> bool:
        seg_row = self.model.row_of_segment(conflict.segment_id)
        source = self.model.segment(seg_row).text if seg_row is not None else ""  # type: ignore[union-attr]
        dialog = ConflictDialog(conflict, source, self,
                                source_locale=self.view.row.source_locale if self.view else "zh-Hans")
        if dialog.exec() != ConflictDialog.DialogCode.Accepted:
            self.show_message(self.tr("Not stored: the translation was changed meanwhile. Your text is still "
                                      "in the editor."))
            return False
        if dialog.choice == "theirs":
            self.refresh_cell(conflict.segment_id, conflict.locale)
            if editor is not None:
                editor.set_text(conflict.theirs.text or "")
            return True
        if editor is not None and dialog.choice == "merged":
            editor.set_text(dialog.text)
        return self._write(conflict.segment_id, conflict.locale, dialog.text, conflict.theirs_version, confirm,
                           editor)

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
            self.show_message(self.tr("Every {0} segment of this document is confirmed.").format(
                language_name(locale) if locale in LOCALES else locale))
            self.grid.setCurrentIndex(self.model.index(row, column))
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
        if cell.state not in (TRANSLATED, APPROVED) and not self._write(seg.id, locale, cell.text, cell.version,
                                                                          True, None):
            return
        target = self.next_unconfirmed(index.row(), index.column())
        if target is not None:
            self.go_to_index(self.model.index(target, index.column()), edit=True)

    def next_unconfirmed(self, row: int, column: int) -> int | None:
        """The next row (wrapping) whose cell in `column` is neither confirmed nor approved."""
        return self.next_in_states(row, column, lambda state: state not in (TRANSLATED, APPROVED))

    def next_in_states(self, row: int, column: int, wanted: Callable[[str], bool]) -> int | None:
        """The next segment row after `row` (wrapping) whose cell state in `column` is `wanted`."""
        rows = self.model.rowCount()
        for step in range(1, rows + 1):
            r = (row + step) % rows
            if self.model.row_info(r).kind != "segment" or r == row:
                continue
            cell = self.model.cell(r, column)
            if wanted(cell.state if cell is not None else MISSING):
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
        self.message_bar.setText(text)
        self.message_bar.show()
        self.message.emit(text)

    def hide_message(self) -> None:
        self.message_bar.hide()

    # --- find in this document ----------------------------------------------------------------------------

    def _make_find_bar(self) -> QWidget:
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find in this document (source and shown languages)"))
        self.find_edit.returnPressed.connect(self.find_next)
        close_find = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_edit)
        close_find.setContext(Qt.ShortcutContext.WidgetShortcut)
        close_find.activated.connect(self.hide_find)
        self.find_status = QLabel()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.hide_find)
        next_button = QPushButton(self.tr("Next"))
        next_button.clicked.connect(self.find_next)
        layout.addWidget(self.find_edit, 1)
        layout.addWidget(next_button)
        layout.addWidget(self.find_status)
        layout.addWidget(close)
        bar.hide()
        return bar

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.grid.setFocus()

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self) -> bool:
        """Select the next cell (after the current one, wrapping) whose text contains the query."""
        query = self.find_edit.text().casefold()
        if not query:
            return False
        rows, columns = self.model.rowCount(), self.model.columnCount()
        start = self.grid.currentIndex()
        position = start.row() * columns + start.column() if start.isValid() else -1
        total = rows * columns
        hits = 0
        found = None
        for step in range(1, total + 1):
            p = (position + step) % total
            index = self.model.index(p // columns, p % columns)
            if index.column() >= SOURCE_COLUMN and query in str(index.data() or "").casefold():
                hits += 1
                if found is None:
                    found = index
        if found is None:
            self.find_status.setText(self.tr("not found"))
            return False
        self.find_status.setText(self.tr("{0} cell(s)").format(hits))
        self.go_to_index(found, edit=False)
        return True


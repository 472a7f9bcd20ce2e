"""The review queue: every translation waiting for the signed-in reviewer, across documents, to approve or reject
a selection at once.

Rows are plain `QueueRow`s read a page at a time (`Workspace.review_queue`, through Qt's canFetchMore and
fetchMore); the strings a row shows are made once when it arrives, so `data()` only reads them. Decisions go
through `Workspace.review_cells` (as a job from `IN_BACKGROUND_FROM` cells, so the window never freezes) and are
announced on the window's one refresh path (`Operations.changed`): the grid and the tree follow, and the queue
drops the decided rows. A change anyone else announces reads the queue again, a moment later and only while the
queue is shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.changes import CellKey, Changes
from studio.content.types import get_content_type, path_label
from studio.errors import StudioError
from studio.locales import LOCALE_CODES, LOCALES
from studio.permissions import refusal
from studio.ui.job_runner import JobRunner, on_worker
from studio.ui.labels import data_label, language_name
from studio.ui.model_index import Index
from studio.ui.operations import Operations
from studio.ui.reject_dialog import RejectDialog
from studio.ui.segment_editor import locale_font, shown_text
from studio.ui.side_panel import local_time
from studio.workflow.review import QueueRow
from studio.workspace import Reviewed, Workspace

PAGE = 500
"""Rows read at a time: the first page of the portal's whole queue (30,000 translations) takes about 25 ms."""
IN_BACKGROUND_FROM = 200
"""Cells from which a decision runs as a job (each cell takes about 1.5 ms to check, write and audit)."""
REFRESH_DELAY_MS = 300
"""How long after someone else's change the queue reads itself again: a burst of changes is read once."""

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # (segment id, locale)
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 2  # the document's id
LOCALE_ROLE = Qt.ItemDataRole.UserRole + 3

DOCUMENT, FIELD, LANGUAGE, SOURCE, TRANSLATION, CONFIRMED_BY, CONFIRMED_AT = range(7)
_TEXT_COLUMNS = (SOURCE, TRANSLATION)

Fetch = Callable[[int, int], list[QueueRow]]
"""Reads the page of `limit` rows from `offset` of the queue as it is filtered now."""


def _is_rtl(locale: str) -> bool:
    return locale in LOCALES and LOCALES[locale].is_rtl


def _one_line(text: str, locale: str) -> str:
    # A table row is one line; placeholders are kept whole in right-to-left text, as the grid draws them.
    return " ".join(shown_text(text, locale).text.split())


class ReviewQueueModel(QAbstractTableModel):
    """The waiting translations, a page at a time: plain rows, their shown strings made once as they arrive."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._shown: list[tuple[str, ...]] = []
        self._keys: dict[CellKey, int] = {}
        self._total = 0
        self._fetch: Fetch | None = None
        self._four_eyes = False
        self._base_font = QFont()
        self._fonts: dict[str, QFont] = {}

    # --- content ------------------------------------------------------------------------------------------

    def set_base_font(self, font: QFont) -> None:
        """The view's font, which each locale's text font starts from (made once per locale, not in `data()`)."""
        self._base_font = QFont(font)
        self._fonts.clear()

    def reset(self, rows: Sequence[QueueRow], total: int, fetch: Fetch | None, four_eyes: bool) -> None:
        """Show `rows` (the first of `total`), reading more with `fetch` as the view scrolls."""
        self.beginResetModel()
        self._rows, self._shown, self._keys = [], [], {}
        self._total, self._fetch, self._four_eyes = total, fetch, four_eyes
        self._add(rows)
        self.endResetModel()

    def remove(self, keys: Iterable[CellKey]) -> int:
        """Drop the rows of `keys` (decided); returns how many were shown."""
        rows = sorted({self._keys[k] for k in keys if k in self._keys}, reverse=True)
        # Contiguous runs, last first, so each removal leaves the indexes of the next run as they were.
        runs: list[list[int]] = []
        for row in rows:
            if runs and runs[-1][-1] == row + 1:
                runs[-1].append(row)
            else:
                runs.append([row])
        for run in runs:
            first, last = run[-1], run[0]
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1]
            del self._shown[first:last + 1]
            self.endRemoveRows()
        self._keys = {row.key: i for i, row in enumerate(self._rows)}
        self._total = max(self._total - len(rows), len(self._rows))
        return len(rows)

    def _add(self, rows: Sequence[QueueRow]) -> list[QueueRow]:
        fresh = [r for r in rows if r.key not in self._keys]
        for row in fresh:
            self._keys[row.key] = len(self._rows)
            self._rows.append(row)
            self._shown.append(self._strings(row))
        return fresh

    def _strings(self, row: QueueRow) -> tuple[str, ...]:
        field = path_label(get_content_type(row.document_type), row.field_path, data_label)
        if row.ordinal:
            field = f"{field} {row.ordinal + 1}"
        language = language_name(row.locale) + (" ↺" if row.rejected_before else "")
        who = self.tr("{0} (you)").format(row.confirmed_by) if row.yours else row.confirmed_by
        return (row.title, field, language, _one_line(row.source, row.source_locale),
                _one_line(row.translation, row.locale), who, local_time(row.confirmed_at))

    @property
    def total(self) -> int:
        """How many translations wait in the queue as filtered (shown or still to read)."""
        return self._total

    def row(self, index: int) -> QueueRow:
        return self._rows[index]

    def rows(self) -> list[QueueRow]:
        return list(self._rows)

    def index_of(self, key: CellKey) -> int | None:
        return self._keys.get(key)

    # --- Qt -----------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._fetch is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        """Read the next page (called by the view as it scrolls to the end)."""
        if parent.isValid() or self._fetch is None:
            return
        page = [r for r in self._fetch(len(self._rows), PAGE) if r.key not in self._keys]
        if not page:
            self._total = len(self._rows)  # the queue shrank meanwhile: nothing more to read
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._add(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 7:
            return None
        return (self.tr("Document"), self.tr("Field"), self.tr("Language"), self.tr("Source"),
                self.tr("Translation"), self.tr("Confirmed by"), self.tr("When"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][column]
        if role == KEY_ROLE:
            return row.key
        if role == DOCUMENT_ROLE:
            return row.document_id
        if role == LOCALE_ROLE:
            return row.locale
        locale = self._text_locale(row, column)
        if role == Qt.ItemDataRole.FontRole and locale is not None:
            return self._font(locale)
        if role == Qt.ItemDataRole.TextAlignmentRole and locale is not None and _is_rtl(locale):
            # Absolute: the delegate lays the text out right to left, which would mirror a plain AlignRight.
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _text_locale(self, row: QueueRow, column: int) -> str | None:
        if column == SOURCE:
            return row.source_locale
        if column == TRANSLATION:
            return row.locale
        if column == DOCUMENT:
            return row.source_locale  # the title is the source's
        return None

    def _font(self, locale: str) -> QFont:
        font = self._fonts.get(locale)
        if font is None:
            font = self._fonts[locale] = locale_font(locale, self._base_font)
        return font

    def _tooltip(self, row: QueueRow, column: int) -> str | None:
        if column == SOURCE:
            return row.source
        if column == TRANSLATION:
            return row.translation
        if column == DOCUMENT:
            return f"{row.title}\n{row.slug}"
        if column == LANGUAGE and row.rejected_before:
            return self.tr("A reviewer rejected an earlier text of this translation")
        if column == CONFIRMED_BY and row.yours:
            if self._four_eyes:
                return self.tr("You wrote this text: under the four-eyes rule another reviewer approves it")
            return self.tr("You wrote this text")
        return None


class _DirectionDelegate(QStyledItemDelegate):
    """Lays right-to-left text (Arabic) out right to left: an alignment alone would keep a left-to-right base
    direction, which scrambles the order of Arabic mixed with numbers or Latin names."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        align = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if align is not None and int(align) & int(Qt.AlignmentFlag.AlignRight):
            option.direction = Qt.LayoutDirection.RightToLeft


class ReviewQueue(QWidget):
    """The queue panel: filters, Approve and Reject for the selected rows, the table, and a message bar that
    says which cells were skipped and why. Enter or a double-click asks the window to open the cell
    (`open_requested`); `count_changed` gives the number waiting, for the panel's title."""

    open_requested = Signal(str, int, str)  # document id, segment id, locale
    count_changed = Signal(int)
    focus_changed = Signal()  # the table gained or lost the keyboard focus: the window's review actions follow

    def __init__(self, ws: Workspace, operations: Operations, runner: JobRunner | None = None,
                 wrote: Callable[[CellKey, int | None], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.operations = operations
        self.runner = runner
        self._wrote = wrote  # tells the window's undo history the version each decided cell has now
        self._stale = True  # read when next shown
        self._deciding = False

        self.locale_box = QComboBox()
        self.locale_box.setToolTip(self.tr("Whose queue: the languages you review, or one language"))
        self.locale_box.currentIndexChanged.connect(self.refresh)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Filter by text in the source or the translation"))
        self.filter_box.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.refresh)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())
        self.approve_button = QPushButton(self.tr("&Approve"))
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("Re&ject…"))
        self.reject_button.clicked.connect(self.reject_selected)
        self._tips = {self.approve_button: self.tr("Approve the selected translations (Ctrl+Shift+A)"),
                      self.reject_button: self.tr("Reject the selected translations with a reason (Ctrl+Shift+R)")}
        self.four_eyes_box = QCheckBox(self.tr("Four-eyes rule"))
        self.four_eyes_box.toggled.connect(self._four_eyes_toggled)
        self.count_label = QLabel()

        self.model = ReviewQueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(_DirectionDelegate(self.table))
        self.model.set_base_font(self.table.font())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in _TEXT_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column, width in ((DOCUMENT, 180), (FIELD, 130), (LANGUAGE, 90), (CONFIRMED_BY, 120),
                              (CONFIRMED_AT, 120)):
            self.table.setColumnWidth(column, width)
        # `activated` is a double-click on most platforms and Enter everywhere, so keyboard users get it too.
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.message_bar = QLabel()
        self.message_bar.setWordWrap(True)
        self.message_bar.setTextFormat(Qt.TextFormat.PlainText)
        self.message_bar.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_bar.setStyleSheet("QLabel { background: #fdecc8; color: #4a3000; padding: 4px; }")
        self.message_bar.hide()

        bar = QHBoxLayout()
        bar.addWidget(self.locale_box)
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.approve_button)
        bar.addWidget(self.reject_button)
        bar.addWidget(self.four_eyes_box)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)
        for widget in (self.table, self.locale_box, self.filter_box, self.approve_button, self.reject_button,
                       self.four_eyes_box):
            widget.installEventFilter(self)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_if_shown)
        operations.did_change.connect(self._changed)
        self.signed_in()

    # --- who is signed in ---------------------------------------------------------------------------------

    def signed_in(self) -> None:
        """Fill the locale choice for the signed-in user and read their queue (after signing in as another)."""
        actor = self.ws.actor
        mine = [code for code in LOCALE_CODES if actor is not None and code in actor.review_locales]
        self.locale_box.blockSignals(True)
        self.locale_box.clear()
        names = ", ".join(mine) if mine else self.tr("none")
        self.locale_box.addItem(self.tr("My languages ({0})").format(names), None)
        # Any other queue may be looked at (a supervisor who reviews nothing sees one only by choosing it);
        # approving there is refused by the operation, which says why.
        for code in LOCALE_CODES:
            self.locale_box.addItem(f"{language_name(code)} ({code})", code)
        self.locale_box.setCurrentIndex(0)
        self.locale_box.blockSignals(False)
        self.message_bar.hide()
        self._stale = True
        self._refresh_if_shown()

    # --- reading ------------------------------------------------------------------------------------------

    def locales(self) -> list[str] | None:
        """The locales the queue shows: None for the signed-in user's own."""
        code = self.locale_box.currentData()
        return [code] if code else None

    def refresh(self) -> None:
        """Read the queue again with the filters as they are; the selection, the current row and the scroll stay
        where they were as far as their rows are still waiting."""
        locales, text = self.locales(), self.filter_box.text()
        selected = {self.model.row(i.row()).key for i in self.table.selectionModel().selectedRows()}
        current = self.table.currentIndex()
        current_key = self.model.row(current.row()).key if current.isValid() else None
        scroll = self.table.verticalScrollBar().value()
        try:
            total = self.ws.review_queue_count(locales, text=text)
            rows = self.ws.review_queue(locales, text=text, limit=max(PAGE, self.model.rowCount()))
            four_eyes = self.ws.four_eyes
        except StudioError as exc:
            self.show_message(str(exc))
            return
        self._stale = False

        def fetch(offset: int, limit: int) -> list[QueueRow]:
            return self.ws.review_queue(locales, text=text, limit=limit, offset=offset)

        self.model.reset(rows, total, fetch, four_eyes)
        self._restore_selection(selected, current_key)
        self.table.verticalScrollBar().setValue(scroll)
        self._update_four_eyes(four_eyes)
        self._counted()

    def _restore_selection(self, keys: set[CellKey], current: CellKey | None) -> None:
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        for key in keys:
            row = self.model.index_of(key)
            if row is not None:
                selection.select(self.model.index(row, 0), flags.Select | flags.Rows)
        row = self.model.index_of(current) if current is not None else None
        if row is not None:
            selection.setCurrentIndex(self.model.index(row, 0), flags.NoUpdate)
        self._update_buttons()

    def _counted(self) -> None:
        total = self.model.total
        if self.filter_box.text().strip():
            self.count_label.setText(self.tr("%n match(es)", "", total))
        elif total:
            self.count_label.setText(self.tr("%n waiting", "", total))
        else:
            self.count_label.setText(self.tr("Nothing is waiting for review"))
        self.count_changed.emit(total)

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _changed(self, changes: Changes, initiator: object | None) -> None:
        """Someone else's write (the grid's confirmation, the editor's verdict, a job, another user signing in)
        may add or take waiting translations: read the queue again a moment later."""
        if initiator is self:
            return
        if changes.cells or changes.documents or changes.users or changes.sections:
            self._refresh_timer.start()

    # --- deciding -----------------------------------------------------------------------------------------

    def has_focus(self) -> bool:
        """Whether the keyboard is in the queue (its list, filters or buttons): the window's Ctrl+Shift+A and
        Ctrl+Shift+R then decide the selected rows, never the grid's current cell out of sight."""
        focus = QApplication.focusWidget()
        return focus is not None and self.isAncestorOf(focus)

    def selected_rows(self) -> list[QueueRow]:
        return [self.model.row(i.row()) for i in sorted(self.table.selectionModel().selectedRows(),
                                                        key=lambda i: i.row())]

    def approve_selected(self) -> None:
        self._decide(True)

    def reject_selected(self) -> None:
        self._decide(False)

    def _decide(self, approve: bool) -> None:
        if self._deciding:
            return
        rows = self.selected_rows()
        if not rows:
            self.show_message(self.tr("Select the translations to approve or reject first."))
            return
        comment = ""
        if not approve:
            dialog = self._reject_dialog(rows)
            accepted = dialog.exec()
            comment = dialog.comment()
            dialog.deleteLater()
            if not accepted:
                return
        items = [(r.segment_id, r.locale, r.version) for r in rows]
        if self.runner is not None and len(items) >= IN_BACKGROUND_FROM:
            self._deciding = True
            self._update_buttons()
            title = (self.tr("Approving %n translation(s)", "", len(items)) if approve
                     else self.tr("Rejecting %n translation(s)", "", len(items)))
            self.runner.start(title, on_worker(self.ws, lambda ws: ws.review_cells_job(items, approve, comment)),
                              on_done=self._decided, on_failed=self._failed)
            return
        try:
            result = self.ws.review_cells(items, approve, comment)
        except StudioError as exc:
            self.show_message(str(exc))
            return
        self._decided(result)

    def _reject_dialog(self, rows: Sequence[QueueRow]) -> RejectDialog:
        first = rows[0]
        if len(rows) == 1:
            return RejectDialog(first.source, first.source_locale, first.translation, first.locale, self)
        # Several: each source and translation on a line of its own, in the first one's languages.
        dialog = RejectDialog("\n".join(r.source for r in rows), first.source_locale,
                              "\n".join(r.translation for r in rows), first.locale, self)
        dialog.setWindowTitle(self.tr("Reject %n translation(s)", "", len(rows)))
        return dialog

    def _decided(self, result: Reviewed) -> None:
        self._deciding = False
        if self._wrote is not None:
            for key, version in result.decided.items():
                self._wrote(key, version)
        self.model.remove(result.decided)
        self._counted()
        done = len(result.decided)
        summary = (self.tr("Approved %n translation(s)", "", done) if result.approved
                   else self.tr("Rejected %n translation(s)", "", done))
        if result.skipped:
            lines = [self.tr("%n translation(s) skipped:", "", len(result.skipped))]
            lines += [f"{s.where or s.segment_id} ({s.locale}): {s.reason}" for s in result.skipped]
            self.show_message("\n".join(lines))
            summary = self.tr("{0}; {1} skipped (see the review queue)").format(summary, len(result.skipped))
            self._refresh_timer.start()  # a row changed meanwhile is shown as it is now, to decide again
        else:
            self.message_bar.hide()
        self._update_buttons()
        self.operations.changed(dataclasses.replace(result.changes, summary=summary), self)

    def _failed(self, exc: BaseException) -> None:
        self._deciding = False
        self._update_buttons()
        self.show_message(str(exc))

    # --- the four-eyes rule -------------------------------------------------------------------------------

    def _update_four_eyes(self, on: bool) -> None:
        actor = self.ws.actor
        self.four_eyes_box.blockSignals(True)
        self.four_eyes_box.setChecked(on)
        self.four_eyes_box.blockSignals(False)
        self.four_eyes_box.setEnabled(actor is not None and actor.has_role("supervisor"))
        self.four_eyes_box.setToolTip(self.tr("On: a reviewer may not approve a text they wrote; another reviewer "
                                              "of the language must. Only a supervisor turns it on or off."))

    def _four_eyes_toggled(self, on: bool) -> None:
        try:
            changes = self.ws.set_four_eyes(on)
        except StudioError as exc:
            self.show_message(str(exc))
            self._update_four_eyes(not on)
            return
        summary = self.tr("The four-eyes rule is on") if on else self.tr("The four-eyes rule is off")
        self.operations.changed(dataclasses.replace(changes, summary=summary), self)
        self.refresh()

    # --- the rest -----------------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """Say something about the last decision (the cells skipped and why) until the next one."""
        self.message_bar.setText(text)
        self.message_bar.setVisible(bool(text))

    def _update_buttons(self) -> None:
        reason = refusal(self.ws.actor, "review")
        has_rows = bool(self.table.selectionModel().selectedRows())
        for button, tip in self._tips.items():
            button.setEnabled(reason is None and has_rows and not self._deciding)
            button.setToolTip(reason or tip)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        self.open_requested.emit(row.document_id, row.segment_id, row.locale)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.focus_changed.emit()
        return super().eventFilter(watched, event)

"""Find and replace across the workspace's translations: a preview the user checks row by row.

The dialog only previews. The search runs as a job on the window's `JobRunner` (`Workspace.find_replacements_job`
on a workspace of the worker's own), so the dialog stays usable while thousands of translations are read, and
Escape or closing it cancels the search. Accepted, its `.run` holds the checked matches, and the caller runs the
replacement as a job too (`Workspace.replace_job`), then turns `run.applied` into one undo command.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.content.diff import DiffPiece, diff_html, diff_texts
from studio.content.types import get_content_type, path_label
from studio.errors import StudioError
from studio.locales import LOCALES, SOURCE_DEFAULT, targets_of
from studio.ui.inline_error import error_label
from studio.ui.job_runner import JobHandle, JobRunner, on_worker
from studio.ui.labels import data_label, language_name
from studio.ui.model_index import Index
from studio.workflow.replace import ReplaceMatch, ReplaceRun
from studio.workspace import Workspace

log = logging.getLogger(__name__)

DIFF_HTML_ROLE = Qt.ItemDataRole.UserRole + 1
"""Before and After columns: the excerpt as HTML, the removed or added part marked."""
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2
"""Any column: the row's `ReplaceMatch`."""
LOCALE_ROLE = Qt.ItemDataRole.UserRole + 3

CONTEXT = 30
"""Characters of unchanged text kept around a change, so the change shows however long the translation."""


def excerpt(pieces: Sequence[DiffPiece], context: int = CONTEXT) -> list[DiffPiece]:
    """The diff with long unchanged runs shortened to their ends, so the changes fit in a table cell."""
    out: list[DiffPiece] = []
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        text = " ".join(piece.text.splitlines())
        if piece.op == "equal":
            if i == 0 and i != last and len(text) > context:
                text = "…" + text[-context:]
            elif i == last and i != 0 and len(text) > context:
                text = text[:context] + "…"
            elif 0 < i < last and len(text) > 2 * context + 3:
                text = text[:context] + " … " + text[-context:]
        out.append(DiffPiece(piece.op, text))
    return out


@dataclass(frozen=True)
class _Row:
    """A match with what the table shows of it, worked out once so `data()` only looks values up."""

    match: ReplaceMatch
    before: str
    after: str
    before_html: str
    after_html: str
    note: str


class ReplaceMatchModel(QAbstractTableModel):
    """The preview's rows (one per translation that would change), each with a check box in the first column.

    Rows with a problem (the new text could not be confirmed) are shown unchecked and cannot be checked.
    """

    checked_changed = Signal()

    DOCUMENT, FIELD, LANGUAGE, BEFORE, AFTER, NOTE = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches: list[ReplaceMatch] = []
        # What a row shows (its diff) is worked out when the row is first drawn: thousands of matches are
        # listed at once, but only a screenful is ever drawn.
        self._rows: dict[int, _Row] = {}
        self._checked: list[bool] = []
        self._fonts: dict[str, QFont] = {}

    def set_matches(self, matches: Sequence[ReplaceMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self._rows = {}
        self._checked = [not m.problem for m in matches]
        self.endResetModel()
        self.checked_changed.emit()

    def checked_matches(self) -> list[ReplaceMatch]:
        return [m for m, checked in zip(self._matches, self._checked, strict=True) if checked]

    def set_all_checked(self, checked: bool) -> None:
        self._checked = [checked and not m.problem for m in self._matches]
        if self._matches:
            self.dataChanged.emit(self.index(0, self.DOCUMENT), self.index(len(self._matches) - 1, self.DOCUMENT),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Document"), self.tr("Field"), self.tr("Language"), self.tr("Before"), self.tr("After"),
                  self.tr("Note"))
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.DOCUMENT and not self._matches[index.row()].problem:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        row, column = self._row_at(index.row()), index.column()
        m = row.match
        if role == Qt.ItemDataRole.DisplayRole:
            field = path_label(get_content_type(m.document_type), m.field_path, data_label) \
                if m.document_type else m.field_path
            return (m.document_title, field, LOCALES[m.locale].native_name, row.before, row.after, row.note)[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == self.DOCUMENT:
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.BEFORE:
                return m.text
            if column == self.AFTER:
                return m.new_text
            if column == self.LANGUAGE:
                return f"{language_name(m.locale)} ({m.locale})"
            return row.note or m.document_title
        if role == DIFF_HTML_ROLE:
            return {self.BEFORE: row.before_html, self.AFTER: row.after_html}.get(column)
        if role == Qt.ItemDataRole.FontRole and column in (self.LANGUAGE, self.BEFORE, self.AFTER):
            return self._fonts.get(m.locale)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.BEFORE, self.AFTER):
            side = Qt.AlignmentFlag.AlignRight if LOCALES[m.locale].is_rtl else Qt.AlignmentFlag.AlignLeft
            return side | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and m.problem:
            return QColor(Qt.GlobalColor.gray)
        if role == MATCH_ROLE:
            return m
        if role == LOCALE_ROLE:
            return m.locale
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != self.DOCUMENT
                or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self._checked[index.row()] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def _row_at(self, i: int) -> _Row:
        row = self._rows.get(i)
        if row is None:
            row = self._rows[i] = self._row(self._matches[i])
        return row

    def _row(self, m: ReplaceMatch) -> _Row:
        if m.locale not in self._fonts:
            font = QFont()
            font.setFamilies([LOCALES[m.locale].font_family, *font.families()])
            self._fonts[m.locale] = font
        pieces = excerpt(diff_texts(m.text, m.new_text, m.locale))
        old = [p for p in pieces if p.op != "insert"]
        new = [p for p in pieces if p.op != "delete"]
        note = self.tr("skipped: {problem}").format(problem=m.problem) if m.problem else ""
        return _Row(m, "".join(p.text for p in old), "".join(p.text for p in new), diff_html(old), diff_html(new),
                    note)


class DiffDelegate(QStyledItemDelegate):
    """Draws the Before and After excerpts as rich text, so the replaced part is struck out or underlined."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        html = index.data(DIFF_HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        rtl = LOCALES[index.data(LOCALE_ROLE)].is_rtl
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(2)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        text_option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        text_option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        doc.setDefaultTextOption(text_option)
        # Rich text takes its direction and alignment from the markup, not from the default text option.
        doc.setHtml(f'<p dir="rtl" align="right">{html}</p>' if rtl else html)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        doc.setTextWidth(rect.width())

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QColor) and not selected:
            context.palette.setColor(QPalette.ColorRole.Text, foreground)
        painter.save()
        top = rect.top() + max(0, (rect.height() - int(doc.size().height())) // 2)
        painter.translate(rect.left(), top)
        painter.setClipRect(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()


class ReplaceDialog(QDialog):
    """Find, preview and replace text in the translations of the chosen languages.

    Accepted with `.run`, the checked matches to replace (the caller runs the job); an invalid pattern is shown
    in the dialog. Nothing is written here. The preview's search runs on `runner`; `search_ended` is emitted when
    its result (the matches, or why there are none) is shown. A search cancelled (a new one, a changed question,
    Escape, closing) shows nothing.
    """

    search_ended = Signal()

    def __init__(self, ws: Workspace, locales: list[str], runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.run: ReplaceRun | None = None
        self._search: JobHandle[list[ReplaceMatch]] | None = None  # the search under way, if any
        self.setWindowTitle(self.tr("Replace in translations"))

        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.case_check = QCheckBox(self.tr("Match case"))
        self.words_check = QCheckBox(self.tr("Whole words"))
        self.regex_check = QCheckBox(self.tr("Regular expression"))
        self.regex_check.setToolTip(self.tr("Python regular expressions; refer to groups as \\1 in the "
                                            "replacement"))
        options = QHBoxLayout()
        for check in (self.case_check, self.words_check, self.regex_check):
            options.addWidget(check)
        options.addStretch()
        form = QFormLayout()
        form.addRow(self.tr("Find:"), self.find_edit)
        form.addRow(self.tr("Replace with:"), self.replace_edit)
        form.addRow("", options)

        self.locales_box = QGroupBox(self.tr("In the translations into"))
        self.locale_checks: dict[str, QCheckBox] = {}
        grid = QGridLayout(self.locales_box)
        targets = targets_of(SOURCE_DEFAULT)
        for i, code in enumerate(targets):
            check = QCheckBox(LOCALES[code].native_name)
            check.setToolTip(f"{language_name(code)} ({code})")
            font = QFont(check.font())
            font.setFamilies([LOCALES[code].font_family, *font.families()])
            check.setFont(font)
            check.setChecked(code in locales)
            self.locale_checks[code] = check
            grid.addWidget(check, i // 4, i % 4)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.message_label = error_label()
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview_button)
        preview_row.addWidget(self.count_label, 1)

        self.model = ReplaceMatchModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(DiffDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((ReplaceMatchModel.DOCUMENT, 170), (ReplaceMatchModel.FIELD, 110),
                              (ReplaceMatchModel.LANGUAGE, 80), (ReplaceMatchModel.BEFORE, 240),
                              (ReplaceMatchModel.AFTER, 240)):
            self.table.setColumnWidth(column, width)

        self.check_all_button = QPushButton(self.tr("Check all"))
        self.uncheck_all_button = QPushButton(self.tr("Uncheck all"))
        self.check_all_button.clicked.connect(lambda: self.model.set_all_checked(True))
        self.uncheck_all_button.clicked.connect(lambda: self.model.set_all_checked(False))
        self.buttons = QDialogButtonBox()
        self.replace_button = self.buttons.addButton(self.tr("Replace"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.replace_button, self.check_all_button, self.uncheck_all_button):
            button.setAutoDefault(False)
        self.replace_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_all_button)
        bottom.addWidget(self.uncheck_all_button)
        bottom.addStretch()
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.locales_box)
        layout.addLayout(preview_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1000, 620)

        self.model.checked_changed.connect(self._update_replace_button)
        # A preview answers the question as it was asked: any change to the question makes it stale.
        for edit in (self.find_edit, self.replace_edit):
            edit.textChanged.connect(self._invalidate)
        for check in (self.case_check, self.words_check, self.regex_check, *self.locale_checks.values()):
            check.toggled.connect(self._invalidate)
        runner.job_progressed.connect(self._search_progressed)
        self._invalidate()
        self.find_edit.setFocus()

    def chosen_locales(self) -> list[str]:
        return [code for code, check in self.locale_checks.items() if check.isChecked()]

    def preview(self) -> None:
        """Start searching in the background (a search under way is cancelled); the table fills when it ends, or
        the problem (an invalid pattern) is shown."""
        self._cancel_search()
        self.message_label.hide()
        if self.model.rowCount():
            self.model.set_matches([])
        # Plain values only: the search runs on a worker thread, on a workspace of its own.
        pattern, replacement, locales = self.find_edit.text(), self.replace_edit.text(), self.chosen_locales()
        regex, case_sensitive = self.regex_check.isChecked(), self.case_check.isChecked()
        whole_words = self.words_check.isChecked()
        handle = self.runner.start(
            self.tr("Searching the translations for “{0}”").format(pattern),
            on_worker(self.ws, lambda ws: ws.find_replacements_job(
                pattern, replacement, locales, regex=regex, case_sensitive=case_sensitive, whole_words=whole_words)),
            on_done=lambda matches: self._searched(handle, matches),
            on_failed=lambda exc: self._search_failed(handle, exc))
        self._search = handle
        self.count_label.setText(self.tr("Searching…"))

    def done(self, result: int) -> None:
        # Every way out (Replace, Cancel, Escape, the close box) ends here: a search nobody will see is stopped.
        self._cancel_search()
        super().done(result)

    def _cancel_search(self) -> None:
        if self._search is not None:
            self._search.cancel()
            self._search = None

    def _search_progressed(self, handle: JobHandle[object]) -> None:
        if handle is self._search and handle.total:
            self.count_label.setText(self.tr("Searching… {0} of {1} translations read")
                                     .format(handle.done, handle.total))

    def _searched(self, handle: JobHandle[list[ReplaceMatch]], matches: list[ReplaceMatch]) -> None:
        # A search that ended just as it was replaced or the dialog closed: its result is stale, show nothing.
        if handle is not self._search or not shiboken6.isValid(self):
            return
        self._search = None
        self.model.set_matches(matches)
        self.count_label.setText(self._count_text(matches))
        self.search_ended.emit()

    def _search_failed(self, handle: JobHandle[list[ReplaceMatch]], exc: BaseException) -> None:
        if handle is not self._search or not shiboken6.isValid(self):
            return
        self._search = None
        if not isinstance(exc, StudioError):
            log.error("the replace preview's search failed", exc_info=exc)
        self._show_problem(str(exc) if isinstance(exc, StudioError) else
                           self.tr("The search failed: {0}").format(exc))
        self.count_label.clear()
        self.search_ended.emit()

    def apply(self) -> None:
        """Close with every checked row to replace: the replacement itself runs as a job in the jobs panel."""
        checked = self.model.checked_matches()
        if not checked:
            return
        self.run = ReplaceRun(checked)
        self.accept()

    def _count_text(self, matches: Sequence[ReplaceMatch]) -> str:
        if not matches:
            return self.tr("No matches.")
        total = sum(m.count for m in matches)
        documents = len({m.document_id for m in matches})
        found = self.tr("1 match") if total == 1 else self.tr("{0} matches").format(total)
        where = self.tr("in 1 document") if documents == 1 else self.tr("in {0} documents").format(documents)
        text = f"{found} {where}"
        skipped = sum(1 for m in matches if m.problem)
        if skipped:
            text += " " + self.tr("({0} skipped: see the Note column)").format(skipped)
        return text

    def _update_replace_button(self) -> None:
        count = sum(m.count for m in self.model.checked_matches())
        self.replace_button.setText(self.tr("Replace {0}").format(count) if count else self.tr("Replace"))
        self.replace_button.setEnabled(count > 0)
        has_rows = self.model.rowCount() > 0
        self.check_all_button.setEnabled(has_rows)
        self.uncheck_all_button.setEnabled(has_rows)

    def _invalidate(self) -> None:
        self._cancel_search()
        self.message_label.hide()
        if self.model.rowCount():
            self.model.set_matches([])
        can_preview = bool(self.find_edit.text()) and bool(self.chosen_locales())
        self.preview_button.setEnabled(can_preview)
        self.count_label.setText(self.tr("Preview to see what would change.") if can_preview else
                                 self.tr("Type what to find and choose at least one language."))
        self._update_replace_button()

    def _show_problem(self, message: str) -> None:
        self.message_label.setText(message[:1].upper() + message[1:])
        self.message_label.show()

"""The glossary dialog (Ctrl+Shift+G): every entry in a list filtered by language and text, and a form to edit the
selected entry's note and terms (language, term, status, part of speech, note). New entries start from the current
cell (Ctrl+Shift+T: its source language and locale, the editor's selected text). Import and export of TBX and CSV
files are here too.

The list is a table model over plain `Entry` values (`Workspace.glossary()`); every write goes through the
workspace's glossary methods, which check the role (editors add and edit, supervisors delete), and comes back
as `Changes` for the window's one refresh path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from studio.changes import Changes
from studio.errors import ConflictError, StudioError
from studio.locales import LOCALES, SOURCE_DEFAULT
from studio.memory.glossary import PARTS_OF_SPEECH, Entry, Glossary, Term, TermStatus, normalise
from studio.memory.glossary_store import GlossaryImport
from studio.permissions import refusal
from studio.ui.inline_error import error_label, show_error
from studio.ui.job_runner import JobHandle, JobRunner, on_worker
from studio.ui.labels import language_name
from studio.ui.model_index import Index
from studio.workspace import Workspace

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
"""Any column: the row's entry id."""


def status_words() -> dict[TermStatus, str]:
    # Written out in full each time: lupdate only sees a call spelled QCoreApplication.translate("Context", "text").
    return {TermStatus.PREFERRED: QCoreApplication.translate("Glossary", "preferred"),
            TermStatus.ADMITTED: QCoreApplication.translate("Glossary", "admitted"),
            TermStatus.FORBIDDEN: QCoreApplication.translate("Glossary", "forbidden"),
            TermStatus.DISCOURAGED: QCoreApplication.translate("Glossary", "discouraged")}


class GlossaryModel(QAbstractTableModel):
    """The entries shown: source terms, the terms in the chosen language (or all), the note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: tuple[Entry, ...] = ()
        self._rows: list[Entry] = []
        self._locale: str | None = None
        self._text = ""

    def set_glossary(self, glossary: Glossary) -> None:
        self._all = glossary.entries
        self._refilter()

    def set_filter(self, locale: str | None, text: str) -> None:
        self._locale, self._text = locale, normalise(text)
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = [e for e in self._all if self._wanted(e)]
        self.endResetModel()

    def _wanted(self, entry: Entry) -> bool:
        if self._locale is not None and not any(t.locale == self._locale for t in entry.terms):
            return False
        if not self._text:
            return True
        return any(self._text in normalise(t.text) for t in entry.terms) or self._text in normalise(entry.note)

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            locale = self._locale
            return (self.tr("Source"), self.tr("Terms") if locale is None else language_name(locale),
                    self.tr("Note"))[section] if 0 <= section < 3 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return entry.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            source = entry.approved(SOURCE_DEFAULT)
            return " / ".join(source) if source else next((t.text for t in entry.terms if t.status.approved), "")
        if column == 1:
            words = status_words()
            terms = [t for t in entry.terms
                     if (t.locale == self._locale if self._locale else t.locale != SOURCE_DEFAULT)]
            return "; ".join((f"{t.locale}: " if self._locale is None else "") + t.text
                             + ("" if t.status == TermStatus.PREFERRED else f" ({words[t.status]})") for t in terms)
        return entry.note if role == Qt.ItemDataRole.ToolTipRole else entry.note.split("\n", 1)[0]


class TermsTable(QTableWidget):
    """The terms of the entry being edited: one row per term, with combo boxes for the closed lists."""

    COLUMNS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.setHorizontalHeaderLabels([self.tr("Language"), self.tr("Term"), self.tr("Status"),
                                        self.tr("Part of speech"), self.tr("Note")])
        header = self.horizontalHeader()
        for column in (0, 2, 3):  # the combo boxes: as wide as their longest choice
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def set_terms(self, terms: Sequence[Term]) -> None:
        self.setRowCount(0)
        for term in terms:
            self.add_term(term)

    def add_term(self, term: Term | None = None) -> int:
        shown = term or Term(SOURCE_DEFAULT, "")
        row = self.rowCount()
        self.insertRow(row)
        locale = QComboBox()
        locale.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for code in LOCALES:
            locale.addItem(f"{language_name(code)} · {code}", code)
        locale.setCurrentIndex(max(locale.findData(shown.locale), 0))
        self.setCellWidget(row, 0, locale)
        self.setCellWidget(row, 1, _line(shown.text))
        status = QComboBox()
        for status_value, word in status_words().items():
            status.addItem(word, status_value.value)
        status.setCurrentIndex(max(status.findData(TermStatus(shown.status).value), 0))
        self.setCellWidget(row, 2, status)
        pos = QComboBox()
        for value in PARTS_OF_SPEECH:
            pos.addItem(value or "—", value)
        pos.setCurrentIndex(max(pos.findData(shown.part_of_speech), 0))
        self.setCellWidget(row, 3, pos)
        self.setCellWidget(row, 4, _line(shown.note))
        return row

    def term_at(self, row: int) -> Term:
        def combo(column: int) -> str:
            widget = self.cellWidget(row, column)
            assert isinstance(widget, QComboBox)
            return str(widget.currentData())

        def text(column: int) -> str:
            widget = self.cellWidget(row, column)
            assert isinstance(widget, QLineEdit)
            return widget.text()

        return Term(combo(0), text(1), TermStatus(combo(2)), combo(3), text(4))

    def terms(self) -> list[Term]:
        return [self.term_at(row) for row in range(self.rowCount())]


def _line(text: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setFrame(False)
    edit.setCursorPosition(0)  # a long note shows its beginning
    return edit


class GlossaryDialog(QDialog):
    """Browse and edit the glossary. `on_changes` receives each write's `Changes` (the window's refresh path)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *,
                 on_changes: Callable[[Changes], None] | None = None, runner: JobRunner | None = None) -> None:
        super().__init__(parent)
        # The window's runner, so that an import shows among its jobs; a dialog of its own has its own.
        self._runner = runner if runner is not None else JobRunner(self)
        # Made anew at each opening (the user's rights and the glossary may have changed meanwhile): closed, gone.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Glossary"))
        self.ws = ws
        self._on_changes = on_changes
        self._editing: int | None = None  # the entry in the form; None: a new one
        self._version = 0  # the version of the entry in the form, as read: a save from it is refused if stale
        self._shown: tuple[tuple[Term, ...], str] | None = None  # the form as last shown or saved

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by term or note"))
        self.filter_edit.setClearButtonEnabled(True)
        self.locale_filter = QComboBox()
        self.locale_filter.addItem(self.tr("All languages"), None)
        for code in LOCALES:
            self.locale_filter.addItem(f"{language_name(code)} · {code}", code)
        self.model = GlossaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.count_label = QLabel()

        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("What the concept is, where the term is used"))
        self.note_edit.setMaximumHeight(70)
        self.terms_table = TermsTable()
        self.add_row_button = QPushButton(self.tr("Add a term"))
        self.remove_row_button = QPushButton(self.tr("Remove the term"))
        self.save_button = QPushButton(self.tr("Save entry"))
        self.save_button.setDefault(True)
        self.new_button = QPushButton(self.tr("New entry"))
        self.delete_button = QPushButton(self.tr("Delete entry"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.error = error_label()
        self.form_title = QLabel()
        font = self.form_title.font()
        font.setBold(True)
        self.form_title.setFont(font)

        self.filter_edit.textChanged.connect(self._refilter)
        self.locale_filter.currentIndexChanged.connect(self._refilter)
        self.add_row_button.clicked.connect(lambda: self.terms_table.add_term(self._new_row_term()))
        self.remove_row_button.clicked.connect(self._remove_row)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(lambda: self.new_entry())
        self.delete_button.clicked.connect(self.delete)
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)

        left = QWidget()
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.locale_filter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        files = QHBoxLayout()
        files.addWidget(self.count_label, 1)
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)
        left_layout.addLayout(files)

        right = QWidget()
        form = QFormLayout()
        form.addRow(self.tr("Note"), self.note_edit)
        rows = QHBoxLayout()
        rows.addWidget(self.add_row_button)
        rows.addWidget(self.remove_row_button)
        rows.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form_title)
        right_layout.addLayout(form)
        right_layout.addWidget(self.terms_table, 1)
        right_layout.addLayout(rows)
        right_layout.addWidget(self.error)
        right_layout.addLayout(actions)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1100, 620)

        editable = refusal(ws.actor, "edit_glossary")
        for widget in (self.save_button, self.new_button, self.import_button, self.add_row_button,
                       self.remove_row_button):
            widget.setEnabled(editable is None)
            widget.setToolTip(editable or "")
        deletable = refusal(ws.actor, "delete_glossary")
        self.delete_button.setEnabled(deletable is None)
        self.delete_button.setToolTip(deletable or self.tr("Delete the entry and all its terms"))
        self.reload()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.new_entry()

    # --- list ---------------------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self.model.set_glossary(self.ws.glossary())
        self._count()
        if select is not None:
            self.select_entry(select)

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row is None:  # filtered out: clear the filter rather than hide what was just saved
            self.filter_edit.clear()
            self.locale_filter.setCurrentIndex(0)
            row = self.model.row_of(entry_id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _refilter(self) -> None:
        self.model.set_filter(self.locale_filter.currentData(), self.filter_edit.text())
        self._count()

    def _count(self) -> None:
        self.count_label.setText(self.tr("{0} of {1} entries").format(self.model.rowCount(),
                                                                       len(self.ws.glossary())))

    def _row_changed(self, current: Index, previous: Index) -> None:
        entry = self.model.entry_at(current.row())
        if entry is None or (entry.id == self._editing and not self.changed()):
            return
        if not self._changes_settled():
            # Back to the entry being edited, once this selection change is over (Qt is still making it).
            back = previous.row() if previous.isValid() else -1
            QTimer.singleShot(0, lambda: self._select_quietly(back))
            return
        self._show_entry(entry)

    def _select_quietly(self, row: int) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:
            selection.clear()
        selection.blockSignals(False)

    def changed(self) -> bool:
        """Whether the form differs from the entry it shows (or, for a new entry, from how it started)."""
        return self._shown is not None and self._form() != self._shown

    def _form(self) -> tuple[tuple[Term, ...], str]:
        return tuple(t for t in self.terms_table.terms() if t.text.strip()), self.note_edit.toPlainText().strip()

    def _changes_settled(self) -> bool:
        """Before the form shows something else: its changes saved, or discarded, as the user chooses; False
        when the user cancels (or the save is refused: the form keeps its text and shows why)."""
        if not self.changed():
            return True
        answer = QMessageBox.question(
            self, self.tr("Glossary"), self.tr("Save the changes to this entry?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Discard:
            return True
        return answer == QMessageBox.StandardButton.Save and self.save(select=False)

    def reject(self) -> None:
        if self._changes_settled():
            super().reject()

    # --- form ---------------------------------------------------------------------------------------------

    def _show_entry(self, entry: Entry) -> None:
        self._editing, self._version = entry.id, entry.version
        self.form_title.setText(self.tr("Entry {0}").format(entry.id))
        self.note_edit.setPlainText(entry.note)
        self.terms_table.set_terms(sorted(entry.terms, key=lambda t: list(LOCALES).index(t.locale)))
        show_error(self.error, "")
        self._shown = self._form()

    def new_entry(self, source: str = "", source_locale: str = SOURCE_DEFAULT, locale: str | None = None,
                  target: str = "") -> None:
        """An empty form for a new entry: the source term and, with `locale`, a row for its translation."""
        if not self._changes_settled():
            return
        self._select_quietly(-1)
        self._editing = None
        self.form_title.setText(self.tr("New entry"))
        self.note_edit.clear()
        terms = [Term(source_locale, source)]
        if locale is not None and locale != source_locale:
            terms.append(Term(locale, target))
        self.terms_table.set_terms(terms)
        show_error(self.error, "")
        self._shown = self._form()
        first_empty = next((r for r, t in enumerate(terms) if not t.text), len(terms) - 1)
        widget = self.terms_table.cellWidget(first_empty, 1)
        if widget is not None:
            widget.setFocus()

    def _new_row_term(self) -> Term:
        """A new row takes the language of the row above (a variant is usually added next to its term)."""
        rows = self.terms_table.rowCount()
        locale = self.terms_table.term_at(rows - 1).locale if rows else SOURCE_DEFAULT
        return Term(locale, "", TermStatus.FORBIDDEN if rows > 1 else TermStatus.PREFERRED)

    def _remove_row(self) -> None:
        row = self.terms_table.currentRow()
        if row >= 0:
            self.terms_table.removeRow(row)

    def save(self, select: bool = True) -> bool:
        """Store the form; False (and the reason shown) when refused. With `select`, the saved entry is then
        selected and shown; without, the caller is about to show something else."""
        terms = [t for t in self.terms_table.terms() if t.text.strip()]
        try:
            if self._editing is None:
                saved = self.ws.add_glossary_entry(terms, self.note_edit.toPlainText())
            else:
                saved = self.ws.edit_glossary_entry(self._editing, terms, self.note_edit.toPlainText(),
                                                    version=self._version)
        except ConflictError as exc:
            self._show_theirs(str(exc))
            return False
        except StudioError as exc:
            show_error(self.error, str(exc))
            return False
        self._announce(saved.changes)
        self._editing, self._shown = saved.entry_id, self._form()
        self.form_title.setText(self.tr("Entry {0}").format(saved.entry_id))
        self.reload(select=saved.entry_id if select else None)
        stored = self.ws.glossary().entry(saved.entry_id)
        self._version = stored.version if stored is not None else 0
        self._warn_single_characters(terms)
        return True

    def _warn_single_characters(self, terms: Sequence[Term]) -> None:
        """Saved, but said: a one-character Chinese or Japanese term is found inside every word holding that
        character (京 in 北京 and 京东), since these scripts have no spaces to tell words apart. Allowed, as a
        real term may be one character; the editor decides."""
        single = [t.text.strip() for t in terms if len(t.text.strip()) == 1 and t.locale in LOCALES
                  and LOCALES[t.locale].unspaced and t.status.approved]
        if single:
            show_error(self.error, self.tr("Saved. Note: {0} is a single character, found inside every word that "
                                           "holds it; a longer term is usually meant.").format(", ".join(single)))

    def _show_theirs(self, why: str) -> None:
        """Someone saved the entry in the form meanwhile: their version is shown (the list too), and said so."""
        assert self._editing is not None
        self.reload()
        self._announce(Changes(glossary=True, summary="glossary changed elsewhere"))
        theirs = self.ws.glossary().entry(self._editing)
        if theirs is None:
            self._editing = self._shown = None
            self.new_entry()
        else:
            row = self.model.row_of(theirs.id)
            self._select_quietly(row if row is not None else -1)
            self._show_entry(theirs)
        show_error(self.error, self.tr("Not saved: {0}. Their version is shown now.").format(why))

    def delete(self) -> None:
        """Delete the entry in the form, once the user says so: there is no undo."""
        if self._editing is None:
            return
        terms = ", ".join(t.text for t in self.terms_table.terms() if t.text.strip())
        answer = QMessageBox.question(
            self, self.tr("Glossary"),
            self.tr("Delete entry {0} ({1}) and all its terms? Checks and machine translation stop using it; "
                    "this cannot be undone.").format(self._editing, terms),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = self.ws.delete_glossary_entries([self._editing])
        except StudioError as exc:
            show_error(self.error, str(exc))
            return
        self._announce(changes)
        self._editing = self._shown = None  # nothing left to save
        self.reload()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.new_entry()

    # --- files --------------------------------------------------------------------------------------------

    def _import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import glossary files"), "",
                                                self.tr("Glossaries (*.tbx *.xml *.csv);;All files (*)"))
        if paths:
            self.import_files(paths)

    def import_files(self, paths: Sequence[str]) -> JobHandle[GlossaryImport]:
        """Import on a worker (a large file takes seconds); the dialog says what it did, or why not, when done.
        Closed meanwhile, the dialog is gone but the import goes on, and the window still hears of it."""
        chosen = list(paths)
        self.import_button.setEnabled(False)
        show_error(self.error, "")
        self.count_label.setText(self.tr("Importing {0}…").format(", ".join(Path(p).name for p in chosen)))
        announce = self._on_changes
        alive = [True]
        self.destroyed.connect(lambda: alive.__setitem__(0, False))

        def done(report: GlossaryImport) -> None:
            if announce is not None:
                announce(report.changes)
            if alive[0]:
                self._imported(report)

        def failed(exc: BaseException) -> None:
            if alive[0]:
                self.import_button.setEnabled(True)
                self._count()
                show_error(self.error, str(exc) if isinstance(exc, StudioError) else
                           self.tr("The import failed: {0}").format(exc))

        return self._runner.start(self.tr("Importing the glossary"),
                                  on_worker(self.ws, lambda ws: ws.import_glossary_job(chosen)),
                                  on_done=done, on_failed=failed)

    def _imported(self, report: GlossaryImport) -> None:
        self.import_button.setEnabled(refusal(self.ws.actor, "edit_glossary") is None)
        self.reload()
        self.count_label.setText(report.describe())

    def _export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the glossary"), "glossary.tbx",
                                                   self.tr("TBX (*.tbx);;CSV (*.csv)"))
        if path:
            self.export_file(path, "csv" if path.lower().endswith(".csv") or "csv" in chosen.lower() else "tbx")

    def export_file(self, path: str, fmt: str) -> None:
        try:
            count = self.ws.export_glossary(path, format=fmt, locales=None)
        except (StudioError, OSError, ValueError) as exc:  # ValueError: text XML cannot hold, from older data
            show_error(self.error, str(exc))
            return
        self.count_label.setText(self.tr("Wrote {0} entries to {1}").format(count, path))

    def _announce(self, changes: Changes) -> None:
        if self._on_changes is not None:
            self._on_changes(changes)

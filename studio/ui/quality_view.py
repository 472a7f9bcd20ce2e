"""The quality view (Review ▸ Open the quality checks, Alt+5): every finding of the workspace, filtered by language,
check, severity, document and whether it was acknowledged, and each document's readability per language.

"Check all" runs `Workspace.qa_job` on a worker (the whole portal in seconds); the tables then hold plain rows and
filter in memory. Enter or a double-click opens the cell in the grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.changes import Changes
from studio.errors import StudioError
from studio.locales import LOCALE_CODES
from studio.qa.findings import CHECKS, ERROR, WARNING, Finding
from studio.qa.readability import ReadabilitySettings, ReadabilitySummary
from studio.qa.runner import QAReport
from studio.ui.job_runner import JobRunner, on_worker
from studio.ui.labels import language_name
from studio.ui.operations import Operations
from studio.ui.quality_tab import check_title
from studio.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
DOCUMENT, FIELD, LANGUAGE, SEVERITY, CHECK, MESSAGE = range(6)
_SEVERITY_COLOURS = {ERROR: QColor("#b42318"), WARNING: QColor("#b54708")}


@dataclass(frozen=True)
class FindingRow:
    """A finding with what the table shows of it, made once."""

    finding: Finding
    slug: str

    @property
    def key(self) -> tuple[str, int, str]:
        return self.finding.document_id, self.finding.segment_id, self.finding.locale


@dataclass(frozen=True)
class Filters:
    """What the findings table shows: None is any."""

    locale: str | None = None
    check: str | None = None
    severity: str | None = None
    document: str = ""  # part of the slug
    acknowledged: bool | None = None

    def keeps(self, row: FindingRow) -> bool:
        f = row.finding
        return ((self.locale is None or f.locale == self.locale) and (self.check is None or f.check == self.check)
                and (self.severity is None or f.severity == self.severity)
                and (not self.document or self.document.lower() in row.slug.lower())
                and (self.acknowledged is None or f.acknowledged == self.acknowledged))


class FindingsModel(QAbstractTableModel):
    """The findings that pass the filters, over plain rows; `data` reads nothing but them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[FindingRow] = []
        self._rows: list[FindingRow] = []
        self._filters = Filters()
        self._headers = (self.tr("Document"), self.tr("Field"), self.tr("Language"), self.tr("Severity"),
                         self.tr("Check"), self.tr("Message"))
        self._words = {ERROR: self.tr("error"), WARNING: self.tr("warning")}

    def reset(self, rows: Sequence[FindingRow]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._rows = [r for r in self._all if self._filters.keeps(r)]
        self.endResetModel()

    def set_filters(self, filters: Filters) -> None:
        self.beginResetModel()
        self._filters = filters
        self._rows = [r for r in self._all if filters.keeps(r)]
        self.endResetModel()

    def row(self, index: int) -> FindingRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        f = row.finding
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == DOCUMENT:
                return row.slug
            if column == FIELD:
                return f.field_path
            if column == LANGUAGE:
                return language_name(f.locale)
            if column == SEVERITY:
                word = self._words[f.severity]
                return word + (" ✓" if f.acknowledged else "")
            if column == CHECK:
                return check_title(f.check)
            if column == MESSAGE:
                if role == Qt.ItemDataRole.ToolTipRole and f.acknowledged:
                    label = self.tr("Acknowledged:")  # outside the f-string, where lupdate finds it
                    return f"{f.message}\n{label} {f.note}"
                return f.message
        if role == Qt.ItemDataRole.ForegroundRole and column == SEVERITY and not f.acknowledged:
            return _SEVERITY_COLOURS[f.severity]
        return None


class ReadabilityModel(QAbstractTableModel):
    """Each document's readability in each language: sentences, average length, long sentences, long words,
    bureaucratic terms."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ReadabilitySummary]] = []
        self._headers = (self.tr("Document"), self.tr("Language"), self.tr("Sentences"), self.tr("Average length"),
                         self.tr("Long sentences"), self.tr("Long words"), self.tr("Bureaucratic terms"))

    def reset(self, rows: Sequence[tuple[str, ReadabilitySummary]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or role != Qt.ItemDataRole.DisplayRole:
            return None
        slug, r = self._rows[index.row()]
        unit = self.tr("characters") if r.unit == "characters" else self.tr("words")
        values = (slug, language_name(r.locale), str(r.sentences), f"{r.average_length:.1f} {unit}",
                  f"{r.long_sentences} ({r.long_share:.0%})", str(r.long_words), str(r.discouraged_terms))
        return values[index.column()] if 0 <= index.column() < len(values) else None


class QualityView(QWidget):
    """Findings and readability of the whole workspace, with filters; `open_requested` asks the window to open a
    finding's cell."""

    open_requested = Signal(str, int, str)  # document id, segment id, locale

    def __init__(self, ws: Workspace, operations: Operations, runner: JobRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.report: QAReport | None = None
        self._running = False

        self.locale_box = QComboBox()
        self.locale_box.addItem(self.tr("All languages"), None)
        for code in LOCALE_CODES:
            self.locale_box.addItem(language_name(code), code)
        self.check_box = QComboBox()
        self.check_box.addItem(self.tr("All checks"), None)
        for check in CHECKS:
            self.check_box.addItem(check_title(check), check)
        self.severity_box = QComboBox()
        self.severity_box.addItem(self.tr("Errors and warnings"), None)
        self.severity_box.addItem(self.tr("Errors"), ERROR)
        self.severity_box.addItem(self.tr("Warnings"), WARNING)
        self.acknowledged_box = QComboBox()
        self.acknowledged_box.addItem(self.tr("Open"), False)
        self.acknowledged_box.addItem(self.tr("Acknowledged"), True)
        self.acknowledged_box.addItem(self.tr("Open and acknowledged"), None)
        self.document_edit = QLineEdit()
        self.document_edit.setPlaceholderText(self.tr("Document"))
        self.document_edit.setClearButtonEnabled(True)
        for box in (self.locale_box, self.check_box, self.severity_box, self.acknowledged_box):
            box.currentIndexChanged.connect(self._filter)
        self.document_edit.textChanged.connect(self._filter)
        self.run_button = QPushButton(self.tr("Check all"))
        self.run_button.setToolTip(self.tr("Run every quality check over the whole workspace"))
        self.run_button.clicked.connect(self.run)
        self.limits_button = QPushButton(self.tr("Limits…"))
        self.limits_button.clicked.connect(self.edit_limits)
        self.count_label = QLabel()

        self.model = FindingsModel(self)
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((DOCUMENT, 200), (FIELD, 150), (LANGUAGE, 90), (SEVERITY, 90), (CHECK, 190)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)
        self.readability = ReadabilityModel(self)
        self.readability_table = _table(self.readability)
        self.readability_table.setColumnWidth(0, 260)
        for column in range(1, self.readability.columnCount()):
            self.readability_table.setColumnWidth(column, 150)
        self._summaries: list[tuple[str, ReadabilitySummary]] = []

        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("Findings"))
        self.tabs.addTab(self.readability_table, self.tr("Readability"))
        bar = QHBoxLayout()
        for widget in (self.locale_box, self.check_box, self.severity_box, self.acknowledged_box):
            bar.addWidget(widget)
        bar.addWidget(self.document_edit, 1)
        bar.addWidget(self.run_button)
        bar.addWidget(self.limits_button)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.table)
        self.operations = operations
        operations.did_change.connect(self._changed)
        self.signed_in()

    def signed_in(self) -> None:
        """Only a supervisor changes the readability limits (the button says so to the others)."""
        supervisor = self.ws.actor_is("supervisor")
        self.limits_button.setEnabled(supervisor)
        self.limits_button.setToolTip(self.tr("The longest sentence and word before a readability warning, per "
                                              "language") if supervisor else
                                      self.tr("Only a supervisor changes the readability limits"))

    def edit_limits(self) -> None:
        dialog = LimitsDialog(self.ws.readability_settings(), self)
        accepted = dialog.exec()
        settings = dialog.settings()
        dialog.deleteLater()
        if not accepted:
            return
        try:
            changes = self.ws.set_readability_settings(settings)
        except StudioError as exc:
            self.count_label.setText(str(exc))
            return
        self.operations.changed(changes, self)
        if self.report is not None:
            self.count_label.setText(self.tr("Limits changed: Check all again"))

    # --- running ------------------------------------------------------------------------------------------

    def run(self) -> None:
        """Check the whole workspace: on a worker with a runner, here otherwise (tests, small workspaces)."""
        if self._running:
            return
        if self.runner is None:
            from studio.jobs import run_job

            self.show_report(run_job(self.ws.qa_job()))
            return
        self._running = True
        self.run_button.setEnabled(False)
        self.runner.start(self.tr("Checking the translations"), on_worker(self.ws, lambda ws: ws.qa_job()),
                          on_done=self._done, on_failed=self._failed)

    def _done(self, report: QAReport) -> None:
        self._running = False
        self.run_button.setEnabled(True)
        self.show_report(report)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.run_button.setEnabled(True)
        self.count_label.setText(str(exc))

    def show_report(self, report: QAReport) -> None:
        self.report = report
        docs = report.documents
        self.model.reset([FindingRow(f, docs[f.document_id].slug) for f in sorted(
            report.findings, key=lambda f: (docs[f.document_id].slug, f.field_path, f.locale, f.check))])
        self._summaries = [(docs[r.document_id].slug, r) for r in sorted(
            report.readability, key=lambda r: (docs[r.document_id].slug, LOCALE_CODES.index(r.locale)))]
        self._filter()

    def _changed(self, changes: Changes, initiator: object | None) -> None:
        # Findings of a stale run would mislead: say so; the user runs the checks again when ready.
        if self.report is not None and (changes.cells or changes.documents):
            self.count_label.setText(self.tr("Translations changed since: Check all again"))

    # --- filtering ----------------------------------------------------------------------------------------

    def filters(self) -> Filters:
        return Filters(self.locale_box.currentData(), self.check_box.currentData(), self.severity_box.currentData(),
                       self.document_edit.text().strip(), self.acknowledged_box.currentData())

    def _filter(self) -> None:
        filters = self.filters()
        self.model.set_filters(filters)
        # The readability table follows the language and document filters.
        self.readability.reset([(slug, r) for slug, r in self._summaries
                                if (filters.locale is None or r.locale == filters.locale)
                                and (not filters.document or filters.document.lower() in slug.lower())])
        self._count()

    def _count(self) -> None:
        if self.report is None:
            return
        self.count_label.setText(self.tr("{0} of {1} findings; {2} error(s)").format(
            self.model.rowCount(), len(self.report.findings), self.report.errors))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            f = self.model.row(index.row()).finding
            self.open_requested.emit(f.document_id, f.segment_id, f.locale)


class LimitsDialog(QDialog):
    """The readability limits per language: the longest sentence (words; characters in Chinese, Japanese and
    Korean) and the longest word."""

    def __init__(self, settings: ReadabilitySettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Readability limits"))
        self._sentences: dict[str, QSpinBox] = {}
        self._words: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Language")), 0, 0)
        grid.addWidget(QLabel(self.tr("Longest sentence")), 0, 1)
        grid.addWidget(QLabel(self.tr("Longest word (letters)")), 0, 2)
        for row, code in enumerate(LOCALE_CODES, start=1):
            grid.addWidget(QLabel(language_name(code)), row, 0)
            sentence = QSpinBox()
            sentence.setRange(1, 1000)
            sentence.setValue(settings.sentence_limits.get(code, 25))
            sentence.setSuffix(" " + (self.tr("characters") if settings.unit(code) == "characters"
                                      else self.tr("words")))
            self._sentences[code] = sentence
            grid.addWidget(sentence, row, 1)
            if code in settings.long_word_limits:
                word = QSpinBox()
                word.setRange(1, 1000)
                word.setValue(settings.long_word_limits[code])
                self._words[code] = word
                grid.addWidget(word, row, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def settings(self) -> ReadabilitySettings:
        return ReadabilitySettings({c: s.value() for c, s in self._sentences.items()},
                                   {c: s.value() for c, s in self._words.items()})


def _table(model: QAbstractTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table

"""What an import of returned translations did: the units applied, skipped and in conflict, each with its file and
line, document, field, language, text and reason; a conflict also shows Studio's text and who wrote it.

Conflicts come first when there are any: they are what needs a person. The routine skips (unchanged, empty
target), most of a portal-wide file sent back, are only counted. The lists are table views over the report's
frozen rows through one read-only model, so a report of hundreds of thousands of units opens at once: no item
per cell, and rows are fitted to their text only while they are few. Nothing here touches the workspace.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.locales import LOCALES
from studio.ui.state_words import state_names

if TYPE_CHECKING:  # the exchange formats (lxml, polib) load when an import runs, not when the window opens
    from studio.exchange.returned import ImportReport, UnitOutcome

# Skips that need nobody's attention: counted above the list, not listed.
ROUTINE_SKIPS = ("unchanged", "the target is empty")
# Up to this many rows, each row's height is fitted to its wrapped text; past it, rows keep one line.
FITTED_ROWS = 500

_Index = QModelIndex | QPersistentModelIndex


class OutcomeModel(QAbstractTableModel):
    """The outcomes of one tab as a read-only table: file:line, document, field, language, the file's text, for a
    conflict Studio's text and its author, and why (for applied units, how it was stored)."""

    def __init__(self, units: Sequence[UnitOutcome], headers: Sequence[str], *, conflict: bool = False,
                 applied: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = list(units)
        self.headers = list(headers)
        self.conflict = conflict
        self.applied = applied
        self.text_columns = {4, 5} if conflict else {4}
        self._fonts: dict[str, QFont] = {}
        self._states = state_names()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.units):
            return None
        unit = self.units[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._value(unit, column)
        if column in self.text_columns:
            found = LOCALES.get(unit.locale)
            if found is None:
                return None
            if role == Qt.ItemDataRole.FontRole:
                return self._font(unit.locale, found.font_family)
            if role == Qt.ItemDataRole.TextAlignmentRole and found.is_rtl:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _value(self, unit: UnitOutcome, column: int) -> str:
        if column == 0:
            name = unit.file.rsplit("/", 1)[-1]
            return f"{name}:{unit.line}" if unit.line else name
        if column <= 4:
            return (unit.document, unit.field, unit.locale, unit.text)[column - 1]
        if self.conflict and column in (5, 6):
            return unit.studio_text if column == 5 else unit.studio_author
        if self.applied:
            return self._states.get(unit.state, unit.state) + (f" — {unit.reason}" if unit.reason else "")
        return unit.reason

    def _font(self, locale: str, family: str) -> QFont:
        """A translation in its own script's font (one font per language, made once)."""
        if locale not in self._fonts:
            font = QFont()
            font.setFamilies([family, *font.families()])
            self._fonts[locale] = font
        return self._fonts[locale]


class ImportReportDialog(QDialog):
    """The report of `Workspace.import_translations_job`, in three tabs."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Imported translations"))
        self.report = report
        summary = QLabel(self.tr("{0} applied, {1} skipped, {2} in conflict, from {3} file(s).").format(
            len(report.applied), len(report.skipped), len(report.conflicts), len(report.files)))
        summary.setWordWrap(True)
        hint = QLabel(self.tr("Applied units are drafts or translations waiting for review; nothing was approved. "
                              "A conflict was left as it is in Studio: compare both texts and decide in the grid."))
        hint.setWordWrap(True)
        routine = Counter(next(r for r in ROUTINE_SKIPS if u.reason.startswith(r)) for u in report.skipped
                          if u.reason.startswith(ROUTINE_SKIPS))
        listed = [u for u in report.skipped if not u.reason.startswith(ROUTINE_SKIPS)]
        self.tabs = QTabWidget()
        self.conflicts = self._table(report.conflicts, conflict=True)
        self.applied = self._table(report.applied, applied=True)
        self.skipped = self._table(listed)
        skipped_tab = QWidget()
        skipped_layout = QVBoxLayout(skipped_tab)
        self.routine = QLabel(self.tr("Not listed: {0} unchanged (Studio has the same text), {1} with an empty "
                                      "target.").format(routine["unchanged"], routine["the target is empty"]))
        self.routine.setWordWrap(True)
        self.routine.setVisible(bool(routine))
        skipped_layout.addWidget(self.routine)
        skipped_layout.addWidget(self.skipped, 1)
        self.tabs.addTab(self.conflicts, self.tr("In conflict ({0})").format(len(report.conflicts)))
        self.tabs.addTab(self.applied, self.tr("Applied ({0})").format(len(report.applied)))
        self.tabs.addTab(skipped_tab, self.tr("Skipped ({0})").format(len(report.skipped)))
        self.tabs.setCurrentWidget(self.conflicts if report.conflicts else self.applied)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1000, 520)

    def _table(self, units: Sequence[UnitOutcome], *, conflict: bool = False, applied: bool = False) -> QTableView:
        headers = [self.tr("File"), self.tr("Document"), self.tr("Field"), self.tr("Language"),
                   self.tr("Text in the file")]
        if conflict:
            headers += [self.tr("Text in Studio"), self.tr("Written by")]
        headers += [self.tr("Stored as") if applied else self.tr("Why")]
        table = QTableView()
        table.setModel(OutcomeModel(units, headers, conflict=conflict, applied=applied, parent=table))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Fitting looks at every row: done only for a short list; a long one gets fixed widths and one-line rows.
        fitted = len(units) <= FITTED_ROWS
        if fitted:
            table.resizeColumnsToContents()
        for column in range(len(headers) - 1):
            width = 260 if column in (4, 5) else 160
            table.setColumnWidth(column, min(table.columnWidth(column), width) if fitted else width)
        if fitted:
            table.resizeRowsToContents()
        return table

"""The three-way view of a document's core or variant that someone changed on the portal since Studio pushed it:
field by field, what Studio last pushed, what the portal has now, and what Studio has; the supervisor keeps
Studio's text (the next push writes over the portal's) or takes the portal's (it stays, Studio's text is left as
it is), or decides later.

The rows are plain strings made once from the `ThreeWay` value (`Workspace.three_way`); the dialog writes nothing
itself: the caller applies the choice (`Workspace.keep_ours` or `take_theirs`) and announces what changed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.locales import LOCALES
from studio.sync.releases import ThreeWay
from studio.ui.labels import language_name

FIELD, PUSHED, PORTAL, OURS = range(4)
KEEP_OURS, TAKE_THEIRS = "ours", "theirs"
_DIFFERS = QColor(255, 236, 179)  # a field whose three versions are not all the same

Index = QModelIndex | QPersistentModelIndex


class ThreeWayModel(QAbstractTableModel):
    """One row per field path; columns: the field, then the three versions of its text."""

    def __init__(self, three: ThreeWay | None = None) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, str, str]] = []
        self.rtl = False
        if three is not None:
            self.set_three_way(three)

    def set_three_way(self, three: ThreeWay) -> None:
        self.beginResetModel()
        self.rows = [(path, three.pushed.get(path, ""), three.portal.get(path, ""), three.ours.get(path, ""))
                     for path in three.paths]
        self.rtl = three.locale is not None and three.locale in LOCALES and LOCALES[three.locale].is_rtl
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (self.tr("Field"), self.tr("Last pushed by Studio"), self.tr("On the portal now"),
                    self.tr("In Studio now"))[section]
        return None

    def differs(self, row: int) -> bool:
        _, pushed, portal, ours = self.rows[row]
        return len({pushed, portal, ours}) > 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() != FIELD and self.differs(index.row()):
            return QBrush(_DIFFERS)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != FIELD and self.rtl:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None


class ThreeWayDialog(QDialog):
    """`choice` is KEEP_OURS, TAKE_THEIRS or None (decide later) once the dialog is closed."""

    def __init__(self, three: ThreeWay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        what = language_name(three.locale) if three.locale else self.tr("the neutral facts (core)")
        self.setWindowTitle(self.tr("Changed on the portal: {0}, {1}").format(three.slug, what))
        self.choice: str | None = None
        intro = QLabel(self.tr("Someone changed this on the portal after Studio last pushed it. Highlighted fields "
                               "differ. Keep Studio's text to write it over the portal's at the next push, or take "
                               "the portal's: it stays, and Studio's text is left as it is."))
        intro.setWordWrap(True)
        self.model = ThreeWayModel(three)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        for column in (PUSHED, PORTAL, OURS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if three.ours_reasons:
            held = QLabel(self.tr("Studio's own text is not ready to publish yet: {0}").format(three.ours_reasons[0]))
            held.setWordWrap(True)
            layout.addWidget(held)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox()
        self.keep_button = QPushButton(self.tr("Keep Studio's text"))
        self.take_button = QPushButton(self.tr("Take the portal's"))
        later = self.buttons.addButton(self.tr("Decide later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_OURS))
        self.take_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        later.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(1100, 600)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

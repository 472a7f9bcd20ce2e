"""The left pane: a search box, filters, and the content tree with each document's progress per locale."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studio.content.search import DocumentFilter, match_rank
from studio.content.types import content_types
from studio.locales import LOCALES
from studio.states import REJECTED, CellState
from studio.ui.content_tree_model import DOCUMENT_ID_ROLE, PROGRESS_COLUMN, PROGRESS_ROLE, ContentTreeModel
from studio.ui.labels import data_label
from studio.ui.model_index import Index
from studio.ui.state_words import state_names
from studio.ui.theme import BAR_ORDER, is_dark, state_colors
from studio.workspace import Workspace


class ProgressDelegate(QStyledItemDelegate):
    """One small stacked bar per target locale: approved, translated, draft, outdated, missing."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        counts = index.data(PROGRESS_ROLE)
        if not counts:
            return
        colours = state_colors(is_dark(option.palette))
        rect = option.rect.adjusted(2, 4, -2, -4)
        gap = 2
        width = max((rect.width() - gap * (len(counts) - 1)) // max(len(counts), 1), 3)
        painter.save()
        for i, (_locale, states) in enumerate(counts.items()):
            total = sum(states.values()) or 1
            x = rect.left() + i * (width + gap)
            y = rect.top()
            for state in BAR_ORDER:
                h = round(rect.height() * states.get(state, 0) / total)
                if h:
                    painter.fillRect(QRect(x, y, width, h), colours[state])
                    y += h
            painter.setPen(option.palette.color(option.palette.ColorRole.Mid))
            painter.drawRect(QRect(x, rect.top(), width - 1, rect.height() - 1))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(8 * 9, 18)


class ContentPane(QWidget):
    """Finds documents by text and filters, and shows them under sections and types."""

    document_chosen = Signal(str)
    document_activated = Signal(str)  # Enter or double-click: open it and go to its grid

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._progress: dict[str, dict[str, dict[str, int]]] = {}
        self._titles: dict[str, str] = {}
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, slugs, sources and translations"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.type_filter.addItem(self.tr("Any type"), "")
        for name, ctype in sorted(content_types().items(), key=lambda kv: kv[1].label):
            self.type_filter.addItem(data_label(ctype.label), name)
        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("Any state"), "")
        words = state_names()
        for state in CellState:
            self.state_filter.addItem(self.tr("has {0} cells").format(words[state]), state)
        self.state_filter.addItem(self.tr("has rejected cells"), REJECTED)
        self.locale_filter = QComboBox()
        self.locale_filter.addItem(self.tr("Any language"), "")
        for code, loc in LOCALES.items():
            self.locale_filter.addItem(f"{loc.native_name} ({code})", code)
        self.outdated_filter = QCheckBox(self.tr("Outdated"))
        self.review_filter = QCheckBox(self.tr("Waiting for my review"))
        self.count = QLabel()
        self.tree_model = ContentTreeModel(parent=self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.tree))
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(PROGRESS_COLUMN, 8 * 9 + 8)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        # Enter in the search box goes to the first document found, so the keyboard alone gets there.
        self.search.returnPressed.connect(self.open_best_match)
        self.search.installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.type_filter, self.state_filter, self.locale_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        for box in (self.outdated_filter, self.review_filter):
            box.toggled.connect(self.apply_filter)
        filters = QGridLayout()
        filters.addWidget(self.type_filter, 0, 0)
        filters.addWidget(self.state_filter, 0, 1)
        filters.addWidget(self.locale_filter, 1, 0)
        filters.addWidget(self.outdated_filter, 1, 1)
        filters.addWidget(self.review_filter, 2, 0)
        filters.addWidget(self.count, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)

    def current_filter(self) -> DocumentFilter:
        return DocumentFilter(text=self.search.text(), type=self.type_filter.currentData() or "",
                              state=self.state_filter.currentData() or "",
                              locale=self.locale_filter.currentData() or "",
                              outdated=self.outdated_filter.isChecked(), my_review=self.review_filter.isChecked())

    def reload(self) -> None:
        """Re-read documents and their progress, keeping the filter and the current document."""
        reviews = bool(self.ws.actor and self.ws.actor.review_locales)  # the user may have changed
        self.review_filter.setEnabled(reviews)
        if not reviews:
            self.review_filter.setChecked(False)
        self._progress = self.ws.document_progress()
        self._titles = self.ws.document_titles(self.tree_model.locale)
        self.apply_filter()

    def refresh_progress(self, doc_id: str) -> None:
        """Re-count one document's cells after an edit, without re-reading the whole workspace."""
        fresh = self.ws.document_progress([doc_id])
        self._progress.update(fresh)
        self.tree_model.update_progress(fresh)

    def apply_filter(self) -> None:
        current = self.current_document()
        flt = self.current_filter()
        visible = None if flt.is_empty else self.ws.find_documents(flt, self._progress)
        documents = self.ws.documents()
        ranks = {d.id: match_rank(flt.text, d.slug, [d.title, self._titles.get(d.id, "")])
                 for d in documents if visible is not None and d.id in visible} if flt.text.strip() else None
        self.tree_model.set_content(self.ws.sections(), documents, self._progress, visible, titles=self._titles,
                                    ranks=ranks)
        shown = len(documents) if visible is None else len(visible)
        self.count.setText(self.tr("{0} of %n document(s)", "", len(documents)).format(shown))
        self.tree.expandToDepth(0 if flt.is_empty else 1)
        if current:
            self.select_document(current, emit=False)

    def set_filter(self, section_key: str = "", locale: str = "", state: str = "") -> None:
        """Show what a dashboard click asked for: documents of a section with cells in a state for a locale."""
        for combo, value in ((self.locale_filter, locale), (self.state_filter, state)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.apply_filter()
        for row in range(self.tree_model.rowCount()):
            section = self.tree_model.index(row, 0)
            expand = not section_key or getattr(section.internalPointer().payload, "key", "") == section_key
            self.tree.setExpanded(section, expand)
            if expand:
                for type_row in range(self.tree_model.rowCount(section)):
                    self.tree.setExpanded(self.tree_model.index(type_row, 0, section), True)

    def current_document(self) -> str | None:
        return self.tree.currentIndex().data(DOCUMENT_ID_ROLE) if self.tree.currentIndex().isValid() else None

    def select_document(self, doc_id: str, emit: bool = True) -> bool:
        index = self.tree_model.document_index(doc_id)
        if not index.isValid():
            return False
        self.tree.blockSignals(not emit)
        self.tree.selectionModel().blockSignals(not emit)
        self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        self.tree.blockSignals(False)
        self.tree.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = current.siblingAtColumn(0).data(DOCUMENT_ID_ROLE)
        if doc_id:
            self.document_chosen.emit(doc_id)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.siblingAtColumn(0).data(DOCUMENT_ID_ROLE)
        if doc_id:
            self.document_activated.emit(doc_id)
        else:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def open_best_match(self) -> None:
        """Enter in the search box: open the document the query names exactly (slug or title), else the first
        one found, and go to its grid."""
        self._debounce.stop()
        self.apply_filter()
        self.tree.expandToDepth(1)
        documents = self._documents(QModelIndex())
        query = self.search.text().strip().casefold()
        exact = [i for i in documents if query in (str(i.data()).casefold(), self._slug(i))]
        found = exact or documents
        if not found:
            return
        best = found[0]
        self.tree.setCurrentIndex(best)
        self.document_activated.emit(best.data(DOCUMENT_ID_ROLE))

    def _slug(self, index: QModelIndex) -> str:
        payload = index.internalPointer().payload
        return str(getattr(payload, "slug", "")).casefold()

    def _documents(self, parent: QModelIndex) -> list[QModelIndex]:
        """The document indexes under `parent`, in tree order."""
        found: list[QModelIndex] = []
        for row in range(self.tree_model.rowCount(parent)):
            index = self.tree_model.index(row, 0, parent)
            found.extend([index] if index.data(DOCUMENT_ID_ROLE) else self._documents(index))
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the search box goes to the results, to pick another one than the best match.
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:
            self.tree.setFocus()
            if not self.tree.currentIndex().isValid():
                documents = self._documents(QModelIndex())
                if documents:
                    self.tree.setCurrentIndex(documents[0])
            return True
        return super().eventFilter(watched, event)

"""The left pane: a search box, filters, and the content tree with each document's progress per locale."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studio.content.queries import DocumentRow, SectionRow
from studio.content.search import DocumentFilter, match_rank
from studio.content.types import content_types
from studio.locales import LOCALES
from studio.states import REJECTED, CellState
from studio.ui.content_tree_model import (
    DOCUMENT_ID_ROLE,
    PROGRESS_COLUMN,
    PROGRESS_ROLE,
    Branch,
    ContentTreeModel,
)
from studio.ui.labels import data_label
from studio.ui.model_index import Index
from studio.ui.pretranslate_dialog import PretranslateScope
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


class WorkspaceDocuments:
    """What the tree reads of the workspace: a type's documents in a section as it is expanded, where a document
    is, and the documents a search found; titles in `locale`."""

    LISTED = 2000
    """Up to this many documents found are read by id; more are read with all the others and kept: naming
    thousands of ids in one query costs as much and meets the databases' limits on parameters."""

    def __init__(self, ws: Workspace, locale: str) -> None:
        self.ws = ws
        self.locale = locale

    def branch(self, section: str, doc_type: str) -> Branch:
        documents = self.ws.documents(section=section, doc_type=doc_type)
        ids = [d.id for d in documents]
        return Branch(documents, self.ws.document_titles(self.locale, ids), self.ws.document_progress(ids))

    def place(self, doc_id: str) -> tuple[str, str] | None:
        rows = self.ws.documents(ids=[doc_id])
        return (rows[0].section, rows[0].type) if rows else None

    def found(self, ids: set[str]) -> Branch:
        listed: set[str] | None = ids if len(ids) <= self.LISTED else None
        documents = [d for d in self.ws.documents(ids=listed) if d.id in ids]
        return Branch(documents, self.ws.document_titles(self.locale, listed), self.ws.document_progress(listed))


class ContentPane(QWidget):
    """Finds documents by text and filters, and shows them under sections and types."""

    document_chosen = Signal(str)
    document_activated = Signal(str)  # Enter or double-click: open it and go to its grid
    pretranslate_requested = Signal(object)  # the context menu's Pre-translate…: a `PretranslateScope`

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
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
        self.source = WorkspaceDocuments(ws, self.tree_model.locale)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        # Ctrl+click and Shift+click select several documents: the context menu pre-translates a selection.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.tree))
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(PROGRESS_COLUMN, 8 * 9 + 8)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        # The view reads an expanded type's documents (fetchMore) when it lays out its rows, which a hidden or
        # not yet laid out view puts off; reading them on `expanded` has them there at once, for the keyboard
        # and for code that expands a type and then looks in it.
        self.tree.expanded.connect(self._fetch)
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
        """Re-read the tree, keeping the filter and the current document; a type's documents are read again when
        it is next expanded."""
        reviews = bool(self.ws.actor and self.ws.actor.review_locales)  # the user may have changed
        self.review_filter.setEnabled(reviews)
        if not reviews:
            self.review_filter.setChecked(False)
        self.apply_filter()

    def refresh_progress(self, doc_id: str) -> None:
        """Re-count one document's cells after an edit, without re-reading the whole workspace."""
        self.tree_model.update_progress(self.ws.document_progress([doc_id]))

    def apply_filter(self) -> None:
        """Show the documents that pass the search and filters: with none, only sections and types with their
        counts, each type's documents read when it is expanded; otherwise the documents found, all expanded."""
        current = self.current_document()
        flt = self.current_filter()
        counts = self.ws.document_counts()
        total = sum(counts.values())
        if flt.is_empty:
            self.tree_model.set_outline(self.ws.sections(), counts, self.source)
            shown = total
        else:
            shown = self._show_found(flt)
        self.count.setText(self.tr("{0} of %n document(s)", "", total).format(shown))
        self.tree.expandToDepth(0 if flt.is_empty else 1)
        if current:
            self.select_document(current, emit=False)

    def _show_found(self, flt: DocumentFilter) -> int:
        """Fill the tree with the documents `flt` finds, best matches first; returns how many."""
        found = self.source.found(self.ws.find_documents(flt))
        ranks = {d.id: match_rank(flt.text, d.slug, [d.title, found.titles.get(d.id, "")])
                 for d in found.documents} if flt.text.strip() else None
        self.tree_model.set_content(self.ws.sections(), found.documents, found.progress, titles=found.titles,
                                    ranks=ranks)
        return len(found.documents)

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
                    self.tree.expand(self.tree_model.index(type_row, 0, section))

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
        documents = self._listed()
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

    def _listed(self) -> list[QModelIndex]:
        """The documents the tree lists, in its order. Without a search the tree reads a type's documents only
        when it is expanded: the first type is expanded here, so that the first document listed is the tree's."""
        for row in range(self.tree_model.rowCount()):
            section = self.tree_model.index(row, 0)
            if self.tree_model.rowCount(section):
                self.tree.expand(self.tree_model.index(0, 0, section))
                break
        return self._documents(QModelIndex())

    def _fetch(self, index: QModelIndex) -> None:
        if self.tree_model.canFetchMore(index):
            self.tree_model.fetchMore(index)

    def _documents(self, parent: QModelIndex) -> list[QModelIndex]:
        """The document indexes under `parent`, in tree order."""
        found: list[QModelIndex] = []
        for row in range(self.tree_model.rowCount(parent)):
            index = self.tree_model.index(row, 0, parent)
            found.extend([index] if index.data(DOCUMENT_ID_ROLE) else self._documents(index))
        return found

    # --- the context menu -----------------------------------------------------------------------------------

    def _context_menu(self, at: QPoint) -> None:
        index = self.tree.indexAt(at)
        scope = self.scope_at(index) if index.isValid() else None
        if scope is None:
            return
        menu = self.context_menu(scope)
        menu.exec(self.tree.viewport().mapToGlobal(at))
        menu.deleteLater()  # made afresh each time: no stale action lingers among the window's

    def context_menu(self, scope: PretranslateScope) -> QMenu:
        """The menu of a tree row standing for `scope` (a document, a type's documents, a section)."""
        menu = QMenu(self.tree)
        action = menu.addAction(self.tr("Pre-translate…"))
        action.triggered.connect(lambda: self.pretranslate_requested.emit(scope))
        return menu

    def scope_at(self, index: QModelIndex) -> PretranslateScope | None:
        """What the context menu at `index` pre-translates: the selected documents when the row is one of several
        selected, else what the row stands for."""
        selected = self.selected_documents()
        here = index.siblingAtColumn(0).data(DOCUMENT_ID_ROLE)
        if len(selected) > 1 and here in selected:
            return PretranslateScope(self.tr("The {0} selected documents").format(len(selected)),
                                     documents=tuple(selected))
        return self.scope_of(index)

    def selected_documents(self) -> list[str]:
        """The ids of the documents selected in the tree, in tree order."""
        rows = sorted(self.tree.selectionModel().selectedRows(0), key=_tree_path)
        return [doc for i in rows if (doc := i.data(DOCUMENT_ID_ROLE))]

    def scope_of(self, index: QModelIndex) -> PretranslateScope | None:
        """What a row of the tree stands for, to pre-translate: its document, the documents of its type in its
        section, or its section."""
        node = index.siblingAtColumn(0).internalPointer()
        payload = getattr(node, "payload", None)
        if isinstance(payload, DocumentRow):
            shown = str(index.siblingAtColumn(0).data() or payload.title)  # its title in the tree's language
            return PretranslateScope(self.tr("This document: {0}").format(shown), documents=(payload.id,))
        if isinstance(payload, SectionRow):
            title = payload.title(self.tree_model.locale)
            return PretranslateScope(self.tr("This section: {0}").format(title), section=payload.key)
        section = getattr(getattr(node, "parent", None), "payload", None)
        if isinstance(payload, str) and isinstance(section, SectionRow):
            # A type's documents as the tree lists them; read now, as the tree does when it is expanded.
            ids = tuple(d.id for d in self.ws.documents(section=section.key, doc_type=payload))
            label = self.tr("The documents of type {0} in {1}").format(
                data_label(content_types()[payload].label) if payload in content_types() else payload,
                section.title(self.tree_model.locale))
            return PretranslateScope(label, documents=ids)
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the search box goes to the results, to pick another one than the best match.
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:
            self.tree.setFocus()
            if not self.tree.currentIndex().isValid():
                documents = self._listed()
                if documents:
                    self.tree.setCurrentIndex(documents[0])
            return True
        return super().eventFilter(watched, event)


def _tree_path(index: QModelIndex) -> list[int]:
    """The rows from the top of the tree down to `index`: sorting by it is the tree's order."""
    path: list[int] = []
    while index.isValid():
        path.insert(0, index.row())
        index = index.parent()
    return path

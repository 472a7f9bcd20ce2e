"""The content tree: sections, then document types, then documents, over plain rows (no queries in data())."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt

from studio.content.queries import DocumentRow, SectionRow
from studio.content.types import content_types
from studio.locales import LOCALE_CODES
from studio.ui.labels import data_label, interface_locale, language_name
from studio.ui.model_index import Index
from studio.ui.state_words import state_names

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # {locale: {state: count}} of a document, in portal order
PROGRESS_COLUMN = 1

DocumentProgress = Mapping[str, Mapping[str, int]]


def in_portal_order(counts: DocumentProgress) -> DocumentProgress:
    """A document's counts with its locales in the portal's order (en, ko, ja, de, fr, es, ru, ar), as a
    read-only mapping: a plain dict returned by data() becomes a QVariantMap, which sorts its keys (ar, de, en…)
    and so drew the progress bars in another order than the tooltip, the grid and the dashboard."""
    return MappingProxyType({loc: counts[loc] for loc in LOCALE_CODES if loc in counts})


@dataclass(eq=False)
class _Node:
    """A tree node; `payload` is the frozen row it shows. Nodes are identity-compared, as Qt expects."""

    kind: str  # "section", "type" or "document"
    label: str
    parent: _Node | None
    payload: object = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0


class ContentTreeModel(QAbstractItemModel):
    """Sections in portal order; under each, the content types that have documents; under those, documents
    with their title in the source language."""

    def __init__(self, locale: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locale = locale or interface_locale()
        self._root = _Node("root", "", None)
        self._progress: dict[str, DocumentProgress] = {}

    @property
    def locale(self) -> str:
        """The locale of the titles shown (the interface's)."""
        return self._locale

    def set_content(self, sections: Sequence[SectionRow], documents: Sequence[DocumentRow],
                    progress: Mapping[str, Mapping[str, Mapping[str, int]]] | None = None,
                    visible: set[str] | None = None, *, titles: Mapping[str, str] | None = None,
                    ranks: Mapping[str, int] | None = None) -> None:
        """Show `documents` (only the `visible` ids, when given) under their sections and types;
        `progress` gives each document's cells per locale and state, for the progress column; `titles` their
        titles in this model's locale where they have one (else the source title is shown).

        With `ranks` (search results: document id -> rank, lower is better) the best matches come first: in
        their type, their type in its section and their section in the tree, so an exact match is at the top."""
        self._progress = {doc_id: in_portal_order(counts) for doc_id, counts in (progress or {}).items()}
        titles = titles or {}
        if visible is not None:
            documents = [d for d in documents if d.id in visible]
        if ranks is not None:
            documents = sorted(documents, key=lambda d: ranks.get(d.id, 0))  # stable: tree order among equals
        self.beginResetModel()
        self._root = _Node("root", "", None)
        labels = {name: data_label(t.label) for name, t in content_types().items()}
        by_section: dict[str, dict[str, list[DocumentRow]]] = {s.key: {} for s in sections}
        for doc in documents:
            by_section.setdefault(doc.section, {}).setdefault(doc.type, []).append(doc)

        def best(docs: Sequence[DocumentRow]) -> float:
            # A section with no result goes after those with results.
            return min((ranks.get(d.id, 0) for d in docs), default=math.inf) if ranks is not None else 0

        ordered = sorted(sections, key=lambda s: best([d for ds in by_section[s.key].values() for d in ds]))
        for s in ordered:
            node = self._add(self._root, "section", s.title(self._locale), s)
            for type_name in sorted(by_section[s.key],
                                    key=lambda t: (best(by_section[s.key][t]), labels.get(t, t))):
                docs = by_section[s.key][type_name]
                type_node = self._add(node, "type", f"{labels.get(type_name, type_name)} ({len(docs)})", type_name)
                for doc in docs:
                    self._add(type_node, "document", titles.get(doc.id) or doc.title, doc)
        self.endResetModel()

    @staticmethod
    def _add(parent: _Node, kind: str, label: str, payload: object) -> _Node:
        node = _Node(kind, label, parent, payload, row=len(parent.children))
        parent.children.append(node)
        return node

    def _node(self, index: Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def update_progress(self, progress: Mapping[str, Mapping[str, Mapping[str, int]]]) -> None:
        """New counts for some documents (after an edit), repainting only their progress cells."""
        self._progress.update({doc_id: in_portal_order(counts) for doc_id, counts in progress.items()})
        for doc_id in progress:
            index = self.document_index(doc_id)
            if index.isValid():
                cell = index.siblingAtColumn(PROGRESS_COLUMN)
                self.dataChanged.emit(cell, cell, [PROGRESS_ROLE, Qt.ItemDataRole.ToolTipRole])

    def document_index(self, doc_id: str) -> QModelIndex:
        """The tree index of a document, or an invalid index when it is not shown."""
        for s_node in self._root.children:
            for t_node in s_node.children:
                for d_node in t_node.children:
                    if isinstance(d_node.payload, DocumentRow) and d_node.payload.id == doc_id:
                        return self.createIndex(d_node.row, 0, d_node)
        return QModelIndex()

    # QtCore.pyi gives QAbstractItemModel.parent two overloads, QObject's parent() and the model's parent(child);
    # a Python override can only be the model's, so mypy sees the QObject one go missing.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        if index.column() == PROGRESS_COLUMN:
            if not isinstance(node.payload, DocumentRow):
                return None
            counts = self._progress.get(node.payload.id)
            if role == PROGRESS_ROLE:
                return counts
            if role == Qt.ItemDataRole.ToolTipRole and counts:
                words = state_names()
                return "\n".join(f"{language_name(loc)}: " + ", ".join(f"{n} {words[state]}"
                                                                       for state, n in states.items() if n)
                                  for loc, states in counts.items())
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(node.payload, DocumentRow):
            doc = node.payload
            about = f"{doc.slug} · {doc.source_locale} · " + self.tr("%n segment(s)", "", doc.segments)
            return about if node.label == doc.title else f"{doc.title}\n{about}"  # the source title too
        if role == DOCUMENT_ID_ROLE and isinstance(node.payload, DocumentRow):
            return node.payload.id
        if role == KIND_ROLE:
            return node.kind
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Content") if section == 0 else self.tr("Progress")
        return None

"""The content tree: sections, then document types, then documents, over plain rows (no queries in data())."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

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


@dataclass(frozen=True)
class Branch:
    """Documents as the tree shows them: their rows, titles in the tree's locale where they have one (else the
    source title is shown), and progress (document id -> locale -> state -> cells)."""

    documents: Sequence[DocumentRow]
    titles: Mapping[str, str] = field(default_factory=dict)
    progress: Mapping[str, Mapping[str, Mapping[str, int]]] = field(default_factory=dict)


class DocumentSource(Protocol):
    """Where a lazily filled tree reads its documents: those of one type in one section when that type is
    expanded, and the place of one document, to show it by id."""

    def branch(self, section: str, doc_type: str) -> Branch: ...

    def place(self, doc_id: str) -> tuple[str, str] | None:
        """(section key, type) of a live document, or None."""
        ...


@dataclass(eq=False)
class _Node:
    """A tree node; `payload` is the frozen row it shows. Nodes are identity-compared, as Qt expects."""

    kind: str  # "section", "type" or "document"
    label: str
    parent: _Node | None
    payload: object = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0
    loaded: bool = True  # False for a type whose documents are not read yet


def _type_labels() -> dict[str, str]:
    return {name: data_label(t.label) for name, t in content_types().items()}


def _type_label(type_name: str, count: int, labels: Mapping[str, str]) -> str:
    return f"{labels.get(type_name, type_name)} ({count})"


class ContentTreeModel(QAbstractItemModel):
    """Sections in portal order; under each, the content types that have documents; under those, documents
    with their title in the interface's language where they have one, else in the source language.

    Filled either whole (`set_content`: search results) or lazily (`set_outline`: sections and types with their
    counts, each type's documents read when it is expanded, through Qt's canFetchMore/fetchMore), so that a
    workspace of thousands of documents opens without reading them all."""

    def __init__(self, locale: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locale = locale or interface_locale()
        self._root = _Node("root", "", None)
        self._progress: dict[str, DocumentProgress] = {}
        self._documents: dict[str, _Node] = {}
        self._source: DocumentSource | None = None

    @property
    def locale(self) -> str:
        """The locale of the titles shown (the interface's)."""
        return self._locale

    def set_outline(self, sections: Sequence[SectionRow], counts: Mapping[tuple[str, str], int],
                    source: DocumentSource) -> None:
        """Show the sections and under each the types that have documents, with `counts` ((section key, type)
        -> documents); a type's documents are read from `source` when it is expanded or one of them is
        looked up (`document_index`)."""
        labels = _type_labels()
        self.beginResetModel()
        self._clear(source)
        for s in sections:
            node = self._add(self._root, "section", s.title(self._locale), s)
            for type_name in sorted((t for key, t in counts if key == s.key), key=lambda t: labels.get(t, t)):
                self._add_type(node, type_name, counts[s.key, type_name], labels).loaded = False
        self.endResetModel()

    def set_content(self, sections: Sequence[SectionRow], documents: Sequence[DocumentRow],
                    progress: Mapping[str, Mapping[str, Mapping[str, int]]] | None = None,
                    visible: set[str] | None = None, *, titles: Mapping[str, str] | None = None,
                    ranks: Mapping[str, int] | None = None) -> None:
        """Show `documents` (only the `visible` ids, when given) under their sections and types;
        `progress` gives each document's cells per locale and state, for the progress column; `titles` their
        titles in this model's locale where they have one (else the source title is shown).

        With `ranks` (search results: document id -> rank, lower is better) the best matches come first: in
        their type, their type in its section and their section in the tree, so an exact match is at the top."""
        if visible is not None:
            documents = [d for d in documents if d.id in visible]
        if ranks is not None:
            documents = sorted(documents, key=lambda d: ranks.get(d.id, 0))  # stable: tree order among equals
        labels = _type_labels()
        by_section: dict[str, dict[str, list[DocumentRow]]] = {s.key: {} for s in sections}
        for doc in documents:
            by_section.setdefault(doc.section, {}).setdefault(doc.type, []).append(doc)

        def best(docs: Sequence[DocumentRow]) -> float:
            # A section with no result goes after those with results.
            return min((ranks.get(d.id, 0) for d in docs), default=math.inf) if ranks is not None else 0

        ordered = sorted(sections, key=lambda s: best([d for ds in by_section[s.key].values() for d in ds]))
        self.beginResetModel()
        self._clear(None)
        for s in ordered:
            node = self._add(self._root, "section", s.title(self._locale), s)
            for type_name in sorted(by_section[s.key],
                                    key=lambda t: (best(by_section[s.key][t]), labels.get(t, t))):
                docs = by_section[s.key][type_name]
                type_node = self._add_type(node, type_name, len(docs), labels)
                self._add_documents(type_node, Branch(docs, titles or {}, progress or {}))
        self.endResetModel()

    def _clear(self, source: DocumentSource | None) -> None:
        self._root = _Node("root", "", None)
        self._progress = {}
        self._documents = {}
        self._source = source

    @staticmethod
    def _add(parent: _Node, kind: str, label: str, payload: object) -> _Node:
        node = _Node(kind, label, parent, payload, row=len(parent.children))
        parent.children.append(node)
        return node

    @classmethod
    def _add_type(cls, section: _Node, type_name: str, count: int, labels: Mapping[str, str]) -> _Node:
        return cls._add(section, "type", _type_label(type_name, count, labels), type_name)

    def _add_documents(self, type_node: _Node, branch: Branch) -> None:
        for doc in branch.documents:
            self._documents[doc.id] = self._add(type_node, "document", branch.titles.get(doc.id) or doc.title, doc)
            if doc.id in branch.progress:
                self._progress[doc.id] = in_portal_order(branch.progress[doc.id])

    def canFetchMore(self, parent: Index) -> bool:
        return parent.isValid() and not self._node(parent).loaded

    def fetchMore(self, parent: Index) -> None:
        """Read the documents of the type `parent` (called by the view as it is expanded)."""
        node = self._node(parent)
        if node.loaded or self._source is None:
            return
        section = node.parent.payload if node.parent is not None else None
        assert isinstance(section, SectionRow) and isinstance(node.payload, str)
        branch = self._source.branch(section.key, node.payload)
        node.loaded = True  # first: a view answering the insertion must not ask for them again
        first = self.createIndex(node.row, 0, node)
        if branch.documents:
            self.beginInsertRows(first, 0, len(branch.documents) - 1)
            self._add_documents(node, branch)
            self.endInsertRows()
        self._recount(node, first)

    def _recount(self, type_node: _Node, index: QModelIndex) -> None:
        # The count shown came from the outline; someone may have added or deleted documents since.
        label = _type_label(str(type_node.payload), len(type_node.children), _type_labels())
        if label != type_node.label:
            type_node.label = label
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.column() > 0:
            return False
        node = self._node(parent)
        return bool(node.children) or not node.loaded  # an unread type has documents: it has a count

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
        """New counts for some documents (after an edit), repainting only their progress cells; documents the
        tree has not read yet are left out (their counts are read with them)."""
        for doc_id, counts in progress.items():
            node = self._documents.get(doc_id)
            if node is None:
                continue
            self._progress[doc_id] = in_portal_order(counts)
            cell = self.createIndex(node.row, PROGRESS_COLUMN, node)
            self.dataChanged.emit(cell, cell, [PROGRESS_ROLE, Qt.ItemDataRole.ToolTipRole])

    def document_index(self, doc_id: str) -> QModelIndex:
        """The tree index of a document, reading its type's documents first if the tree has not yet; an invalid
        index when the tree does not show it."""
        node = self._documents.get(doc_id) or self._fetch_branch_of(doc_id)
        return self.createIndex(node.row, 0, node) if node is not None else QModelIndex()

    def _fetch_branch_of(self, doc_id: str) -> _Node | None:
        place = self._source.place(doc_id) if self._source is not None else None
        type_node = self._type_node(*place) if place is not None else None
        if type_node is None or type_node.loaded:
            return None
        self.fetchMore(self.createIndex(type_node.row, 0, type_node))
        return self._documents.get(doc_id)

    def _type_node(self, section_key: str, type_name: str) -> _Node | None:
        return next((t for s in self._root.children if getattr(s.payload, "key", None) == section_key
                     for t in s.children if t.payload == type_name), None)

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

"""The index Qt hands to an item model or a delegate: a plain or a persistent model index."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


def plain_index(index: Index) -> QModelIndex:
    """`index` as a plain QModelIndex, for signals and calls typed with one (Qt's C++ converts implicitly)."""
    return index if isinstance(index, QModelIndex) else index.sibling(index.row(), index.column())

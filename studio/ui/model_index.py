"""The index Qt hands to an item model or a delegate: a plain or a persistent model index."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex

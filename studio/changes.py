"""What an operation changed, so views refresh exactly that and nothing more (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass

CellKey = tuple[int, str]
"""A translation cell: (segment id, locale)."""


@dataclass(frozen=True)
class Changes:
    """Returned by every write. Empty sets mean "nothing of that kind changed".

    `documents` were added, deleted or restored, or their source changed: a view showing one reads it again.
    `cells` are translations written; `translated` the documents they belong to, whose progress changed."""

    documents: frozenset[str] = frozenset()
    cells: frozenset[CellKey] = frozenset()
    translated: frozenset[str] = frozenset()
    users: bool = False
    sections: bool = False
    glossary: bool = False  # terms were added, edited or deleted: highlights and term lists are read again
    summary: str = ""


"""What an operation changed, so views refresh exactly that and nothing more."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """Returned by every write. Empty sets mean "nothing of that kind changed"."""

    documents: frozenset[str] = frozenset()
    cells: frozenset[int] = frozenset()
    users: bool = False
    sections: bool = False
    summary: str = ""

"""The states of a translation cell, the events of its history and the origins of its text (docs/architecture.md).

Below both `studio.content` and `studio.workflow`, which read and write them; imports nothing from Studio."""

from __future__ import annotations

import re
from enum import StrEnum


class CellState(StrEnum):
    """A cell's state, in workflow order; the values are the strings stored in the database and in JSON.

    `missing` is mostly the absence of a cell; a cell whose first translation was taken back (undo) is kept in
    state `missing` with an empty text, so its history, comments and version survive."""

    MISSING = "missing"
    DRAFT = "draft"
    TRANSLATED = "translated"
    APPROVED = "approved"
    OUTDATED = "outdated"


IMPORTABLE_STATES = (CellState.DRAFT, CellState.TRANSLATED, CellState.APPROVED)

# What happened to a cell in one revision (recorded with its author): the history says "rejected by Wang Fang",
# not "typed · draft". The names are stored; the words shown are the interface's.
TYPED, DRAFTED, CONFIRMED, APPROVED_EVENT, REJECTED = "typed", "drafted", "confirmed", "approved", "rejected"
SOURCE_CHANGED, IMPORTED, REPLACED, RESTORED, WITHDRAWN, CLEARED = (
    "source_changed", "imported", "replaced", "restored", "withdrawn", "cleared")
EVENTS = (TYPED, DRAFTED, CONFIRMED, APPROVED_EVENT, REJECTED, SOURCE_CHANGED, IMPORTED, REPLACED, RESTORED,
          WITHDRAWN, CLEARED)
"""`typed` a human's draft; `drafted` a draft from elsewhere (machine, memory, the source copied); `confirmed` an
editor's confirmation; `approved`/`rejected` a reviewer's verdict; `source_changed` the source was rewritten
(nobody touched the text); `imported`; `replaced` by a find-and-replace; `restored` by undo or redo;
`withdrawn` a first translation taken back by undo; `cleared` an emptied cell, back to missing."""

_ORIGIN = re.compile(r"human|propagated|mt:[a-z0-9_-]+(?::pivot-en)?|tm:\d{1,3}|import:[a-z0-9_-]+")


PSEUDO_OPEN, PSEUDO_CLOSE = "[!! ", " !!]"
"""The brackets of a pseudo-localised text (`mt:pseudo`, for checking layouts): such a text is never confirmed,
so never approved nor published (`workflow.cells.translation_problems`)."""


def is_valid_origin(origin: str) -> bool:
    """`human`, `mt:<engine>`, `tm:<score>`, `import:<format>` or `propagated`."""
    return bool(_ORIGIN.fullmatch(origin))

"""The states of a translation cell and the origins of its text (DESIGN.md §4)."""

from __future__ import annotations

import re

MISSING, DRAFT, TRANSLATED, APPROVED, OUTDATED = "missing", "draft", "translated", "approved", "outdated"
STATES = (MISSING, DRAFT, TRANSLATED, APPROVED, OUTDATED)
"""All states in workflow order; `missing` is the absence of a cell, or a cell whose text was taken back."""

IMPORTABLE_STATES = (DRAFT, TRANSLATED, APPROVED)

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

_ORIGIN = re.compile(r"human|propagated|mt:[a-z0-9_-]+|tm:\d{1,3}|import:[a-z0-9_-]+")


def is_valid_origin(origin: str) -> bool:
    """`human`, `mt:<engine>`, `tm:<score>`, `import:<format>` or `propagated`."""
    return bool(_ORIGIN.fullmatch(origin))

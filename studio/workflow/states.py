"""The states of a translation cell and the origins of its text (DESIGN.md §4)."""

from __future__ import annotations

import re

MISSING, DRAFT, TRANSLATED, APPROVED, OUTDATED = "missing", "draft", "translated", "approved", "outdated"
STATES = (MISSING, DRAFT, TRANSLATED, APPROVED, OUTDATED)
"""All states in workflow order; `missing` is the absence of a cell, or a cell whose text was taken back."""

IMPORTABLE_STATES = (DRAFT, TRANSLATED, APPROVED)

_ORIGIN = re.compile(r"^(human|propagated|mt:[a-z0-9_-]+|tm:\d{1,3}|import:[a-z0-9_-]+)$")


def is_valid_origin(origin: str) -> bool:
    """`human`, `mt:<engine>`, `tm:<score>`, `import:<format>` or `propagated`."""
    return bool(_ORIGIN.match(origin))

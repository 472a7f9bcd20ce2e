"""The portal's canonical JSON and content hashes (the contract's "Content hashes"), computed exactly as it does.

A content hash is `sha256:` + the hex SHA-256 of the canonical JSON of a body: UTF-8, keys sorted, no whitespace,
non-ASCII characters as themselves, no NaN. The bytes sent are these same bytes, so the hash Studio stores is the
hash the portal computes of what it received.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> bytes:
    """The canonical bytes of `value`; ValueError for what the portal could not hash (NaN, lone surrogates)."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"not representable as canonical JSON: {exc}") from None


def content_hash(value: Any) -> str:
    """`sha256:<hex>` of the canonical JSON of `value`."""
    return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()

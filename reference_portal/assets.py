"""Content-addressed assets (images, PDFs): stored under the SHA-256 of their bytes, so a PUT is idempotent.

The server recomputes the hash and refuses bytes that do not match the name they were sent under (422), so an
upload cut short or corrupted on the way can never be stored as the real file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from reference_portal.canonical import now_rfc3339
from reference_portal.problems import Problem
from reference_portal.storage import Database

MAX_ASSET_BYTES = 25 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*")


@dataclass(frozen=True)
class Asset:
    """One stored asset."""

    sha256: str
    media_type: str
    data: bytes


def media_type_of(content_type: str | None) -> str:
    """The media type to store and serve for a Content-Type header (parameters dropped; octet-stream if none)."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    return media_type if _MEDIA_TYPE.fullmatch(media_type) else "application/octet-stream"


def put(db: Database, sha256: str, media_type: str, data: bytes) -> bool:
    """Store `data` under `sha256` if it is its hash (422 otherwise); True if it was new, False if already held."""
    actual = hashlib.sha256(data).hexdigest()
    if not _SHA256.fullmatch(sha256) or actual != sha256:
        raise Problem(422, "hash-mismatch", "the SHA-256 of the body is not the one in the path",
                      expected=sha256, actual=actual)
    with db.write() as conn:
        held = conn.execute("SELECT 1 FROM assets WHERE sha256 = ?", (sha256,)).fetchone()
        if held is None:
            conn.execute("INSERT INTO assets (sha256, media_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)",
                         (sha256, media_type, len(data), data, now_rfc3339()))
    return held is None


def get(db: Database, sha256: str) -> Asset:
    """The asset stored under `sha256`; 404 if there is none."""
    with db.read() as conn:
        row = conn.execute("SELECT media_type, data FROM assets WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise Problem(404, "not-found", "no asset has this SHA-256", sha256=sha256)
    return Asset(sha256, row["media_type"], bytes(row["data"]))

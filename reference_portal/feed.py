"""The change feed: every staged write, deletion and released item, in the order they were committed.

Entries are appended inside the transaction of the change they record, so the feed never shows a change that
was rolled back nor misses one that was committed. A cursor is opaque to clients (the base64url of the last
sequence number seen); an empty cursor starts from the beginning.
"""

from __future__ import annotations

import base64
import binascii
import sqlite3
from typing import Any

from reference_portal.canonical import now_rfc3339
from reference_portal.problems import Problem

MAX_LIMIT = 1000
KINDS = ("document", "variant", "deletion", "release")


def append(conn: sqlite3.Connection, kind: str, document_id: str, locale: str | None, *, version: int | None = None,
           etag: str | None = None, content_hash: str | None = None, release_id: str | None = None,
           at: str | None = None) -> None:
    """Record one change in the transaction of `conn`."""
    assert kind in KINDS
    conn.execute("INSERT INTO changes (kind, document_id, locale, version, etag, content_hash, release_id, at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (kind, document_id, locale, version, etag, content_hash, release_id, at or now_rfc3339()))


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"seq:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The last sequence number a cursor has seen (0 for none); 400 for a cursor the portal never gave."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        prefix, _, number = text.partition(":")
        if prefix != "seq" or not number.isdigit():
            raise ValueError(text)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Problem(400, "invalid-cursor", "this cursor was not given by the change feed") from None


def read(conn: sqlite3.Connection, cursor: str | None, limit: int) -> dict[str, Any]:
    """A page of the feed after `cursor`: its changes, the cursor to continue from, and whether more wait."""
    after = decode_cursor(cursor)
    rows = conn.execute("SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit + 1)).fetchall()
    page = rows[:limit]
    changes = [{"seq": r["seq"], "kind": r["kind"], "document_id": r["document_id"], "locale": r["locale"],
                "version": r["version"], "etag": r["etag"], "content_hash": r["content_hash"],
                "release_id": r["release_id"], "at": r["at"]} for r in page]
    last = page[-1]["seq"] if page else after
    return {"changes": changes, "next_cursor": encode_cursor(last), "has_more": len(rows) > limit}

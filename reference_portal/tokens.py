"""Making and looking up bearer tokens, without the web framework (the `token` command stays quick to start).

Only the SHA-256 of a token is stored, so the database never holds a usable secret.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from collections.abc import Iterable

from reference_portal.canonical import now_rfc3339
from reference_portal.storage import Database

SCOPES = ("content:read", "content:write", "release:create")
TOKEN_PREFIX = "rpt_"


def digest(token: str) -> str:
    """What is stored of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(db: Database, scopes: Iterable[str], *, name: str, expires_in: float | None = None) -> str:
    """A new random token for client `name` with `scopes`, valid for `expires_in` seconds (forever if None).

    `expires_in=0` makes a token that is already expired, which tests of the 401 answer need.
    """
    wanted = sorted(set(scopes))
    if unknown := [s for s in wanted if s not in SCOPES]:
        raise ValueError(f"unknown scope {unknown[0]!r}; scopes are {', '.join(SCOPES)}")
    if not wanted:
        raise ValueError("a token needs at least one scope")
    if not name.strip():
        raise ValueError("a token needs a client name")
    if expires_in is not None and expires_in < 0:
        raise ValueError("--expires-in must be zero or more seconds")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = None if expires_in is None else time.time() + expires_in
    with db.write() as conn:
        conn.execute("INSERT INTO tokens (hash, name, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                     (digest(token), name, " ".join(wanted), now_rfc3339(), expires_at))
    return token


def lookup(db: Database, token: str) -> sqlite3.Row | None:
    """The stored row (name, scopes, expires_at) of a token, or None if it was never made."""
    with db.read() as conn:
        row: sqlite3.Row | None = conn.execute("SELECT name, scopes, expires_at FROM tokens WHERE hash = ?",
                                               (digest(token),)).fetchone()
    return row

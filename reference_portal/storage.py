"""The portal's own SQLite database: its schema, connections and transactions.

One file (`portal.db`) in the data directory, in WAL mode so the pages and reads never wait for a writer. Every
write is one `BEGIN IMMEDIATE` transaction: it takes SQLite's write lock as it starts, so two writers never
both read a state and then both change it (a stale write is refused, not lost), and a release is applied whole
or not at all. A connection is opened per operation: the server answers from a thread pool and a
`sqlite3.Connection` must not be shared between threads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import platformdirs

DATABASE_NAME = "portal.db"
BUSY_TIMEOUT_SECONDS = 30.0  # how long a writer waits for another's lock before the client is told 503

_SCHEMA = (
    # A token is stored as the SHA-256 of its text only: the database never holds a usable secret.
    """CREATE TABLE IF NOT EXISTS tokens (
        hash TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at REAL
    )""",
    """CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        deleted_at TEXT
    )""",
    # One row per document core (locale '') and per locale variant: what is staged and what is live.
    """CREATE TABLE IF NOT EXISTS entries (
        document_id TEXT NOT NULL REFERENCES documents(id),
        locale TEXT NOT NULL,
        staged_version INTEGER NOT NULL,
        staged_etag TEXT NOT NULL,
        staged_hash TEXT NOT NULL,
        staged_content TEXT NOT NULL,
        live_version INTEGER,
        live_hash TEXT,
        live_content TEXT,
        live_release_id TEXT,
        live_published_at TEXT,
        PRIMARY KEY (document_id, locale)
    )""",
    """CREATE TABLE IF NOT EXISTS assets (
        sha256 TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS releases (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        published_at TEXT NOT NULL,
        item_count INTEGER NOT NULL,
        client TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
    # The answer to a release request, kept with its key so a repeated request is replayed byte for byte.
    """CREATE TABLE IF NOT EXISTS idempotency (
        client TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        location TEXT,
        body BLOB NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (client, key)
    )""",
    """CREATE TABLE IF NOT EXISTS changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        document_id TEXT NOT NULL,
        locale TEXT,
        version INTEGER,
        etag TEXT,
        content_hash TEXT,
        release_id TEXT,
        at TEXT NOT NULL
    )""",
)


def default_data_dir() -> Path:
    """The per-user data folder of the portal (e.g. ~/.local/share/studio-reference-portal)."""
    return platformdirs.user_data_path("studio-reference-portal", appauthor=False)


class Database:
    """The portal's SQLite file; `read()` and `write()` open a connection and a transaction for one operation."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = data_dir / DATABASE_NAME
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        with self.write() as conn:
            for statement in _SCHEMA:
                conn.execute(statement)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: Python begins no transaction of its own; read() and write() begin them.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")  # a release acknowledged is a release kept
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute(begin)
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction holding SQLite's write lock from its start; rolled back on any exception."""
        return self._transaction("BEGIN IMMEDIATE")

    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction: one consistent snapshot for every query in it."""
        return self._transaction("BEGIN")


"""Staging documents and their locale variants, reading their state, and deleting them.

A document has a language-neutral core (stored with locale '') and a variant per locale. A write only stages:
it changes the `staged_*` columns, never what is live, which only a release moves. Each write is one
transaction that reads the current state, checks the client's precondition against it, and writes, so two
writers racing on one ETag cannot both win. A write whose content hash equals the staged one changes nothing
(no new version, no feed entry), which makes a retried write harmless.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from reference_portal import feed, preconditions
from reference_portal.canonical import content_hash, now_rfc3339
from reference_portal.problems import Problem
from reference_portal.storage import Database

CORE = ""  # the `locale` column of a document's core; the API says null
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Staged:
    """The outcome of a staging write: whether it created the resource, and the staged state after it."""

    created: bool
    version: int
    etag: str
    content_hash: str


def make_etag(document_id: str, locale: str, version: int, digest: str) -> str:
    """The strong entity tag of one staged state: opaque, and the same for the same state."""
    return hashlib.sha256(f"{document_id}\n{locale}\n{version}\n{digest}".encode()).hexdigest()[:32]


def staged_state(entry: sqlite3.Row, *, with_content: bool = True) -> dict[str, Any]:
    """What is staged in an `entries` row, as the API shows it (and as a 412 carries it in `current`)."""
    state: dict[str, Any] = {"version": entry["staged_version"], "etag": entry["staged_etag"],
                             "content_hash": entry["staged_hash"]}
    if with_content:
        state["content"] = json.loads(entry["staged_content"])
    return state


def live_state(entry: sqlite3.Row) -> dict[str, Any] | None:
    """What is live of an `entries` row, or None if no release has published it."""
    if entry["live_version"] is None:
        return None
    return {"version": entry["live_version"], "content_hash": entry["live_hash"],
            "release_id": entry["live_release_id"], "published_at": entry["live_published_at"]}


def gone(document_id: str, deleted_at: str) -> Problem:
    """The 410 of a document a portal editor deleted: it stays deleted, and its id is not reused."""
    return Problem(410, "document-deleted", "this document was deleted on the portal", document_id=document_id,
                   deleted_at=deleted_at)


def _not_found(document_id: str, locale: str) -> Problem:
    if locale == CORE:
        return Problem(404, "not-found", "no document has this id", document_id=document_id)
    return Problem(404, "not-found", f"the document has no {locale} variant", document_id=document_id,
                   locale=locale)


def _document(conn: sqlite3.Connection, document_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()


def _entry(conn: sqlite3.Connection, document_id: str, locale: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM entries WHERE document_id = ? AND locale = ?",
                        (document_id, locale)).fetchone()


def stage(db: Database, document_id: str, locale: str | None, body: dict[str, Any],
          conds: preconditions.Conditions) -> Staged:
    """Stage the core (`locale` None) or a variant of a document, if the client's precondition holds."""
    key = CORE if locale is None else locale
    digest = content_hash(body)
    with db.write() as conn:
        document = _document(conn, document_id)
        if document is not None and document["deleted_at"] is not None:
            raise gone(document_id, document["deleted_at"])
        if locale is not None and document is None:
            raise Problem(404, "not-found", "stage the document's core before its variants",
                          document_id=document_id)
        entry = _entry(conn, document_id, key)
        preconditions.require(conds, None if entry is None else staged_state(entry))
        if entry is not None and entry["staged_hash"] == digest:
            return Staged(False, entry["staged_version"], entry["staged_etag"], digest)
        version = 1 if entry is None else entry["staged_version"] + 1
        etag = make_etag(document_id, key, version, digest)
        if document is None:
            conn.execute("INSERT INTO documents (id, created_at) VALUES (?, ?)", (document_id, now_rfc3339()))
        conn.execute(
            "INSERT INTO entries (document_id, locale, staged_version, staged_etag, staged_hash, staged_content) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, locale) DO UPDATE SET "
            "staged_version = excluded.staged_version, staged_etag = excluded.staged_etag, "
            "staged_hash = excluded.staged_hash, staged_content = excluded.staged_content",
            (document_id, key, version, etag, digest, json.dumps(body, ensure_ascii=False)))
        feed.append(conn, "document" if locale is None else "variant", document_id, locale, version=version,
                    etag=etag, content_hash=digest)
    return Staged(entry is None, version, etag, digest)


def state(db: Database, document_id: str, locale: str | None) -> dict[str, Any]:
    """The staged and live state of a document's core or variant: 404 if absent, 410 if deleted."""
    key = CORE if locale is None else locale
    with db.read() as conn:
        document = _document(conn, document_id)
        if document is None:
            raise _not_found(document_id, CORE)
        if document["deleted_at"] is not None:
            raise gone(document_id, document["deleted_at"])
        entry = _entry(conn, document_id, key)
        if entry is None:
            raise _not_found(document_id, key)
    head: dict[str, Any] = {"id": document_id} if locale is None else {"id": document_id, "lang": locale}
    return {**head, "staged": staged_state(entry), "live": live_state(entry)}


def delete(db: Database, document_id: str, conds: preconditions.Conditions) -> None:
    """Take a document and all its variants offline for good, as a portal editor does, if If-Match holds."""
    with db.write() as conn:
        document = _document(conn, document_id)
        if document is None:
            raise _not_found(document_id, CORE)
        if document["deleted_at"] is not None:
            raise gone(document_id, document["deleted_at"])
        core = _entry(conn, document_id, CORE)
        preconditions.require(conds, None if core is None else staged_state(core))
        at = now_rfc3339()
        conn.execute("UPDATE documents SET deleted_at = ? WHERE id = ?", (at, document_id))
        feed.append(conn, "deletion", document_id, None, at=at)


def listing(db: Database, limit: int, after: str | None) -> dict[str, Any]:
    """A page of every document by id (deleted ones too, marked), with the state of its core and variants."""
    with db.read() as conn:
        documents = conn.execute("SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                                 (after or "", limit + 1)).fetchall()
        page = documents[:limit]
        ids = [d["id"] for d in page]
        entries: dict[str, list[sqlite3.Row]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(f"SELECT * FROM entries WHERE document_id IN ({marks}) ORDER BY locale", chunk):
                entries[row["document_id"]].append(row)
    items = []
    for document in page:
        item: dict[str, Any] = {"id": document["id"], "deleted_at": document["deleted_at"], "staged": None,
                                "live": None, "locales": {}}
        for entry in entries[document["id"]]:
            both = {"staged": staged_state(entry, with_content=False), "live": live_state(entry)}
            if entry["locale"] == CORE:
                item.update(both)
            else:
                item["locales"][entry["locale"]] = both
        items.append(item)
    return {"documents": items, "next_after": ids[-1] if ids and len(documents) > limit else None,
            "has_more": len(documents) > limit}


@dataclass(frozen=True)
class LiveDocument:
    """A document as the public sees it in one locale: its live core and live variant."""

    id: str
    core: dict[str, Any]
    variant: dict[str, Any]
    published_at: str


_LIVE = (
    "SELECT c.document_id AS id, c.live_content AS core, v.live_content AS variant, "
    "MAX(c.live_published_at, v.live_published_at) AS published_at "
    "FROM entries c JOIN entries v ON v.document_id = c.document_id AND v.locale = ? "
    "JOIN documents d ON d.id = c.document_id "
    "WHERE c.locale = '' AND c.live_version IS NOT NULL AND v.live_version IS NOT NULL AND d.deleted_at IS NULL"
)


def _live(rows: list[sqlite3.Row]) -> list[LiveDocument]:
    return [LiveDocument(r["id"], json.loads(r["core"]), json.loads(r["variant"]), r["published_at"]) for r in rows]


def live_documents(db: Database, locale: str) -> list[LiveDocument]:
    """Every document live in `locale` (core and variant both live, not deleted)."""
    with db.read() as conn:
        return _live(conn.execute(_LIVE, (locale,)).fetchall())


def live_document(db: Database, locale: str, slug: str, section: str | None = None) -> LiveDocument | None:
    """The live document with `slug` (in `section`, if given) in `locale`; the newest if several share it."""
    query = _LIVE + " AND json_extract(c.live_content, '$.slug') = ?"
    args: list[Any] = [locale, slug]
    if section is not None:
        query += " AND json_extract(c.live_content, '$.section') = ?"
        args.append(section)
    with db.read() as conn:
        found = _live(conn.execute(query + " ORDER BY published_at DESC LIMIT 1", args).fetchall())
    return found[0] if found else None

"""Releases: a manifest of staged versions made live all together, or not at all, once per idempotency key.

`publish` runs in ONE write transaction: it looks the key up, checks the body, checks every item against what
is staged, and only if all agree moves every item's staged content to live, appends the feed entries, stores
the release and stores the answer under the key. So a crash or a refusal leaves nothing half published, and a
request repeated with the same key (after a lost answer) finds the stored answer and is replayed, never
applied twice. Two requests with the same key at once are serialised by SQLite's write lock: the second waits
for the first and then gets its answer replayed.

Only a successful release (201) is stored under its key. A refused one (409, 422) published nothing and is not
kept: the same key may be sent again once the staged content is right, as the same request would be.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from reference_portal import feed
from reference_portal.bodies import Checker
from reference_portal.canonical import content_hash, dumps, now_rfc3339
from reference_portal.documents import CORE, live_state, staged_state
from reference_portal.problems import Problem
from reference_portal.storage import Database

CHANNELS = ("portal",)
MAX_RELEASE_ITEMS = 10000
MAX_KEY_LENGTH = 200
_ITEM_MEMBERS = {"document_id", "locale", "version", "content_hash"}


@dataclass(frozen=True)
class Answer:
    """The answer to a release request: as made now, or as stored under its key (`replayed`)."""

    status: int
    body: bytes
    location: str | None
    replayed: bool


def check_key(key: str | None) -> str:
    """The Idempotency-Key header: required (400), at most 200 visible ASCII characters."""
    if key is None or not key.strip():
        raise Problem(400, "idempotency-key-missing", "POST /v1/releases needs an Idempotency-Key header")
    if len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise Problem(400, "idempotency-key-invalid",
                      f"the Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable ASCII characters")
    return key


def check_release(value: Any) -> dict[str, Any]:
    """The release body, its shape checked (422 invalid-body) and its channels known (422 unknown-channel)."""
    check = Checker()
    if check.members(value, "", {"title", "channels", "items"}):
        check.text(value.get("title"), "/title", max_length=500)
        channels = value.get("channels")
        if not isinstance(channels, list) or not channels or not all(isinstance(c, str) for c in channels):
            check.fault("/channels", "must be a non-empty list of channel names")
        elif len(set(channels)) != len(channels):
            check.fault("/channels", "names a channel twice")
        items = value.get("items")
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_RELEASE_ITEMS:
            check.fault("/items", f"must be a list of 1 to {MAX_RELEASE_ITEMS} items")
        else:
            seen: set[tuple[Any, Any]] = set()
            for n, item in enumerate(items):
                where = f"/items/{n}"
                if not check.members(item, where, _ITEM_MEMBERS):
                    continue
                check.text(item.get("document_id"), f"{where}/document_id", max_length=128)
                if item.get("locale") is not None:
                    check.locale(item.get("locale"), f"{where}/locale")
                version = item.get("version")
                if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                    check.fault(f"{where}/version", "must be a whole number from 1")
                digest = item.get("content_hash")
                if not isinstance(digest, str) or not digest.startswith("sha256:"):
                    check.fault(f"{where}/content_hash", "must be 'sha256:<hex>'")
                pair = (item.get("document_id"), item.get("locale"))
                if pair in seen:
                    check.fault(where, "names the same document and locale as an earlier item")
                seen.add(pair)
    check.done()
    if unknown := [c for c in value["channels"] if c not in CHANNELS]:
        raise Problem(422, "unknown-channel", f"the portal has no channel {unknown[0]!r}", channels=list(CHANNELS))
    return dict(value)


def _conflicts(conn: sqlite3.Connection, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every item that disagrees with what is staged, with the reason and the current state."""
    cores_in_release = {item["document_id"] for item in items if item["locale"] is None}
    conflicts = []
    for item in items:
        document_id, locale = item["document_id"], item["locale"]
        document = conn.execute("SELECT deleted_at FROM documents WHERE id = ?", (document_id,)).fetchone()
        entry = conn.execute("SELECT * FROM entries WHERE document_id = ? AND locale = ?",
                             (document_id, CORE if locale is None else locale)).fetchone()
        current = None if entry is None else {**staged_state(entry, with_content=False), "live": live_state(entry)}
        reason = None
        if document is not None and document["deleted_at"] is not None:
            reason = "deleted"
        elif document is None or entry is None:
            reason = "not-found"
        elif entry["staged_version"] != item["version"] or entry["staged_hash"] != item["content_hash"]:
            reason = "stale"
        elif locale is not None and document_id not in cores_in_release:
            core = conn.execute("SELECT live_version FROM entries WHERE document_id = ? AND locale = ''",
                                (document_id,)).fetchone()
            if core is None or core["live_version"] is None:
                reason = "core-not-live"
        if reason is not None:
            conflicts.append({"document_id": document_id, "locale": locale, "reason": reason, "current": current})
    return conflicts


def publish(db: Database, client: str, key: str, request: Any) -> Answer:
    """Publish the release `request` under `key` for `client`, or replay the answer stored under that key."""
    request_hash = content_hash(request)
    with db.write() as conn:
        stored = conn.execute("SELECT * FROM idempotency WHERE client = ? AND key = ?", (client, key)).fetchone()
        if stored is not None:
            if stored["request_hash"] != request_hash:
                raise Problem(422, "idempotency-key-reused",
                              "this Idempotency-Key was used for a different request body")
            return Answer(stored["status"], bytes(stored["body"]), stored["location"], replayed=True)
        body = check_release(request)
        items = [{"document_id": i["document_id"], "locale": i["locale"], "version": i["version"],
                  "content_hash": i["content_hash"]} for i in body["items"]]
        if conflicts := _conflicts(conn, items):
            raise Problem(409, "release-conflict",
                          f"{len(conflicts)} of {len(items)} items do not match what is staged; nothing was published",
                          conflicts=conflicts)
        release_id = str(uuid.uuid4())
        published_at = now_rfc3339()
        for item in items:
            locale = CORE if item["locale"] is None else item["locale"]
            conn.execute(
                "UPDATE entries SET live_version = staged_version, live_hash = staged_hash, "
                "live_content = staged_content, live_release_id = ?, live_published_at = ? "
                "WHERE document_id = ? AND locale = ?", (release_id, published_at, item["document_id"], locale))
            etag = conn.execute("SELECT staged_etag FROM entries WHERE document_id = ? AND locale = ?",
                                (item["document_id"], locale)).fetchone()[0]
            feed.append(conn, "release", item["document_id"], item["locale"], version=item["version"], etag=etag,
                        content_hash=item["content_hash"], release_id=release_id, at=published_at)
        answer = {"id": release_id, "title": body["title"], "channels": body["channels"],
                  "published_at": published_at, "items": items}
        encoded = dumps(answer)
        location = f"/v1/releases/{release_id}"
        conn.execute("INSERT INTO releases (id, title, published_at, item_count, client, body) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (release_id, body["title"], published_at, len(items), client, encoded.decode("utf-8")))
        conn.execute("INSERT INTO idempotency (client, key, request_hash, status, location, body, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (client, key, request_hash, 201, location, encoded, published_at))
    return Answer(201, encoded, location, replayed=False)


def get(db: Database, release_id: str) -> bytes:
    """The body of a release as it was answered when it was created; 404 if there is none."""
    with db.read() as conn:
        row = conn.execute("SELECT body FROM releases WHERE id = ?", (release_id,)).fetchone()
    if row is None:
        raise Problem(404, "not-found", "no release has this id", release_id=release_id)
    return str(row["body"]).encode("utf-8")


def listing(db: Database, limit: int, after: str | None) -> dict[str, Any]:
    """A page of releases, oldest first, as summaries (the items are in `GET /v1/releases/{id}`)."""
    with db.read() as conn:
        start = 0
        if after:
            row = conn.execute("SELECT seq FROM releases WHERE id = ?", (after,)).fetchone()
            if row is None:
                raise Problem(400, "invalid-parameter", "`after` names no release")
            start = row["seq"]
        rows = conn.execute("SELECT * FROM releases WHERE seq > ? ORDER BY seq LIMIT ?",
                            (start, limit + 1)).fetchall()
    page = rows[:limit]
    releases = [{"id": r["id"], "title": r["title"], "channels": json.loads(r["body"])["channels"],
                 "published_at": r["published_at"], "item_count": r["item_count"]} for r in page]
    more = len(rows) > limit
    return {"releases": releases, "next_after": page[-1]["id"] if more else None, "has_more": more}

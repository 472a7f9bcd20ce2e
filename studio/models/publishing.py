"""Publishing: releases and their items, the outbox of writes to the portal, and what Studio knows the portal holds.

A release is composed in one transaction together with its items (each payload frozen, with its content hash) and
its outbox operations, so a crash never leaves a release without the writes that publish it. An outbox row is
deleted only once the portal acknowledged it; its idempotency key is made when it is queued (DESIGN.md §7).
Document ids are kept as plain strings, not foreign keys: a release's history outlives the documents it names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime, utcnow

RELEASE_STATES = ("composed", "pushing", "published", "failed")
ITEM_STATES = ("pending", "staged", "published", "conflict", "failed", "left_out")
OP_KINDS = ("stage_core", "stage_variant", "publish")
OP_STATES = ("queued", "sending", "failed")
CORE = ""  # the `locale` of a document's core in `remote_state` (the API and `release_items` say null)


class Release(Base):
    """A set of staged versions published together to one target (`target`, the portal's URL) on `channels`.

    `state`: composed (nothing sent yet), pushing (sending, or interrupted: `error` says why), published, failed
    (an item was refused: a conflict, a document deleted on the portal; `error` says which). `idempotency_key`
    was made when it was composed and is the key of its publishing request."""

    __tablename__ = "releases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    channels: Mapped[list[str]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default="composed")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    target: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    remote_id: Mapped[str | None] = mapped_column(String(128), default=None)
    rollback_of: Mapped[str | None] = mapped_column(ForeignKey("releases.id", ondelete="SET NULL"), default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)


class ReleaseItem(Base):
    """One document's core (`locale` None) or one locale variant in a release: its payload as composed (frozen),
    its content hash (the portal's canonical JSON), and how far it got: pending, staged, published; conflict
    (changed on the portal meanwhile) or failed (refused), which keep the release from being published; left_out
    (the supervisor took it out of the release, which goes without it)."""

    __tablename__ = "release_items"
    __table_args__ = (Index("ix_release_items_document_locale", "document_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(String(128))
    locale: Mapped[str | None] = mapped_column(String(12), default=None)
    slug: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(16), default="pending")
    staged_version: Mapped[int | None] = mapped_column(Integer, default=None)
    staged_etag: Mapped[str | None] = mapped_column(String(200), default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)


class OutboxOp(Base):
    """A write to the portal waiting to be acknowledged: staging an item, or publishing a release.

    Sent in id order (cores before variants, the release last). `idempotency_key` is made when the op is queued
    and reused for every retry; `request` is the publishing request's body as first sent, so a retry after a lost
    answer sends the same bytes and the portal replays its answer. Deleted once the portal acknowledged it."""

    __tablename__ = "outbox_ops"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("release_items.id", ondelete="CASCADE"), default=None)
    kind: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    request: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RemoteState(Base):
    """What Studio knows a target holds of one document's core (`locale` "") or variant.

    `staged_*` is the staged state Studio last wrote or adopted: its ETag is the precondition of the next write.
    `live_*` is what a release made public. `pushed_payload` is what Studio last pushed. When someone else changed
    it on the portal (seen by a pull, or by a refused write), `changed_on_portal` is set and `portal_*` says what
    the portal holds, until the supervisor keeps Studio's text or takes the portal's (the three-way view).
    `deleted`: a portal editor deleted the document (set on its core row)."""

    __tablename__ = "remote_state"
    __table_args__ = (UniqueConstraint("target", "document_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(500))
    document_id: Mapped[str] = mapped_column(String(128))
    locale: Mapped[str] = mapped_column(String(12))
    staged_version: Mapped[int | None] = mapped_column(Integer, default=None)
    staged_etag: Mapped[str | None] = mapped_column(String(200), default=None)
    staged_hash: Mapped[str | None] = mapped_column(String(80), default=None)
    live_version: Mapped[int | None] = mapped_column(Integer, default=None)
    live_hash: Mapped[str | None] = mapped_column(String(80), default=None)
    live_release_id: Mapped[str | None] = mapped_column(String(128), default=None)
    pushed_payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    pushed_hash: Mapped[str | None] = mapped_column(String(80), default=None)
    changed_on_portal: Mapped[bool] = mapped_column(Boolean, default=False)
    portal_version: Mapped[int | None] = mapped_column(Integer, default=None)
    portal_etag: Mapped[str | None] = mapped_column(String(200), default=None)
    portal_hash: Mapped[str | None] = mapped_column(String(80), default=None)
    portal_payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncCursor(Base):
    """Where the last pull of a target's change feed stopped (the feed's opaque cursor)."""

    __tablename__ = "sync_cursors"

    target: Mapped[str] = mapped_column(String(500), primary_key=True)
    cursor: Mapped[str] = mapped_column(Text, default="")
    pulled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

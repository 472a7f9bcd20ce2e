"""Translation-memory units brought in from TMX files.

Confirmed and approved cells are the memory's own units and are read where they live (cells and segments): one
home per fact. Only what came from outside, which has no cell to live in, is stored here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime, utcnow


class MemoryUnit(Base):
    """One source text and its translation into one locale, as a TMX file gave them.

    `pair_hash` (SHA-256 of both locales and both texts) makes importing the same file twice add nothing.
    `draft` is set when the file's own state said the translation was unconfirmed: such units rank lower.
    `field_path`, `context_before` and `context_after` are known for units Studio exported itself (or a tool that
    keeps context), and allow a match in context (101%)."""

    __tablename__ = "memory_units"
    __table_args__ = (Index("ix_memory_units_locales", "source_locale", "target_locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_locale: Mapped[str] = mapped_column(String(12))
    target_locale: Mapped[str] = mapped_column(String(12))
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    pair_hash: Mapped[str] = mapped_column(String(64), unique=True)
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    document_type: Mapped[str | None] = mapped_column(String(40), default=None)
    field_path: Mapped[str | None] = mapped_column(String(120), default=None)
    context_before: Mapped[str | None] = mapped_column(Text, default=None)
    context_after: Mapped[str | None] = mapped_column(Text, default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    file_name: Mapped[str] = mapped_column(Text)  # the file it was imported from (its name, not its folder)
    tool: Mapped[str | None] = mapped_column(String(120), default=None)  # the TMX header's creationtool
    created_by: Mapped[str | None] = mapped_column(String(120), default=None)  # the file's creationid
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)  # the file's creationdate
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemoryFeed(Base):
    """What the in-process memory index must read again, one row per change, filled by triggers (migration 0009).

    Its ids only grow (AUTOINCREMENT on SQLite, a sequence on PostgreSQL), unlike those of revisions, cells and
    segments, which SQLite hands out again once the rows are deleted: a high-water mark on this feed never misses
    a change. A row names a segment whose memory cells changed (confirmed, approved, withdrawn, edited, deleted),
    a document deleted or restored, or an imported unit."""

    __tablename__ = "memory_feed"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int | None] = mapped_column(Integer, default=None)
    document_id: Mapped[str | None] = mapped_column(String(36), default=None)
    unit_id: Mapped[int | None] = mapped_column(Integer, default=None)


class MemoryIdentity(Base):
    """One row: a random id given to the database when its schema is made. The in-process index is filed under it
    (with the URL), so a workspace made again at the same place never meets the index of the one it replaced."""

    __tablename__ = "memory_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    database_id: Mapped[str] = mapped_column(String(36))

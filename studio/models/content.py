"""Sections, documents and their source values, segments, and the translation cells with their history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studio.models.base import Base, UTCDateTime, utcnow
from studio.states import (
    APPROVED_EVENT,
    CONFIRMED,
    DRAFTED,
    IMPORTED,
    SOURCE_CHANGED,
    TYPED,
    WITHDRAWN,
    CellState,
)


class Section(Base):
    """One of the six portal sections, with its title in each locale."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    titles: Mapped[dict[str, str]] = mapped_column(JSON)


class Document(Base):
    """A piece of portal content of one content type; its source values live in `FieldValue` rows."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    source_locale: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(Text)  # denormalised from the title field, for lists and trees
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Deleting a document only hides it: its segments, cells and history stay, so it can be restored.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)

    fields: Mapped[list[FieldValue]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="FieldValue.position")


class DocumentText(Base):
    """Everything a search may match in one document in one language, case-folded: in its source locale the
    title, slug and source; in each other locale the translations.

    One row per language, so that a translation written re-indexes only its language's text. Kept in step with
    every write; the search indexes of `content.search` are kept in step with it by the database (migrations
    0004 and 0006). The integer key is what SQLite's full-text indexes point at: a VACUUM may renumber the
    implicit rowids of a table without one.
    """

    __tablename__ = "document_texts"
    __table_args__ = (UniqueConstraint("document_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)


class FieldValue(Base):
    """The source value of one top-level field of a document, as JSON shaped by the content type."""

    __tablename__ = "field_values"
    __table_args__ = (UniqueConstraint("document_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[Any] = mapped_column(JSON)

    document: Mapped[Document] = relationship(back_populates="fields")


class Segment(Base):
    """One translatable unit of a source field: a sentence, or a whole title.

    `text` carries inline markup as numbered placeholders, whose markup is in `placeholders`.
    """

    __tablename__ = "segments"
    __table_args__ = (Index("ix_segments_document_position", "document_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    field_path: Mapped[str] = mapped_column(String(120))
    ordinal: Mapped[int] = mapped_column(Integer)  # position within the field
    position: Mapped[int] = mapped_column(Integer)  # position within the document
    block: Mapped[str] = mapped_column(String(16), default="")  # rich text block tag, "" for plain text
    text: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(40))
    placeholders: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class Cell(Base):
    """The translation of one segment into one locale. `version` is the optimistic lock."""

    __tablename__ = "cells"
    __table_args__ = (
        UniqueConstraint("segment_id", "locale"),
        Index("ix_cells_locale_state", "locale", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))  # a `studio.states.CellState` value
    origin: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=1)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # rejected by a reviewer
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source_hash: Mapped[str] = mapped_column(String(40))  # hash of the source this text translates
    outdated_source: Mapped[str | None] = mapped_column(Text)  # the old source, kept while outdated
    # What went wrong with a machine draft's placeholders (kept, flagged in the grid); a person's write clears it.
    machine_issue: Mapped[str | None] = mapped_column(Text)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


def event_of(state: str | None, origin: str | None) -> str:
    """The event a revision written without one most likely records, judged by its state and origin.

    Writers name their event; this covers bulk writers that do not (yet) and revisions stored before events
    were recorded (migration 0003). An outdated revision is a source change: nobody typed it."""
    origin = origin or ""
    if state == CellState.OUTDATED:
        return SOURCE_CHANGED
    if state == CellState.MISSING:
        return WITHDRAWN
    if origin.startswith("import:"):
        return IMPORTED
    if state == CellState.APPROVED:
        return APPROVED_EVENT
    if state == CellState.TRANSLATED:
        return CONFIRMED
    return TYPED if origin in ("human", "") else DRAFTED


def _default_event(context: Any) -> str:
    row = context.get_current_parameters()
    return event_of(row.get("state"), row.get("origin"))


class Revision(Base):
    """An immutable record of one cell's text and state after a change: what happened (`event`), and who did it.

    A rejection links the reviewer's comment, so the history shows the reason beside the verdict."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(40))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event: Mapped[str] = mapped_column(String(24), default=_default_event)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"), default=None)


class Comment(Base):
    """A remark on a document or on one of its cells (a reviewer's reason for rejecting, a question)."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    cell_id: Mapped[int | None] = mapped_column(ForeignKey("cells.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

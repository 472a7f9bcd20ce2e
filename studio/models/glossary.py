"""The glossary: concepts (entries) with their terms per locale, each term with a status (see
`studio.memory.glossary.TermStatus`: preferred, admitted, forbidden, discouraged)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studio.models.base import Base, UTCDateTime, utcnow


class GlossaryEntry(Base):
    """One concept, like a TBX `conceptEntry`: a note on its meaning or use, and its terms."""

    __tablename__ = "glossary_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Raised by every edit: a save that started from another version is refused (two people on one entry).
    version: Mapped[int] = mapped_column(default=1)

    terms: Mapped[list[GlossaryTerm]] = relationship(back_populates="entry", cascade="all, delete-orphan",
                                                      passive_deletes=True, order_by="GlossaryTerm.id")


class GlossaryTerm(Base):
    """One term of a concept in one locale. A text appears once per concept and locale."""

    __tablename__ = "glossary_terms"
    __table_args__ = (
        UniqueConstraint("entry_id", "locale", "text"),
        Index("ix_glossary_terms_locale_status", "locale", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("glossary_entries.id", ondelete="CASCADE"), index=True)
    locale: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="preferred")
    part_of_speech: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    entry: Mapped[GlossaryEntry] = relationship(back_populates="terms")


class GlossaryRevision(Base):
    """One row, id 1: a number every write to the glossary raises in its own transaction. A cached glossary is
    kept while it stays the same: it only grows, so no delete-and-add can bring back an old value (as counts and
    ids can), and no clock is involved."""

    __tablename__ = "glossary_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(default=0)

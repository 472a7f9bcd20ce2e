"""Acknowledged quality warnings: a person looked at a warning on one translation and said why it is right.

An acknowledgement holds for the text it was given on, of the source it was given on (`text_hash`, see
`qa.findings.ack_digest`): editing either re-opens the warning,
and putting the same text back brings the acknowledgement back with it. Errors are never acknowledged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime, utcnow


class QualityAcknowledgement(Base):
    """One warning (`check`) acknowledged on one cell's text, with the note saying why it stands."""

    __tablename__ = "quality_acknowledgements"
    __table_args__ = (UniqueConstraint("segment_id", "locale", "check", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(12))
    check: Mapped[str] = mapped_column(String(40))
    text_hash: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

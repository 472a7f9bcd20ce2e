"""What machine-translation engines answered, kept so that a second pre-translation sends nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime, utcnow


class MTCache(Base):
    """One engine's (masked) translation of one (masked) source text between two locales. The text is found by
    its SHA-256 (`source_hash`): an index over whole sentences would be as large as the texts."""

    __tablename__ = "mt_cache"
    __table_args__ = (UniqueConstraint("engine", "source_hash", "source_locale", "target_locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engine: Mapped[str] = mapped_column(String(40))
    source_locale: Mapped[str] = mapped_column(String(12))
    target_locale: Mapped[str] = mapped_column(String(12))
    source_hash: Mapped[str] = mapped_column(String(64))
    translation: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

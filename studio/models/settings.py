"""Workspace-wide settings: the rules a team shares (the four-eyes review), kept in the database so that every
member's Studio obeys the same rule. A person's own preferences (columns, theme) stay in their settings file."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime, utcnow


class WorkspaceSetting(Base):
    """One setting by its key, with its JSON value and who set it last (the audit trail says when and how)."""

    __tablename__ = "workspace_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

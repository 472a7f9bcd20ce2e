"""How far each document's translation has come, kept rather than recounted.

The database keeps these rows in the transaction of every write to segments and cells, by triggers (migration
0004), so the content tree, the dashboard and `studio status` read a few rows per document instead of every cell.
Whether a document is deleted, and its source locale, are read from the document itself.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base


class SegmentCount(Base):
    """The number of segments of a document (none: no row)."""

    __tablename__ = "segment_counts"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    segments: Mapped[int] = mapped_column(Integer)


class CellCount(Base):
    """The number of a document's cells in one locale in each state that has a row of its own.

    A segment without a cell in a locale, or whose cell was emptied, is missing there: readers take that as the
    document's segments less these counts."""

    __tablename__ = "cell_counts"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    locale: Mapped[str] = mapped_column(String(12), primary_key=True)
    draft: Mapped[int] = mapped_column(Integer)
    translated: Mapped[int] = mapped_column(Integer)
    approved: Mapped[int] = mapped_column(Integer)
    outdated: Mapped[int] = mapped_column(Integer)

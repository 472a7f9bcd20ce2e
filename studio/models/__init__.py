"""SQLAlchemy entities only: invariants, no workflow. Imports nothing from the rest of Studio but the cell states
(`studio.states`)."""

from __future__ import annotations

from studio.models.base import Base, table_of, utcnow
from studio.models.content import (
    Cell,
    Comment,
    Document,
    DocumentText,
    FieldValue,
    Revision,
    Section,
    Segment,
    event_of,
)
from studio.models.glossary import GlossaryEntry, GlossaryRevision, GlossaryTerm
from studio.models.memory import MemoryFeed, MemoryIdentity, MemoryUnit
from studio.models.mt import MTCache
from studio.models.people import ROLES, AuditEvent, User
from studio.models.progress import CellCount, SegmentCount
from studio.models.publishing import OutboxOp, Release, ReleaseItem, RemoteState, SyncCursor
from studio.models.quality import QualityAcknowledgement
from studio.models.settings import WorkspaceSetting

__all__ = [
    "ROLES",
    "AuditEvent",
    "Base",
    "Cell",
    "CellCount",
    "Comment",
    "Document",
    "DocumentText",
    "FieldValue",
    "GlossaryEntry",
    "GlossaryRevision",
    "GlossaryTerm",
    "MTCache",
    "MemoryFeed",
    "MemoryIdentity",
    "MemoryUnit",
    "OutboxOp",
    "QualityAcknowledgement",
    "Release",
    "ReleaseItem",
    "RemoteState",
    "Revision",
    "Section",
    "Segment",
    "SegmentCount",
    "SyncCursor",
    "User",
    "WorkspaceSetting",
    "event_of",
    "table_of",
    "utcnow",
]

"""The audit trail: every write records who did what, when, to what, with before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from studio.models import AuditEvent, table_of, utcnow
from studio.permissions import Actor

SYSTEM = "studio"  # the actor of writes no user asked for (creating a workspace, first-run demo)


def audit_row(actor: Actor | None, action: str, object_type: str, object_id: str, *, before: Any = None,
              after: Any = None, summary: str = "") -> dict[str, Any]:
    return {"at": utcnow(), "user_id": actor.id if actor else None, "actor": actor.name if actor else SYSTEM,
            "action": action, "object_type": object_type, "object_id": str(object_id), "before": before,
            "after": after, "summary": summary}


def record(session: Session, actor: Actor | None, action: str, object_type: str, object_id: str, *,
           before: Any = None, after: Any = None, summary: str = "") -> None:
    """Add one audit event to the session's transaction."""
    record_many(session, [audit_row(actor, action, object_type, object_id, before=before, after=after,
                                    summary=summary)])


def record_many(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(table_of(AuditEvent)), rows)

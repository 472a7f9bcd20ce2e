"""History events: each revision records what happened (typed, confirmed, approved, rejected, source changed…)
and, for a rejection, the reviewer's comment.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 07:00:00
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event", sa.String(length=24), nullable=False, server_default="typed"))
        batch_op.add_column(sa.Column("comment_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_revisions_comment_id_comments"), "comments", ["comment_id"], ["id"],
                                    ondelete="SET NULL")
    _derive_events(op.get_bind())


def _derive_events(conn: sa.Connection) -> None:
    """Revisions written before this revision: the event their state and origin tell (an outdated revision is a
    source change, an import's first one an import), and a rejection where the audit trail names one, linked to
    the reviewer's comment on that cell. What cannot be told apart (an undo, a replace) stays as typed or
    confirmed."""
    revisions = sa.table("revisions", sa.column("id"), sa.column("event"), sa.column("comment_id"))
    by_event: dict[str, list[int]] = defaultdict(list)
    rows = conn.execute(sa.text("SELECT id, cell_id, state, origin, author_id, created_at FROM revisions")).all()
    for rev_id, _cell, state, origin, _author, _at in rows:
        by_event[_event_of(state, origin)].append(rev_id)
    for event, ids in by_event.items():
        for start in range(0, len(ids), 500):
            conn.execute(revisions.update().where(revisions.c.id.in_(ids[start:start + 500])).values(event=event))

    drafts: dict[tuple[str, Any], list[tuple[Any, int]]] = defaultdict(list)
    for rev_id, cell_id, state, _origin, author_id, at in rows:
        if state == "draft":
            drafts[(str(cell_id), author_id)].append((_aware(at), rev_id))
    comments: dict[tuple[str, Any, str], list[tuple[Any, int]]] = defaultdict(list)
    for comment_id, cell_id, author_id, body, at in conn.execute(sa.text(
            "SELECT id, cell_id, author_id, body, created_at FROM comments WHERE cell_id IS NOT NULL")):
        comments[(str(cell_id), author_id, body)].append((_aware(at), comment_id))
    for object_id, user_id, at, after in conn.execute(sa.text(
            "SELECT object_id, user_id, at, after FROM audit_events "
            "WHERE action = 'reject' AND object_type = 'cell'")):
        key, when = (str(object_id), user_id), _aware(at)
        rejected = _nearest(drafts.get(key, []), when)
        if rejected is None:
            continue
        # The reviewer's reason is the comment with the text the audit event recorded (not a later remark).
        reason = (json.loads(after) if isinstance(after, str) else after or {}).get("comment") or ""
        comment = _nearest(comments.get((*key, reason.strip()), []), when)
        conn.execute(revisions.update().where(revisions.c.id == rejected).values(event="rejected",
                                                                                  comment_id=comment))


def _event_of(state: str | None, origin: str | None) -> str:
    # A copy of studio.models.event_of as it stood at this revision: a migration must not change when the code does.
    origin = origin or ""
    if state == "outdated":
        return "source_changed"
    if state == "missing":
        return "withdrawn"
    if origin.startswith("import:"):
        return "imported"
    if state == "approved":
        return "approved"
    if state == "translated":
        return "confirmed"
    return "typed" if origin in ("human", "") else "drafted"


def _aware(value: Any) -> Any:
    if isinstance(value, str):  # SQLite hands back text
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _nearest(candidates: list[tuple[Any, int]], when: Any, within_seconds: float = 5.0) -> int | None:
    """The id of the candidate written closest to `when` (a verdict's revision, comment and audit event are
    written in one transaction, microseconds apart)."""
    best = min(candidates, key=lambda c: abs((c[0] - when).total_seconds()), default=None)
    if best is None or abs((best[0] - when).total_seconds()) > within_seconds:
        return None
    return best[1]


def downgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_revisions_comment_id_comments"), type_="foreignkey")
        batch_op.drop_column("comment_id")
        batch_op.drop_column("event")

"""The editor: deleted documents are kept (restorable), and a case-folded text per document for search.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:00:00
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "document_texts",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_texts_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_texts")),
    )
    # Fill the search text of documents written before this revision (the same shape search.py keeps).
    conn = op.get_bind()
    parts: dict[str, list[str]] = defaultdict(list)
    for doc_id, title, slug in conn.execute(sa.text("SELECT id, title, slug FROM documents")):
        parts[doc_id] += [title, slug]
    for doc_id, text in conn.execute(sa.text("SELECT document_id, text FROM segments ORDER BY position")):
        parts[doc_id].append(text)
    for doc_id, text in conn.execute(sa.text(
            "SELECT s.document_id, c.text FROM cells c JOIN segments s ON s.id = c.segment_id")):
        parts[doc_id].append(text)
    if parts:
        table = sa.table("document_texts", sa.column("document_id"), sa.column("text"))
        op.bulk_insert(table, [{"document_id": d, "text": "\n".join(p).casefold()} for d, p in parts.items()])


def downgrade() -> None:
    op.drop_table("document_texts")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")

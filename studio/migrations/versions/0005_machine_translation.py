"""Machine translation: the cache of engines' answers, and the issue a machine draft came back with.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite keeps the table (and the triggers of 0004 on it) as they are.
    op.add_column("cells", sa.Column("machine_issue", sa.Text(), nullable=True))
    op.create_table(
        "mt_cache",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=40), nullable=False),
        sa.Column("source_locale", sa.String(length=12), nullable=False),
        sa.Column("target_locale", sa.String(length=12), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("translation", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mt_cache")),
        sa.UniqueConstraint("engine", "source_hash", "source_locale", "target_locale",
                            name=op.f("uq_mt_cache_engine_source_hash_source_locale_target_locale")),
    )


def downgrade() -> None:
    op.drop_table("mt_cache")
    # Not a batch (a copy of the table): that would drop the triggers of 0004 that count the cells.
    op.execute("ALTER TABLE cells DROP COLUMN machine_issue")

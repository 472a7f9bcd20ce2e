"""Quality checks: acknowledged warnings, with their notes, tied to the text they were given on. New table only.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # As 0007: new tables take no lock an open transaction holds back, so wait for the older schema's users.
        op.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
    op.create_table(
        "quality_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=12), nullable=False),
        sa.Column("check", sa.String(length=40), nullable=False),
        sa.Column("text_hash", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_quality_acknowledgements_author_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"],
                                name=op.f("fk_quality_acknowledgements_segment_id_segments"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_acknowledgements")),
        sa.UniqueConstraint("segment_id", "locale", "check", "text_hash",
                            name=op.f("uq_quality_acknowledgements_segment_id_locale_check_text_hash")),
    )


def downgrade() -> None:
    op.drop_table("quality_acknowledgements")

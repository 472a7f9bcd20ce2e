"""Review: workspace-wide settings, the first of them the four-eyes rule (a reviewer may not approve a text they
wrote). A new table only: `cells`, `segments` and `document_texts` and the triggers of 0004 and 0006 stay as they
are.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # A new table alone takes no lock an open transaction holds back, so this upgrade would run beside another
        # program still working on the older schema. Like the earlier revisions (whose table rewrites wait for
        # every reader), it waits for them to end, as long as the upgrade's lock_timeout allows
        # (`db.migrate`), then says in one line that the workspace is in use.
        op.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
    op.create_table(
        "workspace_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name=op.f("fk_workspace_settings_updated_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workspace_settings")),
    )


def downgrade() -> None:
    op.drop_table("workspace_settings")

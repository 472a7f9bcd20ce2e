"""Publishing: releases and their items, the outbox of writes to the portal, what Studio knows the portal holds, and
where the last pull of its change feed stopped. New tables only: `cells`, `segments` and `document_texts` and the
triggers of 0004 and 0006 stay as they are.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # As 0007: new tables take no lock an open transaction holds back, so wait for the older schema's users.
        op.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
    op.create_table(
        "releases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("remote_id", sa.String(length=128), nullable=True),
        sa.Column("rollback_of", sa.String(length=36), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_releases_created_by_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["rollback_of"], ["releases.id"], name=op.f("fk_releases_rollback_of_releases"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_releases")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_releases_idempotency_key")),
    )
    op.create_table(
        "release_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.String(length=128), nullable=False),
        sa.Column("locale", sa.String(length=12), nullable=True),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("staged_version", sa.Integer(), nullable=True),
        sa.Column("staged_etag", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["release_id"], ["releases.id"], name=op.f("fk_release_items_release_id_releases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_items")),
    )
    op.create_index(op.f("ix_release_items_release_id"), "release_items", ["release_id"])
    op.create_index("ix_release_items_document_locale", "release_items", ["document_id", "locale"])
    op.create_table(
        "outbox_ops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["release_items.id"], name=op.f("fk_outbox_ops_item_id_release_items"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["release_id"], ["releases.id"], name=op.f("fk_outbox_ops_release_id_releases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_ops")),
    )
    op.create_index(op.f("ix_outbox_ops_release_id"), "outbox_ops", ["release_id"])
    op.create_table(
        "remote_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("document_id", sa.String(length=128), nullable=False),
        sa.Column("locale", sa.String(length=12), nullable=False),
        sa.Column("staged_version", sa.Integer(), nullable=True),
        sa.Column("staged_etag", sa.String(length=200), nullable=True),
        sa.Column("staged_hash", sa.String(length=80), nullable=True),
        sa.Column("live_version", sa.Integer(), nullable=True),
        sa.Column("live_hash", sa.String(length=80), nullable=True),
        sa.Column("live_release_id", sa.String(length=128), nullable=True),
        sa.Column("pushed_payload", sa.JSON(), nullable=True),
        sa.Column("pushed_hash", sa.String(length=80), nullable=True),
        sa.Column("changed_on_portal", sa.Boolean(), nullable=False),
        sa.Column("portal_version", sa.Integer(), nullable=True),
        sa.Column("portal_etag", sa.String(length=200), nullable=True),
        sa.Column("portal_hash", sa.String(length=80), nullable=True),
        sa.Column("portal_payload", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remote_state")),
        sa.UniqueConstraint("target", "document_id", "locale",
                            name=op.f("uq_remote_state_target_document_id_locale")),
    )
    op.create_table(
        "sync_cursors",
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("target", name=op.f("pk_sync_cursors")),
    )


def downgrade() -> None:
    op.drop_table("sync_cursors")
    op.drop_table("remote_state")
    op.drop_index(op.f("ix_outbox_ops_release_id"), table_name="outbox_ops")
    op.drop_table("outbox_ops")
    op.drop_index("ix_release_items_document_locale", table_name="release_items")
    op.drop_index(op.f("ix_release_items_release_id"), table_name="release_items")
    op.drop_table("release_items")
    op.drop_table("releases")

"""Glossary: concepts (entries) and their terms per locale, each with a status (preferred, admitted, forbidden,
discouraged), a part of speech and a note, and the glossary's revision (see
`models.glossary.GlossaryRevision`). New tables only.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # As 0007: new tables take no lock an open transaction holds back, so wait for the older schema's users.
        op.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
    op.create_table(
        "glossary_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_glossary_entries_created_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glossary_entries")),
    )
    op.create_table(
        "glossary_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=12), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("part_of_speech", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["glossary_entries.id"],
                                name=op.f("fk_glossary_terms_entry_id_glossary_entries"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glossary_terms")),
        sa.UniqueConstraint("entry_id", "locale", "text", name=op.f("uq_glossary_terms_entry_id_locale_text")),
    )
    op.create_index(op.f("ix_glossary_terms_entry_id"), "glossary_terms", ["entry_id"])
    op.create_index("ix_glossary_terms_locale_status", "glossary_terms", ["locale", "status"])
    revision_table = op.create_table(
        "glossary_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glossary_revision")),
    )
    op.bulk_insert(revision_table, [{"id": 1, "revision": 0}])


def downgrade() -> None:
    op.drop_table("glossary_revision")
    op.drop_index("ix_glossary_terms_locale_status", table_name="glossary_terms")
    op.drop_index(op.f("ix_glossary_terms_entry_id"), table_name="glossary_terms")
    op.drop_table("glossary_terms")
    op.drop_table("glossary_entries")

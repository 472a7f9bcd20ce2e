"""Translation memory: the units imported from TMX files (confirmed and approved cells feed the memory as they are,
read where they live), the feed of changes the in-process index folds in, and the database's identity. New
tables, and new triggers on `cells`, `documents` and `memory_units` that only add feed rows: `cells`, `segments`
and `document_texts` are never rebuilt.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 14:30:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # As 0007 and 0008: a new table takes no lock an open transaction holds back, so wait for the older
        # schema's users.
        op.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
    op.create_table(
        "memory_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_locale", sa.String(length=12), nullable=False),
        sa.Column("target_locale", sa.String(length=12), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("pair_hash", sa.String(length=64), nullable=False),
        sa.Column("draft", sa.Boolean(), nullable=False),
        sa.Column("document_type", sa.String(length=40), nullable=True),
        sa.Column("field_path", sa.String(length=120), nullable=True),
        sa.Column("context_before", sa.Text(), nullable=True),
        sa.Column("context_after", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("tool", sa.String(length=120), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memory_units")),
        sa.UniqueConstraint("pair_hash", name=op.f("uq_memory_units_pair_hash")),
    )
    op.create_index("ix_memory_units_locales", "memory_units", ["source_locale", "target_locale"])
    op.create_table(
        "memory_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.String(length=36), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memory_feed")),
        sqlite_autoincrement=True,  # ids never handed out again, even those of deleted rows
    )
    op.create_table(
        "memory_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("database_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memory_identity")),
    )
    op.execute(f"INSERT INTO memory_identity (id, database_id) VALUES (1, '{uuid.uuid4()}')")
    if op.get_bind().dialect.name == "postgresql":
        _postgres_feed_triggers()
    else:
        _sqlite_feed_triggers()


# A cell matters to the memory while it is confirmed or approved, and when it stops being so (edited back to a draft,
# made outdated by a source edit, deleted with its segment): the index must drop the cached matches it gave.
_MEMORY = "('translated', 'approved')"
_CELL_ROWS = (
    ("memory_feed_cell_added", "INSERT", "new", f"new.state IN {_MEMORY}"),
    ("memory_feed_cell_changed", "UPDATE OF text, state, segment_id", "new",
     f"old.state IN {_MEMORY} OR new.state IN {_MEMORY}"),
    ("memory_feed_cell_removed", "DELETE", "old", f"old.state IN {_MEMORY}"),
)


def _sqlite_feed_triggers() -> None:
    for name, event, row, when in _CELL_ROWS:
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON cells WHEN {when} BEGIN "
                   f"INSERT INTO memory_feed (segment_id) VALUES ({row}.segment_id); END")
    op.execute("CREATE TRIGGER memory_feed_document AFTER UPDATE OF deleted_at ON documents "
               "WHEN old.deleted_at IS NOT new.deleted_at BEGIN "
               "INSERT INTO memory_feed (document_id) VALUES (new.id); END")
    op.execute("CREATE TRIGGER memory_feed_unit AFTER INSERT ON memory_units BEGIN "
               "INSERT INTO memory_feed (unit_id) VALUES (new.id); END")


def _postgres_feed_triggers() -> None:
    for name, event, row, when in _CELL_ROWS:
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
                   f"INSERT INTO memory_feed (segment_id) VALUES ({row}.segment_id); RETURN NULL; END $f$")
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON cells FOR EACH ROW WHEN ({when}) "
                   f"EXECUTE FUNCTION {name}()")
    op.execute("CREATE FUNCTION memory_feed_document() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
               "INSERT INTO memory_feed (document_id) VALUES (new.id); RETURN NULL; END $f$")
    op.execute("CREATE TRIGGER memory_feed_document AFTER UPDATE OF deleted_at ON documents FOR EACH ROW "
               "WHEN (old.deleted_at IS DISTINCT FROM new.deleted_at) EXECUTE FUNCTION memory_feed_document()")
    op.execute("CREATE FUNCTION memory_feed_unit() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
               "INSERT INTO memory_feed (unit_id) VALUES (new.id); RETURN NULL; END $f$")
    op.execute("CREATE TRIGGER memory_feed_unit AFTER INSERT ON memory_units FOR EACH ROW "
               "EXECUTE FUNCTION memory_feed_unit()")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table in (*((n, "cells") for n, *_ in _CELL_ROWS), ("memory_feed_document", "documents"),
                        ("memory_feed_unit", "memory_units")):
        op.execute(f"DROP TRIGGER {name} ON {table}" if postgres else f"DROP TRIGGER {name}")
    if postgres:
        for name in (*(n for n, *_ in _CELL_ROWS), "memory_feed_document", "memory_feed_unit"):
            op.execute(f"DROP FUNCTION {name}()")
    op.drop_table("memory_identity")
    op.drop_table("memory_feed")
    op.drop_index("ix_memory_units_locales", table_name="memory_units")
    op.drop_table("memory_units")

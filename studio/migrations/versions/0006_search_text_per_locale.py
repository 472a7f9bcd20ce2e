"""Search texts per language: `document_texts` holds a row per document and locale rather than per document.

A translation written re-indexes only its own language's text instead of the whole document in nine languages:
a pre-translation writing batch after batch, and an editor storing a draft meanwhile, each hold the database
for a fraction of the time. The rows are made again from the documents, sentences and cells there are, and the
indexes of 0004 built again on them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 12:00:00
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHUNK = 500  # documents read and written at a time: the portal at ten times its size stays out of memory


def upgrade() -> None:
    _rebuild(per_locale=True)


def downgrade() -> None:
    _rebuild(per_locale=False)


def _rebuild(*, per_locale: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # the full-text tables point at the rows; the triggers go with the table
        op.execute("DROP TABLE document_texts_trigrams")
        op.execute("DROP TABLE document_texts_grams")
    op.drop_table("document_texts")  # PostgreSQL: its indexes go with it
    unique = ("document_id", "locale") if per_locale else ("document_id",)
    table = op.create_table(
        "document_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        *([sa.Column("locale", sa.String(length=12), nullable=False)] if per_locale else []),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_texts_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_texts")),
        sa.UniqueConstraint(*unique, name=op.f(f"uq_document_texts_{'_'.join(unique)}")),
    )
    for rows in _texts(per_locale=per_locale):
        op.bulk_insert(table, rows)
    earlier = _revision_0004()
    if sqlite:
        earlier._sqlite_search_index()  # the full-text tables, filled from the rows, and their triggers
    else:
        _postgres_indexes(earlier.GRAMS)


def _texts(*, per_locale: bool) -> Iterator[list[dict[str, str]]]:
    """The rows, a chunk of documents at a time, as Studio writes them (`content.search.refresh_texts`): in the
    source locale the title, slug and sentences; in each other locale the non-empty translations; in sentence
    order, joined by newlines, case-folded. Without `per_locale`, one row per document of all of these."""
    conn = op.get_bind()
    documents = conn.execute(sa.text("SELECT id, source_locale, title, slug FROM documents ORDER BY id")).all()
    for start in range(0, len(documents), CHUNK):
        chunk = documents[start:start + CHUNK]
        ids = [d.id for d in chunk]
        parts: dict[tuple[str, str], list[str]] = defaultdict(list)
        for d in chunk:
            parts[(d.id, d.source_locale)] += [d.title, d.slug]
        source = {d.id: d.source_locale for d in chunk}
        in_chunk = sa.bindparam("ids", ids, expanding=True)
        for doc_id, text in conn.execute(sa.text(
                "SELECT document_id, text FROM segments WHERE document_id IN :ids ORDER BY position")
                .bindparams(in_chunk)):
            parts[(doc_id, source[doc_id])].append(text)
        for doc_id, locale, text in conn.execute(sa.text(
                "SELECT s.document_id, c.locale, c.text FROM cells c JOIN segments s ON s.id = c.segment_id "
                "WHERE s.document_id IN :ids AND c.text != '' ORDER BY s.position").bindparams(in_chunk)):
            parts[(doc_id, locale)].append(text)
        if per_locale:
            yield [{"document_id": d, "locale": loc, "text": "\n".join(p).casefold()} for (d, loc), p in parts.items()]
        else:
            whole: dict[str, list[str]] = defaultdict(list)
            for (d, _), p in parts.items():
                whole[d] += p
            yield [{"document_id": d, "text": "\n".join(p).casefold()} for d, p in whole.items()]


def _postgres_indexes(grams: str) -> None:
    conn = op.get_bind()
    try:  # as 0004: where pg_trgm could not be created, LIKE scans
        with conn.begin_nested():
            conn.execute(sa.text("CREATE INDEX ix_document_texts_trigrams ON document_texts "
                                 "USING gin (text gin_trgm_ops)"))
    except sa.exc.DBAPIError:
        pass
    conn.execute(sa.text(f"CREATE INDEX ix_document_texts_grams ON document_texts USING gin ({grams}(text))"))


def _revision_0004() -> ModuleType:
    """Revision 0004, whose statements build the search indexes: a revision file is not a module to import."""
    path = Path(__file__).with_name("0004_search_index_and_kept_progress.py")
    spec = importlib.util.spec_from_file_location("studio_revision_0004", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

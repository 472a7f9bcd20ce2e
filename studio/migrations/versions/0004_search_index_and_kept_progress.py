"""Search through an index, and progress kept rather than recounted (issue 8, items 11 and 12).

- `document_texts` gets an integer key for the indexes to point at.
- SQLite: two full-text indexes of it, kept by triggers: `document_texts_trigrams` (FTS5 trigrams of the text,
  for words of three characters and more) and `document_texts_grams` (the CJK letters and letter pairs of the
  text, made by the function `studio_cjk_grams_v1` that Studio registers on its connections, for one- and
  two-character Chinese, Japanese and Korean words). PostgreSQL: a pg_trgm index of the text (where the
  extension can be created) and an index of the same letters and pairs, computed by a SQL function.
- `segment_counts` and `cell_counts`: each document's segments and its cells by locale and state, kept by
  triggers on segments and cells in the transaction of every write, and filled here from the rows there are.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The states with a column of their own in cell_counts, as this revision stores them; `missing` is counted by
# readers (a segment's cell is missing where it has no counted cell).
STATES = ("draft", "translated", "approved", "outdated")
GRAMS = "studio_cjk_grams_v1"
# A copy of studio.db.CJK_LETTERS as PostgreSQL's regular expressions write it (tests check that both agree).
PG_CJK_LETTERS = (r"\u1100-\u11ff\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3041-\u30ff"
                  r"\u3131-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff"
                  r"\uf900-\ufaff\uff66-\uffdc\U0001b000-\U0001b16f\U00020000-\U0003ffff")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _rebuild_document_texts(with_key=True)
    _create_count_tables()
    _fill_counts()
    if sqlite:
        _sqlite_search_index()
        _sqlite_count_triggers()
    else:
        _postgres_search_index()
        _postgres_count_triggers()


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for trigger, table in COUNT_TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger}" if sqlite else f"DROP TRIGGER {trigger} ON {table}")
    if sqlite:
        op.execute("DROP TABLE document_texts_trigrams")
        op.execute("DROP TABLE document_texts_grams")
    else:
        for function in ("studio_count_cells", "studio_count_segments", "studio_uncount_segment",
                         "studio_keep_segment"):
            op.execute(f"DROP FUNCTION {function}()")
    op.drop_table("cell_counts")
    op.drop_table("segment_counts")
    _rebuild_document_texts(with_key=False)  # its triggers and indexes go with it
    if not sqlite:
        op.execute(f"DROP FUNCTION {GRAMS}(text)")


COUNT_TRIGGERS = (("cells_counted", "cells"), ("cells_uncounted", "cells"), ("cells_recounted", "cells"),
                  ("segments_counted", "segments"), ("segments_uncounted", "segments"), ("segments_stay", "segments"))


# --- document_texts -------------------------------------------------------------------------------------------

def _rebuild_document_texts(*, with_key: bool) -> None:
    """The table again, with (or, going down, without) its integer key, holding the same rows."""
    op.execute("CREATE TABLE document_texts_moving AS SELECT document_id, text FROM document_texts")
    op.drop_table("document_texts")
    key = [sa.Column("id", sa.Integer(), nullable=False)] if with_key else []
    op.create_table(
        "document_texts",
        *key,
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_texts_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id" if with_key else "document_id", name=op.f("pk_document_texts")),
        *([sa.UniqueConstraint("document_id", name=op.f("uq_document_texts_document_id"))] if with_key else []),
    )
    op.execute("INSERT INTO document_texts (document_id, text) "
               "SELECT document_id, text FROM document_texts_moving ORDER BY document_id")
    op.drop_table("document_texts_moving")


def _sqlite_search_index() -> None:
    # Trigrams of the case-folded text as it is (case_sensitive: Studio folds, and a second folding by SQLite
    # could make two different texts equal), with positions, for phrases.
    op.execute("CREATE VIRTUAL TABLE document_texts_trigrams USING fts5(text, content='document_texts', "
               "content_rowid='id', tokenize='trigram case_sensitive 1', columnsize=0)")
    # The letters and pairs of the text, without positions (only their presence matters). Its content is
    # document_texts too, so that it reads like any table; what it indexes is what the triggers give it, the
    # grams of the text, so it must never be rebuilt from that content.
    op.execute("CREATE VIRTUAL TABLE document_texts_grams USING fts5(text, content='document_texts', "
               "content_rowid='id', detail='none', tokenize='ascii', columnsize=0)")
    op.execute("INSERT INTO document_texts_trigrams (document_texts_trigrams) VALUES ('rebuild')")
    op.execute(f"INSERT INTO document_texts_grams (rowid, text) SELECT id, {GRAMS}(text) FROM document_texts")
    indexed = _sqlite_index_row("new")
    op.execute(f"CREATE TRIGGER document_texts_indexed AFTER INSERT ON document_texts BEGIN {indexed} END")
    op.execute("CREATE TRIGGER document_texts_unindexed AFTER DELETE ON document_texts "
               f"BEGIN {_sqlite_unindex_row('old')} END")
    op.execute("CREATE TRIGGER document_texts_reindexed AFTER UPDATE ON document_texts "
               f"BEGIN {_sqlite_unindex_row('old')} {indexed} END")


def _sqlite_index_row(row: str) -> str:
    return (f"INSERT INTO document_texts_trigrams (rowid, text) VALUES ({row}.id, {row}.text); "
            f"INSERT INTO document_texts_grams (rowid, text) VALUES ({row}.id, {GRAMS}({row}.text));")


def _sqlite_unindex_row(row: str) -> str:
    # An FTS5 index forgets a row only when told its old values, exactly as they were indexed.
    return ("INSERT INTO document_texts_trigrams (document_texts_trigrams, rowid, text) "
            f"VALUES ('delete', {row}.id, {row}.text); "
            "INSERT INTO document_texts_grams (document_texts_grams, rowid, text) "
            f"VALUES ('delete', {row}.id, {GRAMS}({row}.text));")


def _postgres_search_index() -> None:
    conn = op.get_bind()
    # pg_trgm serves LIKE '%word%' for words of three characters and more. Creating it may be refused (a
    # server without the contrib package, a role without the right): the LIKE is then a scan, as before.
    try:
        with conn.begin_nested():
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            conn.execute(sa.text("CREATE INDEX ix_document_texts_trigrams ON document_texts "
                                 "USING gin (text gin_trgm_ops)"))
    except sa.exc.DBAPIError:
        pass
    # The letters, and the pairs of neighbouring letters in two passes of regular expressions (C, not SQL, does
    # the work): pairs from the first letter of each run (ab, cd), then from the second (bc, de).
    letter, pair = f"[{PG_CJK_LETTERS}]", f"[{PG_CJK_LETTERS}]{{2}}"
    conn.execute(sa.text(f"""
        CREATE FUNCTION {GRAMS}(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
            SELECT coalesce(array_agg(DISTINCT m[1]), '{{}}')
            FROM (SELECT regexp_matches(t, '{letter}', 'g')
                  UNION ALL SELECT regexp_matches(t, '{pair}', 'g')
                  UNION ALL SELECT regexp_matches(regexp_replace(t, '{letter}({letter}*)', '\\1', 'g'), '{pair}', 'g')
                 ) AS found(m)
        $f$"""))
    conn.execute(sa.text(f"CREATE INDEX ix_document_texts_grams ON document_texts USING gin ({GRAMS}(text))"))


# --- the kept counts ------------------------------------------------------------------------------------------

def _create_count_tables() -> None:
    op.create_table(
        "segment_counts",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("segments", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_segment_counts_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_segment_counts")),
    )
    op.create_table(
        "cell_counts",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("locale", sa.String(length=12), nullable=False),
        *(sa.Column(state, sa.Integer(), nullable=False) for state in STATES),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_cell_counts_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "locale", name=op.f("pk_cell_counts")),
    )


def _fill_counts() -> None:
    op.execute("INSERT INTO segment_counts (document_id, segments) "
               "SELECT document_id, count(*) FROM segments GROUP BY document_id")
    sums = ", ".join(f"sum(CASE WHEN c.state = '{state}' THEN 1 ELSE 0 END)" for state in STATES)
    op.execute(f"INSERT INTO cell_counts (document_id, locale, {', '.join(STATES)}) "
               f"SELECT s.document_id, c.locale, {sums} FROM cells c JOIN segments s ON s.id = c.segment_id "
               "GROUP BY s.document_id, c.locale")


# Counts change only for a document still there: a document's deletion cascades to its counts and its segments
# in no set order, and a count written for a document already gone would break the foreign key.
_COUNTED_DOCUMENT = "JOIN documents d ON d.id = s.document_id"
_UNCOUNT_SEGMENT = ("UPDATE segment_counts SET segments = segments - 1 WHERE document_id = {0}.document_id "
                    "AND EXISTS (SELECT 1 FROM documents WHERE id = {0}.document_id);")


def _add_to_counts(select: str) -> str:
    """An upsert adding the per-state numbers `select` gives for each (document, locale) to cell_counts."""
    added = ", ".join(f"{state} = cell_counts.{state} + excluded.{state}" for state in STATES)
    return (f"INSERT INTO cell_counts (document_id, locale, {', '.join(STATES)}) {select} "
            f"ON CONFLICT (document_id, locale) DO UPDATE SET {added};")


def _sqlite_cell_delta(row: str, sign: str) -> str:
    """Count (sign '') or uncount (sign '-') the cell `row` (new or old) in its document's row.

    A cell whose segment is gone counts nowhere: segments_uncounted deletes a segment's cells before the
    segment itself, so that this finds their document. Nor does a cell of a document being deleted, whose
    counts go with it (`_COUNTED_DOCUMENT`)."""
    per_state = ", ".join(f"{sign}({row}.state = '{state}')" for state in STATES)
    return _add_to_counts(f"SELECT s.document_id, {row}.locale, {per_state} FROM segments s {_COUNTED_DOCUMENT} "
                          f"WHERE s.id = {row}.segment_id")


def _sqlite_count_triggers() -> None:
    counted, uncounted = _sqlite_cell_delta("new", ""), _sqlite_cell_delta("old", "-")
    op.execute(f"CREATE TRIGGER cells_counted AFTER INSERT ON cells BEGIN {counted} END")
    op.execute(f"CREATE TRIGGER cells_uncounted AFTER DELETE ON cells BEGIN {uncounted} END")
    op.execute("CREATE TRIGGER cells_recounted AFTER UPDATE OF segment_id, locale, state ON cells "
               "WHEN old.segment_id IS NOT new.segment_id OR old.locale IS NOT new.locale "
               f"OR old.state IS NOT new.state BEGIN {uncounted} {counted} END")
    op.execute("CREATE TRIGGER segments_counted AFTER INSERT ON segments BEGIN "
               "INSERT INTO segment_counts (document_id, segments) VALUES (new.document_id, 1) "
               "ON CONFLICT (document_id) DO UPDATE SET segments = segments + 1; END")
    # Before: a cascade would delete the cells after the segment, when their document can no longer be told.
    op.execute("CREATE TRIGGER segments_uncounted BEFORE DELETE ON segments BEGIN "
               f"DELETE FROM cells WHERE segment_id = old.id; {_UNCOUNT_SEGMENT.format('old')} END")
    op.execute("CREATE TRIGGER segments_stay BEFORE UPDATE OF document_id ON segments "
               "WHEN old.document_id IS NOT new.document_id BEGIN "
               "SELECT RAISE(ABORT, 'a segment never moves to another document'); END")


def _postgres_cell_delta(rows: str, sign: str) -> str:
    """Count (sign '') or uncount (sign '-') the cells `rows` (a FROM item aliased x) per document and locale."""
    per_state = ", ".join(f"{sign}count(*) FILTER (WHERE x.state = '{state}')" for state in STATES)
    return _add_to_counts(f"SELECT s.document_id, x.locale, {per_state} FROM {rows} "
                          f"JOIN segments s ON s.id = x.segment_id {_COUNTED_DOCUMENT} "
                          "GROUP BY s.document_id, x.locale")


def _postgres_count_triggers() -> None:
    # Statement triggers with transition tables: an import of a million cells updates each count once.
    # An update counts again only the cells it moved or whose state it changed.
    changed = ("(SELECT {0}.* FROM old_cells o JOIN new_cells n ON n.id = o.id "
               "WHERE (o.segment_id, o.locale, o.state) IS DISTINCT FROM (n.segment_id, n.locale, n.state)) x")
    op.execute(f"""
        CREATE FUNCTION studio_count_cells() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {_postgres_cell_delta("new_cells x", "")}
            ELSIF TG_OP = 'DELETE' THEN
                {_postgres_cell_delta("old_cells x", "-")}
            ELSE
                {_postgres_cell_delta(changed.format("o"), "-")}
                {_postgres_cell_delta(changed.format("n"), "")}
            END IF;
            RETURN NULL;
        END $f$""")
    op.execute("CREATE TRIGGER cells_counted AFTER INSERT ON cells REFERENCING NEW TABLE AS new_cells "
               "FOR EACH STATEMENT EXECUTE FUNCTION studio_count_cells()")
    op.execute("CREATE TRIGGER cells_uncounted AFTER DELETE ON cells REFERENCING OLD TABLE AS old_cells "
               "FOR EACH STATEMENT EXECUTE FUNCTION studio_count_cells()")
    op.execute("CREATE TRIGGER cells_recounted AFTER UPDATE ON cells "
               "REFERENCING OLD TABLE AS old_cells NEW TABLE AS new_cells "
               "FOR EACH STATEMENT EXECUTE FUNCTION studio_count_cells()")
    op.execute("""
        CREATE FUNCTION studio_count_segments() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            INSERT INTO segment_counts (document_id, segments)
            SELECT document_id, count(*) FROM new_segments GROUP BY document_id
            ON CONFLICT (document_id) DO UPDATE SET segments = segment_counts.segments + excluded.segments;
            RETURN NULL;
        END $f$""")
    op.execute("CREATE TRIGGER segments_counted AFTER INSERT ON segments REFERENCING NEW TABLE AS new_segments "
               "FOR EACH STATEMENT EXECUTE FUNCTION studio_count_segments()")
    # Before, row by row: a cascade would delete the cells after the segment, when their document can no longer
    # be told.
    op.execute(f"""
        CREATE FUNCTION studio_uncount_segment() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            DELETE FROM cells WHERE segment_id = OLD.id;
            {_UNCOUNT_SEGMENT.format("OLD")}
            RETURN OLD;
        END $f$""")
    op.execute("CREATE TRIGGER segments_uncounted BEFORE DELETE ON segments "
               "FOR EACH ROW EXECUTE FUNCTION studio_uncount_segment()")
    op.execute("""
        CREATE FUNCTION studio_keep_segment() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF NEW.document_id IS DISTINCT FROM OLD.document_id THEN
                RAISE EXCEPTION 'a segment never moves to another document';
            END IF;
            RETURN NEW;
        END $f$""")
    op.execute("CREATE TRIGGER segments_stay BEFORE UPDATE OF document_id ON segments "
               "FOR EACH ROW EXECUTE FUNCTION studio_keep_segment()")

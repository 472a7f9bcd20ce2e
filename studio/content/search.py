"""Finding documents: by text (title, slug, source and translations), type, state, locale and review duty.

Text search reads `document_texts`, one case-folded row per document and language kept in step with every write,
through indexes the database keeps in step with that table (migrations 0004 and 0006). Each of a query's words is a
substring of one of the texts of each document found, exactly as a scan would find them:
- words of three characters and more: SQLite's trigram index (PostgreSQL: LIKE, served by pg_trgm);
- words of one or two Chinese, Japanese or Korean letters, which a trigram index cannot find: an index of every
  such letter and pair of neighbouring letters (`db.cjk_grams`);
- other words of one or two characters: a scan of the documents the other words left.

Progress is read from the counts the database keeps per document (`models.CellCount`, `models.SegmentCount`).
"""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Select,
    TableClause,
    Text,
    cast,
    column,
    delete,
    exists,
    func,
    insert,
    literal,
    literal_column,
    select,
    table,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from studio import db
from studio.content.segmenter import join_sentences
from studio.content.types import get_content_type
from studio.locales import LOCALE_CODES
from studio.models import Cell, CellCount, Document, DocumentText, Segment, SegmentCount, table_of
from studio.permissions import Actor
from studio.states import REJECTED, CellState

Progress = Mapping[str, Mapping[str, Mapping[str, int]]]
"""document id -> locale -> state -> number of cells (missing included)."""


@dataclass(frozen=True)
class DocumentFilter:
    """What the content tree shows; empty values mean "any"."""

    text: str = ""
    type: str = ""
    # A CellState, or REJECTED: cells a reviewer rejected that nobody confirmed again since. That is not a state
    # of its own (a rejected cell is a flagged draft, docs/architecture.md), so the progress counts do not hold it.
    state: str = ""
    locale: str = ""
    outdated: bool = False
    my_review: bool = False

    @property
    def is_empty(self) -> bool:
        return self == DocumentFilter()


def refresh_texts(session: Session, doc_ids: Iterable[str], locales: Iterable[str] | None = None) -> None:
    """Rewrite the search texts of these documents from their current rows: every text (None), or only the
    texts in `locales` (a translation written: the source and the other languages did not change)."""
    ids = sorted(set(doc_ids))
    if not ids:
        return
    only = None if locales is None else sorted(set(locales))
    # Two writers refreshing the same document would both write its row; on a server database the document
    # rows are locked first so the second waits (SQLite has one writer anyway).
    session.execute(select(Document.id).where(Document.id.in_(ids)).with_for_update())
    fresh = _current_texts(session, ids, only)
    stored = {(d, loc): (key, text) for key, d, loc, text in session.execute(
        select(DocumentText.id, DocumentText.document_id, DocumentText.locale, DocumentText.text)
        .where(DocumentText.document_id.in_(ids), *([DocumentText.locale.in_(only)] if only is not None else [])))}
    # Only rows whose text changed are written: each write re-indexes the whole text, old and new.
    gone = [key for place, (key, _) in stored.items() if place not in fresh]
    if gone:
        session.execute(delete(DocumentText).where(DocumentText.id.in_(gone)))
    for place, text in fresh.items():
        if place in stored and stored[place][1] != text:
            session.execute(update(DocumentText).where(DocumentText.id == stored[place][0]).values(text=text))
    new = [{"document_id": d, "locale": loc, "text": t} for (d, loc), t in fresh.items() if (d, loc) not in stored]
    if new:
        session.execute(insert(table_of(DocumentText)), new)


def _current_texts(session: Session, ids: list[str], only: list[str] | None) -> dict[tuple[str, str], str]:
    """The search texts of these documents in `only` (None: all), from their current rows."""
    parts: dict[tuple[str, str], list[str]] = defaultdict(list)
    sources = [(doc_id, source, title, slug) for doc_id, source, title, slug in session.execute(
        select(Document.id, Document.source_locale, Document.title, Document.slug).where(Document.id.in_(ids)))
        if only is None or source in only]
    for doc_id, source, title, slug in sources:
        parts[(doc_id, source)] += [title, slug]
    if sources:
        source_of = {doc_id: source for doc_id, source, _, _ in sources}
        for doc_id, text in session.execute(select(Segment.document_id, Segment.text)
                                            .where(Segment.document_id.in_(source_of)).order_by(Segment.position)):
            parts[(doc_id, source_of[doc_id])].append(text)
    for doc_id, locale, text in session.execute(
            select(Segment.document_id, Cell.locale, Cell.text).join(Segment, Cell.segment_id == Segment.id)
            .where(Segment.document_id.in_(ids), Cell.text != "",
                   *([Cell.locale.in_(only)] if only is not None else []))
            .order_by(Segment.position)):
        parts[(doc_id, locale)].append(text)
    return {place: search_text(p) for place, p in parts.items()}


def search_rows(doc_id: str, source_locale: str, source: Iterable[str],
                translations: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """The rows of `DocumentText` of a new document: its source (title, slug, sentences) and each locale's
    translations, from (locale, text) pairs."""
    parts: dict[str, list[str]] = defaultdict(list)
    for locale, text in translations:
        if text:
            parts[locale].append(text)
    return [{"document_id": doc_id, "locale": loc, "text": search_text(p)}
            for loc, p in [(source_locale, list(source)), *parts.items()]]


def search_text(parts: Iterable[str]) -> str:
    return "\n".join(parts).casefold()


FULL_TEXT_TABLES = ("document_texts_trigrams", "document_texts_grams")
"""SQLite's full-text indexes of document_texts (virtual tables, with shadow tables named after them)."""
_TRIGRAMS, _GRAMS = (table(name, column("rowid")) for name in FULL_TEXT_TABLES)


def matching_text(session: Session, query: str) -> set[str]:
    """Ids of live documents whose title, slug, source or any translation contains every word of `query` (each
    word in any of the document's texts)."""
    words = query.casefold().split()
    stmt = select(Document.id).where(Document.deleted_at.is_(None))
    with_words = _sqlite_words if session.get_bind().dialect.name == "sqlite" else _server_words
    return set(session.connection().execute(with_words(stmt, words)).scalars().all())


def _short_cjk(word: str) -> bool:
    return len(word) <= 2 and db.is_cjk(word)


def _sqlite_words(stmt: Select[str], words: list[str]) -> Select[str]:
    # A NUL would end the full-text query early: such a word is scanned for, as before.
    long = [w for w in words if len(w) >= 3 and "\0" not in w]
    short = [w for w in words if _short_cjk(w)]
    found = [_having(_full_text(_TRIGRAMS, w)) for w in long] + [_having(_full_text(_GRAMS, w)) for w in short]
    return stmt.where(*found, *_scanned(w for w in words if w not in long and w not in short))


def _having(rows: Select[int]) -> ColumnElement[bool]:
    """The document has a text among `rows` (ids of document_texts)."""
    # `id + 0`, not `id`: SQLite then reads the documents of the rows found from the index of document_id
    # (which holds each row's id) rather than each row, long text included, from the table.
    return Document.id.in_(select(DocumentText.document_id).where((DocumentText.id + 0).in_(rows)))


def _full_text(index: TableClause, term: str) -> Select[int]:
    """Rows of a full-text `index` holding `term` as a phrase: quoted, so that no text a user types is an
    operator (OR, NOT, NEAR, *, ^, parentheses) or a syntax error."""
    return select(index.c.rowid).where(literal_column(index.name).op("MATCH")('"' + term.replace('"', '""') + '"'))


def _server_words(stmt: Select[str], words: list[str]) -> Select[str]:
    # The same expression as the index (migration 0004), so that PostgreSQL uses it.
    grams = func.studio_cjk_grams_v1(DocumentText.text)
    found = [Document.id.in_(select(DocumentText.document_id).where(
        grams.op("@>")(cast(literal([w], ARRAY(Text)), ARRAY(Text))))) for w in words if _short_cjk(w)]
    return stmt.where(*found, *_scanned(w for w in words if not _short_cjk(w)))


def _scanned(words: Iterable[str]) -> list[ColumnElement[bool]]:
    """The document has a text holding each word, looked for in the texts of the documents the other words left
    (PostgreSQL: through its trigram index)."""
    return [exists().where(DocumentText.document_id == Document.id, DocumentText.text.contains(w, autoescape=True))
            for w in words]


def document_titles(session: Session, locale: str, ids: Iterable[str] | None = None) -> dict[str, str]:
    """The title of each live document (or of those of `ids`) in `locale`, where it has one: the source title
    of a document written in it, else the translation of every sentence of its title field (a draft counts: it
    reads better than a title in a language the user may not read). Documents without one are left out."""
    only = [Document.id.in_(list(ids))] if ids is not None else []
    titles: dict[str, str] = {}
    title_paths: dict[str, str] = {}
    for doc_id, doc_type, source, title in session.execute(
            select(Document.id, Document.type, Document.source_locale, Document.title)
            .where(Document.deleted_at.is_(None), *only)):
        if source == locale:
            titles[doc_id] = title
        else:
            title_paths[doc_id] = get_content_type(doc_type).title_field
    sentences: dict[str, list[str | None]] = defaultdict(list)
    for doc_id, path, text, state in session.execute(
            select(Segment.document_id, Segment.field_path, Cell.text, Cell.state)
            .join(Document, Document.id == Segment.document_id)
            .outerjoin(Cell, (Cell.segment_id == Segment.id) & (Cell.locale == locale))
            # The same documents as above, by a join: an IN list of every document id grows with the workspace.
            .where(Document.deleted_at.is_(None), Document.source_locale != locale, *only,
                   Segment.field_path.in_(sorted(set(title_paths.values()))))
            .order_by(Segment.document_id, Segment.position)):
        if title_paths.get(doc_id) == path:
            sentences[doc_id].append(text if text and state != CellState.MISSING else None)
    for doc_id, texts in sentences.items():
        if texts and all(texts):
            titles[doc_id] = join_sentences([t for t in texts if t], locale)
    return titles


EXACT, IN_TITLE, IN_TEXT = 0, 1, 2
"""How well a document matches a search, best first: its slug or a title is the query; the query is part of
its slug or a title; the query's words are somewhere in its texts."""


def match_rank(query: str, slug: str, titles: Sequence[str]) -> int:
    """EXACT, IN_TITLE or IN_TEXT for a document found by `query` (case and surrounding spaces ignored)."""
    wanted = query.strip().casefold()
    names = [slug.casefold(), *(t.strip().casefold() for t in titles)]
    if wanted in names:
        return EXACT
    if wanted and any(wanted in name for name in names):
        return IN_TITLE
    return IN_TEXT


def document_progress(session: Session, ids: Iterable[str] | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """For every live document (or those of `ids`) and each target locale, the number of cells in each state."""
    with _collector_paused():
        return _progress(session.connection(), list(ids) if ids is not None else None)


def _progress(conn: Connection, ids: list[str] | None) -> dict[str, dict[str, dict[str, int]]]:
    # Core rows, not the ORM's: this reads every document's counts for the tree, and should take milliseconds.
    documents = conn.execute(
        select(Document.id, Document.source_locale, func.coalesce(SegmentCount.segments, 0))
        .outerjoin(SegmentCount, SegmentCount.document_id == Document.id)
        .where(Document.deleted_at.is_(None), *([Document.id.in_(ids)] if ids is not None else []))).all()
    # The counts of deleted documents too, rather than a join to leave them out: they are few, the join is not.
    kept: dict[tuple[str, str], Sequence[int]] = {
        (row[0], row[1]): row[2:] for row in conn.execute(
            select(CellCount.document_id, CellCount.locale, *KEPT_COLUMNS)
            .where(*([CellCount.document_id.in_(ids)] if ids is not None else []))).all()}
    return {doc_id: {loc: cell_states(segments, kept.get((doc_id, loc), NOTHING_KEPT)) for loc in _targets(source)}
            for doc_id, source, segments in documents}


_pause_lock = threading.Lock()
_pauses = 0  # threads inside `_collector_paused` now
_resume = False  # whether the last of them turns automatic collection on again


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a row and a dictionary per document and locale are made: each few
    hundred new containers would start a collection that walks everything the process holds (at ten times the
    portal, a third of the time of `document_progress`). Reference counting frees what it should meanwhile.

    Threads may overlap here: the first one in pauses, and the last one out turns collection on again only if
    it was on when the first came in. So a thread never turns on a collector that the window keeps off (it
    collects on its own thread: `studio.ui.app.MainThreadCollector`)."""
    global _pauses, _resume
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


KEPT_COLUMNS = (CellCount.draft, CellCount.translated, CellCount.approved, CellCount.outdated)
"""The columns of `models.CellCount`, one per state but missing, in the order `cell_states` takes them."""
NOTHING_KEPT = (0, 0, 0, 0)


@cache
def _targets(source: str) -> tuple[str, ...]:
    """The locales a document written in `source` is translated into."""
    return tuple(loc for loc in LOCALE_CODES if loc != source)


def cell_states(segments: int, counts: Sequence[int]) -> dict[str, int]:
    """The number of cells in each state, every state in `CellState`'s order, of `segments` segments in one
    locale with these kept `counts` (of `KEPT_COLUMNS`): the segments none of them counts are missing."""
    draft, translated, approved, outdated = counts
    return {_MISSING: max(segments - draft - translated - approved - outdated, 0),
            _DRAFT: draft, _TRANSLATED: translated, _APPROVED: approved, _OUTDATED: outdated}


# Plain names: this runs for every document and locale, and an enum's members are slower to look up.
_MISSING, _DRAFT, _TRANSLATED, _APPROVED, _OUTDATED = CellState


def awaiting_review(session: Session, actor: Actor) -> set[str]:
    """Documents with confirmed cells in the actor's review locales that someone else translated."""
    if not actor.review_locales:
        return set()
    return set(session.scalars(
        select(Segment.document_id).join(Cell, Cell.segment_id == Segment.id)
        .where(Cell.state == CellState.TRANSLATED, Cell.locale.in_(sorted(actor.review_locales)),
               (Cell.author_id != actor.id) | Cell.author_id.is_(None))
        .distinct()))


def rejected(session: Session, locale: str = "") -> set[str]:
    """Documents with cells (in `locale`, when given) that a reviewer rejected and nobody confirmed since."""
    only = [Cell.locale == locale] if locale else []
    return set(session.scalars(select(Segment.document_id).join(Cell, Cell.segment_id == Segment.id)
                               .where(Cell.flagged.is_(True), *only).distinct()))


def find_documents(session: Session, flt: DocumentFilter, actor: Actor | None,
                   progress: Progress | None = None) -> set[str]:
    """Ids of the live documents that pass `flt` (those of `progress` only, when it is given to spare its query)."""
    text = flt.text.strip()
    if progress is not None:
        ids = set(progress) & matching_text(session, flt.text) if text else set(progress)
    else:
        ids = matching_text(session, flt.text) if text else _live(session)
    if flt.type:
        ids &= set(session.scalars(select(Document.id).where(Document.type == flt.type)))
    if flt.my_review:
        ids &= awaiting_review(session, actor) if actor is not None else set()
    if flt.state == REJECTED:
        ids &= rejected(session, flt.locale)
    wanted_states = [s for s in (flt.state, CellState.OUTDATED if flt.outdated else "") if s and s != REJECTED]
    if not (wanted_states or flt.locale):
        return ids
    if progress is None:
        progress = document_progress(session, ids if len(ids) <= _FEW else None)
    for state in wanted_states:
        ids = {d for d in ids if any(
            counts.get(state, 0) for loc, counts in progress[d].items() if not flt.locale or loc == flt.locale)}
    if flt.locale and not wanted_states:
        ids = {d for d in ids if flt.locale in progress[d]}
    return ids


_FEW = 500
"""Up to this many documents are named in a query; more are read with all the others and picked out."""


def _live(session: Session) -> set[str]:
    return set(session.scalars(select(Document.id).where(Document.deleted_at.is_(None))))

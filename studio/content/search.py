"""Finding documents: by text (title, slug, source and translations), type, state, locale and review duty.

Text search scans `document_texts`, one case-folded row per document kept in step with every write: a plain
substring scan finds two-character Chinese words that a trigram index misses, and stays well under the
200 ms a search may take on the portal-scale corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from studio.content.segmenter import join_sentences
from studio.content.types import get_content_type
from studio.locales import LOCALE_CODES
from studio.models import Cell, Document, DocumentText, Segment, table_of
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


def refresh_texts(session: Session, doc_ids: Iterable[str]) -> None:
    """Rewrite the search text of these documents from their current rows."""
    ids = sorted(set(doc_ids))
    if not ids:
        return
    # Two writers refreshing the same document would both delete and insert its row; on a server database
    # the document rows are locked first so the second waits (SQLite has one writer anyway).
    session.execute(select(Document.id).where(Document.id.in_(ids)).with_for_update())
    parts: dict[str, list[str]] = defaultdict(list)
    for doc_id, title, slug in session.execute(select(Document.id, Document.title, Document.slug)
                                               .where(Document.id.in_(ids))):
        parts[doc_id] += [title, slug]
    for doc_id, text in session.execute(select(Segment.document_id, Segment.text)
                                        .where(Segment.document_id.in_(ids)).order_by(Segment.position)):
        parts[doc_id].append(text)
    for doc_id, text in session.execute(select(Segment.document_id, Cell.text)
                                        .join(Segment, Cell.segment_id == Segment.id)
                                        .where(Segment.document_id.in_(ids))):
        parts[doc_id].append(text)
    session.execute(delete(DocumentText).where(DocumentText.document_id.in_(ids)))
    if parts:
        session.execute(insert(table_of(DocumentText)),
                        [{"document_id": d, "text": search_text(p)} for d, p in parts.items()])


def search_text(parts: Iterable[str]) -> str:
    return "\n".join(parts).casefold()


def matching_text(session: Session, query: str) -> set[str]:
    """Ids of live documents whose title, slug, source or any translation contains every word of `query`."""
    words = query.casefold().split()
    stmt = (select(DocumentText.document_id).join(Document, Document.id == DocumentText.document_id)
            .where(Document.deleted_at.is_(None)))
    for word in words:
        stmt = stmt.where(DocumentText.text.contains(word, autoescape=True))
    return set(session.scalars(stmt))


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
    only = [Segment.document_id.in_(list(ids))] if ids is not None else []
    segments = dict(session.execute(
        select(Segment.document_id, func.count(Segment.id)).join(Document, Document.id == Segment.document_id)
        .where(Document.deleted_at.is_(None), *only).group_by(Segment.document_id)).all())
    counts: dict[str, dict[str, dict[str, int]]] = {}
    doc_only = [Document.id.in_(list(ids))] if ids is not None else []
    for doc_id, source in session.execute(select(Document.id, Document.source_locale)
                                          .where(Document.deleted_at.is_(None), *doc_only)):
        counts[doc_id] = {loc: dict.fromkeys(CellState, 0) for loc in LOCALE_CODES if loc != source}
    for doc_id, locale, state, n in session.execute(
            select(Segment.document_id, Cell.locale, Cell.state, func.count())
            .select_from(Cell).join(Segment, Cell.segment_id == Segment.id)
            .where(Cell.state != CellState.MISSING, *only)
            .group_by(Segment.document_id, Cell.locale, Cell.state)):
        if doc_id in counts and locale in counts[doc_id]:
            counts[doc_id][locale][state] = n
    for doc_id, per_locale in counts.items():
        for states in per_locale.values():
            states[CellState.MISSING] = max(segments.get(doc_id, 0) - sum(states.values()), 0)
    return counts


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
    """Ids of the live documents that pass `flt`. `progress` may be given to spare its query."""
    if progress is None:
        progress = document_progress(session)
    ids = set(progress)
    if flt.text.strip():
        ids &= matching_text(session, flt.text)
    if flt.type:
        ids &= set(session.scalars(select(Document.id).where(Document.type == flt.type)))
    if flt.my_review:
        ids &= awaiting_review(session, actor) if actor is not None else set()
    if flt.state == REJECTED:
        ids &= rejected(session, flt.locale)
    wanted_states = [s for s in (flt.state, CellState.OUTDATED if flt.outdated else "") if s and s != REJECTED]
    for state in wanted_states:
        ids = {d for d in ids if any(
            counts.get(state, 0) for loc, counts in progress[d].items() if not flt.locale or loc == flt.locale)}
    if flt.locale and not wanted_states:
        ids = {d for d in ids if flt.locale in progress[d]}
    return ids

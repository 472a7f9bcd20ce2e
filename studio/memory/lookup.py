"""Looking up the translation memory: exact (100%), in context (101%) and fuzzy matches for one source segment,
with the candidates for every target locale in one result (one look-up per segment, shared by the eight targets).

The memory's units are the confirmed and approved cells (read live from cells and segments: approved ranks above
confirmed) and the units imported from TMX files (`memory_units`). `studio.memory.index` finds the candidates;
this module folds new units into it, scores the candidates with rapidfuzz and reads their translations.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from studio.memory.index import MemoryIndex, Ref, index_for
from studio.models import Cell, Document, MemoryFeed, MemoryIdentity, MemoryUnit, Segment, table_of
from studio.states import CellState

MIN_SCORE = 50
"""Below this a fuzzy match is more work to fix than to translate afresh (memoQ's and Trados' usual floor)."""
EXACT, IN_CONTEXT = 100, 101
DRAFT_PENALTY = 5  # an imported unit its file called unconfirmed
OTHER_TYPE_PENALTY = 3  # a unit from another content type: a guide's sentence may be worded apart from a news item's
MATCHES_PER_LOCALE = 5  # Ctrl+1 … Ctrl+5
FUZZY_CANDIDATES = 48  # texts the gram index hands rapidfuzz for each look-up
REFS_PER_TEXT = 40  # sentences of one source text read: "免费。" may stand in hundreds of documents
_CHUNK = 900
_LOOKBACK = 1000  # feed ids below the mark a first build on PostgreSQL checks for transactions still in flight
_GAPS_KEPT = 10_000  # feed ids not yet committed that refresh asks for again (PostgreSQL)
_GAP_PATIENCE_S = 600.0  # after which a missing id is taken for a rolled-back transaction's
_MEMORY_STATES = (CellState.TRANSLATED, CellState.APPROVED)
_RANK = {"approved": 3, "translated": 2, "imported": 1, "imported-draft": 0}


@dataclass(frozen=True)
class MemoryQuery:
    """What to look up: a source text in its locale, and where it stands (for 101% matches and the penalties)."""

    text: str
    source_locale: str
    document_type: str | None = None
    field_path: str | None = None
    before: str | None = None  # the source of the segment before, in document order ("" at the start)
    after: str | None = None
    segment_id: int | None = None  # the segment looked up for: its own cells are no match for it


@dataclass(frozen=True)
class MemoryMatch:
    """One translation the memory offers: its score (101 in context, 100 exact, else fuzzy less penalties), the
    unit's source and target, what kind of unit (approved, translated, imported, imported-draft), where it comes
    from (a document's slug, or the TMX file's name) and that document's content type if known."""

    score: int
    locale: str
    source: str
    target: str
    kind: str
    origin: str
    document_type: str | None
    segment_id: int | None = None
    unit_id: int | None = None
    when: datetime | None = None

    @property
    def origin_tag(self) -> str:
        """The origin a cell drafted from this match records: `tm:<score>`."""
        return f"tm:{self.score}"


@dataclass(frozen=True)
class MemoryLookup:
    """The matches for one source segment in every target locale, best first within each locale."""

    text: str
    source_locale: str
    matches: tuple[MemoryMatch, ...]

    def for_locale(self, locale: str) -> list[MemoryMatch]:
        return [m for m in self.matches if m.locale == locale]

    def best(self, locale: str) -> MemoryMatch | None:
        return next((m for m in self.matches if m.locale == locale), None)


def database_key(session: Session) -> str:
    """Which database a session reads, as the index registry files it: a digest of its URL, whose password (on
    PostgreSQL) is then held nowhere new."""
    return url_key(session.get_bind().engine.url.render_as_string(hide_password=False))


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def memory_index(session: Session) -> MemoryIndex:
    """This database's index, with every unit confirmed, approved or imported since the last call folded in."""
    return _opened(session)[0]


def _opened(session: Session) -> tuple[MemoryIndex, int]:
    """The index, brought up to date, and the highest feed id `session` sees (its snapshot's age)."""
    identity, seen = session.execute(_STATE).one()
    index = index_for(database_key(session), identity or "")
    refresh(session, index, seen or 0)
    return index, seen or 0


def refresh(session: Session, index: MemoryIndex, seen: int) -> None:
    """Fold into `index` what `memory_feed` says changed since its mark (everything, the first time), as far as
    `session`, which sees feed ids up to `seen`, can tell.

    A session with an older snapshot than the index's (a job's reading transaction) leaves it as it is: marks
    never move back. The database is read under `refresh_lock` only; the index's `lock` is taken to fold in."""
    postgres = session.get_bind().dialect.name == "postgresql"
    with index.refresh_lock:
        if index.built and (seen < index.mark or (seen == index.mark and not index.gaps)):
            return
        if not index.built:
            rows = _source_rows(session) + _unit_sources(session, None)
            with index.lock:
                index.add_all(rows)
                index.changed()
                index.mark, index.built = seen, True
            if postgres:  # transactions in flight now took ids just below `seen`: watch for them
                _note_gaps(session, index, max(0, seen - _LOOKBACK), seen)
            return
        low = index.mark
        feed: list[Any] = list(session.execute(select(MemoryFeed.id, MemoryFeed.segment_id, MemoryFeed.document_id,
                                      MemoryFeed.unit_id).where(MemoryFeed.id > low, MemoryFeed.id <= seen)))
        if index.gaps:
            late = [row for start in range(0, len(index.gaps), _CHUNK) for row in session.execute(
                select(MemoryFeed.id, MemoryFeed.segment_id, MemoryFeed.document_id, MemoryFeed.unit_id)
                .where(MemoryFeed.id.in_(list(index.gaps)[start:start + _CHUNK])))]
            for row in late:
                index.gaps.pop(row.id, None)
            feed += late
        if postgres and seen > low:
            found = {row.id for row in feed}
            now = time.monotonic()
            for missing in range(max(low + 1, seen - _GAPS_KEPT), seen + 1):
                if missing not in found:
                    index.gaps.setdefault(missing, now)
        _expire_gaps(index)
        segments = sorted({r.segment_id for r in feed if r.segment_id is not None})
        documents = sorted({r.document_id for r in feed if r.document_id is not None})
        units = sorted({r.unit_id for r in feed if r.unit_id is not None})
        rows = (_source_rows(session, segments=segments) + _source_rows(session, documents=documents)
                + _unit_sources(session, units))
        with index.lock:
            index.add_all(rows)
            if feed:
                index.changed()  # a unit withdrawn or deleted leaves no row to fold in, yet changes results
            index.mark = max(index.mark, seen)


def _note_gaps(session: Session, index: MemoryIndex, low: int, high: int) -> None:
    found = set(session.scalars(select(MemoryFeed.id).where(MemoryFeed.id > low, MemoryFeed.id <= high)))
    now = time.monotonic()
    for missing in range(low + 1, high + 1):
        if missing not in found:
            index.gaps.setdefault(missing, now)
    _expire_gaps(index)


def _expire_gaps(index: MemoryIndex) -> None:
    """Ids missed long ago belong to transactions rolled back (a sequence never gives an id back): stop asking."""
    now = time.monotonic()
    for gap, since in list(index.gaps.items()):
        if now - since > _GAP_PATIENCE_S:
            del index.gaps[gap]
    while len(index.gaps) > _GAPS_KEPT:
        del index.gaps[min(index.gaps)]


def _source_rows(session: Session, *, segments: Sequence[int] | None = None,
                 documents: Sequence[str] | None = None) -> list[tuple[str, str, Ref]]:
    """(source locale, source text, segment id) of the segments of live documents with a confirmed or approved
    cell: all of them, or those among `segments`, or those of `documents`."""
    base = (select(Document.source_locale, Segment.text, Segment.id).join(Document, Document.id == Segment.document_id)
            .where(Document.deleted_at.is_(None),
                   Segment.id.in_(select(Cell.segment_id).where(Cell.state.in_(_MEMORY_STATES)))))
    if segments is None and documents is None:
        return [tuple(row) for row in session.execute(base)]  # type: ignore[misc]
    out: list[tuple[str, str, Ref]] = []
    keys: Sequence[Any] = segments if segments is not None else documents or ()
    column = Segment.id if segments is not None else Segment.document_id
    for start in range(0, len(keys), _CHUNK):
        out += [tuple(row) for row in session.execute(base.where(column.in_(keys[start:start + _CHUNK])))]  # type: ignore[misc]
    return out


def _unit_sources(session: Session, units: Sequence[int] | None) -> list[tuple[str, str, Ref]]:
    table = table_of(MemoryUnit)
    base = select(table.c.source_locale, table.c.source_text, table.c.id)
    if units is None:
        return [(locale, text, -unit_id) for locale, text, unit_id in session.execute(base)]
    out: list[tuple[str, str, Ref]] = []
    for start in range(0, len(units), _CHUNK):
        out += [(locale, text, -unit_id) for locale, text, unit_id in
                session.execute(base.where(table.c.id.in_(units[start:start + _CHUNK])))]
    return out


def query_for_segment(session: Session, segment_id: int) -> MemoryQuery | None:
    """The look-up for a stored segment: its text, locale, type, field and neighbours; None if it is gone."""
    row = session.execute(
        select(Segment.text, Segment.field_path, Segment.position, Segment.document_id, Document.type,
               Document.source_locale)
        .join(Document, Document.id == Segment.document_id).where(Segment.id == segment_id)).first()
    if row is None:
        return None
    around = dict(session.execute(select(Segment.position, Segment.text).where(
        Segment.document_id == row.document_id, Segment.position.in_((row.position - 1, row.position + 1)))).all())
    return MemoryQuery(row.text, row.source_locale, row.type, row.field_path, around.get(row.position - 1, ""),
                       around.get(row.position + 1, ""), segment_id)


def best_sources(index: MemoryIndex, text: str, source_locale: str,
                 min_score: int = MIN_SCORE) -> list[tuple[int, str, tuple[Ref, ...]]]:
    """(score, source text, refs) of the source texts closest to `text`, best first: the identical one (100) and
    up to `FUZZY_CANDIDATES` fuzzy ones (99 at most) scoring `min_score` or more. A text held by very many
    sentences gives its `REFS_PER_TEXT` latest. No database: the caller holds the index's lock."""
    source = index.by_locale.get(source_locale)
    if source is None or not text.strip():
        return []
    out: list[tuple[int, str, tuple[Ref, ...]]] = []
    exact = source.ids.get(text)
    if exact is not None and source.refs[exact]:
        out.append((EXACT, text, tuple(source.refs[exact][-REFS_PER_TEXT:])))
    ids = source.candidates(text, min_score - 1, FUZZY_CANDIDATES)
    choices = {i: source.texts[i] for i in ids if i != exact and source.refs[i]}
    for found, score, text_id in process.extract(text, choices, scorer=fuzz.ratio, processor=None,
                                                 limit=FUZZY_CANDIDATES, score_cutoff=min_score):
        # only identical texts are 100
        out.append((min(99, round(score)), found, tuple(source.refs[text_id][-REFS_PER_TEXT:])))
    return out


def look_up(session: Session, query: MemoryQuery, *, min_score: int = MIN_SCORE) -> MemoryLookup:
    """The memory's matches for `query` in every locale, at least `min_score` after penalties.

    The translations of every source scoring `min_score` among the index's candidates are read, in one query: a
    sentence translated into English often but into Arabic once gets its Arabic match too, however many English
    ones rank above it. Every row read is checked against the text the index holds for it."""
    index, seen = _opened(session)
    key = (query, min_score)
    with index.lock:
        found = index.cached(key)
        if found is not None:
            return found
        generation = index.generation
        sources = best_sources(index, query.text, query.source_locale, min_score)
    scored = {(ref, text): score for score, text, refs in sources for ref in refs
              if not (ref == query.segment_id and text == query.text)}  # its own cells are no match for it
    matches, stale = _matches(session, query, scored)
    result = MemoryLookup(query.text, query.source_locale, tuple(_best_per_locale(
        _penalised(query, matches, min_score))))
    with index.lock:
        # A row this session reads may be older than the index (a job's long transaction): only a session at
        # least as new as every change folded in may tell that a ref has gone.
        if stale and seen >= index.mark and not index.gaps:
            for ref, text in stale:
                index.source(query.source_locale).remove(text, ref)
        index.remember(key, result, generation)
    return result


def _matches(session: Session, query: MemoryQuery,
             scored: dict[tuple[Ref, str], int]) -> tuple[list[MemoryMatch], list[tuple[Ref, str]]]:
    """The translations of the (ref, source text) pairs in `scored`, before penalties, and the pairs whose row
    holds another source now or no unit at all (stale: a deleted sentence's id taken by a new one, a translation
    withdrawn, a document deleted)."""
    out: list[MemoryMatch] = []
    live: set[tuple[Ref, str]] = set()
    segments = sorted({ref for ref, _text in scored if ref > 0})
    context = (query.before or "", query.after or "")
    rows = [row for row in _cell_rows(session, segments) if (row.segment_id, row.source) in scored]
    in_place = {row.segment_id for row in rows if scored[(row.segment_id, row.source)] == EXACT
                and query.field_path is not None and row.field_path == query.field_path}
    around = _neighbours(session, sorted(in_place))
    for row in rows:
        live.add((row.segment_id, row.source))
        base = scored[(row.segment_id, row.source)]
        if row.segment_id in in_place and around.get(row.segment_id, ("", "")) == context:
            base = IN_CONTEXT
        out.append(MemoryMatch(base, row.locale, row.source, row.text, str(row.state), row.slug, row.type,
                               segment_id=row.segment_id, when=row.updated_at))
    units = sorted({-ref for ref, _text in scored if ref < 0})
    for unit in _unit_rows(session, units):
        if (-unit.id, unit.source_text) not in scored:
            continue
        live.add((-unit.id, unit.source_text))
        base = scored[(-unit.id, unit.source_text)]
        if (base == EXACT and query.field_path is not None and unit.field_path == query.field_path
                and (unit.context_before or "", unit.context_after or "") == context):
            base = IN_CONTEXT
        out.append(MemoryMatch(base, unit.target_locale, unit.source_text, unit.target_text,
                               "imported-draft" if unit.draft else "imported", unit.file_name, unit.document_type,
                               unit_id=unit.id, when=unit.created_at or unit.imported_at))
    return out, [pair for pair in scored if pair not in live]


def _penalised(query: MemoryQuery, matches: Iterable[MemoryMatch], min_score: int) -> list[MemoryMatch]:
    out = []
    for m in matches:
        score = m.score
        if m.kind == "imported-draft":
            score -= DRAFT_PENALTY
        if query.document_type and m.document_type and m.document_type != query.document_type:
            score -= OTHER_TYPE_PENALTY
        if score >= min_score and m.locale != query.source_locale:
            out.append(MemoryMatch(score, m.locale, m.source, m.target, m.kind, m.origin, m.document_type,
                                   m.segment_id, m.unit_id, m.when))
    return out


def _best_per_locale(matches: Iterable[MemoryMatch]) -> list[MemoryMatch]:
    """Best first (score, then approved over confirmed over imported, then the newest), one match per distinct
    translation, `MATCHES_PER_LOCALE` per locale."""
    ordered = sorted(matches, key=lambda m: (-m.score, -_RANK[m.kind], -(m.when.timestamp() if m.when else 0)))
    seen: set[tuple[str, str]] = set()
    counts: dict[str, int] = defaultdict(int)
    out = []
    for m in ordered:
        if (m.locale, m.target) in seen or counts[m.locale] >= MATCHES_PER_LOCALE:
            continue
        seen.add((m.locale, m.target))
        counts[m.locale] += 1
        out.append(m)
    return out


# Built once: a look-up runs these every time, and building a statement costs as much as running it on SQLite.
_STATE = select(select(MemoryIdentity.database_id).scalar_subquery(), select(func.max(MemoryFeed.id)).scalar_subquery())
_CELLS = (select(Cell.segment_id, Cell.locale, Cell.text, Cell.state, Cell.updated_at, Segment.text.label("source"),
                 Segment.field_path, Segment.position, Segment.document_id, Document.type, Document.slug)
          .join(Segment, Segment.id == Cell.segment_id).join(Document, Document.id == Segment.document_id)
          .where(Cell.segment_id.in_(bindparam("ids", expanding=True)), Cell.state.in_(_MEMORY_STATES),
                 Document.deleted_at.is_(None)))
_UNITS = select(table_of(MemoryUnit)).where(table_of(MemoryUnit).c.id.in_(bindparam("ids", expanding=True)))


def _cell_rows(session: Session, segment_ids: Sequence[int]) -> list[Any]:
    rows: list[Any] = []
    for start in range(0, len(segment_ids), _CHUNK):
        rows += session.execute(_CELLS, {"ids": list(segment_ids[start:start + _CHUNK])}).all()
    return rows


def _unit_rows(session: Session, unit_ids: Sequence[int]) -> list[Any]:
    rows: list[Any] = []
    for start in range(0, len(unit_ids), _CHUNK):
        rows += session.execute(_UNITS, {"ids": list(unit_ids[start:start + _CHUNK])}).all()
    return rows


_AROUND = aliased(Segment)
_NEIGHBOURS = (select(Segment.id, _AROUND.position - Segment.position, _AROUND.text)
               .join(_AROUND, and_(_AROUND.document_id == Segment.document_id,
                                   or_(_AROUND.position == Segment.position - 1,
                                       _AROUND.position == Segment.position + 1)))
               .where(Segment.id.in_(bindparam("ids", expanding=True))))


def _neighbours(session: Session, segment_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Segment id -> the sources before and after it ("" at a document's start or end), in one query."""
    found: dict[int, dict[int, str]] = defaultdict(dict)
    for start in range(0, len(segment_ids), _CHUNK):
        for seg_id, offset, text in session.execute(_NEIGHBOURS, {"ids": list(segment_ids[start:start + _CHUNK])}):
            found[seg_id][offset] = text
    return {seg_id: (found[seg_id].get(-1, ""), found[seg_id].get(1, "")) for seg_id in segment_ids}


def identical_sources(session: Session, segment_id: int) -> list[int]:
    """The other live segments whose source is the same text in the same locale as `segment_id`'s."""
    row = session.execute(select(Segment.text, Segment.source_hash, Document.source_locale)
                          .join(Document, Document.id == Segment.document_id)
                          .where(Segment.id == segment_id)).first()
    if row is None:
        return []
    return list(session.scalars(
        select(Segment.id).join(Document, Document.id == Segment.document_id)
        .where(and_(Segment.source_hash == row.source_hash, Segment.text == row.text, Segment.id != segment_id,
                    Document.source_locale == row.source_locale, Document.deleted_at.is_(None)))
        .order_by(Segment.document_id, Segment.position)))


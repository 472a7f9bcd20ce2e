"""The memory's units as plain values: storing imported ones, and reading every unit for an export."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from studio.models import Cell, Document, MemoryUnit, Segment, table_of, utcnow
from studio.states import CellState

_CHUNK = 900


@dataclass(frozen=True)
class NewUnit:
    """One imported source text and its translation into one locale, with what the file said about it."""

    source_locale: str
    target_locale: str
    source_text: str
    target_text: str
    file_name: str
    draft: bool = False
    document_type: str | None = None
    field_path: str | None = None
    context_before: str | None = None
    context_after: str | None = None
    note: str | None = None
    tool: str | None = None
    created_by: str | None = None
    created_at: datetime | None = None

    @property
    def pair_hash(self) -> str:
        key = "\x00".join((self.source_locale, self.target_locale, self.source_text, self.target_text))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


def add_units(session: Session, units: Sequence[NewUnit]) -> tuple[int, int]:
    """Store `units`, leaving out those the memory already holds (same locales and texts); returns (added,
    already there)."""
    fresh: dict[str, NewUnit] = {}
    for unit in units:
        fresh.setdefault(unit.pair_hash, unit)
    hashes = list(fresh)
    for start in range(0, len(hashes), _CHUNK):
        for known in session.scalars(select(MemoryUnit.pair_hash)
                                     .where(MemoryUnit.pair_hash.in_(hashes[start:start + _CHUNK]))):
            fresh.pop(known, None)
    now = utcnow()
    rows = [{"source_locale": u.source_locale, "target_locale": u.target_locale, "source_text": u.source_text,
             "target_text": u.target_text, "pair_hash": h, "draft": u.draft, "document_type": u.document_type,
             "field_path": u.field_path, "context_before": u.context_before, "context_after": u.context_after,
             "note": u.note, "file_name": u.file_name, "tool": u.tool, "created_by": u.created_by,
             "created_at": u.created_at, "imported_at": now} for h, u in fresh.items()]
    # Another import of the same file committing meanwhile (PostgreSQL) stored some of these already: skipped.
    dialect = session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table_of(MemoryUnit))
    statement = statement.on_conflict_do_nothing(index_elements=["pair_hash"])
    for start in range(0, len(rows), 5000):
        session.execute(statement, rows[start:start + 5000])
    return len(rows), len(units) - len(rows)


@dataclass(frozen=True)
class ExportUnit:
    """One translation unit to write: a source and its translations (locale -> text), with its context."""

    source_locale: str
    source: str
    targets: dict[str, str]
    states: dict[str, str] = field(default_factory=dict)  # locale -> approved / translated / draft
    document_type: str | None = None
    field_path: str | None = None
    context_before: str | None = None
    context_after: str | None = None
    origin: str | None = None  # a document's slug, or the file a unit was imported from
    note: str | None = None
    changed: datetime | None = None


def exportable(session: Session, locales: Sequence[str] | None = None) -> Iterator[ExportUnit]:
    """Every unit of the memory, translations limited to `locales` (None: all): one per segment with a confirmed
    or approved cell of a live document (its translations together), then the imported units one by one."""
    wanted = set(locales) if locales is not None else None
    docs = {d.id: d for d in session.execute(select(Document.id, Document.slug, Document.type,
                                                     Document.source_locale).where(Document.deleted_at.is_(None)))}
    cells: dict[int, list[tuple[str, str, str, datetime]]] = {}
    for seg_id, locale, text, state, updated in session.execute(
            select(Cell.segment_id, Cell.locale, Cell.text, Cell.state, Cell.updated_at)
            .where(Cell.state.in_((CellState.TRANSLATED, CellState.APPROVED)))):
        if wanted is None or locale in wanted:
            cells.setdefault(seg_id, []).append((locale, text, str(state), updated))
    previous: tuple[str, int, str] | None = None  # (document, position, text) of the segment read before
    pending: tuple[int, str, str, str, str] | None = None  # (segment, document, field, text, text before)
    rows = session.execute(select(Segment.id, Segment.document_id, Segment.position, Segment.field_path,
                                  Segment.text).order_by(Segment.document_id, Segment.position))
    # Each unit needs the source after it, so it is written one segment late.
    for seg_id, doc_id, position, path, text in rows:
        if doc_id not in docs:
            continue
        after = text if previous is not None and previous[0] == doc_id and previous[1] == position - 1 else ""
        if pending is not None:
            yield _cell_unit(docs, cells, pending, after)
            pending = None
        before = previous[2] if previous is not None and previous[0] == doc_id else ""
        if seg_id in cells:
            pending = (seg_id, doc_id, path, text, before)
        previous = (doc_id, position, text)
    if pending is not None:
        yield _cell_unit(docs, cells, pending, "")
    # Plain rows, not entities: building 250,000 ORM objects took most of an export's time.
    units = table_of(MemoryUnit)
    for unit in session.execute(select(units).order_by(units.c.id).execution_options(yield_per=2000)):
        if wanted is None or unit.target_locale in wanted:
            yield ExportUnit(unit.source_locale, unit.source_text, {unit.target_locale: unit.target_text},
                             {unit.target_locale: "draft" if unit.draft else "translated"}, unit.document_type,
                             unit.field_path, unit.context_before, unit.context_after, unit.file_name, unit.note,
                             unit.created_at or unit.imported_at)


def _cell_unit(docs: dict[str, Any], cells: dict[int, list[tuple[str, str, str, datetime]]],
               pending: tuple[int, str, str, str, str], after: str) -> ExportUnit:
    seg_id, doc_id, path, text, before = pending
    doc = docs[doc_id]
    found = cells[seg_id]
    return ExportUnit(doc.source_locale, text, {loc: t for loc, t, _s, _u in found},
                      {loc: s for loc, _t, s, _u in found}, doc.type, path, before, after,
                      doc.slug, None, max(u for _l, _t, _s, u in found))

"""Writing documents: validate and segment them in memory, then insert or update them in one transaction.

`prepare` is pure (no database), so a whole import is checked before anything is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, false, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio import audit
from studio.content.importers import DocumentInput
from studio.content.search import refresh_texts, search_rows
from studio.content.segments import (
    ExistingSegment,
    SegmentDraft,
    by_field,
    extract_segments,
    plan_sync,
)
from studio.content.types import ContentType, Reference, get_content_type, validate_fields
from studio.errors import ConflictError, NotFound, ValidationError
from studio.jobs import Job, Progress
from studio.locales import LOCALES
from studio.models import Cell, Document, DocumentText, FieldValue, Revision, Section, Segment, table_of, utcnow
from studio.permissions import Actor, refusal
from studio.states import IMPORTABLE_STATES, IMPORTED, SOURCE_CHANGED, CellState, is_valid_origin


@dataclass(frozen=True)
class CellDraft:
    """A translation of the segment at `segment_index` of a prepared document."""

    segment_index: int
    locale: str
    text: str
    state: str
    origin: str


@dataclass(frozen=True)
class PreparedDocument:
    """A document checked against its type and cut into segments, ready to write."""

    input: DocumentInput
    ctype: ContentType
    fields: Mapping[str, Any]
    references: tuple[Reference, ...]
    segments: tuple[SegmentDraft, ...]
    cells: tuple[CellDraft, ...]

    @property
    def title(self) -> str:
        return str(self.fields.get(self.ctype.title_field, ""))


def prepare(doc: DocumentInput) -> PreparedDocument:
    """Validate `doc` against its type, segment its source and align its translations with it."""
    ctype = get_content_type(doc.type)
    fields, refs = validate_fields(ctype, doc.fields, doc.where)
    segments = extract_segments(ctype, fields, doc.source_locale)
    index_of = {(s.field_path, s.ordinal): i for i, s in enumerate(segments)}
    source_by_field = by_field(segments)
    cells: list[CellDraft] = []
    for tr in doc.translations:
        where = f"{doc.where}: translation {tr.locale}"
        if tr.state not in IMPORTABLE_STATES or any(s not in IMPORTABLE_STATES for s in tr.states.values()):
            raise ValidationError(f"state must be one of {', '.join(IMPORTABLE_STATES)}", where=where)
        if not is_valid_origin(tr.origin):
            raise ValidationError(f"origin {tr.origin!r} is not human, mt:ENGINE, tm:SCORE, "
                                  "import:FORMAT or propagated", where=where)
        values, _ = validate_fields(ctype, tr.fields, where, translation=True)
        given = by_field(extract_segments(ctype, values, tr.locale))
        _check_state_paths(where, tr.states, given)
        for path, target in given.items():
            source = source_by_field.get(path, [])
            if len(source) != len(target):
                detail = f"has {len(target)} sentence(s), the source has {len(source)}"
                raise ValidationError(detail, where=where, field=path, message=f"{where}: field {path!r} {detail}")
            state = _state_for(path, tr.state, tr.states)
            cells.extend(CellDraft(index_of[(path, t.ordinal)], tr.locale, t.text, state, tr.origin)
                         for t in target)
    return PreparedDocument(doc, ctype, fields, tuple(refs), tuple(segments), tuple(cells))


def prepare_all(docs: Sequence[DocumentInput]) -> Job[list[PreparedDocument]]:
    """`prepare` every document, reporting progress; raises the first document's error."""
    prepared = []
    for i, doc in enumerate(docs):
        if i % 50 == 0:
            yield Progress(i, len(docs), f"checking {doc.where}")
        prepared.append(prepare(doc))
    return prepared


def _covers(key: str, path: str) -> bool:
    """Whether a `states` key covers a field path: "steps" covers "steps[2].body"."""
    return path == key or path.startswith((key + "[", key + "."))


def _state_for(path: str, default: str, states: Mapping[str, str]) -> str:
    """The most specific entry of `states` that covers `path`."""
    best, best_len = default, -1
    for key, state in states.items():
        if _covers(key, path) and len(key) > best_len:
            best, best_len = state, len(key)
    return best


def _check_state_paths(where: str, states: Mapping[str, str], given: Mapping[str, object]) -> None:
    """Every `states` key must name a field path the translation gives: a typo would silently keep the default."""
    for key in states:
        if not any(_covers(key, path) for path in given):
            raise ValidationError(f"'states' names {key!r}, a field path this translation does not give "
                                  f"(it gives {', '.join(given) or 'nothing'})", where=where)


# --- who may approve --------------------------------------------------------------------------------------

def may_approve(actor: Actor | None, locale: str) -> bool:
    """Only a reviewer of `locale` makes a cell approved, by hand or by import (docs/architecture.md)."""
    return actor is not None and refusal(actor, "review", locale) is None


def unapprovable_locales(docs: Iterable[DocumentInput], actor: Actor | None) -> list[str]:
    """The locales in which `docs` ask for approved cells that `actor` may not approve: those land as
    translated. In the order of LOCALES, for one warning that names them."""
    asked = {tr.locale for d in docs for tr in d.translations
             if CellState.APPROVED in (tr.state, *tr.states.values()) and not may_approve(actor, tr.locale)}
    return [code for code in LOCALES if code in asked]


def _state_allowed(state: str, locale: str, actor: Actor | None) -> str:
    return CellState.TRANSLATED if state == CellState.APPROVED and not may_approve(actor, locale) else state


# --- inserting --------------------------------------------------------------------------------------------

def section_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Section.key, Section.id)).all())


def insert_documents(session: Session, docs: Sequence[PreparedDocument], actor: Actor | None,
                     action: str = "import") -> list[str]:
    """Insert new documents with their segments, cells, first revisions and audit events. Returns ids."""
    if not docs:
        return []
    _one_writer_of_documents(session)
    sections = section_ids(session)
    _check_new(session, docs, sections)
    now = utcnow()
    author = actor.id if actor else None
    ids = [str(uuid.uuid4()) for _ in docs]
    # Core inserts on the tables: the ORM's per-row bookkeeping would triple the time of a large import.
    try:
        session.execute(insert(table_of(Document)), [
            {"id": doc_id, "type": d.ctype.name, "section_id": sections[d.input.section or ""],
             "slug": d.input.slug, "source_locale": d.input.source_locale, "title": d.title, "position": i,
             "version": 1, "created_at": now, "updated_at": now}
            for i, (doc_id, d) in enumerate(zip(ids, docs, strict=True))])
    except IntegrityError:
        # Only a writer that skipped _one_writer_of_documents (an older Studio) can get here.
        slugs = ", ".join(repr(d.input.slug) for d in docs[:5]) + (" ..." if len(docs) > 5 else "")
        raise ConflictError(f"a slug of this import ({slugs}) was taken by another change that finished "
                            "meanwhile; nothing was imported: run the import again to see which") from None
    session.execute(insert(table_of(FieldValue)), [
        {"document_id": doc_id, "name": name, "position": pos, "value": value}
        for doc_id, d in zip(ids, docs, strict=True)
        for pos, (name, value) in enumerate(d.fields.items())])
    seg_rows = [_segment_row(doc_id, s, pos) for doc_id, d in zip(ids, docs, strict=True)
                for pos, s in enumerate(d.segments)]
    seg_ids = insert_returning_ids(session, Segment, seg_rows, ("document_id", "position"))
    cell_rows: list[dict[str, Any]] = []
    offset = 0
    for d in docs:
        for c in d.cells:
            segment = d.segments[c.segment_index]
            cell_rows.append({"segment_id": seg_ids[offset + c.segment_index], "locale": c.locale, "text": c.text,
                              "state": _state_allowed(c.state, c.locale, actor), "origin": c.origin,
                              "version": 1, "flagged": False,
                              "author_id": author, "updated_at": now, "source_hash": segment.source_hash,
                              "outdated_source": None})
        offset += len(d.segments)
    cell_ids = insert_returning_ids(session, Cell, cell_rows, ("segment_id", "locale"))
    _insert_revisions(session, cell_ids, cell_rows)
    session.execute(insert(table_of(DocumentText)), [
        row for doc_id, d in zip(ids, docs, strict=True)
        for row in search_rows(doc_id, d.input.source_locale, [d.title, d.input.slug, *(s.text for s in d.segments)],
                               ((c.locale, c.text) for c in d.cells))])
    audit.record_many(session, [
        audit.audit_row(actor, action, "document", doc_id,
                        after={"slug": d.input.slug, "type": d.ctype.name, "section": d.input.section,
                               "segments": len(d.segments), "cells": len(d.cells)},
                        summary=f"{action} {d.ctype.name} {d.input.slug} from {d.input.where}")
        for doc_id, d in zip(ids, docs, strict=True)])
    return ids


def _segment_row(doc_id: str, s: SegmentDraft, position: int) -> dict[str, Any]:
    return {"document_id": doc_id, "field_path": s.field_path, "ordinal": s.ordinal, "position": position,
            "block": s.block, "text": s.text, "source_hash": s.source_hash, "placeholders": dict(s.placeholders)}


def insert_returning_ids(session: Session, entity: type[Segment] | type[Cell], rows: list[dict[str, Any]],
                          key: tuple[str, str]) -> list[int]:
    """Insert `rows` and return their new ids in the same order.

    The ids are matched back through a unique `key` rather than asking for RETURNING in parameter order,
    which SQLite can only honour one row at a time (ten times slower on a large import).
    """
    if not rows:
        return []
    table = table_of(entity)
    stmt = insert(table).returning(table.c.id, table.c[key[0]], table.c[key[1]])
    ids = {(a, b): id_ for id_, a, b in session.execute(stmt, rows)}
    return [ids[(row[key[0]], row[key[1]])] for row in rows]


def _insert_revisions(session: Session, cell_ids: Sequence[int], cell_rows: Sequence[Mapping[str, Any]]) -> None:
    if cell_ids:
        session.execute(insert(table_of(Revision)), [
            {"cell_id": cid, "version": row["version"], "text": row["text"], "state": row["state"],
             "origin": row["origin"], "author_id": row["author_id"], "created_at": row["updated_at"],
             "event": IMPORTED}
            for cid, row in zip(cell_ids, cell_rows, strict=True)])


def _one_writer_of_documents(session: Session) -> None:
    """Wait for any other transaction adding documents to finish, so the slug check that follows sees its slugs
    (two imports of one slug then end with "slug X is taken", not the database's UNIQUE message)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_DOCUMENT_WRITERS_LOCK)))
    else:
        # SQLite has one writer at a time: a write that changes nothing takes its lock now, before the check.
        session.execute(update(Document).where(false()).values(slug=Document.slug))


_DOCUMENT_WRITERS_LOCK = 0x5354554449  # "STUDI": any constant, the same in every Studio process


def _check_new(session: Session, docs: Sequence[PreparedDocument], sections: Mapping[str, int]) -> None:
    """Sections exist, slugs are free, references resolve: checked before any row is written."""
    seen: dict[str, str] = {}
    for d in docs:
        if not d.input.section:
            raise ValidationError("no section: give --section or a \"section\" key", where=d.input.where)
        if d.input.section not in sections:
            raise ValidationError(f"unknown section {d.input.section!r}; use one of {', '.join(sections)}",
                                  where=d.input.where)
        if d.input.slug in seen:
            raise ConflictError(f"{d.input.where}: slug {d.input.slug!r} is used twice in this import "
                                f"(also by {seen[d.input.slug]})")
        seen[d.input.slug] = d.input.where
    taken = {slug: deleted for slug, deleted in session.execute(
        select(Document.slug, Document.deleted_at).where(Document.slug.in_(list(seen))))}
    for d in docs:
        if d.input.slug in taken:
            deleted = " (deleted: restore it, or choose another slug)" if taken[d.input.slug] else ""
            raise ConflictError(f"{d.input.where}: slug {d.input.slug!r} is taken by a document "
                                f"already in the workspace{deleted}")
    batch_types = {d.input.slug: d.ctype.name for d in docs}
    check_references(session, [(d.input.where, r) for d in docs for r in d.references], batch_types)


def check_references(session: Session, refs: Iterable[tuple[str, Reference]],
                     also: Mapping[str, str] | None = None) -> None:
    refs = list(refs)
    wanted = {r.slug for _, r in refs} - set(also or {})
    types = dict(also or {})
    if wanted:
        types.update(session.execute(select(Document.slug, Document.type)
                                     .where(Document.slug.in_(wanted), Document.deleted_at.is_(None))).all())
    for where, ref in refs:
        found = types.get(ref.slug)
        if found is None:
            raise ValidationError(f"no {ref.ref_type} document with slug {ref.slug!r}", where=where, field=ref.path)
        if ref.ref_type and found != ref.ref_type:
            raise ValidationError(f"{ref.slug!r} is a {found}, not a {ref.ref_type}", where=where, field=ref.path)


# --- editing the source -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceEdit:
    """What an edit of a document's source did to its segments and cells."""

    document_id: str
    kept: int
    changed: int
    added: int
    removed: int
    outdated_cells: tuple[tuple[int, str], ...]  # (segment id, locale) of the translations now outdated


def update_source(session: Session, doc_id: str, new_values: Mapping[str, Any], actor: Actor | None,
                  expected_version: int | None = None) -> SourceEdit:
    """Replace some top-level source fields of a document and re-segment it.

    Unchanged sentences keep their segments and cells; a rewritten sentence gets a new segment and its cells
    move there as `outdated`, keeping their text and the old source.
    """
    doc = session.get(Document, doc_id)
    if doc is None or doc.deleted_at is not None:
        raise NotFound(f"no document {doc_id}" if doc is None else
                       f"document {doc.slug} was deleted meanwhile; restore it to edit it")
    if expected_version is not None and doc.version != expected_version:
        raise ConflictError(f"document {doc.slug} was changed meanwhile (version {doc.version}, "
                            f"expected {expected_version})")
    ctype = get_content_type(doc.type)
    current = {fv.name: fv.value for fv in doc.fields}
    merged = {**current, **new_values}
    merged = {k: v for k, v in merged.items() if v not in (None, "", [])}
    fields, refs = validate_fields(ctype, merged, doc.slug)
    check_references(session, [(doc.slug, r) for r in refs])
    new_segments = extract_segments(ctype, fields, doc.source_locale)
    old = [ExistingSegment(s.id, s.field_path, s.text, s.source_hash) for s in session.scalars(
        select(Segment).where(Segment.document_id == doc_id).order_by(Segment.position))]
    old_text = {s.id: s.text for s in old}
    plan = plan_sync(old, new_segments)
    now = utcnow()

    for seg_id, i in plan.kept:
        s = new_segments[i]
        session.execute(update(Segment).where(Segment.id == seg_id).values(
            field_path=s.field_path, ordinal=s.ordinal, position=i, block=s.block,
            placeholders=dict(s.placeholders)))
    outdated: list[int] = []
    outdated_keys: list[tuple[int, str]] = []
    for old_id, i in plan.changed:
        new_id = session.execute(insert(Segment).values(_segment_row(doc_id, new_segments[i], i))
                                 .returning(Segment.id)).scalar_one()
        for cell in session.scalars(select(Cell).where(Cell.segment_id == old_id)):
            cell.segment_id = new_id
            if cell.state != CellState.OUTDATED:
                cell.outdated_source = old_text[old_id]
                cell.state = CellState.OUTDATED
            cell.updated_at = now
            outdated.append(cell.id)
            outdated_keys.append((new_id, cell.locale))
        session.flush()
    if plan.added:
        session.execute(insert(Segment), [_segment_row(doc_id, new_segments[i], i) for i in plan.added])
    gone = [old_id for old_id, _ in plan.changed] + list(plan.removed)
    if gone:
        session.execute(delete(Segment).where(Segment.id.in_(gone)))
    if outdated:
        cells = session.scalars(select(Cell).where(Cell.id.in_(outdated))).all()
        session.execute(insert(Revision), [
            {"cell_id": c.id, "version": c.version, "text": c.text, "state": c.state, "origin": c.origin,
             "author_id": actor.id if actor else None, "created_at": now, "event": SOURCE_CHANGED} for c in cells])

    before = {k: current.get(k) for k in new_values}
    for name, value in fields.items():
        if current.get(name) != value:
            fv = next((f for f in doc.fields if f.name == name), None)
            if fv is None:
                doc.fields.append(FieldValue(name=name, position=_position(ctype, name), value=value))
            else:
                fv.value = value
    for fv in [f for f in doc.fields if f.name not in fields]:
        doc.fields.remove(fv)
    doc.title = str(fields.get(ctype.title_field, doc.title))
    doc.version += 1
    doc.updated_at = now
    session.flush()
    refresh_texts(session, [doc_id])
    audit.record(session, actor, "edit_source", "document", doc_id, before=before,
                 after={k: fields.get(k) for k in new_values},
                 summary=f"edited {', '.join(new_values)} of {doc.slug}: {len(plan.changed)} sentence(s) "
                         f"changed, {len(outdated)} cell(s) outdated")
    return SourceEdit(doc_id, len(plan.kept), len(plan.changed), len(plan.added), len(plan.removed),
                      tuple(outdated_keys))


def _position(ctype: ContentType, name: str) -> int:
    return next(i for i, f in enumerate(ctype.fields) if f.name == name)

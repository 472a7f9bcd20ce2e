"""Read-only views of documents as plain frozen rows: what lists, trees and `documents show` display."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from studio.errors import NotFound
from studio.models import Cell, Document, FieldValue, Section, Segment


def cell_at(session: Session, segment_id: int, locale: str) -> Cell | None:
    """The cell of `segment_id` in `locale`, or None where there is none yet."""
    return session.scalar(select(Cell).where(Cell.segment_id == segment_id, Cell.locale == locale))


@dataclass(frozen=True)
class SectionRow:
    key: str
    position: int
    titles: Mapping[str, str]

    def title(self, locale: str) -> str:
        return self.titles.get(locale) or self.titles.get("en") or self.key


@dataclass(frozen=True)
class DocumentRow:
    id: str
    type: str
    section: str
    slug: str
    source_locale: str
    title: str
    version: int
    updated_at: datetime
    segments: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "section": self.section, "slug": self.slug,
                "source_locale": self.source_locale, "title": self.title, "version": self.version,
                "updated_at": self.updated_at.isoformat(), "segments": self.segments}


@dataclass(frozen=True)
class CellRow:
    id: int
    locale: str
    text: str
    state: str
    origin: str
    version: int
    outdated_source: str | None

    flagged: bool = False
    author_id: int | None = None
    machine_issue: str | None = None  # what went wrong with a machine draft's placeholders

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "state": self.state, "origin": self.origin, "version": self.version}
        if self.outdated_source is not None:
            out["outdated_source"] = self.outdated_source
        if self.machine_issue is not None:
            out["machine_issue"] = self.machine_issue
        return out


def cell_row(c: Cell) -> CellRow:
    return CellRow(c.id, c.locale, c.text, c.state, c.origin, c.version, c.outdated_source, c.flagged, c.author_id,
                   c.machine_issue)


@dataclass(frozen=True)
class SegmentRow:
    id: int
    field_path: str
    ordinal: int
    block: str
    text: str
    cells: Mapping[str, CellRow]
    placeholders: Mapping[str, str] = field(default_factory=dict)  # token -> markup, for rich text


@dataclass(frozen=True)
class DocumentView:
    row: DocumentRow
    fields: Mapping[str, Any]
    segments: tuple[SegmentRow, ...]

    def to_json(self, locales: list[str] | None = None) -> dict[str, Any]:
        """The stable JSON shape of `studio documents show --json`."""
        return {
            **self.row.to_json(),
            "fields": dict(self.fields),
            "segments": [
                {"id": s.id, "field": s.field_path, "ordinal": s.ordinal, "source": s.text,
                 "cells": {loc: c.to_json() for loc, c in sorted(s.cells.items())
                           if locales is None or loc in locales}}
                for s in self.segments],
        }


def sections(session: Session) -> list[SectionRow]:
    return [SectionRow(s.key, s.position, dict(s.titles))
            for s in session.scalars(select(Section).order_by(Section.position))]


def _document_rows(session: Session, *where: Any) -> list[DocumentRow]:
    # Counted per document row, through the segments' index: a grouped count joined in would count the
    # segments of every document even when one document, or one branch of the content tree, is asked for.
    segments = (select(func.count(Segment.id)).where(Segment.document_id == Document.id)
                .correlate(Document).scalar_subquery())
    stmt = (select(Document.id, Document.type, Section.key, Document.slug, Document.source_locale, Document.title,
                   Document.version, Document.updated_at, segments)
            .join(Section, Document.section_id == Section.id)
            .where(*where)
            .order_by(Section.position, Document.type, Document.position, Document.slug))
    return [DocumentRow(*row) for row in session.execute(stmt)]


def document_rows(session: Session, deleted: bool = False, *, ids: Iterable[str] | None = None,
                  section: str | None = None, doc_type: str | None = None) -> list[DocumentRow]:
    """Every live document (or every deleted one), by section order, then type, then position; only those of
    `ids`, of the section `section` and of the type `doc_type` where given (the content tree reads one
    section's type at a time)."""
    where: list[ColumnElement[bool]] = [Document.deleted_at.is_not(None) if deleted
                                        else Document.deleted_at.is_(None)]
    if ids is not None:
        where.append(Document.id.in_(sorted(set(ids))))
    if section is not None:
        where.append(Section.key == section)
    if doc_type is not None:
        where.append(Document.type == doc_type)
    return _document_rows(session, *where)


def document_counts(session: Session) -> dict[tuple[str, str], int]:
    """The number of live documents of each (section key, type) that has any."""
    return {(section, doc_type): n for section, doc_type, n in session.execute(
        select(Section.key, Document.type, func.count()).join(Section, Document.section_id == Section.id)
        .where(Document.deleted_at.is_(None)).group_by(Section.key, Document.type))}


def section_documents(session: Session, key: str) -> list[str]:
    """The ids of the live documents of the section `key`, in document order."""
    section = session.scalar(select(Section.id).where(Section.key == key))
    if section is None:
        known = ", ".join(session.scalars(select(Section.key).order_by(Section.position)))
        raise NotFound(f"no section {key!r}; the sections are {known}")
    return list(session.scalars(select(Document.id).where(Document.section_id == section,
                                                          Document.deleted_at.is_(None))
                                .order_by(Document.slug)))


def find_document(session: Session, id_or_slug: str, include_deleted: bool = False) -> DocumentRow:
    rows = _document_rows(session, or_(Document.id == id_or_slug, Document.slug == id_or_slug))
    if not rows:
        raise NotFound(f"no document with id or slug {id_or_slug!r}")
    if not include_deleted and session.scalar(select(Document.deleted_at).where(Document.id == rows[0].id)):
        raise NotFound(f"document {rows[0].slug} was deleted; restore it from the deleted documents to open it")
    return rows[0]


def document_view(session: Session, id_or_slug: str) -> DocumentView:
    """A document with its source values, its segments in order and their cells."""
    row = find_document(session, id_or_slug)
    fields = {name: value for name, value in session.execute(
        select(FieldValue.name, FieldValue.value).where(FieldValue.document_id == row.id)
        .order_by(FieldValue.position))}
    cells: dict[int, dict[str, CellRow]] = defaultdict(dict)
    for c in session.scalars(select(Cell).join(Segment, Cell.segment_id == Segment.id)
                             .where(Segment.document_id == row.id)):
        cells[c.segment_id][c.locale] = cell_row(c)
    segments = tuple(
        SegmentRow(s.id, s.field_path, s.ordinal, s.block, s.text, cells.get(s.id, {}),
                   dict(s.placeholders or {}))
        for s in session.scalars(select(Segment).where(Segment.document_id == row.id).order_by(Segment.position)))
    return DocumentView(row, fields, segments)

"""How far translation has come: cells in each state, per section and locale (what `studio status` shows)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.locales import LOCALE_CODES
from studio.models import Cell, Document, Section, Segment
from studio.states import CellState


@dataclass(frozen=True)
class SectionProgress:
    """One section: its documents, segments, and for each locale the number of cells in each state."""

    key: str
    title: str
    documents: int
    segments: int
    locales: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class StatusReport:
    documents_by_type: Mapping[str, int]
    sections: tuple[SectionProgress, ...]

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of `studio status --json` (documented in the README)."""
        return {
            "documents": dict(sorted(self.documents_by_type.items())),
            "locales": list(LOCALE_CODES),
            "states": list(CellState),
            "sections": [
                {"key": s.key, "title": s.title, "documents": s.documents, "segments": s.segments,
                 "cells": {loc: dict(s.locales[loc]) for loc in LOCALE_CODES}}
                for s in self.sections],
        }


def status_report(session: Session, title_locale: str = "en") -> StatusReport:
    """Counts of documents by type and of cells by section, locale and state.

    A segment has a target cell in every locale but its document's source locale; where no cell row exists
    the cell is `missing`.
    """
    live = Document.deleted_at.is_(None)
    by_type = dict(session.execute(select(Document.type, func.count()).where(live).group_by(Document.type)).all())
    docs_per_section = dict(session.execute(
        select(Document.section_id, func.count()).where(live).group_by(Document.section_id)).all())
    segments: dict[int, dict[str, int]] = defaultdict(dict)
    for section_id, source, n in session.execute(
            select(Document.section_id, Document.source_locale, func.count(Segment.id))
            .join(Segment, Segment.document_id == Document.id).where(live)
            .group_by(Document.section_id, Document.source_locale)):
        segments[section_id][source] = n
    cells: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for section_id, locale, state, n in session.execute(
            select(Document.section_id, Cell.locale, Cell.state, func.count())
            .select_from(Cell).join(Segment, Cell.segment_id == Segment.id)
            .join(Document, Segment.document_id == Document.id).where(live)
            .group_by(Document.section_id, Cell.locale, Cell.state)):
        cells[section_id][locale][state] = n

    sections = []
    for section in session.scalars(select(Section).order_by(Section.position)):
        per_source = segments.get(section.id, {})
        locales: dict[str, dict[str, int]] = {}
        for loc in LOCALE_CODES:
            expected = sum(n for source, n in per_source.items() if source != loc)
            counts: dict[str, int] = {state: cells[section.id][loc].get(state, 0)
                                      for state in CellState if state != CellState.MISSING}
            locales[loc] = {CellState.MISSING: max(expected - sum(counts.values()), 0), **counts}
        sections.append(SectionProgress(section.key, section.titles.get(title_locale, section.key),
                                        docs_per_section.get(section.id, 0), sum(per_source.values()), locales))
    return StatusReport(by_type, tuple(sections))

"""How far translation has come: cells in each state, per section and locale (what `studio status` shows)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.content.search import KEPT_COLUMNS, NOTHING_KEPT, cell_states
from studio.locales import LOCALE_CODES
from studio.models import CellCount, Document, Section, SegmentCount
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
    """Counts of documents by type and of cells by section, locale and state, from the counts kept per document.

    A segment has a target cell in every locale but its document's source locale; where no cell is counted the
    cell is `missing`.
    """
    live = Document.deleted_at.is_(None)
    by_type = dict(session.execute(select(Document.type, func.count()).where(live).group_by(Document.type)).all())
    docs_per_section = dict(session.execute(
        select(Document.section_id, func.count()).where(live).group_by(Document.section_id)).all())
    segments: dict[int, dict[str, int]] = defaultdict(dict)
    for section_id, source, n in session.execute(
            select(Document.section_id, Document.source_locale, func.sum(SegmentCount.segments))
            .join(SegmentCount, SegmentCount.document_id == Document.id).where(live)
            .group_by(Document.section_id, Document.source_locale)):
        segments[section_id][source] = n
    cells: dict[int, dict[str, tuple[int, ...]]] = defaultdict(dict)
    for section_id, locale, *sums in session.execute(
            select(Document.section_id, CellCount.locale, *(func.sum(c) for c in KEPT_COLUMNS))
            .join(CellCount, CellCount.document_id == Document.id).where(live)
            .group_by(Document.section_id, CellCount.locale)):
        cells[section_id][locale] = tuple(sums)

    sections = []
    for section in session.scalars(select(Section).order_by(Section.position)):
        per_source = segments.get(section.id, {})
        locales: dict[str, dict[str, int]] = {}
        for loc in LOCALE_CODES:
            expected = sum(n for source, n in per_source.items() if source != loc)
            locales[loc] = cell_states(expected, cells[section.id].get(loc, NOTHING_KEPT))
        sections.append(SectionProgress(section.key, section.titles.get(title_locale, section.key),
                                        docs_per_section.get(section.id, 0), sum(per_source.values()), locales))
    return StatusReport(by_type, tuple(sections))


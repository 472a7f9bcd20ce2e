"""Find and replace across the workspace's translations: a preview of every match first, then the replacement,
either in one transaction (`apply_matches`) or as a job that commits batch by batch (`ReplaceRun`), so a
replace over thousands of cells shows progress, can be cancelled, and leaves exactly what it applied undoable."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.content.search import matching_text, refresh_texts
from studio.errors import ValidationError
from studio.models import Cell, Document, Segment
from studio.workflow.cells import (
    CellConflict,
    CellSnapshot,
    PlannedWrite,
    check_target,
    kept_flag,
    kept_outdated_source,
    load_cells,
    snapshot,
    translation_problems,
    write_planned,
)
from studio.workflow.permissions import Actor, require
from studio.workflow.states import APPROVED, REPLACED, TRANSLATED

BATCH_SIZE = 250
"""Cells written per transaction by the replace job: a cancel lands between batches, and each batch is short
enough that the editor's own saves, waiting for the database, are not held up for long."""


@dataclass(frozen=True)
class ReplaceMatch:
    """One cell that the replacement would change, with its text before and after."""

    document_id: str
    document_title: str
    segment_id: int
    field_path: str
    locale: str
    version: int
    text: str
    new_text: str
    count: int
    problem: str = ""  # why the new text could not be confirmed; such a cell is skipped
    document_type: str = ""


@dataclass(frozen=True)
class AppliedReplacement:
    """A replaced cell: what it was (to undo) and its version now."""

    before: CellSnapshot
    version: int


def compile_pattern(pattern: str, *, regex: bool, case_sensitive: bool, whole_words: bool) -> re.Pattern[str]:
    if not pattern:
        raise ValidationError("type what to find")
    source = pattern if regex else re.escape(pattern)
    if whole_words:
        source = rf"\b(?:{source})\b"
    try:
        return re.compile(source, 0 if case_sensitive else re.IGNORECASE)
    except re.error as exc:
        raise ValidationError(f"the regular expression is not valid: {exc}") from None


def find_matches(session: Session, pattern: str, replacement: str, locales: list[str], *, regex: bool = False,
                 case_sensitive: bool = False, whole_words: bool = False) -> list[ReplaceMatch]:
    """Every translation in `locales` that `pattern` matches, with the text the replacement would give."""
    compiled = compile_pattern(pattern, regex=regex, case_sensitive=case_sensitive, whole_words=whole_words)
    stmt = (select(Document.id, Document.title, Segment.id, Segment.field_path, Cell.locale, Cell.version,
                   Cell.text, Cell.state, Segment, Document.type)
            .join(Segment, Segment.document_id == Document.id).join(Cell, Cell.segment_id == Segment.id)
            .where(Document.deleted_at.is_(None), Cell.locale.in_(locales))
            .order_by(Document.title, Segment.position, Cell.locale))
    if not regex:
        # The search text narrows a literal search to the documents that can match at all.
        stmt = stmt.where(Document.id.in_(matching_text(session, pattern)))
    out: list[ReplaceMatch] = []
    for doc_id, title, seg_id, path, locale, version, text, state, segment, doc_type in session.execute(stmt):
        try:
            new_text, count = compiled.subn(replacement if regex else replacement.replace("\\", "\\\\"), text)
        except (re.error, IndexError) as exc:
            raise ValidationError(f"the replacement is not valid: {exc}") from None
        if count == 0 or new_text == text:
            continue
        problems = translation_problems(segment, doc_type, new_text) if state in (TRANSLATED, APPROVED) else []
        out.append(ReplaceMatch(doc_id, title, seg_id, path, locale, version, text, new_text, count,
                                problems[0] if problems else "", doc_type))
    return out


def apply_matches(session: Session, actor: Actor | None, matches: list[ReplaceMatch]) -> list[AppliedReplacement]:
    """Write the previewed replacements, all or none; an approved text goes back to translated for review.

    A cell changed since the preview is a `CellConflict`, a sentence or document gone `NotFound`."""
    actor = require(actor, "translate")
    usable = [m for m in matches if not m.problem]
    loaded = load_cells(session, [(m.segment_id, m.locale) for m in usable])
    planned = []
    for m in usable:
        row = loaded.get((m.segment_id, m.locale))
        if row is None or row.deleted_at is not None:
            check_target(session, m.segment_id, m.locale)  # NotFound when the sentence or document is gone
            raise CellConflict(m.segment_id, m.locale, m.new_text, snapshot(None, m.segment_id, m.locale), None, "")
        state = TRANSLATED if row.state == APPROVED else row.state
        planned.append(PlannedWrite(m.segment_id, m.locale, m.new_text, state, row.origin, kept_flag(row, state),
                                    kept_outdated_source(row, state), m.version, REPLACED))
    versions = write_planned(session, actor, loaded, planned)
    refresh_texts(session, {m.document_id for m in usable})
    return [AppliedReplacement(snapshot(loaded[p.key], *p.key), version)
            for p, version in zip(planned, versions, strict=True)]


def unchanged_since_preview(session: Session, matches: Sequence[ReplaceMatch]) -> list[ReplaceMatch]:
    """The matches whose cell is still at the version the preview read, in a live document (a cell edited since
    is left alone). On PostgreSQL the cells are locked from here to the end of the transaction."""
    loaded = load_cells(session, [(m.segment_id, m.locale) for m in matches])
    return [m for m in matches if (row := loaded.get((m.segment_id, m.locale))) is not None
            and row.deleted_at is None and row.version == m.version]


@dataclass
class ReplaceRun:
    """One replace-all as a job: what the user previewed and checked, and what has been applied so far.

    Threading hazard: the job (on a worker thread) appends to `applied` and counts `changed_since_preview`
    after each committed batch; read them on another thread only after the job has ended (done, failed or
    cancelled): then they hold exactly the committed part, which one undo takes back.
    """

    matches: list[ReplaceMatch]
    applied: list[AppliedReplacement] = field(default_factory=list)
    changed_since_preview: int = 0

    @property
    def todo(self) -> list[ReplaceMatch]:
        return [m for m in self.matches if not m.problem]

    def batches(self) -> list[list[ReplaceMatch]]:
        todo = self.todo
        return [todo[i:i + BATCH_SIZE] for i in range(0, len(todo), BATCH_SIZE)]

    def applied_batch(self, applied: list[AppliedReplacement], changed_since_preview: int) -> None:
        """Count a batch once its transaction has committed."""
        self.applied.extend(applied)
        self.changed_since_preview += changed_since_preview


def apply_batch(session: Session, actor: Actor | None,
                batch: Sequence[ReplaceMatch]) -> tuple[list[AppliedReplacement], int]:
    """Replace in one batch of a replace job; a cell edited since the preview (by this user typing on while the
    job runs, or by anyone else) is left as it is. Returns what was applied and how many were left."""
    current = unchanged_since_preview(session, batch)
    return apply_matches(session, actor, current), len(batch) - len(current)

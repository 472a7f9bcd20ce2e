"""Find and replace across the workspace's translations: a preview of every match first (`find_matches`, a job
that can be cancelled), then the replacement as a job that commits batch by batch (`ReplaceRun`, `apply_batch`),
so a replace over thousands of cells shows progress, can be cancelled, and leaves exactly what it applied
undoable. Both run off the UI thread; scripts and tests drive them with `run_job`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from studio.changes import Changes
from studio.content.search import matching_text, refresh_texts
from studio.errors import ValidationError
from studio.jobs import Job, Progress
from studio.models import Cell, Document, Segment
from studio.permissions import Actor, require
from studio.states import REPLACED, CellState
from studio.workflow.cells import (
    CellSnapshot,
    PlannedWrite,
    kept_flag,
    kept_outdated_source,
    load_cells,
    snapshot,
    translation_problems,
    write_planned,
)

BATCH_SIZE = 250
"""Cells written per transaction by the replace job: a cancel lands between batches, and each batch is short
enough that the editor's own saves, waiting for the database, are not held up for long."""

SEARCH_CHUNK = 500
"""Translations read between two progress reports of the preview search: each report is a point where the
search can be cancelled, a few tens of milliseconds apart."""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class AppliedReplacement:
    """A replaced cell: what it was (to undo), its version now, and what it is now (to redo)."""

    before: CellSnapshot
    version: int
    after: CellSnapshot


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
                 case_sensitive: bool = False, whole_words: bool = False) -> Job[list[ReplaceMatch]]:
    """Every translation in `locales` that `pattern` matches, with the text the replacement would give.

    A job: it lists the candidate cells first, then reads and matches them `SEARCH_CHUNK` at a time with a
    progress report (and a cancel point) between chunks. A cell gone between the two steps is left out."""
    compiled = compile_pattern(pattern, regex=regex, case_sensitive=case_sensitive, whole_words=whole_words)
    substitute = replacement if regex else replacement.replace("\\", "\\\\")
    live = [Document.deleted_at.is_(None), Cell.locale.in_(locales)]
    if not regex:
        # The search text narrows a literal search to the documents that can match at all.
        live.append(Document.id.in_(matching_text(session, pattern)))
    ids = session.scalars(select(Cell.id).join(Segment, Segment.id == Cell.segment_id)
                          .join(Document, Document.id == Segment.document_id).where(*live)
                          .order_by(Document.title, Segment.position, Cell.locale)).all()
    total = len(ids)
    out: list[ReplaceMatch] = []
    for start in range(0, total, SEARCH_CHUNK):
        yield Progress(start, total, f"searching: {start} of {total} translations")
        chunk = ids[start:start + SEARCH_CHUNK]
        # Plain columns, not ORM objects: building thousands of `Segment`s was most of the search's time.
        rows = {row.id: cast(Row[Any], row) for row in session.execute(
            select(Cell.id, Cell.locale, Cell.version, Cell.text, Cell.state, Segment.id.label("segment_id"),
                   Segment.field_path, Segment.text.label("source_text"), Document.id.label("document_id"),
                   Document.title, Document.type)
            .join(Segment, Segment.id == Cell.segment_id).join(Document, Document.id == Segment.document_id)
            .where(Cell.id.in_(chunk), Document.deleted_at.is_(None)))}
        for cell_id in chunk:
            if (row := rows.get(cell_id)) is not None and (match := _match(row, compiled, substitute)) is not None:
                out.append(match)
    yield Progress(total, total, "searched")
    return out


def _match(row: Row[Any], compiled: re.Pattern[str], substitute: str) -> ReplaceMatch | None:
    try:
        new_text, count = compiled.subn(substitute, row.text)
    except (re.error, IndexError) as exc:
        raise ValidationError(f"the replacement is not valid: {exc}") from None
    if count == 0 or new_text == row.text:
        return None
    problems = []
    if row.state in (CellState.TRANSLATED, CellState.APPROVED):
        source = Segment(text=row.source_text, field_path=row.field_path)
        problems = translation_problems(source, row.type, new_text)
    return ReplaceMatch(row.document_id, row.title, row.segment_id, row.field_path, row.locale, row.version,
                        row.text, new_text, count, problems[0] if problems else "", row.type)


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

    def changes(self, summary: str = "") -> Changes:
        """What the batches applied so far changed."""
        written = {(a.before.segment_id, a.before.locale) for a in self.applied}
        documents = {m.document_id for m in self.matches if (m.segment_id, m.locale) in written}
        return Changes(cells=frozenset(written), translated=frozenset(documents), summary=summary)

    def applied_batch(self, applied: list[AppliedReplacement], changed_since_preview: int) -> None:
        """Count a batch once its transaction has committed."""
        self.applied.extend(applied)
        self.changed_since_preview += changed_since_preview


def apply_batch(session: Session, actor: Actor | None,
                batch: Sequence[ReplaceMatch]) -> tuple[list[AppliedReplacement], int]:
    """Replace in one batch of a replace job; an approved text goes back to translated for review. A cell edited
    since the preview (by this user typing on while the job runs, or by anyone else), or whose document was
    deleted, is left as it is. Returns what was applied and how many were left.

    On PostgreSQL the cells are locked from here to the end of the transaction."""
    actor = require(actor, "translate")
    usable = [m for m in batch if not m.problem]
    loaded = load_cells(session, [(m.segment_id, m.locale) for m in usable])
    planned = []
    for m in usable:
        row = loaded.get((m.segment_id, m.locale))
        if row is None or row.deleted_at is not None or row.version != m.version:
            continue
        state = CellState.TRANSLATED if row.state == CellState.APPROVED else row.state
        planned.append(PlannedWrite(m.segment_id, m.locale, m.new_text, state, row.origin, kept_flag(row, state),
                                    kept_outdated_source(row, state), m.version, REPLACED))
    versions = write_planned(session, actor, loaded, planned)
    refresh_texts(session, {loaded[p.key].document_id for p in planned}, {p.locale for p in planned})
    applied = [AppliedReplacement(snapshot(loaded[p.key], *p.key), version, _written(p))
               for p, version in zip(planned, versions, strict=True)]
    return applied, len(batch) - len(planned)


def _written(p: PlannedWrite) -> CellSnapshot:
    """The cell as `write_planned` leaves it, as `snapshot` would read it back."""
    if p.state == CellState.MISSING:
        return CellSnapshot(p.segment_id, p.locale, None)
    return CellSnapshot(p.segment_id, p.locale, p.text, p.state, p.origin, p.flagged, p.outdated_source)

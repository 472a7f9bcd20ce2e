"""Pre-translation from the memory: fill missing and outdated cells with the best memory match above a score.

A job (`studio.jobs`) like the machine pre-translation: it reads what to fill, looks each segment up once (the
result holds candidates for every target locale), and writes each batch of drafts (origin `tm:<score>`) in a
short transaction of its own, through the same write as machine drafts (`cells.machine_drafts`): a cell a person
wrote meanwhile is left alone, never overwritten, and a cancel keeps the batches written before it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.changes import Changes
from studio.content.rich_text import placeholder_tokens
from studio.jobs import Job, Progress
from studio.memory.lookup import MIN_SCORE, look_up, query_for_segment
from studio.models import Cell, Document, Segment
from studio.permissions import Actor, require
from studio.states import CellState
from studio.workflow.cells import MachineDraft, machine_drafts

Transaction = Callable[[], AbstractContextManager[Session]]
BATCH = 200  # segments looked up, and their drafts written, per step


@dataclass
class MemoryDrafts:
    """What a pre-translation from the memory did: drafts per locale, cells it found no match good enough for,
    cells left alone because someone wrote them meanwhile, drafts whose placeholders differ from the source's."""

    min_score: int = MIN_SCORE
    drafted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unmatched: int = 0
    skipped: int = 0
    damaged: int = 0
    documents: set[str] = field(default_factory=set)
    cells: set[tuple[int, str]] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.drafted.values())

    @property
    def summary(self) -> str:
        parts = [f"{self.total} draft(s) from the memory at {self.min_score}% or more"]
        if self.unmatched:
            parts.append(f"{self.unmatched} cell(s) without such a match")
        if self.skipped:
            parts.append(f"{self.skipped} left alone: written meanwhile")
        if self.damaged:
            parts.append(f"{self.damaged} flagged: their placeholders differ from the source's")
        return "; ".join(parts)

    @property
    def changes(self) -> Changes:
        return Changes(cells=frozenset(self.cells), translated=frozenset(self.documents), summary=self.summary)


def fillable_cells(session: Session, locales: Sequence[str],
                   documents: Sequence[str] | None) -> dict[int, list[tuple[str, str, int | None]]]:
    """Segment id -> (document id, locale, cell version or None) of every missing or outdated cell of the live
    `documents` (None: all) in `locales`, in document order."""
    docs = select(Document.id, Document.source_locale).where(Document.deleted_at.is_(None))
    if documents is not None:
        docs = docs.where(Document.id.in_(documents))
    sources = dict(session.execute(docs).all())
    cells = {(seg, loc): (state, version) for seg, loc, state, version in session.execute(
        select(Cell.segment_id, Cell.locale, Cell.state, Cell.version).join(Segment, Segment.id == Cell.segment_id)
        .where(Segment.document_id.in_(sources), Cell.locale.in_(locales)))}
    out: dict[int, list[tuple[str, str, int | None]]] = {}
    for seg_id, doc_id in session.execute(select(Segment.id, Segment.document_id)
                                          .where(Segment.document_id.in_(sources))
                                          .order_by(Segment.document_id, Segment.position)):
        for locale in locales:
            if locale == sources[doc_id]:
                continue
            state, version = cells.get((seg_id, locale), (None, None))
            if state in (None, CellState.MISSING, CellState.OUTDATED):
                out.setdefault(seg_id, []).append((doc_id, locale, version))
    return out


def placeholder_issue(source: str, target: str) -> str | None:
    """What is wrong with a memory match's placeholders for this source, as a machine draft's issue: a fuzzy
    match comes from another sentence, whose markup ({1}…{/1}) may differ. The draft is kept and flagged in the
    grid, as a machine draft with damaged placeholders is."""
    wanted, found = sorted(placeholder_tokens(source)), sorted(placeholder_tokens(target))
    if wanted == found:
        return None
    lost = [t for t in wanted if t not in found]
    extra = [t for t in found if t not in wanted]
    said = [f"lacks {' '.join(lost)}"] if lost else []
    said += [f"has {' '.join(extra)}, not in the source"] if extra else []
    return "the memory's translation " + " and ".join(said)


def pretranslate_from_memory(reading: Transaction, writing: Transaction, actor: Actor | None,
                             locales: Sequence[str], min_score: int,
                             documents: Sequence[str] | None = None) -> Job[MemoryDrafts]:
    """Draft every missing or outdated cell of `documents` (None: every live document) in `locales` with its best
    memory match scoring at least `min_score`. Progress between batches; a cancel keeps what was written."""
    checked = require(actor, "translate")
    report = MemoryDrafts(min_score)
    yield Progress(0, 0, "reading the cells to fill")
    with reading() as session:
        todo = fillable_cells(session, locales, documents)
    segments = list(todo)
    total = len(segments)
    for start in range(0, total, BATCH):
        yield Progress(start, total, f"looking up the memory: {start} of {total} sentences")
        drafts: list[MachineDraft] = []
        places: dict[tuple[int, str], str] = {}
        with reading() as session:
            for seg_id in segments[start:start + BATCH]:
                query = query_for_segment(session, seg_id)
                if query is None:
                    continue
                found = look_up(session, query, min_score=min_score)
                for doc_id, locale, version in todo[seg_id]:
                    best = found.best(locale)
                    if best is None:
                        report.unmatched += 1
                        continue
                    drafts.append(MachineDraft(seg_id, locale, best.target, best.origin_tag, version,
                                               placeholder_issue(query.text, best.target)))
                    places[(seg_id, locale)] = doc_id
        if drafts:
            with writing() as session:
                written = machine_drafts(session, checked, drafts)
            report.skipped += len(drafts) - len(written)
            for d in written:
                report.drafted[d.locale] += 1
                report.damaged += d.issue is not None
                report.cells.add(d.key)
                report.documents.add(places[d.key])
    yield Progress(total, total, "done")
    return report

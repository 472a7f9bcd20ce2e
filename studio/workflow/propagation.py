"""Auto-propagation: a translation just confirmed, offered to the other segments with the identical source.

The offer lists the other live segments with the same source text whose cell in that locale holds nothing anyone
stands by: no cell, a missing one, or a draft or outdated text that a machine, the memory or an earlier
propagation wrote (origin `mt:*`, `tm:*`, `propagated`) and that no reviewer rejected. Everything else is a
person's or a partner's word and is never offered, so never overwritten: a person's draft, a draft imported from
a translator's file (`import:*`), a flagged draft (a reviewer asked for something else, which propagating the
same text again would silently undo), a confirmed and an approved translation.

Applied, each becomes `translated` with origin `propagated`, as memoQ and Trados do: applying is the editor's own
decision on exactly these sentences (the same source, the translation they just confirmed), each passes the same
checks as a confirmation (placeholders, the field's length), and each still waits for a reviewer of the locale.
The confirmed cell is read again first: an offer whose translation was edited or withdrawn since is refused.
A cell that fails the checks, or that someone wrote since the offer, is left as it is and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.errors import ConflictError, StudioError
from studio.memory.lookup import identical_sources
from studio.models import Cell, Document, Segment
from studio.permissions import Actor, require
from studio.states import CellState
from studio.workflow.cells import CellSnapshot, confirm, snapshot

PROPAGATED = "propagated"


@dataclass(frozen=True)
class PropagationTarget:
    """A cell the confirmed translation may go to: where, and the version it has now (None: no cell)."""

    segment_id: int
    locale: str
    document_id: str
    title: str
    version: int | None


@dataclass(frozen=True)
class PropagationOffer:
    """A confirmed translation and the identical sentences elsewhere that may take it."""

    segment_id: int
    locale: str
    text: str
    targets: tuple[PropagationTarget, ...]


@dataclass(frozen=True)
class PropagatedCell:
    before: CellSnapshot
    after: CellSnapshot
    version: int
    document_id: str


_UNOWNED_ORIGINS = ("mt:", "tm:", PROPAGATED)


def _open_to_propagation(state: str | None, origin: str | None, flagged: bool) -> bool:
    if state in (None, CellState.MISSING):
        return True
    return (state in (CellState.DRAFT, CellState.OUTDATED) and not flagged
            and (origin or "").startswith(_UNOWNED_ORIGINS))


def offer(session: Session, segment_id: int, locale: str) -> PropagationOffer | None:
    """What confirming (segment, locale) may propagate to; None when that cell holds no confirmed or approved text
    or no other sentence may take it."""
    cell = session.execute(select(Cell.text, Cell.state).where(Cell.segment_id == segment_id,
                                                               Cell.locale == locale)).first()
    if cell is None or cell.state not in (CellState.TRANSLATED, CellState.APPROVED):
        return None
    same = identical_sources(session, segment_id)
    if not same:
        return None
    existing = {seg: (state, origin, flagged, version) for seg, state, origin, flagged, version in session.execute(
        select(Cell.segment_id, Cell.state, Cell.origin, Cell.flagged, Cell.version)
        .where(Cell.segment_id.in_(same), Cell.locale == locale))}
    # The same source locale as the confirmed sentence (`identical_sources`): `locale` is a target of them all.
    where = {seg: (doc_id, title) for seg, doc_id, title in session.execute(
        select(Segment.id, Segment.document_id, Document.title)
        .join(Document, Document.id == Segment.document_id).where(Segment.id.in_(same)))}
    targets = []
    for seg in same:
        state, origin, flagged, version = existing.get(seg, (None, None, False, None))
        if _open_to_propagation(state, origin, flagged):
            targets.append(PropagationTarget(seg, locale, *where[seg], version))
    if not targets:
        return None
    return PropagationOffer(segment_id, locale, cell.text, tuple(targets))


def still_offered(session: Session, proposal: PropagationOffer) -> bool:
    """Whether the cell the offer comes from is still confirmed or approved with the offered text."""
    cell = session.execute(select(Cell.text, Cell.state).where(Cell.segment_id == proposal.segment_id,
                                                               Cell.locale == proposal.locale)).first()
    return (cell is not None and cell.state in (CellState.TRANSLATED, CellState.APPROVED)
            and cell.text == proposal.text)


def propagate(session: Session, actor: Actor | None, proposal: PropagationOffer) -> tuple[list[PropagatedCell], int]:
    """Write the offer's translation into its targets that are still as offered; returns the cells written (before
    and after, for one undo) and how many were left alone."""
    checked = require(actor, "translate")
    if not still_offered(session, proposal):
        raise ConflictError("the translation offered was changed or withdrawn since: nothing was propagated")
    written: list[PropagatedCell] = []
    left = 0
    for target in proposal.targets:
        current = session.execute(select(Cell.state, Cell.origin, Cell.flagged, Cell.version).where(
            Cell.segment_id == target.segment_id, Cell.locale == target.locale)).first()
        if current is not None and not _open_to_propagation(current.state, current.origin, current.flagged):
            left += 1
            continue
        savepoint = session.begin_nested()
        try:
            before, cell = confirm(session, checked, target.segment_id, target.locale, proposal.text,
                                   target.version, origin=PROPAGATED)
        except StudioError:  # written since the offer, or refused by the checks (this field's length)
            savepoint.rollback()
            left += 1
            continue
        savepoint.commit()
        after = snapshot(cell, target.segment_id, target.locale)
        written.append(PropagatedCell(before, after, cell.version, target.document_id))
    return written, left

"""Writing translation cells: drafts, confirmations, reviews and undo, each checked and versioned.

Every write names the version it started from; if the stored cell moved on meanwhile (another window, another
process, another person), the write is refused with `CellConflict`, carrying both texts so the user can choose
or merge. A write to a document deleted meanwhile is refused with `NotFound`; nothing is half-written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Row, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from studio import audit
from studio.content.field_kinds import character_refusal
from studio.content.queries import cell_at
from studio.content.rich_text import placeholder_tokens
from studio.content.search import refresh_texts
from studio.content.store import insert_returning_ids
from studio.content.types import field_for_path, get_content_type
from studio.errors import ConflictError, NotFound, PermissionDenied, StudioError, ValidationError
from studio.jobs import Job, Progress
from studio.locales import LOCALES
from studio.memory.glossary import Glossary, load_glossary
from studio.models import Cell, Comment, Document, Revision, Segment, User, table_of, utcnow
from studio.permissions import Actor, refusal, require
from studio.qa.runner import approval_errors
from studio.states import (
    APPROVED_EVENT,
    CLEARED,
    CONFIRMED,
    DRAFTED,
    IMPORTED,
    PSEUDO_CLOSE,
    PSEUDO_OPEN,
    REJECTED,
    RESTORED,
    SOURCE_CHANGED,
    TYPED,
    WITHDRAWN,
    CellState,
)
from studio.unsafe_characters import NEVER_STORED
from studio.workflow import review as review_rules

_RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True)
class CellSnapshot:
    """A cell as it was, enough to put it back (undo). `text` None means there was no cell (missing)."""

    segment_id: int
    locale: str
    text: str | None
    state: str = CellState.MISSING
    origin: str = "human"
    flagged: bool = False
    outdated_source: str | None = None


class CellConflict(ConflictError):
    """The cell changed since the editor read it. `theirs` is the stored cell now (None if it is gone)."""

    def __init__(self, segment_id: int, locale: str, mine: str, theirs: CellSnapshot,
                 theirs_version: int | None, theirs_author: str) -> None:
        self.segment_id = segment_id
        self.locale = locale
        self.mine = mine
        self.theirs = theirs
        self.theirs_version = theirs_version
        self.theirs_author = theirs_author
        super().__init__(f"the {locale} translation was changed meanwhile by {theirs_author or 'someone else'}")


def translation_problems(segment: Segment, doc_type: str, text: str, field_length: int | None = None) -> list[str]:
    """Why `text` cannot be confirmed as the translation of `segment` (empty when it can).

    `field_length` is the length of the whole field's translation with `text` in place (a field's maximum
    length applies to all its sentences together); without it, `text` alone is measured."""
    problems: list[str] = []
    if not text.strip():
        problems.append("the translation is empty")
    wanted = placeholder_tokens(segment.text)
    found = placeholder_tokens(text)
    if sorted(found) != sorted(wanted):
        lost = [t for t in wanted if t not in found]
        extra = [t for t in found if t not in wanted]
        what = (f"lacks {' '.join(lost)}" if lost else "") + (" and " if lost and extra else "") + \
            (f"has unknown {' '.join(extra)}" if extra else "")
        problems.append(f"the markup placeholders do not match the source: the translation {what}")
    elif not _pairs_in_order(found):
        problems.append("a closing placeholder comes before its opening one")
    if PSEUDO_OPEN in text and PSEUDO_CLOSE in text:
        problems.append("pseudo-localised text (for checking layouts) cannot be confirmed: translate it")
    tag = _RAW_TAG.search(text)
    if tag:
        problems.append(f"raw markup {tag.group()!r} is not allowed: keep the source's placeholders instead")
    fdef = field_for_path(get_content_type(doc_type), segment.field_path)
    length = field_length if field_length is not None else len(text)
    if fdef is not None and fdef.max_length is not None and length > fdef.max_length:
        problems.append(f"{segment.field_path} allows at most {fdef.max_length} characters; "
                        f"its translation would have {length}")
    return problems


def _pairs_in_order(tokens: list[str]) -> bool:
    opened: set[str] = set()
    for token in tokens:
        if token.startswith("{/"):
            if token[2:-1] not in opened:
                return False
        elif not token.endswith("/}"):
            opened.add(token[1:-1])
    return True


def check_target(session: Session, segment_id: int, locale: str) -> None:
    """`NotFound` if the sentence or its document is gone, `ValidationError` if `locale` is not a target."""
    _segment(session, segment_id, locale)


def _segment(session: Session, segment_id: int, locale: str) -> tuple[Segment, Document]:
    found = session.execute(select(Segment, Document).join(Document, Document.id == Segment.document_id)
                            .where(Segment.id == segment_id)).first()
    if found is None:
        raise NotFound("this sentence no longer exists: its source was edited or its document removed meanwhile")
    segment, doc = found
    if doc.deleted_at is not None:
        raise NotFound(f"document {doc.slug} was deleted meanwhile; restore it (Document ▸ Deleted documents) "
                       "to go on translating it")
    if locale not in LOCALES or locale == doc.source_locale:
        raise ValidationError(f"{locale!r} is not a target language of document {doc.slug}")
    return segment, doc


def snapshot(cell: Cell | Row[Any] | None, segment_id: int, locale: str) -> CellSnapshot:
    if cell is None or cell.state == CellState.MISSING:
        return CellSnapshot(segment_id, locale, None)
    return CellSnapshot(segment_id, locale, cell.text, cell.state, cell.origin, cell.flagged, cell.outdated_source)


def field_length(session: Session, segment: Segment, locale: str, text: str) -> int:
    """The length of the field's translation in `locale` if `segment`'s sentence read `text` (sentences are
    joined by one space, as the portal shows them)."""
    # The field's sentences first (by document), then their cells (by segment and locale): joined the other way
    # round, SQLite walks every cell of the locale.
    siblings = select(Segment.id).where(Segment.document_id == segment.document_id,
                                        Segment.field_path == segment.field_path, Segment.id != segment.id)
    others = session.scalars(select(Cell.text).where(Cell.segment_id.in_(siblings), Cell.locale == locale,
                                                     Cell.state != CellState.MISSING)).all()
    return len(text) + sum(len(t) + 1 for t in others if t)


def _conflict(session: Session, cell: Cell | None, segment_id: int, locale: str, mine: str) -> CellConflict:
    author = ""
    if cell is not None and cell.author_id is not None:
        author = session.scalar(select(User.display_name).where(User.id == cell.author_id)) or ""
    return CellConflict(segment_id, locale, mine, snapshot(cell, segment_id, locale),
                        cell.version if cell is not None else None, author)


# --- one cell: the named operations -------------------------------------------------------------------------------
# Each checks its own permission and rules, then stores through `_store`, the one place a single cell is written.

@dataclass(frozen=True)
class _Target:
    """The cell a write is about, as read in the writing transaction (`cell` None: there is no cell row)."""

    segment: Segment
    document: Document
    locale: str
    cell: Cell | None

    @property
    def key(self) -> Key:
        return self.segment.id, self.locale


def _target(session: Session, segment_id: int, locale: str) -> _Target:
    segment, doc = _segment(session, segment_id, locale)
    return _Target(segment, doc, locale, cell_at(session, segment_id, locale))


def _check_translation(session: Session, target: _Target, text: str) -> None:
    """`ValidationError` naming the document and field if `text` cannot stand as a confirmed translation."""
    segment, doc = target.segment, target.document
    problems = translation_problems(segment, doc.type, text, field_length(session, segment, target.locale, text))
    if problems:
        raise ValidationError(problems[0], where=doc.slug, field=segment.field_path,
                              message=f"{doc.slug} {segment.field_path} ({target.locale}): {problems[0]}")


def _check_storable(target: _Target, text: str) -> None:
    """`ValidationError` naming the document and field if `text` holds a character Studio never stores (a control
    character, a bidi override, a lone surrogate): typed or pasted, it would reach the portal and every export."""
    if bad := NEVER_STORED.search(text):
        why = character_refusal(bad)
        raise ValidationError(why, where=target.document.slug, field=target.segment.field_path,
                              message=f"{target.document.slug} {target.segment.field_path} ({target.locale}): {why}")


def _store(session: Session, actor: Actor, target: _Target, text: str, expected_version: int | None, *,
           state: str, origin: str, flagged: bool, outdated_source: str | None, event: str,
           comment_id: int | None = None) -> tuple[CellSnapshot, Cell]:
    """Write the cell as given and record the revision; returns what the cell was before, and the cell now.

    The version is checked here and only here: against the version the user started from, and (by the mapper's
    `version_id_col`, in the UPDATE itself) against a writer that committed after the cell was read. Both come
    back as `CellConflict`, with the stored text to choose or merge."""
    segment_id, locale = target.key
    cell = target.cell
    if (cell.version if cell is not None else None) != expected_version:
        raise _conflict(session, cell, segment_id, locale, text)
    before = snapshot(cell, segment_id, locale)
    now = utcnow()
    # A savepoint before the first change: after a lost race the transaction can still read the winner's cell.
    savepoint = session.begin_nested()
    try:
        if cell is None:
            cell = Cell(segment_id=segment_id, locale=locale, version=1)
            session.add(cell)
        cell.text, cell.state, cell.origin, cell.flagged = text, state, origin, flagged
        cell.outdated_source, cell.machine_issue = outdated_source, None  # a person's write settles a machine's issue
        cell.author_id, cell.updated_at, cell.source_hash = actor.id, now, target.segment.source_hash
        session.flush()
    except (StaleDataError, IntegrityError):
        savepoint.rollback()  # expires the cell (or drops the new one): the read below is the winner's
        theirs = cell_at(session, segment_id, locale)
        if theirs is None:
            raise  # not a lost race: something else refused the row
        raise _conflict(session, theirs, segment_id, locale, text) from None
    savepoint.commit()
    session.add(Revision(cell_id=cell.id, version=cell.version, text=text, state=state, origin=origin,
                         author_id=actor.id, created_at=now, event=event, comment_id=comment_id))
    return before, cell


def draft(session: Session, actor: Actor | None, segment_id: int, locale: str, text: str,
          expected_version: int | None, *, origin: str = "human") -> tuple[CellSnapshot, Cell | None]:
    """Store what was typed (or drafted by a machine, `origin`), whatever it holds: typing is never lost.

    A draft keeps a reviewer's rejection flag and the old source of an unconfirmed source change, so the
    translator still sees both. An emptied draft is no translation: the cell goes back to missing (its history
    and comments stay), so clearing a cell never counts as progress; emptying a cell with no text stores nothing.
    Returns the cell before and now (None: no cell)."""
    checked = require(actor, "translate")
    target = _target(session, segment_id, locale)
    _check_storable(target, text)
    cell = target.cell
    if not text.strip():
        if cell is None or cell.state == CellState.MISSING:
            return snapshot(cell, segment_id, locale), cell
        result = _store(session, checked, target, "", expected_version, state=CellState.MISSING,
                        origin=cell.origin, flagged=False, outdated_source=None, event=CLEARED)
    else:
        state = CellState.DRAFT
        result = _store(session, checked, target, text, expected_version, state=state, origin=origin,
                        flagged=kept_flag(cell, state) if cell is not None else False,
                        outdated_source=kept_outdated_source(cell, state) if cell is not None else None,
                        event=TYPED if origin == "human" else DRAFTED)
    refresh_texts(session, [target.document.id], [locale])
    return result


def confirm(session: Session, actor: Actor | None, segment_id: int, locale: str, text: str,
            expected_version: int | None, *, origin: str = "human") -> tuple[CellSnapshot, Cell]:
    """Confirm a translation: it must pass `translation_problems`; confirming clears a rejection and accepts a
    source change. The confirmed text waits for a reviewer of the locale."""
    checked = require(actor, "translate")
    target = _target(session, segment_id, locale)
    _check_storable(target, text)
    _check_translation(session, target, text)
    before, cell = _store(session, checked, target, text, expected_version, state=CellState.TRANSLATED,
                          origin=origin, flagged=False, outdated_source=None, event=CONFIRMED)
    audit.record(session, checked, "confirm", "cell", str(cell.id), after={"locale": locale},
                 summary=f"confirmed segment {segment_id} ({locale})")
    refresh_texts(session, [target.document.id], [locale])
    return before, cell


def kept_outdated_source(cell: Cell | Row[Any], state: str) -> str | None:
    # The old source stays while the text is not confirmed: the editor still needs to see what changed.
    return cell.outdated_source if state in (CellState.DRAFT, CellState.OUTDATED) else None


def kept_flag(cell: Cell | Row[Any], state: str) -> bool:
    # A reviewer's rejection stays on the text until it is confirmed again.
    return bool(cell.flagged) and state in (CellState.DRAFT, CellState.OUTDATED)


def restore(session: Session, actor: Actor | None, snap: CellSnapshot, expected_version: int | None) -> int | None:
    """Put a cell back as `snap` recorded it (undo, redo); returns its version (None: there was no cell)."""
    version = _restore_one(session, actor, snap, expected_version)
    refresh_texts(session, session.scalars(select(Segment.document_id).where(Segment.id == snap.segment_id)),
                  [snap.locale])
    return version


def _restore_one(session: Session, actor: Actor | None, snap: CellSnapshot, expected_version: int | None) -> int | None:
    """`restore` without refreshing the search text (a many-cell restore refreshes it once).

    Taking back a first translation withdraws the text but keeps the cell, in state missing: its history
    and comments stay, and its version goes on counting, so a window holding an older version still conflicts.
    """
    withdrawing = snap.text is None or snap.state == CellState.MISSING
    checked = require(actor, "translate") if withdrawing else None
    target = _target(session, snap.segment_id, snap.locale)
    cell = target.cell
    if withdrawing:
        assert checked is not None
        if cell is None:
            if expected_version is not None:
                raise _conflict(session, cell, snap.segment_id, snap.locale, "")
            return None
        _, cell = _store(session, checked, target, "", expected_version, state=CellState.MISSING,
                         origin=cell.origin, flagged=False, outdated_source=None, event=WITHDRAWN)
        audit.record(session, checked, "withdraw", "cell", str(cell.id),
                     summary=f"took back the translation of segment {snap.segment_id} ({snap.locale})")
        return cell.version
    assert snap.text is not None
    approvals = _standing_approvals(session, [cell.id]) if cell is not None else {}
    state, flagged, outdated_source = _restored_state(actor, cell, snap, approvals.get(cell.id) if cell else None)
    assert actor is not None  # `_restored_state` refused anyone who may neither review nor translate
    if state == CellState.APPROVED:
        _check_translation(session, target, snap.text)
        segment, doc = target.segment, target.document
        if approval_errors(session, segment, doc.type, doc.id, doc.source_locale, target.locale, snap.text,
                           load_glossary(session)):
            state = CellState.TRANSLATED  # no approval around the quality gate: see `_approvable`
    _, cell = _store(session, actor, target, snap.text, expected_version, state=state, origin=snap.origin,
                     flagged=flagged, outdated_source=outdated_source, event=RESTORED)
    return cell.version


def _restored_state(actor: Actor | None, cell: Cell | Row[Any] | None, snap: CellSnapshot,
                    standing_approval: str | None) -> tuple[str, bool, str | None]:
    """The state, flag and old source a restore (undo, redo) may give the cell: those of `snap` where the actor
    could give them anyway, and never a way around the review.

    - A reviewer of the locale may put back their verdict on the same text (undo or redo an approval or a
      rejection), unless the source changed since: approving against a new source needs a confirmation first.
    - Anyone else needs the editor's role, and a restore never clears a reviewer's rejection nor a source change
      that happened since: the text comes back, but a rejected cell stays a flagged draft (the translator still
      sees the reviewer's comment) and an outdated one stays outdated with its old source (the editor still sees
      what changed). Only the named operations clear them: an editor's confirmation, a reviewer's verdict.
    - `approved` comes back for an editor only where a reviewer's approval of exactly this text still stands
      (no rejection and no source change since it; `standing_approval` is that text): undoing a replace-all
      over approved cells puts back what the reviewer approved, and gives no way to approve anything else.
      Otherwise the text comes back confirmed (translated), to be reviewed again.
    """
    outdated = cell is not None and (cell.state == CellState.OUTDATED or cell.outdated_source is not None)
    flagged_now = cell is not None and cell.state != CellState.MISSING and bool(cell.flagged)
    same_text = cell is not None and cell.state != CellState.MISSING and cell.text == snap.text
    # A reviewer approves a confirmed text, or takes back their rejection; a plain draft needs a confirmation.
    verdict = snap.state != CellState.APPROVED or (
        cell is not None and (cell.state == CellState.TRANSLATED or flagged_now))
    if same_text and not outdated and verdict and refusal(actor, "review", snap.locale) is None:
        return snap.state, snap.flagged, snap.outdated_source
    require(actor, "translate")
    state = snap.state
    if state == CellState.APPROVED and (flagged_now or outdated or standing_approval != snap.text):
        state = CellState.TRANSLATED
    if outdated and cell is not None:
        kept_source = cell.outdated_source if cell.outdated_source is not None else snap.outdated_source
        kept_state = (CellState.OUTDATED if cell.state == CellState.OUTDATED or state != CellState.DRAFT
                      else CellState.DRAFT)
        return kept_state, flagged_now or snap.flagged, kept_source
    if flagged_now:
        return CellState.DRAFT, True, snap.outdated_source
    return state, snap.flagged, snap.outdated_source


_VERDICTS = (APPROVED_EVENT, REJECTED, SOURCE_CHANGED)


def _standing_approvals(session: Session, cell_ids: Iterable[int]) -> dict[int, str]:
    """For each cell whose latest verdict (approval, rejection or source change) is an approval, the text it
    approved."""
    latest: dict[int, tuple[int, str, str]] = {}
    ids = sorted(set(cell_ids))
    for start in range(0, len(ids), _CHUNK):
        for cell_id, rev_id, state, text in session.execute(
                select(Revision.cell_id, Revision.id, Revision.state, Revision.text)
                .where(Revision.cell_id.in_(ids[start:start + _CHUNK]),
                       Revision.event.in_(_VERDICTS) | (Revision.state == CellState.APPROVED))):
            if cell_id not in latest or rev_id > latest[cell_id][0]:
                latest[cell_id] = (rev_id, state, text)
    return {cell_id: text for cell_id, (_, state, text) in latest.items() if state == CellState.APPROVED}


# --- many cells at once: a replace-all and its undo write thousands of cells in a few statements ------------------

_CHUNK = 1000  # ids per IN list, well under every database's limit of bound parameters
Key = tuple[int, str]


@dataclass(frozen=True)
class PlannedWrite:
    """One cell of a bulk write: its new text and state, and the version it must still have."""

    segment_id: int
    locale: str
    text: str
    state: str
    origin: str
    flagged: bool
    outdated_source: str | None
    expected_version: int
    event: str
    machine_issue: str | None = None  # what went wrong with a machine draft's placeholders; any other write clears it

    @property
    def key(self) -> Key:
        return self.segment_id, self.locale


def load_cells(session: Session, keys: Iterable[Key]) -> dict[Key, Row[Any]]:
    """The stored cells of `keys` (absent: no cell) with their segment and document, in a few queries."""
    wanted = set(keys)
    segment_ids = sorted({seg for seg, _ in wanted})
    out: dict[Key, Row[Any]] = {}
    for start in range(0, len(segment_ids), _CHUNK):
        stmt = (select(Cell.id, Cell.segment_id, Cell.locale, Cell.version, Cell.text, Cell.state, Cell.origin,
                       Cell.flagged, Cell.outdated_source, Cell.author_id, Segment.source_hash,
                       Segment.text.label("source_text"), Segment.field_path, Segment.document_id,
                       Document.slug, Document.type, Document.deleted_at, Document.source_locale)
                .join(Segment, Segment.id == Cell.segment_id).join(Document, Document.id == Segment.document_id)
                .where(Cell.segment_id.in_(segment_ids[start:start + _CHUNK])))
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(of=Cell)  # nobody changes them between this check and the write
        for row in session.execute(stmt):
            if (row.segment_id, row.locale) in wanted:
                out[(row.segment_id, row.locale)] = cast(Row[Any], row)
    return out


def write_planned(session: Session, actor: Actor, loaded: dict[Key, Row[Any]],
                  planned: Sequence[PlannedWrite], *,
                  check: Iterable[str] = (CellState.TRANSLATED, CellState.APPROVED)) -> list[int]:
    """Write `planned` over the `loaded` cells, all or none: a cell at another version is a `CellConflict`, a
    confirmed or approved text must pass `translation_problems`. Returns each cell's new version. The caller
    checked the permissions and refreshes the search text."""
    checked = set(check)
    for p in planned:
        row = loaded[p.key]
        if row.version != p.expected_version:
            author = session.scalar(select(User.display_name).where(User.id == row.author_id)) or "" \
                if row.author_id is not None else ""
            raise CellConflict(p.segment_id, p.locale, p.text, snapshot(row, *p.key), row.version, author)
    # Drafts only (machine drafts) need no field length: skipping the read keeps their writes short.
    lengths = _field_lengths(session, loaded, planned) if any(p.state in checked for p in planned) else {}
    for p in planned:
        row = loaded[p.key]
        if p.state in checked:
            source = Segment(text=row.source_text, field_path=row.field_path)
            problems = translation_problems(source, row.type, p.text, lengths[p.key])
            if problems:
                raise ValidationError(problems[0], where=row.slug, field=row.field_path,
                                      message=f"{row.slug} {row.field_path} ({p.locale}): {problems[0]}")
    if not planned:
        return []
    now = utcnow()
    cells = table_of(Cell)
    result = cast(CursorResult[Any], session.execute(
        update(cells).where(cells.c.id == bindparam("b_id"), cells.c.version == bindparam("b_version"))
        .values(text=bindparam("b_text"), state=bindparam("b_state"), origin=bindparam("b_origin"),
                flagged=bindparam("b_flagged"), outdated_source=bindparam("b_outdated"), author_id=actor.id,
                machine_issue=bindparam("b_issue"),
                updated_at=now, source_hash=bindparam("b_hash"), version=cells.c.version + 1),
        [{"b_id": loaded[p.key].id, "b_version": p.expected_version, "b_text": p.text, "b_state": p.state,
          "b_origin": p.origin, "b_flagged": p.flagged, "b_outdated": p.outdated_source,
          "b_hash": loaded[p.key].source_hash, "b_issue": p.machine_issue} for p in planned]))
    if session.get_bind().dialect.supports_sane_multi_rowcount and result.rowcount not in (-1, len(planned)):
        raise ConflictError("some of these translations were changed meanwhile; nothing was written")
    session.execute(insert(table_of(Revision)), [
        {"cell_id": loaded[p.key].id, "version": p.expected_version + 1, "text": p.text, "state": p.state,
         "origin": p.origin, "author_id": actor.id, "created_at": now, "event": p.event, "comment_id": None}
        for p in planned])
    return [p.expected_version + 1 for p in planned]


def _field_lengths(session: Session, loaded: dict[Key, Row[Any]], planned: Sequence[PlannedWrite]) -> dict[Key, int]:
    """`field_length` for each planned cell, with the planned texts of its sibling sentences in place."""
    return _lengths_in_place(session, [(p.key, loaded[p.key].document_id, loaded[p.key].field_path, p.text)
                                       for p in planned])


def _lengths_in_place(session: Session, writes: Sequence[tuple[Key, str, str, str]]) -> dict[Key, int]:
    """`field_length` of each text about to be written, given as (key, document id, field path, text), with the
    stored texts of its field and the other texts being written in place."""
    docs = sorted({doc for _, doc, _, _ in writes})
    locales = sorted({key[1] for key, _, _, _ in writes})
    texts: dict[tuple[str, str, str], dict[int, str]] = {}
    for start in range(0, len(docs), _CHUNK):
        for doc_id, path, seg_id, locale, text in session.execute(
                select(Segment.document_id, Segment.field_path, Segment.id, Cell.locale, Cell.text)
                .join(Cell, Cell.segment_id == Segment.id)
                .where(Segment.document_id.in_(docs[start:start + _CHUNK]), Cell.locale.in_(locales),
                       Cell.state != CellState.MISSING)):
            texts.setdefault((doc_id, path, locale), {})[seg_id] = text
    for (segment_id, locale), doc, path, text in writes:
        texts.setdefault((doc, path, locale), {})[segment_id] = text
    return {key: len(text) + sum(len(t) + 1 for seg, t in texts[(doc, path, key[1])].items() if seg != key[0] and t)
            for key, doc, path, text in writes}


_Item = tuple[int, CellSnapshot, int]  # (position in the items, snapshot, version now)
RESTORE_CHUNK = 500
"""Cells written between two progress reports of a many-cell restore: each report is a cancel point, and the
chunk's own work on the worker thread lasts a few tens of milliseconds."""


def restore_many(session: Session, actor: Actor | None, items: Sequence[tuple[CellSnapshot, int | None]],
                 chunk: int = RESTORE_CHUNK) -> Job[list[int | None]]:
    """`restore_cell` for many cells (undo and redo of a replace-all), by the same rules, in a few statements per
    chunk of cells; returns each cell's version afterwards.

    A job: it yields progress between chunks, all in the caller's transaction, so a cancel leaves the caller
    to roll back everything. A chunk holds whole documents, so a field's length is checked with all of its
    sentences as they are being put back."""
    if actor is None:
        require(actor, "translate")
    assert actor is not None
    total = len(items)
    plain = [(i, snap, version) for i, (snap, version) in enumerate(items)
             if snap.text is not None and snap.state != CellState.MISSING and version is not None]
    keys = [(snap.segment_id, snap.locale) for _, snap, _ in plain]
    loaded: dict[Key, Row[Any]] = {}
    for start in range(0, len(keys), chunk):
        yield Progress(0, total, f"reading {total} translation(s)")
        loaded.update(load_cells(session, keys[start:start + chunk]))
    approvals = _standing_approvals(session, [loaded[(s.segment_id, s.locale)].id for _, s, _ in plain
                                              if s.state == CellState.APPROVED and (s.segment_id, s.locale) in loaded])
    by_document: dict[str, list[_Item]] = {}
    for i, snap, version in plain:
        row = loaded.get((snap.segment_id, snap.locale))
        if row is None:
            continue  # no cell: the one-by-one path below says why
        if row.deleted_at is not None:
            raise NotFound(f"document {row.slug} was deleted meanwhile; restore it (Document ▸ Deleted documents) "
                           "to go on translating it")
        assert version is not None
        by_document.setdefault(row.document_id, []).append((i, snap, version))
    versions: list[int | None] = [None] * total
    done: set[int] = set()
    # The quality gate of the texts restored as approved: the glossary read once.
    glossary = load_glossary(session) if any(s.state == CellState.APPROVED for _, s, _ in plain) else None
    for batch in _whole_documents(list(by_document.values()), chunk):
        yield Progress(len(done), total, f"putting back: {len(done)} of {total} translations")
        planned: list[tuple[int, PlannedWrite]] = []
        for i, snap, version in batch:
            row = loaded[(snap.segment_id, snap.locale)]
            state, flagged, outdated_source = _restored_state(actor, row, snap, approvals.get(row.id))
            assert snap.text is not None
            if state == CellState.APPROVED and not _approvable(session, row, snap.text, glossary):
                state = CellState.TRANSLATED
            planned.append((i, PlannedWrite(snap.segment_id, snap.locale, snap.text, state, snap.origin, flagged,
                                            outdated_source, version, RESTORED)))
        written = write_planned(session, actor, loaded, [p for _, p in planned], check=(CellState.APPROVED,))
        for (i, _), version in zip(planned, written, strict=True):
            versions[i] = version
            done.add(i)
    for i, (snap, expected) in enumerate(items):
        if i not in done:
            versions[i] = _restore_one(session, actor, snap, expected)
    yield Progress(total, total, "put back")
    return versions


def _whole_documents(groups: list[list[_Item]], size: int) -> list[list[_Item]]:
    """The documents' cells in chunks of about `size`, a document never split between two chunks."""
    chunks: list[list[_Item]] = []
    current: list[_Item] = []
    for group in groups:
        current.extend(group)
        if len(current) >= size:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


@dataclass(frozen=True)
class MachineDraft:
    """A machine translation for one cell: its text, its origin (`mt:<engine>`), the version the cell had when the
    pre-translation read it (None: no cell), and what went wrong on the way back if anything (placeholders
    damaged: the draft is kept, and flagged so the editor sees it)."""

    segment_id: int
    locale: str
    text: str
    origin: str
    expected_version: int | None
    issue: str | None = None

    @property
    def key(self) -> Key:
        return self.segment_id, self.locale


def machine_drafts(session: Session, actor: Actor | None, drafts: Sequence[MachineDraft], *,
                   replace_machine: bool = False) -> list[MachineDraft]:
    """Store machine drafts where the cells still wait for one; returns those written.

    A cell is filled only if it is as the pre-translation read it (same version) and still missing or outdated,
    or a machine draft when `replace_machine`: text a person wrote meanwhile, or a document deleted meanwhile,
    is left alone, never overwritten. An outdated cell keeps its old source, so the editor still sees what
    changed. The caller refreshes nothing: the search text is refreshed here, once."""
    checked = require(actor, "translate")
    if not drafts:
        return []
    loaded = load_cells(session, [d.key for d in drafts])
    fresh = [d for d in drafts if d.key not in loaded and d.expected_version is None]
    planned = []
    for d in drafts:
        row = loaded.get(d.key)
        if row is None or row.version != d.expected_version or row.deleted_at is not None:
            continue
        machine = row.state == CellState.DRAFT and str(row.origin).startswith("mt:")
        if row.state in (CellState.MISSING, CellState.OUTDATED) or (replace_machine and machine):
            state = CellState.DRAFT
            planned.append(PlannedWrite(d.segment_id, d.locale, d.text, state, d.origin, kept_flag(row, state),
                                        kept_outdated_source(row, state), row.version, DRAFTED, d.issue))
    write_planned(session, checked, loaded, planned, check=())
    inserted = _insert_drafts(session, checked, fresh)
    written = {p.key for p in planned} | {d.key for d in inserted}
    documents = {loaded[p.key].document_id for p in planned} | set(
        session.scalars(select(Segment.document_id).where(Segment.id.in_({d.segment_id for d in inserted}))))
    refresh_texts(session, documents, {locale for _, locale in written})
    return [d for d in drafts if d.key in written]


def _insert_drafts(session: Session, actor: Actor, drafts: Sequence[MachineDraft]) -> list[MachineDraft]:
    """New cells for drafts of cells that have no row yet, where the document is live and the locale a target.
    Another writer that made one of these cells meanwhile wins: the batch is left to the next run."""
    if not drafts:
        return []
    targets = {seg_id: (source_hash, source) for seg_id, source_hash, source in session.execute(
        select(Segment.id, Segment.source_hash, Document.source_locale)
        .join(Document, Document.id == Segment.document_id)
        .where(Segment.id.in_({d.segment_id for d in drafts}), Document.deleted_at.is_(None)))}
    usable = [d for d in drafts if d.segment_id in targets and d.locale != targets[d.segment_id][1]]
    if not usable:
        return []
    now = utcnow()
    savepoint = session.begin_nested()
    try:
        ids = insert_returning_ids(session, Cell, [
            {"segment_id": d.segment_id, "locale": d.locale, "text": d.text, "state": CellState.DRAFT,
             "origin": d.origin, "version": 1, "flagged": False, "author_id": actor.id, "updated_at": now,
             "source_hash": targets[d.segment_id][0], "outdated_source": None, "machine_issue": d.issue}
            for d in usable], ("segment_id", "locale"))
    except IntegrityError:
        savepoint.rollback()
        return []
    savepoint.commit()
    session.execute(insert(table_of(Revision)), [
        {"cell_id": cell_id, "version": 1, "text": d.text, "state": CellState.DRAFT, "origin": d.origin,
         "author_id": actor.id, "created_at": now, "event": DRAFTED, "comment_id": None}
        for cell_id, d in zip(ids, usable, strict=True)])
    return usable


@dataclass(frozen=True)
class ImportedText:
    """A translation brought back in an exchange file, as the import decided to store it: `confirmed` when the
    file says it is translated, the cell's version the import read (None: no cell) and `origin` import:<format>."""

    segment_id: int
    locale: str
    text: str
    confirmed: bool
    origin: str
    expected_version: int | None

    @property
    def key(self) -> Key:
        return self.segment_id, self.locale


def import_texts(session: Session, actor: Actor | None,
                 items: Sequence[ImportedText]) -> dict[Key, tuple[str, str | None]]:
    """Store translations from returned exchange files: drafts, or confirmed translations (never approved), each
    with the revision event `imported` and the importer as author (so the four-eyes rule counts them as theirs).

    A text meant as confirmed that fails `translation_problems` (placeholders broken, too long) is stored as a
    draft with the problem kept as its issue, which the grid flags as it flags a machine draft's: nothing the
    translator sent is lost, and nothing broken is confirmed. Versions are checked as in `write_planned`.
    Returns each cell's (state, issue); the search text is refreshed here, once."""
    checked = require(actor, "translate")
    if not items:
        return {}
    loaded = load_cells(session, [i.key for i in items])
    info: dict[int, Row[Any]] = {}
    for start in range(0, len(items), _CHUNK):
        for found in session.execute(
                select(Segment.id, Segment.text, Segment.field_path, Segment.document_id, Segment.source_hash,
                       Document.type).join(Document, Document.id == Segment.document_id)
                .where(Segment.id.in_({i.segment_id for i in items[start:start + _CHUNK]}))):
            info[found.id] = cast(Row[Any], found)
    lengths = _import_lengths(session, info, items)
    outcome: dict[Key, tuple[str, str | None]] = {}
    planned: list[PlannedWrite] = []
    fresh: list[dict[str, Any]] = []
    now = utcnow()
    for item in items:
        seg = info[item.segment_id]
        problems = translation_problems(Segment(text=seg.text, field_path=seg.field_path), seg.type, item.text,
                                        lengths[item.key])
        state = CellState.TRANSLATED if item.confirmed and not problems else CellState.DRAFT
        issue = problems[0] if problems else None
        outcome[item.key] = (state, issue)
        row = loaded.get(item.key)
        if row is None:
            if item.expected_version is not None:
                raise ConflictError("a translation being imported was removed meanwhile; nothing was written")
            fresh.append({"segment_id": item.segment_id, "locale": item.locale, "text": item.text, "state": state,
                          "origin": item.origin, "version": 1, "flagged": False, "author_id": checked.id,
                          "updated_at": now, "source_hash": seg.source_hash, "outdated_source": None,
                          "machine_issue": issue})
        else:
            planned.append(PlannedWrite(item.segment_id, item.locale, item.text, state, item.origin,
                                        kept_flag(row, state), kept_outdated_source(row, state),
                                        cast(int, item.expected_version), IMPORTED, issue))
    write_planned(session, checked, loaded, planned, check=())
    if fresh:
        savepoint = session.begin_nested()
        try:
            ids = insert_returning_ids(session, Cell, fresh, ("segment_id", "locale"))
        except IntegrityError:
            savepoint.rollback()
            raise ConflictError("someone translated some of these sentences meanwhile; nothing was written") from None
        savepoint.commit()
        session.execute(insert(table_of(Revision)), [
            {"cell_id": cell_id, "version": 1, "text": row["text"], "state": row["state"], "origin": row["origin"],
             "author_id": checked.id, "created_at": now, "event": IMPORTED, "comment_id": None}
            for cell_id, row in zip(ids, fresh, strict=True)])
    refresh_texts(session, {info[i.segment_id].document_id for i in items}, {i.locale for i in items})
    return outcome


def _import_lengths(session: Session, info: dict[int, Row[Any]], items: Sequence[ImportedText]) -> dict[Key, int]:
    """Each imported text's field length (`field_length`) with the other imported texts of its field in place."""
    return _lengths_in_place(session, [(i.key, info[i.segment_id].document_id, info[i.segment_id].field_path, i.text)
                                       for i in items])


def review(session: Session, actor: Actor | None, segment_id: int, locale: str, expected_version: int,
           *, approve: bool, comment: str = "", glossary: Glossary | None = None) -> Cell:
    """Approve a confirmed translation, or reject it back to draft with the reviewer's reason as a comment.

    While the four-eyes rule is on (`review.four_eyes`), approving a text one wrote (`review.own_write`) is
    refused; rejecting it is not. An approval's quality gate reads the glossary unless `glossary` is given."""
    checked = require(actor, "review", locale)
    cell, doc_id = _review_one(session, checked, segment_id, locale, expected_version, approve=approve,
                               comment=comment, four_eyes=review_rules.four_eyes(session), glossary=glossary)
    refresh_texts(session, [doc_id], [locale])
    return cell


def _review_one(session: Session, actor: Actor, segment_id: int, locale: str, expected_version: int, *,
                approve: bool, comment: str, four_eyes: bool, glossary: Glossary | None = None) -> tuple[Cell, str]:
    """`review` without refreshing the search text (a selection refreshes it once); returns the cell and its
    document's id."""
    checked = require(actor, "review", locale)
    target = _target(session, segment_id, locale)
    segment, doc, cell = target.segment, target.document, target.cell
    if cell is None or cell.state == CellState.MISSING:
        raise ValidationError("has no translation to review", where=doc.slug, field=segment.field_path,
                              message=f"{doc.slug} {segment.field_path} ({locale}) has no translation to review")
    if cell.version != expected_version:
        raise _conflict(session, cell, segment_id, locale, cell.text)
    if approve and cell.state != CellState.TRANSLATED:
        raise ValidationError(f"only a confirmed translation can be approved; this one is {cell.state}")
    if not approve and not comment.strip():
        raise ValidationError("say why the translation is rejected: the translator reads the comment")
    if approve and four_eyes:
        wrote = review_rules.own_write(session, checked.id, cell.id)
        if wrote is not None:
            raise PermissionDenied(review_rules.four_eyes_message(doc.slug, segment.field_path, locale, wrote))
    if approve:
        _check_translation(session, target, cell.text)
        _check_quality(session, target, cell.text, glossary)
    reason = None
    if not approve:
        reason = Comment(document_id=doc.id, cell_id=cell.id, author_id=checked.id, body=comment.strip())
        session.add(reason)
        session.flush()
    _, cell = _store(session, checked, target, cell.text, expected_version,
                     state=CellState.APPROVED if approve else CellState.DRAFT, origin=cell.origin,
                     flagged=not approve, outdated_source=None, event=APPROVED_EVENT if approve else REJECTED,
                     comment_id=reason.id if reason is not None else None)
    audit.record(session, checked, "approve" if approve else "reject", "cell", str(cell.id),
                 after={"locale": locale, "text": cell.text, "comment": comment or None},
                 summary=f"{'approved' if approve else 'rejected'} {doc.slug} {segment.field_path} ({locale})")
    return cell, doc.id


def _approvable(session: Session, row: Row[Any], text: str, glossary: Glossary | None) -> bool:
    """Whether `text` of a loaded cell (`load_cells`) passes the quality gate of an approval. A restore (undo,
    redo) that would put back an approval on a text with a quality error (the rules or the glossary changed since)
    puts the text back as translated instead: the text returns, the approval waits for the error's correction."""
    segment = Segment(id=row.segment_id, text=row.source_text, field_path=row.field_path)
    return not approval_errors(session, segment, row.type, row.document_id, row.source_locale, row.locale, text,
                               glossary if glossary is not None else load_glossary(session))


def _check_quality(session: Session, target: _Target, text: str, glossary: Glossary | None) -> None:
    """`ValidationError` if `text` has an error-severity quality finding (a changed number, link or phone number,
    a forbidden term): an error blocks approval, a warning does not. No query when `glossary` is given."""
    segment, doc = target.segment, target.document
    errors = approval_errors(session, segment, doc.type, doc.id, doc.source_locale, target.locale, text,
                             glossary if glossary is not None else load_glossary(session))
    if errors:
        what = f"quality check “{errors[0].title}”: {errors[0].message}"
        raise ValidationError(what, where=doc.slug, field=segment.field_path,
                              message=f"{doc.slug} {segment.field_path} ({target.locale}) cannot be approved: {what}")


@dataclass(frozen=True)
class Skipped:
    """A cell of a selection that was not decided, and why (`where`: its document's slug and field, if known)."""

    segment_id: int
    locale: str
    reason: str
    where: str = ""

    @property
    def key(self) -> Key:
        return self.segment_id, self.locale


@dataclass(frozen=True)
class Verdicts:
    """What `review_many` decided: each decided cell's version now, the cells skipped, the documents touched."""

    decided: dict[Key, int]
    skipped: tuple[Skipped, ...]
    documents: frozenset[str]


REVIEW_CHUNK = 100
"""Cells decided between two progress reports of `review_many` (each report is a cancel point)."""


def review_many(session: Session, actor: Actor | None, items: Sequence[tuple[int, str, int]], *, approve: bool,
                comment: str = "", chunk: int = REVIEW_CHUNK) -> Job[Verdicts]:
    """`review` for a selection of (segment id, locale, version), in the caller's transaction: each cell by the
    same checks, one audit event each. A cell that fails its checks (changed meanwhile, not confirmed, another
    locale, the four-eyes rule, a broken text) is skipped with its reason, in a savepoint of its own, and the
    others are still decided. A job: progress between chunks, and a cancel leaves the caller to roll back."""
    checked = require(actor, "review")
    if not approve and not comment.strip():
        raise ValidationError("say why the translations are rejected: the translators read the comment")
    four_eyes = review_rules.four_eyes(session)
    glossary = load_glossary(session) if approve else None  # read once for the whole selection
    wanted = list(dict.fromkeys((int(seg), loc, int(version)) for seg, loc, version in items))
    seen: set[Key] = set()
    decided: dict[Key, int] = {}
    failed: list[tuple[int, str, str]] = []
    documents: set[str] = set()
    locales: set[str] = set()
    verb = "approving" if approve else "rejecting"
    for i, (segment_id, locale, version) in enumerate(wanted):
        if i % chunk == 0:
            yield Progress(i, len(wanted), f"{verb}: {i} of {len(wanted)} translations")
        if (segment_id, locale) in seen:
            failed.append((segment_id, locale, "asked for twice with different versions; decided once"))
            continue
        seen.add((segment_id, locale))
        savepoint = session.begin_nested()
        try:
            cell, doc_id = _review_one(session, checked, segment_id, locale, version, approve=approve,
                                       comment=comment, four_eyes=four_eyes, glossary=glossary)
        except StudioError as exc:
            savepoint.rollback()
            failed.append((segment_id, locale, str(exc)))
            continue
        savepoint.commit()
        decided[(segment_id, locale)] = cell.version
        documents.add(doc_id)
        locales.add(locale)
    refresh_texts(session, documents, locales)
    places = {seg: f"{slug} {path}" for seg, slug, path in session.execute(
        select(Segment.id, Document.slug, Segment.field_path).join(Document, Document.id == Segment.document_id)
        .where(Segment.id.in_({seg for seg, _, _ in failed})))} if failed else {}
    yield Progress(len(wanted), len(wanted), "decided")
    return Verdicts(decided, tuple(Skipped(seg, loc, why, places.get(seg, "")) for seg, loc, why in failed),
                    frozenset(documents))


@dataclass(frozen=True)
class RevisionRow:
    """One revision of a cell: what happened (`event`, see `states.EVENTS`), by whom, and the text and state
    after it. `comment` is the reviewer's reason when the event is a rejection."""

    version: int
    text: str
    state: str
    origin: str
    author: str
    created_at: object
    event: str = TYPED
    comment: str | None = None


def history(session: Session, segment_id: int, locale: str) -> list[RevisionRow]:
    """The revisions of one cell, newest first."""
    rows = session.execute(
        select(Revision.version, Revision.text, Revision.state, Revision.origin, User.display_name,
               Revision.created_at, Revision.event, Comment.body)
        .join(Cell, Cell.id == Revision.cell_id).outerjoin(User, User.id == Revision.author_id)
        .outerjoin(Comment, Comment.id == Revision.comment_id)
        .where(Cell.segment_id == segment_id, Cell.locale == locale)
        .order_by(Revision.created_at.desc(), Revision.id.desc()))
    return [RevisionRow(v, t, s, o, a or "studio", c, e, b) for v, t, s, o, a, c, e, b in rows]


@dataclass(frozen=True)
class CommentRow:
    id: int
    author: str
    body: str
    created_at: object
    locale: str | None
    field_path: str | None


def comments(session: Session, document_id: str, segment_id: int | None = None,
             locale: str | None = None) -> list[CommentRow]:
    """Comments on a document (all of them), or on one of its cells; oldest first."""
    stmt = (select(Comment.id, User.display_name, Comment.body, Comment.created_at, Cell.locale,
                   Segment.field_path)
            .outerjoin(User, User.id == Comment.author_id).outerjoin(Cell, Cell.id == Comment.cell_id)
            .outerjoin(Segment, Segment.id == Cell.segment_id)
            .where(Comment.document_id == document_id).order_by(Comment.created_at, Comment.id))
    if segment_id is not None:
        stmt = stmt.where(Cell.segment_id == segment_id, Cell.locale == locale)
    return [CommentRow(i, a or "studio", b, c, loc, p) for i, a, b, c, loc, p in session.execute(stmt)]


def add_comment(session: Session, actor: Actor | None, document_id: str, body: str,
                segment_id: int | None = None, locale: str | None = None) -> int:
    """A comment on the document, or on one of its cells (which must have a text)."""
    if actor is None:
        raise ValidationError("sign in to comment")
    if not body.strip():
        raise ValidationError("a comment needs some text")
    cell_id = None
    if segment_id is not None and locale is not None:
        _segment(session, segment_id, locale)
        cell = cell_at(session, segment_id, locale)
        if cell is None or cell.state == CellState.MISSING:
            raise ValidationError("this cell has no translation yet: comment on the document instead")
        cell_id = cell.id
    comment = Comment(document_id=document_id, cell_id=cell_id, author_id=actor.id, body=body.strip())
    session.add(comment)
    session.flush()
    return comment.id

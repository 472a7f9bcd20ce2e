"""Review: the queue of translations waiting for a reviewer, and the four-eyes rule.

A translation waits for review once an editor confirmed it (state `translated`), in a live document. Each
reviewer's queue holds the waiting cells of the locales they review, across documents, in document order; it is
read in one statement, a page at a time, into plain frozen rows.

The four-eyes rule is a workspace setting (a team's rule, so it lives in the database, not in anyone's settings
file), off by default and set by supervisors only. While it is on, a reviewer may not approve a text they wrote
(`own_write`); rejecting one's own text stays allowed. `cells.review` enforces it, so the editor's shortcut, the
queue and the command line all obey it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, false, func, literal, or_, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from studio import audit
from studio.errors import PermissionDenied, ValidationError
from studio.locales import LOCALE_CODES
from studio.models import Cell, Document, Revision, Section, Segment, User, WorkspaceSetting, utcnow
from studio.permissions import Actor
from studio.states import (
    CLEARED,
    CONFIRMED,
    IMPORTED,
    REJECTED,
    REPLACED,
    RESTORED,
    TYPED,
    WITHDRAWN,
    CellState,
)

CellId = ColumnElement[int] | QueryableAttribute[int] | int
"""A cell's id: a value, or the id column of an enclosing query."""

FOUR_EYES = "four_eyes"
"""The key of the four-eyes rule in `workspace_settings` (value: true or false; no row: off)."""

WRITING_EVENTS = (TYPED, CONFIRMED, IMPORTED, REPLACED, RESTORED)
"""Revisions by which a person makes a cell's text theirs: typing it, confirming it (a machine's or a colleague's
draft, corrected or not, becomes the confirmer's text), importing it, changing it with a find-and-replace, putting
it back with undo. Not `drafted`: a machine's or the memory's text, or the source copied, is nobody's writing until
someone types or confirms it. Not a verdict nor a source change either: they leave the text as it was."""

_VERBS = {
    CONFIRMED: "confirmed by you",
    TYPED: "written by you",
    IMPORTED: "imported by you",
    REPLACED: "changed by your find and replace",
    RESTORED: "put back by your undo",
}


# --- the four-eyes rule -----------------------------------------------------------------------------------------

def four_eyes(session: Session) -> bool:
    """Whether the four-eyes rule is on in this workspace."""
    return session.scalar(select(WorkspaceSetting.value).where(WorkspaceSetting.key == FOUR_EYES)) is True


def set_four_eyes(session: Session, actor: Actor | None, on: bool) -> bool:
    """Turn the rule on or off (supervisors only), audited; returns whether it changed."""
    if actor is None or not actor.has_role("supervisor"):
        who = f"{actor.name} is {', '.join(sorted(actor.roles)) or 'no role'}" if actor else "nobody is signed in"
        raise PermissionDenied(f"only a supervisor turns the four-eyes rule on or off ({who})")
    row = session.get(WorkspaceSetting, FOUR_EYES)
    before = row is not None and row.value is True
    if before == on:
        return False
    if row is None:
        session.add(WorkspaceSetting(key=FOUR_EYES, value=on, updated_at=utcnow(), updated_by=actor.id))
    else:
        row.value, row.updated_at, row.updated_by = on, utcnow(), actor.id
    audit.record(session, actor, "set_four_eyes", "workspace", FOUR_EYES, before={"four_eyes": before},
                 after={"four_eyes": on}, summary=f"turned the four-eyes rule {'on' if on else 'off'}")
    return True


def _text_began(cell_id: CellId) -> ColumnElement[int]:
    """The id of the cell's latest revision that closes a text's past: an approval (what came before it was seen
    by a reviewer) or an emptied cell (nothing of the old text is left); 0 when there is none."""
    closing = aliased(Revision)
    return func.coalesce(
        select(func.max(closing.id))
        .where(closing.cell_id == cell_id,
               or_(closing.state == CellState.APPROVED, closing.event.in_((CLEARED, WITHDRAWN))))
        .correlate_except(closing).scalar_subquery(), 0)


def _own_writes(actor_id: int, cell_id: CellId, *, newest_first: bool = False) -> Select[Any]:
    """The events of `actor_id`'s writing revisions of the cell's current text (see `own_write`)."""
    written = aliased(Revision)
    stmt = (select(written.event)
            .where(written.cell_id == cell_id, written.author_id == actor_id, written.event.in_(WRITING_EVENTS),
                   written.id > _text_began(cell_id))
            .correlate_except(written))
    return stmt.order_by(written.id.desc()) if newest_first else stmt


def own_write(session: Session, actor_id: int, cell_id: int) -> str | None:
    """How `actor_id` wrote the cell's current text (their latest writing event), or None if they did not.

    The current text's writers are the authors of every writing revision (`WRITING_EVENTS`) since the cell's
    last approval or emptying: not only `Cell.author_id`, the last writer, which a colleague's confirmation of
    your draft would hand to them, and a reviewer's own verdict to the reviewer. So a reviewer who typed a
    draft that an editor then confirmed, who corrected a machine draft and confirmed it, or who confirmed a text
    that was then rejected and fixed by someone else, wrote it; a reviewer who only rejected it, or ran the
    machine translation an editor confirmed, did not; and a text approved by another reviewer, then changed
    by an editor, is the editor's change to review."""
    return session.scalar(_own_writes(actor_id, cell_id, newest_first=True).limit(1))


def four_eyes_message(slug: str, field_path: str, locale: str, event: str) -> str:
    return (f"four-eyes rule: {slug} {field_path} ({locale}) was {_VERBS.get(event, 'written by you')}; "
            f"another reviewer of {locale} must approve it")


# --- the queue --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QueueRow:
    """One translation waiting for review, as the queue shows it. `yours`: the reader wrote its text (the
    four-eyes rule, when on, leaves it to another reviewer); `rejected_before`: a reviewer rejected an earlier
    text of this cell."""

    segment_id: int
    locale: str
    version: int
    document_id: str
    slug: str
    title: str
    document_type: str
    section: str
    field_path: str
    ordinal: int
    source_locale: str
    source: str
    translation: str
    confirmed_by: str
    confirmed_at: datetime
    rejected_before: bool
    yours: bool

    @property
    def key(self) -> tuple[int, str]:
        return self.segment_id, self.locale

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of `studio review list --json` (documented in the README)."""
        return {"cell": f"{self.segment_id}:{self.locale}", "segment": self.segment_id, "locale": self.locale,
                "version": self.version, "document": {"id": self.document_id, "slug": self.slug,
                                                      "title": self.title, "type": self.document_type,
                                                      "section": self.section},
                "field": self.field_path, "ordinal": self.ordinal, "source_locale": self.source_locale,
                "source": self.source, "translation": self.translation, "confirmed_by": self.confirmed_by,
                "confirmed_at": self.confirmed_at.isoformat(), "rejected_before": self.rejected_before,
                "yours": self.yours}


def queue_locales(actor: Actor | None, locales: Iterable[str] | None = None) -> tuple[str, ...]:
    """The locales a queue shows: those asked for, or else the ones the reader reviews (none: nobody, or a
    supervisor who reviews nothing), in portal order."""
    if locales is None:
        wanted = set(actor.review_locales) if actor is not None else set()
    else:
        wanted = set(locales)
        unknown = sorted(wanted - set(LOCALE_CODES))
        if unknown:
            raise ValidationError(f"unknown locale {unknown[0]!r}; use one of {', '.join(LOCALE_CODES)}")
    return tuple(code for code in LOCALE_CODES if code in wanted)


def _waiting_where(locales: tuple[str, ...], document_id: str | None, text: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Cell.state == CellState.TRANSLATED, Cell.locale.in_(locales),
                                        Document.deleted_at.is_(None)]
    if document_id is not None:
        where.append(Segment.document_id == document_id)
    words = text.strip()
    if words:
        # Case-insensitive for every letter on PostgreSQL; SQLite folds only ASCII letters.
        where.append(or_(Segment.text.icontains(words, autoescape=True), Cell.text.icontains(words, autoescape=True)))
    return where


def waiting(session: Session, actor: Actor | None, locales: Iterable[str] | None = None, *,
            document_id: str | None = None, text: str = "", limit: int | None = None,
            offset: int = 0) -> list[QueueRow]:
    """The translations waiting for review in `locales` (default: the ones `actor` reviews), of one document or
    all, whose source or translation holds `text`; by document (as the content tree orders them), then field,
    then locale. One statement: with `limit`, the page from `offset`."""
    chosen = queue_locales(actor, locales)
    if not chosen or (limit is not None and limit <= 0):
        return []
    order = case({code: i for i, code in enumerate(LOCALE_CODES)}, value=Cell.locale)
    # The page is chosen on the cells' keys first; only its rows then read texts, names and revisions.
    page = (select(Cell.id.label("cell_id"))
            .join(Segment, Segment.id == Cell.segment_id).join(Document, Document.id == Segment.document_id)
            .join(Section, Section.id == Document.section_id)
            .where(*_waiting_where(chosen, document_id, text))
            .order_by(Section.position, Document.type, Document.position, Document.slug, Segment.position, order)
            .limit(limit).offset(offset or None).subquery())
    rejected = (select(Revision.id).where(Revision.cell_id == Cell.id, Revision.event == REJECTED)
                .correlate(Cell).exists())
    yours: ColumnElement[bool] = (_own_writes(actor.id, Cell.id).exists() if actor is not None
                                  else false())
    confirmer = func.coalesce(func.nullif(User.display_name, ""), User.name, literal("studio"))
    stmt = (select(Cell.segment_id, Cell.locale, Cell.version, Document.id, Document.slug, Document.title,
                   Document.type, Section.key, Segment.field_path, Segment.ordinal, Document.source_locale,
                   Segment.text, Cell.text, confirmer, Cell.updated_at, rejected, yours)
            .join(page, page.c.cell_id == Cell.id)
            .join(Segment, Segment.id == Cell.segment_id).join(Document, Document.id == Segment.document_id)
            .join(Section, Section.id == Document.section_id).outerjoin(User, User.id == Cell.author_id)
            .order_by(Section.position, Document.type, Document.position, Document.slug, Segment.position, order))
    out = []
    for row in session.execute(stmt):
        values: list[Any] = list(row)
        values[15:] = [bool(v) for v in values[15:]]  # SQLite answers EXISTS with 0 or 1
        out.append(QueueRow(*values))
    return out


def waiting_count(session: Session, actor: Actor | None, locales: Iterable[str] | None = None, *,
                  document_id: str | None = None, text: str = "") -> int:
    """How many translations `waiting` would list without a limit."""
    chosen = queue_locales(actor, locales)
    if not chosen:
        return 0
    return session.scalar(
        select(func.count()).select_from(Cell).join(Segment, Segment.id == Cell.segment_id)
        .join(Document, Document.id == Segment.document_id)
        .where(*_waiting_where(chosen, document_id, text))) or 0

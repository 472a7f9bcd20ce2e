"""Writing translation cells: drafts, confirmations, reviews and undo, each checked and versioned.

Every write names the version it started from; if the stored cell moved on meanwhile (another window, another
process, another person), the write is refused with `CellConflict`, carrying both texts so the user can choose
or merge. A write to a document deleted meanwhile is refused with `NotFound`; nothing is half-written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.content.rich_text import placeholder_tokens
from studio.content.search import refresh_texts
from studio.content.types import field_for_path, get_content_type
from studio.errors import ConflictError, NotFound, ValidationError
from studio.locales import LOCALES
from studio.models import Cell, Comment, Document, Revision, Segment, User, utcnow
from studio.workflow import audit
from studio.workflow.permissions import Actor, refusal, require
from studio.workflow.states import APPROVED, DRAFT, MISSING, OUTDATED, TRANSLATED

_RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True)
class CellSnapshot:
    """A cell as it was, enough to put it back (undo). `text` None means there was no cell (missing)."""

    segment_id: int
    locale: str
    text: str | None
    state: str = MISSING
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


def _cell(session: Session, segment_id: int, locale: str) -> Cell | None:
    return session.scalar(select(Cell).where(Cell.segment_id == segment_id, Cell.locale == locale))


def snapshot(cell: Cell | None, segment_id: int, locale: str) -> CellSnapshot:
    if cell is None or cell.state == MISSING:
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
                                                     Cell.state != MISSING)).all()
    return len(text) + sum(len(t) + 1 for t in others if t)


def _check_version(session: Session, cell: Cell | None, segment_id: int, locale: str, mine: str,
                   expected_version: int | None) -> None:
    current = cell.version if cell is not None else None
    if current != expected_version:
        author = ""
        if cell is not None and cell.author_id is not None:
            author = session.scalar(select(User.display_name).where(User.id == cell.author_id)) or ""
        raise CellConflict(segment_id, locale, mine, snapshot(cell, segment_id, locale), current, author)


def write_cell(session: Session, actor: Actor | None, segment_id: int, locale: str, text: str, *,
               state: str, expected_version: int | None, origin: str = "human",
               flagged: bool | None = None, outdated_source: str | None = None, keep_outdated: bool = True,
               check: bool = True, authorized: bool = False, refresh: bool = True) -> tuple[CellSnapshot, Cell]:
    """Store `text` in the cell with `state`; returns what the cell was before, and the cell now.

    A draft is stored whatever it holds (typing is never lost); a confirmed or approved text must pass
    `translation_problems`. While a cell's source changed and the change is not yet confirmed, the old
    source is kept (`keep_outdated`) so the editor can still see what changed. Reviews and undo check the
    actor's permission by their own rules and say so with `authorized`: a reviewer's rejection is a draft
    that no editor wrote. A reviewer's rejection flag stays on drafts (`flagged` None) until the text is
    confirmed again. Many writes in one transaction pass `refresh=False` and refresh the search text once.
    """
    if not authorized:
        require(actor, "review" if state == APPROVED else "translate", locale if state == APPROVED else None)
    segment, doc = _segment(session, segment_id, locale)
    cell = _cell(session, segment_id, locale)
    _check_version(session, cell, segment_id, locale, text, expected_version)
    if check and state in (TRANSLATED, APPROVED):
        problems = translation_problems(segment, doc.type, text, field_length(session, segment, locale, text))
        if problems:
            raise ValidationError(f"{doc.slug} {segment.field_path} ({locale}): {problems[0]}")
    before = snapshot(cell, segment_id, locale)
    now = utcnow()
    assert actor is not None
    if cell is None:
        cell = Cell(segment_id=segment_id, locale=locale, version=1)
        session.add(cell)
    if keep_outdated:
        outdated_source = cell.outdated_source if state in (DRAFT, OUTDATED) else None
    if flagged is None:
        flagged = bool(cell.flagged) and state in (DRAFT, OUTDATED)
    cell.text, cell.state, cell.origin, cell.flagged = text, state, origin, flagged
    cell.outdated_source = outdated_source
    cell.author_id, cell.updated_at, cell.source_hash = actor.id, now, segment.source_hash
    session.flush()
    session.add(Revision(cell_id=cell.id, version=cell.version, text=text, state=state, origin=origin,
                         author_id=actor.id, created_at=now))
    if refresh:
        refresh_texts(session, [doc.id])
    return before, cell


def restore_cell(session: Session, actor: Actor | None, snap: CellSnapshot, expected_version: int | None, *,
                 refresh: bool = True) -> int | None:
    """Put a cell back as `snap` recorded it (undo, redo); returns its version (None: there was no cell).

    Taking back a first translation withdraws the text but keeps the cell, in state missing: its history
    and comments stay, and its version goes on counting, so a window holding an older version still conflicts.
    """
    if snap.text is None:
        require(actor, "translate")
        cell = _cell(session, snap.segment_id, snap.locale)
        if cell is None:
            _segment(session, snap.segment_id, snap.locale)
            _check_version(session, cell, snap.segment_id, snap.locale, "", expected_version)
            return None
        _, cell = write_cell(session, actor, snap.segment_id, snap.locale, "", state=MISSING,
                             expected_version=expected_version, origin=cell.origin, flagged=False,
                             keep_outdated=False, check=False, authorized=True, refresh=refresh)
        audit.record(session, actor, "withdraw", "cell", str(cell.id),
                     summary=f"took back the translation of segment {snap.segment_id} ({snap.locale})")
        return cell.version
    _require_restore(session, actor, snap)
    _, cell = write_cell(session, actor, snap.segment_id, snap.locale, snap.text, state=snap.state,
                         expected_version=expected_version, origin=snap.origin, flagged=snap.flagged,
                         outdated_source=snap.outdated_source, keep_outdated=False, check=False, authorized=True,
                         refresh=refresh)
    return cell.version


def _require_restore(session: Session, actor: Actor | None, snap: CellSnapshot) -> None:
    """Who may put a cell back: a reviewer of its locale may undo their verdict (same text, another state);
    an editor may put back any text, and an approval only where this very text was approved before, so that
    undoing a replace-all over approved cells works without giving editors a way to approve."""
    cell = _cell(session, snap.segment_id, snap.locale)
    reviews = refusal(actor, "review", snap.locale) is None
    if reviews and cell is not None and cell.text == snap.text:
        return
    require(actor, "translate")
    if snap.state == APPROVED and not reviews:
        approved_before = cell is not None and session.scalar(select(Revision.id).where(
            Revision.cell_id == cell.id, Revision.state == APPROVED, Revision.text == snap.text).limit(1))
        if not approved_before:
            require(actor, "review", snap.locale)


def review(session: Session, actor: Actor | None, segment_id: int, locale: str, expected_version: int,
           *, approve: bool, comment: str = "") -> Cell:
    """Approve a confirmed translation, or reject it back to draft with the reviewer's reason as a comment."""
    require(actor, "review", locale)
    assert actor is not None
    segment, doc = _segment(session, segment_id, locale)
    cell = _cell(session, segment_id, locale)
    if cell is None or cell.state == MISSING:
        raise ValidationError(f"{doc.slug} {segment.field_path} ({locale}) has no translation to review")
    _check_version(session, cell, segment_id, locale, cell.text, expected_version)
    if approve and cell.state != TRANSLATED:
        raise ValidationError(f"only a confirmed translation can be approved; this one is {cell.state}")
    if not approve and not comment.strip():
        raise ValidationError("say why the translation is rejected: the translator reads the comment")
    _, cell = write_cell(session, actor, segment_id, locale, cell.text, state=APPROVED if approve else DRAFT,
                         expected_version=cell.version, origin=cell.origin, flagged=not approve,
                         keep_outdated=False, check=approve, authorized=True)
    if not approve:
        session.add(Comment(document_id=doc.id, cell_id=cell.id, author_id=actor.id, body=comment.strip()))
    audit.record(session, actor, "approve" if approve else "reject", "cell", str(cell.id),
                 after={"locale": locale, "text": cell.text, "comment": comment or None},
                 summary=f"{'approved' if approve else 'rejected'} {doc.slug} {segment.field_path} ({locale})")
    return cell


@dataclass(frozen=True)
class RevisionRow:
    version: int
    text: str
    state: str
    origin: str
    author: str
    created_at: object


def history(session: Session, segment_id: int, locale: str) -> list[RevisionRow]:
    """The revisions of one cell, newest first."""
    rows = session.execute(
        select(Revision.version, Revision.text, Revision.state, Revision.origin, User.display_name,
               Revision.created_at)
        .join(Cell, Cell.id == Revision.cell_id).outerjoin(User, User.id == Revision.author_id)
        .where(Cell.segment_id == segment_id, Cell.locale == locale)
        .order_by(Revision.created_at.desc(), Revision.id.desc()))
    return [RevisionRow(v, t, s, o, a or "studio", c) for v, t, s, o, a, c in rows]


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
        cell = _cell(session, segment_id, locale)
        if cell is None or cell.state == MISSING:
            raise ValidationError("this cell has no translation yet: comment on the document instead")
        cell_id = cell.id
    comment = Comment(document_id=document_id, cell_id=cell_id, author_id=actor.id, body=body.strip())
    session.add(comment)
    session.flush()
    return comment.id

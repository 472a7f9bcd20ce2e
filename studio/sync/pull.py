"""Pulling: the job that reads a target's change feed into what Studio knows of it (`remote_state`).

Each page of the feed is applied in one short transaction together with the cursor after it, so a pull stopped at
any moment goes on from the last page it kept. A staged write whose content hash is one Studio pushed for that
document and locale is Studio's own (perhaps an answer lost in a crash); any other is someone else's change on the
portal: it is marked, its content fetched, and the release dialog offers the three-way view (what Studio last
pushed, what the portal has, what Studio has). Releases update what is live; deletions mark the document. Documents
this workspace does not hold (other clients publish to the portal too) are passed over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.changes import Changes
from studio.jobs import Job, Progress
from studio.models import Document, Release, ReleaseItem, RemoteState, SyncCursor, utcnow
from studio.models.publishing import CORE
from studio.permissions import Actor, require
from studio.sync.errors import PortalError
from studio.sync.target import ChangePage, Stale, Target

Opener = Callable[[], AbstractContextManager[Session]]
PAGE = 1000


@dataclass(frozen=True)
class PullReport:
    """What a pull learned: changes read, those by someone else (document and locale), deletions, releases
    published by others."""

    read: int = 0
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    releases_elsewhere: int = 0
    changes: Changes = field(default_factory=Changes)

    @property
    def summary(self) -> str:
        parts = [f"read {self.read} change(s) from the portal"]
        if self.changed:
            parts.append(f"{len(self.changed)} changed there by someone else")
        if self.deleted:
            parts.append(f"{len(self.deleted)} document(s) deleted there")
        if self.releases_elsewhere:
            parts.append(f"{self.releases_elsewhere} item(s) published by another client")
        return "; ".join(parts)


def pull(transaction: Opener, actor: Actor | None, target: Target) -> Job[PullReport]:
    """Read the change feed of `target` from the stored cursor to its end (see the module)."""
    require(actor, "release")
    with transaction() as session:
        cursor_row = session.get(SyncCursor, target.url)
        cursor = cursor_row.cursor if cursor_row is not None else ""
    read = elsewhere = 0
    changed: dict[tuple[str, str], None] = {}
    deleted: dict[str, None] = {}
    yield Progress(0, 0, "reading the portal's changes")
    while True:
        page = target.changes(cursor, PAGE)
        with transaction() as session:
            elsewhere += _apply(session, target.url, page, changed, deleted)
            row = session.get(SyncCursor, target.url)
            if row is None:
                session.add(SyncCursor(target=target.url, cursor=page.next_cursor, pulled_at=utcnow()))
            else:
                row.cursor, row.pulled_at = page.next_cursor, utcnow()
        read += len(page.changes)
        cursor = page.next_cursor
        yield Progress(read, 0, f"read {read} change(s) from the portal")
        if not page.has_more or not page.changes:
            break
    yield from _fetch_contents(transaction, target)
    report = PullReport(read, tuple(f"{d} ({loc or 'core'})" for d, loc in changed), tuple(deleted), elsewhere)
    return PullReport(report.read, report.changed, report.deleted, report.releases_elsewhere,
                      Changes(summary=report.summary))


def _apply(session: Session, target: str, page: ChangePage, changed: dict[tuple[str, str], None],
           deleted: dict[str, None]) -> int:
    # Only this workspace's documents: a portal also holds what other clients publish, which is none of ours.
    named = {c.document_id for c in page.changes}
    documents = set(session.scalars(select(Document.id).where(Document.id.in_(named)))) if named else set()
    if not documents:
        return 0
    ours: dict[tuple[str, str], set[str]] = defaultdict(set)
    for document_id, locale, digest in session.execute(
            select(ReleaseItem.document_id, ReleaseItem.locale, ReleaseItem.content_hash)
            .join(Release, Release.id == ReleaseItem.release_id)
            .where(Release.target == target, ReleaseItem.document_id.in_(documents))):
        ours[(document_id, locale or CORE)].add(digest)
    our_releases = set(session.scalars(select(Release.remote_id).where(Release.target == target,
                                                                       Release.remote_id.is_not(None))))
    rows = {(r.document_id, r.locale): r for r in session.scalars(
        select(RemoteState).where(RemoteState.target == target, RemoteState.document_id.in_(documents)))}

    def row(document_id: str, locale: str) -> RemoteState:
        if (document_id, locale) not in rows:
            rows[(document_id, locale)] = RemoteState(target=target, document_id=document_id, locale=locale,
                                                      changed_on_portal=False, deleted=False, updated_at=utcnow())
            session.add(rows[(document_id, locale)])
        return rows[(document_id, locale)]

    elsewhere = 0
    now = utcnow()
    for change in page.changes:
        if change.document_id not in documents:
            continue
        key = (change.document_id, change.locale or CORE)
        if change.kind == "deletion":
            row(change.document_id, CORE).deleted = True
            deleted[change.document_id] = None
            continue
        state = row(*key)
        state.updated_at = now
        if change.kind == "release":
            state.live_version, state.live_hash, state.live_release_id = (change.version, change.content_hash,
                                                                          change.release_id)
            elsewhere += change.release_id not in our_releases
            continue
        if change.content_hash in ours[key] or change.content_hash == state.pushed_hash:
            if state.staged_version is None or (change.version or 0) >= state.staged_version:
                state.staged_version, state.staged_etag = change.version, change.etag
                state.staged_hash = change.content_hash
            if state.changed_on_portal and (change.version or 0) >= (state.portal_version or 0):
                state.changed_on_portal = False  # Studio's write came after theirs (keep ours, pushed)
            continue
        state.changed_on_portal = True
        state.portal_version, state.portal_etag, state.portal_hash = change.version, change.etag, change.content_hash
        state.portal_payload = None  # fetched once the feed is read
        changed[key] = None
    return elsewhere


def _fetch_contents(transaction: Opener, target: Target) -> Job[None]:
    """The content of what someone else staged, for the three-way view."""
    with transaction() as session:
        wanted = [(r.document_id, r.locale) for r in session.scalars(select(RemoteState).where(
            RemoteState.target == target.url, RemoteState.changed_on_portal.is_(True),
            RemoteState.portal_payload.is_(None), RemoteState.deleted.is_(False)))]
    for n, (document_id, locale) in enumerate(wanted):
        yield Progress(n, len(wanted), "reading what was changed on the portal")
        try:
            found = target.staged(document_id, locale or None)
        except PortalError:
            continue  # shown without its content; the next pull asks again
        with transaction() as session:
            state = session.scalar(select(RemoteState).where(RemoteState.target == target.url,
                                                             RemoteState.document_id == document_id,
                                                             RemoteState.locale == locale))
            if state is None:
                continue
            if isinstance(found, Stale):
                if found.content_hash is not None:
                    state.portal_version, state.portal_etag = found.version, found.etag
                    state.portal_hash, state.portal_payload = found.content_hash, found.content
            else:
                row = session.scalar(select(RemoteState).where(RemoteState.target == target.url,
                                                               RemoteState.document_id == document_id,
                                                               RemoteState.locale == CORE))
                if row is not None:
                    row.deleted = True

"""Releases: composed with their outbox in one transaction, read back as plain rows, rolled back, and the conflicts
with the portal resolved.

Composing writes the release, its items (each payload frozen with its content hash) and one outbox operation per
item plus the publishing one, each with its idempotency key made now (DESIGN.md §7): a crash never leaves a
release without the writes that publish it, and a retry after a lost answer reuses the same key. Pushing
(`studio.sync.push`) sends them; nothing here talks to the network.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from studio import audit
from studio.changes import Changes
from studio.content import queries
from studio.errors import NotFound, ValidationError
from studio.models import OutboxOp, Release, ReleaseItem, RemoteState, User, utcnow
from studio.models.publishing import CORE
from studio.permissions import Actor, require
from studio.sync.gates import CHANGED, Candidate, remote_states
from studio.sync.payload import core_body, fields_as_lines, variant_body
from studio.unsafe_characters import NEVER_STORED

DEFAULT_CHANNELS = ("portal",)
MAX_ITEMS = 10000  # the portal's `max_release_items`
MAX_TITLE = 500


def new_key(prefix: str) -> str:
    """An idempotency key: made once, when the operation is queued, and reused for every retry of it."""
    return f"studio-{prefix}-{uuid.uuid4()}"


# --- rows ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReleaseItemRow:
    """One item of a release as the window and `release status` show it."""

    id: int
    document_id: str
    slug: str
    title: str
    locale: str | None
    state: str
    content_hash: str
    staged_version: int | None
    error: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "document_id": self.document_id, "slug": self.slug, "locale": self.locale,
                "state": self.state, "content_hash": self.content_hash, "staged_version": self.staged_version,
                "error": self.error}


@dataclass(frozen=True)
class ReleaseRow:
    """A release as its history lists it: `counts` of its items by state, `waiting` outbox operations left."""

    id: str
    title: str
    channels: tuple[str, ...]
    state: str
    created_by: str
    created_at: datetime
    published_at: datetime | None
    target: str
    remote_id: str | None
    rollback_of: str | None
    error: str | None
    counts: dict[str, int] = field(default_factory=dict)
    waiting: int = 0

    @property
    def items(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "channels": list(self.channels), "state": self.state,
                "created_by": self.created_by, "created_at": self.created_at.isoformat(),
                "published_at": self.published_at.isoformat() if self.published_at else None,
                "target": self.target, "remote_id": self.remote_id, "rollback_of": self.rollback_of,
                "error": self.error, "items": self.items, "item_states": dict(sorted(self.counts.items())),
                "outbox": self.waiting}


@dataclass(frozen=True)
class ReleaseView:
    row: ReleaseRow
    items: tuple[ReleaseItemRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {**self.row.to_json(), "item_list": [i.to_json() for i in self.items]}


def _rows(session: Session, releases: Sequence[Release]) -> list[ReleaseRow]:
    ids = [r.id for r in releases]
    counts: dict[str, Counter[str]] = {i: Counter() for i in ids}
    waiting: Counter[str] = Counter()
    if ids:
        for release_id, state, n in session.execute(
                select(ReleaseItem.release_id, ReleaseItem.state, func.count())
                .where(ReleaseItem.release_id.in_(ids)).group_by(ReleaseItem.release_id, ReleaseItem.state)):
            counts[release_id][state] = n
        for release_id, n in session.execute(select(OutboxOp.release_id, func.count())
                                             .where(OutboxOp.release_id.in_(ids)).group_by(OutboxOp.release_id)):
            waiting[release_id] = n
    names = dict(session.execute(select(User.id, User.name)).all())
    return [ReleaseRow(r.id, r.title, tuple(r.channels), r.state, names.get(r.created_by, "") if r.created_by else "",
                       r.created_at, r.published_at, r.target, r.remote_id, r.rollback_of, r.error,
                       dict(counts[r.id]), waiting[r.id]) for r in releases]


def release_rows(session: Session) -> list[ReleaseRow]:
    """Every release, newest first."""
    return _rows(session, list(session.scalars(select(Release).order_by(Release.created_at.desc(), Release.id))))


def find_release(session: Session, release_id: str) -> Release:
    """A release by its id, or by the start of it (at least 8 characters, as `release list` shows them)."""
    found = session.get(Release, release_id)
    if found is None and len(release_id) >= 8:
        matches = list(session.scalars(select(Release).where(Release.id.startswith(release_id)).limit(2)))
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise NotFound(f"no release {release_id!r} (see 'studio release list')")
    return found


def outbox_size(session: Session, release_id: str | None = None) -> int:
    stmt = select(func.count()).select_from(OutboxOp)
    if release_id is not None:
        stmt = stmt.where(OutboxOp.release_id == find_release(session, release_id).id)
    return session.scalar(stmt) or 0


def release_view(session: Session, release_id: str) -> ReleaseView:
    release = find_release(session, release_id)
    items = tuple(ReleaseItemRow(i.id, i.document_id, i.slug, i.title, i.locale, i.state, i.content_hash,
                                 i.staged_version, i.error)
                  for i in session.scalars(select(ReleaseItem).where(ReleaseItem.release_id == release.id)
                                           .order_by(ReleaseItem.id)))
    return ReleaseView(_rows(session, [release])[0], items)


# --- composing ----------------------------------------------------------------------------------------------

def check_title(title: str) -> str:
    text = " ".join(title.split())
    if not text or len(text) > MAX_TITLE or NEVER_STORED.search(text):
        raise ValidationError(f"a release needs a title of 1 to {MAX_TITLE} characters on one line")
    return text


def compose(session: Session, actor: Actor | None, target: str, title: str, items: Sequence[Candidate],
            channels: Sequence[str] = DEFAULT_CHANNELS, rollback_of: str | None = None) -> str:
    """Write a release of `items` with its outbox, in the session's transaction; returns its id.

    Cores are staged before variants (the portal needs a document's core first), the publishing request last."""
    actor = require(actor, "release")
    title = check_title(title)
    chosen = list(dict.fromkeys(c.strip() for c in channels if c.strip()))
    if not chosen:
        raise ValidationError("a release needs at least one channel (the portal's is 'portal')")
    if not items:
        raise ValidationError("nothing to release: no document and locale passes the gates and differs from what "
                              "the portal has live")
    if len(items) > MAX_ITEMS:
        raise ValidationError(f"a release may carry at most {MAX_ITEMS} items; this one has {len(items)}: "
                              "release fewer documents at a time")
    _not_in_another(session, target, items)
    release = Release(id=str(uuid.uuid4()), title=title, channels=chosen, state="composed", created_by=actor.id,
                      target=target, idempotency_key=new_key("release"), rollback_of=rollback_of,
                      created_at=utcnow())
    session.add(release)
    ordered = sorted(items, key=lambda c: c.locale is not None)  # stable: cores first, then the variants in order
    rows = [ReleaseItem(release_id=release.id, document_id=c.document_id, locale=c.locale, slug=c.slug,
                        title=c.title, payload=dict(c.body), content_hash=c.content_hash, state="pending")
            for c in ordered]
    session.add_all(rows)
    session.flush()
    now = utcnow()
    session.add_all([OutboxOp(release_id=release.id, item_id=row.id,
                              kind="stage_core" if row.locale is None else "stage_variant",
                              idempotency_key=new_key("stage"), state="queued", attempts=0, created_at=now,
                              updated_at=now) for row in rows])
    session.add(OutboxOp(release_id=release.id, kind="publish", idempotency_key=release.idempotency_key,
                         state="queued", attempts=0, created_at=now, updated_at=now))
    documents = len({c.document_id for c in items})
    audit.record(session, actor, "compose_release", "release", release.id,
                 after={"title": title, "channels": chosen, "items": len(rows), "documents": documents,
                        "target": target, "rollback_of": rollback_of},
                 summary=f"composed release {title!r}: {len(rows)} item(s) of {documents} document(s)")
    return release.id


def _not_in_another(session: Session, target: str, items: Sequence[Candidate]) -> None:
    """Refuse items another release for the same portal still has to send: pushed one after the other, the two
    would publish the same content twice."""
    wanted = {(c.document_id, c.locale) for c in items}
    for document_id, locale, release_id, title in session.execute(
            select(ReleaseItem.document_id, ReleaseItem.locale, Release.id, Release.title)
            .join(Release, Release.id == ReleaseItem.release_id)
            .where(Release.target == target, Release.state != "published", ReleaseItem.state != "left_out",
                   Release.id.in_(select(OutboxOp.release_id)))):
        if (document_id, locale) in wanted:
            raise ValidationError(f"release {title!r} ({release_id}) has not been published yet and carries the "
                                  "same content: push it (studio release push ID) or discard it first")


def rollback_items(session: Session, release: Release) -> tuple[list[Candidate], list[str]]:
    """For each item of a published release, the version live before it (the newest earlier publication of the
    same document and locale on the same target), and what cannot be rolled back, said why."""
    if release.state != "published" or release.published_at is None:
        raise ValidationError(f"release {release.title!r} is {release.state}: only a published release can be "
                              "rolled back")
    remote = remote_states(session, release.target)
    items: list[Candidate] = []
    skipped: list[str] = []
    for item in session.scalars(select(ReleaseItem).where(ReleaseItem.release_id == release.id)
                                .order_by(ReleaseItem.id)):
        where = f"{item.slug} ({item.locale or 'core'})"
        earlier = session.scalars(
            select(ReleaseItem).join(Release, Release.id == ReleaseItem.release_id)
            .where(ReleaseItem.document_id == item.document_id,
                   ReleaseItem.locale.is_(None) if item.locale is None else ReleaseItem.locale == item.locale,
                   ReleaseItem.state == "published", Release.state == "published",
                   Release.target == release.target, Release.published_at < release.published_at)
            .order_by(Release.published_at.desc()).limit(1)).first()
        core = remote.get((item.document_id, CORE))
        state = remote.get((item.document_id, item.locale or CORE))
        if core is not None and core.deleted:
            skipped.append(f"{where}: deleted on the portal")
        elif earlier is None:
            skipped.append(f"{where}: this release published it first, and the portal cannot take a version "
                           "back offline")
        elif state is not None and state.live_hash == earlier.content_hash:
            skipped.append(f"{where}: the earlier version is live already")
        else:
            items.append(Candidate(item.document_id, item.slug, item.title, "", item.locale, earlier.content_hash,
                                   CHANGED, included=True, body=dict(earlier.payload)))
    return items, skipped


def abandon(session: Session, actor: Actor | None, release_id: str) -> Release:
    """Give up a release that was not published: its outbox is emptied (nothing more is sent), and it stays in
    the history as failed."""
    actor = require(actor, "release")
    release = find_release(session, release_id)
    if release.state == "published":
        raise ValidationError(f"release {release.title!r} is published; roll it back instead")
    if session.scalar(select(OutboxOp.id).where(OutboxOp.release_id == release.id, OutboxOp.kind == "publish",
                                                OutboxOp.state == "sending")) is not None:
        # Sent, and its answer never came: the portal may have published it. Pushing again learns which (the
        # same request under the same key gets the answer again), without publishing anything twice.
        raise ValidationError(f"release {release.title!r} was sent to the portal and its answer never came: push "
                              "it again to learn whether it was published, before discarding it")
    session.execute(delete(OutboxOp).where(OutboxOp.release_id == release.id))
    # Its items are out of every later resolution too (keeping Studio's text would queue writes for it again).
    session.execute(update(ReleaseItem).where(ReleaseItem.release_id == release.id, ReleaseItem.state != "published")
                    .values(state="left_out", error="the release was discarded"))
    release.state = "failed"
    release.error = f"discarded by {actor.name}; nothing more will be sent"
    audit.record(session, actor, "discard_release", "release", release.id, summary=f"discarded {release.title!r}")
    return release


def leave_out_failed(session: Session, actor: Actor | None, release_id: str) -> list[str]:
    """Take the items that failed (deleted on the portal, refused) out of an unpublished release, so the rest can
    be published; returns what was left out. The publishing request gets a new key: its body changes."""
    actor = require(actor, "release")
    release = find_release(session, release_id)
    if release.state == "published":
        raise ValidationError(f"release {release.title!r} is published already")
    failed = list(session.scalars(select(ReleaseItem).where(ReleaseItem.release_id == release.id,
                                                            ReleaseItem.state.in_(("failed", "conflict")))))
    for item in failed:
        item.state = "left_out"
        item.error = f"left out by {actor.name}: {item.error or 'failed'}"
    if failed:
        session.execute(delete(OutboxOp).where(OutboxOp.item_id.in_([i.id for i in failed])))
        _renew_publish(session, release)
        audit.record(session, actor, "leave_out_items", "release", release.id,
                     after={"items": [i.id for i in failed]},
                     summary=f"left {len(failed)} failed item(s) out of {release.title!r}")
    return [f"{i.slug} ({i.locale or 'core'})" for i in failed]


def _renew_publish(session: Session, release: Release) -> None:
    """The publishing request with another body: a new key (the old one may hold a stored answer)."""
    op = session.scalar(select(OutboxOp).where(OutboxOp.release_id == release.id, OutboxOp.kind == "publish"))
    if op is not None and op.state != "sending":
        op.idempotency_key = new_key("release")
        op.request = None
        op.state = "queued"
        op.last_error = None
        op.updated_at = utcnow()


# --- changes on the portal ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PortalChange:
    """A document's core or variant that someone changed on the portal since Studio last pushed it."""

    document_id: str
    slug: str
    title: str
    locale: str | None
    portal_version: int | None
    portal_hash: str | None
    deleted: bool


@dataclass(frozen=True)
class ThreeWay:
    """Three versions of one core or variant, each as one text per field path: what Studio last pushed, what the
    portal has, what Studio has now (`ours_reasons`: why Studio's own may not be published yet)."""

    document_id: str
    slug: str
    locale: str | None
    pushed: dict[str, str]
    portal: dict[str, str]
    ours: dict[str, str]
    ours_reasons: tuple[str, ...]

    @property
    def paths(self) -> list[str]:
        return list(dict.fromkeys([*self.ours, *self.portal, *self.pushed]))


def portal_changes(session: Session, target: str) -> list[PortalChange]:
    """What was changed on the portal by someone else and is not resolved yet, and documents deleted there."""
    rows = list(session.scalars(select(RemoteState).where(
        RemoteState.target == target, (RemoteState.changed_on_portal.is_(True)) | (RemoteState.deleted.is_(True)))
        .order_by(RemoteState.document_id, RemoteState.locale)))
    docs = {d.id: d for d in queries.document_rows(session, ids={r.document_id for r in rows})}
    out = []
    for r in rows:
        doc = docs.get(r.document_id)
        out.append(PortalChange(r.document_id, doc.slug if doc else r.document_id, doc.title if doc else "",
                                r.locale or None, r.portal_version, r.portal_hash, r.deleted))
    return out


def _state(session: Session, target: str, document_id: str, locale: str | None) -> RemoteState:
    state = session.scalar(select(RemoteState).where(RemoteState.target == target,
                                                     RemoteState.document_id == document_id,
                                                     RemoteState.locale == (locale or CORE)))
    if state is None or not state.changed_on_portal:
        raise NotFound(f"nothing of {document_id} ({locale or 'core'}) was changed on the portal")
    return state


def three_way(session: Session, target: str, document_id: str, locale: str | None) -> ThreeWay:
    state = _state(session, target, document_id, locale)
    view = queries.document_view(session, document_id)
    reasons: tuple[str, ...] = ()
    if locale is None:
        ours = core_body(view)
    else:
        built = variant_body(view, locale)
        ours = built.body
        reasons = tuple(f"not approved: {p}" for p in built.missing) + built.problems
    return ThreeWay(document_id, view.row.slug, locale, fields_as_lines(state.pushed_payload),
                    fields_as_lines(state.portal_payload), fields_as_lines(ours), reasons)


def keep_ours(session: Session, actor: Actor | None, target: str, document_id: str, locale: str | None) -> int:
    """Studio's text wins: the next write goes over the portal's version (its ETag becomes the precondition), and
    the items of unpublished releases refused for it are queued again. Returns how many were queued again."""
    actor = require(actor, "release")
    state = _state(session, target, document_id, locale)
    state.staged_version, state.staged_etag, state.staged_hash = (state.portal_version, state.portal_etag,
                                                                  state.portal_hash)
    state.changed_on_portal = False
    state.updated_at = utcnow()
    again = 0
    for item, op in _refused(session, target, document_id, locale):
        item.state, item.error = "pending", None
        if op is None:  # refused when the release was published: its staging had been acknowledged
            now = utcnow()
            session.add(OutboxOp(release_id=item.release_id, item_id=item.id,
                                 kind="stage_core" if item.locale is None else "stage_variant",
                                 idempotency_key=new_key("stage"), state="queued", attempts=0, created_at=now,
                                 updated_at=now))
        else:
            op.state, op.last_error, op.updated_at = "queued", None, utcnow()
        release = session.get(Release, item.release_id)
        assert release is not None
        _renew_publish(session, release)
        again += 1
    audit.record(session, actor, "keep_ours", "document", document_id, after={"locale": locale, "target": target},
                 summary=f"kept Studio's {locale or 'core'} over the portal's version {state.portal_version}")
    return again


def take_theirs(session: Session, actor: Actor | None, target: str, document_id: str, locale: str | None) -> int:
    """The portal's version stays: it becomes what Studio last pushed (the baseline of the next comparison), Studio's
    own text is left as it is, and the items refused for it are left out of their releases. Returns how many."""
    actor = require(actor, "release")
    state = _state(session, target, document_id, locale)
    state.staged_version, state.staged_etag, state.staged_hash = (state.portal_version, state.portal_etag,
                                                                  state.portal_hash)
    state.pushed_payload, state.pushed_hash = state.portal_payload, state.portal_hash
    state.changed_on_portal = False
    state.updated_at = utcnow()
    left = 0
    for item, op in _refused(session, target, document_id, locale):
        item.state, item.error = "left_out", f"left out by {actor.name}: the portal's version was kept"
        if op is not None:
            session.delete(op)
        release = session.get(Release, item.release_id)
        assert release is not None
        _renew_publish(session, release)
        left += 1
    audit.record(session, actor, "take_theirs", "document", document_id, after={"locale": locale, "target": target},
                 summary=f"took the portal's {locale or 'core'} (version {state.portal_version}) as the baseline; "
                         "Studio's text is unchanged")
    return left


def _refused(session: Session, target: str, document_id: str, locale: str | None
             ) -> list[tuple[ReleaseItem, OutboxOp | None]]:
    """The items of unpublished releases for `target` that the portal refused because of this change, with their
    outbox operation (None when their staging was acknowledged and the release itself was refused)."""
    return [(item, op) for item, op in session.execute(
        select(ReleaseItem, OutboxOp).outerjoin(OutboxOp, OutboxOp.item_id == ReleaseItem.id)
        .join(Release, Release.id == ReleaseItem.release_id)
        .where(Release.target == target, Release.state != "published", ReleaseItem.document_id == document_id,
               ReleaseItem.locale.is_(None) if locale is None else ReleaseItem.locale == locale,
               ReleaseItem.state == "conflict"))]


@dataclass(frozen=True)
class ReleaseComposed:
    """The result of composing a release: its id, how many items and documents it carries, what was held back by a
    gate (`held_back`), what a rollback could not take back (`skipped`), and what changed."""

    release_id: str
    items: int
    documents: int
    held_back: tuple[Candidate, ...] = ()
    skipped: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)

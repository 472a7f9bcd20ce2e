"""Pushing a release: the job that sends its outbox to the target and publishes it, resumable at any moment.

Order: every core is staged, then every variant (the portal needs a document's core first), then the release is
published with its idempotency key. Staging runs on a bounded pool of threads (`concurrency` requests in flight);
this job's own thread does all the database work and commits outcomes every few hundred writes.

Why a SIGKILL at any moment resumes without publishing anything twice:
- a staging write is conditional (`If-None-Match: *` when Studio knows of no staged state, else `If-Match` with the
  ETag it knows). Sent again after a lost answer, it is either a no-op (200, same version) or refused with 412
  whose `current.content_hash` is the hash Studio wrote: then the earlier write was ours, and its version and ETag
  are adopted. A 412 with another hash means someone else changed it: that item stops, marked as a conflict.
- an outcome is committed before anything depends on it: the release is published only from versions committed as
  staged, and its request body is stored in the outbox when first sent, so a retry sends the same bytes under
  the same key and the portal replays its answer (`Idempotent-Replayed`) instead of publishing again.
- an outbox row is deleted only in the transaction that records the portal's acknowledgement.

Retries: the HTTP layer retries reads and connections that never opened; a write without an answer (reset, cut
off, timed out, 5xx) is sent again here with the same key and preconditions, a bounded number of times, and
429/503 wait for their `Retry-After`. A push that still cannot reach the portal stops, keeping its outbox: pushing
again continues where it stopped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio import audit
from studio.changes import Changes
from studio.errors import NotFound, ValidationError
from studio.jobs import Job, Progress
from studio.models import OutboxOp, Release, ReleaseItem, RemoteState, utcnow
from studio.models.publishing import CORE
from studio.permissions import Actor, require
from studio.sync.canonical import canonical_json, content_hash
from studio.sync.errors import (
    PortalAuthError,
    PortalBadAnswer,
    PortalError,
    PortalForbidden,
    PortalRefused,
    PortalUnreachable,
)
from studio.sync.gates import plan
from studio.sync.releases import find_release
from studio.sync.target import Gone, Published, Refused, Staged, Stale, Target

Opener = Callable[[], AbstractContextManager[Session]]

CONCURRENCY = 8  # requests in flight; measured in bench/run_publish.py
WRITE_ATTEMPTS = 5  # sends of one write without an answer before the push stops (it resumes later)
COMMIT_EVERY = 300  # outcomes per transaction
COMMIT_AFTER_S = 0.5  # ... or this long after the first uncommitted one
_PAUSE_MAX = 4.0


@dataclass(frozen=True)
class PushReport:
    """What a push did: items staged now, writes found already done (`adopted`: an answer lost earlier), whether the
    release is published (`replayed`: by an earlier request whose answer was lost), and what stopped it."""

    release_id: str
    title: str
    state: str
    staged: int = 0
    adopted: int = 0
    published: bool = False
    replayed: bool = False
    remote_id: str | None = None
    conflicts: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)

    @property
    def summary(self) -> str:
        if self.published:
            return (f"published {self.title!r}" + (" (its earlier request had been applied)" if self.replayed else "")
                    + f": {self.staged + self.adopted} item(s) staged by this push")
        parts = [f"{self.title!r} is not published"]
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} item(s) changed on the portal meanwhile")
        if self.failed:
            parts.append(f"{len(self.failed)} item(s) refused")
        return "; ".join(parts)


@dataclass(frozen=True)
class _Write:
    """One staging write, as plain values for a worker thread."""

    op_id: int
    item_id: int
    document_id: str
    locale: str | None
    body: bytes
    content_hash: str
    etag: str | None

    @property
    def where(self) -> str:
        return f"{self.document_id} ({self.locale or 'core'})"


@dataclass(frozen=True)
class _Outcome:
    write: _Write
    staged: Staged | None = None
    adopted: bool = False
    stale: Stale | None = None
    gone: str | None = None
    refused: str | None = None
    fatal: PortalError | None = None


def push(opener: Opener, transaction: Opener, actor: Actor | None, target: Target, release_id: str, *,
         concurrency: int = CONCURRENCY) -> Job[PushReport]:
    """Send the outbox of a release to `target` and publish it; resumes a release pushed before (see module)."""
    actor = require(actor, "release")
    with transaction() as session:
        release = find_release(session, release_id)
        rid, title = release.id, release.title
        if release.state == "published":
            return PushReport(rid, title, "published", published=True, remote_id=release.remote_id,
                              changes=Changes(summary=f"{title!r} was published already"))
        if release.target and release.target != target.url:
            raise ValidationError(f"release {title!r} was composed for {release.target}, not {target.url}: compose "
                                  "it again for this portal")
        release.target, release.state, release.error = target.url, "pushing", None
        if release.rollback_of is None:  # a rollback carries earlier texts on purpose
            _still_as_composed(session, rid, target.url)
        total = session.scalar(select(func.count()).select_from(OutboxOp).where(
            OutboxOp.release_id == rid, OutboxOp.state != "failed")) or 0
    pusher = _Pusher(transaction, actor, target, rid, title, concurrency, total)
    try:
        return (yield from pusher.run())
    except GeneratorExit:
        pusher.note_stop("stopped before the end: push again to continue")
        raise


def _still_as_composed(session: Session, release_id: str, target: str) -> None:
    """Items whose text is no longer what was composed (a translation rejected, a source edited, another text
    approved since) fail, and are not sent: the release waits to be composed again rather than publish what is no
    longer approved."""
    items = session.scalars(select(ReleaseItem).where(ReleaseItem.release_id == release_id,
                                                      ReleaseItem.state.in_(("pending", "staged")))).all()
    if not items:
        return
    now: dict[tuple[str, str | None], str] = {}
    for document_id in sorted({i.document_id for i in items}):
        with suppress(NotFound):  # deleted since: nothing of it is published
            now.update((c.key, c.content_hash) for c in plan(session, target, [document_id]).candidates)
    changed = {i.id: i for i in items if now.get((i.document_id, i.locale)) != i.content_hash}
    for item in changed.values():
        item.state, item.error = "failed", "changed since the release was composed: compose a new release"
    for op in session.scalars(select(OutboxOp).where(OutboxOp.item_id.in_(changed))):
        op.state, op.last_error = "failed", "changed since the release was composed"


class _Pusher:
    def __init__(self, transaction: Opener, actor: Actor, target: Target, release_id: str, title: str,
                 concurrency: int, total: int) -> None:
        self.transaction = transaction
        self.actor = actor
        self.target = target
        self.release_id = release_id
        self.title = title
        self.concurrency = max(1, concurrency)
        self.total = max(1, total)
        self.done = 0
        self.staged = 0
        self.adopted = 0

    def progress(self, message: str) -> Progress:
        return Progress(min(self.done, self.total), self.total, message)

    def note_stop(self, why: str) -> None:
        with self.transaction() as session:
            release = session.get(Release, self.release_id)
            if release is not None and release.state == "pushing":
                release.error = why

    # --- the whole push ---------------------------------------------------------------------------------------

    def run(self) -> Generator[Progress, None, PushReport]:
        yield self.progress(f"pushing {self.title!r}")
        for kind, words in (("stage_core", "documents"), ("stage_variant", "translations")):
            writes = self._load(kind)
            if writes:
                yield from self._stage_all(writes, words)
        report = self._blocked()
        if report is not None:
            return report
        return (yield from self._publish())

    def _load(self, kind: str) -> list[_Write]:
        """The writes of `kind` still to send, marked as being sent (and counted as one more attempt)."""
        with self.transaction() as session:
            rows = session.execute(
                select(OutboxOp, ReleaseItem).join(ReleaseItem, ReleaseItem.id == OutboxOp.item_id)
                .where(OutboxOp.release_id == self.release_id, OutboxOp.kind == kind,
                       OutboxOp.state.in_(("queued", "sending"))).order_by(OutboxOp.id)).all()
            if not rows:
                return []
            target = self.target.url
            remote = {(r.document_id, r.locale): r for r in session.scalars(
                select(RemoteState).where(RemoteState.target == target,
                                          RemoteState.document_id.in_({item.document_id for _, item in rows})))}
            writes = []
            now = utcnow()
            for op, item in rows:
                state = remote.get((item.document_id, item.locale or CORE))
                body = canonical_json(item.payload)
                if content_hash(item.payload) != item.content_hash:  # a stored payload changed: never send it
                    op.state, op.last_error = "failed", "the stored payload no longer matches its hash"
                    item.state, item.error = "failed", op.last_error
                    continue
                op.state, op.attempts, op.updated_at = "sending", op.attempts + 1, now
                writes.append(_Write(op.id, item.id, item.document_id, item.locale, body, item.content_hash,
                                     state.staged_etag if state is not None else None))
            return writes

    def _stage_all(self, writes: Sequence[_Write], words: str) -> Generator[Progress, None, None]:
        """Send `writes` on the pool, committing outcomes as they come; stop at the first fatal one."""
        outcomes: list[_Outcome] = []
        fatal: PortalError | None = None
        queue: Iterator[_Write] = iter(writes)
        pool = ThreadPoolExecutor(self.concurrency, thread_name_prefix="studio-push")
        in_flight: dict[Future[_Outcome], _Write] = {}
        first_uncommitted = 0.0
        try:
            for write in queue:
                in_flight[pool.submit(self._stage_one, write)] = write
                if len(in_flight) >= self.concurrency * 2:
                    break
            while in_flight:
                finished, _ = wait(in_flight, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    del in_flight[future]
                    outcome = future.result()
                    outcomes.append(outcome)
                    if fatal is None and outcome.fatal is not None:
                        fatal = outcome.fatal
                        self.target.interrupt()  # the writes still on the wire end without pausing to retry
                    first_uncommitted = first_uncommitted or time.monotonic()
                    if fatal is None:
                        nxt = next(queue, None)
                        if nxt is not None:
                            in_flight[pool.submit(self._stage_one, nxt)] = nxt
                if outcomes and (len(outcomes) >= COMMIT_EVERY or
                                 time.monotonic() - first_uncommitted > COMMIT_AFTER_S or not in_flight):
                    self._apply(outcomes)
                    outcomes, first_uncommitted = [], 0.0
                yield self.progress(f"staging {words}: {self.done} of {self.total}")
        finally:
            if in_flight:  # cancelled or failed: what is on the wire ends (its outcome is kept), nothing new starts
                self.target.interrupt()
                for future in list(in_flight):
                    future.cancel()
                for future in wait(in_flight).done:
                    if not future.cancelled():
                        outcomes.append(future.result())
            pool.shutdown(wait=True, cancel_futures=True)
            if outcomes:
                self._apply(outcomes)
        if fatal is not None:
            self.note_stop(str(fatal))
            raise fatal

    def _stage_one(self, write: _Write) -> _Outcome:
        """One staging write, sent until it has an answer (runs on a pool thread: no database here)."""
        try:
            return self._stage_attempts(write)
        except PortalError as error:  # a pause cut short (a stop), or a Retry-After too long to wait for
            return _Outcome(write, fatal=error)

    def _stage_attempts(self, write: _Write) -> _Outcome:
        etag = write.etag
        recreated = False
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                result = self.target.stage(write.document_id, write.locale, write.body, etag)
            except (PortalAuthError, PortalForbidden) as error:
                return _Outcome(write, fatal=error)
            except PortalRefused as error:
                if error.status is not None and error.status >= 500 and attempt < WRITE_ATTEMPTS:
                    self._pause(attempt, error)
                    continue
                if error.status is not None and error.status >= 500:
                    return _Outcome(write, fatal=error)
                return _Outcome(write, refused=str(error))
            except (PortalUnreachable, PortalBadAnswer) as error:
                if attempt >= WRITE_ATTEMPTS or _stopped(self.target):
                    return _Outcome(write, fatal=error)
                self._pause(attempt, error)
                continue
            if isinstance(result, Staged):
                if result.content_hash != write.content_hash:
                    return _Outcome(write, fatal=PortalBadAnswer(
                        f"the portal staged {write.where} with another content hash than Studio sent"))
                return _Outcome(write, staged=result)
            if isinstance(result, Gone):
                return _Outcome(write, gone=result.detail)
            if result.content_hash == write.content_hash and result.version is not None and result.etag:
                return _Outcome(write, staged=Staged(result.version, result.etag, write.content_hash), adopted=True)
            if result.content_hash is None and etag is not None and not recreated:
                etag, recreated = None, True  # Studio knew a staged state the portal no longer has: create it
                continue
            return _Outcome(write, stale=result)
        return _Outcome(write, fatal=PortalUnreachable(f"no answer for {write.where}"))

    def _pause(self, attempt: int, error: PortalError) -> None:
        seconds = error.retry_after if error.retry_after is not None else min(_PAUSE_MAX, 0.2 * 2 ** (attempt - 1))
        http = getattr(self.target, "http", None)
        if http is not None:
            http.pause(seconds, str(error))
        else:
            time.sleep(seconds)

    def _apply(self, outcomes: Sequence[_Outcome]) -> None:
        """Record outcomes in one transaction: staged items, conflicts, refusals; acknowledged ops deleted."""
        with self.transaction() as session:
            ops = {op.id: op for op in session.scalars(
                select(OutboxOp).where(OutboxOp.id.in_([o.write.op_id for o in outcomes])))}
            items = {i.id: i for i in session.scalars(
                select(ReleaseItem).where(ReleaseItem.id.in_([o.write.item_id for o in outcomes])))}
            remote = _RemoteRows(session, self.target.url, {o.write.document_id for o in outcomes})
            now = utcnow()
            for outcome in outcomes:
                op, item = ops.get(outcome.write.op_id), items.get(outcome.write.item_id)
                if op is None or item is None:  # discarded meanwhile
                    continue
                if outcome.fatal is not None:
                    op.last_error, op.updated_at = str(outcome.fatal), now
                    continue
                self.done += 1
                if outcome.staged is not None:
                    item.state, item.error = "staged", None
                    item.staged_version, item.staged_etag = outcome.staged.version, outcome.staged.etag
                    state = remote.row(item.document_id, item.locale)
                    state.staged_version, state.staged_etag = outcome.staged.version, outcome.staged.etag
                    state.staged_hash = item.content_hash
                    state.pushed_payload, state.pushed_hash = item.payload, item.content_hash
                    state.updated_at = now
                    session.delete(op)
                    self.adopted += outcome.adopted
                    self.staged += not outcome.adopted
                    continue
                op.state, op.updated_at = "failed", now
                if outcome.stale is not None:
                    stale = outcome.stale
                    item.state = "conflict"
                    item.error = (f"changed on the portal (its version {stale.version}) since Studio last pushed it: "
                                  "keep Studio's text or take the portal's (three-way view)")
                    state = remote.row(item.document_id, item.locale)
                    state.changed_on_portal = True
                    state.portal_version, state.portal_etag = stale.version, stale.etag
                    state.portal_hash, state.portal_payload = stale.content_hash, stale.content
                    state.updated_at = now
                elif outcome.gone is not None:
                    item.state, item.error = "failed", "deleted on the portal: it cannot be published again"
                    remote.row(item.document_id, None).deleted = True
                else:
                    item.state, item.error = "failed", outcome.refused
                op.last_error = item.error

    # --- after staging ------------------------------------------------------------------------------------

    def _blocked(self) -> PushReport | None:
        """The report of a release that cannot be published (an item failed), or None when it can."""
        with self.transaction() as session:
            release = session.get(Release, self.release_id)
            assert release is not None
            # Nothing is published half: an item refused or changed on the portal holds the whole release back until
            # the supervisor resolves it or leaves it out (`left_out`).
            failed = list(session.scalars(select(ReleaseItem).where(
                ReleaseItem.release_id == self.release_id, ReleaseItem.state.in_(("conflict", "failed")))))
            if not failed:
                return None
            conflicts = tuple(f"{i.slug} ({i.locale or 'core'})" for i in failed if i.state == "conflict")
            refused = tuple(f"{i.slug} ({i.locale or 'core'}): {i.error}" for i in failed if i.state == "failed")
            release.state = "failed"
            release.error = _blocked_words(conflicts, refused)
            return PushReport(self.release_id, self.title, "failed", self.staged, self.adopted,
                              conflicts=conflicts, failed=refused, changes=Changes(summary=release.error))

    def _publish(self) -> Generator[Progress, None, PushReport]:
        with self.transaction() as session:
            op = session.scalar(select(OutboxOp).where(OutboxOp.release_id == self.release_id,
                                                       OutboxOp.kind == "publish"))
            release = session.get(Release, self.release_id)
            assert release is not None
            if op is None:
                raise ValidationError(f"release {self.title!r} has no publishing request left in its outbox")
            if op.request is None:
                items = session.scalars(select(ReleaseItem).where(
                    ReleaseItem.release_id == self.release_id, ReleaseItem.state == "staged")
                    .order_by(ReleaseItem.id)).all()
                if not items:
                    raise ValidationError(f"release {self.title!r} has nothing staged to publish")
                op.request = {"title": release.title, "channels": list(release.channels),
                              "items": [{"document_id": i.document_id, "locale": i.locale,
                                         "version": i.staged_version, "content_hash": i.content_hash}
                                        for i in items]}
            op.state, op.attempts, op.updated_at = "sending", op.attempts + 1, utcnow()
            key, body = op.idempotency_key, canonical_json(op.request)
        yield self.progress(f"publishing {self.title!r}")
        result: Published | Refused | None = None
        error: PortalError | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="studio-publish") as pool:
            future = pool.submit(self._publish_one, key, body)
            try:
                while not future.done():
                    wait([future], timeout=0.1)
                    yield self.progress(f"publishing {self.title!r}")
            except GeneratorExit:
                self.target.interrupt()
                outcome = future.result()
                if isinstance(outcome, Published):
                    self._published(outcome)
                raise
            outcome = future.result()
        if isinstance(outcome, PortalError):
            error = outcome
        else:
            result = outcome
        if isinstance(result, Published):
            return self._published(result)
        if isinstance(result, Refused):
            stale = [c for c in result.conflicts if c.reason == "stale"]
            fetched = {(c.document_id, c.locale): self._fetch(c.document_id, c.locale) for c in stale}
            return self._refused(result, fetched)
        assert error is not None
        if isinstance(error, PortalRefused) and error.status is not None and 400 <= error.status < 500:
            with self.transaction() as session:
                release = session.get(Release, self.release_id)
                op = session.scalar(select(OutboxOp).where(OutboxOp.release_id == self.release_id,
                                                           OutboxOp.kind == "publish"))
                assert release is not None and op is not None
                release.state, release.error = "failed", str(error)
                op.state, op.last_error = "failed", str(error)
            return PushReport(self.release_id, self.title, "failed", self.staged, self.adopted, failed=(str(error),),
                              changes=Changes(summary=str(error)))
        self.note_stop(str(error))
        raise error

    def _publish_one(self, key: str, body: bytes) -> Published | Refused | PortalError:
        try:
            return self._publish_attempts(key, body)
        except PortalError as error:
            return error

    def _publish_attempts(self, key: str, body: bytes) -> Published | Refused | PortalError:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return self.target.publish(key, body)
            except (PortalAuthError, PortalForbidden) as error:
                return error
            except PortalRefused as error:
                if error.status is None or error.status < 500 or attempt >= WRITE_ATTEMPTS:
                    return error
                self._pause(attempt, error)
            except (PortalUnreachable, PortalBadAnswer) as error:
                if attempt >= WRITE_ATTEMPTS or _stopped(self.target):
                    return error
                self._pause(attempt, error)
        return PortalUnreachable("the release was not acknowledged")

    def _fetch(self, document_id: str, locale: str | None) -> Stale | None:
        try:
            found = self.target.staged(document_id, locale)
        except PortalError:
            return None
        return found if isinstance(found, Stale) else None

    def _published(self, result: Published) -> PushReport:
        with self.transaction() as session:
            release = session.get(Release, self.release_id)
            assert release is not None
            op = session.scalar(select(OutboxOp).where(OutboxOp.release_id == self.release_id,
                                                       OutboxOp.kind == "publish"))
            items = list(session.scalars(select(ReleaseItem).where(ReleaseItem.release_id == self.release_id,
                                                                   ReleaseItem.state == "staged")))
            remote = _RemoteRows(session, self.target.url, {i.document_id for i in items})
            now = utcnow()
            for item in items:
                item.state = "published"
                state = remote.row(item.document_id, item.locale)
                state.live_version, state.live_hash = item.staged_version, item.content_hash
                state.live_release_id, state.updated_at = result.release_id, now
            release.state, release.error, release.remote_id = "published", None, result.release_id
            release.published_at = _timestamp(result.published_at) or now
            if op is not None:
                session.delete(op)
            audit.record(session, self.actor, "publish_release", "release", release.id,
                         after={"remote_id": result.release_id, "items": len(items), "target": self.target.url,
                                "replayed": result.replayed},
                         summary=f"published {release.title!r} ({len(items)} item(s)) to {self.target.url}")
        report = PushReport(self.release_id, self.title, "published", self.staged, self.adopted, True,
                            result.replayed, result.release_id)
        return PushReport(**{**report.__dict__, "changes": Changes(summary=report.summary)})

    def _refused(self, result: Refused, fetched: dict[tuple[str, str | None], Stale | None]) -> PushReport:
        reasons = {"deleted": "deleted on the portal: it cannot be published again",
                   "not-found": "the portal has nothing staged for it",
                   "core-not-live": "its core is neither live on the portal nor in this release"}
        with self.transaction() as session:
            release = session.get(Release, self.release_id)
            op = session.scalar(select(OutboxOp).where(OutboxOp.release_id == self.release_id,
                                                       OutboxOp.kind == "publish"))
            assert release is not None and op is not None
            items = {(i.document_id, i.locale): i for i in session.scalars(
                select(ReleaseItem).where(ReleaseItem.release_id == self.release_id))}
            remote = _RemoteRows(session, self.target.url, {c.document_id for c in result.conflicts})
            conflicts, refused = [], []
            for c in result.conflicts:
                item = items.get((c.document_id, c.locale))
                where = f"{item.slug if item else c.document_id} ({c.locale or 'core'})"
                if c.reason == "stale":
                    stale = fetched.get((c.document_id, c.locale))
                    state = remote.row(c.document_id, c.locale)
                    state.changed_on_portal = True
                    current = c.current or {}
                    state.portal_version = stale.version if stale else current.get("version")
                    state.portal_etag = stale.etag if stale else current.get("etag")
                    state.portal_hash = stale.content_hash if stale else current.get("content_hash")
                    state.portal_payload = stale.content if stale else None
                    conflicts.append(where)
                    if item is not None:
                        item.state = "conflict"
                        item.error = "staged over on the portal before the release was published"
                else:
                    if c.reason == "deleted":
                        remote.row(c.document_id, None).deleted = True
                    refused.append(f"{where}: {reasons.get(c.reason, c.reason)}")
                    if item is not None:
                        item.state, item.error = "failed", reasons.get(c.reason, c.reason)
            # A refused release stored nothing under its key; the next request will carry another body.
            op.state, op.request, op.last_error = "failed", None, result.detail
            release.state = "failed"
            release.error = _blocked_words(tuple(conflicts), tuple(refused))
            return PushReport(self.release_id, self.title, "failed", self.staged, self.adopted,
                              conflicts=tuple(conflicts), failed=tuple(refused), changes=Changes(summary=release.error))


class _RemoteRows:
    """The `remote_state` rows of some documents on one target, made on first use."""

    def __init__(self, session: Session, target: str, documents: set[str]) -> None:
        self.session = session
        self.target = target
        self.rows = {(r.document_id, r.locale): r for r in session.scalars(
            select(RemoteState).where(RemoteState.target == target, RemoteState.document_id.in_(documents)))}

    def row(self, document_id: str, locale: str | None) -> RemoteState:
        key = (document_id, locale or CORE)
        if key not in self.rows:
            self.rows[key] = RemoteState(target=self.target, document_id=document_id, locale=locale or CORE,
                                         changed_on_portal=False, deleted=False, updated_at=utcnow())
            self.session.add(self.rows[key])
        return self.rows[key]


def _stopped(target: Target) -> bool:
    stop: threading.Event | None = getattr(getattr(target, "http", None), "stop", None)
    return stop is not None and stop.is_set()


def _timestamp(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _blocked_words(conflicts: tuple[str, ...], refused: tuple[str, ...]) -> str:
    parts = []
    if conflicts:
        parts.append(f"changed on the portal meanwhile: {', '.join(conflicts[:5])}"
                     + (" …" if len(conflicts) > 5 else "") + " (keep Studio's text or take the portal's)")
    if refused:
        parts.append(f"refused: {'; '.join(refused[:3])}" + (" …" if len(refused) > 3 else ""))
    return "not published, nothing of it is live: " + "; ".join(parts)



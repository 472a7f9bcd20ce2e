"""Publishing targets: what a push and a pull need of a place that publishes, and the portal as the first of them.

A `Target` stages a document's core and locale variants conditionally, publishes a manifest of staged versions
once per idempotency key, and tells what changed since a cursor. `PortalTarget` is the portal's publishing API
(resources/openapi/publishing-api.yaml) over `sync.http`. A second target (the portal's English WeChat official
account is planned) implements the same protocol; a release names its channels, which the portal publishes to.

Every answer is checked against the contract's shapes: a field missing or of the wrong type is `PortalBadAnswer`,
never a crash deep inside a push.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from studio.sync.errors import PortalBadAnswer
from studio.sync.http import Answer, PortalHttp


@dataclass(frozen=True)
class Staged:
    """A staging write was applied (or the same content was staged already)."""

    version: int
    etag: str
    content_hash: str


@dataclass(frozen=True)
class Stale:
    """The precondition failed (412): `current` is what is staged now (None: nothing), with its content."""

    version: int | None
    etag: str | None
    content_hash: str | None
    content: dict[str, Any] | None


@dataclass(frozen=True)
class Gone:
    """The document was deleted on the portal (410): it can never be staged again."""

    detail: str


StageOutcome = Staged | Stale | Gone


@dataclass(frozen=True)
class Published:
    """A release was published, now or earlier under the same key (`replayed`)."""

    release_id: str
    published_at: str
    replayed: bool


@dataclass(frozen=True)
class Conflict:
    """One item a release was refused for: reason `stale`, `deleted`, `not-found` or `core-not-live`."""

    document_id: str
    locale: str | None
    reason: str
    current: Mapping[str, Any] | None


@dataclass(frozen=True)
class Refused:
    """The release was refused as a whole (409): nothing was published, nothing was stored under its key."""

    detail: str
    conflicts: tuple[Conflict, ...]


PublishOutcome = Published | Refused


@dataclass(frozen=True)
class Change:
    """One entry of the change feed."""

    seq: int
    kind: str  # document, variant, deletion, release
    document_id: str
    locale: str | None
    version: int | None
    etag: str | None
    content_hash: str | None
    release_id: str | None


@dataclass(frozen=True)
class ChangePage:
    changes: tuple[Change, ...]
    next_cursor: str
    has_more: bool


class Target(Protocol):
    """A place Studio publishes to. Methods may be called from several threads at once."""

    url: str

    def stage(self, document_id: str, locale: str | None, body: bytes, etag: str | None) -> StageOutcome:
        """Stage a core (`locale` None) or variant: create it (`etag` None) or update the state tagged `etag`."""
        ...

    def publish(self, key: str, request: bytes) -> PublishOutcome:
        """Publish a release request (canonical JSON bytes) under its idempotency key."""
        ...

    def changes(self, cursor: str, limit: int = 1000) -> ChangePage:
        ...

    def staged(self, document_id: str, locale: str | None) -> Stale | Gone:
        """What is staged now (as a `Stale` carrying it; all None when nothing is), or `Gone`."""
        ...

    def check(self) -> dict[str, Any]:
        """The target's capabilities; raises when it cannot be reached or the token is refused."""
        ...

    def interrupt(self) -> None:
        """End every pause between retries at once (a cancelled job); the target is not used again."""
        ...

    def close(self) -> None:
        ...


def _path(document_id: str, locale: str | None) -> str:
    path = f"/v1/documents/{quote(document_id, safe='')}"
    return path if locale is None else f"{path}/locales/{quote(locale, safe='')}"


def _what(document_id: str, locale: str | None) -> str:
    return f"staging {document_id} ({locale or 'core'})"


class PortalTarget:
    """The portal's publishing API as a `Target`."""

    def __init__(self, http: PortalHttp) -> None:
        self.http = http
        self.url = http.base

    def interrupt(self) -> None:
        self.http.stop.set()

    def close(self) -> None:
        self.http.close()

    def check(self) -> dict[str, Any]:
        answer = self.http.get("/v1/capabilities")
        if not answer.ok:
            raise self.http.refusal(answer, "reading the portal's capabilities")
        body = _object(answer)
        if str(body.get("api_version")) != "1" or not isinstance(body.get("channels"), list):
            raise PortalBadAnswer(f"{self.url} does not speak version 1 of the publishing API")
        return body

    def stage(self, document_id: str, locale: str | None, body: bytes, etag: str | None) -> StageOutcome:
        condition = {"If-None-Match": "*"} if etag is None else {"If-Match": f'"{etag}"'}
        answer = self.http.send("PUT", _path(document_id, locale), body, condition)
        if answer.status in (200, 201):
            result = _object(answer)
            return Staged(_int(answer, result, "version"), _text(answer, result, "etag"),
                          _text(answer, result, "content_hash"))
        if answer.status == 412:
            return _stale(answer, answer.problem().get("current"))
        if answer.status == 410:
            return Gone(str(answer.problem().get("detail") or "deleted on the portal"))
        raise self.http.refusal(answer, _what(document_id, locale))

    def staged(self, document_id: str, locale: str | None) -> Stale | Gone:
        answer = self.http.get(_path(document_id, locale))
        if answer.status == 404:
            return Stale(None, None, None, None)
        if answer.status == 410:
            return Gone(str(answer.problem().get("detail") or "deleted on the portal"))
        if not answer.ok:
            raise self.http.refusal(answer, f"reading {document_id} ({locale or 'core'})")
        return _stale(answer, _object(answer).get("staged"))

    def publish(self, key: str, request: bytes) -> PublishOutcome:
        answer = self.http.send("POST", "/v1/releases", request, {"Idempotency-Key": key})
        if answer.status == 201:
            body = _object(answer)
            return Published(_text(answer, body, "id"), _text(answer, body, "published_at"),
                             answer.headers.get("Idempotent-Replayed", "").lower() == "true")
        problem = answer.problem()
        if answer.status == 409 and str(problem.get("type", "")).endswith("/release-conflict"):
            conflicts = []
            for raw in problem.get("conflicts") or []:
                if not isinstance(raw, dict) or not isinstance(raw.get("document_id"), str):
                    raise PortalBadAnswer("the portal's list of release conflicts is malformed")
                current = raw.get("current")
                conflicts.append(Conflict(raw["document_id"], raw.get("locale"), str(raw.get("reason", "")),
                                          current if isinstance(current, dict) else None))
            return Refused(str(problem.get("detail") or "release refused"), tuple(conflicts))
        raise self.http.refusal(answer, "publishing the release")

    def changes(self, cursor: str, limit: int = 1000) -> ChangePage:
        params = {"limit": str(limit)}
        if cursor:
            params["cursor"] = cursor
        answer = self.http.get("/v1/changes", params)
        if not answer.ok:
            raise self.http.refusal(answer, "reading the portal's change feed")
        body = _object(answer)
        raw = body.get("changes")
        if not isinstance(raw, list) or not isinstance(body.get("next_cursor"), str):
            raise PortalBadAnswer("the portal's change feed is malformed (no changes or next_cursor)")
        changes = []
        for entry in raw:
            if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int) or \
                    not isinstance(entry.get("document_id"), str) or entry.get("kind") not in (
                        "document", "variant", "deletion", "release"):
                raise PortalBadAnswer("an entry of the portal's change feed is malformed")
            version = entry.get("version")
            changes.append(Change(entry["seq"], entry["kind"], entry["document_id"], _opt_str(entry.get("locale")),
                                  version if isinstance(version, int) else None, _opt_str(entry.get("etag")),
                                  _opt_str(entry.get("content_hash")), _opt_str(entry.get("release_id"))))
        return ChangePage(tuple(changes), body["next_cursor"], bool(body.get("has_more")))


def _object(answer: Answer) -> dict[str, Any]:
    body = answer.json()
    if not isinstance(body, dict):
        raise PortalBadAnswer(f"the portal's answer to {answer.what} is not a JSON object")
    return body


def _int(answer: Answer, body: Mapping[str, Any], name: str) -> int:
    value = body.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise PortalBadAnswer(f"the portal's answer to {answer.what} has no whole number {name!r}")
    return value


def _text(answer: Answer, body: Mapping[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise PortalBadAnswer(f"the portal's answer to {answer.what} has no {name!r}")
    return value


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _stale(answer: Answer, current: Any) -> Stale:
    if current is None:
        return Stale(None, None, None, None)
    if not isinstance(current, dict):
        raise PortalBadAnswer(f"the portal's answer to {answer.what} carries a malformed current state")
    content = current.get("content")
    return Stale(_int(answer, current, "version"), _text(answer, current, "etag"),
                 _text(answer, current, "content_hash"), content if isinstance(content, dict) else None)


def open_portal(connection: Any, *, concurrency: int = 8, stop: Any = None) -> PortalTarget:
    """The portal of `connection` (a `config.Connection`) as a target."""
    return PortalTarget(PortalHttp(connection, concurrency=concurrency, stop=stop))

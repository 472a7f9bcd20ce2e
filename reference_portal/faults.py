"""Injected faults, for tests of clients that must survive a bad network and a bad server (`serve --faults`).

`POST /_faults` queues a fault for the next requests whose method and path (a prefix) match:

- `status`: answer that status as problem+json (with Retry-After for 429 and 503) WITHOUT doing the work;
- `slow`: read the request, wait `seconds`, then do the work and answer normally (the work is done even if
  the client stopped waiting);
- `reset`: drop the connection without any answer, WITHOUT doing the work;
- `commit_then_drop`: do the work (it commits) and drop the connection in the middle of the answer: the
  status line, the headers and half of the body are sent, then the socket is closed (a body-less answer, like a
  204, is dropped whole), so a client sees an incomplete read, never a valid answer.

A drop closes uvicorn's transport for the connection, found through the `send` callable uvicorn hands the
application (a bound method of its request cycle, whose `transport` is the connection). This middleware must
therefore be the outermost application. Should a future uvicorn hide the transport, the drop falls back to
promising a longer body than it sends and failing, which uvicorn answers by closing the socket mid-response.

`GET /_requests` counts the requests seen per method and route template (`PUT /v1/documents/{id}`), faulted or
not, excluding these `/_` routes themselves.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reference_portal.bodies import Checker, parse_json_body, read_body
from reference_portal.canonical import dumps
from reference_portal.problems import Problem

KINDS = ("status", "slow", "reset", "commit_then_drop")
METHODS = ("GET", "PUT", "POST", "DELETE", "*")
_MEMBERS = frozenset({"method", "path", "fault", "status", "retry_after", "seconds", "times"})


@dataclass
class Fault:
    """One queued fault; `times` is how many more requests it hits (None: every one until cleared)."""

    id: int
    method: str
    path: str
    fault: str
    status: int = 503
    retry_after: int = 1
    seconds: float = 2.0
    times: int | None = 1

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method) and path.startswith(self.path)


class FaultBook:
    """The faults queued and the requests counted. Used only on the event loop's thread, so it needs no lock."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []
        self.counts: Counter[str] = Counter()
        self._ids = itertools.count(1)

    def add(self, spec: dict[str, Any]) -> Fault:
        fault = Fault(id=next(self._ids), **spec)
        self.faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault for this request, used up by one (and forgotten once used up)."""
        for fault in self.faults:
            if fault.matches(method, path):
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                return fault
        return None


def check_spec(value: Any) -> dict[str, Any]:
    """A fault as POSTed, checked member by member (422 invalid-body)."""
    check = Checker()
    if check.members(value, "", {"method", "path", "fault"}, _MEMBERS - {"method", "path", "fault"}):
        if value.get("method") not in METHODS:
            check.fault("/method", f"must be one of {', '.join(METHODS)}")
        if not isinstance(value.get("path"), str) or not value["path"].startswith("/"):
            check.fault("/path", "must be a path prefix starting with /")
        if value.get("fault") not in KINDS:
            check.fault("/fault", f"must be one of {', '.join(KINDS)}")
        status = value.get("status", 503)
        if not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599:
            check.fault("/status", "must be an HTTP error status (400 to 599)")
        retry_after = value.get("retry_after", 1)
        if not isinstance(retry_after, int) or isinstance(retry_after, bool) or retry_after < 0:
            check.fault("/retry_after", "must be whole seconds, zero or more")
        seconds = value.get("seconds", 2.0)
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 <= seconds <= 120:
            check.fault("/seconds", "must be 0 to 120 seconds")
        times = value.get("times", 1)
        if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
            check.fault("/times", "must be a whole number from 1, or null for every request")
    check.done()
    return dict(value)


router = APIRouter()


def _book(request: Request) -> FaultBook:
    book: FaultBook = request.app.state.faults
    return book


@router.post("/_faults")
async def add_fault(request: Request) -> Response:
    spec = check_spec(parse_json_body(request, await read_body(request, 64 * 1024)))
    return Response(dumps(asdict(_book(request).add(spec))), status_code=201, media_type="application/json")


@router.get("/_faults")
async def list_faults(request: Request) -> Response:
    return Response(dumps({"faults": [asdict(f) for f in _book(request).faults]}), media_type="application/json")


@router.delete("/_faults")
async def clear_faults(request: Request) -> Response:
    _book(request).faults.clear()
    return Response(status_code=204)


@router.get("/_requests")
async def requests_seen(request: Request) -> Response:
    return Response(dumps({"counts": dict(sorted(_book(request).counts.items()))}), media_type="application/json")


@router.delete("/_requests")
async def forget_requests(request: Request) -> Response:
    _book(request).counts.clear()
    return Response(status_code=204)


class ConnectionDropped(Exception):
    """Raised to make uvicorn close a connection mid-response when its transport cannot be reached."""


def _cycle_and_transport(send: Send) -> tuple[Any, asyncio.WriteTransport | None]:
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    return cycle, transport if isinstance(transport, asyncio.WriteTransport) else None


async def _drop(send: Send, head: Message | None = None, part: bytes = b"") -> None:
    """Close the connection after sending `head` and `part` of the body (nothing at all if `head` is None)."""
    cycle, transport = _cycle_and_transport(send)
    if transport is None:
        await send(head or {"type": "http.response.start", "status": 200,
                            "headers": [(b"content-length", b"1048576")]})
        await send({"type": "http.response.body", "body": part, "more_body": True})
        raise ConnectionDropped("connection dropped by an injected fault")
    if head is not None:
        await send(head)
        await send({"type": "http.response.body", "body": part, "more_body": True})
        transport.close()  # what was written goes out first, then the FIN: the client reads a cut-off answer
    else:
        transport.abort()  # at once, with nothing written
    # Let the transport report the loss, so uvicorn knows the client is gone and sends no 500 of its own.
    for _ in range(200):
        if getattr(cycle, "disconnected", True):
            break
        await asyncio.sleep(0.005)


class FaultsMiddleware:
    """The outermost ASGI application with `--faults`: counts requests and plays the queued faults."""

    def __init__(self, app: ASGIApp, book: FaultBook, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.book = book
        self.routes = tuple(routes)  # the application's routes in its order, to name a request by its template

    def _template(self, scope: Scope) -> str:
        partial = None
        for route in self.routes:
            match, _ = route.matches(scope)
            if match == Match.FULL:
                return str(getattr(route, "path", scope["path"]))
            if match == Match.PARTIAL and partial is None:
                partial = str(getattr(route, "path", scope["path"]))
        return partial or scope["path"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_"):
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        self.book.counts[f"{method} {self._template(scope)}"] += 1
        fault = self.book.take(method, path)
        if fault is None:
            await self.app(scope, receive, send)
        elif fault.fault == "status":
            kind = {429: "too-many-requests", 503: "unavailable"}.get(fault.status, "injected-fault")
            problem = Problem(fault.status, kind, "an injected fault answered this request; nothing was done",
                              headers={"Retry-After": str(fault.retry_after)} if fault.status in (429, 503) else None)
            await problem.response()(scope, receive, send)
        elif fault.fault == "slow":
            await self._slow(scope, receive, send, fault.seconds)
        elif fault.fault == "reset":
            await _drop(send)
        else:
            await self._commit_then_drop(scope, receive, send)

    async def _slow(self, scope: Scope, receive: Receive, send: Send, seconds: float) -> None:
        # The request is read whole first, as a server that received it and then stalled: the work is done
        # even if the client gives up waiting, which is the case a client's timeout must not take for "not done".
        received: list[Message] = []
        while not received or received[-1].get("more_body", False):
            message = await receive()
            received.append(message)
            if message["type"] != "http.request":
                break
        await asyncio.sleep(seconds)

        async def replay() -> Message:
            return received.pop(0) if received else await receive()

        await self.app(scope, replay, send)

    async def _commit_then_drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        head: Message | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal head
            if message["type"] == "http.response.start":
                head = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, keep)  # the work is done and committed when the app has answered
        body = b"".join(chunks)
        if head is None or len(body) < 2:
            await _drop(send)
        else:
            await _drop(send, head, body[: len(body) // 2])

"""Errors as RFC 9457 problem details (`application/problem+json`), raised anywhere and answered in one place.

Every refusal of the API is a `Problem`: its `type` is a URI under PROBLEM_BASE naming the rule that refused,
so a client can branch on it without parsing the prose of `detail`. Extension members (`current`, `conflicts`,
`errors`...) carry what the client needs to recover.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from reference_portal.canonical import dumps

PROBLEM_BASE = "https://portal.example/problems/"
PROBLEM_JSON = "application/problem+json"
RETRY_STATUSES = frozenset({429, 503})

_log = logging.getLogger(__name__)

_TITLES = {
    400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
    409: "Conflict", 410: "Gone", 412: "Precondition failed", 413: "Content too large",
    415: "Unsupported media type", 422: "Unprocessable content", 428: "Precondition required",
    429: "Too many requests", 500: "Internal server error", 503: "Service unavailable",
}


class Problem(Exception):
    """A refusal answered as problem+json: `kind` is the last segment of the type URI (`stale-write`)."""

    def __init__(self, status: int, kind: str, detail: str, *, title: str | None = None,
                 headers: Mapping[str, str] | None = None, **extensions: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.detail = detail
        self.title = title or _TITLES.get(status, "Error")
        self.headers = dict(headers or {})
        self.extensions = extensions
        if status in RETRY_STATUSES:
            self.headers.setdefault("Retry-After", "1")

    def body(self) -> dict[str, Any]:
        """The problem document: the RFC 9457 members first, then the extensions."""
        return {"type": PROBLEM_BASE + self.kind, "title": self.title, "status": self.status,
                "detail": self.detail, **self.extensions}

    def response(self) -> Response:
        """This problem as an HTTP response."""
        return Response(dumps(self.body()), status_code=self.status, headers=self.headers, media_type=PROBLEM_JSON)


async def _problem(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return exc.response()


async def _validation(_: Request, exc: Exception) -> Response:
    # FastAPI's own checks of query parameters and headers: a malformed request (400), in our format.
    assert isinstance(exc, RequestValidationError)
    errors = [{"parameter": str(err.get("loc", ("", ""))[-1]), "detail": err.get("msg", "")} for err in exc.errors()]
    return Problem(400, "invalid-parameter", "a parameter of the request is invalid", errors=errors).response()


async def _http(_: Request, exc: Exception) -> Response:
    # Starlette's 404 (no such route) and 405 (wrong method), in our format.
    assert isinstance(exc, StarletteHTTPException)
    kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    return Problem(exc.status_code, kind, str(exc.detail), headers=exc.headers).response()


async def _database(_: Request, exc: Exception) -> Response:
    # A write that waited its whole busy timeout for SQLite's lock: tell the client to come back.
    assert isinstance(exc, sqlite3.OperationalError)
    if "locked" in str(exc) or "busy" in str(exc):
        return Problem(503, "unavailable", "the portal's database is busy; retry later").response()
    _log.exception("database error", exc_info=exc)
    return Problem(500, "internal-error", "the portal failed to answer").response()


async def _unexpected(_: Request, exc: Exception) -> Response:
    _log.exception("unexpected error", exc_info=exc)
    return Problem(500, "internal-error", "the portal failed to answer").response()


def install_handlers(app: FastAPI) -> None:
    """Make every error of `app` a problem+json answer."""
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(sqlite3.OperationalError, _database)
    app.add_exception_handler(Exception, _unexpected)

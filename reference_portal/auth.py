"""Checking bearer tokens and their scopes on every API request (tokens are made in `tokens.py`).

A token carries the name of its client, which scopes idempotency keys: two clients may use the same key without
replaying each other's answers. Tokens are looked up on every request, with no cache, so a token made while the
server runs works at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from reference_portal.problems import Problem
from reference_portal.storage import Database
from reference_portal.tokens import SCOPES, lookup

_REALM = 'Bearer realm="reference-portal"'


@dataclass(frozen=True)
class Client:
    """Who is calling: the name its token was made for, and what the token allows."""

    name: str
    scopes: frozenset[str]


def _unauthorized(detail: str, error: str | None) -> Problem:
    challenge = _REALM if error is None else f'{_REALM}, error="{error}", error_description="{detail}"'
    return Problem(401, "unauthorized", detail, headers={"WWW-Authenticate": challenge})


def authenticate(db: Database, authorization: str | None) -> Client:
    """The client of an `Authorization: Bearer <token>` header, or a 401 Problem."""
    if not authorization:
        raise _unauthorized("an Authorization: Bearer <token> header is required", None)
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("the Authorization header must be 'Bearer <token>'", "invalid_request")
    row = lookup(db, token.strip())
    if row is None:
        raise _unauthorized("unknown token", "invalid_token")
    if row["expires_at"] is not None and row["expires_at"] <= time.time():
        raise _unauthorized("the token has expired", "invalid_token")
    return Client(row["name"], frozenset(row["scopes"].split()))


def require(scope: str) -> Callable[[Request], Client]:
    """A FastAPI dependency: the calling client, if its token is valid (401) and holds `scope` (403)."""
    assert scope in SCOPES

    def dependency(request: Request) -> Client:
        client = authenticate(request.app.state.db, request.headers.get("authorization"))
        if scope not in client.scopes:
            raise Problem(403, "insufficient-scope", f"the token lacks the scope {scope}", required_scope=scope,
                          headers={"WWW-Authenticate": f'{_REALM}, error="insufficient_scope", scope="{scope}"'})
        return client

    return dependency

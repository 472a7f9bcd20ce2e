"""Conditional writes (RFC 9110 §13): `If-Match: "<etag>"` to update, `If-None-Match: *` to create.

Every staging write must carry one of them, so no client overwrites what it has not seen: without either the
answer is 428; when the condition is false it is 412 with the current state, from which the client can decide
(often the content is already what it meant to write). Entity tags are compared strongly: a weak tag never
matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers

from reference_portal.problems import Problem

_ENTITY_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e]*)"\s*')


@dataclass(frozen=True)
class Conditions:
    """The preconditions of one request: the tags of If-Match (None: absent) and whether If-None-Match is *."""

    if_match: tuple[str, ...] | None
    create_only: bool

    def holds(self, current_etag: str | None) -> bool:
        """Whether a write may go ahead on a resource whose staged ETag is `current_etag` (None: absent)."""
        if self.if_match is not None and (current_etag is None or not (
                "*" in self.if_match or current_etag in self.if_match)):
            return False
        return not (self.create_only and current_etag is not None)


def _entity_tags(value: str, header: str) -> tuple[str, ...]:
    if value.strip() == "*":
        return ("*",)
    tags: list[str] = []
    for part in value.split(","):
        match = _ENTITY_TAG.fullmatch(part)
        if match is None:
            raise Problem(400, "invalid-precondition", f'{header} must be * or quoted entity tags ("…")',
                          header=header)
        if match.group(1) is None:  # weak tags never match in a strong comparison
            tags.append(match.group(2))
    return tuple(tags)


def conditions(headers: Headers, *, allow_create: bool = True) -> Conditions:
    """The preconditions of a write; 428 if it has none (the portal refuses unconditional writes)."""
    if_match = headers.get("if-match")
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None and if_none_match.strip() != "*":
        raise Problem(400, "invalid-precondition", "If-None-Match may only be * on a write", header="If-None-Match")
    create_only = allow_create and if_none_match is not None
    if if_match is None and not create_only:
        wanted = 'If-Match: "<etag>" or If-None-Match: *' if allow_create else 'If-Match: "<etag>"'
        raise Problem(428, "precondition-required", f"a write must be conditional: send {wanted}")
    return Conditions(None if if_match is None else _entity_tags(if_match, "If-Match"), create_only)


def require(conds: Conditions, current: dict[str, Any] | None) -> None:
    """Raise 412 (`stale-write`, with `current`) unless the conditions hold for the `current` staged state."""
    if conds.holds(None if current is None else current["etag"]):
        return
    if current is None:
        detail = "If-Match names a state, but nothing is staged here yet"
    elif conds.create_only:
        detail = "If-None-Match: * but this already exists"
    else:
        detail = "If-Match does not name the current staged state"
    raise Problem(412, "stale-write", detail, current=current)

"""Canonical JSON, content hashes, strict JSON parsing and timestamps: the byte-exact rules both sides share.

A content hash is `sha256:` + the hex SHA-256 of the canonical JSON of a value: UTF-8, keys sorted, no
insignificant whitespace, non-ASCII characters written as themselves (Python's
`json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)`). The client
computes the same bytes from the same value, so a hash names content, not a request.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any


class JsonRefused(ValueError):
    """A request body that is not strict JSON (duplicate keys, NaN, bad UTF-8, lone surrogates, too deep)."""


def canonical_json(value: Any) -> bytes:
    """The canonical bytes of `value` (see the module docstring); raises JsonRefused if it cannot be UTF-8."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError) as exc:
        raise JsonRefused(f"not representable as canonical JSON: {exc}") from None


def content_hash(value: Any) -> str:
    """`sha256:<hex>` of the canonical JSON of `value`."""
    return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two values for one key would make the hash depend on which one a parser keeps.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonRefused(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise JsonRefused(f"{name} is not JSON")


def parse_json(raw: bytes) -> Any:
    """The value of a request body, refusing what would make two parsers (or two hashes) disagree."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"not UTF-8 (byte {exc.start})") from None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise JsonRefused("nested too deeply") from None
    canonical_json(value)  # lone surrogates (\ud800) parse but cannot be hashed
    return value


def dumps(value: Any) -> bytes:
    """The bytes of a response body: compact UTF-8 JSON (not necessarily canonical: keys keep their order)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def now_rfc3339() -> str:
    """The current time as RFC 3339 in UTC with microseconds, e.g. `2026-11-27T09:30:00.123456Z`."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")

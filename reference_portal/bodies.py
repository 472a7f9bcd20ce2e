"""Request bodies: read within a size limit, parsed as strict JSON, and checked member by member.

A body that is not JSON is a malformed request (400); JSON of the wrong shape is unprocessable (422), with every
fault listed in `errors` as a JSON Pointer and a sentence, so a client can show all of them at once. Unknown
members are refused rather than ignored: the content hash covers the whole body, and a member the portal
silently dropped would still change the hash the client computed.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request

from reference_portal.canonical import JsonRefused, parse_json
from reference_portal.locales import LOCALES
from reference_portal.problems import Problem

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_RELEASE_BYTES = 16 * 1024 * 1024
DOCUMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refused with 413 as soon as it passes `limit` bytes (so a huge upload is not buffered)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Problem(413, "too-large", f"the body may have at most {limit} bytes", max_bytes=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, "too-large", f"the body may have at most {limit} bytes", max_bytes=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json_body(request: Request, raw: bytes) -> Any:
    """The JSON value of a body sent as application/json (415 otherwise; 400 if it is not strict JSON)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not (media_type.startswith("application/") and
                                                 media_type.endswith("+json")):
        raise Problem(415, "unsupported-media-type", "send the body as application/json")
    try:
        return parse_json(raw)
    except JsonRefused as exc:
        raise Problem(400, "malformed-json", f"the body is not strict JSON: {exc}") from None


class Checker:
    """Collects the faults of one body so that all are reported together."""

    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def fault(self, pointer: str, detail: str) -> None:
        self.errors.append({"pointer": pointer, "detail": detail})

    def members(self, value: Any, pointer: str, required: set[str], optional: frozenset[str] = frozenset()) -> bool:
        """Whether `value` is an object with exactly the `required` members (and perhaps the `optional` ones)."""
        if not isinstance(value, dict):
            self.fault(pointer or "/", "must be a JSON object")
            return False
        for name in sorted(required - value.keys()):
            self.fault(f"{pointer}/{name}", "is required")
        for name in sorted(value.keys() - required - optional):
            self.fault(f"{pointer}/{name}", "is not a member of this body")
        return True

    def text(self, value: Any, pointer: str, *, max_length: int, pattern: re.Pattern[str] | None = None) -> None:
        if not isinstance(value, str) or not value.strip():
            self.fault(pointer, "must be a non-empty string")
        elif len(value) > max_length:
            self.fault(pointer, f"must have at most {max_length} characters")
        elif pattern is not None and not pattern.fullmatch(value):
            self.fault(pointer, f"must match {pattern.pattern}")

    def locale(self, value: Any, pointer: str) -> None:
        if value not in LOCALES:
            self.fault(pointer, f"must be one of {', '.join(LOCALES)}")

    def done(self) -> None:
        """Raise the 422 Problem listing every fault, if there is any."""
        if self.errors:
            first = self.errors[0]
            raise Problem(422, "invalid-body", f"{first['pointer']} {first['detail']}", errors=self.errors)


def check_core(value: Any) -> dict[str, Any]:
    """The body of `PUT /v1/documents/{id}`: type, section, slug, source locale and language-neutral fields."""
    check = Checker()
    if check.members(value, "", {"type", "section", "slug", "source_locale", "fields"}):
        check.text(value.get("type"), "/type", max_length=100)
        check.text(value.get("section"), "/section", max_length=100)
        check.text(value.get("slug"), "/slug", max_length=200, pattern=SLUG)
        check.locale(value.get("source_locale"), "/source_locale")
        if "fields" in value and not isinstance(value["fields"], dict):
            check.fault("/fields", "must be a JSON object")
    check.done()
    return dict(value)


def check_variant(value: Any) -> dict[str, Any]:
    """The body of `PUT /v1/documents/{id}/locales/{lang}`: a title and the translated fields."""
    check = Checker()
    if check.members(value, "", {"title", "fields"}):
        check.text(value.get("title"), "/title", max_length=1000)
        if "fields" in value and not isinstance(value["fields"], dict):
            check.fault("/fields", "must be a JSON object")
    check.done()
    return dict(value)


def check_document_id(document_id: str) -> None:
    """A document id the portal can hold (a UUID fits): anything else names no document (404)."""
    if not DOCUMENT_ID.fullmatch(document_id):
        raise Problem(404, "not-found", "no document has this id", document_id=document_id)


def check_lang(lang: str) -> None:
    """A locale of the portal; any other names no variant (404)."""
    if lang not in LOCALES:
        raise Problem(404, "unknown-locale", f"the portal has no locale {lang!r}", locales=list(LOCALES))

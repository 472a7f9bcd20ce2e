"""Small helpers for the portal's contract tests: a client over `requests`, sample bodies, an HTML reader.

The client is deliberately plain (a `requests.Session` with the token): the tests check the contract as any
HTTP client sees it, not as Studio's publishing client would handle it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import requests

TIMEOUT = 15
PROBLEMS = "https://portal.example/problems/"

# Every operation of the API under /v1, with the scope its token needs.
SCOPED_ROUTES = [
    ("GET", "/v1/capabilities", "content:read"),
    ("GET", "/v1/documents", "content:read"),
    ("GET", "/v1/documents/{id}", "content:read"),
    ("GET", "/v1/documents/{id}/locales/{lang}", "content:read"),
    ("GET", "/v1/assets/{sha256}", "content:read"),
    ("GET", "/v1/releases", "content:read"),
    ("GET", "/v1/releases/{id}", "content:read"),
    ("GET", "/v1/changes", "content:read"),
    ("PUT", "/v1/documents/{id}", "content:write"),
    ("PUT", "/v1/documents/{id}/locales/{lang}", "content:write"),
    ("DELETE", "/v1/documents/{id}", "content:write"),
    ("PUT", "/v1/assets/{sha256}", "content:write"),
    ("POST", "/v1/releases", "release:create"),
]


def concrete(template: str) -> str:
    """A path of `template` with sample values in its parameters."""
    return template.replace("{id}", "some-id").replace("{lang}", "en").replace("{sha256}", "0" * 64)


def new_id() -> str:
    return str(uuid.uuid4())


def content_hash(value: Any) -> str:
    """The contract's content hash, computed here independently of the server's code."""
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


def core_body(slug: str | None = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "service", "section": "live", "slug": slug or f"s-{uuid.uuid4().hex[:12]}",
                            "source_locale": "zh-Hans",
                            "fields": {"appointment_url": "https://example.org/book", "contact_phone": "+86 10 1234 5678"}}
    body.update(overrides)
    return body


def variant_body(title: str = "A service", **fields: Any) -> dict[str, Any]:
    return {"title": title, "fields": fields or {"description": "What it books."}}


class Api:
    """A plain HTTP client of the portal holding one token."""

    def __init__(self, url: str, token: str | None) -> None:
        self.url = url
        self.session = requests.Session()
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.request(method, self.url + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def put_core(self, document_id: str, body: dict[str, Any], *, etag: str | None = None,
                 **kwargs: Any) -> requests.Response:
        """Create (`etag` None: If-None-Match: *) or update (If-Match: "<etag>") a document's core."""
        return self.put(f"/v1/documents/{document_id}", json=body, headers=_condition(etag), **kwargs)

    def put_variant(self, document_id: str, lang: str, body: dict[str, Any], *, etag: str | None = None,
                    **kwargs: Any) -> requests.Response:
        return self.put(f"/v1/documents/{document_id}/locales/{lang}", json=body, headers=_condition(etag),
                        **kwargs)

    def release(self, items: list[dict[str, Any]], *, key: str | None = None, title: str = "A release",
                channels: tuple[str, ...] = ("portal",)) -> requests.Response:
        body = {"title": title, "channels": list(channels), "items": items}
        return self.request("POST", "/v1/releases", json=body, headers={"Idempotency-Key": key or new_id()})

    def staged(self, document_id: str, lang: str | None = None) -> dict[str, Any]:
        path = f"/v1/documents/{document_id}" + ("" if lang is None else f"/locales/{lang}")
        answer = self.get(path)
        assert answer.status_code == 200, answer.text
        staged: dict[str, Any] = answer.json()["staged"]
        return staged

    def item(self, document_id: str, lang: str | None = None) -> dict[str, Any]:
        """A release item naming what is staged now."""
        staged = self.staged(document_id, lang)
        return {"document_id": document_id, "locale": lang, "version": staged["version"],
                "content_hash": staged["content_hash"]}

    def publish(self, document_id: str, *langs: str) -> dict[str, Any]:
        """Release the core and the given variants of a document as they are staged; the release body."""
        answer = self.release([self.item(document_id), *(self.item(document_id, lang) for lang in langs)])
        assert answer.status_code == 201, answer.text
        body: dict[str, Any] = answer.json()
        return body

    def changes_to_end(self, cursor: str = "") -> tuple[list[dict[str, Any]], str]:
        """Every change after `cursor`, and the cursor after the last."""
        seen: list[dict[str, Any]] = []
        while True:
            page = self.get("/v1/changes", params={"cursor": cursor, "limit": 1000}).json()
            seen += page["changes"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return seen, cursor


def _condition(etag: str | None) -> dict[str, str]:
    return {"If-None-Match": "*"} if etag is None else {"If-Match": f'"{etag}"'}


@contextmanager
def api_client(url: str, token: str | None) -> Iterator[Api]:
    api = Api(url, token)
    try:
        yield api
    finally:
        api.close()


def assert_problem(answer: requests.Response, status: int, kind: str | None = None) -> dict[str, Any]:
    """That `answer` is a problem+json of `status` (and of type .../`kind`); its body."""
    assert answer.status_code == status, answer.text
    assert answer.headers["Content-Type"].startswith("application/problem+json"), answer.headers
    body: dict[str, Any] = answer.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert body["type"].startswith(PROBLEMS)
    if kind is not None:
        assert body["type"] == PROBLEMS + kind, body
    return body


# --- reading pages ----------------------------------------------------------------------------------------------

@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class Page:
    """A parsed HTML page: every element with its attributes and its whole text content."""

    elements: list[Element] = field(default_factory=list)

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    def texts(self, tag: str) -> list[str]:
        return [" ".join(e.text.split()) for e in self.all(tag)]

    def root(self) -> Element:
        return self.all("html")[0]

    @property
    def text(self) -> str:
        return self.root().text


class _Reader(HTMLParser):
    _VOID = frozenset({"meta", "br", "img", "link", "input", "hr", "area", "base", "col", "embed", "source",
                       "track", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.page.elements.append(element)
        if tag not in self._VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self.open) - 1, -1, -1):
            if self.open[n].tag == tag:
                del self.open[n:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def read_page(markup: str) -> Page:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader.page

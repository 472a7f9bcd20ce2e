"""The routes of the publishing API under /v1: each checks the token's scope, reads and checks its input, and
calls one operation of `documents`, `releases`, `assets` or `feed`, which does its work in one transaction.

Routes that read a raw body are `async` (the body arrives on the event loop) and run their database work in the
thread pool, so a slow SQLite write never stalls the other connections; the rest are plain functions, which
FastAPI runs in that pool itself.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from reference_portal import API_VERSION, assets, bodies, documents, feed, preconditions, releases
from reference_portal.auth import Client, require
from reference_portal.canonical import dumps
from reference_portal.locales import LOCALES
from reference_portal.storage import Database

router = APIRouter(prefix="/v1")

Reader = Annotated[Client, Depends(require("content:read"))]
Writer = Annotated[Client, Depends(require("content:write"))]
Publisher = Annotated[Client, Depends(require("release:create"))]
DocumentId = Annotated[str, Path(alias="id")]
Lang = Annotated[str, Path(alias="lang")]
Limit = Annotated[int, Query(ge=1, le=1000)]


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(body), status_code=status, headers=headers, media_type="application/json")


@router.get("/capabilities")
def capabilities(_: Reader) -> Response:
    return _json(200, {"api_version": API_VERSION, "locales": list(LOCALES), "channels": list(releases.CHANNELS),
                       "max_release_items": releases.MAX_RELEASE_ITEMS, "max_asset_bytes": assets.MAX_ASSET_BYTES,
                       "max_document_bytes": bodies.MAX_DOCUMENT_BYTES, "max_changes_limit": feed.MAX_LIMIT})


async def _stage(request: Request, document_id: str, lang: str | None) -> Response:
    """PUT of a core (`lang` None) or a variant: the checks in the order the contract lists them, then the write."""
    if lang is not None:
        bodies.check_lang(lang)
    bodies.check_document_id(document_id)
    conds = preconditions.conditions(request.headers)
    value = bodies.parse_json_body(request, await bodies.read_body(request, bodies.MAX_DOCUMENT_BYTES))
    body = bodies.check_core(value) if lang is None else bodies.check_variant(value)
    staged = await run_in_threadpool(documents.stage, _db(request), document_id, lang, body, conds)
    answer: dict[str, Any] = {"id": document_id}
    if lang is not None:
        answer["lang"] = lang
    answer.update(version=staged.version, etag=staged.etag, content_hash=staged.content_hash)
    headers = {"ETag": f'"{staged.etag}"'}
    if staged.created:
        headers["Location"] = f"/v1/documents/{document_id}" + ("" if lang is None else f"/locales/{lang}")
    return _json(201 if staged.created else 200, answer, headers)


def _state(request: Request, document_id: str, lang: str | None) -> Response:
    if lang is not None:
        bodies.check_lang(lang)
    bodies.check_document_id(document_id)
    answer = documents.state(_db(request), document_id, lang)
    return _json(200, answer, {"ETag": f'"{answer["staged"]["etag"]}"'})


@router.get("/documents")
def list_documents(request: Request, _: Reader, limit: Limit = 100, after: str | None = None) -> Response:
    return _json(200, documents.listing(_db(request), limit, after))


@router.put("/documents/{id}")
async def put_document(request: Request, _: Writer, document_id: DocumentId) -> Response:
    return await _stage(request, document_id, None)


@router.get("/documents/{id}")
def get_document(request: Request, _: Reader, document_id: DocumentId) -> Response:
    return _state(request, document_id, None)


@router.delete("/documents/{id}")
def delete_document(request: Request, _: Writer, document_id: DocumentId) -> Response:
    bodies.check_document_id(document_id)
    documents.delete(_db(request), document_id, preconditions.conditions(request.headers, allow_create=False))
    return Response(status_code=204)


@router.put("/documents/{id}/locales/{lang}")
async def put_variant(request: Request, _: Writer, document_id: DocumentId, lang: Lang) -> Response:
    return await _stage(request, document_id, lang)


@router.get("/documents/{id}/locales/{lang}")
def get_variant(request: Request, _: Reader, document_id: DocumentId, lang: Lang) -> Response:
    return _state(request, document_id, lang)


@router.put("/assets/{sha256}")
async def put_asset(request: Request, _: Writer, sha256: str) -> Response:
    data = await bodies.read_body(request, assets.MAX_ASSET_BYTES)
    media_type = assets.media_type_of(request.headers.get("content-type"))
    created = await run_in_threadpool(assets.put, _db(request), sha256, media_type, data)
    return _json(201 if created else 200, {"sha256": sha256, "size": len(data), "media_type": media_type},
                 {"ETag": f'"{sha256}"', "Location": f"/v1/assets/{sha256}"})


@router.get("/assets/{sha256}")
def get_asset(request: Request, _: Reader, sha256: str) -> Response:
    asset = assets.get(_db(request), sha256)
    # Served from the API's origin: never let a browser run an uploaded HTML or SVG file there.
    return Response(asset.data, media_type=asset.media_type, headers={
        "ETag": f'"{asset.sha256}"', "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


@router.post("/releases")
async def create_release(request: Request, client: Publisher) -> Response:
    key = releases.check_key(request.headers.get("idempotency-key"))
    value = bodies.parse_json_body(request, await bodies.read_body(request, bodies.MAX_RELEASE_BYTES))
    answer = await run_in_threadpool(releases.publish, _db(request), client.name, key, value)
    headers = {"Location": answer.location} if answer.location else {}
    if answer.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(answer.body, status_code=answer.status, headers=headers, media_type="application/json")


@router.get("/releases")
def list_releases(request: Request, _: Reader, limit: Limit = 100, after: str | None = None) -> Response:
    return _json(200, releases.listing(_db(request), limit, after))


@router.get("/releases/{id}")
def get_release(request: Request, _: Reader, release_id: Annotated[str, Path(alias="id")]) -> Response:
    return Response(releases.get(_db(request), release_id), media_type="application/json")


@router.get("/changes")
def changes(request: Request, _: Reader, limit: Limit = 100, cursor: str | None = None) -> Response:
    with _db(request).read() as conn:
        return _json(200, feed.read(conn, cursor, limit))

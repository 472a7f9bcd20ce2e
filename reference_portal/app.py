"""The portal as one ASGI application: the API, the pages, and (with faults on) the fault injector around both."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.types import ASGIApp

from reference_portal import api, faults, pages
from reference_portal.problems import install_handlers
from reference_portal.storage import Database


def create_app(data_dir: Path, *, with_faults: bool = False) -> ASGIApp:
    """The portal over the database in `data_dir` (created if needed). With `with_faults`, the `/_faults` and
    `/_requests` routes exist and a middleware outside everything plays the faults."""
    # FastAPI's generated schema is not the contract (resources/openapi/publishing-api.yaml is), so none is served.
    app = FastAPI(title="Reference portal", openapi_url=None, docs_url=None, redoc_url=None)
    app.state.db = Database(data_dir)
    install_handlers(app)
    app.include_router(api.router)
    if not with_faults:
        app.include_router(pages.router)
        return app
    book = faults.FaultBook()
    app.state.faults = book
    app.include_router(faults.router)
    app.include_router(pages.router)
    return faults.FaultsMiddleware(app, book, [*api.router.routes, *faults.router.routes, *pages.router.routes])

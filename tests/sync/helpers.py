"""Helpers of the publishing tests: documents with approved translations, and what a portal holds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.workspace import Workspace
from tests.helpers import guide, office, write_json

PORTAL = "http://127.0.0.1:9"  # a target address for tests that send nothing
LOCALES = ("zh-Hans", "fr", "de", "ar")  # the source and the locales the test supervisor reviews


def translation(locale: str, source: str) -> str:
    """A translation that keeps the source's placeholders: the source, marked with its locale."""
    return f"[{locale}] {source}"


def import_documents(ws: Workspace, folder: Path, documents: Sequence[dict[str, Any]]) -> None:
    run_job(ws.import_files([write_json(folder / "documents.json", list(documents))], ImportOptions()))


def approve(ws: Workspace, slug: str, locales: Iterable[str], *, text=translation) -> None:
    """Confirm and approve every sentence of `slug` in `locales` (the test supervisor edits and reviews them)."""
    items = []
    for segment in ws.document(slug).segments:
        for locale in locales:
            cell = segment.cells.get(locale)
            written = ws.save_cell(segment.id, locale, text(locale, segment.text), cell.version if cell else None,
                                   confirm=True)
            items.append((segment.id, locale, written.version))
    result = ws.review_cells(items, True)
    assert not result.skipped, result.skipped


def guide_and_office(ws: Workspace, folder: Path, *, approved: Iterable[str] = ("fr", "de", "ar")) -> None:
    """The work-permit guide and the Dongcheng office, approved in `approved`."""
    import_documents(ws, folder, [office(), guide()])
    for slug in ("dongcheng-hall", "work-permit"):
        approve(ws, slug, approved)


def guides(n: int) -> list[dict[str, Any]]:
    """`n` guides (and the office they name), each with its own slug."""
    return [office(), *(guide(f"guide-{i:03d}") for i in range(n))]


def approved_corpus(guides: int, locales: Sequence[str], *, offices: int = 2, seed: int = 11) -> list[dict[str, Any]]:
    """`offices` offices and `guides` procedure guides shaped like the portal's (the benchmark corpus's shapes, with
    sentence-aligned text), each translated into `locales` and given as approved: imported by a reviewer of those
    locales, they land approved."""
    import random

    from bench.generate_corpus import SECTIONS, Writer, _render, _shape

    rng = random.Random(seed)
    writer = Writer(rng)
    office_slugs = [f"office-{i}" for i in range(offices)]
    documents = []
    for kind, slug in [*(("office", s) for s in office_slugs), *(("procedure_guide", f"guide-{i}")
                                                                  for i in range(guides))]:
        shape = _shape(kind, rng, office_slugs)
        translations = {loc: {"state": "approved", "origin": "human",
                              "fields": _render(shape, lambda k, loc=loc: writer.target(loc, k),
                                                lambda loc=loc: writer.title(loc), source=False)}
                        for loc in locales}
        documents.append({"type": kind, "section": rng.choice(SECTIONS), "slug": slug,
                          "fields": _render(shape, writer.zh, writer.title_zh, source=True),
                          "translations": translations})
    return documents

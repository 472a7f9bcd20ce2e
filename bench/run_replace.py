"""Benchmark of replace across the workspace as a job (issue 7, item 17), offscreen.

    python bench/run_replace.py [--cells 2000 8000] [--database-url postgresql+psycopg://...]

For each size, a new workspace holds that many English translations containing "residence" (in guides of 60
sentences, states mixed as on the portal: approved, translated, draft). Measured:
- the preview's search as a job on the job runner's worker thread, as the dialog runs it: wall time, and the
  longest time the UI thread went without handling an event meanwhile (a 5 ms timer on the main thread; its
  longest gap is how long the window was unresponsive); then filling the preview table (on the UI thread);
- the replace-all job, as the main window runs it: wall time and the longest UI block;
- undo and redo of the whole replacement, run as jobs as the window's undo stack does from 200 cells (chunk by
  chunk in one transaction): wall time and the longest UI block meanwhile.
The longest UI block is mostly Python's garbage collector: a full collection started on the worker thread holds
the interpreter, and so the UI thread, for as long as it takes, whatever the job does between its yields.
Figures are medians of nothing: one run per size; the machine's load shows in the UI block above all.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from studio.content.search import refresh_texts  # noqa: E402
from studio.jobs import Job  # noqa: E402
from studio.models import Cell, Document, Section, Segment, table_of, utcnow  # noqa: E402
from studio.ui.job_runner import JobHandle, JobRunner  # noqa: E402
from studio.ui.replace_dialog import ReplaceMatchModel  # noqa: E402
from studio.ui.undo import on_worker  # noqa: E402
from studio.workflow.replace import ReplaceRun  # noqa: E402
from studio.workspace import Workspace  # noqa: E402

PER_GUIDE = 60
STATES = ("approved", "approved", "translated", "draft")  # about the portal's mix
USER, PASSWORD = "bench", "bench-password"


def build(ws: Workspace, cells: int) -> None:
    now = utcnow()
    with Session(ws._engine) as session, session.begin():  # rows written directly: far faster than operations
        section = session.scalar(select(Section.id).order_by(Section.position))
        docs = [str(uuid.uuid4()) for _ in range(0, cells, PER_GUIDE)]
        session.execute(insert(table_of(Document)), [
            {"id": d, "type": "procedure_guide", "section_id": section, "slug": f"guide-{n}",
             "source_locale": "zh-Hans", "title": f"居留许可办理指南{n}", "position": n, "version": 1,
             "created_at": now, "updated_at": now} for n, d in enumerate(docs)])
        session.execute(insert(table_of(Segment)), [
            {"document_id": docs[i // PER_GUIDE], "field_path": f"required_documents[{i % PER_GUIDE}].note",
             "ordinal": 0, "position": i % PER_GUIDE, "block": "", "text": f"申请居留许可须提交护照和住宿登记证明{i}。",
             "source_hash": f"h{i}", "placeholders": {}} for i in range(cells)])
        segments = session.scalars(select(Segment.id).order_by(Segment.id)).all()
        session.execute(insert(table_of(Cell)), [
            {"segment_id": seg, "locale": "en", "state": STATES[i % len(STATES)], "origin": "human", "version": 1,
             "text": f"To apply for a residence permit, bring your passport and the registration of residence {i}.",
             "flagged": False, "author_id": None, "updated_at": now, "source_hash": f"h{i}",
             "outdated_source": None} for i, seg in enumerate(segments)])
        refresh_texts(session, docs)


def longest_ui_block_while(app: QApplication, start: Callable[[], object],
                           done: Callable[[], bool]) -> tuple[float, float]:
    """Run until `done()`, ticking a 5 ms timer on this (the UI) thread; (wall seconds, longest gap in ms)."""
    clock, last, worst = QElapsedTimer(), [0], [0]
    clock.start()

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    start()
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    timer.stop()
    return clock.elapsed() / 1000, float(worst[0])


def measure(app: QApplication, cells: int, database_url: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = None if database_url else Path(tmp) / "workspace"
        ws = Workspace.create(folder, database_url)
        ws.add_user(USER, ["supervisor", "editor", "reviewer"], PASSWORD, ["en"])
        ws.sign_in(USER, PASSWORD)
        build(ws, cells)
        out = measure_on(app, ws, cells)
        if database_url:
            _empty(database_url)
        return out


def measure_corpus(app: QApplication, corpus: Path) -> dict[str, float]:
    """On a copy of the portal-scale workspace of `run_foundation.py --keep` (left untouched)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "workspace"
        folder.mkdir()
        shutil.copy2(corpus / "studio.db", folder / "studio.db")
        Workspace.upgrade(folder)
        ws = Workspace.open(folder)
        ws.sign_in("bench", PASSWORD)
        ws.add_user("replacer", ["editor"], PASSWORD)
        ws.sign_in("replacer", PASSWORD)
        return measure_on(app, ws, None)


def measure_on(app: QApplication, ws: Workspace, cells: int | None) -> dict[str, float]:
    """Preview, replace-all job, undo and redo jobs of "residence" -> "residency" in English."""
    out: dict[str, float] = {}

    # The same measure with nothing running: what the machine's own load costs the UI thread.
    idle_until = time.monotonic() + 2
    out["idle 2 s, longest UI block (ms)"] = longest_ui_block_while(app, lambda: None,
                                                                   lambda: time.monotonic() > idle_until)[1]
    runner = JobRunner()
    wall, block, matches = in_background(app, runner, on_worker(
        ws, lambda own: own.find_replacements_job("residence", "residency", ["en"])))
    out["preview search job, wall (s)"] = wall
    out["preview search, longest UI block (ms)"] = block
    assert cells is None or len(matches) == cells, len(matches)
    out["matches (cells)"] = len(matches)
    out["skipped: not confirmable"] = sum(1 for m in matches if m.problem)
    out["matches (occurrences)"] = sum(m.count for m in matches)
    model = ReplaceMatchModel()
    t = time.perf_counter()
    model.set_matches(matches)
    out["preview table (s)"] = time.perf_counter() - t

    run = ReplaceRun(model.checked_matches())
    wall, block, _ = in_background(app, runner, on_worker(ws, lambda own: own.replace_job(run)))
    assert len(run.applied) == len(run.todo)
    out["replace job, wall (s)"] = wall
    out["replace job, longest UI block (ms)"] = block

    # As the undo command does: the cells as the job reports it left them, then back, then forth again.
    afters = [a.after for a in run.applied]
    befores = [(a.before, a.version) for a in run.applied]
    wall, block, versions = in_background(app, runner, on_worker(ws, lambda own: own.restore_cells_job(befores)))
    out["undo job, wall (s)"], out["undo job, longest UI block (ms)"] = wall, block
    again = list(zip(afters, versions, strict=True))
    wall, block, _ = in_background(app, runner, on_worker(ws, lambda own: own.restore_cells_job(again)))
    out["redo job, wall (s)"], out["redo job, longest UI block (ms)"] = wall, block
    ws.close()
    return out


def in_background(app: QApplication, runner: JobRunner, factory: Callable[[], Job[Any]]) -> tuple[float, float, Any]:
    handles: list[JobHandle[Any]] = []
    result: list[Any] = []
    wall, block = longest_ui_block_while(app, lambda: handles.append(runner.start("bench", factory, result.append)),
                                         lambda: bool(handles) and not handles[0].running)
    assert handles[0].state == "done", handles[0].error
    return wall, block, result[0]


def _empty(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, nargs="+", default=[2000, 8000])
    parser.add_argument("--database-url")
    parser.add_argument("--corpus", type=Path, help="also on a copy of this portal-scale workspace folder")
    args = parser.parse_args()
    app = QApplication([])
    rows: dict[str, dict[str, float]] = {f"{n:,} cells": measure(app, n, args.database_url) for n in args.cells}
    if args.corpus:
        rows["portal corpus"] = measure_corpus(app, args.corpus)
    names = list(next(iter(rows.values())))
    print(f"| {'replace all':<40} | " + " | ".join(f"{n:>13}" for n in rows) + " |")
    print(f"| {'-' * 40} | " + " | ".join("-" * 13 for _ in rows) + " |")
    for name in names:
        print(f"| {name:<40} | " + " | ".join(_cell(rows[n][name]) for n in rows) + " |")


def _cell(value: float) -> str:
    return f"{value:>13,}" if isinstance(value, int) else f"{value:>13.2f}"


if __name__ == "__main__":
    main()

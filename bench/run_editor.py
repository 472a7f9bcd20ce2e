"""Benchmarks of the editor issue, and the figures of issue 8, on the portal-scale corpus, into bench/RESULTS.md.

    python bench/run_editor.py [--scale 1]   (uses bench/out/scale-<scale>/workspace from
                                              `run_foundation.py --keep`, or builds it first)

Measures, offscreen:
- cold start: `studio gui` as a new process, from spawning it to the main window's first paint
  (median of 5; Python, Qt and the content tree included);
- opening a guide of about 60 segments with the source and all eight targets: building the grid, fitting its rows
  and painting it (median of 10, in a running window);
- search over the corpus: `find_documents` for Chinese, English, Russian and two-character words (median of each);
- every document's progress, as `Workspace.document_progress()` reads it (median of 10);
- `studio status` as a whole command (median of 5, Python start-up included);
- confirming a cell there (the store, its revision and search text, and the document's recount for the tree);
- find and replace of a common English word in 2,000 translations: preview, apply, undo;
- resident memory of that process with the corpus open and the guide shown;
and reports beside them the import time run_foundation.py measured when it built the workspace.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.run_foundation import (  # noqa: E402
    IMPORT_TARGET_S,
    OUT,
    add_scale,
    append_results,
    ensure_corpus,
    foundation_times,
    machine,
    median_time,
    studio,
)

USER, PASSWORD = "bench", "bench-password"
QUERIES = ("护照", "出入境管理局", "passport employer", "паспорт", "여권", "旅券", "Reisepass")
SETTINGS = OUT / "bench-settings.ini"


def cold_start(workspace: Path) -> float:
    env = {**os.environ, "STUDIO_PASSWORD": PASSWORD, "STUDIO_REPORT_FIRST_PAINT": "1",
           "STUDIO_SETTINGS": str(SETTINGS)}
    start = time.time()
    out = subprocess.run([sys.executable, "-m", "studio", "--workspace", str(workspace), "--user", USER, "gui"],
                         check=True, env=env, capture_output=True, text=True).stdout
    painted = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("first-paint"))
    return painted - start


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale(parser)
    scale = parser.parse_args().scale
    workspace = ensure_corpus(scale)
    starts = [cold_start(workspace) for _ in range(5)]
    t_status = median_time(lambda: studio("--workspace", str(workspace), "status"), 5)

    from studio.content.rich_text import placeholder_tokens
    from studio.content.search import DocumentFilter
    from studio.jobs import run_job
    from studio.ui.app import application
    from studio.ui.main_window import MainWindow
    from studio.ui.settings import Settings
    from studio.workflow.replace import ReplaceRun
    from studio.workspace import Workspace

    app = application()
    ws = Workspace.open(workspace)
    ws.sign_in(USER, PASSWORD)
    t_progress = median_time(ws.document_progress, 10)
    corpus_size = len(ws.document_progress())
    window = MainWindow(ws, Settings(SETTINGS))
    window.resize(1920, 1080)
    window.set_locales(["en", "ko", "ja", "de", "fr", "es", "ru", "ar"])
    window.show()
    app.processEvents()
    guides = [d for d in ws.documents() if d.type == "procedure_guide"]
    guide = min(guides, key=lambda d: abs(d.segments - 60))
    opens = []
    for _ in range(10):
        window.editor.open_document(None)
        app.processEvents()
        start = time.perf_counter()
        window.editor.open_document(guide.id)
        window.editor.grid.viewport().repaint()
        opens.append(time.perf_counter() - start)
    # Ctrl+Enter's work on the corpus: store the cell (with its revision and the document's search text), then
    # recount the document's progress for the tree.
    view = ws.document(guide.id)
    confirms = []
    for i, seg in enumerate(view.segments[:20]):
        cell = seg.cells.get("ko")
        start = time.perf_counter()
        text = f"번역 {i} 확인" + "".join(placeholder_tokens(seg.text))  # keeps the sentence's markup
        ws.save_cell(seg.id, "ko", text, cell.version if cell else None, confirm=True)
        window.content.refresh_progress(guide.id)
        confirms.append(time.perf_counter() - start)
    searches = {query: median_time(partial(ws.find_documents, DocumentFilter(text=query)), 5) for query in QUERIES}
    found = {query: len(ws.find_documents(DocumentFilter(text=query))) for query in QUERIES}
    # Find and replace across the workspace: the preview, then 2,000 translations replaced and put back.
    start = time.perf_counter()
    matches = [m for m in ws.find_replacements("employer", "employing organisation", ["en"]) if not m.problem][:2000]
    t_preview = time.perf_counter() - start
    start = time.perf_counter()
    run = ReplaceRun(matches)
    run_job(ws.replace_job(run))
    applied = run.applied
    t_apply = time.perf_counter() - start
    start = time.perf_counter()
    ws.restore_cells([(a.before, a.version) for a in applied])
    t_undo = time.perf_counter() - start
    memory = rss_mb()
    window.close()
    ws.close()

    worst_search = max(searches.values())
    t_import = foundation_times(scale).get("import_s")
    rows: list[tuple[str, float, float | None, str]] = [
        ("cold start to the first painted main window (median of 5)", statistics.median(starts), 1.0, "s"),
        (f"open a {guide.segments}-segment guide, source + 8 targets (median of 10)", statistics.median(opens),
         0.1, "s"),
        ("search over the corpus (slowest query's median)", worst_search, 0.03, "s"),
        ("every document's progress, `Workspace.document_progress()` (median of 10)", t_progress, 0.02, "s"),
        ("`studio status` (median of 5, whole command)", t_status, 0.7, "s"),
        ("confirm a cell: store it and recount the document (median of 20)", statistics.median(confirms), 0.015,
         "s"),
        (f"find and replace: preview ({len(matches)} English translations)", t_preview, None, "s"),
        (f"find and replace: apply to {len(applied)} translations, one transaction", t_apply, None, "s"),
        (f"find and replace: undo those {len(applied)}", t_undo, None, "s"),
        ("resident memory with the corpus open and the guide shown", memory, 350, "MB"),
    ]
    if t_import is not None:
        rows.append(("import the corpus, 6 × `studio import` (run_foundation.py, when it built the workspace)",
                     t_import, IMPORT_TARGET_S * scale, "s"))
    lines = [f"\n## Editor and issue 8, scale {scale:g}, {date.today().isoformat()}\n", f"Machine: {machine()}.  ",
             f"Corpus: bench/out/scale-{scale:g}/workspace from run_foundation.py ({corpus_size} documents); "
             "Qt offscreen.\n",
             "| figure | measured | target |", "| --- | --- | --- |"]
    for name, value, target, unit in rows:
        shown = f"{value:.3f} s" if unit == "s" else f"{value:.0f} MB"
        verdict = "" if target is None else f"≤ {target:g} {unit} " + ("✓" if value <= target else "✗")
        lines.append(f"| {name} | {shown} | {verdict} |")
    lines.append("")
    lines.append("Search, median of 5 per query (documents found): " + ", ".join(
        f"{q!r} {t * 1000:.1f} ms ({found[q]})" for q, t in searches.items()) + ".")
    append_results(lines)


if __name__ == "__main__":
    main()

"""Benchmarks of the machine-translation issue, written into bench/RESULTS.md.

    python bench/run_mt.py [--scale 1]      (uses bench/out/scale-<scale>/workspace, building it if needed)

Measures, on a copy of the portal-scale workspace with one locale (French) emptied:
- pre-translating that locale against a LibreTranslate-compatible engine on 127.0.0.1 (another process) that
  answers each request after 100 ms: the time, and its share of the ideal for the engine's concurrency and batch
  size (segments ÷ (batch size × concurrency) × 0.1 s);
- the same run inside the main window (offscreen), while the window's event loop and a draft stored every 200 ms
  are timed: the longest stall of the loop and the longest wait of a draft store (maximum and 99th percentile);
- a second run: the requests it sends (none: the cache answers) and its time;
- the offline engine on a tiny CTranslate2 model built here: segments per second through Studio's engine, and
  through CTranslate2 alone (what Studio adds around it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.run_foundation import add_scale, append_results, ensure_corpus, machine  # noqa: E402

USER, PASSWORD = "bench", "bench-password"
LOCALE = "fr"
DELAY = 0.1
SERVER = """
import sys, time
from tests.mt.servers import serving
with serving("libretranslate", delay=float(sys.argv[1])) as server:
    print(server.url, flush=True)
    sys.stdin.read()  # until the benchmark closes our stdin
    print(len(server.seen), flush=True)
"""


class Engine:
    """The fake engine in a process of its own, so its threads do not share the benchmark's interpreter lock."""

    def __init__(self, delay: float) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", SERVER, str(delay)], cwd=HERE.parent, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()

    def close(self) -> int:
        """Stop it; the number of requests it answered."""
        out, _ = self.process.communicate()
        return int(out.strip() or 0)


def fresh_copy(source: Path, into: Path) -> Path:
    """A copy of the workspace whose French cells are all gone (counts kept right by the database's triggers)."""
    target = into / "workspace"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "journal", "*.lock"))
    conn = sqlite3.connect(target / "studio.db")
    with conn:
        conn.execute("DELETE FROM cells WHERE locale = ?", (LOCALE,))
        conn.execute("DELETE FROM mt_cache")
    conn.close()
    return target


def settings(url: str, folder: Path):
    from studio.mt.config import MTSettings, SecretStore

    return MTSettings(folder / "mt.json", env={"STUDIO_MT_LIBRETRANSLATE_URL": url}, secrets=SecretStore())


def headless_run(workspace: Path, folder: Path) -> tuple[float, int, int, float, int]:
    """(seconds, segments filled, batch size × concurrency, second run's seconds, second run's requests)."""
    from studio.jobs import run_job
    from studio.workspace import Workspace

    engine = Engine(DELAY)
    mt = settings(engine.url, folder)
    limits = mt.engine("libretranslate").limits
    with Workspace.open(workspace) as ws:
        ws.sign_in(USER, PASSWORD)
        start = time.perf_counter()
        report = run_job(ws.pretranslate_job([LOCALE], settings=mt))
        first = time.perf_counter() - start
        asked = report.requests
        start = time.perf_counter()
        again = run_job(ws.pretranslate_job([LOCALE], settings=mt, replace_machine=True))
        second = time.perf_counter() - start
    served = engine.close()
    assert served == asked + again.requests, (served, asked, again.requests)
    return first, report.total, limits.batch_size * limits.concurrency, second, again.requests


def window_run(workspace: Path, folder: Path) -> tuple[float, list[float], list[float]]:
    """Pre-translate in the main window: (seconds, event-loop stalls, draft-store waits), both in seconds."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from studio.ui.app import application, started
    from studio.ui.main_window import MainWindow
    from studio.ui.pretranslate_dialog import PretranslateRequest, PretranslateScope
    from studio.ui.settings import Settings
    from studio.workspace import Workspace

    app = application()
    engine = Engine(DELAY)
    ws = Workspace.open(workspace)
    ws.sign_in(USER, PASSWORD)
    window = MainWindow(ws, Settings(folder / "bench-settings.ini"), mt_settings=settings(engine.url, folder))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    started()  # as the application does once its window is up
    guide = next(d for d in ws.documents() if d.type == "procedure_guide")
    window.content.select_document(guide.id)
    target = next(s for s in ws.document(guide.id).segments)
    stalls: list[float] = []
    waits: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        stalls.append((now - last[0]) / 1000)
        last[0] = now

    version: list[int | None] = [ws.cell(target.id, "de").version if ws.cell(target.id, "de") else None]

    def store() -> None:  # an editor typing in another language meanwhile
        start = time.perf_counter()
        written = ws.save_cell(target.id, "de", f"Entwurf {len(waits)}", version[0])
        waits.append(time.perf_counter() - start)
        version[0] = written.version

    ticker, typist = QTimer(), QTimer()
    ticker.timeout.connect(tick)
    typist.timeout.connect(store)
    ticker.start(10)
    typist.start(200)

    start = time.perf_counter()  # as Document ▸ Pre-translate… starts it, for everything
    handle = window.run_pretranslation(PretranslateRequest((LOCALE,), None, PretranslateScope("everything"), False),
                                       settings(engine.url, folder))
    while handle.running:
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - start
    ticker.stop()
    typist.stop()
    engine.close()
    window.close()
    ws.close()
    # A tick is due every 10 ms: what exceeds that is how long the loop stood still.
    return seconds, [max(0.0, s - 0.010) for s in stalls[1:]], waits


def offline_rate(folder: Path) -> tuple[float, float]:
    """Segments per second on the tiny model: through Studio's offline engine, and CTranslate2 alone."""
    import ctranslate2
    import sentencepiece

    from studio.mt.engine import Deadline, Request
    from studio.mt.offline import SPEC, install_model
    from tests.mt.tiny_model import build, plain_folder

    os.environ["STUDIO_MT_MODELS"] = str(folder / "models")
    model = build(folder / "tiny")
    install_model(plain_folder(model, folder / "plain-zh-en"), ("zh-Hans", "en"))
    engine = SPEC.make({})
    sentences = [f"外国人在北京办理工作许可第{i}号。" for i in range(400)]
    batches = [sentences[i:i + engine.limits.batch_size] for i in range(0, len(sentences), engine.limits.batch_size)]
    engine.translate([Request(sentences[0])], "zh-Hans", "en", Deadline(60))  # loaded once, as in use
    start = time.perf_counter()
    for batch in batches:
        engine.translate([Request(s) for s in batch], "zh-Hans", "en", Deadline(60))
    through_studio = len(sentences) / (time.perf_counter() - start)
    translator = ctranslate2.Translator(str(model.model_dir), device="cpu", inter_threads=1,
                                        intra_threads=max(1, (os.cpu_count() or 2) - 1))  # as the engine
    tokenizer = sentencepiece.SentencePieceProcessor(model_proto=model.tokenizer)
    start = time.perf_counter()
    for batch in batches:
        results = translator.translate_batch([tokenizer.encode(s, out_type=str) for s in batch], beam_size=4)
        [tokenizer.decode(r.hypotheses[0]) for r in results]
    alone = len(sentences) / (time.perf_counter() - start)
    return through_studio, alone


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 2 else (values[0] if values else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_scale(parser)
    args = parser.parse_args()
    source = ensure_corpus(args.scale)
    with tempfile.TemporaryDirectory(prefix="studio-bench-mt-") as tmp:
        folder = Path(tmp)
        first, filled, per_round, second, again = headless_run(fresh_copy(source, folder / "a"), folder)
        ideal = filled / per_round * DELAY
        window_seconds, stalls, waits = window_run(fresh_copy(source, folder / "b"), folder)
        studio_rate, alone_rate = offline_rate(folder)
    lines = [f"\n## Machine translation, scale {args.scale:g}, {date.today().isoformat()}\n",
             f"Machine: {machine()}.  ",
             f"Corpus: bench/out/scale-{args.scale:g}/workspace, copied, with every {LOCALE} cell removed "
             f"({filled} to fill); a LibreTranslate-compatible engine in another process on 127.0.0.1 answering "
             f"each request after {DELAY * 1000:.0f} ms.\n",
             "| figure | measured | target |", "| --- | --- | --- |",
             f"| pre-translate {filled} {LOCALE} cells (command line) | {first:.1f} s, "
             f"{ideal / first:.0%} of the ideal {ideal:.1f} s | ≥ 80% "
             + ("✓" if ideal / first >= 0.8 else "✗") + " |",
             f"| the same in the window | {window_seconds:.1f} s | |",
             f"| longest stall of the window's event loop meanwhile | {max(stalls) * 1000:.0f} ms "
             f"(99th percentile {p99(stalls) * 1000:.0f} ms) | ≤ 50 ms " + ("✓" if max(stalls) <= 0.05 else "✗") + " |",
             f"| longest wait of a draft store meanwhile ({len(waits)} stores) | {max(waits) * 1000:.0f} ms "
             f"(99th percentile {p99(waits) * 1000:.0f} ms) | ≤ 100 ms " + ("✓" if max(waits) <= 0.1 else "✗") + " |",
             f"| second run (replacing the machine drafts) | {again} requests, {second:.1f} s | 0 requests "
             + ("✓" if again == 0 else "✗") + " |",
             f"| offline engine, tiny model, beam 4, batches of 16 | {studio_rate:.0f} segments/s "
             f"(CTranslate2 alone {alone_rate:.0f}/s) | |", ""]
    append_results(lines)


if __name__ == "__main__":
    main()

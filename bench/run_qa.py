"""Benchmarks of the quality checks on the portal-scale corpus, written into bench/RESULTS.md.

    python bench/run_qa.py [--scale 1] [--cells 2000]

Works on a copy of bench/out/scale-<scale>/workspace (built by `run_foundation.py --keep` if missing), upgraded to
the current schema; the corpus itself is never touched, and the copy is removed afterwards. Measures:
- the whole-workspace check (`Workspace.qa_job`: every live document in every locale, the cross-locale and list
  checks and the readability summaries included), median of 3;
- the live check of one cell as the user types (`DocumentChecker.check`: against the source, the glossary and
  the document's other locales), over `--cells` cells of every kind, including the longest rich-text sentence of
  the corpus: median and 95th percentile; and reading a document for checking (`Workspace.document_checker`),
  which the window does once when a document opens.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run_foundation import add_scale, append_results, ensure_corpus, machine  # noqa: E402
from studio.jobs import run_job  # noqa: E402
from studio.workspace import Workspace  # noqa: E402


def upgraded_copy(source: Path, into: Path) -> Path:
    """A copy of the workspace at the current schema; a failed upgrade leaves no half-migrated copy behind."""
    target = into / "workspace"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "journal", "*.lock"))
    try:
        Workspace.upgrade(target)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale(parser)
    parser.add_argument("--cells", type=int, default=2000)
    args = parser.parse_args()
    source = ensure_corpus(args.scale)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="studio-qa-bench-") as tmp:
        folder = upgraded_copy(source, Path(tmp))
        with Workspace.open(folder, write=False) as ws:
            runs = []
            report = None
            for _ in range(3):
                start = time.perf_counter()
                report = run_job(ws.qa_job())
                runs.append(time.perf_counter() - start)
            assert report is not None
            whole = statistics.median(runs)
            rng = random.Random(11)
            docs = [d.id for d in ws.documents()]
            opened, checks = [], []
            longest = ("", 0, "", "")
            samples = 0
            while samples < args.cells:
                doc_id = rng.choice(docs)
                start = time.perf_counter()
                checker = ws.document_checker(doc_id)
                opened.append(time.perf_counter() - start)
                cells = list(checker.texts.items())
                if not cells:
                    continue
                for (seg, loc), text in rng.sample(cells, min(20, len(cells))):
                    if len(text) > len(longest[3]):
                        longest = (doc_id, seg, loc, text)
                    typed = text[:-1] if len(text) > 1 else text + "x"  # as in the middle of typing
                    start = time.perf_counter()
                    checker.check(seg, loc, typed)
                    checks.append(time.perf_counter() - start)
                    samples += 1
            checker = ws.document_checker(longest[0])
            long_runs = []
            for _ in range(50):
                start = time.perf_counter()
                checker.check(longest[1], longest[2], longest[3])
                long_runs.append(time.perf_counter() - start)
            # A rich-text paragraph at a field's limit (2,000 characters, links and emphasis as placeholders).
            piece = "See {1}the appointment platform{/1} at https://www.example.gov.cn, call 12345 or 010-6466 4646. "
            rich = "".join(piece.replace("{1}", f"{{{n}}}").replace("{/1}", f"{{/{n}}}") for n in range(1, 21))[:2000]
            rich_runs = []
            for _ in range(50):
                start = time.perf_counter()
                checker.check(longest[1], longest[2], rich)
                rich_runs.append(time.perf_counter() - start)
            # Texts no one writes but anyone may paste: long runs of one shape, where a pattern that backtracks
            # costs the square of the length (an e-mail pattern took 8 to 20 s on 50,000 digits).
            hostile_runs = []
            for shape in ("1", "1.", "12-", "a.", "a@", "1:", "一", "www.", "+86 ", "1 000,5 "):
                text = (shape * (50_000 // len(shape) + 1))[:50_000]
                start = time.perf_counter()
                checker.check(longest[1], longest[2], text)
                hostile_runs.append(time.perf_counter() - start)
    lines = [
        "",
        f"## Quality checks ({date.today().isoformat()}, scale {args.scale:g})",
        "",
        f"Machine: {machine()}. `python bench/run_qa.py --scale {args.scale:g} --cells {args.cells}`, on an "
        f"upgraded copy of the corpus; load average {load:.1f} when it started (the cores are shared). The corpus "
        "has 23,770 sentences, so 190,160 cells; the checks read the translations that exist.",
        "",
        "| what | figure | goal |",
        "| --- | --- | --- |",
        f"| whole workspace: {report.checked:,} translations of {len(report.documents):,} documents, "
        f"{len(report.findings):,} findings (median of 3) | {whole:.2f} s | ≤ 10 s |",
        f"| live check of one cell ({len(checks):,} cells): median / 95th percentile | "
        f"{statistics.median(checks) * 1000:.2f} ms / {percentile(checks, 0.95) * 1000:.2f} ms | ≤ 20 ms |",
        f"| live check of the longest sentence ({len(longest[3]):,} characters, {longest[2]}), median of 50 | "
        f"{statistics.median(long_runs) * 1000:.2f} ms | ≤ 20 ms |",
        f"| live check of a rich-text paragraph of {len(rich):,} characters with 20 links, median of 50 / slowest | "
        f"{statistics.median(rich_runs) * 1000:.2f} ms / {max(rich_runs) * 1000:.2f} ms | ≤ 20 ms |",
        f"| reading one document for checking, once as it opens ({len(opened)} documents): median / 95th "
        f"percentile | {statistics.median(opened) * 1000:.1f} ms / {percentile(opened, 0.95) * 1000:.1f} ms | |",
        f"| live check of a pasted 50,000-character run of one shape (\"1\", \"a.\", \"a@\", \"www.\"…, "
        f"{len(hostile_runs)} shapes): slowest | {max(hostile_runs) * 1000:.0f} ms | linear |",
    ]
    append_results(lines)


if __name__ == "__main__":
    main()

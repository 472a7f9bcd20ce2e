"""Benchmarks of the foundation issue on the portal-scale corpus, written into bench/RESULTS.md.

    python bench/run_foundation.py [--scale 1] [--keep]

Measures: generating the corpus and importing it with `studio import` (one command per content type, as a
person would run them); opening the workspace (`Workspace.open`, median of 20); `studio status` as a whole
command (median of 5, Python start-up included).

Each scale has its own folder, bench/out/scale-<scale> (the corpus, the workspace, and the times measured here in
foundation.json, which run_editor.py reports beside its own); --keep keeps it for the other benchmarks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate_corpus import SIZES, generate  # noqa: E402
from studio.workspace import Workspace  # noqa: E402

OUT = HERE / "out"
ENV = {**os.environ, "STUDIO_PASSWORD": "bench-password", "STUDIO_NEW_PASSWORD": "bench-password"}
IMPORT_TARGET_S = 12.0  # at scale 1, and the same per document at any scale (issue 8)


def add_scale(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", type=float, default=1.0,
                        help="of the generated corpus: 1 is the portal (1,200 documents), 10 ten times that")


def scale_folder(scale: float) -> Path:
    return OUT / f"scale-{scale:g}"


def workspace_of(scale: float) -> Path:
    return scale_folder(scale) / "workspace"


def ensure_corpus(scale: float) -> Path:
    """The workspace of `scale`, built (and timed) by this script if it is not there yet."""
    if not (workspace_of(scale) / "studio.db").exists():
        subprocess.run([sys.executable, str(HERE / "run_foundation.py"), "--keep", f"--scale={scale:g}"], check=True)
    return workspace_of(scale)


def foundation_times(scale: float) -> dict[str, float]:
    """What the run that built the workspace of `scale` measured (empty if it predates foundation.json)."""
    path = scale_folder(scale) / "foundation.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def studio(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "studio", *args], check=True, env=ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def append_results(lines: list[str]) -> None:
    """Print a section of figures and add it at the end of bench/RESULTS.md (newest last)."""
    text = "\n".join(lines) + "\n"
    print(text)
    results = HERE / "RESULTS.md"
    if not results.exists():
        results.write_text("# Benchmark results\n\nWritten by the scripts in bench/; newest last.\n", encoding="utf-8")
    with results.open("a", encoding="utf-8") as f:
        f.write(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale(parser)
    parser.add_argument("--keep", action="store_true", help="keep bench/out/scale-<scale> for other benchmarks")
    args = parser.parse_args()
    folder = scale_folder(args.scale)
    shutil.rmtree(folder, ignore_errors=True)
    corpus, ws = folder / "corpus", folder / "workspace"

    start = time.perf_counter()
    counts = generate(corpus, args.scale)
    t_generate = time.perf_counter() - start
    studio("--workspace", str(ws), "init", "--admin", "bench")
    t_import = 0.0
    for kind in SIZES:  # offices first: guides and services refer to them
        t_import += studio("--workspace", str(ws), "--user", "bench", "import", str(corpus / kind), "--type", kind)

    opens = []
    for _ in range(20):
        start = time.perf_counter()
        Workspace.open(ws).close()
        opens.append(time.perf_counter() - start)
    statuses = [studio("--workspace", str(ws), "status") for _ in range(5)]

    with Workspace.open(ws) as workspace:
        report = workspace.status()
    segments = sum(s.segments for s in report.sections)
    cells = sum(n for s in report.sections for loc in s.locales.values() for state, n in loc.items()
                if state != "missing")
    size_mb = sum(p.stat().st_size for p in ws.iterdir()) / 2**20
    rows = [
        ("generate the corpus", t_generate, None),
        ("import it (6 × `studio import`)", t_import, IMPORT_TARGET_S * args.scale),
        ("generate + import", t_generate + t_import, 20.0 * args.scale),
        ("open the workspace (median of 20)", statistics.median(opens), 0.3),
        ("`studio status` (median of 5, whole command)", statistics.median(statuses), 0.7),
    ]
    (folder / "foundation.json").write_text(json.dumps({"import_s": t_import, "size_mb": size_mb}), encoding="utf-8")
    lines = [f"\n## Foundation, scale {args.scale:g}, {date.today().isoformat()}\n",
             f"Machine: {machine()}.  ",
             f"Corpus: {sum(counts.values())} documents ({', '.join(f'{k} {v}' for k, v in counts.items())}), "
             f"{segments} segments, {cells} translated cells, database {size_mb:.0f} MB (SQLite).\n",
             "| figure | measured | target |", "| --- | --- | --- |"]
    for name, seconds, target in rows:
        verdict = "" if target is None else (f"≤ {target:g} s ✓" if seconds <= target else f"≤ {target:g} s ✗")
        lines.append(f"| {name} | {seconds:.3f} s | {verdict} |")
    append_results(lines)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

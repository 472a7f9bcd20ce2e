"""What guarding writes costs on the portal-scale corpus, written into bench/RESULTS.md.

    python bench/run_integrity.py [--scale 1]   (uses bench/out/scale-<scale>/workspace from
                                                 `run_foundation.py --keep`, or builds it)

Measures, on the workspace's database file:
- `PRAGMA quick_check`, which a workspace runs each time it is opened for writing (median of 5, file cached);
- `PRAGMA integrity_check` beside it, to show what the quick check saves;
- the daily backup through SQLite's online backup API (median of 3), paid by the first write-open of a day;
- `Workspace.open` for writing and for reading, in a running process (median of 5 each; the daily backup
  of the day already made, as on every open after the first).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run_foundation import add_scale, append_results, ensure_corpus, machine, median_time  # noqa: E402
from studio.backup import copy_database, quick_check  # noqa: E402
from studio.workspace import DATABASE_FILE, Workspace  # noqa: E402


def integrity_check(database: Path) -> None:
    conn = sqlite3.connect(database)
    try:
        conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale(parser)
    scale = parser.parse_args().scale
    workspace = ensure_corpus(scale)
    database = workspace / DATABASE_FILE
    size_mb = database.stat().st_size / 2**20
    assert quick_check(database) == [], "the benchmark workspace is damaged"
    scratch = Path(tempfile.mkdtemp(prefix="studio-bench-"))
    try:
        copies = iter(range(1000))
        t_backup = median_time(lambda: copy_database(database, scratch / f"copy-{next(copies)}.db"), 3)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    Workspace.open(workspace, write=True).close()  # today's backup, so the opens below measure the check only
    rows = [
        ("`PRAGMA quick_check` (median of 5)", median_time(lambda: quick_check(database), 5)),
        ("`PRAGMA integrity_check`, for comparison (median of 5)", median_time(lambda: integrity_check(database), 5)),
        ("daily backup, online backup API (median of 3)", t_backup),
        ("open for writing: quick check included (median of 5)",
         median_time(lambda: Workspace.open(workspace, write=True).close(), 5)),
        ("open for reading: no check (median of 5)",
         median_time(lambda: Workspace.open(workspace, write=False).close(), 5)),
    ]
    lines = [f"\n## Integrity check and backups, scale {scale:g}, {date.today().isoformat()}\n",
             f"Machine: {machine()}.  ",
             f"Database: bench/out/scale-{scale:g}/workspace/{DATABASE_FILE} from run_foundation.py, "
             f"{size_mb:.0f} MB (SQLite), "
             "in the page cache.\n",
             "| figure | measured |", "| --- | --- |"]
    lines += [f"| {name} | {seconds:.3f} s |" for name, seconds in rows]
    append_results(lines)


if __name__ == "__main__":
    main()

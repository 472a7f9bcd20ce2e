"""Benchmarks of the exchange with outside translators on the portal-scale corpus, into bench/RESULTS.md.

    python bench/run_exchange.py [--scale 1]   (uses bench/out/scale-<scale>/workspace from
                                               `run_foundation.py --keep`, or builds it first)

The workspace is copied first and the copy upgraded, so the corpus other benchmarks use is never changed.
Measures:
- exporting every document in every target language, per format (PO, XLIFF 2.1, XLIFF 1.2, CSV): reading the
  cells and writing one file per language;
- importing a returned whole-locale file (French) where the translator changed every unit's target and marked it
  translated, as PO and as XLIFF 2.1: reading, comparing every unit with the workspace and storing them, one
  transaction (each on a fresh copy, so both write the same number of cells).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run_foundation import add_scale, append_results, ensure_corpus, machine  # noqa: E402

USER, PASSWORD = "bench", "bench-password"
FORMATS = ("po", "xliff", "xliff12", "csv")


def copy_workspace(source: Path, into: Path) -> Path:
    from studio.workspace import Workspace

    folder = into / "workspace"
    folder.mkdir(mode=0o700, parents=True)
    for name in ("studio.db", "studio.db-wal"):
        if (source / name).exists():
            shutil.copy2(source / name, folder / name)
    Workspace.upgrade(folder)
    return folder


def translate_po(path: Path) -> int:
    import polib

    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        entry.msgstr = f"{entry.msgstr or entry.msgid} (revu)"
        entry.flags = []
        entry.previous_msgid = None
    catalogue.save(str(path))
    return len(catalogue)


def translate_xliff(path: Path) -> int:
    from lxml import etree

    from studio.exchange.xliff2 import NS

    tree = etree.parse(str(path))
    units = 0
    for segment in tree.iterfind(f".//{{{NS}}}segment"):
        target = segment.find(f"{{{NS}}}target")
        if target is None:
            target = etree.SubElement(segment, f"{{{NS}}}target")
            target.text = "".join(segment.find(f"{{{NS}}}source").itertext())
        target.append(etree.Element(f"{{{NS}}}mrk", id=f"m{units}"))  # a tool's annotation, read as nothing
        target[-1].tail = " (revu)"
        segment.set("state", "translated")
        units += 1
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return units


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale(parser)
    scale = parser.parse_args().scale
    corpus = ensure_corpus(scale)
    from studio.workspace import Workspace

    lines = [f"\n## Exchange with outside translators, {date.today().isoformat()}\n",
             f"Machine: {machine()}.  ",
             f"Corpus: bench/out/scale-{scale:g}/workspace (a copy, upgraded); one run each.\n",
             "| figure | measured | units |", "| --- | --- | --- |"]
    with tempfile.TemporaryDirectory(prefix="studio-bench-exchange-") as temporary:
        root = Path(temporary)
        base = copy_workspace(corpus, root / "base")
        returned: dict[str, Path] = {}
        with Workspace.open(base) as ws:
            ws.sign_in(USER, PASSWORD)
            for fmt in FORMATS:
                start = time.perf_counter()
                result = ws.export_translations(root / f"out-{fmt}", fmt)
                elapsed = time.perf_counter() - start
                lines.append(f"| export every document in every language, {fmt} ({len(result.files)} files, "
                             f"{sum((root / f'out-{fmt}' / f.name).stat().st_size for f in result.files) / 1e6:.0f}"
                             f" MB) | {elapsed:.2f} s | {result.units} |")
            for fmt, translate in (("po", translate_po), ("xliff", translate_xliff)):
                path = root / f"portal.fr.{fmt}"
                ws.export_translations(path, fmt, locales=["fr"])
                translate(path)
                returned[fmt] = path
        for fmt, path in returned.items():
            fresh = copy_workspace(corpus, root / f"import-{fmt}")
            with Workspace.open(fresh) as ws:
                ws.sign_in(USER, PASSWORD)
                start = time.perf_counter()
                report = ws.import_translations([path])
                elapsed = time.perf_counter() - start
            lines.append(f"| import a returned whole-locale file (fr, every unit changed), {fmt}: "
                         f"{len(report.applied)} applied, {len(report.skipped)} skipped, "
                         f"{len(report.conflicts)} in conflict | {elapsed:.2f} s | "
                         f"{len(report.applied) + len(report.skipped) + len(report.conflicts)} |")
    append_results(lines)


if __name__ == "__main__":
    main()

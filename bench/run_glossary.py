"""Benchmarks of the glossary on the portal-scale corpus, written into bench/RESULTS.md.

    python bench/run_glossary.py [--scale 1] [--entries 2000]

Reads the sentences and translations of bench/out/scale-<scale>/workspace (built by `run_foundation.py --keep` if
missing) straight from its SQLite file, read-only, and measures what the quality checks ask of the glossary for
every translation (`required_in` and `has_target` for each required term, `forbidden_in`, `discouraged_in`), with:
- the demo glossary (resources/demo/glossary.tbx, 28 concepts);
- a large synthetic glossary of `--entries` concepts whose Chinese terms are two to five characters cut from the
  corpus's own sentences (so they are found often), each with a term in every locale, a forbidden variant in
  French and German and a discouraged one in English;
and, for the large one, the same matching with one flat alternation of the terms instead of the trie pattern, to
show what the trie buys. Also: importing the large glossary as TBX into a new workspace, reading it back
(`load_glossary`), the cached `Workspace.glossary()` call (one small query), `mt_terms` per sentence, and planning
one cell's machine suggestion with the cached glossary and without it.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run_foundation import add_scale, append_results, ensure_corpus, machine  # noqa: E402
from studio.demo import fill_demo  # noqa: E402
from studio.exchange.tbx import read_tbx, write_tbx  # noqa: E402
from studio.jobs import run_job  # noqa: E402
from studio.locales import LOCALE_CODES  # noqa: E402
from studio.memory import glossary as glossary_module  # noqa: E402
from studio.memory.glossary import Entry, Glossary, Term, TermStatus  # noqa: E402
from studio.mt.suggestions import sentence_of  # noqa: E402
from studio.resources import RESOURCES  # noqa: E402
from studio.workspace import Workspace  # noqa: E402

CHECK_TARGET_S = 10.0  # the whole-workspace quality check (issue 11); the glossary is one part of it


def corpus_cells(workspace: Path) -> list[tuple[str, str, str, str]]:
    """(source text, source locale, target locale, translation) of every translated cell."""
    db = sqlite3.connect(f"file:{workspace / 'studio.db'}?mode=ro", uri=True)
    try:
        return db.execute(
            "SELECT s.text, d.source_locale, c.locale, c.text FROM cells c JOIN segments s ON s.id = c.segment_id "
            "JOIN documents d ON d.id = s.document_id WHERE c.text IS NOT NULL AND c.text != '' "
            "AND d.deleted_at IS NULL").fetchall()
    finally:
        db.close()


def synthetic(sources: list[str], count: int, seed: int = 11) -> Glossary:
    rnd = random.Random(seed)
    chinese = [s for s in sources if sum("\u4e00" <= ch <= "\u9fff" for ch in s) > 6]
    seen: set[str] = set()
    entries = []
    while len(entries) < count:
        text = rnd.choice(chinese)
        size = rnd.randint(2, 5)
        at = rnd.randrange(max(len(text) - size, 1))
        term = text[at:at + size]
        if len(term) < 2 or term in seen or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
            continue
        seen.add(term)
        n = len(entries) + 1
        terms = [Term("zh-Hans", term)] + [Term(loc, f"term{n} {loc}word") for loc in LOCALE_CODES if loc != "zh-Hans"]
        terms += [Term("fr", f"mauvais{n}", TermStatus.FORBIDDEN), Term("de", f"falsch{n}", TermStatus.FORBIDDEN),
                  Term("en", f"wordy phrase {n}", TermStatus.DISCOURAGED)]
        entries.append(Entry(n, tuple(terms)))
    return Glossary(entries)


def check_all(glossary: Glossary, cells: list[tuple[str, str, str, str]]) -> tuple[float, int]:
    """What the glossary checks of issue 11 ask for every cell; (seconds, findings)."""
    found = 0
    start = time.perf_counter()
    for source, source_locale, locale, text in cells:
        for required in glossary.required_in(source, source_locale, locale):
            if not any(glossary.has_target(text, target, locale) for target in required.targets):
                found += 1
        found += len(glossary.forbidden_in(text, locale)) + len(glossary.discouraged_in(text, locale))
    return time.perf_counter() - start, found


def flat_alternation(monkeypatch_module: object) -> None:
    """Swap the trie for one flat alternation of the terms, longest first (what the trie replaces)."""
    def flat(terms: object) -> str:
        return "|".join(re.escape(t).replace(r"\ ", r"[\s\-‐]+") for t in sorted(terms, key=lambda t: (-len(t), t)))
    monkeypatch_module._trie_pattern = flat  # type: ignore[attr-defined]
    monkeypatch_module._compiled.cache_clear()  # type: ignore[attr-defined]


def median_ms(fn: object, runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    add_scale(parser)
    parser.add_argument("--entries", type=int, default=2000)
    args = parser.parse_args()
    workspace = ensure_corpus(args.scale)
    cells = corpus_cells(workspace)
    sources = sorted({c[0] for c in cells})

    demo = Glossary([Entry(i, e.terms, e.note) for i, e in enumerate(read_tbx(RESOURCES / "demo" /
                                                                              "glossary.tbx").entries, 1)])
    demo_s, demo_found = check_all(demo, cells)
    big = synthetic(sources, args.entries)
    compile_start = time.perf_counter()
    for locale in LOCALE_CODES:
        big._index(locale)
    compile_s = time.perf_counter() - compile_start
    # An edit of one French term: a new Glossary value, whose unchanged locales reuse their compiled patterns.
    first = big.entries[0]
    edited = Glossary([Entry(first.id, tuple(Term(t.locale, t.text + "x") if t.locale == "fr" and t.status.approved
                                              else t for t in first.terms)), *big.entries[1:]])
    start = time.perf_counter()
    for locale in LOCALE_CODES:
        edited._index(locale)
    recompile_s = time.perf_counter() - start
    big_s, big_found = check_all(big, cells)
    mt_ms = median_ms(lambda: [big.mt_terms(s, "zh-Hans", "fr") for s in sources[:1000]], 3) / 1000

    trie = glossary_module._trie_pattern
    flat_alternation(glossary_module)
    try:
        flat = synthetic(sources, args.entries)
        flat_s, flat_found = check_all(flat, cells)
    finally:
        glossary_module._trie_pattern = trie
        glossary_module._compiled.cache_clear()
    assert flat_found == big_found, (flat_found, big_found)

    with tempfile.TemporaryDirectory() as tmp:
        tbx = Path(tmp) / "big.tbx"
        write_tbx(tbx, big.entries)
        ws = Workspace.create(Path(tmp) / "ws")
        run_job(fill_demo(ws))  # documents for the one-cell plan below, and the demo glossary
        ws.sign_in("supervisor", "supervisor-demo")
        ws.add_user("bench", ["editor", "supervisor"], "bench-password")
        ws.sign_in("bench", "bench-password")
        start = time.perf_counter()
        report = ws.import_glossary([tbx])
        import_s = time.perf_counter() - start
        ws._glossary_cache = None
        start = time.perf_counter()
        loaded = ws.glossary()
        load_s = time.perf_counter() - start
        cached_ms = median_ms(ws.glossary, 50)
        # What Ctrl+M plans for one cell: with the workspace's cached glossary, and reading it again as before.
        doc = ws.document("work-permit")
        segment = doc.segments[1].id
        with ws._reading() as session:
            given_ms = median_ms(lambda: sentence_of(session, segment, "fr", doc.row.id, False, ws.glossary()), 10)
            reread_ms = median_ms(lambda: sentence_of(session, segment, "fr", doc.row.id, False), 3)
        ws.close()
    assert report.added + report.updated >= args.entries - len(demo) and len(loaded) >= report.added  # some merge with the demo's

    per_cell = lambda seconds: f"{seconds / len(cells) * 1e6:.1f} µs per cell"  # noqa: E731
    append_results([
        f"\n## Glossary, {date.today().isoformat()}",
        "",
        f"Machine: {machine()}.  ",
        f"Corpus: scale {args.scale:g}, {len(cells):,} translated cells of {len(sources):,} distinct source "
        "sentences, read from its SQLite file. Single run each.",
        "",
        "| figure | measured | note |",
        "| --- | --- | --- |",
        f"| the glossary checks of every cell, demo glossary ({len(demo)} concepts) | {demo_s:.2f} s, "
        f"{per_cell(demo_s)} | {demo_found:,} findings |",
        f"| the same, {args.entries:,} synthetic concepts (terms in all nine locales, forbidden and discouraged "
        f"variants) | {big_s:.2f} s, {per_cell(big_s)} | {big_found:,} findings; the whole check's budget is "
        f"{CHECK_TARGET_S:g} s |",
        f"| the same with one flat alternation instead of the trie | {flat_s:.2f} s | the trie is "
        f"{flat_s / big_s:.1f}× faster |",
        f"| building the nine locale patterns of {args.entries:,} concepts | {compile_s * 1000:.0f} ms | on first "
        "use |",
        f"| the same after one French term was edited | {recompile_s * 1000:.0f} ms | only French is compiled "
        "again |",
        f"| `mt_terms` of one sentence ({args.entries:,} concepts) | {mt_ms * 1000:.0f} µs | |",
        f"| importing them as TBX into a new workspace | {import_s:.2f} s | {report.terms_added:,} terms |",
        f"| `Workspace.glossary()` reading them | {load_s * 1000:.0f} ms | after a change |",
        f"| `Workspace.glossary()` unchanged (one small query) | {cached_ms:.2f} ms | median of 50 |",
        f"| planning one cell's machine suggestion (Ctrl+M) with the cached glossary | {given_ms:.1f} ms | "
        f"reading and compiling it again: {reread_ms:.0f} ms |",
    ])


if __name__ == "__main__":
    main()

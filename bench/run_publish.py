"""Benchmark of publishing (issue 10, item 5), written into bench/RESULTS.md.

    python bench/run_publish.py [--guides 300] [--concurrency 8] [--runs 3]

A workspace of 300 procedure guides (and the offices they name) approved in all eight foreign languages (the
portal-scale corpus's shapes, bench/generate_corpus.py) is released to the reference portal on 127.0.0.1, run as
`python -m reference_portal serve` in another process on a fresh data folder each time. Measured:
- composing the release (the gates of every guide in nine locales, the payloads, the release and its outbox);
- pushing it: every core, then every variant (the source's and the eight translations: 2,400 locale variants plus
  the sources and the cores), then the release, `concurrency` requests in flight;
- a bare `requests` loop sending exactly the same requests (the same bodies and preconditions, cores then variants,
  then the release) with the same concurrency, to another fresh portal: the ceiling of what the portal allows.
Studio's push must take at most 60 s and reach at least 70% of the bare loop's throughput. Runs alternate between
the two (the median of `runs` is kept), so that neither gets the machine when it is quieter.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import requests  # noqa: E402
from requests.adapters import HTTPAdapter  # noqa: E402

from bench.generate_corpus import SECTIONS, TARGETS, Writer, _render, _shape  # noqa: E402
from bench.run_foundation import append_results, machine  # noqa: E402
from studio.content.importers import ImportOptions  # noqa: E402
from studio.jobs import run_job  # noqa: E402
from studio.locales import LOCALE_CODES  # noqa: E402
from studio.sync.canonical import canonical_json  # noqa: E402
from studio.sync.config import Connection  # noqa: E402
from studio.workspace import NewAccount, Workspace  # noqa: E402

USER, PASSWORD = "bench", "bench-password"
SCOPES = ("content:read", "content:write", "release:create")


def corpus(guides: int, seed: int = 5) -> list[dict[str, Any]]:
    """Offices and guides with every foreign language approved (imported by a reviewer of all eight)."""
    rng = random.Random(seed)
    writer = Writer(rng)
    offices = [f"office-{i}" for i in range(10)]
    documents = []
    for kind, slug in [*(("office", s) for s in offices), *(("procedure_guide", f"guide-{i}")
                                                            for i in range(guides))]:
        shape = _shape(kind, rng, offices)
        translations = {loc: {"state": "approved", "origin": "human",
                              "fields": _render(shape, lambda k, loc=loc: writer.target(loc, k),
                                                lambda loc=loc: writer.title(loc), source=False)}
                        for loc in TARGETS}
        documents.append({"type": kind, "section": rng.choice(SECTIONS), "slug": slug,
                          "fields": _render(shape, writer.zh, writer.title_zh, source=True),
                          "translations": translations})
    return documents


class Portal:
    """The reference portal in a process of its own, on a fresh data folder."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.process = subprocess.Popen([sys.executable, "-m", "reference_portal", "serve", "--port", "0",
                                         "--data", str(data), "--exit-with-stdin"], cwd=HERE.parent, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        made = subprocess.run([sys.executable, "-m", "reference_portal", "token", "--data", str(data), "--name",
                               "bench", *(a for s in SCOPES for a in ("--scope", s))], cwd=HERE.parent,
                              capture_output=True, text=True, check=True)
        self.token = made.stdout.strip()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(30)


def build_workspace(folder: Path, guides: int) -> Workspace:
    ws = Workspace.create(folder, None, NewAccount(USER, ("supervisor", "editor", "reviewer"), PASSWORD,
                                                  tuple(c for c in LOCALE_CODES if c != "zh-Hans")))
    ws.sign_in(USER, PASSWORD)
    path = folder.parent / "corpus.json"
    path.write_text(json.dumps(corpus(guides), ensure_ascii=False), encoding="utf-8")
    run_job(ws.import_files([path], ImportOptions()))
    return ws


def studio_push(ws: Workspace, portal: Portal, concurrency: int) -> tuple[float, float, int, list[dict[str, Any]]]:
    """Publish the offices (not timed), then compose and push the guides: (compose s, push s, items, requests)."""
    offices = [d.id for d in ws.documents() if d.type == "office"]
    connection = Connection(portal.url, portal.token)
    run_job(ws.push_release_job(ws.compose_release(portal.url, "Offices", documents=offices).release_id, connection))
    start = time.perf_counter()
    composed = ws.compose_release(portal.url, "300 guides in nine languages")
    composing = time.perf_counter() - start
    start = time.perf_counter()
    report = run_job(ws.push_release_job(composed.release_id, connection, concurrency))
    pushing = time.perf_counter() - start
    assert report.published, report.summary
    view = ws.release(composed.release_id)
    requests_sent = [{"document_id": i.document_id, "locale": i.locale} for i in view.items]
    return composing, pushing, len(view.items), requests_sent


def bare_loop(ws: Workspace, release_id: str, portal: Portal, concurrency: int) -> float:
    """The same requests as Studio's push, sent by a plain requests loop: cores, variants, then the release."""
    items = [(i.document_id, i.locale, i.content_hash) for i in ws.release(release_id).items]
    payloads = _payloads(ws, release_id)
    offices = [d.id for d in ws.documents() if d.type == "office"]
    run_job(ws.push_release_job(ws.compose_release(portal.url, "Offices again", documents=offices).release_id,
                                Connection(portal.url, portal.token)))  # the same starting point: offices live
    session = requests.Session()
    session.trust_env = False
    session.headers.update({"Authorization": f"Bearer {portal.token}", "Content-Type": "application/json"})
    session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=concurrency, max_retries=0))

    def put(item: tuple[str, str | None, str]) -> int:
        document_id, locale, _ = item
        path = f"/v1/documents/{document_id}" + (f"/locales/{locale}" if locale else "")
        answer = session.put(portal.url + path, data=payloads[(document_id, locale)],
                             headers={"If-None-Match": "*"}, timeout=(5, 30))
        assert answer.status_code == 201, answer.text
        return int(answer.json()["version"])

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        cores = list(pool.map(put, [i for i in items if i[1] is None]))
        variants = list(pool.map(put, [i for i in items if i[1] is not None]))
    versions = iter([*cores, *variants])
    ordered = [i for i in items if i[1] is None] + [i for i in items if i[1] is not None]
    body = {"title": "bare", "channels": ["portal"],
            "items": [{"document_id": d, "locale": loc, "version": next(versions), "content_hash": h}
                      for d, loc, h in ordered]}
    answer = session.post(portal.url + "/v1/releases", data=canonical_json(body),
                          headers={"Idempotency-Key": f"bare-{time.time()}"}, timeout=(5, 120))
    assert answer.status_code == 201, answer.text
    elapsed = time.perf_counter() - start
    session.close()
    return elapsed


def _payloads(ws: Workspace, release_id: str) -> dict[tuple[str, str | None], bytes]:
    from sqlalchemy import select

    from studio.models import ReleaseItem

    with ws._reading() as session:  # the frozen payloads, exactly the bytes Studio sent
        return {(i.document_id, i.locale): canonical_json(i.payload)
                for i in session.scalars(select(ReleaseItem).where(ReleaseItem.release_id == release_id))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guides", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sweep", default="4,16,32", help="other concurrencies to measure once each (\"\": none)")
    args = parser.parse_args()
    composes, pushes, bares = [], [], []
    items = 0
    with tempfile.TemporaryDirectory(prefix="studio-publish-bench-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        template = build_workspace(root / "template" / "ws", args.guides)
        template.close()
        print(f"workspace of {args.guides} guides built in {time.perf_counter() - start:.1f} s")
        for run in range(args.runs):
            folder = root / f"run-{run}"
            shutil.copytree(root / "template", folder)
            ws = Workspace.open(folder / "ws")
            ws.sign_in(USER, PASSWORD)
            portal = Portal(folder / "portal")
            try:
                composing, pushing, items, _ = studio_push(ws, portal, args.concurrency)
            finally:
                portal.close()
            release_id = ws.releases()[0].id
            other = Portal(folder / "portal-bare")
            try:
                bare = bare_loop(ws, release_id, other, args.concurrency)
            finally:
                other.close()
            ws.close()
            composes.append(composing)
            pushes.append(pushing)
            bares.append(bare)
            print(f"run {run + 1}: compose {composing:.1f} s, push {pushing:.1f} s ({items / pushing:.0f} items/s), "
                  f"bare loop {bare:.1f} s ({items / bare:.0f} items/s)")
        sweep = []
        for concurrency in [int(c) for c in args.sweep.split(",") if c.strip()]:
            folder = root / f"sweep-{concurrency}"
            shutil.copytree(root / "template", folder)
            ws = Workspace.open(folder / "ws")
            ws.sign_in(USER, PASSWORD)
            portal = Portal(folder / "portal")
            try:
                _, pushing, items, _ = studio_push(ws, portal, concurrency)
            finally:
                portal.close()
            other = Portal(folder / "portal-bare")
            try:
                bare_once = bare_loop(ws, ws.releases()[0].id, other, concurrency)
            finally:
                other.close()
            ws.close()
            sweep.append((concurrency, pushing, bare_once))
            print(f"concurrency {concurrency}: push {pushing:.1f} s, bare loop {bare_once:.1f} s")
    compose, push, bare = statistics.median(composes), statistics.median(pushes), statistics.median(bares)
    share = bare / push
    variants = items - 2 * args.guides
    append_results([
        "", f"## Publishing, {date.today().isoformat()}", "",
        f"Machine: {machine()}.  ",
        f"A release of {args.guides} guides approved in the eight foreign languages: {items} items "
        f"({args.guides} cores, {args.guides} source variants, {variants} translated variants), pushed to the "
        f"reference portal on 127.0.0.1 (another process, a fresh data folder each run), {args.concurrency} requests "
        f"in flight; the median of {args.runs} runs, alternating with a bare requests loop sending the same requests "
        "with the same concurrency to another fresh portal.", "",
        "| figure | measured | target |",
        "| --- | --- | --- |",
        f"| compose the release (gates, payloads, release and outbox in one transaction) | {compose:.1f} s | |",
        f"| push it (every write and the release) | {push:.1f} s, {items / push:.0f} items/s | ≤ 60 s "
        f"{'✓' if push <= 60 else '✗'} |",
        f"| the bare requests loop | {bare:.1f} s, {items / bare:.0f} items/s | |",
        f"| Studio's throughput against the bare loop's | {share:.0%} | ≥ 70% {'✓' if share >= 0.7 else '✗'} |",
        *(f"| the same at {c} requests in flight (one run) | push {p:.1f} s, bare loop {b:.1f} s: {b / p:.0%} | |"
          for c, p, b in sweep),
        "",
    ])


if __name__ == "__main__":
    os.environ.setdefault("STUDIO_PORTAL_CONFIG", os.devnull)
    main()

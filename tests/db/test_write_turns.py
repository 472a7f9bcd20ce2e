"""Writes are whole and take turns: a draft is stored with everything that goes with it or not at all, and a
window storing a draft beside a job that writes without pause waits for one of the job's writes, not for ever."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from studio import db
from studio.content.importers import ImportOptions
from studio.errors import WorkspaceBusy, WorkspaceError
from studio.jobs import run_job
from studio.models import CellCount
from studio.workspace import Workspace
from tests.helpers import engine, guide, office, segment_id, write_json

REFUSE_SEARCH_TEXTS = {
    "sqlite": ["CREATE TRIGGER refused BEFORE INSERT ON document_texts BEGIN SELECT RAISE(ABORT, 'disk full'); END"],
    "postgresql": ["CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                   "$f$ BEGIN RAISE EXCEPTION 'disk full'; END $f$",
                   "CREATE TRIGGER refused BEFORE INSERT ON document_texts FOR EACH ROW EXECUTE FUNCTION refuse()"],
}


@pytest.fixture
def permit(workspace: Workspace, tmp_path) -> Workspace:
    run_job(workspace.import_files([write_json(tmp_path / "d.json", [office(), guide("permit")])], ImportOptions()))
    return workspace


def test_a_draft_whose_search_text_cannot_be_written_is_not_stored_either(permit: Workspace):
    ws = permit
    title = segment_id(ws, "title", slug="permit")
    with engine(ws).begin() as conn:  # the database refuses the French search text the draft needs
        for statement in REFUSE_SEARCH_TEXTS[conn.dialect.name]:
            conn.execute(text(statement))
    with Session(engine(ws)) as session:
        counts = session.execute(select(CellCount.document_id, CellCount.locale, CellCount.draft)).all()

    with pytest.raises(WorkspaceError, match="disk full"):
        ws.save_cell(title, "fr", "Permis de travail", None)

    # Nothing of the draft is kept: not the cell (which SQLite once committed at the end of its savepoint), not
    # its count.
    assert ws.cell(title, "fr") is None
    with Session(engine(ws)) as session:
        assert session.execute(select(CellCount.document_id, CellCount.locale, CellCount.draft)).all() == counts


def test_a_draft_stored_beside_a_job_writing_without_pause_waits_for_one_write(sqlite_workspace: Workspace,
                                                                               tmp_path):
    ws = sqlite_workspace
    run_job(ws.import_files([write_json(tmp_path / "d.json", [office(), guide("permit")])], ImportOptions()))
    title, summary = segment_id(ws, "title", slug="permit"), segment_id(ws, "summary", slug="permit")
    job = ws.sibling_opener()()
    stop = threading.Event()
    writes = [0]

    def write_without_pause() -> None:  # a job's batches, one after the other
        version = None
        while not stop.is_set():
            version = job.save_cell(summary, "de", f"Entwurf {writes[0]}", version).version
            writes[0] += 1

    writer = threading.Thread(target=write_without_pause)
    writer.start()
    waits = []
    try:
        ws.limit_write_wait(3.0)
        version = None
        while writes[0] < 3:
            time.sleep(0.01)
        for i in range(10):
            start = time.perf_counter()
            version = ws.save_cell(title, "fr", f"Permis {i}", version).version
            waits.append(time.perf_counter() - start)
            time.sleep(0.02)
    finally:
        stop.set()
        writer.join()
        job.close()
    # A write of the job takes milliseconds; without turns the window could find the database locked at every
    # look and give up after its 3 s.
    assert max(waits) < 1.0, waits
    assert writes[0] > 10  # the job kept writing meanwhile


def test_a_turn_not_given_in_time_is_a_clear_busy_error():
    turns = db.WriteTurns()
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with turns.turn(1.0):
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    start = time.perf_counter()
    with pytest.raises(WorkspaceBusy, match="busy"), turns.turn(0.2):
        pass
    assert 0.15 < time.perf_counter() - start < 2.0
    release.set()
    holder.join()
    with turns.turn(0.2), turns.turn(0.2):  # a write inside a write of the same thread is its own turn
        pass


def test_turns_are_given_in_the_order_asked():
    turns = db.WriteTurns()
    order: list[int] = []
    first = threading.Event()

    def write(n: int) -> None:
        with turns.turn(5.0):
            order.append(n)
            if n == 0:
                first.set()
                time.sleep(0.3)  # the others line up meanwhile

    threads = [threading.Thread(target=write, args=(0,))]
    threads[0].start()
    first.wait(5)
    for n in range(1, 5):
        threads.append(threading.Thread(target=write, args=(n,)))
        threads[-1].start()
        time.sleep(0.03)
    for t in threads:
        t.join()
    assert order == [0, 1, 2, 3, 4]


HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
print("ready", flush=True)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:  # another program writing without pause: short gaps between its writes
    conn.execute("BEGIN IMMEDIATE")
    time.sleep(0.03)
    conn.execute("COMMIT")
    time.sleep(0.004)
"""


def test_a_draft_stored_beside_another_process_writing_without_pause_gets_into_a_gap(sqlite_workspace, tmp_path):
    ws = sqlite_workspace
    run_job(ws.import_files([write_json(tmp_path / "d.json", [office(), guide("permit")])], ImportOptions()))
    title = segment_id(ws, "title", slug="permit")
    ws.limit_write_wait(3.0)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(ws.folder / "studio.db"), "6"],
                              stdout=subprocess.PIPE, text=True)
    waits = []
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        version = None
        for i in range(15):
            start = time.perf_counter()
            version = ws.save_cell(title, "fr", f"Permis {i}", version).version
            waits.append(time.perf_counter() - start)
            time.sleep(0.05)
    finally:
        holder.kill()
        holder.communicate()
    # SQLite's own handler sleeps up to 100 ms between looks and mostly misses a 4 ms gap; looking every 2 ms,
    # a draft waits for about one of the other program's writes.
    assert max(waits) < 0.5, waits

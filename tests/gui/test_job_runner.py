"""Background work as the user sees it: the window stays responsive, progress is readable, Cancel works."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from studio.jobs import Progress
from studio.ui.job_runner import JobRunner
from studio.ui.jobs_panel import JobsPanel


def counting(steps: int, pause: float = 0.01, log: list[float] | None = None, closed: list[bool] | None = None):
    """A real job: `steps` batches of `pause` seconds, yielding progress after each; returns how many it did."""
    try:
        for i in range(steps):
            time.sleep(pause)
            if log is not None:
                log.append(time.monotonic())
            yield Progress(i + 1, steps, f"batch {i + 1}")
    except GeneratorExit:
        if closed is not None:
            closed.append(True)
        raise
    return steps


def failing():
    yield Progress(1, 3, "reading")
    raise ValueError("the file is broken\nat line 7")


def waiting(event: threading.Event):
    yield Progress(0, 0, "waiting for the portal")
    while not event.wait(0.01):
        yield Progress(0, 0, "waiting for the portal")
    return "released"


@pytest.fixture
def runner(qtbot):
    runner = JobRunner()
    yield runner
    runner.cancel_all()
    assert runner.wait_all(5000)


def test_a_job_runs_in_the_background_while_the_window_keeps_working(qtbot, runner):
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(handle.state))
    timer.start()
    job_threads = []

    def factory():
        job_threads.append(threading.current_thread())
        return counting(30)

    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        handle = runner.start("Counting", factory)
    timer.stop()
    assert ticks.count("running") >= 5  # the main thread handled its timer while the job ran
    assert job_threads and job_threads[0] is not threading.main_thread()  # the factory ran on the worker
    assert handle.state == "done"


def test_progress_arrives_about_ten_times_a_second_and_ends_with_the_final_counts(qtbot, runner):
    seen = []
    runner.job_progressed.connect(lambda h: seen.append((time.monotonic(), h.done, h.total, h.message)))
    began = time.monotonic()
    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        handle = runner.start("Counting", lambda: counting(30))
    elapsed = time.monotonic() - began
    assert 1 <= len(seen) <= 12 * elapsed + 1  # 30 yields, but only about ten reports a second (plus the last)
    assert seen[-1][1:] == (30, 30, "batch 30")
    assert (handle.done, handle.total, handle.message) == (30, 30, "batch 30")
    dones = [s[1] for s in seen]
    assert dones == sorted(dones)


def test_the_result_arrives_on_the_main_thread(qtbot, runner):
    got = []
    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        runner.start("Counting", lambda: counting(5), on_done=lambda r: got.append((r, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(5, threading.main_thread())]


def test_an_exception_arrives_as_a_value_on_the_main_thread(qtbot, runner):
    failures = []
    done = []
    with qtbot.waitSignal(runner.job_finished, timeout=5000) as finished:
        runner.start("Import", failing, on_done=done.append,
                     on_failed=lambda e: failures.append((e, threading.current_thread())))
    handle = finished.args[0]
    assert handle.state == "failed"
    assert handle.error == "the file is broken\nat line 7"
    assert len(failures) == 1
    error, thread = failures[0]
    assert isinstance(error, ValueError) and str(error) == "the file is broken\nat line 7"
    assert thread is threading.main_thread()
    assert done == []
    assert (handle.done, handle.total) == (1, 3)


def test_a_factory_that_cannot_open_its_workspace_fails_the_job(qtbot, runner):
    def factory():
        raise FileNotFoundError("no workspace at /nowhere")

    failures = []
    with qtbot.waitSignal(runner.job_finished, timeout=5000) as finished:
        runner.start("Import", factory, on_failed=failures.append)
    assert finished.args[0].state == "failed"
    assert [str(e) for e in failures] == ["no workspace at /nowhere"]


def test_cancel_in_the_panel_stops_the_job_at_its_next_yield(qtbot, runner):
    panel = JobsPanel(runner)
    qtbot.addWidget(panel)
    steps: list[float] = []
    closed: list[bool] = []
    outcomes = []
    handle = runner.start("Pre-translate", lambda: counting(1000, 0.01, steps, closed),
                          on_done=outcomes.append, on_failed=outcomes.append)
    row = panel.row_for(handle)
    qtbot.waitUntil(lambda: handle.done >= 3, timeout=5000)
    assert row.cancel_button.isEnabled()
    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        cancelled_at = time.monotonic()
        qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
    assert handle.state == "cancelled"
    assert closed == [True]  # the generator was closed at a yield, so its cleanup ran
    assert sum(t > cancelled_at for t in steps) <= 1  # at most the batch already under way when Cancel was clicked
    assert len(steps) < 1000
    assert outcomes == []  # cancelling is not a failure, and there is no result
    assert row.outcome_label.text() == "cancelled"
    assert not row.cancel_button.isEnabled()


def test_a_job_cancelled_before_a_thread_is_free_never_starts(qtbot, runner):
    release = threading.Event()
    blockers = [runner.start(f"Blocker {i}", lambda: waiting(release)) for i in range(2)]
    made = []
    queued = runner.start("Queued", lambda: made.append(1) or counting(3))
    queued.cancel()
    release.set()
    qtbot.waitUntil(lambda: queued.state != "running", timeout=5000)
    assert queued.state == "cancelled"
    assert made == []
    qtbot.waitUntil(lambda: all(b.state == "done" for b in blockers), timeout=5000)


def test_the_panel_lists_each_job_with_its_outcome_until_cleared(qtbot, runner):
    panel = JobsPanel(runner)
    qtbot.addWidget(panel)
    assert panel.empty_label.isVisibleTo(panel)
    release = threading.Event()
    with qtbot.waitSignals([runner.job_finished, runner.job_finished], timeout=5000):
        waiting_job = runner.start("Push release", lambda: waiting(release))
        done_job = runner.start("Import 2 files", lambda: counting(1234 // 100))
        failed_job = runner.start("Export XLIFF", failing)
    assert not panel.empty_label.isVisibleTo(panel)
    assert [r.title_label.text() for r in panel.rows()] == ["Push release", "Import 2 files", "Export XLIFF"]
    done_row, failed_row, waiting_row = (panel.row_for(h) for h in (done_job, failed_job, waiting_job))
    assert done_row.outcome_label.text() == "done"
    assert done_row.counts_label.text() == "12 / 12"
    assert failed_row.outcome_label.text() == "failed: the file is broken"
    assert failed_row.outcome_label.toolTip() == "the file is broken\nat line 7"
    assert not done_row.cancel_button.isEnabled() and not failed_row.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: waiting_job.message == "waiting for the portal")
    assert waiting_row.cancel_button.isEnabled()
    assert (waiting_row.progress_bar.minimum(), waiting_row.progress_bar.maximum()) == (0, 0)  # busy: total unknown
    assert waiting_row.message_label.text() == "waiting for the portal"

    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert [r.title_label.text() for r in panel.rows()] == ["Push release"]
    assert not panel.clear_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: waiting_row.outcome_label.text() == "done", timeout=5000)


def test_counts_and_time_left_are_readable(qtbot, runner):
    panel = JobsPanel(runner)
    qtbot.addWidget(panel)
    release = threading.Event()

    def half_way():
        yield Progress(0, 5000, "")
        yield Progress(1234, 5000, "translating into Korean")
        release.wait(5)
        return None

    handle = runner.start("Machine translation", half_way)
    qtbot.waitUntil(lambda: handle.done == 1234, timeout=5000)
    row = panel.row_for(handle)
    assert row.counts_label.text() == "1,234 / 5,000"
    assert row.message_label.text() == "translating into Korean"
    # At the rate since the job's first yield, 3,766 units left take about three times as long as 1,234 did.
    eta_now = handle.eta_seconds()
    eta_later = handle.eta_seconds(now=time.monotonic() + 1.0)
    assert eta_now is not None and eta_later is not None
    assert eta_later - eta_now == pytest.approx(3766 / 1234, rel=0.01)
    qtbot.waitUntil(lambda: row.eta_label.text().startswith("about "), timeout=3000)
    assert row.eta_label.text().endswith(" left")
    release.set()
    qtbot.waitSignal(runner.job_finished, timeout=5000).wait()
    assert handle.eta_seconds() is None
    assert row.eta_label.text() == ""


def test_time_left_is_unknown_without_a_total(qtbot, runner):
    release = threading.Event()
    handle = runner.start("Waiting", lambda: waiting(release))
    qtbot.waitUntil(lambda: handle.message != "", timeout=5000)
    assert handle.eta_seconds() is None
    release.set()


@pytest.mark.slow
def test_only_work_longer_than_half_a_second_is_announced_as_long(qtbot, runner):
    with qtbot.assertNotEmitted(runner.job_became_long, wait=700):
        short = runner.start("Short", lambda: counting(5, 0.01))
    assert short.state == "done"
    with qtbot.waitSignal(runner.job_became_long, timeout=2000) as became_long:
        long = runner.start("Long", lambda: counting(20, 0.05))
    assert became_long.args == [long]
    assert long.state == "running"
    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        pass
    assert long.state == "done"
    assert runner.running() == []


def test_wait_all_delivers_every_outcome_before_the_window_closes(qtbot, runner):
    got = []
    for i in range(3):
        runner.start(f"Job {i}", lambda: counting(3), on_done=got.append)
    assert runner.wait_all(5000)
    assert got == [3, 3, 3]
    assert runner.running() == []

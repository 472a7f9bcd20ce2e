"""The one way the UI runs long work: `studio.jobs` generators on a small thread pool, reported on the main thread.

Threading hazard, and why `start()` takes a factory instead of a job: a `Workspace` (its session, its cached
rows) is not thread-safe and no ORM object may cross threads. The factory is called on the worker thread and
must build everything the job touches there. Callers capture only plain values (the workspace's location,
the signed-in `Actor`, ids, paths) and let the job open its own workspace as the same user, e.g.::

    open_sibling = ws.sibling_opener()  # plain values only: the location and the signed-in user

    def import_in_background(paths: list[Path]) -> Job[Changes]:
        with open_sibling() as own:  # runs on the worker thread, like everything in this body
            return (yield from own.import_files(paths, ImportOptions()))

    runner.start(title, lambda: import_in_background(paths), on_done=window.apply)

`on_worker(ws, make)` below builds such a factory.

What the job yields (`Progress`) and returns (its result) must be plain values too: they are handed to the
main thread as they are.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, QTimer, Signal

from studio.jobs import Cancelled, Job, JobControl, Progress, run_job

if TYPE_CHECKING:  # the runner itself knows nothing of workspaces; only this helper's signature names one
    from studio.workspace import Workspace

R = TypeVar("R")

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_MS = 100  # about ten updates a second is as fast as anyone can read
LONG_AFTER_S = 0.5  # shorter work finishes before a panel or dialog would be worth showing

RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"


class JobHandle(Generic[R]):
    """What the main thread knows about one job. Lives on the main thread only; updated by the runner.

    `done`, `total` and `message` are the last progress delivered (total 0: unknown). `state` is one of
    "running", "done", "failed", "cancelled"; `error` is the failure's text. `cancel()` is safe to call at
    any time: the job stops at its next yield (or before it starts) and ends as "cancelled".
    """

    def __init__(self, job_id: int, title: str, control: JobControl) -> None:
        self.id = job_id
        self.title = title
        self.started = time.monotonic()
        self.done = 0
        self.total = 0
        self.message = ""
        self.state = RUNNING
        self.error = ""
        self.finished_at: float | None = None
        self._control = control
        self._first_sample: tuple[float, int] | None = None  # (when, done) of the job's first yield

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    @property
    def cancel_requested(self) -> bool:
        return self._control.cancelled

    def cancel(self) -> None:
        self._control.cancel()

    def eta_seconds(self, now: float | None = None) -> float | None:
        """Seconds left at the rate measured since the job's first yield; None while that is unknown.

        Measuring from the first yield rather than from `started` leaves out the time spent waiting for a
        thread and opening the workspace, which would otherwise make every estimate too pessimistic.
        """
        if self.state != RUNNING or self.total <= 0 or self._first_sample is None:
            return None
        if self.done >= self.total:
            return 0.0
        since, done_then = self._first_sample
        elapsed = (time.monotonic() if now is None else now) - since
        if self.done <= done_then or elapsed <= 0:
            return None
        return elapsed * (self.total - self.done) / (self.done - done_then)

    def _apply(self, progress: Progress, first_sample: tuple[float, int] | None) -> None:
        self.done, self.total, self.message = progress.done, progress.total, progress.message
        self._first_sample = first_sample

    def __repr__(self) -> str:
        return f"<JobHandle {self.id} {self.title!r} {self.state} {self.done}/{self.total}>"


class _Worker:
    """The worker-thread side of one job. Shares only the control and the latest progress with the main thread."""

    def __init__(self, handle: JobHandle[Any], factory: Callable[[], Job[Any]],
                 report: Callable[[int, str, object], None],
                 on_done: Callable[[Any], None] | None, on_failed: Callable[[BaseException], object] | None) -> None:
        self.handle = handle
        self.on_done = on_done
        self.on_failed = on_failed
        self.delivered: Progress | None = None  # main thread only
        self._factory = factory
        self._report = report
        self._control = handle._control
        self._lock = threading.Lock()
        self._latest: Progress | None = None
        self._first: tuple[float, int] | None = None

    def latest(self) -> tuple[Progress | None, tuple[float, int] | None]:
        """The newest progress, and when (monotonic) the job first yielded and how much it had done then."""
        with self._lock:
            return self._latest, self._first

    def _store(self, progress: Progress) -> None:
        # Only the newest value is kept: the main thread samples it at its own pace, so a job yielding a
        # hundred thousand times never floods the event queue, and a job that stalls after a yield still
        # has that yield shown.
        with self._lock:
            self._latest = progress
            if self._first is None:
                self._first = (time.monotonic(), progress.done)

    def run(self) -> None:
        try:
            self._control.check()
            result = run_job(self._factory(), self._store, self._control)
        except Cancelled:
            self._report(self.handle.id, CANCELLED, None)
        except BaseException as exc:  # errors are values: the main thread decides what to show
            self._report(self.handle.id, FAILED, exc)
        else:
            self._report(self.handle.id, DONE, result)


class JobRunner(QObject):
    """Runs jobs on its own pool of two threads and reports on the main thread.

    Signals carry the `JobHandle`: `job_started` when `start()` accepts a job, `job_progressed` at most
    about ten times a second per job (the last progress is always delivered before the end),
    `job_finished` once with the final state, and `job_became_long` once for a job still running half a
    second after it started, so the window can show its jobs panel only for work worth watching.

    Before the runner (or the window owning it) goes away, call `cancel_all()` and `wait_all()`: a worker
    still running would report to a deleted object.
    """

    job_started = Signal(object)
    job_progressed = Signal(object)
    job_finished = Signal(object)
    job_became_long = Signal(object)
    _worker_reported = Signal(int, str, object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        # A pool of our own, not the global one: wait_all() then waits for our jobs only, and two threads
        # keep long work from starving the rest of the machine.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._workers: dict[int, _Worker] = {}
        self._long_reported: set[int] = set()
        self._ticker = QTimer(self)
        self._ticker.setInterval(PROGRESS_INTERVAL_MS)
        self._ticker.timeout.connect(self._sample)
        # Explicitly queued: the slot runs on the main thread even though the signal is emitted by a worker.
        self._worker_reported.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    def start(self, title: str, factory: Callable[[], Job[R]], on_done: Callable[[R], None] | None = None,
              on_failed: Callable[[BaseException], object] | None = None) -> JobHandle[R]:
        """Run the job `factory()` makes on a worker thread; `factory` itself is called there (see the module).

        `on_done(result)` or `on_failed(exception)` is then called on the main thread; a cancelled job calls
        neither. A failure with no `on_failed` is logged, so it is never silent.
        """
        handle: JobHandle[R] = JobHandle(next(self._ids), title, JobControl())
        worker = _Worker(handle, factory, self._worker_reported.emit, on_done, on_failed)
        self._workers[handle.id] = worker
        self.job_started.emit(handle)
        self._pool.start(worker.run)
        if not self._ticker.isActive():
            self._ticker.start()
        return handle

    def running(self) -> list[JobHandle[Any]]:
        return [w.handle for w in self._workers.values()]

    def cancel_all(self) -> None:
        for worker in self._workers.values():
            worker.handle.cancel()

    def wait_all(self, timeout_ms: int = 30_000) -> bool:
        """Block until every job has ended and been reported (callbacks run); True if none is left running.

        Blocks the main thread: meant for tests and for closing the window, after `cancel_all()`.
        """
        self._pool.waitForDone(timeout_ms)
        # The workers' reports are queued calls waiting in the event queue: deliver just those.
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return not self._workers

    def _sample(self) -> None:
        now = time.monotonic()
        for worker in list(self._workers.values()):
            self._deliver_latest(worker)
            handle = worker.handle
            if handle.id not in self._long_reported and now - handle.started >= LONG_AFTER_S:
                self._long_reported.add(handle.id)
                self.job_became_long.emit(handle)
        if not self._workers:
            self._ticker.stop()

    def _deliver_latest(self, worker: _Worker) -> None:
        progress, first = worker.latest()
        if progress is not None and progress is not worker.delivered:
            worker.delivered = progress
            worker.handle._apply(progress, first)
            self.job_progressed.emit(worker.handle)

    def _finish(self, job_id: int, state: str, value: object) -> None:
        worker = self._workers.pop(job_id, None)
        if worker is None:
            return
        self._long_reported.discard(job_id)
        self._deliver_latest(worker)
        handle = worker.handle
        handle.state = state
        handle.finished_at = time.monotonic()
        if isinstance(value, BaseException):
            handle.error = str(value) or type(value).__name__
        if not self._workers:
            self._ticker.stop()
        self.job_finished.emit(handle)
        if state == DONE and worker.on_done is not None:
            worker.on_done(value)
        elif state == FAILED and isinstance(value, BaseException):
            if worker.on_failed is not None:
                worker.on_failed(value)
            else:
                log.error("job %r failed", handle.title, exc_info=value)


def on_worker(ws: Workspace, make: Callable[[Workspace], Job[R]]) -> Callable[[], Job[R]]:
    """A factory for `JobRunner.start`: on the worker thread, it opens the same workspace as the same user
    (`Workspace.sibling_opener`) and runs `make` on it, closing it afterwards. Only plain values cross the thread."""
    open_sibling = ws.sibling_opener()

    def factory() -> Job[R]:
        own = open_sibling()

        def job() -> Job[R]:
            try:
                return (yield from make(own))
            finally:
                own.close()
        return job()
    return factory

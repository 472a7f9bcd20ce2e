"""The one protocol for long work: a generator that yields `Progress` and returns its result.

The caller drives the generator; cancelling means calling `cancel()` on the `JobControl` it passed in,
which the job notices at its next yield. Jobs hold no ORM objects across yields that another thread
could touch: they open their own session and return plain values.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Progress:
    """How far a job is: `done` of `total` units (total 0 when unknown), and what it is doing now."""

    done: int
    total: int
    message: str = ""

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total else None


class Cancelled(Exception):
    """Raised inside a job at a yield point after its control was cancelled; nothing it did is kept."""


class JobControl:
    """Shared between the thread that runs a job and the one that may cancel it."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()


Job = Generator[Progress, None, R]


def run_job(job: Job[R], on_progress: Callable[[Progress], None] | None = None,
            control: JobControl | None = None) -> R:
    """Drive `job` to its end on this thread, reporting progress; raises `Cancelled` if cancelled."""
    try:
        while True:
            progress = next(job)
            if control is not None and control.cancelled:
                job.close()
                raise Cancelled()
            if on_progress is not None:
                on_progress(progress)
    except StopIteration as stop:
        return stop.value

"""The job protocol: progress as it goes, the result at the end, and cancelling at a yield."""

from __future__ import annotations

import pytest

from studio.jobs import Cancelled, Job, JobControl, Progress, run_job


def counting(n: int, cleaned: list[str]) -> Job[int]:
    try:
        for i in range(n):
            yield Progress(i, n, f"item {i}")
        return n * 10
    finally:
        cleaned.append("closed")


def test_a_job_reports_progress_and_returns_its_result():
    seen: list[Progress] = []
    assert run_job(counting(3, []), seen.append) == 30
    assert [p.done for p in seen] == [0, 1, 2]
    assert seen[1].fraction == pytest.approx(1 / 3)


def test_a_cancelled_job_stops_at_its_next_yield_and_cleans_up():
    control = JobControl()
    cleaned: list[str] = []
    seen: list[Progress] = []

    def cancel_after_first(p: Progress) -> None:
        seen.append(p)
        control.cancel()

    with pytest.raises(Cancelled):
        run_job(counting(100, cleaned), cancel_after_first, control)
    assert len(seen) == 1
    assert cleaned == ["closed"]

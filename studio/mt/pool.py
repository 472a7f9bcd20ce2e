"""Many batches through one engine, at most `engine.limits.concurrency` at once, cancellable between batches.

The threads are this call's own and all have ended when it returns or raises: a batch in flight ends by the
deadline (every request's timeouts are shortened to it), so a stalled engine never leaves threads behind. The
online engines also bound their own requests in flight (`studio.mt.http`), whichever pools call them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from studio.jobs import Cancelled
from studio.mt.engine import Deadline, Engine, Request


def translate_each(engine: Engine, batches: Sequence[Sequence[Request]], source: str, target: str,
                   deadline: Deadline, cancelled: Callable[[], bool] | None = None
                   ) -> Iterator[tuple[int, list[str]]]:
    """(batch index, translations) as each batch is answered, in the order they finish. A batch starts only while
    `cancelled()` is false; once it is true the batches in flight finish and `Cancelled` is raised. The first
    `EngineError` stops new batches and is raised once those in flight have ended."""
    width = max(1, engine.limits.concurrency)
    pending = iter(enumerate(batches))
    with ThreadPoolExecutor(max_workers=width, thread_name_prefix=f"mt-{engine.name}") as pool:
        in_flight: dict[Future[list[str]], int] = {}

        def start() -> None:
            while len(in_flight) < width and not (cancelled and cancelled()):
                index, batch = next(pending, (-1, None))
                if batch is None:
                    return
                in_flight[pool.submit(engine.translate, batch, source, target, deadline)] = index

        start()
        failure: BaseException | None = None
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                index = in_flight.pop(future)
                error = future.exception()
                if error is not None:
                    failure = failure or error
                elif failure is None:
                    yield index, future.result()
            if failure is None:
                start()
        if failure is not None:
            raise failure
        if cancelled and cancelled() and next(pending, None) is not None:
            raise Cancelled()


def translate_all(engine: Engine, batches: Sequence[Sequence[Request]], source: str, target: str,
                  deadline: Deadline, cancelled: Callable[[], bool] | None = None) -> list[list[str]]:
    """The translations of every batch, in the order of `batches`; see `translate_each`."""
    results: list[list[str]] = [[] for _ in batches]
    for index, translated in translate_each(engine, batches, source, target, deadline, cancelled):
        results[index] = translated
    return results

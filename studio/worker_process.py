"""A workspace job in a process of its own, for the window's longest work (a whole-portal pre-translation).

A job on a thread of the window's process shares its interpreter: every stretch it holds the interpreter lock,
and every full pass of the cycle collector over the objects it made (which stops every thread), stands the
window still. In a child process the job has an interpreter and a heap of its own; the window only receives
its progress over a pipe. `in_process` makes a job of the window's process that stands in for the child's: it
yields the child's progress, returns its result, raises its error, and a cancel of it cancels the child's job
at its next step (which then ends as the job would on a thread).

The child opens the workspace again as the same user (`SiblingOpener`), calls the named `Workspace` method with
the given arguments (plain values, pickled), and runs the job it returns. Its writes meet the window's through
the database's own lock (`db.WriteTurns` serves one process only).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from studio.errors import StudioError
from studio.jobs import Job, Progress
from studio.workspace import SiblingOpener

R = TypeVar("R")

_POLL = 0.1  # seconds between two looks at the pipe: the cancel point of the job standing in
_CANCEL_WAIT = 10.0  # seconds a cancelled child has to close its job (requests end at once) before it is killed


def in_process(opener: SiblingOpener, method: str, *args: Any, **kwargs: Any) -> Callable[[], Job[Any]]:
    """A factory for the window's job runner: the job `getattr(workspace, method)(*args, **kwargs)` run in a
    child process (see the module's docstring). Its arguments must pickle."""

    def job() -> Job[Any]:
        opener.checked()  # the opening's check runs in this process: the child writes after it
        context = multiprocessing.get_context("spawn")  # no copy of the window's threads and Qt objects
        ours, theirs = context.Pipe()
        child = context.Process(target=_serve, args=(opener, method, args, kwargs, theirs), daemon=True,
                                name=f"studio-{method}")
        child.start()
        theirs.close()
        ended = False
        last = Progress(0, 0, "starting")
        try:
            while True:
                if not ours.poll(_POLL):
                    if not child.is_alive() and not ours.poll():
                        raise _died(child)
                    yield last  # a cancel point while the child works between two reports
                    continue
                try:
                    kind, value = ours.recv()
                except EOFError:
                    raise _died(child) from None
                if kind == "progress":
                    last = value
                    yield value
                elif kind == "done":
                    ended = True
                    return value
                else:
                    ended = True
                    raise StudioError(value)
        finally:
            if not ended:  # cancelled here (or failed): the child closes its job and leaves
                with suppress(OSError):  # it has left already
                    ours.send(("cancel", None))
            child.join(_CANCEL_WAIT)  # it has said its last word, or been told to stop
            if child.is_alive():
                child.kill()
                child.join()
            ours.close()
    return job


def _died(child: Any) -> StudioError:
    child.join(_CANCEL_WAIT)
    return StudioError(f"the job's process ended unexpectedly (exit code {child.exitcode}); what it had finished "
                       "is kept: run it again to go on")


def _serve(opener: SiblingOpener, method: str, args: tuple[Any, ...], kwargs: dict[str, Any],
           conn: Connection) -> None:
    """The child's side: run the job, report each step, stop at a cancel."""
    try:
        with opener() as ws:
            job = getattr(ws, method)(*args, **kwargs)
            try:
                while True:
                    progress = next(job)
                    if conn.poll() and conn.recv()[0] == "cancel":
                        job.close()
                        return
                    conn.send(("progress", progress))
            except StopIteration as stop:
                conn.send(("done", stop.value))
    except StudioError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # a bug: the window says it in one line; the rest goes to the child's stderr
        traceback.print_exc()
        conn.send(("error", f"the job failed: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()
        # Now, not when the requests a cancel left on their threads end by their timeouts: the interpreter's exit
        # would wait for them. Everything written is committed; nothing else is left to do.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

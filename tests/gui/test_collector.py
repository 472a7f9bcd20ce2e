"""The cycle collector runs on the GUI thread only (`studio.ui.app.MainThreadCollector`): a widget caught in a
reference cycle must never be destroyed on a job runner's pool thread while the GUI thread paints."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QRunnable, QThreadPool
from PySide6.QtWidgets import QWidget

from studio.content.search import _collector_paused
from studio.ui.app import MainThreadCollector, collect_on_gui_thread


class _Noted(QWidget):
    def __init__(self, where: list[str]) -> None:
        super().__init__()
        self.where = where
        self.me = [self]  # a reference cycle: only the collector frees it

    def __del__(self) -> None:
        self.where.append(threading.current_thread().name)


class _Allocating(QRunnable):
    """A job that makes many containers and returns them, as a glossary load does."""

    def __init__(self, results: list[object]) -> None:
        super().__init__()
        self.results = results

    def run(self) -> None:
        self.results.append([[i] for i in range(300_000)])


def test_a_widget_in_a_cycle_is_collected_on_the_gui_thread_not_on_a_pool_thread(qapp, qtbot):
    collector = collect_on_gui_thread(qapp)
    assert not gc.isenabled()
    where: list[str] = []
    _Noted(where)
    pool = QThreadPool.globalInstance()
    results: list[object] = []
    pool.start(_Allocating(results))
    pool.waitForDone()
    assert where == []  # the pool thread allocated past every threshold, and collected nothing
    qtbot.waitUntil(lambda: bool(where), timeout=2000)  # the timer's next look collects it
    assert where == [threading.main_thread().name]
    assert collector is collect_on_gui_thread(qapp)  # one per application


def test_the_collector_collects_young_generations_and_full_passes_rarely(qapp):
    collector = collect_on_gui_thread(qapp)
    gc.collect()
    assert collector.check() == -1  # nothing allocated since
    results = []
    for _ in range(40):
        junk = [[i] for i in range(2_000)]
        results.append(collector.check())
        del junk
    assert 0 in results and 1 in results
    assert results.count(2) <= 1  # at most one full pass in FULL_EVERY seconds


def test_a_thread_pausing_the_collector_does_not_turn_it_on(qapp):
    assert not gc.isenabled()  # kept off by the GUI thread's collector
    done = threading.Event()

    def work() -> None:
        with _collector_paused():
            pass
        done.set()

    threading.Thread(target=work).start()
    assert done.wait(5)
    assert not gc.isenabled()


def test_overlapping_pauses_resume_only_when_the_last_leaves():
    gc.enable()
    try:
        first_in, second_in, first_out, second_check = (threading.Event() for _ in range(4))
        seen: list[bool] = []

        def first() -> None:
            with _collector_paused():
                first_in.set()
                second_in.wait(5)
            first_out.set()

        def second() -> None:
            first_in.wait(5)
            with _collector_paused():
                second_in.set()
                first_out.wait(5)
                seen.append(gc.isenabled())  # the first has left: still paused for this one
            second_check.set()

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        assert seen == [False]
        assert gc.isenabled()
    finally:
        gc.disable()  # as the GUI tests' collector keeps it


def test_stop_turns_automatic_collection_on_again(qapp):
    collector = MainThreadCollector(qapp)
    try:
        assert not gc.isenabled()
    finally:
        collector.stop()
        collector.setParent(None)
    assert gc.isenabled()
    gc.disable()  # the folder's own collector is still running

"""Cyclic garbage is freed on the GUI thread, never by a database worker that happens to allocate."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

pytestmark = pytest.mark.gui


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_a_cycle_is_collected_on_the_gui_thread_while_a_worker_allocates(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.worker import DbWorker

    assert not gc.isenabled()  # the conftest installed the app's collector, as ui/app.py does
    freed_on: list[str] = []
    node = _Node()
    weakref.finalize(node, lambda: freed_on.append(threading.current_thread().name))
    del node

    worker = DbWorker()
    kept: list[object] = []
    # 300,000 new containers on the worker: with automatic collection on, gen-0 passes run there and free
    # the cycle on the worker's thread
    worker.submit("alloc", lambda: [[i] for i in range(300_000)], kept.append)
    assert worker.wait_idle()
    worker.stop()
    assert kept and len(kept[0]) == 300_000  # type: ignore[arg-type]
    assert freed_on == []  # nothing collected it yet: not the worker

    more = [[i] for i in range(5_000)]  # the GUI thread's own allocations pass gen 0's threshold
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)  # the timer runs every second
    assert freed_on == [threading.main_thread().name]
    assert len(more) == 5_000


def test_the_gui_threads_collector_waits_while_a_bulk_operation_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A national import pauses collection (a full pass over its heap would freeze the window)."""
    from scorecard.collector import no_cycle_collection

    freed: list[bool] = []
    with no_cycle_collection():
        node = _Node()
        weakref.finalize(node, lambda: freed.append(True))
        del node
        more = [[i] for i in range(5_000)]  # past gen 0's threshold: the timer would collect
        qtbot.wait(2_500)  # two ticks at least
        assert freed == []
    qtbot.waitUntil(lambda: bool(freed), timeout=5_000)
    assert len(more) == 5_000

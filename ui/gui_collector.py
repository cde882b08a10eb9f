"""Cyclic garbage is collected on the GUI thread only.

Python's cyclic collector runs in whichever thread allocates when a threshold is crossed.  A window or
dialog caught in a reference cycle (a lambda holding it, a closure connected to a signal) is then freed
by a database worker in the middle of its job, and Qt objects are deleted off the GUI thread: CI saw a
segmentation fault while a worker built pandas frames, and a hang with both threads idle.  So once Qt
runs, automatic collection is off and the GUI thread collects on a timer (pyqtgraph's GarbageCollector,
the remedy Qt's Python users settled on).  Reference counting still frees at once whatever holds no cycle.
"""

from __future__ import annotations

from typing import Any

_collector: list[Any] = []  # the one collector; its timer lives as long as the process


def collect_on_gui_thread() -> None:
    """Call on the GUI thread once the QApplication exists; later calls do nothing."""
    if not _collector:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector.append(GarbageCollector(interval=1.0))

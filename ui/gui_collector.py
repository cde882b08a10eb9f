"""Cyclic garbage is collected on the GUI thread only.

Python's cyclic collector runs in whichever thread allocates when a threshold is crossed.  A window or
dialog caught in a reference cycle (a lambda holding it, a closure connected to a signal) is then freed
by a database worker in the middle of its job, and Qt objects are deleted off the GUI thread: CI saw a
segmentation fault while a worker built pandas frames, and a hang with both threads idle.  So once Qt
runs, automatic collection is off and the GUI thread collects on a timer, generation by generation with
Python's own thresholds: the remedy Qt's Python users settled on (pyqtgraph's GarbageCollector), written
out here because importing pyqtgraph for it put half a second on every start (issue 17).
Reference counting still frees at once whatever holds no cycle.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer

from scorecard.collector import collection_paused

_timer: list[QTimer] = []  # the one collector's timer; it lives as long as the process


def collect_on_gui_thread(interval_ms: int = 1000) -> None:
    """Call on the GUI thread once the QApplication exists; later calls do nothing."""
    if _timer:
        return
    thresholds = gc.get_threshold()
    gc.disable()
    timer = QTimer()
    timer.timeout.connect(lambda: _collect(thresholds))
    timer.start(interval_ms)
    _timer.append(timer)


def _collect(thresholds: tuple[int, ...]) -> None:
    """What the automatic collector would have done since the last tick: each generation past its threshold,
    unless a bulk operation asked it to wait (a full pass over a national import's heap holds the GIL for
    a second: the window would freeze)."""
    if collection_paused():
        return
    for generation, (count, threshold) in enumerate(zip(gc.get_count(), thresholds, strict=True)):
        if count <= threshold:
            return
        gc.collect(generation)

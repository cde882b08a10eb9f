"""One worker thread for database work (Anki's taskman): the GUI hands it a callable, the answer comes
back by signal with the ticket it was asked under, and an answer to a question nobody is waiting for
any more (the user picked another unit meanwhile) is dropped.  Workers never touch widgets.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class _Runner(QObject):
    done = Signal(str, int, object)
    failed = Signal(str, int, object)

    @Slot(str, int, object)
    def run(self, channel: str, ticket: int, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as exc:  # every failure goes back to the GUI, which says it to the user
            log.error("background job %s failed:\n%s", channel, traceback.format_exc())
            self.failed.emit(channel, ticket, exc)
        else:
            self.done.emit(channel, ticket, result)


class DbWorker(QObject):
    """``submit(channel, job, on_done, on_error)``: the latest ticket of each channel wins."""

    _ask = Signal(str, int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("gpr-db-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._ask.connect(self._runner.run)
        self._runner.done.connect(self._answer)
        self._runner.failed.connect(self._failure)
        self._tickets: dict[str, int] = {}
        self._callbacks: dict[str, tuple[Callable[[Any], None], Callable[[Exception], None] | None]] = {}
        self.pending = 0
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # a thread still running when Qt tears down aborts the process
            app.aboutToQuit.connect(self.stop)

    def submit(
        self,
        channel: str,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        ticket = self._tickets.get(channel, 0) + 1
        self._tickets[channel] = ticket
        self._callbacks[channel] = (on_done, on_error)
        self.pending += 1
        self._ask.emit(channel, ticket, job)
        return ticket

    def is_current(self, channel: str, ticket: int) -> bool:
        return self._tickets.get(channel) == ticket

    @Slot(str, int, object)
    def _answer(self, channel: str, ticket: int, result: object) -> None:
        self.pending -= 1
        if not self.is_current(channel, ticket):
            log.debug("dropped a stale answer on %s (ticket %d)", channel, ticket)
            return
        self._callbacks[channel][0](result)

    @Slot(str, int, object)
    def _failure(self, channel: str, ticket: int, exc: object) -> None:
        self.pending -= 1
        on_error = self._callbacks[channel][1]
        if self.is_current(channel, ticket) and on_error is not None and isinstance(exc, Exception):
            on_error(exc)

    def stop(self) -> None:
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(30_000)

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Process events until every answer is in (scripts and tests; the app never blocks on it)."""
        import time

        deadline = time.monotonic() + timeout_s
        while self.pending and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.001)  # Python's sleep lets go of the GIL for sure: the worker's job needs it
        return not self.pending

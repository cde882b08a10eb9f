"""A dialog's own database worker, stopped when the dialog finishes (a QThread still running when its
owner is collected aborts the process) and started again if the dialog is shown again.

A plain mixin, listed before the Qt class (``class X(OwnsWorker, QDialog)``): two Qt classes in one
inheritance chain would confuse PySide's construction."""

from __future__ import annotations

from typing import Any

from ui.worker import DbWorker


class OwnsWorker:
    worker: DbWorker
    _worker_stopped = False

    def start_worker(self) -> None:
        self.worker = DbWorker(self)  # type: ignore[arg-type]  # self is the QDialog
        self._worker_stopped = False

    @property
    def busy(self) -> bool:
        """True while the worker still owes an answer (tests wait on it)."""
        return not self._worker_stopped and self.worker.pending > 0

    def showEvent(self, event: Any) -> None:  # noqa: N802
        if self._worker_stopped:
            self.start_worker()
        super().showEvent(event)  # type: ignore[misc]

    def closeEvent(self, event: Any) -> None:  # noqa: N802  (a dialog never shown closes without done())
        self.stop_worker()
        super().closeEvent(event)  # type: ignore[misc]

    def done(self, result: int) -> None:
        self.stop_worker()
        super().done(result)  # type: ignore[misc]

    def stop_worker(self) -> None:
        if not self._worker_stopped:
            self.worker.stop()
            self._worker_stopped = True

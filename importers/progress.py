"""Progress and cancel for long imports, without Qt: the GUI passes a callback and sets ``cancelled``
from its thread; the importer reports meaningful steps and checks the flag between chunks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scorecard.errors import UserError

STEPS = ("check", "read", "parse", "resolve", "validate", "write", "done")


class Cancelled(UserError):
    """The caller cancelled; the transaction was rolled back, nothing was written."""

    def __init__(self) -> None:
        super().__init__("import.cancelled")


@dataclass
class Progress:
    """``callback(step, done, total)`` is called at each step and every chunk; set ``cancelled`` to stop."""

    callback: Callable[[str, int, int], None] | None = None
    cancelled: bool = False

    def step(self, name: str, done: int = 0, total: int = 0) -> None:
        if self.cancelled:
            raise Cancelled()
        if self.callback is not None:
            self.callback(name, done, total)

    def cancel(self) -> None:
        self.cancelled = True

"""The one question every editing screen asks before its unsaved edits would be lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def may_discard(parent: QWidget, title: str, question: str, save: Callable[[], bool]) -> bool:
    """Save / Discard / Cancel: True when the edits were saved or the user chose to drop them."""
    answer = QMessageBox.question(parent, title, question, Button.Save | Button.Discard | Button.Cancel, Button.Save)
    if answer == Button.Save:
        return save()
    return answer == Button.Discard

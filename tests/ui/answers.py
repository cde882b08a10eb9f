"""The answer a test gives to QMessageBox.question, and what the app asked."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox


def answer_questions(monkeypatch: pytest.MonkeyPatch, choice: QMessageBox.StandardButton) -> list[str]:
    """From now on every question is answered ``choice``; the list fills with the questions' texts."""
    asked: list[str] = []

    def ask(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return choice

    monkeypatch.setattr(QMessageBox, "question", ask)
    return asked

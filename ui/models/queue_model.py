"""The planner's review queue of one month: a row per unit with its state, completeness and timeliness."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from scorecard.formatting import percent
from scorecard.workflow import QueueRow
from ui.i18n import QT_TR_NOOP, tr
from ui.models.base import LangTableModel
from ui.theme import error_colour, state_colour
from ui.workflow_words import level_word, state_word

Index = QModelIndex | QPersistentModelIndex
StateRole = Qt.ItemDataRole.UserRole + 20
QueueUnitRole = Qt.ItemDataRole.UserRole + 21

CODE, NAME, LEVEL, STATE, COMPLETENESS, SUBMITTED, TIMELINESS, REASON, FLAGGED = range(9)


def local_time(at: dt.datetime | None) -> str:
    """A stored UTC time as the user's clock reads it."""
    if at is None:
        return "—"
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class QueueModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Código"),
        QT_TR_NOOP("Unidad"),
        QT_TR_NOOP("Nivel"),
        QT_TR_NOOP("Estado"),
        QT_TR_NOOP("Tasa de reporte"),
        QT_TR_NOOP("Enviado"),
        QT_TR_NOOP("Oportunidad"),
        QT_TR_NOOP("Motivo"),
        QT_TR_NOOP("Fuera de lo esperado"),  # count figures of the month outside their unit's band
    )

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.rows: list[QueueRow] = []
        self.flagged: dict[str, int] | None = None  # read after the rows, on the worker

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)  # the core orders them: waiting for review first
        self.flagged = None
        self.endResetModel()

    def set_flagged(self, flagged: dict[str, int]) -> None:
        self.flagged = dict(flagged)
        if self.rows:
            self.dataChanged.emit(self.index(0, FLAGGED), self.index(len(self.rows) - 1, FLAGGED))

    def row_count(self) -> int:
        return len(self.rows)

    def row(self, index: int) -> QueueRow:
        return self.rows[index]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, column = self.rows[index.row()], index.column()
        if role == StateRole:
            return r.state
        if role == QueueUnitRole:
            return r.unit
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return QColor(state_colour(r.state))
        if role == Qt.ItemDataRole.ForegroundRole and column == TIMELINESS and r.on_time is False:
            return QColor(error_colour())
        if role == Qt.ItemDataRole.ToolTipRole and column == REASON and r.reason:
            return r.reason
        if role == Qt.ItemDataRole.ToolTipRole and column == FLAGGED:
            return tr("Cifras de conteo del mes fuera de lo esperado según los 24 meses anteriores de su unidad")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COMPLETENESS, SUBMITTED, TIMELINESS, FLAGGED):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, r: QueueRow, column: int) -> str:
        if column == CODE:
            return r.unit
        if column == NAME:
            return r.unit_name
        if column == LEVEL:
            return level_word(r.level)
        if column == STATE:
            return state_word(r.state)
        if column == COMPLETENESS:
            return f"{percent(r.completeness, self.lang)}  ({r.results_filed}/{r.results_due})"
        if column == SUBMITTED:
            return local_time(r.submitted_at)
        if column == TIMELINESS:
            if r.on_time is None:
                return "—"
            return tr("A tiempo") if r.on_time else tr("Tarde")
        if column == FLAGGED:
            return "…" if self.flagged is None else str(self.flagged.get(r.unit, 0))
        return (r.reason or "").replace("\n", " ")

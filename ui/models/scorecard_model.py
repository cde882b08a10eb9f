"""The scorecard as a table model: one row per objective, followed by its indicators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from scorecard.domain import IndicatorLine, ObjectiveLine, ScorecardView, Status
from scorecard.formatting import number, percent, status_word
from ui.i18n import Words
from ui.models.base import WordsTableModel
from ui.status_icons import status_icon

StatusRole = Qt.ItemDataRole.UserRole + 1  # the Status of the row
SortRole = Qt.ItemDataRole.UserRole + 2  # the raw number behind a formatted cell
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    objective: ObjectiveLine
    indicator: IndicatorLine | None  # None: the objective's own row


class ScorecardModel(WordsTableModel):
    HEADERS = ("Código", "Nombre", "Resultado", "Meta", "Cumplimiento", "Semáforo")

    def __init__(self, words: Words) -> None:
        super().__init__(words)
        self.rows: list[Row] = []

    def set_view(self, view: ScorecardView | None) -> None:
        self.beginResetModel()
        self.rows = []
        for o in view.objectives if view else ():
            self.rows.append(Row(o, None))
            self.rows += [Row(o, i) for i in o.indicators]
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        lang = self.words.lang
        status: Status = row.indicator.status if row.indicator else row.objective.status
        if role == StatusRole:
            return status
        if role == Qt.ItemDataRole.FontRole and row.indicator is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and col == 5:
            return status_icon(status.key, lang)
        if role == Qt.ItemDataRole.ToolTipRole and row.indicator and row.indicator.numerator is not None:
            i = row.indicator
            return f"{number(i.numerator, lang)} / {number(i.denominator, lang)}"
        if role not in (Qt.ItemDataRole.DisplayRole, SortRole):
            return None
        if row.indicator is None:
            o = row.objective
            display = [o.code, o.name, "", "", percent(o.score, lang), status_word(o.status, lang)]
            raw = [o.code, o.name, None, None, o.score, int(o.status)]
        else:
            i = row.indicator
            target = f"{number(i.band[0], lang)}–{number(i.band[1], lang)}" if i.band else number(i.target, lang)
            display = [
                "    " + i.code,
                i.name,
                number(i.value, lang),
                target,
                percent(i.performance, lang),
                status_word(i.status, lang),
            ]
            raw = [i.code, i.name, i.value, i.target, i.performance, int(i.status)]
        return display[col] if role == Qt.ItemDataRole.DisplayRole else raw[col]

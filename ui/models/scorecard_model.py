"""The scorecard as a table model: one row per objective, followed by its indicators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from scorecard.domain import IndicatorLine, ObjectiveLine, ScorecardView, Status
from scorecard.formatting import number, percent, status_word
from ui.i18n import QT_TR_NOOP, tr
from ui.models.base import LangTableModel
from ui.models.change_cells import NOT_MINE, change_cell, change_text, previous_period_words
from ui.models.signal_cells import signal_cell
from ui.status_icons import status_icon
from ui.theme import warning_colour

if TYPE_CHECKING:
    from scorecard.history import YearHistory

StatusRole = Qt.ItemDataRole.UserRole + 1  # the Status of the row
SortRole = Qt.ItemDataRole.UserRole + 2  # the raw number behind a formatted cell
SparklineRole = Qt.ItemDataRole.UserRole + 5  # (values, targets) of the 12 months, NaN where none
IndicatorCodeRole = Qt.ItemDataRole.UserRole + 6  # the indicator of the row (None on objective rows)
SourcesRole = Qt.ItemDataRole.UserRole + 7  # "open" (sources disagree), "certified" or None
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    objective: ObjectiveLine
    indicator: IndicatorLine | None  # None: the objective's own row


class ScorecardModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Código"),
        QT_TR_NOOP("Nombre"),
        QT_TR_NOOP("Resultado"),
        QT_TR_NOOP("Año anterior"),
        QT_TR_NOOP("Cambio"),
        QT_TR_NOOP("Meta"),
        QT_TR_NOOP("Cumplimiento"),
        QT_TR_NOOP("Semáforo"),
        QT_TR_NOOP("Señal"),
        QT_TR_NOOP("Últimos 12 meses"),
    )
    VALUE_COLUMN, PREVIOUS_COLUMN, CHANGE_COLUMN, STATUS_COLUMN, SIGNAL_COLUMN, SPARK_COLUMN = 2, 3, 4, 7, 8, 9

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.rows: list[Row] = []
        self.history: YearHistory | None = None
        self.period_words = ""  # what "a year earlier" is, for the tooltips: "2024-10", "2024-10 (acum.)"
        self.marks: dict[str, dict[str, Any]] = {}  # indicator code → the core's reconciliation row

    def set_marks(self, marks: dict[str, dict[str, Any]]) -> None:
        """The indicators with a second source or a certification (arrives after the scorecard)."""
        self.marks = dict(marks)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))

    def mark(self, code: str | None) -> str | None:
        row = self.marks.get(code or "")
        if row is None:
            return None
        if row["open"]:
            return "open"
        return "certified" if row["certified"] is not None else None

    def _indicator_extras(self, i: IndicatorLine, role: int, col: int) -> Any:
        """The cells an indicator line adds to the plain ones: sources' marks and year-on-year change."""
        mark = self.mark(i.code)
        if role == SourcesRole:
            return mark
        if mark and col in (self.VALUE_COLUMN, self.STATUS_COLUMN):
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._mark_tip(i.code)
            if role == Qt.ItemDataRole.ForegroundRole and col == self.VALUE_COLUMN and mark == "open":
                return QBrush(QColor(warning_colour()))
            if role == Qt.ItemDataRole.DisplayRole and col == self.VALUE_COLUMN:
                return ("⚠ " if mark == "open" else "✔ ") + number(i.value, self.lang)
        if col in (self.PREVIOUS_COLUMN, self.CHANGE_COLUMN):
            return change_cell(i, role, self.lang, self.period_words, col)
        if col == self.SIGNAL_COLUMN and role != SortRole:
            return signal_cell(i, role, self.lang)  # signal or chance: empty where none applies
        return NOT_MINE

    def _mark_tip(self, code: str) -> str:
        row = self.marks[code]
        if self.mark(code) == "open":
            return tr("Las fuentes no coinciden") + (
                " — " + tr("revisión pendiente de una cifra certificada") if row["pending"] else ""
            )
        return tr("Cifra certificada: {value}", value=number(row["certified"], self.lang))

    def set_history(self, history: YearHistory | None) -> None:
        """The year behind the sparklines; arrives after the scorecard (it takes longer to compute)."""
        self.history = history
        if self.rows:
            column = self.SPARK_COLUMN
            self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column), [SparklineRole])

    def sparkline(self, code: str) -> tuple[list[float], list[float]] | None:
        h = self.history
        if h is None or code not in h.indicator_codes:
            return None
        k = h.index(code)
        return [float(x) for x in h.value[k, 0]], [float(x) for x in h.target[k, 0]]

    def set_view(self, view: ScorecardView | None) -> None:
        self.beginResetModel()
        self.period_words = previous_period_words(view) if view else ""
        self.marks = {}
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
        lang = self.lang
        status: Status = row.indicator.status if row.indicator else row.objective.status
        if role == StatusRole:
            return status
        if role == IndicatorCodeRole:
            return row.indicator.code if row.indicator else None
        if role == SparklineRole:
            return self.sparkline(row.indicator.code) if row.indicator else None
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.STATUS_COLUMN:
            return status_word(status, lang)
        if row.indicator is not None:
            shown = self._indicator_extras(row.indicator, role, col)
            if shown is not NOT_MINE:
                return shown
        if role == Qt.ItemDataRole.FontRole and row.indicator is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3, 4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATUS_COLUMN:
            return status_icon(status.key, lang)
        if role == Qt.ItemDataRole.ToolTipRole and row.indicator and row.indicator.numerator is not None:
            i = row.indicator
            return f"{number(i.numerator, lang)} / {number(i.denominator, lang)}"
        if role not in (Qt.ItemDataRole.DisplayRole, SortRole):
            return None
        if row.indicator is None:
            o = row.objective
            display = [o.code, o.name, "", "", "", "", percent(o.score, lang), status_word(o.status, lang), "", ""]
            raw = [o.code, o.name, None, None, None, None, o.score, int(o.status), None, None]
        else:
            i = row.indicator
            target = f"{number(i.band[0], lang)}–{number(i.band[1], lang)}" if i.band else number(i.target, lang)
            display = [
                "    " + i.code,
                i.name,
                number(i.value, lang),
                number(i.previous_value, lang),
                change_text(i, lang),
                target,
                percent(i.performance, lang),
                status_word(i.status, lang),
                "",
                "",
            ]
            raw = [
                i.code,
                i.name,
                i.value,
                i.previous_value,
                i.change_pct,
                i.target,
                i.performance,
                int(i.status),
                i.p_worse,
                None,
            ]
        return display[col] if role == Qt.ItemDataRole.DisplayRole else raw[col]

"""The scorecard table's two year-on-year cells: last year's figure, and the change with an arrow whose
colour follows the indicator's polarity (a fall in homicides is good news, a fall in cases solved is not)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from scorecard import year_on_year
from scorecard.domain import IndicatorLine, ScorecardView
from scorecard.formatting import number
from scorecard.year_on_year import signed_number, signed_percent
from ui.i18n import tr
from ui.theme import error_colour, good_colour

NOT_MINE = object()  # the role is left to the table's usual handling
PREVIOUS, CHANGE = 3, 4  # the columns of ui.models.scorecard_model
SortRole = Qt.ItemDataRole.UserRole + 2  # as ui.models.scorecard_model


def previous_period_words(view: ScorecardView) -> str:
    """The period a year before the view's, as users write it (``2024-10``; year to date marked)."""
    code = view.period
    earlier = f"{int(code[:4]) - 1}{code[4:]}" if code[:4].isdigit() else code
    return earlier + (" (" + tr("acumulado") + ")" if view.ytd else "")


def verdict(line: IndicatorLine) -> int:
    return year_on_year.verdict(line.polarity, line.change)


def change_text(line: IndicatorLine, lang: str) -> str:
    return year_on_year.arrow_text(line.change, line.change_pct, lang)


def explain(line: IndicatorLine, lang: str, period: str) -> str:
    if line.previous_value is None:
        return tr("Sin cifra en el mismo periodo del año anterior ({period}).", period=period)
    if line.change is None:
        return tr("Año anterior ({period}): {value}", period=period, value=number(line.previous_value, lang))
    words = {1: tr("mejora"), -1: tr("empeora"), 0: ""}[verdict(line)]
    text = tr(
        "Año anterior ({period}): {previous} → ahora {value}; cambio {change} ({pct})",
        period=period,
        previous=number(line.previous_value, lang),
        value=number(line.value, lang),
        change=signed_number(line.change, lang),
        pct=signed_percent(line.change_pct, lang),
    )
    return f"{text} — {words}" if words else text


def change_cell(line: IndicatorLine, role: int, lang: str, period: str, column: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return number(line.previous_value, lang) if column == PREVIOUS else change_text(line, lang)
    if role == SortRole:
        return line.previous_value if column == PREVIOUS else line.change_pct
    if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
        return explain(line, lang, period)
    if role == Qt.ItemDataRole.ForegroundRole and column == CHANGE and verdict(line):
        return QBrush(QColor(good_colour() if verdict(line) > 0 else error_colour()))
    return NOT_MINE

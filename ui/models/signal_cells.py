"""Signal or chance (statistics.md §1) in the scorecard: the «Señal» cell beside the status — a small mark
(▲ worse than chance, ≈ within chance, ▼ better than expected) whose tooltip gives the two Poisson tails
as the line has them: «P(≥ 3 | esperado 1,75) = 25,6 %»."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from scorecard.domain import IndicatorLine, Kind, Polarity
from scorecard.formatting import number, percent
from ui.i18n import QT_TR_NOOP, tr
from ui.theme import error_colour, good_colour, muted_colour

MARKS = {"worse": "▲", "chance": "≈", "better": "▼"}
SHORT = {"worse": QT_TR_NOOP("peor"), "chance": QT_TR_NOOP("azar"), "better": QT_TR_NOOP("mejor")}
LONG = {
    "worse": QT_TR_NOOP("peor de lo esperado por azar"),
    "chance": QT_TR_NOOP("dentro del azar"),
    "better": QT_TR_NOOP("mejor de lo esperado"),
}


def signal_text(signal: str | None) -> str:
    """«▲ peor», «≈ azar», «▼ mejor»: mark and word, so it reads without colour; empty without a signal."""
    if signal not in MARKS:
        return ""
    return f"{MARKS[signal]} {tr(SHORT[signal])}"


def signal_brush(signal: str | None) -> QBrush | None:
    if signal == "worse":
        return QBrush(QColor(error_colour()))
    if signal == "better":
        return QBrush(QColor(good_colour()))
    if signal == "chance":
        return QBrush(muted_colour())
    return None


def observed_expected(line: IndicatorLine) -> tuple[float, float] | None:
    """O and E of §1: the count and the target (a count), or the numerator and target × denominator / factor
    (a ratio: E = target × numerator / value, the factor cancelling out); None where they cannot be told."""
    if line.target is None:
        return None
    if line.kind is Kind.RATIO:
        if line.numerator is None or not line.value:
            return None
        return line.numerator, line.target * line.numerator / line.value
    if line.value is None:
        return None
    return line.value, line.target


def tails_text(line: IndicatorLine, lang: str) -> str:
    """«P(≥ 3 | esperado 1,75) = 25,6 %» for the worse tail, then the better one (the line's own values)."""
    worse_tail, better_tail = ("≤", "≥") if line.polarity is Polarity.HIGHER_IS_BETTER else ("≥", "≤")
    oe = observed_expected(line)
    out = []
    for tail, p in ((worse_tail, line.p_worse), (better_tail, line.p_better)):
        if p is None:
            continue
        if oe is None:
            out.append(f"P = {percent(p, lang)}")
        else:
            expected = tr("esperado {value}", value=number(round(oe[1], 2), lang))
            out.append(f"P({tail} {number(oe[0], lang)} | {expected}) = {percent(p, lang)}")
    return "\n".join(out)


def signal_cell(line: IndicatorLine, role: int, lang: str) -> Any:
    """The «Señal» column's data for ``role``; None where the line has no signal."""
    signal = line.signal
    if signal not in MARKS:
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return signal_text(signal)
    if role == Qt.ItemDataRole.ForegroundRole:
        return signal_brush(signal)
    if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
        tip = tr(LONG[signal]).capitalize()
        tails = tails_text(line, lang)
        return f"{tip}\n{tails}" if tails and role == Qt.ItemDataRole.ToolTipRole else tip
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignCenter)
    return None

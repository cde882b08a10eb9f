"""A delegate painting an indicator's 12 months from ``SparklineRole``: the result as a line with a dot
on the last filed month, the target as a dashed grey line."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models.scorecard_model import SparklineRole
from ui.theme import muted_colour

Index = QModelIndex | QPersistentModelIndex


def _path(values: list[float], rect: QRect, low: float, high: float) -> tuple[QPainterPath, QPointF | None]:
    path = QPainterPath()
    span = (high - low) or 1.0
    step = rect.width() / 11
    last: QPointF | None = None
    pen_down = False
    for m, v in enumerate(values):
        if math.isnan(v):
            pen_down = False
            continue
        point = QPointF(rect.left() + m * step, rect.bottom() - (v - low) / span * rect.height())
        if pen_down:
            path.lineTo(point)
        else:
            path.moveTo(point)
        pen_down, last = True, point
    return path, last


class SparklineDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        data = index.data(SparklineRole)
        if not data:
            return
        values, targets = data
        finite = [x for x in (*values, *targets) if not math.isnan(x)]
        if not finite:
            return
        low, high = min(0.0, *finite), max(finite)
        rect = option.rect.adjusted(6, 5, -6, -5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        target_path, _ = _path(targets, rect, low, high)
        painter.setPen(QPen(muted_colour(option.palette), 1, Qt.PenStyle.DashLine))
        painter.drawPath(target_path)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.highlightedText().color() if selected else option.palette.text().color()
        value_path, last = _path(values, rect, low, high)
        painter.setPen(QPen(colour, 1.6))
        painter.drawPath(value_path)
        if last is not None:
            painter.setBrush(colour)
            painter.drawEllipse(last, 2.2, 2.2)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802, ARG002  (Qt's signature)
        return QSize(120, 24)

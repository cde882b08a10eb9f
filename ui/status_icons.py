"""Status lights: a coloured disc with the status letter on it, so the status reads without colour too."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from scorecard.formatting import status_letter

COLOURS = {
    "green": "#2e7d32",
    "yellow": "#f2b705",
    "red": "#c62828",
    "no_data": "#757575",
    "not_due": "#b0bec5",
    "no_target": "#8d6e63",
}


@cache
def status_icon(key: str, lang: str, size: int = 22) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(COLOURS[key]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    letter = status_letter(key, lang)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.5 if len(letter) == 1 else 0.38)))
    painter.setFont(font)
    painter.setPen(QColor("#1b1b1b" if key in ("yellow", "not_due") else "#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)

"""Status lights: a coloured disc with the status letter on it, so the status reads without colour too."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from scorecard.formatting import status_letter
from ui.theme import DARK_LETTER, STATUS, is_dark

COLOURS = {key: light for key, (light, _dark) in STATUS.items()}  # on a light background


def status_icon(key: str, lang: str, size: int = 22) -> QIcon:
    """The status disc for the palette in use (lighter discs on a dark background)."""
    return _icon(key, lang, size, is_dark())


@cache
def _icon(key: str, lang: str, size: int, dark: bool) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(STATUS[key][1 if dark else 0]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    letter = status_letter(key, lang)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.5 if len(letter) == 1 else 0.38)))
    painter.setFont(font)
    painter.setPen(QColor("#1b1b1b" if key in DARK_LETTER or (dark and key != "red") else "#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)

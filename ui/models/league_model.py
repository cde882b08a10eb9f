"""The units below, ranked by score (a CompStat-style league table)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from scorecard.domain import UnitLine
from scorecard.formatting import percent, status_word
from ui.i18n import QT_TR_NOOP
from ui.models.base import LangTableModel
from ui.models.scorecard_model import SortRole, StatusRole
from ui.status_icons import status_icon

Index = QModelIndex | QPersistentModelIndex
UnitCodeRole = Qt.ItemDataRole.UserRole + 3


class LeagueModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Nº"),
        QT_TR_NOOP("Código"),
        QT_TR_NOOP("Unidad"),
        QT_TR_NOOP("Puntaje"),
        QT_TR_NOOP("Semáforo"),
        QT_TR_NOOP("Tasa de reporte"),
    )

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.units: list[UnitLine] = []

    def set_units(self, units: tuple[UnitLine, ...]) -> None:
        self.beginResetModel()
        self.units = list(units)  # the core ranks them: best score first
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.units)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.units):
            return None
        u = self.units[index.row()]
        lang = self.lang
        if role == StatusRole:
            return u.status
        if role == UnitCodeRole:
            return u.code
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 4:
            return status_word(u.status, lang)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 4:
            return status_icon(u.status.key, lang)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                str(index.row() + 1),
                u.code,
                u.name,
                percent(u.score, lang),
                status_word(u.status, lang),
                percent(u.completeness, lang),
            ][index.column()]
        if role == SortRole:
            return [index.row(), u.code, u.name, u.score, int(u.status), u.completeness][index.column()]
        return None

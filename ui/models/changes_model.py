"""The import preview's table: each unit-month whose figure the import would change, old → new."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import QT_TR_NOOP, locale_for, tr
from ui.models.base import LangTableModel
from ui.operations.import_kinds import Change

Index = QModelIndex | QPersistentModelIndex
OLD, NEW, DELTA, INDICATOR, QUALITY = 3, 4, 5, 6, 7
FLAG_WORDS = {  # importers.quality's flags, as a reviewer says them
    "improbable_high": QT_TR_NOOP("Improbablemente alto"),
    "improbable_low": QT_TR_NOOP("Improbablemente bajo"),
    "zero_after_run": QT_TR_NOOP("Cero tras una racha"),
    "share_over_one": QT_TR_NOOP("Porcentaje sobre 100 %"),
    "unstable_rate": QT_TR_NOOP("Tasa inestable"),
}


class ChangesModel(LangTableModel):
    HEADERS = (
        QT_TR_NOOP("Código"),
        QT_TR_NOOP("Unidad"),
        QT_TR_NOOP("Mes"),
        QT_TR_NOOP("Antes"),
        QT_TR_NOOP("Después"),
        QT_TR_NOOP("Diferencia"),
        QT_TR_NOOP("Indicador"),  # templates and long tables only; the view hides it otherwise
        QT_TR_NOOP("Calidad"),  # the figure's data-quality flags, their detail as tooltip
    )

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.changes: list[Change] = []

    def set_changes(self, changes: list[Change]) -> None:
        self.beginResetModel()
        self.changes = list(changes)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.changes)

    def _number(self, value: float | None) -> str:
        if value is None:
            return "—"
        return locale_for(self.lang).toString(float(value), "f", 0 if float(value).is_integer() else 2)

    def _flags(self, c: Change) -> str:
        return " · ".join(tr(FLAG_WORDS.get(f, f)) for f, _detail in c.flags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.changes):
            return None
        c = self.changes[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and OLD <= column <= DELTA:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            delta = None if c.old is None or c.new is None else c.new - c.old
            sign = "+" if delta is not None and delta > 0 else ""
            shown = (c.unit_code, c.unit_name, c.month, self._number(c.old), self._number(c.new))
            return [*shown, sign + self._number(delta), c.indicator or "", self._flags(c)][column]
        if role == Qt.ItemDataRole.ToolTipRole and column == QUALITY and c.flags:
            return "\n".join(f"{tr(FLAG_WORDS.get(f, f))}: {detail}" for f, detail in c.flags)
        if role == Qt.ItemDataRole.UserRole:  # the raw figures, for sorting and tests
            return [c.unit_code, c.unit_name, c.month, c.old, c.new, None, c.indicator, [f for f, _ in c.flags]][column]
        return None
